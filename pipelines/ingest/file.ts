// Ingests one extract file into the warehouse being built, as its KindSpec (kinds.ts) says:
// read → stage (canonical columns) → lookups → validate (errors) → skills, all in the
// file's own work database (`work`, in memory, attached for the file and detached after,
// whatever happened), then the load in one transaction, so a rejected or failed file
// leaves nothing behind. Rows read = rows loaded + rows quarantined.
// Copies the reader makes (transcoded, decompressed, a sheet as CSV) live in a folder of
// the run's own work folder beside the warehouse, owner-only, deleted when the file is
// done, whatever happened; leftovers of a crashed run are deleted when the next starts.
// Messages about a seekers or placements file carry no value from it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier, rows, run, runSqlFile, textList } from '../../core/duckdb.ts';
import { ENUM_VALUES, listOf } from '../../core/enums.ts';
import type { Logger } from '../../core/log.ts';
import type { Reference } from '../../core/reference.ts';
import type { SkillMatcher } from '../../core/skills.ts';
import { COLUMNS, KINDS, KIND_SPECS, headerKey, isDirectIdentifier, isPersonal, kindFromFileName, type Kind } from './kinds.ts';
import { createTitleLookup, createValueLookups } from './lookups.ts';
import type { TitleCoder } from '../../core/titles.ts';
import { findMapping, type Mapping } from './mapping.ts';
import type { PseudonymKey } from './pseudonym.ts';
import { readRaw, RejectedFile, type RawTable } from './read.ts';
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
  /** Rows loaded with a caveat (placements whose seeker or vacancy is not in the warehouse). */
  warnings: { column: string; reason: string; rows: number }[];
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
  /** The run's own work folder (prepareWorkDir). */
  workDir: string;
}

