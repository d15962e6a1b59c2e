// The published warehouse is one DuckDB file. A run builds beside it (<db>.building),
// starting from a copy of the published file, and publishes by renaming over it, so
// readers never see a half-built state and a crash leaves the previous data serving.
// A lock file (<db>.lock, holding the pid) refuses overlapping runs; a lock left by a
// dead process is taken over.
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export class RunRefused extends Error {}

/**
 * Version of the warehouse's tables and marts. A warehouse built by an older version gets
 * its marts rebuilt from its facts (`sinergi start` does it) before it is served.
 * 2: the s_month macro stored for filtered queries; skill matching by subset counts (computed at national size).
 * 3: national vacancies (vacancy.province_code NULL), counted in ID only.
 * 4: match_skill and match_vacancy, the counsellor's desk index (50_match_index.sql).
 * 5: skill matching by prefix filtering for large skill sets, always computed; openings unlocked and fillable; hard_to_fill_share 0 where nothing is hard to fill.
 * 6: vacancy.employer and description_sketch; duplicate vacancies (00_duplicates.sql: duplicate_pair, vacancy_duplicate, duplicate_group) counted once.
 * 7: mart_labour_market_type (labour-market-monthly by employment type, any span); placements on a duplicate count against its representative.
 * 8: withholding decided when the warehouse is built (core/privacy.ts): published tables pub_*, privacy_withheld, meta.min_cell.
 * 9: fs_vacancy_skill and fs_seeker_skill (21_skill_facts.sql), read by the skill figures computed at request time.
 * 10: the macros s_regions, s_region_codes, s_active_months, s_window_edges stored (pipelines/sql/macros.sql), read by core/sql/*_filtered.sql.
 * 11: privacy_withheld holds the decision per cell (cid, s, v, r, thin) for withholding or rounding (SINERGI_DISCLOSURE, meta.disclosure); median_pool_depth the lower median.
 */
export const WAREHOUSE_VERSION = 11;

/**
 * The version recorded by the run that built the warehouse, or null for one that predates
 * it (no meta table, or no version in it). Any other failure is an error naming the file.
 */
export async function warehouseVersion(db: string): Promise<number | null> {
  const warehouse = await openWarehouse(db, { readOnly: true });
  try {
    const { connection } = warehouse;
    const meta = await connection.runAndReadAll("SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'meta'");
    if (meta.currentRowCount === 0) return null;
    const row = (await connection.runAndReadAll("SELECT value FROM meta WHERE key = 'warehouse_version'")).getRowObjects()[0];
    return row ? Number(row.value) : null;
  } catch (error) {
    throw new Error(`cannot read the warehouse version of ${db}: ${(error as Error).message}`, { cause: error });
  } finally {
    warehouse.close();
  }
}

export interface OpenWarehouse { connection: DuckDBConnection; close(): void }

export async function openWarehouse(file: string, options: { readOnly?: boolean; threads?: number; memoryLimit?: string } = {}): Promise<OpenWarehouse> {
  const settings: Record<string, string> = {};
  if (options.readOnly) settings.access_mode = 'READ_ONLY';
  if (options.threads) settings.threads = String(options.threads);
  if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
  const instance = await DuckDBInstance.create(file, settings);
  const connection = await instance.connect();
  return {
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export function acquireLock(db: string, now: Date = new Date()): () => void {
  const lock = `${db}.lock`;
  fs.mkdirSync(path.dirname(db), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, started: now.toISOString() }), { flag: 'wx' });
      return () => fs.rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(lock);
      if (holder && isAlive(holder.pid)) throw new RunRefused(`another run is in progress (pid ${holder.pid}, started ${holder.started}); refusing to start a second one`);
      fs.rmSync(lock, { force: true });
    }
  }
  throw new RunRefused(`could not take the lock ${lock}`);
}

function readLock(lock: string): { pid: number; started: string } | null {
  try { return JSON.parse(fs.readFileSync(lock, 'utf8')); } catch { return null; }
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (error) { return (error as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** A fresh building file: a copy of the published warehouse, or nothing when there is none. */
export function prepareBuilding(db: string): string {
  const building = `${db}.building`;
  for (const f of [building, `${building}.wal`]) fs.rmSync(f, { force: true });
  if (fs.existsSync(db)) fs.copyFileSync(db, building);
  return building;
}

/** Swap the building file in (an atomic rename on the same file system). */
export function publish(building: string, db: string): void {
  fs.rmSync(`${building}.wal`, { force: true });
  fs.renameSync(building, db);
}

export function discardBuilding(db: string): void {
  for (const f of [`${db}.building`, `${db}.building.wal`]) fs.rmSync(f, { force: true });
}
