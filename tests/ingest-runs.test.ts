// Runs as an operator meets them: loading twice changes nothing, a later extract
// updates, overlapping runs are refused, a run killed midway leaves the previous
// warehouse serving, and the CLI reports with the documented JSON and exit codes.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../core/config.ts';
import { loadReference } from '../core/reference.ts';
import { acquireLock, RunRefused } from '../core/warehouse.ts';
import { generate } from '../pipelines/generate/index.ts';
import { TEST_KEY, createSandbox, queryWarehouse, runFiles, vacanciesCsv, type Sandbox } from './helpers/pipeline.ts';

let sandbox: Sandbox;
beforeEach(() => { sandbox = createSandbox(); });
afterEach(() => sandbox.cleanup());

const count = async (table: string) => (await queryWarehouse<{ n: number }>(sandbox.db, `SELECT count(*)::INTEGER AS n FROM ${table}`))[0].n;

describe('idempotency and updates', () => {
  it('skips content it has loaded, under the same or another name', async () => {
    const csv = vacanciesCsv([{}, {}, {}]);
    await runFiles(sandbox, { 'vacancies_a.csv': csv });
    const again = await runFiles(sandbox, { 'vacancies_a.csv': csv, 'vacancies_copy.csv': csv });
    expect(again.files.map((f) => f.status)).toEqual(['skipped', 'skipped']);
    expect(await count('vacancy')).toBe(3);
    expect(await count('loaded_file')).toBe(1);
    expect(await count('run')).toBe(2);
  });

  it('lets a later extract that repeats an id update that record, skills included', async () => {
    await runFiles(sandbox, { 'vacancies_1.csv': vacanciesCsv([{ vacancy_id: 'V1', status: 'open', skills: 'las' }, { vacancy_id: 'V2' }]) });
    await runFiles(sandbox, { 'vacancies_2.csv': vacanciesCsv([{ vacancy_id: 'V1', status: 'filled', closed_date: '2025-03-20', skills: 'Microsoft Excel' }]) });
    const rows = await queryWarehouse(sandbox.db, "SELECT vacancy_id, status, closed_date::VARCHAR AS closed FROM vacancy ORDER BY vacancy_id");
    expect(rows).toEqual([{ vacancy_id: 'V1', status: 'filled', closed: '2025-03-20' }, { vacancy_id: 'V2', status: 'open', closed: null }]);
    const skills = await queryWarehouse<{ skill_id: string }>(sandbox.db, "SELECT skill_id FROM vacancy_skill WHERE vacancy_id = 'V1'");
    expect(skills.map((s) => s.skill_id)).toEqual(['microsoft-excel']);
  });
});

