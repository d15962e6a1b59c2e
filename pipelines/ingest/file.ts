// Ingests one extract file into the warehouse being built: read → stage (canonical
// columns) → lookups → validate (errors) → skills in temporary tables, then the load
// in one transaction, so a rejected or failed file leaves nothing behind. Rows read = rows loaded + rows quarantined.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows, run, runSqlFile } from '../../core/duckdb.ts';
import type { Logger } from '../../core/log.ts';
import type { Reference } from '../../core/reference.ts';
import type { SkillMatcher } from '../../core/skills.ts';
import { kindFromFileName, type Kind } from './kinds.ts';
import { createTitleLookup, createValueLookups } from './lookups.ts';
import type { TitleCoder } from '../../core/titles.ts';
import { findMapping, type Mapping } from './mapping.ts';
import type { PseudonymKey } from './pseudonym.ts';
import { readRaw, RejectedFile } from './read.ts';
import { extractSkills } from './skills.ts';
import { stageRaw } from './stage.ts';

export const SQL_DIR = path.join(import.meta.dirname, '..', 'sql');

export interface FileResult {
  file: string;
  kind: Kind | null;
  source: string | null;
  status: 'loaded' | 'skipped' | 'rejected';
  rows_read: number;
  rows_loaded: number;
  rows_quarantined: number;
  error: string | null;
  dropped_columns: string[];
  ignored_columns: string[];
  sha256: string;
  seconds: number;
  /** Seconds per stage of this file: read, stage, lookups, validate, skills, load. */
  timings: Record<string, number>;
}

export interface IngestContext {
  connection: DuckDBConnection;
  reference: Reference;
  matcher: SkillMatcher;
  /** Built once per run; ingest builds one per file when absent. */
  titleCoder?: TitleCoder;
  mappings: Mapping[];
  key: PseudonymKey;
  runId: string;
  today: string;
  logger: Logger;
}

export async function ingestFile(ctx: IngestContext, file: string, options: { kind?: Kind; mapping?: Mapping } = {}): Promise<FileResult> {
  const started = performance.now();
  const sha256 = await hashFile(file);
  const result: FileResult = {
    file: path.basename(file), kind: null, source: null, status: 'loaded', rows_read: 0, rows_loaded: 0, rows_quarantined: 0,
    error: null, dropped_columns: [], ignored_columns: [], sha256, seconds: 0, timings: {},
  };
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const value = await work();
    result.timings[name] = Number(((performance.now() - t) / 1000).toFixed(3));
    return value;
  };
  const done = () => ({ ...result, seconds: Number(((performance.now() - started) / 1000).toFixed(3)) });

  const mapping = options.mapping ?? findMapping(ctx.mappings, file);
  const kind = options.kind ?? mapping?.kind ?? kindFromFileName(path.basename(file));
  result.kind = kind;
  result.source = mapping?.source ?? 'default';
  const [seen] = await rows<{ n: number }>(ctx.connection, 'SELECT count(*)::INTEGER AS n FROM loaded_file WHERE content_sha256 = $sha256', { sha256 });
  if (seen.n > 0) {
    result.status = 'skipped';
    ctx.logger.info({ file: result.file, sha256 }, 'skipped: this content was loaded before');
    return done();
  }

  let inTransaction = false;
  try {
    if (!kind) throw new RejectedFile(file, 'cannot tell the kind of extract from the name: start it with vacancies/lowongan, seekers/pencaker or placements/penempatan, or give --kind');
    const stage = await prepareRows(ctx, file, kind, mapping, sha256, timed);
    result.dropped_columns = stage.droppedColumns;
    result.ignored_columns = stage.ignoredColumns;
    // Temporary tables are built outside the transaction: inside one, DuckDB numbers rows
    // from 2^55 and `line` (rowid + first line) would be meaningless.
    await run(ctx.connection, 'BEGIN TRANSACTION');
    inTransaction = true;
    Object.assign(result, await loadRows(ctx, result, kind, stage, timed));
    await run(ctx.connection, 'COMMIT');
  } catch (error) {
    if (inTransaction) await run(ctx.connection, 'ROLLBACK');
    if (!(error instanceof RejectedFile)) throw error;
    Object.assign(result, { status: 'rejected', error: error.message, rows_read: 0, rows_loaded: 0, rows_quarantined: 0 });
  } finally {
    await run(ctx.connection, WORK_TABLES.map((t) => `DROP TABLE IF EXISTS temp.${t}`).join('; ')).catch(() => {});
  }
  const level = result.status === 'rejected' ? 'warn' : 'info';
  ctx.logger[level]({ file: result.file, kind, status: result.status, timings: result.timings, rows_read: result.rows_read, rows_loaded: result.rows_loaded, rows_quarantined: result.rows_quarantined, dropped_columns: result.dropped_columns, ignored_columns: result.ignored_columns, error: result.error }, 'file ingested');
  return done();
}

