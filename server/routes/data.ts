// Dataset downloads: /data/<dataset>.<csv|xlsx|parquet|arrow|json>, the same rows as pages
// and API for the same filters, streamed; `excel=1` gives CSV for Excel (BOM and ';');
// `sort` and `limit` give exactly the rows of a page's figure. An unfiltered download is
// built once per data version and then served as a file (server/downloads.ts).
// Each stream holds its own connection from start to end; a stream that fails midway is
// logged and the response aborted (no final chunk), so it cannot pass for a whole file.
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { Router, type Request, type Response } from 'express';
import { findDataset, type DatasetDef, type Lang } from '../../core/datasets.ts';
import { badRequest, notFound } from '../../core/errors.ts';
import { parseFilters, parseSlice, type Filters } from '../../core/filters.ts';
import type { Logger } from '../../core/log.ts';
import { checkSort, prepareDatasetQuery } from '../../core/query.ts';
import { createLimiter, DOWNLOAD_STREAMS, sendBuilt, type DownloadStore } from '../downloads.ts';
import { CONTENT_TYPES, DownloadAborted, FORMATS, writeExport, type Format } from '../formats.ts';
import type { Snapshot, WarehouseReader } from '../warehouse.ts';

export function downloadName(dataset: string, filters: Filters, asOf: Date, extension: string): string {
  return `${[dataset, ...Object.entries(filters).map(([k, v]) => `${k}-${v}`), asOf.toISOString().slice(0, 10)].join('_')}.${extension}`;
}

/** Set ETag and Last-Modified from the data version; true when the client's copy is current (304 sent). */
export function notModified(req: Request, res: Response, etag: string, asOf: Date): boolean {
  res.set({ ETag: etag, 'Last-Modified': asOf.toUTCString() });
  if (req.headers['if-none-match'] === etag) { res.status(304).end(); return true; }
  return false;
}

const gzipped = (format: Format) => format === 'csv' || format === 'json';

export interface DataDeps { warehouse: WarehouseReader; minCell: number; logger: Logger; downloads?: DownloadStore }

/** The file name of a full (unfiltered) download in the download store. */
export const fullDownloadName = (dataset: string, format: Format, excel: boolean, lang: Lang) =>
  `${dataset}${excel ? '-excel' : ''}${format === 'xlsx' && lang === 'en' ? '-en' : ''}.${format}`;

/** Write the whole dataset in a format (for the download store), on a connection of its own. */
export function buildFullDownload(deps: DataDeps, dataset: DatasetDef, format: Format, lang: Lang, excel: boolean) {
  return (out: Writable) => deps.warehouse.withConnection(async ({ connection, version }) => {
    const dims = await deps.warehouse.dimensions.get(version, connection);
    await writeExport(format, { connection, ...prepareDatasetQuery(dataset, {}, { minCell: deps.minCell, dims }), lang, excel }, out);
  });
}

export function dataRoutes(deps: DataDeps): Router {
  const { warehouse, minCell } = deps;
  const router = Router();
  const streams = createLimiter(DOWNLOAD_STREAMS);
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
    slice.sort = checkSort(dataset, slice.sort);
    const lang: Lang = query.lang === 'en' ? 'en' : 'id';
    const headers = (asOf: Date) => ({
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${downloadName(dataset.name, filters, asOf, format)}"`,
      'Access-Control-Allow-Origin': '*',
      Vary: 'Accept-Encoding',
    });
    const etag = (version: string) => `"${version}-${format}${excel ? '-excel' : ''}"`;

    if (deps.downloads && Object.keys(filters).length === 0 && !slice.sort && slice.limit === undefined) {
      const { version, asOf } = await warehouse.snapshot();
      if (notModified(req, res, etag(version), asOf)) return;
      const file = await deps.downloads.get(version, fullDownloadName(dataset.name, format, excel, lang), buildFullDownload(deps, dataset, format, lang, excel), { gzip: gzipped(format) });
      res.set(headers(asOf));
      await sendBuilt(file, req.headers['accept-encoding'], res);
      return;
    }

    await streams(async () => {
      const lease = await warehouse.lease();
      try {
        const { connection, version, asOf } = lease;
        const dims = await warehouse.dimensions.get(version, connection);
        const query = prepareDatasetQuery(dataset, filters, { minCell, ...slice, dims });
        if (notModified(req, res, etag(version), asOf)) return;
        res.set(headers(asOf));
        await streamExport(req, res, deps.logger, format, lease, (out, signal) => writeExport(format, { connection, ...query, lang, excel, signal }, out));
      } finally {
        lease.release();
      }
    });
  });
  return router;
}

/**
 * Stream an export into the response (gzipped for text when accepted). When the client
 * leaves, the query is interrupted and the writer stopped; the caller gives the connection
 * back only once the writer has settled, since a connection handed to the next request (or
 * closed) while a fetch on it is still running is a crash in DuckDB's native code. A failure
 * once bytes are out is logged and the response destroyed, so the client sees a broken
 * transfer, not a short file.
 */
/** How long a download's writer may take to stop once its client has left. */
const WRITER_STOP_MS = 30_000;
const sleep = (ms: number) => new Promise<void>((resolve) => { setTimeout(resolve, ms).unref(); });

export async function streamExport(req: Request, res: Response, logger: Logger, format: Format | 'zip', lease: Snapshot & { release(): void },
  write: (out: Writable, signal: AbortSignal) => Promise<void>): Promise<void> {
  const abort = new AbortController();
  let out: Writable = res;
  if (format !== 'zip' && gzipped(format) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.set('Content-Encoding', 'gzip');
    const gz = zlib.createGzip({ level: 6 });
    gz.pipe(res);
    out = gz;
  }
  let leave = () => {};
  const left = new Promise<void>((resolve) => { leave = resolve; });
  const gone = () => { if (!res.writableFinished) { abort.abort(); lease.connection.interrupt(); out.destroy(); leave(); } };
  res.once('close', gone);
  try {
    const writing = write(out, abort.signal);
    writing.catch(() => { /* after the client left: nothing more to do */ });
    // A writer waiting for a drain that will never come (the client left) is not waited for.
    await Promise.race([writing, left]);
    if (abort.signal.aborted) {
      // Interrupted and its stream destroyed, the writer settles at its next fetch or write.
      const settled = await Promise.race([writing.then(() => true, () => true), sleep(WRITER_STOP_MS).then(() => false)]);
      if (!settled) logger.error({ path: req.path }, `a download's writer did not stop within ${WRITER_STOP_MS / 1000} s of the client leaving; its connection is given back anyway`);
      throw new DownloadAborted();
    }
  } catch (error) {
    if (error instanceof DownloadAborted || abort.signal.aborted) { logger.info({ path: req.path }, 'download closed by the client before its end'); return; }
    if (!res.headersSent) throw error;
    logger.error({ err: error, path: req.originalUrl }, 'download failed midway; the response was aborted');
    res.destroy(error as Error);
  } finally {
    res.off('close', gone);
  }
}
