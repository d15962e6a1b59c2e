// A pipeline run (DESIGN §7): lock, build beside the published warehouse, ingest each
// extract, record coverage and the run, publish on success. Exit code 0 when every file
// loaded (rows may be quarantined), 2 when a file was rejected or failed — fewer than
// METHODOLOGY.minFileLoadedShare of its rows loaded — (the others are published, the run
// is `partial`), 1 on failure (nothing published).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../core/config.ts';
import { rows, run, runSqlFile } from '../core/duckdb.ts';
import type { Logger } from '../core/log.ts';
import type { Reference } from '../core/reference.ts';
import { METHODOLOGY } from '../core/methodology.ts';
import { createSkillMatcher } from '../core/skills.ts';
import { createTitleCoder, HIGH_TITLE_CONFIDENCE, type TitleCoder } from '../core/titles.ts';
import { acquireLock, discardBuilding, openWarehouse, prepareBuilding, publish } from '../core/warehouse.ts';
import { ingestFile, prepareWorkDir, SQL_DIR, warnUnmatchedPlacements, type FileResult } from './ingest/file.ts';
import type { Kind } from './ingest/kinds.ts';
import { createStaticLookups } from './ingest/lookups.ts';
import { createSkillNameLookup } from './ingest/skills.ts';
import { loadMappings, type Mapping } from './ingest/mapping.ts';
import { loadPseudonymKey } from './ingest/pseudonym.ts';
import { formatOf } from './ingest/read.ts';
import { buildMarts, type MatchingResult } from './marts.ts';

export type RunStatus = 'succeeded' | 'partial' | 'failed';

export interface RunOptions {
  inputs: string[];
  db: string;
  kind?: Kind;
  mapping?: Mapping;
}

export interface RunDeps {
  config: Config;
  reference: Reference;
  logger: Logger;
  now?: () => Date;
  progress?: (step: string, done: number, total: number) => void;
  /** Called after each file, for tests that stop a run midway. */
  afterFile?: (result: FileResult) => void;
  /**
   * The job-title coder of deps.reference, when the caller already has one: building it takes
   * seconds (it indexes every dictionary, ESCO and ISCO title), so a process that runs many
   * times over the same reference (the test suite) builds it once.
   */
  titleCoder?: TitleCoder;
}

/**
 * A file as the run reports it: `failed` when it was read but fewer than
 * METHODOLOGY.minFileLoadedShare of its rows loaded (its good rows are kept, its content is
 * not recorded as loaded, so the same file loads again once its mapping is fixed).
 */
export interface RunFile extends Omit<FileResult, 'status'> {
  status: FileResult['status'] | 'failed';
  /** rows loaded / rows read; null when no row was read (rejected, skipped or empty). */
  loaded_share: number | null;
  /** The most frequent quarantine reasons of the file, with the rows each quarantined. */
  top_reasons: { reason: string; rows: number }[];
}

export interface RunResult {
  run_id: string;
  status: RunStatus;
  files: RunFile[];
  coverage: Record<string, number | null>;
  steps: { step: string; seconds: number }[];
  /** How skill matching was computed (always, or the run fails): distinct vacancy skill sets by route. */
  matching?: MatchingResult;
  error?: string;
}

export function exitCodeOf(result: RunResult): number {
  return result.status === 'failed' ? 1 : result.status === 'partial' ? 2 : 0;
}

/** Extract files in the inputs (files, or folders read one level deep), in name order. */
export function listInputs(inputs: string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    if (!fs.existsSync(input)) throw new Error(`${input}: no such file or folder`);
    if (fs.statSync(input).isDirectory()) {
      for (const name of fs.readdirSync(input).sort()) {
        const file = path.join(input, name);
        if (fs.statSync(file).isFile() && formatOf(name) && !name.startsWith('.')) files.push(file);
      }
    } else files.push(input);
  }
  return files;
}

