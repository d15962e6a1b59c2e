// "Rows of dataset X for filters F": the one function pages, the API and downloads use.
// Values are bound parameters; identifiers come only from the declarations in
// core/datasets.ts. Withholding (DESIGN §4, privacy) happens here, in SQL, for every
// dataset and format:
// - primary: a person count between 1 and k−1 is withheld;
// - secondary: when exactly one cell of a group of sibling regions (the provinces of the
//   country, the regencies of a province) is withheld, the smallest other non-zero cell
//   of that group is withheld too, so the first cannot be recovered by subtracting the
//   published siblings from the published total;
// - a rate, ratio or median is withheld when a person count it is computed from is.
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows as readRows } from './duckdb.ts';
import { findDataset, publishedColumns, type DatasetDef, type FilterName } from './datasets.ts';
import type { Dimensions } from './dimensions.ts';
import { badRequest, HttpError, notFound } from './errors.ts';

export const CORE_SQL_DIR = path.join(import.meta.dirname, 'sql');
import { ROW_FILTERS, type Filters } from './filters.ts';

export interface QueryOptions {
  /** Smallest published person count (SINERGI_MIN_CELL); 1 turns withholding off. */
  minCell: number;
  /** Longest a query may run before it is interrupted (queryDataset; default QUERY_TIME_LIMIT_MS). */
  timeLimitMs?: number;
  limit?: number;
  offset?: number;
  /** Published column names, "-name" for descending; validated by the caller against the declaration. */
  sort?: string[];
  /** The data version's dimension tables, when the caller has them: codes are checked against them, with no query. */
  dims?: Dimensions;
}

export interface DatasetRows { dataset: DatasetDef; columns: string[]; rows: Record<string, unknown>[] }

type Params = Record<string, string | number>;

/** The SQL and parameters answering a dataset query (exported for streaming writers). */
export function buildDatasetQuery(dataset: DatasetDef, filters: Filters, options: QueryOptions): { sql: string; params: Params } {
  const params: Params = { k: options.minCell };
  const where: string[] = [];
  const source = computedSource(dataset, filters, params);
  if (filters.period) { where.push('m.period = $period'); params.period = filters.period; }
  if (filters.from) { where.push('m.period >= $from'); params.from = filters.from; }
  if (filters.to) { where.push('m.period <= $to'); params.to = filters.to; }
  if (filters.skill) { where.push("m.skill_id IN (SELECT unnest(string_split($skill, ',')))"); params.skill = filters.skill; }
  if (filters.occupation && !(dataset.computedFor ?? []).includes('occupation')) { where.push("m.isco_code LIKE $occupation || '%'"); params.occupation = filters.occupation; }
  if (filters.region) {
    // The region and its siblings: secondary withholding is decided within the group.
    where.push('r.parent_code IS NOT DISTINCT FROM (SELECT parent_code FROM dim_region WHERE region_code = $region)');
    params.region = filters.region;
  }
  const personColumns = dataset.columns.filter((c) => c.persons).map((c) => c.name);
  const group = ['m.period', 'r.parent_code', ...dataset.dimensions.map((d) => `m.${d}`)].join(', ');
  const flags = personColumns.map((c) => `
      (m.${c} BETWEEN 1 AND $k - 1) AS p_${c},
      count(*) FILTER (WHERE m.${c} BETWEEN 1 AND $k - 1) OVER (PARTITION BY ${group}) AS n_${c},
      row_number() OVER (PARTITION BY ${group} ORDER BY (m.${c} BETWEEN 1 AND $k - 1) OR coalesce(m.${c}, 0) = 0, m.${c}, m.region_code) AS r_${c}`).join(',');
  const withheldOf = (c: string) => `(p_${c} OR (parent_code IS NOT NULL AND n_${c} = 1 AND r_${c} = 1 AND coalesce(${c}, 0) > 0))`;
  const decided = personColumns.map((c) => `${withheldOf(c)} AS w_${c}`).join(', ');
  const condition = (column: string) => {
    const def = dataset.columns.find((c) => c.name === column)!;
    const deps = def.persons ? [column] : def.dependsOn ?? [];
    return deps.length === 0 ? 'false' : deps.map((d) => `w_${d}`).join(' OR ');
  };
  const select = dataset.columns.map((c) => {
    const cond = condition(c.name);
    return cond === 'false' ? c.name : `CASE WHEN ${cond} THEN NULL ELSE ${c.name} END AS ${c.name}`;
  });
  const withheldList = dataset.columns.filter((c) => condition(c.name) !== 'false').map((c) => `CASE WHEN ${condition(c.name)} THEN '${c.name}' END`);
  const sql = `
    WITH flagged AS (
      SELECT m.*, r.region_name, r.region_level, r.parent_code, r.sort_key AS region_sort${flags ? ',' + flags : ''}
      FROM ${source} m JOIN dim_region r USING (region_code)
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ), decided AS (
      SELECT *${decided ? ', ' + decided : ''} FROM flagged
    )
    SELECT period, region_code, region_name, region_level, ${select.join(', ')},
           ${withheldList.length ? `concat_ws(';', ${withheldList.join(', ')})` : "''"} AS withheld
    FROM decided
    ${finalWhere(filters, params)}
    ORDER BY ${orderBy(dataset, options.sort)}
    ${options.limit !== undefined ? `LIMIT ${Math.max(0, Math.floor(options.limit))}` : ''}
    ${options.offset ? `OFFSET ${Math.max(0, Math.floor(options.offset))}` : ''}`;
  // Only the parameters the statement uses: a prepared statement refuses others.
  const used = Object.fromEntries(Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql)));
  return { sql, params: used };
}

