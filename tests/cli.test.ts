// The sinergi command as a user runs it: a real process, real files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../core/config.ts';

function sinergi(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'sinergi.js'), ...args], {
    cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, SINERGI_LOG_LEVEL: 'warn', ...env }, timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('sinergi info', () => {
  it('prints version, masked configuration and reference counts as JSON', () => {
    const { code, stdout } = sinergi(['info', '--json'], { SINERGI_ADMIN_TOKEN: 'token-that-is-long-enough' });
    expect(code).toBe(0);
    const info = JSON.parse(stdout);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(info.config.adminToken).toBe('********');
    expect(Object.keys(info.reference)).toEqual(['provinces', 'regencies', 'isco_unit_groups', 'skills', 'skill_aliases', 'title_entries', 'training_programmes']);
    expect(info.reference).toMatchObject({ provinces: 38, regencies: 514, isco_unit_groups: 436 });
    expect(info.reference.skills).toBeGreaterThanOrEqual(400);
    expect(info.reference.title_entries).toBeGreaterThanOrEqual(800);
    expect(info.reference.training_programmes).toBeGreaterThanOrEqual(40);
  });

  it('stops on a bad setting with a message naming it (exit 64)', () => {
    const { code, stderr } = sinergi(['info'], { SINERGI_MIN_CELL: '0' });
    expect(code).toBe(64);
    expect(stderr).toContain('invalid SINERGI_MIN_CELL: "0"');
  });
});

describe('sinergi build', () => {
  it('refuses without a warehouse, naming the file (exit 64)', () => {
    const { code, stderr } = sinergi(['build', '--db', path.join(os.tmpdir(), 'no-such-warehouse.duckdb')]);
    expect(code).toBe(64);
    expect(stderr).toContain('no warehouse at');
  });
});

describe('sinergi generate', () => {
  it('writes the three extracts and prints what it made', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sinergi-cli-'));
    const { code, stdout } = sinergi(['generate', '--vacancies', '500', '--seekers', '1000', '--months', '3', '--end', '2025-06', '--seed', '3', '--out', out, '--format', 'csv.gz']);
    expect(code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['placements_2025-04_2025-06.csv.gz', 'seekers_2025-04_2025-06.csv.gz', 'vacancies_2025-04_2025-06.csv.gz']);
    expect(stdout).toMatch(/vacancies\s+50\d rows/);
    fs.rmSync(out, { recursive: true, force: true });
  });

  it.each([
    [['--vacancies', 'many'], '--vacancies must be a whole number'],
    [['--end', '2025-13'], '--end must be a month written YYYY-MM'],
    [['--format', 'docx'], '--format must be one of csv, csv.gz, jsonl, parquet, xlsx'],
    [['--months', '0'], '--months must be at least 1'],
  ])('refuses %j with a clear message', (args, message) => {
    const { code, stderr } = sinergi(['generate', ...args, '--out', path.join(os.tmpdir(), 'never')]);
    expect(code).toBe(64);
    expect(stderr).toContain(message);
  });
});