const WORK_TABLES = ['raw', 'stage', 'typed', 'good', 'errors', 'stage_skill', 'skill_item', 'lk_skill_item'];

type Timed = <T>(name: string, work: () => Promise<T>) => Promise<T>;
type Prepared = Awaited<ReturnType<typeof stageRaw>> & { params: Record<string, string | boolean> };

/** Read, stage, look up, validate and extract skills: everything in temporary tables. */
async function prepareRows(ctx: IngestContext, file: string, kind: Kind, mapping: Mapping | null | undefined, sha256: string, timed: Timed): Promise<Prepared> {
  const raw = await timed('read', () => readRaw(ctx.connection, file, 'raw', { delimiter: mapping?.delimiter, encoding: mapping?.encoding, sheet: mapping?.sheet, kind }));
  const stage = await timed('stage', () => stageRaw(ctx.connection, raw, file, kind, mapping ?? null));
  const params = { mdy: mapping?.date_order === 'mdy', today: ctx.today, ipad: ctx.key.ipad, opad: ctx.key.opad, file_sha256: sha256, run_id: ctx.runId };
  await timed('lookups', async () => {
    if (kind !== 'placements') await createValueLookups(ctx, 'stage', kind === 'vacancies' ? 'education_min' : 'education_level');
    if (kind === 'vacancies') await createTitleLookup(ctx, 'stage');
  });
  await timed('validate', () => runSqlFile(ctx.connection, path.join(SQL_DIR, `${kind}_validate.sql`), params));
  if (kind !== 'placements') await timed('skills', () => extractSkills(ctx.connection, ctx.matcher, kind === 'vacancies'));
  return { ...stage, params };
}

/** Inside the file's transaction: replace the facts, record quarantine and the file; rows read = loaded + quarantined. */
async function loadRows(ctx: IngestContext, result: FileResult, kind: Kind, stage: Prepared, timed: Timed): Promise<Pick<FileResult, 'rows_read' | 'rows_loaded' | 'rows_quarantined'>> {
  await timed('load', async () => {
    await runSqlFile(ctx.connection, path.join(SQL_DIR, `${kind}_load.sql`), stage.params);
    if (kind === 'vacancies') await runSqlFile(ctx.connection, path.join(SQL_DIR, 'vacancy_skills_load.sql'));
    if (kind === 'seekers') await runSqlFile(ctx.connection, path.join(SQL_DIR, 'seeker_skills_load.sql'));
  });
  const [counts] = await rows<{ read: number; loaded: number; quarantined: number }>(ctx.connection,
    `SELECT (SELECT count(*) FROM raw)::INTEGER AS read, (SELECT count(*) FROM good)::INTEGER AS loaded,
            (SELECT count(DISTINCT line) FROM errors)::INTEGER AS quarantined`);
  if (counts.read !== counts.loaded + counts.quarantined) {
    throw new Error(`${result.file}: ${counts.read} rows read but ${counts.loaded} loaded and ${counts.quarantined} quarantined`);
  }
  await run(ctx.connection, `INSERT INTO quarantine SELECT $run_id, $file, line, column_name, value, reason FROM errors ORDER BY line, column_name`, { run_id: ctx.runId, file: result.file });
  await run(ctx.connection, `INSERT INTO loaded_file VALUES ($sha256, $file, $kind, $source, $run_id, $read, $loaded, $quarantined, string_split(nullif($dropped, ''), '\u001f'), now())`, {
    sha256: result.sha256, file: result.file, kind, source: result.source, run_id: ctx.runId, read: counts.read, loaded: counts.loaded, quarantined: counts.quarantined,
    dropped: stage.droppedColumns.join('\u001f'),
  });
  return { rows_read: counts.read, rows_loaded: counts.loaded, rows_quarantined: counts.quarantined };
}

export async function hashFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}
