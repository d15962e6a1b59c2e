// Runs the real pipeline on files a test writes, in a temporary folder with its own
// warehouse and a fixed pseudonymisation key, and queries the published warehouse.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../core/config.ts';
import { rows } from '../../core/duckdb.ts';
import { silentLogger } from '../../core/log.ts';
import { loadReference } from '../../core/reference.ts';
import { createTitleCoder, type TitleCoder } from '../../core/titles.ts';
import { openWarehouse } from '../../core/warehouse.ts';
import { runPipeline, type RunOptions, type RunResult } from '../../pipelines/run.ts';
import { inject } from 'vitest';

export const TEST_KEY = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
const reference = loadReference();
// Built once per test file (seconds each time), not in every run (pipelines/run.ts: RunDeps.titleCoder).
let titleCoder: TitleCoder | undefined;
const coder = () => (titleCoder ??= createTitleCoder(reference));

export interface Sandbox { dir: string; input: string; db: string; config: Config; env: Record<string, string>; cleanup(): void }

export function createSandbox(env: Record<string, string> = {}): Sandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinergi-test-'));
  const input = path.join(dir, 'input');
  fs.mkdirSync(input);
  const db = path.join(dir, 'warehouse', 'sinergi.duckdb');
  const config = loadConfig({ SINERGI_PSEUDONYM_KEY: TEST_KEY, SINERGI_KEY_FILE: path.join(dir, 'key'), SINERGI_MEMORY_LIMIT: '1GB', ...env }, { db });
  return { dir, input, db, config, env, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Write files (name → content) into a fresh input folder and run the pipeline over them. */
export async function runFiles(sandbox: Sandbox, files: Record<string, string | Buffer>, options: Partial<RunOptions> = {}): Promise<RunResult> {
  const folder = fs.mkdtempSync(path.join(sandbox.dir, 'batch-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), content);
  return runPipeline({ inputs: [folder], db: sandbox.db, ...options }, { config: sandbox.config, reference, logger: silentLogger(), titleCoder: coder() });
}

export async function queryWarehouse<T = Record<string, unknown>>(db: string, sql: string, params: Record<string, string | number> = {}): Promise<T[]> {
  const warehouse = await openWarehouse(db, { readOnly: true });
  try {
    return await rows<T>(warehouse.connection, sql, params);
  } finally {
    warehouse.close();
  }
}

/** Generate the shipped sample into the sandbox and run the whole pipeline over it. */
async function buildSample(sandbox: Sandbox): Promise<RunResult> {
  const { ensureSample } = await import('../../pipelines/sample.ts');
  const sample = await ensureSample(reference, silentLogger(), path.join(sandbox.dir, 'sample'));
  return runPipeline({ inputs: [sample.dir], db: sandbox.db }, { config: sandbox.config, reference, logger: silentLogger(), titleCoder: coder() });
}

/**
 * The shipped sample's warehouse in the sandbox, as a run of the whole pipeline over it leaves
 * it. Seven test files need it: the first of a test run builds it (buildSample) in the run's
 * shared folder (tests/helpers/shared-dir.ts), and each copies that file into its own sandbox,
 * so a file may change its copy. A sandbox with its own settings (env), or a run without the
 * shared folder, builds its own.
 */
export async function runSample(sandbox: Sandbox): Promise<RunResult> {
  const shared = inject('sinergiSharedDir');
  if (!shared || Object.keys(sandbox.env).length > 0) return buildSample(sandbox);
  const built = await sharedSample(shared);
  // The warehouse folder whole: the file, and beside it the run records (runs/) the admin pages list.
  if (built.warehouse) fs.cpSync(built.warehouse, path.dirname(sandbox.db), { recursive: true });
  return structuredClone(built.result);
}

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

let sharedBuild: Promise<{ warehouse?: string; result: RunResult }> | undefined;

/** Build the sample once per test run; a second worker waits for the first one's build. */
function sharedSample(shared: string): Promise<{ warehouse?: string; result: RunResult }> {
  sharedBuild ??= (async () => {
    const dir = path.join(shared, 'sample');
    const done = path.join(dir, 'result.json');
    const warehouse = path.join(dir, 'warehouse');
    for (;;) {
      if (fs.existsSync(done)) return { warehouse: fs.existsSync(warehouse) ? warehouse : undefined, result: JSON.parse(fs.readFileSync(done, 'utf8')) as RunResult };
      try {
        fs.mkdirSync(`${dir}.lock`);
        fs.writeFileSync(path.join(`${dir}.lock`, 'pid'), String(process.pid));
      } catch {
        // Another worker is building it; a lock whose worker died is taken over.
        let holder = 0;
        try { holder = Number(fs.readFileSync(path.join(`${dir}.lock`, 'pid'), 'utf8')); } catch { /* not written yet, or just released */ }
        if (holder && !alive(holder)) fs.rmSync(`${dir}.lock`, { recursive: true, force: true });
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      const own = createSandbox();
      try {
        const result = await buildSample(own);
        fs.mkdirSync(dir, { recursive: true });
        if (fs.existsSync(own.db)) fs.cpSync(path.dirname(own.db), warehouse, { recursive: true, filter: (f) => !f.endsWith('.lock') });
        fs.writeFileSync(`${done}.tmp`, JSON.stringify(result));
        fs.renameSync(`${done}.tmp`, done);
      } finally {
        own.cleanup();
        fs.rmSync(`${dir}.lock`, { recursive: true, force: true });
      }
    }
  })();
  sharedBuild.catch(() => { sharedBuild = undefined; });
  return sharedBuild;
}

/** A vacancies CSV in the canonical layout; each row overrides the defaults. */
export function vacanciesCsv(rows: Record<string, string>[], delimiter = ','): string {
  const columns = ['vacancy_id', 'posted_date', 'job_title', 'province_code', 'regency_code', 'education_min', 'openings', 'closed_date', 'status', 'skills', 'description'];
  const defaults: Record<string, string> = { posted_date: '2025-03-03', job_title: 'Tukang Las', province_code: '32', regency_code: '32.73', education_min: 'SMK', openings: '1', closed_date: '', status: 'open', skills: 'las; SMAW', description: '' };
  const quote = (v: string) => (/[",;|\t\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [columns.join(delimiter), ...rows.map((r, i) => columns.map((c) => quote(r[c] ?? (c === 'vacancy_id' ? `V${i + 1}` : defaults[c]))).join(delimiter))].join('\n') + '\n';
}
