// Writers of a dataset query's rows in each download format, all streamed from DuckDB so a
// national dataset never sits in memory: CSV (optionally Excel-friendly: BOM and ';'),
// JSON, Excel (our streaming SpreadsheetML writer, with a data-dictionary sheet), Parquet (DuckDB's
// COPY into a temporary file, then streamed), Arrow IPC (apache-arrow, a batch per chunk).
// Withheld cells are empty in CSV/Excel and null elsewhere; text a spreadsheet would run as
// a formula is neutralised in CSV and Excel.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Bool, Float64, Int64, RecordBatch, RecordBatchStreamWriter, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import { XlsxStreamWriter, type Cell } from './xlsx.ts';
import { csvLine, csvValue } from '../core/csv.ts';
import { publishedColumns, type ColumnDef, type DatasetDef, type Lang } from '../core/datasets.ts';

export const FORMATS = ['csv', 'xlsx', 'parquet', 'arrow', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  parquet: 'application/vnd.apache.parquet',
  arrow: 'application/vnd.apache.arrow.stream',
  json: 'application/json; charset=utf-8',
};

export interface ExportJob {
  connection: DuckDBConnection;
  dataset: DatasetDef;
  /** The whole query (Parquet's COPY reads it at once; DuckDB spills beyond its memory limit). */
  sql: string;
  params: Record<string, string | number>;
  /**
   * The same rows as queries in order (one per month when no period is asked), so that
   * streamed formats sort one month at a time and memory stays flat as the export grows.
   */
  parts?: { sql: string; params: Record<string, string | number> }[];
  lang: Lang;
  /** CSV for Excel in locales with a decimal comma: UTF-8 BOM and ';'. */
  excel?: boolean;
  /**
   * Aborted when the download is given up (the client left): no further query is started
   * on the connection, which by then may belong to another request.
   */
  signal?: AbortSignal;
}

/** Thrown when a download stops because its client went away (not a failure of ours). */
export class DownloadAborted extends Error {
  constructor() { super('the download was closed by the client before it ended'); }
}

/** "=cmd|…", "+SUM(…)", "-1+1", "@x" become text a spreadsheet shows instead of running. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

// The connection must be the job's alone for the whole stream: another query on it ends
// this result early, silently (see server/warehouse.ts).
async function* chunks(job: ExportJob): AsyncGenerator<Record<string, unknown>[]> {
  const check = () => { if (job.signal?.aborted) throw new DownloadAborted(); };
  for (const part of job.parts ?? [{ sql: job.sql, params: job.params }]) {
    check();
    const result = await job.connection.stream(part.sql, part.params);
    for await (const rows of result.yieldRowObjectJs()) { check(); yield rows as Record<string, unknown>[]; }
  }
  check();
}

/** Write with back-pressure; a stream closed before its end rejects instead of waiting for a drain that never comes. */
async function write(out: Writable, text: string): Promise<void> {
  if (out.destroyed) throw new DownloadAborted();
  if (out.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => { out.off('drain', drained); out.off('close', closed); out.off('error', settle); if (error) reject(error); else resolve(); };
    const drained = () => settle();
    const closed = () => settle(new DownloadAborted());
    out.once('drain', drained); out.once('close', closed); out.once('error', settle);
  });
}

export async function writeExport(format: Format, job: ExportJob, out: Writable): Promise<void> {
  const columns = publishedColumns(job.dataset);
  switch (format) {
    case 'csv': return writeCsv(job, columns, out);
    case 'json': return writeJson(job, columns, out);
    case 'xlsx': return writeXlsx(job, columns, out);
    case 'parquet': return writeParquet(job, out);
    case 'arrow': return writeArrow(job, columns, out);
  }
}

