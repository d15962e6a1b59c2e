// The `sinergi` command line: one sub-command per step (DESIGN §7). Options are
// validated by one schema per command; settings come from flags or SINERGI_* variables.
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { ConfigError, PROJECT_ROOT, describeConfig, loadConfig } from '../core/config.ts';
import { rows } from '../core/duckdb.ts';
import { createLogger } from '../core/log.ts';
import { openWarehouse, WAREHOUSE_VERSION, warehouseVersion } from '../core/warehouse.ts';
import { loadReference, type Reference } from '../core/reference.ts';
import { generate } from './generate/index.ts';
import { FORMATS } from './generate/sinks.ts';
import { createProgress } from './progress.ts';
import { ensureSample } from './sample.ts';
import { runInbox, startSchedule } from './schedule.ts';
import { KINDS } from './ingest/kinds.ts';
import { loadMappings, MappingError } from './ingest/mapping.ts';
import { exitCodeOf, runPipeline, type RunResult } from './run.ts';

interface RunFlags { input?: string[]; db?: string; kind?: string; mapping?: string; json?: boolean }

/** The run as `--json` prints it (DESIGN: run_id, status, files, coverage). */
function publicResult(result: RunResult) {
  return {
    run_id: result.run_id,
    status: result.status,
    files: result.files.map((f) => ({
      file: f.file, kind: f.kind, status: f.status, rows_read: f.rows_read, rows_loaded: f.rows_loaded,
      rows_quarantined: f.rows_quarantined, error: f.error, dropped_columns: f.dropped_columns,
      loaded_share: f.loaded_share, top_reasons: f.top_reasons,
    })),
    coverage: result.coverage,
    matching: result.matching ?? null,
    steps: result.steps,
    ...(result.error ? { error: result.error } : {}),
  };
}

function printRun(result: RunResult): void {
  console.log(`run ${result.run_id}: ${result.status}${result.error ? ` (${result.error})` : ''}`);
  for (const f of result.files) {
    const counts = f.status === 'rejected' ? f.error : `${f.rows_read} read, ${f.rows_loaded} loaded, ${f.rows_quarantined} quarantined${f.status === 'failed' ? `\n           ${f.error}` : ''}`;
    console.log(`  ${f.status.padEnd(8)} ${f.file}: ${counts}${f.dropped_columns.length ? ` (dropped identifiers: ${f.dropped_columns.join(', ')})` : ''}`);
  }
  for (const [k, v] of Object.entries(result.coverage)) console.log(`  ${k.padEnd(34)} ${v ?? '-'}`);
}

const VERSION: string = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version;

export class UsageError extends Error {}

const positiveInt = (name: string) => z.coerce.number({ error: `--${name} must be a whole number` }).int(`--${name} must be a whole number`).positive(`--${name} must be at least 1`);

const generateSchema = z.object({
  vacancies: positiveInt('vacancies'),
  seekers: positiveInt('seekers'),
  months: positiveInt('months').max(120, '--months must be at most 120'),
  end: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '--end must be a month written YYYY-MM'),
  seed: z.coerce.number().int('--seed must be a whole number').min(0).max(2 ** 32 - 1),
  out: z.string().min(1),
  format: z.enum(FORMATS, { error: `--format must be one of ${FORMATS.join(', ')}` }),
  longSkillShare: z.coerce.number({ error: '--long-skill-share must be a number' }).min(0, '--long-skill-share must be between 0 and 1').max(1, '--long-skill-share must be between 0 and 1'),
  repostShare: z.coerce.number({ error: '--repost-share must be a number' }).min(0, '--repost-share must be between 0 and 1').max(1, '--repost-share must be between 0 and 1'),
});

