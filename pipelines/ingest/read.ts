// Reads an extract file of any supported format into a raw DuckDB table of VARCHAR
// columns (the source's own headers), in file order. A row's line in the file (header =
// line 1; a quoted field spanning lines counts once, a blank line counts) is rowid +
// firstLine, shifted by lineJumps where blank lines or empty sheet rows were skipped.
// DuckDB's own readers do the work, after a scan of the bytes (scan.ts) that checks what
// DuckDB would take silently: a truncated gzip, a quote never closed, rows lost, bytes that
// are not UTF-8. Excel goes through exceljs into a CSV; UTF-16/32 and Windows-1252 are
// transcoded to UTF-8. Copies are written only into options.workDir (the run's own folder,
// owner-only; the caller deletes it). A file that cannot be read is rejected whole with a
// message naming it and what is wrong; cells that cannot be read are row errors.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { csvLine } from '../../core/csv.ts';
import { run } from '../../core/duckdb.ts';
import { headerKey, isPersonal, kindFromFileName } from './kinds.ts';
import { openText, scanCsv, utf8Evidence } from './scan.ts';

export class RejectedFile extends Error {
  constructor(readonly file: string, message: string) {
    super(`${path.basename(file)}: ${message}`);
    this.name = 'RejectedFile';
  }
}

export type FileFormat = 'csv' | 'jsonl' | 'parquet' | 'xlsx';

export interface ReadOptions {
  /** Folder for transcoded and converted copies (owner-only; deleted by the caller). */
  workDir: string;
  delimiter?: string;
  encoding?: 'utf-8' | 'windows-1252' | 'latin-1';
  sheet?: string;
  kind?: string;
}

/** A cell the reader could not read: the row is quarantined with this reason (and no value). */
export interface RowError { rowid: number; column: string | null; reason: string }

export interface RawTable {
  table: string;
  format: FileFormat;
  headers: string[];
  /** Columns DuckDB added for fields beyond the header (rows that have them are broken). */
  extraColumns: string[];
  rows: number;
  encoding: string;
  delimiter: string | null;
  /** Line of the first data row: the table's rowid + firstLine is a row's line in the file, before lineJumps. */
  firstLine: number;
  /** From row fromRowid on, lines are delta further on (blank lines or empty sheet rows before them). */
  lineJumps: { fromRowid: number; delta: number }[];
  rowErrors: RowError[];
}

// A row may be 16 MiB (a field beyond the column limits is quarantined, not a crash); DuckDB
// otherwise sizes its read buffer at 16 × max_line_size.
const MAX_LINE_BYTES = 16 * 1024 * 1024;
const BUFFER_BYTES = 2 * MAX_LINE_BYTES;
const DELIMITERS = [',', ';', '|', '\t'];
/** Most columns kept for fields beyond the header, so a broken row is quarantined rather than failing the file. */
const MAX_EXTRA_FIELDS = 64;
/** More columns than any register has: a file past it is the wrong delimiter or not a table. */
export const MAX_COLUMNS = 1000;
const HEAD_BYTES = 256 * 1024;

export function formatOf(file: string): FileFormat | null {
  const name = file.toLowerCase();
  if (/\.(csv|tsv|txt)(\.gz)?$/.test(name)) return 'csv';
  if (/\.(jsonl|ndjson|json)(\.gz)?$/.test(name)) return 'jsonl';
  if (name.endsWith('.parquet')) return 'parquet';
  if (name.endsWith('.xlsx')) return 'xlsx';
  return null;
}

/** `table`: the table to create, a plain or qualified name of our own ("work.raw"), never a header. */
export async function readRaw(connection: DuckDBConnection, file: string, table: string, options: ReadOptions): Promise<RawTable> {
  const format = formatOf(file);
  if (!format) throw new RejectedFile(file, 'unknown format: expected .csv, .csv.gz, .tsv, .jsonl, .json, .parquet or .xlsx');
  if (fs.statSync(file).size === 0) throw new RejectedFile(file, 'the file is empty');
  switch (format) {
    case 'csv': return readCsv(connection, file, table, options);
    case 'jsonl': return readJson(connection, file, table, options);
    case 'parquet': return readParquet(connection, file, table, options);
    case 'xlsx': return readExcel(connection, file, table, options);
  }
}