async function writeCsv(job: ExportJob, columns: ColumnDef[], out: Writable): Promise<void> {
  const names = columns.map((c) => c.name);
  const line = (values: string[]) => (job.excel ? values.map((v) => (/[";\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(';') + '\r\n' : csvLine(values));
  // Excel in an Indonesian locale reads ';' and a decimal comma; the BOM tells it UTF-8.
  const number = (v: unknown) => (job.excel && typeof v === 'number' ? String(v).replace('.', ',') : csvValue(v));
  await write(out, (job.excel ? '\ufeff' : '') + line(names));
  for await (const rows of chunks(job)) {
    await write(out, rows.map((row) => line(columns.map((c) => (c.type === 'text' ? neutraliseFormula(csvValue(row[c.name])) : number(row[c.name]))))).join(''));
  }
  out.end();
}

async function writeJson(job: ExportJob, columns: ColumnDef[], out: Writable): Promise<void> {
  await write(out, '[');
  let first = true;
  for await (const rows of chunks(job)) {
    const text = rows.map((row) => JSON.stringify(jsonRow(row, columns))).join(',\n');
    if (text) { await write(out, (first ? '\n' : ',\n') + text); first = false; }
  }
  await write(out, '\n]\n');
  out.end();
}

/** A row as JSON: numbers as numbers (BIGINT included), withheld and missing as null. */
export function jsonRow(row: Record<string, unknown>, columns: ColumnDef[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const v = row[c.name];
    out[c.name] = typeof v === 'bigint' ? Number(v) : v === undefined ? null : v;
  }
  return out;
}

async function writeXlsx(job: ExportJob, columns: ColumnDef[], out: Writable): Promise<void> {
  const xlsx = new XlsxStreamWriter(out);
  const finished = new Promise<void>((resolve, reject) => { out.once('finish', () => resolve()); out.once('error', reject); });
  await xlsx.startSheet(job.dataset.name, columns.map((c) => c.name));
  for await (const rows of chunks(job)) {
    await xlsx.addRows(rows.map((row) => columns.map((c) => {
      const v = row[c.name];
      if (v === null || v === undefined) return null;
      if (typeof v === 'bigint') return Number(v);
      return c.type === 'text' ? neutraliseFormula(String(v)) : (v as Cell);
    })));
  }
  await xlsx.startSheet(job.lang === 'id' ? 'kamus_data' : 'data_dictionary', ['column', 'type', 'unit', 'description', 'persons']);
  for (const c of columns) await xlsx.addRow([c.name, c.type, c.unit?.[job.lang] ?? '', c.description[job.lang], c.persons ? 'yes' : '']);
  await xlsx.finish();
  await finished;
}

async function writeParquet(job: ExportJob, out: Writable): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinergi-export-'));
  const file = path.join(dir, 'export.parquet');
  try {
    // The file name is ours, not the request's; the query's values stay bound parameters.
    await job.connection.run(`COPY (${job.sql}) TO '${file}' (FORMAT parquet, COMPRESSION zstd)`, job.params);
    await pipeline(fs.createReadStream(file), out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function arrowType(column: ColumnDef): DataType {
  switch (column.type) {
    case 'integer': return new Int64();
    case 'number': return new Float64();
    case 'boolean': return new Bool();
    default: return new Utf8();
  }
}

async function writeArrow(job: ExportJob, columns: ColumnDef[], out: Writable): Promise<void> {
  const writer = new RecordBatchStreamWriter();
  const done = pipeline(writer.toNodeStream(), out);
  const batch = (rows: Record<string, unknown>[]) => new RecordBatch(Object.fromEntries(columns.map((c) => {
      const values = rows.map((row) => {
        const v = row[c.name];
        if (v === null || v === undefined) return null;
        if (c.type === 'integer') return BigInt(v as number | bigint);
        if (c.type === 'number') return Number(v);
        return c.type === 'text' ? String(v) : v;
      });
      return [c.name, vectorFromArray(values, arrowType(c)).data[0]];
    })));
  let batches = 0;
  for await (const rows of chunks(job)) { writer.write(batch(rows)); batches++; }
  if (batches === 0) writer.write(batch([])); // the schema, even without rows
  writer.finish();
  await done;
}
