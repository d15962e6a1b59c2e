// The marts step of a run: dimension tables from the reference data, the building blocks
// of pipelines/sql/macros.sql, then every mart of DESIGN §4 in SQL (pipelines/sql/marts/*.sql,
// in the order MART_STEPS declares), with the metric constants of core/methodology.ts and
// the run's configuration as parameters.
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Config } from '../core/config.ts';
import { appendRows, rows, run, runSqlFile } from '../core/duckdb.ts';
import { EDUCATION_RANK, METHODOLOGY } from '../core/methodology.ts';
import { publishWithheld, roundingKey, type PublishResult } from '../core/privacy/index.ts';
import type { Reference } from '../core/reference.ts';
import { WAREHOUSE_VERSION } from '../core/warehouse.ts';
import { SQL_DIR } from './ingest/file.ts';
import { runMatchingKernel, type KernelResult } from './matching/io.ts';
import { loadPseudonymKey } from './ingest/pseudonym.ts';

export const MARTS_DIR = path.join(SQL_DIR, 'marts');

export function martParameters(config: Pick<Config, 'vacancyValidityDays' | 'seekerValidityDays' | 'theta'>) {
  return {
    vacancy_validity_days: config.vacancyValidityDays,
    seeker_validity_days: config.seekerValidityDays,
    theta: config.theta,
    insufficient_below: METHODOLOGY.insufficientBelow,
    status_min_count: METHODOLOGY.statusMinCount,
    ranking_min_volume: METHODOLOGY.rankingMinVolume,
    imbalance_threshold: METHODOLOGY.imbalanceThreshold,
    emerging_growth: METHODOLOGY.emergingGrowth,
    emerging_min_openings: METHODOLOGY.emergingMinOpenings,
    duplicate_slack_days: METHODOLOGY.duplicateSlackDays,
    duplicate_title_similarity: METHODOLOGY.duplicateTitleSimilarity,
    duplicate_title_only_similarity: METHODOLOGY.duplicateTitleOnlySimilarity,
    duplicate_description_similarity: METHODOLOGY.duplicateDescriptionSimilarity,
  };
}

/**
 * How skill matching went (40_matching.sql and the kernel): the distinct vacancy skill sets K
 * and the largest, the scope-months matched, the (seeker class, vacancy signature) pairs
 * sharing a skill that the kernel looked at, the threads it ran on and its seconds (read,
 * compute, write).
 */
export interface MatchingResult {
  status: 'computed'; skillSets: number; largestSkillSet: number; scopeMonths: number; pairs: number;
  threads: number; seconds: KernelResult['seconds'];
}
export interface MartsResult { matching: MatchingResult; privacy: PublishResult }

/**
 * The marts in build order: each step's SQL files, run in turn on one connection (a step's
 * later files read its first file's temporary tables), the tables it reads that an earlier
 * step makes (the loaded facts and createDimensions' dim_* tables are MART_INPUTS) and the
 * tables it builds. The order is this list's, not the file names'; checkBuildOrder holds the
 * list to itself and to the folder. `after` runs code after a file (the matching kernel).
 */
export const MART_STEPS: { step: string; files: string[]; reads: string[]; builds: string[]; after?: Record<string, (connection: DuckDBConnection) => Promise<unknown>> }[] = [
  { step: '00_rules', files: ['00_rules.sql'], reads: [], builds: [] },
  { step: '00_duplicates', files: ['00_duplicates.sql'], reads: ['vacancy', 'dim_region'], builds: ['vacancy_duplicate', 'duplicate_group', 'duplicate_pair'] },
  { step: '01_base', files: ['01_base.sql'], reads: ['vacancy', 'seeker', 'placement', 'vacancy_duplicate', 'dim_region', 'dim_skill', 'dim_isco'], builds: ['dim_period', 'f_vacancy', 'f_seeker', 'f_placement', 'o_region', 'o_skill', 'o_isco'] },
  { step: '10_labour_market', files: ['10_labour_market.sql'], reads: ['f_vacancy', 'f_seeker', 'f_placement', 'dim_period', 'dim_region'], builds: ['mart_labour_market_monthly', 'mart_labour_market_type'] },
  { step: '20_skills', files: ['20_skills.sql'], reads: ['f_vacancy', 'f_seeker', 'vacancy_skill', 'seeker_skill', 'dim_period', 'dim_skill', 'o_region', 'o_skill', 'mart_labour_market_monthly'], builds: ['mart_skill_gaps', 'mart_skill_trends'] },
  { step: '21_skill_facts', files: ['21_skill_facts.sql'], reads: ['f_vacancy', 'f_seeker', 'vacancy_skill', 'seeker_skill'], builds: ['fs_vacancy_skill', 'fs_seeker_skill'] },
  { step: '30_occupations_seekers', files: ['30_occupations_seekers.sql'], reads: ['f_vacancy', 'f_seeker', 'f_placement', 'dim_period', 'dim_region', 'dim_isco', 'o_region', 'o_isco'], builds: ['mart_occupation_demand', 'mart_seeker_profile'] },
  {
    step: '40_matching', files: ['40_matching.sql', '41_matching_quality.sql', '42_upskilling_leverage.sql', '43_training_recommendations.sql'],
    reads: ['f_vacancy', 'f_seeker', 'f_placement', 'vacancy_skill', 'seeker_skill', 'dim_period', 'dim_region', 'dim_skill', 'dim_education', 'dim_programme', 'dim_programme_skill'],
    builds: ['mart_matching_quality', 'mart_upskilling_leverage', 'mart_training_recommendations', 'mt_kset'],
    after: { '40_matching.sql': runMatchingKernel },
  },
  { step: '50_match_index', files: ['50_match_index.sql'], reads: ['f_vacancy', 'vacancy', 'vacancy_skill', 'dim_skill', 'dim_education'], builds: ['match_skill', 'match_vacancy'] },
  { step: '60_sources', files: ['60_sources.sql'], reads: ['vacancy', 'vacancy_skill', 'loaded_file', 'vacancy_duplicate', 'duplicate_group'], builds: ['dim_source', 'mart_sources'] },
];

