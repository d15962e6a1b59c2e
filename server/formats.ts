// Writers of a dataset query's rows in each download format, all streamed from DuckDB so a
// national dataset never sits in memory. CSV (optionally Excel-friendly: BOM and ';') and
// JSON are text DuckDB writes itself (COPY of the whole query into a temporary file, then
// streamed, as Parquet; the SQL of each value's text is server/download-text.ts). Parquet
// is DuckDB's COPY too; Arrow IPC is a batch per DuckDB chunk, read column by column; Excel
// is our streaming SpreadsheetML writer, with a data-dictionary sheet.
// Withheld cells are empty in CSV/Excel and null elsewhere; text a spreadsheet would run as
// a formula is neutralised in CSV and Excel.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { JSDuckDBValueConverter, type DuckDBConnection, type DuckDBDataChunk } from '@duckdb/node-api';
import { Bool, Float64, Int64, RecordBatch, RecordBatchStreamWriter, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import { XlsxStreamWriter, type Cell } from './xlsx.ts';
import { csvLine } from '../core/csv.ts';
import { publishedColumns, type ColumnDef, type DatasetDef, type Lang } from '../core/datasets.ts';
import type { QueryPart } from '../core/query.ts';
import { csvSelectList, jsonSelectList, typedColumns } from './download-text.ts';

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
  /** The whole query with another select list (QueryPart.selecting). */
  selecting(list: string): string;
  /**
   * The same rows as queries in order (one per month when no period is asked), so that
   * the other formats sort one month at a time and memory stays flat as the export grows.
   */
  parts?: QueryPart[];
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

const checkAborted = (job: ExportJob) => { if (job.signal?.aborted) throw new DownloadAborted(); };

// The connection must be the job's alone for the whole stream: another query on it ends
// this result early, silently (see server/warehouse.ts).
async function* dataChunks(job: ExportJob): AsyncGenerator<{ chunk: DuckDBDataChunk; names: string[] }> {
  for (const part of job.parts ?? [job]) {
    checkAborted(job);
    const result = await job.connection.stream(part.sql, part.params);
    const names = result.columnNames();
    for await (const chunk of result) { checkAborted(job); if (chunk.rowCount > 0) yield { chunk, names }; }
  }
  checkAborted(job);
}

async function* chunks(job: ExportJob): AsyncGenerator<Record<string, unknown>[]> {
  for await (const { chunk, names } of dataChunks(job)) {
    const columns = chunk.convertColumns(JSDuckDBValueConverter);
    yield Array.from({ length: chunk.rowCount }, (_, r) => Object.fromEntries(names.map((name, c) => [name, columns[c][r]])));
  }
}

/**
 * The whole query's rows as text DuckDB writes (COPY … TO a temporary file, in the query's
 * order, as Parquet), then handed to send: no row passes through JavaScript, and nothing is
 * sent before DuckDB has written it all, so a failing query is an error response rather than
 * a broken transfer. One statement, not one per part: each statement with these select lists
 * costs about 0.1 s however few its rows, and DuckDB sorts beyond its memory limit on disk.
 */
async function copyQuery(job: ExportJob, list: string, options: string, send: (file: string, bytes: number) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinergi-export-'));
  const file = path.join(dir, 'export.txt');
  try {
    checkAborted(job);
    // The file name is ours, not the request's; the query's values stay bound parameters.
    await job.connection.run(`COPY (${job.selecting(list)}) TO '${file}' (${options})`, job.params);
    checkAborted(job);
    await send(file, fs.statSync(file).size);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The first bytes of a file into out, which stays open for what follows. */
async function sendFile(file: string, bytes: number, out: Writable): Promise<void> {
  if (bytes <= 0) return;
  for await (const data of fs.createReadStream(file, { end: bytes - 1 })) await write(out, data as Buffer);
}

/** Write with back-pressure; a stream closed before its end rejects instead of waiting for a drain that never comes. */
async function write(out: Writable, text: string | Buffer): Promise<void> {
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

// DuckDB's CSV writer quotes a field with the delimiter, a quote or a line break, as csvLine does.
const CSV = "FORMAT csv, HEADER false, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NEW_LINE '\\n'";
// Excel in an Indonesian locale reads ';' and a decimal comma; the BOM tells it UTF-8.
const EXCEL_CSV = "FORMAT csv, HEADER false, DELIMITER ';', QUOTE '\"', ESCAPE '\"', NEW_LINE '\\r\\n'";
// One text column written as it is: no quoting, one line per row.
const LINES = "FORMAT csv, HEADER false, QUOTE '', ESCAPE '', NEW_LINE '\\n'";

async function writeCsv(job: ExportJob, columns: ColumnDef[], out: Writable): Promise<void> {
  const typed = await typedColumns(job.connection, job.sql, job.params, columns);
  const names = columns.map((c) => c.name);
  await copyQuery(job, csvSelectList(typed, job.excel ?? false), job.excel ? EXCEL_CSV : CSV, async (file, bytes) => {
    await write(out, job.excel ? `\ufeff${names.join(';')}\r\n` : csvLine(names));
    await sendFile(file, bytes, out);
  });
  out.end();
}

async function writeJson(job: ExportJob, columns: ColumnDef[], out: Writable): Promise<void> {
  const typed = await typedColumns(job.connection, job.sql, job.params, columns);
  // Each line is a row and a comma: the last ",\n" is left out.
  await copyQuery(job, jsonSelectList(typed), LINES, async (file, bytes) => {
    await write(out, bytes > 0 ? '[\n' : '[');
    await sendFile(file, bytes - 2, out);
  });
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

/** A column of a DuckDB chunk as the values apache-arrow builds the column's vector from. */
function arrowValues(column: ColumnDef, values: unknown[]): unknown[] {
  switch (column.type) {
    case 'integer': return values.map((v) => (v === null || v === undefined ? null : BigInt(v as number | bigint)));
    case 'number': return values.map((v) => (v === null || v === undefined ? null : Number(v)));
    case 'text': return values.map((v) => (v === null || v === undefined ? null : String(v)));
    default: return values.map((v) => (v === undefined ? null : v));
  }
}

async function writeArrow(job: ExportJob, columns: ColumnDef[], out: Writable): Promise<void> {
  const writer = new RecordBatchStreamWriter();
  // `out` is ended here, only once every batch is written: a failure midway leaves it open for
  // the caller to abort (a broken transfer, never a short file that ends well).
  const done = pipeline(writer.toNodeStream(), out, { end: false });
  // Awaited below; when a query fails first, that failure is the one thrown (not an unhandled rejection).
  done.catch(() => {});
  const batch = (read: (column: ColumnDef) => unknown[]) => new RecordBatch(Object.fromEntries(columns.map((c) => [c.name, vectorFromArray(arrowValues(c, read(c)), arrowType(c)).data[0]])));
  let batches = 0;
  try {
    for await (const { chunk, names } of dataChunks(job)) {
      writer.write(batch((c) => chunk.convertColumnValues(names.indexOf(c.name), JSDuckDBValueConverter)));
      batches++;
    }
  } catch (error) {
    // Closed, apache-arrow's stream ends instead of leaving a rejection of its own unhandled.
    writer.close();
    throw error;
  }
  if (batches === 0) writer.write(batch(() => [])); // the schema, even without rows
  writer.finish();
  await done;
  out.end();
}