describe('concurrency and crashes', () => {
  it('refuses a second run while one holds the lock, and takes over a lock left by a dead process', async () => {
    const release = acquireLock(sandbox.db);
    await expect(runFiles(sandbox, { 'vacancies.csv': vacanciesCsv([{}]) })).rejects.toThrow(RunRefused);
    release();
    fs.mkdirSync(path.dirname(sandbox.db), { recursive: true });
    fs.writeFileSync(`${sandbox.db}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, started: '2025-01-01T00:00:00Z' }));
    const result = await runFiles(sandbox, { 'vacancies.csv': vacanciesCsv([{}]) });
    expect(result.status).toBe('succeeded');
    expect(fs.existsSync(`${sandbox.db}.lock`)).toBe(false);
  });

  it('keeps the previous warehouse published when a run is killed midway, and the next run succeeds', async () => {
    await runFiles(sandbox, { 'vacancies_first.csv': vacanciesCsv([{}, {}]) });
    const big = path.join(sandbox.dir, 'big');
    // Small enough to be quick: the kill follows the first file's log line, not a timer, so the
    // run is midway whatever its size (the other files and every mart are still to come).
    await generate({ vacancies: 6_000, seekers: 12_000, months: 3, end: '2025-06', seed: 5, out: big, format: 'csv' }, loadReference());
    const env = { ...process.env, SINERGI_PSEUDONYM_KEY: TEST_KEY, SINERGI_LOG_LEVEL: 'info', SINERGI_MEMORY_LIMIT: '1GB' };
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'sinergi.js'), 'run', '--input', big, '--db', sandbox.db], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Kill it right after its first file is loaded into the building warehouse.
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => { if (chunk.toString().includes('"file ingested"')) { child.kill('SIGKILL'); resolve(); } });
      child.on('exit', () => resolve());
    });
    await new Promise((resolve) => child.on('exit', resolve));
    expect(child.signalCode).toBe('SIGKILL');
    expect(fs.existsSync(`${sandbox.db}.lock`)).toBe(true);
    expect(await count('vacancy')).toBe(2);
    expect(await count('placement')).toBe(0);

    const next = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'sinergi.js'), 'run', '--input', big, '--db', sandbox.db, '--json'], { env: { ...env, SINERGI_LOG_LEVEL: 'warn' }, encoding: 'utf8' });
    expect(next.status).toBe(0);
    expect(JSON.parse(next.stdout).status).toBe('succeeded');
    expect(await count('vacancy')).toBeGreaterThan(5_900);
    expect(fs.existsSync(`${sandbox.db}.building`)).toBe(false);
  }, 240_000); // a liveness bound: it generates 6 k vacancies over 3 months and loads them twice, in two CLI processes
});

describe('sinergi run --json', () => {
  it('prints the documented shape and exits 0, 2 when a file is rejected', () => {
    fs.writeFileSync(path.join(sandbox.input, 'vacancies_ok.csv'), vacanciesCsv([{}, { openings: '0' }]));
    const env = { ...process.env, SINERGI_PSEUDONYM_KEY: TEST_KEY, SINERGI_LOG_LEVEL: 'warn' };
    const cli = (args: string[]) => spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'sinergi.js'), ...args], { env, encoding: 'utf8' });
    const ok = cli(['run', '--input', sandbox.input, '--db', sandbox.db, '--json']);
    expect(ok.status).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['run_id', 'status', 'files', 'coverage']));
    expect(report.files).toEqual([{
      file: 'vacancies_ok.csv', kind: 'vacancies', status: 'loaded', rows_read: 2, rows_loaded: 1, rows_quarantined: 1, error: null, dropped_columns: [],
      loaded_share: 0.5, top_reasons: [{ reason: 'not a whole number ≥ 1', rows: 1 }],
    }]);
    expect(report.coverage).toMatchObject({ vacancies: 1, vacancies_with_skills_share: 1, titles_coded_share: 1, titles_coded_high_confidence_share: 1, vacancy_regions_to_regency_share: 1 });

    fs.writeFileSync(path.join(sandbox.input, 'vacancies_broken.csv'), 'vacancy_id,job_title\nV9,Welder\n');
    const partial = cli(['run', '--input', sandbox.input, '--db', sandbox.db, '--json']);
    expect(partial.status).toBe(2);
    const second = JSON.parse(partial.stdout);
    expect(second.status).toBe('partial');
    expect(second.files.map((f: { file: string; status: string }) => [f.file, f.status])).toEqual([['vacancies_broken.csv', 'rejected'], ['vacancies_ok.csv', 'skipped']]);

    const missing = cli(['run', '--input', path.join(sandbox.dir, 'nope'), '--db', sandbox.db, '--json']);
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stdout).error).toMatch(/nope: no such file or folder/);
  });
});

describe('sinergi run on a file from which almost nothing loads', () => {
  it('reports the file as failed with its share loaded and top reasons, the run partial, exit code 2 (text and --json)', () => {
    // Every row's region is missing: the mapping (or the extract) is broken, not the rows.
    fs.writeFileSync(path.join(sandbox.input, 'vacancies_noregion.csv'), vacanciesCsv([{ province_code: '', regency_code: '' }, { province_code: '', regency_code: '' }, { province_code: '', regency_code: '' }]));
    const env = { ...process.env, SINERGI_PSEUDONYM_KEY: TEST_KEY, SINERGI_LOG_LEVEL: 'warn' };
    const cli = (args: string[]) => spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'sinergi.js'), ...args], { env, encoding: 'utf8' });
    const json = cli(['run', '--input', sandbox.input, '--db', sandbox.db, '--json']);
    expect(json.status).toBe(2);
    const report = JSON.parse(json.stdout);
    expect(report.status).toBe('partial');
    expect(report.files).toEqual([{
      file: 'vacancies_noregion.csv', kind: 'vacancies', status: 'failed', rows_read: 3, rows_loaded: 0, rows_quarantined: 3, dropped_columns: [],
      loaded_share: 0, top_reasons: [{ reason: 'missing required value (province, regency or location)', rows: 3 }],
      error: 'vacancies_noregion.csv: only 0 of 3 rows loaded (0 %, under the 50 % a file needs); most quarantined for: missing required value (province, regency or location) (3 rows)',
    }]);
    // Not recorded as loaded: the same file is read again by the next run (not skipped).
    const text = cli(['run', '--input', sandbox.input, '--db', sandbox.db]);
    expect(text.status).toBe(2);
    expect(text.stdout).toMatch(/: partial\n/);
    expect(text.stdout).toContain('failed   vacancies_noregion.csv: 3 read, 0 loaded, 3 quarantined');
    expect(text.stdout).toContain('only 0 of 3 rows loaded (0 %, under the 50 % a file needs); most quarantined for: missing required value');
  });
});

describe('warehouse version', () => {
  it('is recorded by every run, and a run with no new files rebuilds the marts of an older warehouse', async () => {
    const { WAREHOUSE_VERSION, warehouseVersion } = await import('../core/warehouse.ts');
    await runFiles(sandbox, { 'vacancies.csv': vacanciesCsv([{}, {}]) });
    expect(await warehouseVersion(sandbox.db)).toBe(WAREHOUSE_VERSION);
    // An older warehouse: no meta table, no marts.
    const { openWarehouse } = await import('../core/warehouse.ts');
    const w = await openWarehouse(sandbox.db);
    await w.connection.run('DROP TABLE meta; DROP TABLE mart_skill_gaps');
    w.close();
    expect(await warehouseVersion(sandbox.db)).toBeNull();
    const rebuilt = await runFiles(sandbox, {});
    expect(rebuilt.status).toBe('succeeded');
    expect(await warehouseVersion(sandbox.db)).toBe(WAREHOUSE_VERSION);
    expect(await count('mart_skill_gaps')).toBeGreaterThan(0);
    expect(await count('vacancy')).toBe(2);
  });
});
