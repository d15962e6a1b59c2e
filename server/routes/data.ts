// Dataset downloads: /data/<dataset>.<csv|xlsx|parquet|arrow|json>, the same rows as pages
// and API for the same filters, streamed; `excel=1` gives CSV for Excel (BOM and ';');
// `sort` and `limit` give exactly the rows of a page's figure.
import zlib from 'node:zlib';
import { Router, type Request, type Response } from 'express';
import { findDataset, type Lang } from '../../core/datasets.ts';
import { badRequest, notFound } from '../../core/errors.ts';
import { parseFilters, parseSlice, type Filters } from '../../core/filters.ts';
import { buildDatasetQuery, buildDatasetQueryParts, checkCodes } from '../../core/query.ts';
import { CONTENT_TYPES, FORMATS, writeExport, type Format } from '../formats.ts';
import type { WarehouseReader } from '../warehouse.ts';

export function downloadName(dataset: string, filters: Filters, asOf: Date, extension: string): string {
  return `${[dataset, ...Object.entries(filters).map(([k, v]) => `${k}-${v}`), asOf.toISOString().slice(0, 10)].join('_')}.${extension}`;
}

/** Set ETag and Last-Modified from the data version; true when the client's copy is current (304 sent). */
export function notModified(req: Request, res: Response, etag: string, asOf: Date): boolean {
  res.set({ ETag: etag, 'Last-Modified': asOf.toUTCString() });
  if (req.headers['if-none-match'] === etag) { res.status(304).end(); return true; }
  return false;
}

export function dataRoutes(warehouse: WarehouseReader, minCell: number): Router {
  const router = Router();
  router.get('/data/:file', async (req, res) => {
    const match = /^([a-z0-9-]+)\.([a-z]+)$/.exec(req.params.file);
    const dataset = match ? findDataset(match[1]) : undefined;
    if (!match || !dataset) throw notFound(`unknown dataset: "${req.params.file}"`);
    const format = match[2] as Format;
    if (!FORMATS.includes(format)) throw notFound(`unknown format: "${match[2]}" (available: ${FORMATS.join(', ')})`);
    const query = req.query as Record<string, unknown>;
    const excel = query.excel !== undefined;
    if (excel && (format !== 'csv' || query.excel !== '1')) throw badRequest('excel=1 applies to CSV downloads only', 'excel');
    const filters = parseFilters(dataset, query, ['excel', 'sort', 'limit']);
    // sort and limit give exactly the rows a page's figure shows.
    const slice = parseSlice(query);
    const lang: Lang = query.lang === 'en' ? 'en' : 'id';
    const { connection, version, asOf } = await warehouse.acquire();
    await checkCodes(connection, filters);
    const { sql, params } = buildDatasetQuery(dataset, filters, { minCell, ...slice });
    const parts = await buildDatasetQueryParts(connection, dataset, filters, { minCell, ...slice });
    if (notModified(req, res, `"${version}-${format}${excel ? '-excel' : ''}"`, asOf)) return;
    res.set({
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${downloadName(dataset.name, filters, asOf, format)}"`,
      'Access-Control-Allow-Origin': '*',
      Vary: 'Accept-Encoding',
    });
    // Text compresses well; Parquet and Excel are compressed already, Arrow is for speed.
    const gzip = (format === 'csv' || format === 'json') && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    let out: NodeJS.WritableStream = res;
    if (gzip) {
      res.set('Content-Encoding', 'gzip');
      const gz = zlib.createGzip({ level: 6 });
      gz.pipe(res);
      out = gz;
    }
    await writeExport(format, { connection, dataset, sql, params, parts, lang, excel }, out as import('node:stream').Writable);
  });
  return router;
}
