// "Rows of dataset X for filters F": the one function pages, the API and downloads use.
// Values are bound parameters; identifiers come only from the declarations in
// core/datasets.ts. Withholding (DESIGN §4, privacy) is decided once when the warehouse is
// built (core/privacy/): this reads the already-withheld tables (pub_*), where a withheld
// cell is stored as null, so filters and sorting only ever see the published value.
// Datasets computed at request time keep the marts' person counts and their stored withholding.
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows as readRows } from './duckdb.ts';
import { findDataset, publishedColumns, type DatasetDef, type FilterName } from './datasets.ts';
import type { Dimensions } from './dimensions.ts';
import { badRequest, HttpError, notFound } from './errors.ts';
import { publishedTable, storedWithholdingSql, unwithheldSql } from './privacy/index.ts';

export const CORE_SQL_DIR = path.join(import.meta.dirname, 'sql');
import { ROW_FILTERS, type Filters } from './filters.ts';

export interface QueryOptions {
  /**
   * Smallest published person count (SINERGI_MIN_CELL). It must be the k the warehouse was
   * built with (its withholding is stored); 1 reads the marts unwithheld (tests, internal counts).
   */
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
  const source = sourceOf(dataset, filters, options.minCell, params);
  const where: string[] = [];
  if (options.minCell > 1) where.push(SAME_K);
  if (filters.period) { where.push('m.period = $period'); params.period = filters.period; }
  if (filters.from) { where.push('m.period >= $from'); params.from = filters.from; }
  if (filters.to) { where.push('m.period <= $to'); params.to = filters.to; }
  if (filters.skill) { where.push("m.skill_id IN (SELECT unnest(string_split($skill, ',')))"); params.skill = filters.skill; }
  if (filters.occupation && !(dataset.computedFor ?? []).includes('occupation')) { where.push("m.isco_code LIKE $occupation || '%'"); params.occupation = filters.occupation; }
  if (filters.region) { where.push('m.region_code = $region'); params.region = filters.region; }
  for (const [name, column] of Object.entries(ROW_FILTERS) as [FilterName, string][]) {
    const value = filters[name];
    if (value === undefined) continue;
    where.push(`CAST(m.${column} AS VARCHAR) = $${name}`);
    params[name] = value;
  }
  const sql = `
    SELECT period, region_code, region_name, region_level, ${dataset.columns.map((c) => c.name).join(', ')}, withheld
    FROM ${source} m
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${orderBy(dataset, options.sort)}
    ${options.limit !== undefined ? `LIMIT ${Math.max(0, Math.floor(options.limit))}` : ''}
    ${options.offset ? `OFFSET ${Math.max(0, Math.floor(options.offset))}` : ''}`;
  // Only the parameters the statement uses: a prepared statement refuses others.
  const used = Object.fromEntries(Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql)));
  return { sql, params: used };
}

/**
 * The stored withholding was decided for the warehouse's k: a server asking for another k
 * gets an error saying so rather than figures withheld under a rule it does not announce.
 */
const SAME_K = `(SELECT CASE WHEN max(value) IS DISTINCT FROM CAST($k AS VARCHAR)
  THEN error('the warehouse was withheld with k = ' || coalesce(max(value), 'none') || ' but k = ' || CAST($k AS VARCHAR) || ' is asked: rebuild it (sinergi build) with the same SINERGI_MIN_CELL as the server')
  ELSE true END FROM meta WHERE key = 'min_cell')`;

/**
 * Where the rows come from: the published (withheld) table, or a request-time computation
 * withheld by the decision stored at build (its person counts are the mart's cells: seekers
 * have no sector, occupation of a vacancy or employment type); k = 1 reads the marts unwithheld.
 */
function sourceOf(dataset: DatasetDef, filters: Filters, minCell: number, params: Params): string {
  const computed = computedSource(dataset, filters, params);
  if (!computed) return minCell > 1 ? publishedTable(dataset) : unwithheldSql(dataset, dataset.table);
  if (minCell <= 1) return unwithheldSql(dataset, computed.sql);
  if (!computed.personsFromMart && dataset.columns.some((c) => c.persons)) {
    throw new Error(`${dataset.name}: a request-time filter with person counts of its own would need withholding per request; declare it in personsFromMart only if its person counts are the mart's`);
  }
  return storedWithholdingSql(dataset, computed.sql);
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
function computedSource(dataset: DatasetDef, filters: Filters, params: Params): { sql: string; personsFromMart: boolean } | undefined {
  const computed = (dataset.computedFor ?? []).filter((f) => filters[f] !== undefined);
  if (computed.length === 0) return undefined;
  const personsFromMart = computed.every((f) => (dataset.personsFromMart ?? []).includes(f));
  if (dataset.computedFromMart) {
    // every month unless the period or from/to narrows them (applied again outside)
    Object.assign(params, { employment_type: filters.employment_type ?? '', from: filters.period ?? filters.from ?? '0000-01', to: filters.period ?? filters.to ?? '9999-12' });
    return { sql: `(${fs.readFileSync(path.join(CORE_SQL_DIR, `${dataset.name.replace(/-/g, '_')}_filtered.sql`), 'utf8')})`, personsFromMart };
  }
  const from = filters.period ?? filters.from;
  const to = filters.period ?? filters.to;
  if (!from || !to) throw badRequest(`${computed.join(' and ')} needs period, or from and to (at most ${MAX_COMPUTED_MONTHS} months)`, computed[0]);
  const span = monthsBetween(from, to);
  if (span > MAX_COMPUTED_MONTHS) throw badRequest(`with ${computed.join(' and ')}, from/to may span at most ${MAX_COMPUTED_MONTHS} months (asked ${span})`, 'from');
  Object.assign(params, { sector: filters.sector ?? '', occupation: filters.occupation ?? '', employment_type: filters.employment_type ?? '', from, to });
  return { sql: `(${fs.readFileSync(path.join(CORE_SQL_DIR, `${dataset.name.replace(/-/g, '_')}_filtered.sql`), 'utf8')})`, personsFromMart };
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/**
 * The query split by month for streaming a whole dataset: the rows of buildDatasetQuery in
 * the same order (period first), each part sorting one month only. Withholding is decided
 * within a month (and stored), so splitting changes nothing.
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