export async function runPipeline(options: RunOptions, deps: RunDeps): Promise<RunResult> {
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  const runId = `${startedAt.toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${crypto.randomBytes(3).toString('hex')}`;
  const logger = deps.logger.child({ run_id: runId });
  const release = acquireLock(options.db, startedAt);
  const steps: RunResult['steps'] = [];
  const result: RunResult = { run_id: runId, status: 'succeeded', files: [], coverage: {}, steps };
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    logger.info({ step: name }, 'step started');
    const value = await work();
    steps.push({ step: name, seconds: Number(((performance.now() - t) / 1000).toFixed(3)) });
    logger.info({ step: name, seconds: steps[steps.length - 1].seconds }, 'step finished');
    return value;
  };

  let warehouse: Awaited<ReturnType<typeof openWarehouse>> | null = null;
  try {
    const files = listInputs(options.inputs);
    const building = prepareBuilding(options.db);
    warehouse = await openWarehouse(building, { memoryLimit: deps.config.memoryLimit });
    const { connection } = warehouse;
    await step('prepare', async () => {
      await runSqlFile(connection, path.join(SQL_DIR, 'schema.sql'));
      await createStaticLookups({ connection, reference: deps.reference });
      await runSqlFile(connection, path.join(SQL_DIR, 'macros.sql'));
    });
    const { key, created } = loadPseudonymKey(deps.config.pseudonymKey, deps.config.keyFile);
    if (created) logger.warn({ key_file: deps.config.keyFile }, 'created a new pseudonymisation key; keep it safe: without it, later extracts cannot be linked to earlier ones');
    const matcher = createSkillMatcher(deps.reference.skills);
    await createSkillNameLookup(connection, matcher);
    const ctx = {
      connection, reference: deps.reference, matcher, titleCoder: deps.titleCoder ?? createTitleCoder(deps.reference),
      mappings: loadMappings(), key, runId, today: startedAt.toISOString().slice(0, 10), logger,
      workDir: prepareWorkDir(options.db, runId),
    };
    await step('ingest', async () => {
      for (const [i, file] of files.entries()) {
        const fileResult = await ingestFile(ctx, file, { kind: options.kind, mapping: options.mapping });
        result.files.push(await judgeFile(connection, runId, fileResult));
        deps.progress?.('files', i + 1, files.length);
        deps.afterFile?.(fileResult);
      }
      await warnUnmatchedPlacements(connection, result.files);
    });
    result.coverage = await step('coverage', () => measureCoverage(connection));
    const marts = await step('marts', () => buildMarts(connection, deps.reference, deps.config, (name, seconds) => {
      steps.push({ step: `marts/${name}`, seconds: Number(seconds.toFixed(3)) });
      logger.info({ mart: name, seconds: Number(seconds.toFixed(3)) }, 'mart built');
    }));
    result.matching = marts.matching;
    result.status = result.files.some((f) => f.status === 'rejected' || f.status === 'failed') ? 'partial' : 'succeeded';
    await recordRun(connection, result, startedAt, now());
    await run(connection, 'CHECKPOINT');
    warehouse.close();
    warehouse = null;
    publish(building, options.db);
    logger.info({ status: result.status, db: options.db }, 'run published');
  } catch (error) {
    result.status = 'failed';
    result.error = error instanceof Error ? error.message : String(error);
    logger.error({ err: error }, 'run failed; the published warehouse is unchanged');
    warehouse?.close();
    discardBuilding(options.db);
  } finally {
    release();
    writeRunLog(options.db, result);
  }
  return result;
}

/**
 * The share of a file's rows that loaded and its top quarantine reasons; a file under
 * METHODOLOGY.minFileLoadedShare failed (every row quarantined for "missing region" is a
 * broken mapping, not a quiet success). Its content is forgotten so it can be loaded again.
 */
async function judgeFile(connection: import('@duckdb/node-api').DuckDBConnection, runId: string, file: FileResult): Promise<RunFile> {
  const judged: RunFile = { ...file, loaded_share: file.rows_read > 0 ? Number((file.rows_loaded / file.rows_read).toFixed(4)) : null, top_reasons: [] };
  if (file.status !== 'loaded' || file.rows_quarantined === 0) return judged;
  // "duplicate vacancy_id (first at line 12)" and "(first at line 40)" are one reason.
  judged.top_reasons = await rows<{ reason: string; rows: number }>(connection,
    `SELECT regexp_replace(reason, ' \\(first at line \\d+\\)', '') AS reason, count(DISTINCT line)::INTEGER AS rows
     FROM quarantine WHERE run_id = $run_id AND file_name = $file GROUP BY 1 ORDER BY rows DESC, reason LIMIT ${METHODOLOGY.topQuarantineReasons}`,
    { run_id: runId, file: file.file });
  if (judged.loaded_share === null || judged.loaded_share >= METHODOLOGY.minFileLoadedShare) return judged;
  await run(connection, 'DELETE FROM loaded_file WHERE content_sha256 = $sha256 AND run_id = $run_id', { sha256: file.sha256, run_id: runId });
  const percent = (share: number) => `${Number((share * 100).toFixed(1))} %`;
  const reasons = judged.top_reasons.map((r) => `${r.reason} (${r.rows} rows)`).join('; ');
  judged.status = 'failed';
  judged.error = `${path.basename(file.file)}: only ${file.rows_loaded} of ${file.rows_read} rows loaded (${percent(judged.loaded_share)}, under the ${percent(METHODOLOGY.minFileLoadedShare)} a file needs); `
    + `most quarantined for: ${reasons}`;
  return judged;
}

