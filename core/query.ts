// "Rows of dataset X for filters F": prepareDatasetQuery is the one function pages (through
// queryDataset), the API and downloads use to turn a request into SQL: it checks the codes
// against the data version's dimensions, the sort against the declaration, and writes the
// query with each filter's clause from core/filters.ts. Values are bound parameters;
// identifiers come only from the declarations in core/datasets.ts. Withholding (DESIGN §4,
// privacy) is decided once when the warehouse is built (core/privacy/): this reads the
// already-withheld tables (pub_*), where a withheld cell is stored as null, so filters and
// sorting only ever see the published value. Datasets computed at request time keep the marts' person counts and their stored withholding.
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows as readRows } from './duckdb.ts';
import { findDataset, publishedColumns, type DatasetDef } from './datasets.ts';
import { loadDimensions, type Dimensions } from './dimensions.ts';
import { badRequest, HttpError, notFound } from './errors.ts';
import { checkCodes, whereClauses, type Filters } from './filters.ts';
import { publishedTable, storedWithholdingSql, unwithheldSql } from './privacy/index.ts';

export const CORE_SQL_DIR = path.join(import.meta.dirname, 'sql');

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
  /** Published column names, "-name" for descending, each at most once (checked: a 400 otherwise). */
  sort?: string[];
}

type Params = Record<string, string | number>;

/** One statement and its parameters. */
export interface QueryPart {
  sql: string;
  params: Params;
  /**
   * The same statement (same rows, order and parameters) with another select list, whose
   * expressions read the source's columns as m.<name>: how a download has DuckDB write each
   * value's text (server/download-text.ts) while the ORDER BY stays the statement's own.
   */
  selecting(list: string): string;
}

/** A dataset request ready to run: the whole query, and the same rows split by month for streaming. */
export interface PreparedQuery extends QueryPart {
  dataset: DatasetDef;
  /**
   * The rows of the whole query in the same order (period first) as one query per month,
   * each sorting one month only, when no period, slice or sort is asked (else the whole
   * query). Withholding is decided within a month (and stored), so splitting changes nothing.
   * Written when first read.
   */
  readonly parts: QueryPart[];
}

/**
 * The query answering a dataset request. Unknown dataset, codes not in the dimensions (404)
 * and bad sorts or spans (400) are refused before any SQL runs.
 */
export function prepareDatasetQuery(dataset: DatasetDef | string, filters: Filters, options: QueryOptions & { dims: Dimensions }): PreparedQuery {
  const def = typeof dataset === 'string' ? findDataset(dataset) : dataset;
  if (!def) throw notFound(`unknown dataset: "${dataset}"`);
  checkCodes(filters, options.dims);
  const checked = { ...options, sort: checkSort(def, options.sort) };
  const whole = buildQuery(def, filters, checked);
  const split = (): QueryPart[] => {
    if (filters.period || checked.limit !== undefined || checked.offset || (checked.sort ?? []).length > 0) return [whole];
    const { from: _from, to: _to, ...rest } = filters;
    return options.dims.periods
      .filter((period) => (!filters.from || period >= filters.from) && (!filters.to || period <= filters.to))
      .map((period) => buildQuery(def, { ...rest, period }, checked));
  };
  let parts: QueryPart[] | undefined;
  return { dataset: def, ...whole, get parts() { return (parts ??= split()); } };
}

/**
 * A sort list checked before any query runs: published columns only ("-" for descending),
 * each at most once, so it is never longer than the dataset is wide.
 */
export function checkSort(dataset: DatasetDef, sort: string[] | undefined): string[] | undefined {
  if (!sort) return undefined;
  const names = publishedColumns(dataset).map((c) => c.name);
  if (sort.length > names.length) throw badRequest(`sort lists ${sort.length} columns; ${dataset.name} has ${names.length}`, 'sort');
  const seen = new Set<string>();
  for (const s of sort) {
    const name = s.replace(/^-/, '');
    if (!names.includes(name)) throw badRequest(`cannot sort by "${name}" (columns: ${names.join(', ')})`, 'sort');
    if (seen.has(name)) throw badRequest(`sort lists "${name}" twice`, 'sort');
    seen.add(name);
  }
  return sort;
}

export interface DatasetRows { dataset: DatasetDef; columns: string[]; rows: Record<string, unknown>[] }

function buildQuery(dataset: DatasetDef, filters: Filters, options: QueryOptions): QueryPart {
  const columns = `period, region_code, region_name, region_level, ${dataset.columns.map((c) => c.name).join(', ')}, withheld`;
  const { sql, params } = writeQuery(dataset, filters, options, columns);
  return { sql, params, selecting: (list) => writeQuery(dataset, filters, options, list).sql };
}

function writeQuery(dataset: DatasetDef, filters: Filters, options: QueryOptions, columns: string): { sql: string; params: Params } {
  const params: Params = { k: options.minCell };
  const source = sourceOf(dataset, filters, options.minCell, params);
  const clauses = whereClauses(dataset, filters);
  const where = [...(options.minCell > 1 ? [SAME_K] : []), ...clauses.where];
  Object.assign(params, clauses.params);
  const sql = `
    SELECT ${columns}
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

/** The requested sort (checked by checkSort), then the declared order, which breaks ties so paging is stable. */
function orderBy(dataset: DatasetDef, sort: string[] | undefined): string {
  const requested = (sort ?? []).map((s) => `${s.replace(/^-/, '')} ${s.startsWith('-') ? 'DESC' : 'ASC'} NULLS LAST`);
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

export const QUERY_TIME_LIMIT_MS = 20_000;

/**
 * The rows of a dataset request (what pages read). The dimensions are the data version's,
 * when the caller has them (the server's cache); else they are read for this call.
 */
export async function queryDataset(connection: DuckDBConnection, name: string, filters: Filters, options: QueryOptions & { dims?: Dimensions }): Promise<DatasetRows> {
  const dims = options.dims ?? await loadDimensions(connection);
  const { dataset, sql, params } = prepareDatasetQuery(name, filters, { ...options, dims });
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
