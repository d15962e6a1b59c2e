// Reads an extract file of any supported format into a raw DuckDB table of VARCHAR
// columns (the source's own headers), in file order, so that rowid + firstLine is the
// row's line in the file (header = line 1; a quoted field spanning lines counts once). DuckDB's own readers do the work;
// Excel goes through exceljs into a temporary CSV. A file that cannot be read is
// rejected whole with a message naming it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { csvLine } from '../../core/csv.ts';
import { run, textStruct } from '../../core/duckdb.ts';

export class RejectedFile extends Error {
  constructor(readonly file: string, message: string) {
    super(`${path.basename(file)}: ${message}`);
    this.name = 'RejectedFile';
  }
}

export type FileFormat = 'csv' | 'jsonl' | 'parquet' | 'xlsx';

export interface ReadOptions { delimiter?: string; encoding?: 'utf-8' | 'windows-1252' | 'latin-1'; sheet?: string; kind?: string }

export interface RawTable {
  table: string;
  format: FileFormat;
  headers: string[];
  /** Columns DuckDB added for fields beyond the header (rows that have them are broken). */
  extraColumns: string[];
  rows: number;
  encoding: string;
  delimiter: string | null;
  /** Line of the first data row: the table's rowid + firstLine is a row's line in the file. */
  firstLine: number;
}

// A row may be 16 MiB (a field beyond the column limits is quarantined, not a crash); DuckDB
// otherwise sizes its read buffer at 16 × max_line_size.
const MAX_LINE_BYTES = 16 * 1024 * 1024;
const BUFFER_BYTES = 2 * MAX_LINE_BYTES;
const DELIMITERS = [',', ';', '|', '\t'];
/** Room for fields beyond the header, so a broken row is quarantined rather than failing the file. */
const EXTRA_FIELD_SLOTS = 4;

export function formatOf(file: string): FileFormat | null {
  const name = file.toLowerCase();
  if (/\.(csv|tsv|txt)(\.gz)?$/.test(name)) return 'csv';
  if (/\.(jsonl|ndjson|json)(\.gz)?$/.test(name)) return 'jsonl';
  if (name.endsWith('.parquet')) return 'parquet';
  if (name.endsWith('.xlsx')) return 'xlsx';
  return null;
}

export async function readRaw(connection: DuckDBConnection, file: string, table: string, options: ReadOptions = {}): Promise<RawTable> {
  const format = formatOf(file);
  if (!format) throw new RejectedFile(file, 'unknown format: expected .csv, .csv.gz, .tsv, .jsonl, .parquet or .xlsx');
  if (fs.statSync(file).size === 0) throw new RejectedFile(file, 'the file is empty');
  switch (format) {
    case 'csv': return readCsv(connection, file, table, options);
    case 'jsonl': return readJsonLines(connection, file, table);
    case 'parquet': return readParquet(connection, file, table);
    case 'xlsx': return readExcel(connection, file, table, options);
  }
}

async function readCsv(connection: DuckDBConnection, file: string, table: string, options: ReadOptions, encodingNote?: string): Promise<RawTable> {
  const head = readHead(file);
  const text = head.toString('utf8').replace(/^\ufeff/, '');
  if (text.trim() === '') throw new RejectedFile(file, 'the file is empty');
  const headerLine = firstRecord(text);
  const delimiter = options.delimiter ?? sniffDelimiter(headerLine);
  const headers = splitRecord(headerLine, delimiter).map((h) => h.trim());
  if (options.encoding && options.encoding !== 'utf-8' && !encodingNote) {
    return readCsv(connection, await transcodeToUtf8(file, options.encoding), table, options, options.encoding);
  }
  try {
    await run(connection,
      `CREATE OR REPLACE TEMP TABLE "${table}" AS
       SELECT * FROM read_csv($file, header = true, all_varchar = true, delim = $delim,
         quote = '"', escape = '"', null_padding = true, strict_mode = false, max_line_size = ${MAX_LINE_BYTES}, buffer_size = ${BUFFER_BYTES}, auto_detect = false,
         columns = $columns)`,
      { file, delim: delimiter, columns: textStruct(columnsStruct(headers, headers.length + EXTRA_FIELD_SLOTS)) },
    );
  } catch (error) {
    const message = (error as Error).message;
    if (/invalid unicode|not utf-8/i.test(message) && !encodingNote) {
      // Not UTF-8: Windows-1252 (a superset of Latin-1's printable range) is what Indonesian offices' Excel writes.
      return readCsv(connection, await transcodeToUtf8(file, 'windows-1252'), table, options, 'windows-1252');
    }
    throw new RejectedFile(file, `cannot be read as CSV: ${firstLine(message)}`);
  }
  const rows = await countRows(connection, table);
  const all = await columnNames(connection, table);
  return { table, format: 'csv', headers, extraColumns: all.slice(headers.length), rows, encoding: encodingNote ?? 'utf-8', delimiter, firstLine: 2 };
}


function columnsStruct(headers: string[], count: number): Record<string, string> {
  const columns: Record<string, string> = {};
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    let name = i < headers.length ? headers[i] || `column${i + 1}` : `__extra_${i - headers.length + 1}`;
    while (seen.has(name)) name = `${name}_${i + 1}`;
    seen.add(name);
    columns[name] = 'VARCHAR';
  }
  return columns;
}