/** Filters applied after withholding, so sibling groups stay whole: the region and ROW_FILTERS. */
function finalWhere(filters: Filters, params: Params): string {
  const where: string[] = [];
  if (filters.region) where.push('region_code = $region');
  for (const [name, column] of Object.entries(ROW_FILTERS) as [FilterName, string][]) {
    const value = filters[name];
    if (value === undefined) continue;
    where.push(`CAST(${column} AS VARCHAR) = $${name}`);
    params[name] = value;
  }
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

function orderBy(dataset: DatasetDef, sort: string[] | undefined): string {
  const known = new Set(publishedColumns(dataset).map((c) => c.name));
  const requested = (sort ?? []).map((s) => {
    const name = s.replace(/^-/, '');
    if (!known.has(name)) throw badRequest(`cannot sort by "${name}" (columns: ${[...known].join(', ')})`, 'sort');
    return `${name} ${s.startsWith('-') ? 'DESC' : 'ASC'} NULLS LAST`;
  });
  // The declared order breaks ties, so paging is stable.
  return [...requested, ...dataset.sort].join(', ');
}

/** Longest period span a filtered computation from the facts may cover. */
export const MAX_COMPUTED_MONTHS = 12;

/**
 * The mart table, or for filters the marts do not cover (skill-gaps by sector or
 * occupation) the SQL computing the same columns from the facts for the periods asked.
 */
function computedSource(dataset: DatasetDef, filters: Filters, params: Params): string {
  const computed = (dataset.computedFor ?? []).filter((f) => filters[f] !== undefined);
  if (computed.length === 0) return dataset.table;
  if (dataset.computedFromMart) {
    // every month unless the period or from/to narrows them (applied again outside)
    Object.assign(params, { employment_type: filters.employment_type ?? '', from: filters.period ?? filters.from ?? '0000-01', to: filters.period ?? filters.to ?? '9999-12' });
    return `(${fs.readFileSync(path.join(CORE_SQL_DIR, `${dataset.name.replace(/-/g, '_')}_filtered.sql`), 'utf8')})`;
  }
  const from = filters.period ?? filters.from;
  const to = filters.period ?? filters.to;
  if (!from || !to) throw badRequest(`${computed.join(' and ')} needs period, or from and to (at most ${MAX_COMPUTED_MONTHS} months)`, computed[0]);
  const span = monthsBetween(from, to);
  if (span > MAX_COMPUTED_MONTHS) throw badRequest(`with ${computed.join(' and ')}, from/to may span at most ${MAX_COMPUTED_MONTHS} months (asked ${span})`, 'from');
  Object.assign(params, { sector: filters.sector ?? '', occupation: filters.occupation ?? '', employment_type: filters.employment_type ?? '', from, to });
  return `(${fs.readFileSync(path.join(CORE_SQL_DIR, `${dataset.name.replace(/-/g, '_')}_filtered.sql`), 'utf8')})`;
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/**
 * The query split by month for streaming a whole dataset: the rows of buildDatasetQuery in
 * the same order (period first), each part sorting one month only. Withholding is decided
 * within a month, so splitting changes nothing.
 */
export async function buildDatasetQueryParts(connection: DuckDBConnection, dataset: DatasetDef, filters: Filters, options: QueryOptions): Promise<{ sql: string; params: Params }[]> {
  if (filters.period || options.limit !== undefined || options.offset || (options.sort ?? []).length > 0) return [buildDatasetQuery(dataset, filters, options)];
  const periods = await readRows<{ period: string }>(connection,
    'SELECT period FROM dim_period WHERE period >= coalesce($from, period) AND period <= coalesce($to, period) ORDER BY period',
    { from: filters.from ?? null, to: filters.to ?? null });
  const { from: _from, to: _to, ...rest } = filters;
  return periods.map(({ period }) => buildDatasetQuery(dataset, { ...rest, period }, options));
}

/** Check that the codes in the filters exist (404 otherwise): in the dimensions when given, else by a query each. */
export async function checkCodes(connection: DuckDBConnection, filters: Filters, dims?: Dimensions): Promise<void> {
  const checks: [keyof Filters, string, ((code: string) => boolean) | undefined][] = [
    ['region', 'SELECT 1 FROM dim_region WHERE region_code = $v', dims && ((c) => dims.region.has(c))],
    ['occupation', 'SELECT 1 FROM dim_isco WHERE code = $v', dims && ((c) => dims.isco.has(c))],
    ['parent', 'SELECT 1 FROM dim_region WHERE region_code = $v', dims && ((c) => dims.region.has(c))],
    ['skill', 'SELECT 1 FROM dim_skill WHERE skill_id = $v', dims && ((c) => dims.skills.has(c))],
  ];
  for (const [name, sql, known] of checks) {
    for (const value of filters[name]?.split(',') ?? []) {
      const exists = known ? known(value) : (await readRows(connection, sql, { v: value })).length > 0;
      if (!exists) throw notFound(`unknown ${name}: "${value}"`, name);
    }
  }
}

export const QUERY_TIME_LIMIT_MS = 20_000;

export async function queryDataset(connection: DuckDBConnection, name: string, filters: Filters, options: QueryOptions): Promise<DatasetRows> {
  const dataset = findDataset(name);
  if (!dataset) throw notFound(`unknown dataset: "${name}"`);
  await checkCodes(connection, filters, options.dims);
  const { sql, params } = buildDatasetQuery(dataset, filters, options);
  const rows = await withTimeLimit(connection, options.timeLimitMs ?? QUERY_TIME_LIMIT_MS, () => readRows(connection, sql, params));
  return { dataset, columns: publishedColumns(dataset).map((c) => c.name), rows };
}

/** Run a query, interrupting it past the time limit with a 503 that says what to do. */
export async function withTimeLimit<T>(connection: DuckDBConnection, ms: number, work: () => Promise<T>): Promise<T> {
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; connection.interrupt(); }, ms);
  try {
    return await work();
  } catch (error) {
    if (timedOut) throw new HttpError(503, `the query took longer than ${Math.round(ms / 1000)} s and was stopped; narrow the filters (period, region) or use a download`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