/** Tables the marts read that no mart step builds: the loaded facts and createDimensions' tables. */
export const MART_INPUTS = ['vacancy', 'seeker', 'placement', 'vacancy_skill', 'seeker_skill', 'loaded_file',
  'dim_region', 'dim_skill', 'dim_isco', 'dim_education', 'dim_programme', 'dim_programme_skill'];

/** Every .sql file of MARTS_DIR is in one step, and each step reads only what is there before it. */
export function checkBuildOrder(files = fs.readdirSync(MARTS_DIR).filter((f) => f.endsWith('.sql'))): void {
  const declared = MART_STEPS.flatMap((m) => m.files);
  const missing = files.filter((f) => !declared.includes(f));
  if (missing.length) throw new Error(`pipelines/marts.ts MART_STEPS does not declare ${missing.join(', ')} (${MARTS_DIR})`);
  const twice = declared.filter((f, i) => declared.indexOf(f) !== i);
  if (twice.length) throw new Error(`pipelines/marts.ts MART_STEPS declares ${twice.join(', ')} twice`);
  const built = new Set(MART_INPUTS);
  for (const mart of MART_STEPS) {
    const absent = mart.files.filter((f) => !files.includes(f));
    if (absent.length) throw new Error(`pipelines/marts.ts MART_STEPS declares ${absent.join(', ')}, not in ${MARTS_DIR}`);
    const early = mart.reads.filter((t) => !built.has(t));
    if (early.length) throw new Error(`pipelines/marts.ts MART_STEPS: ${mart.step} reads ${early.join(', ')} before any step builds it`);
    for (const t of mart.builds) built.add(t);
  }
}

const MATCHING_STEP = '40_matching';

export async function buildMarts(connection: DuckDBConnection, reference: Reference, config: Config, onStep: (name: string, seconds: number) => void = () => {}): Promise<MartsResult> {
  await createDimensions(connection, reference);
  const params = martParameters(config);
  await run(connection, 'CREATE OR REPLACE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)');
  const meta: [string, string][] = [
    ...Object.entries(params).map(([k, v]) => [k, String(v)] as [string, string]),
    ['built_at', new Date().toISOString()],
    ['warehouse_version', String(WAREHOUSE_VERSION)],
    ['min_cell', String(config.minCell)],
    ['disclosure', config.disclosure],
  ];
  await appendRows(connection, 'meta', meta);
  checkBuildOrder();
  // The building blocks (region roll-up, activity windows), also for a warehouse built before them.
  await runSqlFile(connection, path.join(SQL_DIR, 'macros.sql'));
  const afterResults = new Map<string, unknown>();
  for (const { step, files, after } of MART_STEPS) {
    const started = performance.now();
    try {
      for (const file of files) {
        await runSqlFile(connection, path.join(MARTS_DIR, file), params);
        if (after?.[file]) afterResults.set(file, await after[file](connection));
      }
    } catch (error) {
      if (step === MATCHING_STEP) throw await matchingError(connection, config, error);
      throw error;
    }
    onStep(step, (performance.now() - started) / 1000);
  }
  const matching = await describeMatching(connection, afterResults.get('40_matching.sql') as KernelResult);
  await appendRows(connection, 'meta', [['matching', matching.status], ['matching_pairs', String(matching.pairs)], ['matching_largest_skill_set', String(matching.largestSkillSet)]]);
  // Withholding (or rounding) decided once, for every dataset, in the same run (core/privacy).
  // Rounding draws from a key derived from the pseudonymisation key: secret, and the same each build.
  const key = config.disclosure === 'round' ? roundingKey(loadPseudonymKey(config.pseudonymKey, config.keyFile).key) : undefined;
  const privacy = await publishWithheld(connection, config.minCell, onStep, { method: config.disclosure, key });
  return { matching, privacy };
}