/** Seekers and placements are personal data: their values never go into a message. */
function personal(options: Pick<ReadOptions, 'kind'>): boolean {
  return isPersonal(options.kind);
}

async function readCsv(connection: DuckDBConnection, file: string, table: string, options: ReadOptions, copy?: { source: string; encoding: string }): Promise<RawTable> {
  const source = copy?.source ?? file;
  const head = readHead(file, source);
  const bom = copy ? null : unicodeBom(head);
  if (bom) return readCsv(connection, file, table, options, { source: await transcodeToUtf8(file, bom, options.workDir), encoding: bom });
  checkIsText(file, head);
  const text = head.toString('utf8').replace(/^\ufeff/, '');
  if (text.trim() === '') throw new RejectedFile(file, 'the file is empty');
  if (/^\s*[[{]/.test(text)) throw new RejectedFile(file, 'looks like JSON, not CSV: name it .jsonl (one object per line) or .json (an array of objects)');
  const headerLine = firstRecord(text);
  const delimiter = options.delimiter ?? sniffDelimiter(headerLine);
  const headers = splitRecord(headerLine, delimiter).map((h) => h.trim());
  checkHeaders(file, headers, headerLine.length === text.length && head.length >= HEAD_BYTES);
  if (options.encoding && options.encoding !== 'utf-8' && !copy) {
    return readCsv(connection, file, table, options, { source: await transcodeToUtf8(file, options.encoding, options.workDir), encoding: options.encoding });
  }
  const scan = await scanCsv(source, delimiter).catch((error: Error) => { throw new RejectedFile(file, corruptMessage(file, error)); });
  if (scan.openQuoteLine !== null) {
    throw new RejectedFile(file, `quotes do not balance: a quoted field is never closed, so the rest of the file would be read as one value; nothing was loaded. The first quoted field that spans lines opens on line ${scan.openQuoteLine}: close its quote, or remove it`);
  }
  let readFrom = source;
  const encoding = copy?.encoding ?? 'utf-8';
  const rowErrors: RowError[] = [];
  if (scan.invalidUtf8 && !copy) {
    const evidence = await utf8Evidence(source, delimiter);
    if (!evidence.utf8Elsewhere && options.encoding !== 'utf-8') {
      // No UTF-8 character anywhere: the whole file is Windows-1252 (what Excel on an Indonesian office PC writes).
      return readCsv(connection, file, table, options, { source: await transcodeToUtf8(file, 'windows-1252', options.workDir), encoding: 'windows-1252' });
    }
    // A UTF-8 file with a few rows in another encoding: those rows are quarantined, the others read as UTF-8.
    readFrom = await replaceInvalidUtf8(source, options.workDir);
    for (const bad of evidence.badRecords) {
      rowErrors.push({ rowid: bad.rowid, column: headers[bad.field] ?? null, reason: 'not valid UTF-8 text (a byte of another encoding, such as Windows-1252, in a UTF-8 file)' });
    }
  }
  // Columns for the fields some rows have beyond the header (those rows are quarantined): as many as the widest row needs.
  const names = columnNamesFor(headers, headers.length + Math.min(MAX_EXTRA_FIELDS, Math.max(0, scan.maxFields - headers.length)));
  await readCsvTable(connection, file, readFrom, table, delimiter, names, !scan.quotedNewlines, personal(options));
  const rows = await countRows(connection, table);
  if (rows !== scan.records) {
    throw new RejectedFile(file, `${scan.records} records in the file but ${rows} rows read (a stray quote or line break?); nothing was loaded`);
  }
  return {
    table, format: 'csv', headers: names.slice(0, headers.length), extraColumns: names.slice(headers.length), rows, encoding, delimiter, firstLine: 2,
    lineJumps: scan.lineJumps, rowErrors,
  };
}

/** DuckDB's reader with our options; without the parallel scanner when a quoted field holds a line break (it refuses those). */
async function readCsvTable(connection: DuckDBConnection, file: string, source: string, table: string, delimiter: string, columns: string[], parallel: boolean, withhold: boolean): Promise<void> {
  const sql = (parallelScan: boolean) => `CREATE OR REPLACE TABLE ${table} AS
     SELECT * FROM read_csv($file, header = true, all_varchar = true, delim = $delim,
       quote = '"', escape = '"', null_padding = true, strict_mode = false, max_line_size = ${MAX_LINE_BYTES}, buffer_size = ${BUFFER_BYTES}, auto_detect = false,
       parallel = ${parallelScan}, columns = ${columnsLiteral(columns)})`;
  const params = { file: source, delim: delimiter };
  try {
    await run(connection, sql(parallel), params);
  } catch (error) {
    const message = (error as Error).message;
    if (parallel && /parallel scanner does not support/i.test(message)) return readCsvTable(connection, file, source, table, delimiter, columns, false, withhold);
    throw new RejectedFile(file, `cannot be read as CSV: ${duckdbReason(message, withhold)}`);
  }
}

/** Column names in file order: an empty header is columnN, a repeated one gets a suffix, fields past the header __extra_N. */
function columnNamesFor(headers: string[], count: number): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    let name = i < headers.length ? headers[i] || `column${i + 1}` : `__extra_${i - headers.length + 1}`;
    while (seen.has(name)) name = `${name}_${i + 1}`;
    seen.add(name);
    names.push(name);
  }
  return names;
}

