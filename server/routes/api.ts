// The JSON API, /api/v1/<dataset>: the dataset's rows for the filters, a page at a time
// (limit, cursor), with field selection and sorting on declared columns, CORS for reading,
// and an OpenAPI 3.1 description generated from the same declarations (datasets, and the
// filters' own zod schemas in core/filters.ts).
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { DATASETS, findDataset, publishedColumns, type ColumnDef, type DatasetDef } from '../../core/datasets.ts';
import { rows as readRows } from '../../core/duckdb.ts';
import { badRequest, notFound } from '../../core/errors.ts';
import { FILTERS, filterJsonSchema, parseFilters, type Filters } from '../../core/filters.ts';
import { checkSort, prepareDatasetQuery, QUERY_TIME_LIMIT_MS, withTimeLimit } from '../../core/query.ts';
import { jsonRow } from '../formats.ts';
import type { WarehouseReader } from '../warehouse.ts';
import type { CachedPage, PageCache } from '../cache.ts';
import { notModified } from './data.ts';
import { matchOpenApi } from './match.ts';

export const API_DEFAULT_LIMIT = 100;
export const API_MAX_LIMIT = 1000;
const PAGING = ['limit', 'cursor', 'fields', 'sort'];

/** The rate limit is the app's (server/app.ts), before cached answers, so each API request counts once. */
export interface ApiOptions { minCell: number; cache?: PageCache; /** GET /api/v1/match, the counsellor's desk (server/routes/match.ts). */ match?: RequestHandler }

const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
/** The offset a cursor stands for: at most 15 digits, so it stays an exact integer in SQL (never "1e+23"). */
function decodeCursor(cursor: string): number {
  const m = /^o:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw badRequest(`invalid cursor: "${cursor}" (use the "next" link of the previous page)`, 'cursor');
  return Number(m[1]);
}

export function apiRoutes(warehouse: WarehouseReader, options: ApiOptions): Router {
  const router = Router();
  // Totals per data version, dataset and filters: every page of a listing needs the same one.
  const totals = new Map<string, number>();
  const TOTALS_KEPT = 1000;
  router.use('/api', (_req, res, next) => { res.set('Access-Control-Allow-Origin', '*'); next(); });

  router.get('/api/v1/openapi.json', (req, res) => {
    res.json(openApi(`${req.protocol}://${req.get('host')}`));
  });

  if (options.match) router.get('/api/v1/match', options.match);

  router.get('/api/v1/:dataset', async (req, res) => {
    const dataset = findDataset(req.params.dataset);
    if (!dataset) throw notFound(`unknown dataset: "${req.params.dataset}" (known: ${DATASETS.map((d) => d.name).join(', ')})`);
    const query = req.query as Record<string, unknown>;
    const filters = parseFilters(dataset, query, PAGING);
    const limit = query.limit === undefined ? API_DEFAULT_LIMIT : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > API_MAX_LIMIT) throw badRequest(`invalid limit: "${query.limit}" (a whole number from 1 to ${API_MAX_LIMIT})`, 'limit');
    const offset = typeof query.cursor === 'string' ? decodeCursor(query.cursor) : 0;
    const columns = publishedColumns(dataset);
    const fields = typeof query.fields === 'string' ? selectFields(columns, query.fields) : columns;
    const sort = checkSort(dataset, typeof query.sort === 'string' ? query.sort.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
    const { version, asOf } = await warehouse.snapshot();
    // One response per data version and normalised query, rendered once however many ask at the same time.
    const canonical = canonicalQuery(query);
    const key = apiKey(req.path, canonical);
    const respond = () => warehouse.withConnection(async ({ connection, version: opened }) => {
      const dims = await warehouse.dimensions.get(opened, connection);
      const page = prepareDatasetQuery(dataset, filters, { minCell: options.minCell, limit, offset, sort, dims });
      const totalKey = `${version}|${dataset.name}|${JSON.stringify(filters)}`;
      let total = totals.get(totalKey);
      if (total === undefined) {
        // Counted on the published (withheld) rows: a filter on a withheld column (status) must not count what it hides.
        const all = prepareDatasetQuery(dataset, filters, { minCell: options.minCell, dims });
        total = (await withTimeLimit(connection, QUERY_TIME_LIMIT_MS, () => readRows<{ total: number }>(connection, `SELECT count(*)::BIGINT AS total FROM (${all.sql})`, all.params)))[0].total;
        if (totals.size >= TOTALS_KEPT) totals.delete(totals.keys().next().value!);
        totals.set(totalKey, total);
      }
      const rows = await withTimeLimit(connection, QUERY_TIME_LIMIT_MS, () => readRows(connection, page.sql, page.params));
      const nextOffset = offset + rows.length;
      const next = nextOffset < total ? nextLink(req.path, canonical, encodeCursor(nextOffset)) : null;
      return JSON.stringify({ dataset: dataset.name, as_of: asOf.toISOString(), filters, rows: rows.map((r) => jsonRow(r, fields)), total, next });
    });
    if (notModified(req, res, `"${version}-api"`, asOf)) return;
    const cached = options.cache ? await options.cache.getOrRender(version, key, respond) : null;
    if (!cached) { res.type('json').send(await respond()); return; }
    sendJson(req, res, cached);
  });
  return router;
}

const apiKey = (path: string, canonical: string) => `api|${path}|${canonical}`;