async function readJsonLines(connection: DuckDBConnection, file: string, table: string): Promise<RawTable> {
  try {
    await connection.run(`CREATE OR REPLACE TEMP TABLE "${table}_json" AS SELECT * FROM read_json($file, format = 'newline_delimited', maximum_object_size = ${MAX_LINE_BYTES})`, { file });
    const types = await describe(connection, `${table}_json`);
    // Lists (a skills array) become ';'-separated text; objects and lists of objects their
    // JSON text (a mapping path reads inside them); everything else its text form.
    const select = types.map(([name, type]) => `${/^(STRUCT|MAP)/.test(type) ? `to_json("${esc(name)}")::VARCHAR` : type.endsWith('[]') ? `array_to_string("${esc(name)}", ';')` : `"${esc(name)}"::VARCHAR`} AS "${esc(name)}"`).join(', ');
    await connection.run(`CREATE OR REPLACE TEMP TABLE "${table}" AS SELECT ${select} FROM "${table}_json" ORDER BY rowid`);
    await connection.run(`DROP TABLE "${table}_json"`);
    const headers = types.map(([name]) => name);
    return { table, format: 'jsonl', headers, extraColumns: [], rows: await countRows(connection, table), encoding: 'utf-8', delimiter: null, firstLine: 1 };
  } catch (error) {
    if (error instanceof RejectedFile) throw error;
    throw new RejectedFile(file, `cannot be read as JSON Lines: ${firstLine((error as Error).message)}`);
  }
}

async function readParquet(connection: DuckDBConnection, file: string, table: string): Promise<RawTable> {
  try {
    await connection.run(`CREATE OR REPLACE TEMP TABLE "${table}" AS SELECT COLUMNS(*)::VARCHAR FROM read_parquet($file)`, { file });
  } catch (error) {
    throw new RejectedFile(file, `cannot be read as Parquet: ${firstLine((error as Error).message)}`);
  }
  const headers = await columnNames(connection, table);
  return { table, format: 'parquet', headers, extraColumns: [], rows: await countRows(connection, table), encoding: 'utf-8', delimiter: null, firstLine: 1 };
}

/** First sheet, or the sheet named like the kind; written to a temporary CSV DuckDB then reads. */
async function readExcel(connection: DuckDBConnection, file: string, table: string, options: ReadOptions): Promise<RawTable> {
  const temp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sinergi-xlsx-')), 'sheet.csv');
  const out = fs.createWriteStream(temp);
  let width = 0;
  let wroteHeader = false;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore' });
    let chosen = false;
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name: string }).name ?? '';
      const wanted = options.sheet ?? options.kind;
      if (chosen || (wanted && name.toLowerCase() !== wanted.toLowerCase() && wroteHeader)) continue;
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1).map(cellText);
        if (!wroteHeader) { width = values.length; wroteHeader = true; }
        while (values.length < width) values.push('');
        if (!out.write(csvLine(values))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      chosen = true;
    }
  } catch (error) {
    out.destroy();
    throw new RejectedFile(file, `cannot be read as Excel: ${firstLine((error as Error).message)}`);
  }
  await new Promise<void>((resolve) => out.end(resolve));
  if (!wroteHeader) throw new RejectedFile(file, 'the workbook has no rows');
  const raw = await readCsv(connection, temp, table, { delimiter: ',' });
  fs.rmSync(path.dirname(temp), { recursive: true, force: true });
  return { ...raw, format: 'xlsx', delimiter: null };
}

/** Excel cells as text: dates as ISO dates, numbers as written, rich text and formulas as their text/result. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, value.getUTCHours() || value.getUTCMinutes() ? 19 : 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return String(v.text);
    return '';
  }
  return String(value);
}

async function transcodeToUtf8(file: string, encoding: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinergi-enc-'));
  const target = path.join(dir, path.basename(file).replace(/\.gz$/i, ''));
  const source = fs.createReadStream(file);
  const decoded = file.toLowerCase().endsWith('.gz') ? source.pipe(zlib.createGunzip()) : source;
  await pipeline(decoded, iconv.decodeStream(encoding === 'latin-1' ? 'latin1' : 'win1252'), iconv.encodeStream('utf8'), fs.createWriteStream(target));
  return target;
}

function readHead(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(256 * 1024);
    const bytes = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytes);
    if (file.toLowerCase().endsWith('.gz')) {
      try { return zlib.gunzipSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH }); } catch { throw new RejectedFile(file, 'not a valid gzip file'); }
    }
    return head;
  } finally {
    fs.closeSync(fd);
  }
}

/** The first record of a CSV text (a quoted field may span lines). */
function firstRecord(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if ((ch === '\n' || ch === '\r') && !quoted) return text.slice(0, i);
  }
  return text;
}

/** The delimiter among , ; | TAB that splits the header into the most fields (outside quotes). */
export function sniffDelimiter(header: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = splitRecord(header, d).length - 1;
    if (count > bestCount) { best = d; bestCount = count; }
  }
  return best;
}

function splitRecord(record: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const ch = record[i];
    if (ch === '"') {
      if (quoted && record[i + 1] === '"') { field += '"'; i++; } else quoted = !quoted;
    } else if (ch === delimiter && !quoted) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

async function countRows(connection: DuckDBConnection, table: string): Promise<number> {
  const reader = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM "${table}"`);
  return Number(reader.getRowObjects()[0].n);
}

async function columnNames(connection: DuckDBConnection, table: string): Promise<string[]> {
  return (await describe(connection, table)).map(([name]) => name);
}

async function describe(connection: DuckDBConnection, table: string): Promise<[string, string][]> {
  const reader = await connection.runAndReadAll(`DESCRIBE "${table}"`);
  return reader.getRowObjects().map((r) => [String(r.column_name), String(r.column_type)]);
}

function esc(identifier: string): string {
  return identifier.replace(/"/g, '""');
}

function firstLine(message: string): string {
  return message.split('\n').slice(0, 2).join(' ').trim();
}