/** read_csv's columns as a struct literal: written out, so a header such as "2025" keeps its place (a JS object would move it first). */
function columnsLiteral(names: string[]): string {
  return `{${names.map((n) => `'${n.replace(/'/g, "''")}': 'VARCHAR'`).join(', ')}}`;
}

/** JSON Lines, or a JSON array of objects (a .json file whose first character is `[`). */
async function readJson(connection: DuckDBConnection, file: string, table: string, options: ReadOptions): Promise<RawTable> {
  const head = readHead(file, file);
  const bom = unicodeBom(head);
  const source = bom ? await transcodeToUtf8(file, bom, options.workDir) : file;
  const text = (bom ? readHead(file, source) : head).toString('utf8').replace(/^\ufeff/, '');
  if (text.trim() === '') throw new RejectedFile(file, 'the file is empty');
  if (!/^\s*[[{]/.test(text)) throw new RejectedFile(file, 'is not JSON: expected one object per line (JSON Lines) or an array of objects');
  const array = /^\s*\[/.test(text);
  try {
    await connection.run(`CREATE OR REPLACE TABLE ${table}_json AS SELECT * FROM read_json($file, format = '${array ? 'array' : 'newline_delimited'}', maximum_object_size = ${MAX_LINE_BYTES})`, { file: source });
  } catch (error) {
    throw new RejectedFile(file, `cannot be read as ${array ? 'a JSON array of objects' : 'JSON Lines'}: ${duckdbReason((error as Error).message, personal(options))}`);
  }
  const types = await describe(connection, `${table}_json`);
  if (types.length === 1 && /^json$/i.test(types[0][0])) {
    throw new RejectedFile(file, `holds JSON values that are not objects with named fields (expected ${array ? 'an array of objects' : 'one object per line'})`);
  }
  // Lists (a skills array) become ';'-separated text; objects and lists of objects their
  // JSON text (a mapping path reads inside them); everything else its text form.
  const select = types.map(([name, type]) => `${/^(STRUCT|MAP)/.test(type) ? `to_json("${esc(name)}")::VARCHAR` : type.endsWith('[]') ? `array_to_string("${esc(name)}", ';')` : `"${esc(name)}"::VARCHAR`} AS "${esc(name)}"`).join(', ');
  await connection.run(`CREATE OR REPLACE TABLE ${table} AS SELECT ${select} FROM ${table}_json ORDER BY rowid`);
  await connection.run(`DROP TABLE ${table}_json`);
  const headers = types.map(([name]) => name);
  return { table, format: 'jsonl', headers, extraColumns: [], rows: await countRows(connection, table), encoding: bom ?? 'utf-8', delimiter: null, firstLine: 1, lineJumps: [], rowErrors: [] };
}

async function readParquet(connection: DuckDBConnection, file: string, table: string, options: ReadOptions): Promise<RawTable> {
  try {
    await connection.run(`CREATE OR REPLACE TABLE ${table} AS SELECT COLUMNS(*)::VARCHAR FROM read_parquet($file)`, { file });
  } catch (error) {
    throw new RejectedFile(file, `cannot be read as Parquet: ${duckdbReason((error as Error).message, personal(options))}`);
  }
  const headers = await columnNames(connection, table);
  return { table, format: 'parquet', headers, extraColumns: [], rows: await countRows(connection, table), encoding: 'utf-8', delimiter: null, firstLine: 1, lineJumps: [], rowErrors: [] };
}

interface SheetCsv { file: string; lineJumps: RawTable['lineJumps']; rowErrors: RowError[] }

/**
 * The sheet named in the mapping, else the sheet named like the kind (Lowongan, Pencaker…)
 * wherever it is, else the first sheet with rows; written as CSV into the work folder.
 */
async function readExcel(connection: DuckDBConnection, file: string, table: string, options: ReadOptions): Promise<RawTable> {
  const names: string[] = [];
  let first: SheetCsv | null = null;
  let chosen: SheetCsv | null = null;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore' });
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name: string }).name ?? '';
      names.push(name);
      const wanted = options.sheet ? name.trim().toLowerCase() === options.sheet.trim().toLowerCase()
        : options.kind !== undefined && kindFromFileName(headerKey(name)) === options.kind;
      if (chosen || (first && !wanted)) continue;
      const written = await writeSheet(sheet as unknown as AsyncIterable<ExcelJS.Row>, path.join(options.workDir, `sheet-${names.length}.csv`));
      if (wanted && written) chosen = written;
      else if (!first && written) first = written;
    }
  } catch (error) {
    const message = (error as Error).message;
    if (/end of central directory|zip|signature/i.test(message)) throw new RejectedFile(file, 'is not an Excel .xlsx workbook (an .xlsx file is a zip archive; this one is not)');
    throw new RejectedFile(file, `cannot be read as Excel: ${duckdbReason(message, personal(options))}`);
  }
  if (options.sheet && !chosen) throw new RejectedFile(file, `sheet "${options.sheet}" not found; the workbook's sheets are: ${names.join(', ') || '(none)'}`);
  const sheet = chosen ?? first;
  if (!sheet) throw new RejectedFile(file, 'the workbook has no rows');
  const raw = await readCsv(connection, file, table, { ...options, delimiter: ',', encoding: undefined }, { source: sheet.file, encoding: 'utf-8' });
  return { ...raw, format: 'xlsx', delimiter: null, lineJumps: sheet.lineJumps, rowErrors: sheet.rowErrors };
}

