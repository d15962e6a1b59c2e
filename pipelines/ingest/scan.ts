// One pass over a CSV's bytes before DuckDB reads it, to learn what DuckDB would not
// tell: how many records the file holds (so rows read can be checked against it), which
// records follow blank lines (DuckDB skips those, and the quarantine's line numbers must
// not shift), whether a quoted field spans lines (DuckDB's parallel reader refuses those
// with null padding), where a quote is opened and never closed, whether the bytes are
// UTF-8, and whether a gzip stream is whole. Quotes toggle as in DuckDB's reader: `""`
// inside a quoted field opens and closes again.
import fs from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import zlib from 'node:zlib';

export interface CsvScan {
  /** Data records (the header and blank lines excluded). */
  records: number;
  /** Where data rows stop being numbered rowid + 2: from that rowid on, add delta to the line. */
  lineJumps: { fromRowid: number; delta: number }[];
  /** A quoted field holds a line break. */
  quotedNewlines: boolean;
  /**
   * When quotes do not balance (null when they do): the physical line where the first quoted
   * field spanning lines opens, which is where an unclosed quote is when the file has no
   * legitimate multi-line field before it.
   */
  openQuoteLine: number | null;
  /** Some bytes are not UTF-8. */
  invalidUtf8: boolean;
  /** The most fields any record has (outside quotes, split on the delimiter). */
  maxFields: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** A text stream of the file: gunzipped when it ends in .gz (a truncated gzip fails the stream). */
export function openText(file: string): NodeJS.ReadableStream {
  const source = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  return file.toLowerCase().endsWith('.gz') ? source.pipe(zlib.createGunzip()).on('error', (e) => source.destroy(e)) : source;
}

/** The scanner's state between chunks. */
interface ScanState {
  quoted: boolean;
  physical: number;       // physical line of the current position
  recordLine: number;     // line as the quarantine counts it: each record (blank ones too) is one
  quoteOpenedAt: number;
  firstSpanning: number;
  inRecord: boolean;      // the current record has a character
  headerDone: boolean;
  pendingCR: boolean;
  delta: number;
  fields: number;         // fields of the current record so far
}

export async function scanCsv(file: string, delimiter: string): Promise<CsvScan> {
  const scan: CsvScan = { records: 0, lineJumps: [], quotedNewlines: false, openQuoteLine: null, invalidUtf8: false, maxFields: 0 };
  const state: ScanState = { quoted: false, physical: 1, recordLine: 1, quoteOpenedAt: 0, firstSpanning: 0, inRecord: false, headerDone: false, pendingCR: false, delta: 0, fields: 1 };
  const delim = delimiter.charCodeAt(0);
  let carry: Buffer = Buffer.alloc(0);
  for await (const raw of openText(file) as AsyncIterable<Buffer>) {
    if (!scan.invalidUtf8) scan.invalidUtf8 = !utf8Prefix(raw, carry);
    carry = tailOf(raw);
    scanChunk(raw, state, scan, delim);
  }
  if (carry.length > 0 && !scan.invalidUtf8) scan.invalidUtf8 = true;
  if (state.quoted) scan.openQuoteLine = state.firstSpanning || state.quoteOpenedAt;
  else endRecord(state, scan);
  return scan;
}

/** One tight loop over a chunk's bytes, on local variables (a closure's would be slower). */
function scanChunk(raw: Buffer, state: ScanState, scan: CsvScan, delim: number): void {
  let { quoted, physical, inRecord, fields } = state;
  const n = raw.length;
  let i = 0;
  if (state.pendingCR && n > 0) { if (raw[0] === LF) i = 1; state.pendingCR = false; }
  for (; i < n; i++) {
    const c = raw[i];
    if (c === delim) { if (!quoted) { fields++; inRecord = true; } continue; }
    if (c > QUOTE) { inRecord = inRecord || !quoted; continue; }
    if (c === QUOTE) {
      if (quoted) quoted = false;
      else { quoted = true; state.quoteOpenedAt = physical; inRecord = true; }
    } else if (c === LF) {
      physical++;
      if (!quoted) { state.inRecord = inRecord; state.fields = fields; endRecord(state, scan); inRecord = false; fields = 1; }
      else if (!scan.quotedNewlines) { scan.quotedNewlines = true; state.firstSpanning = state.quoteOpenedAt; }
    } else if (c === CR) {
      if (quoted) continue;
      physical++;
      state.inRecord = inRecord;
      state.fields = fields;
      endRecord(state, scan);
      inRecord = false;
      fields = 1;
      if (i + 1 < n) { if (raw[i + 1] === LF) i++; } else state.pendingCR = true;
    } else if (!quoted) inRecord = true;
  }
  state.quoted = quoted;
  state.physical = physical;
  state.inRecord = inRecord;
  state.fields = fields;
}

function endRecord(state: ScanState, scan: CsvScan): void {
  if (state.inRecord) {
    if (!state.headerDone) state.headerDone = true;
    else {
      if (state.fields > scan.maxFields) scan.maxFields = state.fields;
      const rowid = scan.records++;
      const d = state.recordLine - (rowid + 2);
      if (d !== state.delta) { scan.lineJumps.push({ fromRowid: rowid, delta: d }); state.delta = d; }
    }
  }
  state.recordLine++;
  state.inRecord = false;
  state.fields = 1;
}

/** Whether the chunk, after the incomplete sequence carried from the previous one, is UTF-8 up to its own incomplete tail. */
function utf8Prefix(chunk: Buffer, carry: Buffer): boolean {
  let from = 0;
  if (carry.length > 0) {
    const need = sequenceLength(carry[0]) - carry.length;
    if (!isUtf8(Buffer.concat([carry, chunk.subarray(0, need)]))) return false;
    from = need;
  }
  const body = chunk.subarray(from, chunk.length - tailOf(chunk).length);
  return isAscii(body) || isUtf8(body);
}

function sequenceLength(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

/** The bytes of an unfinished multi-byte UTF-8 sequence at the end of a chunk (at most 3). */
function tailOf(chunk: Buffer): Buffer {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const b = chunk[chunk.length - back];
    if ((b & 0xc0) === 0x80) continue;           // a continuation byte: look further back
    const need = sequenceLength(b);
    return need > back ? chunk.subarray(chunk.length - back) : Buffer.alloc(0);
  }
  return Buffer.alloc(0);
}

export interface Utf8Evidence {
  /** Records (0-based data rowids) whose bytes are not UTF-8, with the field that holds the first bad byte. */
  badRecords: { rowid: number; field: number }[];
  /** The other records hold multi-byte UTF-8 characters: the file is UTF-8 with a few broken rows. */
  utf8Elsewhere: boolean;
}

/**
 * For a file with bytes that are not UTF-8: which records they are in, and whether the
 * rest of the file is UTF-8 with characters beyond ASCII (evidence that it is a UTF-8
 * file with some broken rows, not a Windows-1252 file). Reads the whole file.
 */
export async function utf8Evidence(file: string, delimiter: string): Promise<Utf8Evidence> {
  const chunks: Buffer[] = [];
  for await (const c of openText(file) as AsyncIterable<Buffer>) chunks.push(c);
  const bytes = Buffer.concat(chunks);
  const evidence: Utf8Evidence = { badRecords: [], utf8Elsewhere: false };
  const delim = delimiter.charCodeAt(0);
  let start = 0;
  let record = -1;           // -1: the header
  let quoted = false;
  const check = (end: number) => {
    if (end > start) {
      const slice = bytes.subarray(start, end);
      if (!isAscii(slice)) {
        if (isUtf8(slice)) evidence.utf8Elsewhere = true;
        else if (record >= 0) evidence.badRecords.push({ rowid: record, field: badField(slice, delim) });
      }
      record++;
    }
  };
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) {
      check(i);
      if (c === CR && bytes[i + 1] === LF) i++;
      start = i + 1;
    }
  }
  check(bytes.length);
  return evidence;
}

/** The 0-based field of a record that holds its first byte that is not UTF-8. */
function badField(record: Buffer, delimiter: number): number {
  let field = 0;
  let quoted = false;
  let fieldStart = 0;
  for (let i = 0; i <= record.length; i++) {
    const c = record[i];
    if (c === QUOTE) quoted = !quoted;
    else if (i === record.length || (!quoted && c === delimiter)) {
      if (!isUtf8(record.subarray(fieldStart, i))) return field;
      field++;
      fieldStart = i + 1;
    }
  }
  return 0;
}