function parseOptions<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command('sinergi')
    .description('Skills-demand intelligence for public employment services')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let exitCode = 0;

  program.command('generate')
    .description('write synthetic vacancy, seeker and placement extracts (DESIGN §2 layout)')
    .option('--vacancies <n>', 'vacancy rows', '15000')
    .option('--seekers <n>', 'seeker rows', '75000')
    .option('--months <n>', 'months of data', '24')
    .option('--end <YYYY-MM>', 'last month', '2025-12')
    .option('--seed <n>', 'random seed (same seed, same bytes)', '1')
    .option('--out <dir>', 'output folder', 'data/generated')
    .option('--format <format>', `one of ${FORMATS.join(', ')}`, 'csv')
    .option('--long-skill-share <share>', 'share of vacancies asking for 25–40 skills (0 to 1)', '0')
    .option('--repost-share <share>', 'share of vacancies re-posted on a second source with perturbed titles and dates (0 to 1)', '0')
    .action(async (raw) => {
      const options = parseOptions(generateSchema, raw);
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      const progress = createProgress(logger);
      const started = performance.now();
      const result = await generate({ ...options, out: path.resolve(options.out), vacancyValidityDays: config.vacancyValidityDays }, loadReference(), progress.update);
      progress.stop();
      const seconds = (performance.now() - started) / 1000;
      logger.info({ ...result, seconds: Number(seconds.toFixed(2)) }, 'generated extracts');
      for (const f of result.files) console.log(`${f.kind.padEnd(10)} ${String(f.rows).padStart(9)} rows  ${(f.bytes / 1e6).toFixed(1).padStart(7)} MB  ${f.file}`);
    });

  const runAction = (inputsOf: (raw: RunFlags, args: string[]) => string[]) => async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const raw = command.opts() as RunFlags;
    const config = loadConfig(process.env, raw.db ? { db: raw.db } : {});
    const logger = createLogger(config.logLevel);
    const reference = loadReference();
    const kind = raw.kind === undefined ? undefined : parseOptions(z.enum(KINDS, { error: `--kind must be one of ${KINDS.join(', ')}` }), raw.kind);
    const mappings = loadMappings();
    const mapping = raw.mapping === undefined ? undefined : mappings.find((m) => m.source === raw.mapping);
    if (raw.mapping !== undefined && !mapping) throw new UsageError(`--mapping: no mapping named ${raw.mapping} in data/mappings (have: ${mappings.map((m) => m.source).join(', ') || 'none'})`);
    const progress = createProgress(logger);
    const result = await runPipeline({ inputs: inputsOf(raw, command.args), db: config.db, kind, mapping }, { config, reference, logger, progress: progress.update });
    progress.stop();
    if (raw.json) console.log(JSON.stringify(publicResult(result), null, 2));
    else printRun(result);
    exitCode = exitCodeOf(result);
  };

  program.command('run')
    .description('build a new warehouse from the extracts in a folder and publish it (atomically)')
    .requiredOption('--input <dir...>', 'folder(s) or files of extracts')
    .option('--db <file>', 'warehouse file (default SINERGI_DB)')
    .option('--kind <kind>', 'kind of every input (vacancies, seekers, placements) when names do not say')
    .option('--mapping <source>', 'mapping in data/mappings to apply to every input')
    .option('--json', 'print the run as JSON')
    .action(runAction((raw) => raw.input ?? []));

  program.command('ingest')
    .description('load extract files into the warehouse (a run over just these files)')
    .argument('<files...>', 'extract files')
    .option('--db <file>', 'warehouse file (default SINERGI_DB)')
    .option('--kind <kind>', 'kind of the files when their names do not say')
    .option('--mapping <source>', 'mapping in data/mappings to apply')
    .option('--json', 'print the run as JSON')
    .action(runAction((_raw, args) => args));

  program.command('info')
    .description('version, configuration (secrets masked), reference data and warehouse facts')
    .option('--json', 'print JSON')
    .option('--db <file>', 'warehouse file (default SINERGI_DB)')
    .action(async (raw: { json?: boolean; db?: string }) => {
      const config = loadConfig(process.env, raw.db ? { db: raw.db } : {});
      const info = { version: VERSION, config: describeConfig(config), reference: countReference(loadReference()), warehouse: await describeWarehouse(config.db) };
      if (raw.json) console.log(JSON.stringify(info, null, 2));
      else printInfo(info);
    });

  program.command('build')
    .description('rebuild the marts of the published warehouse from the facts it holds (a run with no new files)')
    .option('--db <file>', 'warehouse file (default SINERGI_DB)')
    .option('--json', 'print the run as JSON')
    .action(async (raw: { db?: string; json?: boolean }) => {
      const config = loadConfig(process.env, raw.db ? { db: raw.db } : {});
      if (!fs.existsSync(config.db)) throw new UsageError(`no warehouse at ${config.db}: build one with "sinergi run --input DIR" first`);
      const logger = createLogger(config.logLevel);
      const result = await runPipeline({ inputs: [], db: config.db }, { config, reference: loadReference(), logger });
      if (raw.json) console.log(JSON.stringify(publicResult(result), null, 2));
      else printRun(result);
      exitCode = exitCodeOf(result);
    });

  program.command('serve')
    .description('serve the published warehouse over HTTP: dashboards, downloads, API, admin')
    .option('--db <file>', 'warehouse file (default SINERGI_DB)')
    .option('--port <port>', 'port (default SINERGI_PORT, 3000)')
    .action(async (raw: { db?: string; port?: string }) => {
      const config = loadConfig(process.env, { ...(raw.db ? { db: raw.db } : {}), ...(raw.port ? { port: raw.port } : {}) });
      const logger = createLogger(config.logLevel);
      const reference = loadReference();
      // Pages read marts a newer Sinergi adds (e.g. the skill facts of version 8): an older file needs `sinergi build`.
      const built = fs.existsSync(config.db) ? await warehouseVersion(config.db) : WAREHOUSE_VERSION;
      if (built !== WAREHOUSE_VERSION) logger.warn({ db: config.db, built, expected: WAREHOUSE_VERSION }, 'the warehouse was built by another version of Sinergi: some pages will fail until `sinergi build` rebuilds its marts');
      const { startServer } = await import('../server/serve.ts');   // (loaded only to serve: it is most of the CLI's start-up)
      const { url } = await startServer(config, logger, () => runInbox({ config, reference, logger }), { warm: config.warm === 'on' });
      console.log(`Sinergi serving ${config.db} on ${url}`);
      await new Promise(() => {});
    });

  program.command('schedule')
    .description('load the inbox on the configured schedule (default nightly 02:00 Asia/Jakarta)')
    .option('--now', 'also run the inbox once right away')
    .action(async (raw: { now?: boolean }) => {
      const config = loadConfig();
      const deps = { config, reference: loadReference(), logger: createLogger(config.logLevel) };
      if (raw.now) await runInbox(deps);
      startSchedule(deps);
      await new Promise(() => {});
    });

  program.command('start')
    .description('what npm start runs: build the warehouse from the shipped sample when none exists, then run the inbox on its schedule')
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      const reference = loadReference();
      if (!fs.existsSync(config.db)) {
        const sample = await ensureSample(reference, logger);
        logger.info({ sample: sample.dir, db: config.db }, 'no warehouse yet: building it from the shipped sample');
        const progress = createProgress(logger);
        const result = await runPipeline({ inputs: [sample.dir], db: config.db }, { config, reference, logger, progress: progress.update });
        progress.stop();
        printRun(result);
        if (result.status === 'failed') { exitCode = 1; return; }
      } else if ((await warehouseVersion(config.db)) !== WAREHOUSE_VERSION) {
        // Built by an older Sinergi: rebuild the marts from the facts it holds (a run with no new files).
        logger.info({ db: config.db }, 'the warehouse was built by an older version: rebuilding its marts');
        const result = await runPipeline({ inputs: [], db: config.db }, { config, reference, logger });
        if (result.status === 'failed') { printRun(result); exitCode = 1; return; }
      }
      startSchedule({ config, reference, logger });
      const { startServer } = await import('../server/serve.ts');   // (loaded only to serve: it is most of the CLI's start-up)
      const { url } = await startServer(config, logger, () => runInbox({ config, reference, logger }), { warm: config.warm === 'on' });
      console.log(`Warehouse: ${config.db}`);
      console.log(`Inbox: ${config.inbox} (loaded on schedule "${config.schedule}", ${config.timezone})`);
      console.log(`Serving on ${url}`);
      await new Promise(() => {});
    });

  program.command('bench')
    .description('run the benchmarks and print a table')
    .option('--scale <f>', 'fraction of the full 1 M / 2 M size', '1')
    .option('--extracts <dir>', 'use the extracts in this folder (made before at --scale) instead of generating them')
    .option('--scaling <list>', 'fractions of --scale for the cost-per-row table, e.g. 0.1,0.25,1, or none')
    .action(async (raw: { scale: string; extracts?: string; scaling?: string }) => {
      const { runBenchmarks } = await import('../bench/run.ts');
      const scaling = raw.scaling === undefined ? undefined : raw.scaling === 'none' ? [] : raw.scaling.split(',').map(Number);
      exitCode = await runBenchmarks({ scale: Number(raw.scale), extracts: raw.extracts && path.resolve(raw.extracts), scaling });
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 64;
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof MappingError) {
      process.stderr.write(`sinergi: ${error.message}\n`);
      return 64;
    }
    process.stderr.write(`sinergi: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function countReference(reference: Reference) {
  return {
    provinces: reference.provinces.length,
    regencies: reference.regencies.length,
    isco_unit_groups: reference.isco.filter((g) => g.level === 4).length,
    skills: reference.skills.length,
    skill_aliases: reference.skills.reduce((n, s) => n + s.aliases.length, 0),
    title_entries: reference.jobTitles.length,
    training_programmes: reference.trainingProgrammes.length,
  };
}

function printInfo(info: { version: string; config: Record<string, unknown>; reference: Record<string, number>; warehouse: Record<string, unknown> | null }): void {
  console.log(`Sinergi ${info.version}\n\nConfiguration:`);
  for (const [k, v] of Object.entries(info.config)) console.log(`  ${k.padEnd(20)} ${v ?? '(not set)'}`);
  console.log('\nReference data:');
  for (const [k, v] of Object.entries(info.reference)) console.log(`  ${k.padEnd(20)} ${v}`);
  console.log('\nWarehouse:');
  if (!info.warehouse) console.log('  none yet');
  else for (const [k, v] of Object.entries(info.warehouse)) console.log(`  ${k.padEnd(20)} ${typeof v === 'object' && v !== null ? JSON.stringify(v) : v}`);
}

/** Facts of the published warehouse, or null when none exists yet. */
async function describeWarehouse(db: string): Promise<Record<string, unknown> | null> {
  if (!fs.existsSync(db)) return null;
  const warehouse = await openWarehouse(db, { readOnly: true });
  try {
    const [facts] = await rows(warehouse.connection, `SELECT
      (SELECT count(*) FROM vacancy)::BIGINT AS vacancies, (SELECT count(*) FROM seeker)::BIGINT AS seekers,
      (SELECT count(*) FROM placement)::BIGINT AS placements, (SELECT count(*) FROM quarantine)::BIGINT AS quarantined_problems,
      (SELECT count(*) FROM loaded_file)::BIGINT AS files_loaded,
      (SELECT min(posted_date)::VARCHAR FROM vacancy) AS first_posted, (SELECT max(posted_date)::VARCHAR FROM vacancy) AS last_posted`);
    const [last] = await rows(warehouse.connection, 'SELECT run_id, status, ended_at::VARCHAR AS ended_at FROM run ORDER BY started_at DESC LIMIT 1');
    return { file: db, bytes: fs.statSync(db).size, ...facts, last_run: last ?? null };
  } finally {
    warehouse.close();
  }
}