/** One sheet as CSV (null when it has no row): its first non-empty row is the header; empty rows are skipped and counted in lineJumps. */
async function writeSheet(sheet: AsyncIterable<ExcelJS.Row>, target: string): Promise<SheetCsv | null> {
  const out = fs.createWriteStream(target, { mode: 0o600 });
  const result: SheetCsv = { file: target, lineJumps: [], rowErrors: [] };
  let header: string[] | null = null;
  let rowid = 0;
  let delta = 0;
  try {
    for await (const row of sheet) {
      const cells = row.values as unknown[];
      const values: string[] = [];
      const errors: [number, string][] = [];
      // row.values is sparse (index = column number): every hole is an empty cell.
      for (let c = 1; c < cells.length; c++) {
        const cell = readCell(cells[c]);
        values.push(cell.text);
        if (cell.error) errors.push([c - 1, cell.error]);
      }
      if (values.every((v) => v.trim() === '') && errors.length === 0) continue;
      if (!header) {
        header = values;
        delta = row.number - 1;
        if (delta !== 0) result.lineJumps.push({ fromRowid: 0, delta });
      } else {
        const d = row.number - (rowid + 2);
        if (d !== delta) { result.lineJumps.push({ fromRowid: rowid, delta: d }); delta = d; }
        for (const [c, reason] of errors) result.rowErrors.push({ rowid, column: header[c] || `column${c + 1}`, reason });
        rowid++;
      }
      while (values.length < header.length) values.push('');
      if (!out.write(csvLine(values))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
  return header ? result : null;
}

const FORMULA_WITHOUT_RESULT = 'formula without a saved result (open the workbook in Excel and save it, or paste the values)';

/** An Excel cell as text: dates as ISO dates, numbers as written, rich text and formulas as their text/result; errors for what has no value. */
function readCell(value: unknown): { text: string; error?: string } {
  if (value === null || value === undefined) return { text: '' };
  if (value instanceof Date) return { text: value.toISOString().slice(0, value.getUTCHours() || value.getUTCMinutes() ? 19 : 10) };
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; formula?: unknown; sharedFormula?: unknown; error?: unknown; richText?: { text: string }[] };
    if (v.richText) return { text: v.richText.map((r) => r.text).join('') };
    if (v.formula !== undefined || v.sharedFormula !== undefined) {
      if (v.result === undefined || v.result === null) return { text: '', error: FORMULA_WITHOUT_RESULT };
      return readCell(v.result);
    }
    if (v.error !== undefined) return { text: '', error: `Excel error value ${String(v.error)} in the cell` };
    if (v.result !== undefined) return readCell(v.result);
    if (v.text !== undefined) return { text: String(v.text) };
    return { text: '' };
  }
  return { text: String(value) };
}

/** A UTF-8 copy of a file in another encoding (gunzipped on the way), in the work folder, owner-only. */
async function transcodeToUtf8(file: string, encoding: string, workDir: string): Promise<string> {
  const target = path.join(workDir, `utf8-${path.basename(file).replace(/\.gz$/i, '')}`);
  const decoder = ({ 'latin-1': 'latin1', 'windows-1252': 'win1252' } as Record<string, string>)[encoding] ?? encoding;
  try {
    await pipeline(openText(file), iconv.decodeStream(decoder), iconv.encodeStream('utf8'), fs.createWriteStream(target, { mode: 0o600 }));
  } catch (error) {
    throw new RejectedFile(file, corruptMessage(file, error as Error));
  }
  return target;
}

/** A copy in which bytes that are not UTF-8 are replaced (their rows are quarantined), so DuckDB reads the rest. */
async function replaceInvalidUtf8(source: string, workDir: string): Promise<string> {
  const target = path.join(workDir, `repaired-${path.basename(source).replace(/\.gz$/i, '')}`);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const out = fs.createWriteStream(target, { mode: 0o600 });
  for await (const chunk of openText(source) as AsyncIterable<Buffer>) {
    if (!out.write(decoder.decode(chunk, { stream: true }))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.write(decoder.decode());
  await new Promise<void>((resolve) => out.end(resolve));
  return target;
}

/** The first bytes of the text (gunzipped when the file is .gz). */
function readHead(file: string, source: string): Buffer {
  const fd = fs.openSync(source, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const bytes = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytes);
    if (source.toLowerCase().endsWith('.gz')) {
      try { return zlib.gunzipSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).subarray(0, HEAD_BYTES); } catch { throw new RejectedFile(file, 'not a valid gzip file'); }
    }
    return head;
  } finally {
    fs.closeSync(fd);
  }
}

type UnicodeBom = 'utf-32le' | 'utf-32be' | 'utf-16le' | 'utf-16be';

/** UTF-16 and UTF-32 by their byte-order mark (UTF-32 LE first: its mark starts like UTF-16 LE's). */
function unicodeBom(head: Buffer): UnicodeBom | null {
  const [a, b, c, d] = head;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'utf-32be';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  return null;
}

/** Rejects, saying what it is, a file that is not text: an archive, compressed data, UTF-16 without its mark, binary bytes. */
function checkIsText(file: string, head: Buffer): void {
  const magic = head.subarray(0, 4).toString('latin1');
  if (magic === 'PK\u0003\u0004') throw new RejectedFile(file, 'is a zip archive (an Excel .xlsx workbook?), not CSV text: give it its real extension, or export it as CSV');
  if (head[0] === 0x1f && head[1] === 0x8b) throw new RejectedFile(file, 'is gzip-compressed: name it .csv.gz');
  if (magic === 'PAR1') throw new RejectedFile(file, 'is a Parquet file: name it .parquet');
  const sample = head.subarray(0, 64 * 1024);
  let nul = 0;
  let evenNul = 0;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if (b === 0) { nul++; if (i % 2 === 0) evenNul++; }
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) control++;
  }
  const limit = Math.max(4, sample.length * 0.01);
  if (nul > limit && (evenNul < nul * 0.1 || evenNul > nul * 0.9)) {
    throw new RejectedFile(file, 'looks like UTF-16 text without a byte-order mark: save it as UTF-8 (or as UTF-16 with its byte-order mark)');
  }
  if (control > limit) {
    throw new RejectedFile(file, `is not text: ${control} of its first ${sample.length} bytes are control characters (binary data?); expected a CSV`);
  }
}

