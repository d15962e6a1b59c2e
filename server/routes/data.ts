// Dataset downloads: /data/<dataset>.<format>, the same rows as pages and API for the same
// filters. CSV is streamed chunk by chunk from DuckDB, so a national dataset never sits in memory.
import { Router } from 'express';
import { csvLine, csvValue } from '../../core/csv.ts';
import { findDataset, publishedColumns } from '../../core/datasets.ts';
import { notFound } from '../../core/errors.ts';
import { parseFilters } from '../../core/filters.ts';
import { buildDatasetQuery, checkCodes } from '../../core/query.ts';
import type { WarehouseReader } from '../warehouse.ts';

const FORMATS = ['csv'] as const;

export function dataRoutes(warehouse: WarehouseReader, minCell: number): Router {
  const router = Router();
  router.get('/data/:file', async (req, res) => {
    const match = /^([a-z0-9-]+)\.([a-z]+)$/.exec(req.params.file);
    const dataset = match ? findDataset(match[1]) : undefined;
    if (!match || !dataset) throw notFound(`unknown dataset: "${req.params.file}"`);
    if (!(FORMATS as readonly string[]).includes(match[2])) throw notFound(`unknown format: "${match[2]}" (available: ${FORMATS.join(', ')})`);
    const filters = parseFilters(dataset, req.query as Record<string, unknown>);
    const { connection, version, asOf } = await warehouse.acquire();
    await checkCodes(connection, filters);
    const { sql, params } = buildDatasetQuery(dataset, filters, { minCell });
    const columns = publishedColumns(dataset).map((c) => c.name);
    const name = [dataset.name, ...Object.entries(filters).map(([k, v]) => `${k}-${v}`), asOf.toISOString().slice(0, 10)].join('_');
    res.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}.csv"`,
      ETag: `"${version}"`,
      'Last-Modified': asOf.toUTCString(),
    });
    const result = await connection.stream(sql, params);
    res.write(csvLine(columns));
    for await (const chunk of result.yieldRowObjectJs()) {
      const text = chunk.map((row) => csvLine(columns.map((c) => csvValue(row[c]))) ).join('');
      if (!res.write(text)) await new Promise<void>((resolve) => res.once('drain', () => resolve()));
    }
    res.end();
  });
  return router;
}