async function measureCoverage(connection: import('@duckdb/node-api').DuckDBConnection): Promise<Record<string, number | null>> {
  const [c] = await rows<Record<string, number | null>>(connection, `
    SELECT
      (SELECT count(*) FROM vacancy)::BIGINT AS vacancies,
      (SELECT count(*) FROM seeker)::BIGINT AS seekers,
      (SELECT count(*) FROM placement)::BIGINT AS placements,
      round((SELECT count(DISTINCT (source, vacancy_id)) FROM vacancy_skill) / nullif((SELECT count(*) FROM vacancy), 0), 4) AS vacancies_with_skills_share,
      round((SELECT count(DISTINCT seeker_key) FROM seeker_skill) / nullif((SELECT count(*) FROM seeker), 0), 4) AS seekers_with_skills_share,
      round((SELECT count(*) FILTER (WHERE occupation_code IS NOT NULL) FROM vacancy) / nullif((SELECT count(*) FROM vacancy), 0), 4) AS titles_coded_share,
      round((SELECT count(*) FILTER (WHERE occupation_coded_by IN ('dictionary', 'similarity')) FROM vacancy)
            / nullif((SELECT count(*) FILTER (WHERE occupation_coded_by IS DISTINCT FROM 'source') FROM vacancy), 0), 4) AS titles_coded_from_title_share,
      -- coded from the title at high confidence (HIGH_TITLE_CONFIDENCE), of the vacancies coded from their title
      round((SELECT count(*) FILTER (WHERE occupation_coded_by IN ('dictionary', 'similarity') AND occupation_confidence >= ${HIGH_TITLE_CONFIDENCE}) FROM vacancy)
            / nullif((SELECT count(*) FILTER (WHERE occupation_coded_by IS DISTINCT FROM 'source') FROM vacancy), 0), 4) AS titles_coded_high_confidence_share,
      round((SELECT count(*) FILTER (WHERE regency_code IS NOT NULL) FROM vacancy) / nullif((SELECT count(*) FROM vacancy), 0), 4) AS vacancy_regions_to_regency_share,
      round((SELECT count(*) FILTER (WHERE regency_code IS NOT NULL) FROM seeker) / nullif((SELECT count(*) FROM seeker), 0), 4) AS seeker_regions_to_regency_share`);
  return c;
}

async function recordRun(connection: import('@duckdb/node-api').DuckDBConnection, result: RunResult, started: Date, ended: Date): Promise<void> {
  await run(connection, 'INSERT INTO run VALUES ($id, $started::TIMESTAMP, $ended::TIMESTAMP, $status, $steps::JSON, $files::JSON, $coverage::JSON)', {
    id: result.run_id, started: started.toISOString(), ended: ended.toISOString(), status: result.status,
    steps: JSON.stringify(result.steps), files: JSON.stringify(result.files), coverage: JSON.stringify(result.coverage),
  });
}

/** Every run, failed ones too, leaves a JSON record beside the warehouse (runs/<run_id>.json). */
function writeRunLog(db: string, result: RunResult): void {
  const dir = path.join(path.dirname(db), 'runs');
  fs.mkdirSync(dir, { recursive: true });
  // Written whole or not at all (temporary name, then rename): a crash midway leaves no half record.
  const file = path.join(dir, `${result.run_id}.json`);
  fs.writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(result, null, 2));
  fs.renameSync(`${file}.${process.pid}.tmp`, file);
}