export async function ingestFile(ctx: IngestContext, file: string, options: { kind?: Kind; mapping?: Mapping } = {}): Promise<FileResult> {
  const started = performance.now();
  const sha256 = await hashFile(file);
  const result: FileResult = {
    file: path.basename(file), kind: null, source: null, status: 'loaded', rows_read: 0, rows_loaded: 0, rows_quarantined: 0,
    error: null, dropped_columns: [], ignored_columns: [], sha256, seconds: 0, timings: {}, warnings: [],
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
  const workDir = fs.mkdtempSync(path.join(ctx.workDir, 'file-'));
  try {
    if (!kind) throw new RejectedFile(file, 'cannot tell the kind of extract from the name: start it with vacancies/lowongan, seekers/pencaker or placements/penempatan, or give --kind');
    await run(ctx.connection, "DETACH DATABASE IF EXISTS work; ATTACH ':memory:' AS work");
    const stage = await prepareRows(ctx, file, kind, mapping, sha256, timed, workDir);
    result.dropped_columns = stage.droppedColumns;
    result.ignored_columns = stage.ignoredColumns;
    // Work tables are built outside the transaction: inside one, DuckDB numbers rows
    // from 2^55 and `line` (rowid + first line) would be meaningless.
    await run(ctx.connection, 'BEGIN TRANSACTION');
    inTransaction = true;
    Object.assign(result, await loadRows(ctx, result, kind, stage, timed));
    await run(ctx.connection, 'COMMIT');
  } catch (error) {
    if (inTransaction) await run(ctx.connection, 'ROLLBACK');
    if (!(error instanceof RejectedFile)) throw isPersonal(kind) ? withholdError(error) : error;
    Object.assign(result, { status: 'rejected', error: isPersonal(kind) ? withholdValues(error.message) : error.message, rows_read: 0, rows_loaded: 0, rows_quarantined: 0 });
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
    // Not fatal (the next file attaches a fresh one), but said: a failure here is not expected.
    await run(ctx.connection, 'DETACH DATABASE IF EXISTS work')
      .catch((error: unknown) => ctx.logger.warn({ err: error, file: result.file, kind }, 'could not detach the work database of the file'));
  }
  const level = result.status === 'rejected' ? 'warn' : 'info';
  ctx.logger[level]({ file: result.file, kind, status: result.status, timings: result.timings, rows_read: result.rows_read, rows_loaded: result.rows_loaded, rows_quarantined: result.rows_quarantined, dropped_columns: result.dropped_columns, ignored_columns: result.ignored_columns, error: result.error }, 'file ingested');
  return done();
}

const AMBIGUOUS_NUMBER = 'ambiguous number: its separator may mark thousands (Indonesian 1.000 = one thousand) or decimals (English 1.000 = one); declare number_locale: id or en in the mapping';

type Timed = <T>(name: string, work: () => Promise<T>) => Promise<T>;
/** The stored values an error message names (`unknown status (expected …)`), from core/enums.ts. */
const EXPECTED = Object.fromEntries(Object.entries(ENUM_VALUES).map(([domain, values]) => [`expected_${domain}`, listOf(values)]));

type Prepared = Awaited<ReturnType<typeof stageRaw>> & { params: Record<string, string | boolean> };

/** Read, stage, look up, validate and extract skills: everything in the work database. */
async function prepareRows(ctx: IngestContext, file: string, kind: Kind, mapping: Mapping | null | undefined, sha256: string, timed: Timed, workDir: string): Promise<Prepared> {
  const spec = KIND_SPECS[kind];
  const raw = await timed('read', () => readRaw(ctx.connection, file, 'work.raw', { workDir, delimiter: mapping?.delimiter, encoding: mapping?.encoding, sheet: mapping?.sheet, kind }));
  const stage = await timed('stage', async () => {
    const staged = await stageRaw(ctx.connection, raw, file, kind, mapping ?? null);
    await recordReadErrors(ctx.connection, raw);
    return staged;
  });
  const params = {
    mdy: mapping?.date_order === 'mdy', today: ctx.today, ipad: ctx.key.ipad, opad: ctx.key.opad, file_sha256: sha256, run_id: ctx.runId,
    number_locale: mapping?.number_locale ?? '',
    ambiguous: AMBIGUOUS_NUMBER,
    ...EXPECTED,
  };
  await timed('lookups', async () => {
    if (spec.valueLookups) await createValueLookups(ctx, spec.valueLookups.educationColumn);
    if (spec.titleLookup) await createTitleLookup(ctx);
  });
  await timed('validate', async () => {
    await runSqlFile(ctx.connection, path.join(SQL_DIR, spec.validateSql), params);
    await mergeReadErrors(ctx.connection);
  });
  if (spec.skills) await timed('skills', () => extractSkills(ctx.connection, ctx.matcher, spec.skills!.descriptions));
  return { ...stage, params };
}

/** Inside the file's transaction: replace the facts, record quarantine and the file; rows read = loaded + quarantined. */
async function loadRows(ctx: IngestContext, result: FileResult, kind: Kind, stage: Prepared, timed: Timed): Promise<Pick<FileResult, 'rows_read' | 'rows_loaded' | 'rows_quarantined'>> {
  await timed('load', async () => {
    for (const sql of KIND_SPECS[kind].loadSql) await runSqlFile(ctx.connection, path.join(SQL_DIR, sql), stage.params);
  });
  const [counts] = await rows<{ read: number; loaded: number; quarantined: number }>(ctx.connection,
    `SELECT (SELECT count(*) FROM work.raw)::INTEGER AS read, (SELECT count(*) FROM work.good)::INTEGER AS loaded,
            (SELECT count(DISTINCT line) FROM work.errors)::INTEGER AS quarantined`);
  if (counts.read !== counts.loaded + counts.quarantined) {
    throw new Error(`${result.file}: ${counts.read} rows read but ${counts.loaded} loaded and ${counts.quarantined} quarantined`);
  }
  await run(ctx.connection, `INSERT INTO quarantine SELECT $run_id, $file, line, column_name, value, reason FROM work.errors ORDER BY line, column_name`, { run_id: ctx.runId, file: result.file });
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

/**
 * The reader's row errors (cells it could not read, text with a NUL byte) in
 * work.read_error, and every line number (work.stage and work.read_error) moved past the blank lines
 * or empty sheet rows the reader skipped.
 */
async function recordReadErrors(connection: DuckDBConnection, raw: RawTable): Promise<void> {
  const columns = [...raw.headers, ...raw.extraColumns];
  const nul = columns.map((c, i) => `SELECT rowid + ${raw.firstLine} AS line, $c${i} AS column_name, 'text contains a NUL byte (binary data in a text field)' AS reason FROM work.raw WHERE contains(${quoteIdentifier(c)}, chr(0))`);
  const params: Record<string, string | ReturnType<typeof textList>> = Object.fromEntries(columns.map((c, i) => [`c${i}`, c]));
  params.rowids = textList(raw.rowErrors.map((e) => String(e.rowid)));
  params.names = textList(raw.rowErrors.map((e) => e.column ?? ''));
  params.reasons = textList(raw.rowErrors.map((e) => e.reason));
  await run(connection, `CREATE OR REPLACE TABLE work.read_error AS
    SELECT unnest($rowids)::BIGINT + ${raw.firstLine} AS line, nullif(unnest($names), '') AS column_name, unnest($reasons) AS reason
    ${nul.length > 0 ? `UNION ALL ${nul.join(' UNION ALL ')}` : ''}`, params);
  if (raw.lineJumps.length === 0) return;
  await run(connection, 'CREATE OR REPLACE TABLE work.line_jump AS SELECT unnest($from)::BIGINT AS from_line, unnest($delta)::BIGINT AS delta', {
    from: textList(raw.lineJumps.map((j) => String(j.fromRowid + raw.firstLine))), delta: textList(raw.lineJumps.map((j) => String(j.delta))),
  });
  for (const table of ['stage', 'read_error']) {
    await run(connection, `UPDATE work.${table} SET line = ${table}.line + m.delta
      FROM (SELECT DISTINCT t.line AS old, j.delta FROM work.${table} t ASOF JOIN work.line_jump j ON t.line >= j.from_line) m WHERE ${table}.line = m.old`);
  }
}

/** After validation: the reader's row errors join the others, their rows leave work.good; no error value keeps a NUL byte. */
async function mergeReadErrors(connection: DuckDBConnection): Promise<void> {
  await run(connection, `INSERT INTO work.errors BY NAME SELECT line, column_name, NULL AS value, reason FROM work.read_error;
    DELETE FROM work.good WHERE line IN (SELECT line FROM work.read_error);
    UPDATE work.errors SET value = replace(value, chr(0), '') WHERE contains(value, chr(0))`);
}

/**
 * A message with what could be a value from the file withheld: quoted text, DuckDB's
 * "Original Line", and in a list of the file's headers every header that is not a known
 * column name (a file without a header row has its first record there).
 */
export function withholdValues(message: string): string {
  return message.split('\n').filter((l) => !/^\s*original line\b/i.test(l)).join('\n')
    .replace(/Original Line:[^\n]*/gi, '').replace(/'[^'\n]*'|"[^"\n]*"/g, '[value withheld]')
    .replace(/(headers are: )(.*)$/s, (_, lead: string, list: string) => {
      const headers = list.split(', ');
      const shown = headers.filter(isKnownHeader);
      const withheld = headers.length - shown.length;
      return lead + [...shown, ...(withheld > 0 ? [`${withheld} other${withheld > 1 ? 's' : ''} withheld (they may be the first record)`] : [])].join(', ');
    });
}

const KNOWN_HEADERS = new Set(KINDS.flatMap((k) => COLUMNS[k].flatMap((c) => [c.name, ...c.aliases])));

function isKnownHeader(header: string): boolean {
  return KNOWN_HEADERS.has(headerKey(header)) || isDirectIdentifier(header);
}

/** The same error with the values withheld from its message and stack (for seekers and placements). */
function withholdError(error: unknown): unknown {
  if (!(error instanceof Error)) return new Error(withholdValues(String(error)));
  error.message = withholdValues(error.message);
  if (error.stack) error.stack = withholdValues(error.stack);
  return error;
}

/**
 * The run's own work folder, `work/<run_id>` beside the warehouse (0700): what an earlier
 * run left there (a crash) is deleted first. Called under the run's lock.
 */
export function prepareWorkDir(db: string, runId: string): string {
  const root = path.join(path.dirname(path.resolve(db)), 'work');
  fs.rmSync(root, { recursive: true, force: true });
  const dir = path.join(root, runId);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(root, 0o700);
  fs.chmodSync(dir, 0o700);
  return dir;
}

/**
 * Placements whose seeker or vacancy is in no extract loaded so far (this run's included)
 * still load, with a warning counted in the file's run record. Called once the run's files are in.
 */
export async function warnUnmatchedPlacements(connection: DuckDBConnection, files: (Pick<FileResult, 'kind' | 'rows_loaded' | 'sha256' | 'warnings'> & { status: string })[]): Promise<void> {
  for (const file of files.filter((f) => f.kind === 'placements' && f.status === 'loaded' && f.rows_loaded > 0)) {
    const [counts] = await rows<{ seekers: number; vacancies: number }>(connection, `
      SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM seeker s WHERE s.seeker_key = p.seeker_key))::INTEGER AS seekers,
             count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM vacancy v WHERE v.vacancy_id = p.vacancy_id))::INTEGER AS vacancies
      FROM placement p WHERE p.file_sha256 = $sha256`, { sha256: file.sha256 });
    if (counts.seekers > 0) file.warnings.push({ column: 'seeker_id', reason: 'seeker not in any seekers extract loaded', rows: counts.seekers });
    if (counts.vacancies > 0) file.warnings.push({ column: 'vacancy_id', reason: 'vacancy not in any vacancies extract loaded', rows: counts.vacancies });
  }
}