/** The skill sets matching saw (40_matching.sql's temporary table mt_kset, one row per distinct K) and what the kernel did. */
async function describeMatching(connection: DuckDBConnection, kernel: KernelResult): Promise<MatchingResult> {
  const [row] = await rows<{ n: number; largest: number | null }>(connection, 'SELECT count(*) AS n, max(k_count) AS largest FROM mt_kset');
  await run(connection, 'DROP TABLE mt_kset');
  return { status: 'computed', skillSets: row.n, largestSkillSet: row.largest ?? 0, scopeMonths: kernel.stats.scopeMonths, pairs: kernel.stats.pairs, threads: kernel.threads, seconds: kernel.seconds };
}

/**
 * Matching has no work limit of its own (its cost does not grow with 2^|K|), but DuckDB has
 * SINERGI_MEMORY_LIMIT: when matching fails, say so with the vacancy asking for the most
 * skills, the likeliest reason a register needs more.
 */
async function matchingError(connection: DuckDBConnection, config: Config, error: unknown): Promise<Error> {
  const message = error instanceof Error ? error.message : String(error);
  const largest = await rows<{ source: string; vacancy_id: string; n: number }>(connection, `
    SELECT vs.source, vs.vacancy_id, count(*) AS n
    FROM vacancy_skill vs JOIN dim_skill d ON d.skill_id = vs.skill_id AND NOT d.transversal
    GROUP BY ALL ORDER BY n DESC, vs.source, vs.vacancy_id LIMIT 1`).catch(() => []);
  const vacancy = largest.length ? `; the vacancy asking for the most skills is ${largest[0].source}/${largest[0].vacancy_id} (${largest[0].n} skills)` : '';
  return new Error(`skill matching failed within SINERGI_MEMORY_LIMIT=${config.memoryLimit}${vacancy}: ${message}`, { cause: error });
}

/** Regions (national, provinces, regencies), skills and ISCO groups as tables the marts join. */
async function createDimensions(connection: DuckDBConnection, reference: Reference): Promise<void> {
  await run(connection, `CREATE OR REPLACE TABLE dim_region (region_code VARCHAR PRIMARY KEY, region_level VARCHAR, region_name VARCHAR,
    parent_code VARCHAR, province_code VARCHAR, area_type VARCHAR, sort_key INTEGER)`);
  const regions: (string | number | null)[][] = [['ID', 'national', 'Indonesia', null, null, null, 0]];
  let order = 1;
  for (const p of reference.provinces) {
    regions.push([p.code, 'province', p.name, 'ID', p.code, null, order++]);
    for (const r of reference.regencies.filter((x) => x.provinceCode === p.code)) regions.push([r.code, 'regency', r.name, p.code, p.code, r.areaType, order++]);
  }
  await appendRows(connection, 'dim_region', regions, { integers: true });
  await run(connection, 'CREATE OR REPLACE TABLE dim_skill (skill_id VARCHAR PRIMARY KEY, label_id VARCHAR, label_en VARCHAR, skill_group VARCHAR, transversal BOOLEAN, esco_uri VARCHAR)');
  await appendRows(connection, 'dim_skill', reference.skills.map((s) => [s.id, s.labelId, s.labelEn, s.group, s.transversal ? 'true' : 'false', s.escoUri]));
  await run(connection, 'CREATE OR REPLACE TABLE dim_isco (code VARCHAR PRIMARY KEY, level INTEGER, title_id VARCHAR, title_en VARCHAR)');
  await appendRows(connection, 'dim_isco', reference.isco.map((g) => [g.code, g.level, g.titleId, g.titleEn]), { integers: true });
  await run(connection, 'CREATE OR REPLACE TABLE dim_education (code VARCHAR PRIMARY KEY, rank INTEGER)');
  await appendRows(connection, 'dim_education', Object.entries(EDUCATION_RANK).map(([code, rank]) => [code, rank]), { integers: true });
  await run(connection, 'CREATE OR REPLACE TABLE dim_programme (programme_id VARCHAR PRIMARY KEY, name_id VARCHAR, name_en VARCHAR, vocation VARCHAR, hours INTEGER)');
  await appendRows(connection, 'dim_programme', reference.trainingProgrammes.map((p) => [p.id, p.nameId, p.nameEn, p.vocation, p.hours]), { integers: true });
  await run(connection, 'CREATE OR REPLACE TABLE dim_programme_skill (programme_id VARCHAR, skill_id VARCHAR)');
  await appendRows(connection, 'dim_programme_skill', reference.trainingProgrammes.flatMap((p) => p.skills.map((s) => [p.id, s])));
}

