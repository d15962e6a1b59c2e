// Runs the real pipeline on files a test writes, in a temporary folder with its own
// warehouse and a fixed pseudonymisation key, and queries the published warehouse.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../core/config.ts';
import { rows } from '../../core/duckdb.ts';
import { silentLogger } from '../../core/log.ts';
import { loadReference } from '../../core/reference.ts';
import { openWarehouse } from '../../core/warehouse.ts';
import { runPipeline, type RunOptions, type RunResult } from '../../pipelines/run.ts';

export const TEST_KEY = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
const reference = loadReference();

export interface Sandbox { dir: string; input: string; db: string; config: Config; cleanup(): void }

export function createSandbox(env: Record<string, string> = {}): Sandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinergi-test-'));
  const input = path.join(dir, 'input');
  fs.mkdirSync(input);
  const db = path.join(dir, 'warehouse', 'sinergi.duckdb');
  const config = loadConfig({ SINERGI_PSEUDONYM_KEY: TEST_KEY, SINERGI_KEY_FILE: path.join(dir, 'key'), SINERGI_MEMORY_LIMIT: '1GB', ...env }, { db });
  return { dir, input, db, config, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Write files (name → content) into a fresh input folder and run the pipeline over them. */
export async function runFiles(sandbox: Sandbox, files: Record<string, string | Buffer>, options: Partial<RunOptions> = {}): Promise<RunResult> {
  const folder = fs.mkdtempSync(path.join(sandbox.dir, 'batch-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), content);
  return runPipeline({ inputs: [folder], db: sandbox.db, ...options }, { config: sandbox.config, reference, logger: silentLogger() });
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
export async function runSample(sandbox: Sandbox): Promise<RunResult> {
  const { ensureSample } = await import('../../pipelines/sample.ts');
  const sample = await ensureSample(reference, silentLogger(), path.join(sandbox.dir, 'sample'));
  return runPipeline({ inputs: [sample.dir], db: sandbox.db }, { config: sandbox.config, reference, logger: silentLogger() });
}

/** A vacancies CSV in the canonical layout; each row overrides the defaults. */
export function vacanciesCsv(rows: Record<string, string>[], delimiter = ','): string {
  const columns = ['vacancy_id', 'posted_date', 'job_title', 'province_code', 'regency_code', 'education_min', 'openings', 'closed_date', 'status', 'skills', 'description'];
  const defaults: Record<string, string> = { posted_date: '2025-03-03', job_title: 'Tukang Las', province_code: '32', regency_code: '32.73', education_min: 'SMK', openings: '1', closed_date: '', status: 'open', skills: 'las; SMAW', description: '' };
  const quote = (v: string) => (/[",;|\t\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [columns.join(delimiter), ...rows.map((r, i) => columns.map((c) => quote(r[c] ?? (c === 'vacancy_id' ? `V${i + 1}` : defaults[c]))).join(delimiter))].join('\n') + '\n';
}
