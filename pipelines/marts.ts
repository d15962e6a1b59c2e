// The marts step of a run: dimension tables from the reference data, then every mart of
// DESIGN §4 in SQL (pipelines/sql/marts/*.sql, in name order), with the metric constants
// of core/methodology.ts and the run's configuration as parameters.
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Config } from '../core/config.ts';
import { appendRows, rows, run, runSqlFile } from '../core/duckdb.ts';
import { EDUCATION_RANK, METHODOLOGY } from '../core/methodology.ts';
import type { Reference } from '../core/reference.ts';
import { WAREHOUSE_VERSION } from '../core/warehouse.ts';
import { SQL_DIR } from './ingest/file.ts';

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
  };
}

export interface MartsResult { matching: { status: 'computed' | 'skipped'; estimatedPairs: number; limit: number } }

export async function buildMarts(connection: DuckDBConnection, reference: Reference, config: Config, onStep: (name: string, seconds: number) => void = () => {}): Promise<MartsResult> {
  await createDimensions(connection, reference);
  const estimatedPairs = await estimateMatchingWork(connection);
  const matching = { status: estimatedPairs <= config.matchingMaxPairs ? 'computed' as const : 'skipped' as const, estimatedPairs, limit: config.matchingMaxPairs };
  const params = { ...martParameters(config), matching_enabled: matching.status === 'computed' };
  await run(connection, 'CREATE OR REPLACE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)');
  const meta: [string, string][] = [
    ...Object.entries(martParameters(config)).map(([k, v]) => [k, String(v)] as [string, string]),
    ['built_at', new Date().toISOString()],
    ['warehouse_version', String(WAREHOUSE_VERSION)],
    ['matching', matching.status],
    ['matching_estimated_pairs', String(estimatedPairs)],
    ['matching_max_pairs', String(config.matchingMaxPairs)],
  ];
  await appendRows(connection, 'meta', meta);
  for (const file of fs.readdirSync(MARTS_DIR).filter((f) => f.endsWith('.sql')).sort()) {
    const started = performance.now();
    await runSqlFile(connection, path.join(MARTS_DIR, file), params);
    onStep(file.replace(/\.sql$/, ''), (performance.now() - started) / 1000);
  }
  return { matching };
}

/**
 * The part of skill matching's work that can explode: 40_matching.sql enumerates every
 * subset of every distinct vacancy skill set K (2^|K| − 1 of them), and seekers are
 * matched through those subsets. The rest grows about linearly with the registers (see
 * pipelines/sql/marts/README.md); the full DESIGN §8 register has 29k distinct K and
 * 1.35 M subsets, while one vacancy asking for 30 skills would alone add 10^9.
 */
async function estimateMatchingWork(connection: DuckDBConnection): Promise<number> {
  const [row] = await rows<{ n: number | null }>(connection, `
    SELECT sum(2::DOUBLE ** n - 1) AS n FROM (
      SELECT DISTINCT list(vs.skill_id ORDER BY vs.skill_id) AS k, count(*) AS n
      FROM vacancy_skill vs JOIN dim_skill d ON d.skill_id = vs.skill_id AND NOT d.transversal
      GROUP BY vs.source, vs.vacancy_id)`);
  return row.n ?? 0;
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