/**
 * An API answer already in the cache, sent at once (true) with the headers the route
 * sends — no connection, no await; false when it is not cached or the query is not one
 * the route could have cached (a parameter given twice). Called by the app before its
 * routers (server/app.ts), after the rate limit.
 */
export function sendCachedApi(warehouse: WarehouseReader, cache: PageCache, req: Request, res: Response): boolean {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/api/v1/')) return false;
  const now = warehouse.current();
  if (!now) return false;
  const query = req.query as Record<string, unknown>;
  for (const k in query) if (typeof query[k] !== 'string') return false;
  const hit = cache.get(now.version, apiKey(req.path, canonicalQuery(query)));
  if (!hit) return false;
  res.set('Access-Control-Allow-Origin', '*');
  if (notModified(req, res, `"${now.version}-api"`, now.asOf)) return true;
  sendJson(req, res, hit);
  return true;
}

function sendJson(req: Request, res: Response, cached: CachedPage): void {
  res.type('json');
  res.set('Vary', 'Accept-Encoding');
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) { res.set('Content-Encoding', 'gzip'); res.end(cached.gzip); } else res.end(cached.body);
}

/** The query's parameters sorted (lang dropped: the API answers the same in both), one cache entry per meaning. */
function canonicalQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams(Object.entries(query).filter(([k]) => k !== 'lang').map(([k, v]) => [k, String(v)]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return params.toString();
}

function selectFields(columns: ColumnDef[], fields: string): ColumnDef[] {
  const wanted = fields.split(',').map((f) => f.trim()).filter(Boolean);
  const chosen = wanted.map((name) => {
    const column = columns.find((c) => c.name === name);
    if (!column) throw badRequest(`unknown field "${name}" (columns: ${columns.map((c) => c.name).join(', ')})`, 'fields');
    return column;
  });
  // What was withheld is always said.
  return chosen.some((c) => c.name === 'withheld') ? chosen : [...chosen, columns.find((c) => c.name === 'withheld')!];
}

function nextLink(path: string, search: string, cursor: string): string {
  const params = new URLSearchParams(search);
  params.set('cursor', cursor);
  return `${path}?${params.toString()}`;
}

const JSON_TYPES = { text: 'string', integer: 'integer', number: 'number', boolean: 'boolean' } as const;

/**
 * OpenAPI 3.1, generated from the dataset declarations and the filters' zod schemas (the
 * very schemas that parse a request), so it cannot drift from what the API accepts.
 */
export function openApi(server: string) {
  const error = { $ref: '#/components/schemas/Error' };
  const paths: Record<string, unknown> = {};
  for (const d of DATASETS) {
    paths[`/api/v1/${d.name}`] = {
      get: {
        operationId: `get_${d.name.replace(/-/g, '_')}`,
        summary: d.title.en,
        description: `${d.description.en}\n\n${d.description.id}`,
        parameters: [
          ...d.filters.map((f) => ({ name: f, in: 'query', required: false, schema: filterJsonSchema(f), description: FILTERS[f].description })),
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: API_MAX_LIMIT, default: API_DEFAULT_LIMIT }, description: 'Rows per page.' },
          { name: 'cursor', in: 'query', required: false, schema: { type: 'string' }, description: 'The page after the one whose "next" link gave it.' },
          { name: 'fields', in: 'query', required: false, schema: { type: 'string' }, description: `Comma-separated columns: ${publishedColumns(d).map((c) => c.name).join(', ')}.` },
          { name: 'sort', in: 'query', required: false, schema: { type: 'string' }, description: 'Comma-separated columns, "-" before a name for descending.' },
          { name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['id', 'en'] } },
        ],
        responses: {
          200: { description: 'A page of rows.', content: { 'application/json': { schema: pageSchema(d) } } },
          304: { description: 'Not modified since the ETag given.' },
          400: { description: 'Bad parameter.', content: { 'application/json': { schema: error } } },
          404: { description: 'Unknown dataset or code.', content: { 'application/json': { schema: error } } },
          429: { description: 'Too many requests.', content: { 'application/json': { schema: error } } },
        },
      },
    };
  }
  paths['/api/v1/match'] = matchOpenApi();
  return {
    openapi: '3.1.0',
    info: { title: 'Sinergi API', version: '1', description: 'Aggregated labour-market and skills datasets of Sinergi. Person counts from 1 to k−1 are withheld (null) and named in "withheld".' },
    servers: [{ url: server }],
    paths,
    components: {
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['status', 'message', 'parameter'], properties: { status: { type: 'integer' }, message: { type: 'string' }, parameter: { type: ['string', 'null'] } } } } },
      },
    },
  };
}

function pageSchema(d: DatasetDef) {
  const row = {
    type: 'object',
    properties: Object.fromEntries(publishedColumns(d).map((c) => [c.name, { type: [JSON_TYPES[c.type], 'null'], description: c.description.en }])),
  };
  return {
    type: 'object', required: ['dataset', 'as_of', 'filters', 'rows', 'total', 'next'],
    properties: {
      dataset: { type: 'string', const: d.name }, as_of: { type: 'string', format: 'date-time' }, filters: { type: 'object' },
      rows: { type: 'array', items: row }, total: { type: 'integer' }, next: { type: ['string', 'null'] },
    },
  };
}

export type { Filters };
