// The sources of the warehouse (issue 16) summed over every month of mart_sources, for
// /admin: what each source brought, how much of it was counted, how complete it is.
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows } from '../../core/duckdb.ts';
import type { Format } from '../i18n.ts';

export interface SourceSummary {
  source: string; vacancies: string; counted: string; duplicates: string; skills: string; coded: string; regency: string; employer: string; first: string; last: string;
}

interface SourceRow {
  source: string; vacancies: number; counted: number; duplicates: number; skills: number; coded: number; regency: number; employer: number; first: string; last: string;
}

/** One row per source; empty for a warehouse built before the sources mart (WAREHOUSE_VERSION 6). */
export async function summariseSources(connection: DuckDBConnection, f: Format): Promise<SourceSummary[]> {
  const exists = await rows<{ n: number }>(connection, "SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'mart_sources'");
  if (exists[0].n === 0) return [];
  const found = await rows<SourceRow>(connection, `
    SELECT source, sum(vacancies_loaded)::BIGINT AS vacancies, sum(vacancies_counted)::BIGINT AS counted,
           sum(share_duplicates * vacancies_loaded) / sum(vacancies_loaded) AS duplicates,
           sum(share_with_skills * vacancies_loaded) / sum(vacancies_loaded) AS skills,
           sum(share_coded * vacancies_loaded) / sum(vacancies_loaded) AS coded,
           sum(share_placed_regency * vacancies_loaded) / sum(vacancies_loaded) AS regency,
           sum(share_with_employer * vacancies_loaded) / sum(vacancies_loaded) AS employer,
           min(first_posted) AS first, max(last_posted) AS last
    FROM mart_sources WHERE region_code = 'ID' GROUP BY source ORDER BY vacancies DESC, source`);
  return found.map((r) => ({
    source: r.source, vacancies: f.integer(r.vacancies), counted: f.integer(r.counted), duplicates: f.percent(r.duplicates, 1),
    skills: f.percent(r.skills, 1), coded: f.percent(r.coded, 1), regency: f.percent(r.regency, 1), employer: f.percent(r.employer, 1),
    first: f.date(new Date(`${r.first}T00:00:00Z`)), last: f.date(new Date(`${r.last}T00:00:00Z`)),
  }));
}