/** Rejects a header that no register has: too many columns (a wrong delimiter, or not a table), or a column named twice. */
function checkHeaders(file: string, headers: string[], truncated: boolean): void {
  if (headers.length > MAX_COLUMNS || truncated) {
    throw new RejectedFile(file, `the header has ${truncated ? 'more than' : ''} ${headers.length.toLocaleString('en')} columns (at most ${MAX_COLUMNS.toLocaleString('en')}): check the delimiter, or that this is a table export`.replace('  ', ' '));
  }
  const seen = new Map<string, number>();
  for (const [i, h] of headers.entries()) {
    const key = headerKey(h);
    if (key === '') continue;
    const before = seen.get(key);
    if (before !== undefined) {
      throw new RejectedFile(file, `column "${h}" appears twice in the header (columns ${before + 1} and ${i + 1}): rename or remove one, so that no value is silently ignored`);
    }
    seen.set(key, i);
  }
}

function corruptMessage(file: string, error: Error): string {
  if (file.toLowerCase().endsWith('.gz') && (/unexpected end of file|incorrect header check|invalid|Z_/i.test(error.message) || (error as NodeJS.ErrnoException).code?.startsWith('Z_'))) {
    return 'the gzip file is truncated or corrupt (gzip -t fails); nothing was loaded';
  }
  return `cannot be read: ${error.message}`;
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
  const reader = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${table}`);
  return Number(reader.getRowObjects()[0].n);
}

async function columnNames(connection: DuckDBConnection, table: string): Promise<string[]> {
  return (await describe(connection, table)).map(([name]) => name);
}

async function describe(connection: DuckDBConnection, table: string): Promise<[string, string][]> {
  const reader = await connection.runAndReadAll(`DESCRIBE ${table}`);
  return reader.getRowObjects().map((r) => [String(r.column_name), String(r.column_type)]);
}

function esc(identifier: string): string {
  return identifier.replace(/"/g, '""');
}

/**
 * What DuckDB says is wrong, on one line: its reason and the line it names, without the
 * "Original Line" it quotes (and, for personal data, without any quoted value).
 */
export function duckdbReason(message: string, withhold: boolean): string {
  const lines = message.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^original line\b/i.test(l));
  const end = lines.findIndex((l) => /^(possible fixes|file =|delimiter =)/i.test(l));
  let reason = lines.slice(0, Math.min(end < 0 ? 2 : end, 3)).join(' ');
  if (withhold) reason = reason.replace(/Original Line:.*/i, '').replace(/'[^']*'|"[^"]*"/g, '[value withheld]');
  return reason.slice(0, 500).trim();
}
