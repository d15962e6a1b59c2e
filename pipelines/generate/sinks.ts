// Where generated rows go: one writer per extract format. Rows are arrays of strings in
// column order ('' = missing). Text formats are streamed with back-pressure; Parquet is
// written by DuckDB from a temporary CSV; Excel by exceljs' streaming writer.
import fs from 'node:fs';
import { once } from 'node:events';
import zlib from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { csvLine } from '../../core/csv.ts';

export const FORMATS = ['csv', 'csv.gz', 'jsonl', 'parquet', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];
export const XLSX_MAX_ROWS = 1_048_575;

export interface RowSink {
  /** Returns a promise only when the caller must wait (buffer flushed under back-pressure). */
  write(values: string[]): Promise<void> | undefined;
  close(): Promise<void>;
}

const CHUNK_BYTES = 1 << 20;

/** Line-oriented text sink (CSV, gzip CSV, JSON Lines) with a 1 MiB write buffer. */
class TextSink implements RowSink {
  private buffer: string[] = [];
  private size = 0;
  private readonly out: NodeJS.WritableStream;
  private readonly file: fs.WriteStream;

  constructor(file: string, private readonly format: (values: string[]) => string, header: string | null, gzip: boolean) {
    this.file = fs.createWriteStream(file);
    if (gzip) {
      const gz = zlib.createGzip({ level: 6 });
      gz.pipe(this.file);
      this.out = gz;
    } else {
      this.out = this.file;
    }
    if (header !== null) this.push(header);
  }

  private push(text: string): boolean {
    this.buffer.push(text);
    this.size += text.length;
    return this.size >= CHUNK_BYTES;
  }

  write(values: string[]): Promise<void> | undefined {
    if (!this.push(this.format(values))) return undefined;
    return this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    if (this.size > 0) await this.flush();
    const finished = once(this.file, 'close');
    this.out.end();
    await finished;
  }
}

class ParquetSink implements RowSink {
  private readonly csv: TextSink;
  private readonly temp: string;
  constructor(private readonly file: string, columns: string[]) {
    this.temp = `${file}.tmp.csv`;
    this.csv = new TextSink(this.temp, csvLine, csvLine(columns), false);
  }
  write(values: string[]) { return this.csv.write(values); }
  async close(): Promise<void> {
    await this.csv.close();
    const db = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await db.connect();
    try {
      // Extracts are text as exported: every column VARCHAR, so defects survive for ingest to find.
      await connection.run(
        `COPY (SELECT * FROM read_csv($source, header = true, all_varchar = true, quote = '"', escape = '"'))
         TO '${this.file.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION zstd)`,
        { source: this.temp },
      );
    } finally {
      connection.closeSync();
      db.closeSync();
      fs.rmSync(this.temp, { force: true });
    }
  }
}

class XlsxSink implements RowSink {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private pending = 0;
  constructor(file: string, sheetName: string, columns: string[]) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
    this.workbook.created = new Date(0);
    this.workbook.modified = new Date(0);
    this.sheet = this.workbook.addWorksheet(sheetName);
    this.sheet.addRow(columns).commit();
  }
  write(values: string[]) {
    this.sheet.addRow(values.map((v) => (v === '' ? null : v))).commit();
    // Let the zip stream drain now and then so memory stays flat.
    if (++this.pending % 10_000 === 0) return new Promise<void>((resolve) => setImmediate(resolve));
    return undefined;
  }
  async close() {
    this.sheet.commit();
    await this.workbook.commit();
  }
}

export function openSink(format: Format, file: string, columns: string[], sheetName: string, expectedRows: number): RowSink {
  switch (format) {
    case 'csv': return new TextSink(file, csvLine, csvLine(columns), false);
    case 'csv.gz': return new TextSink(file, csvLine, csvLine(columns), true);
    case 'jsonl': return new TextSink(file, (values) => jsonLine(columns, values), null, false);
    case 'parquet': return new ParquetSink(file, columns);
    case 'xlsx':
      if (expectedRows > XLSX_MAX_ROWS) throw new Error(`${file}: an Excel sheet holds at most ${XLSX_MAX_ROWS} rows, ${expectedRows} asked; use --format csv, csv.gz, jsonl or parquet`);
      return new XlsxSink(file, sheetName, columns);
  }
}

function jsonLine(columns: string[], values: string[]): string {
  const record: Record<string, string | null> = {};
  for (let i = 0; i < columns.length; i++) record[columns[i]] = values[i] === '' ? null : values[i];
  return JSON.stringify(record) + '\n';
}
