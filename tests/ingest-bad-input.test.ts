// Bad input of every kind an operator meets (DESIGN §2): real files, the real pipeline,
// real DuckDB. Each case states the counts and the reasons; rows read = loaded + quarantined.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import type { FileResult } from '../pipelines/ingest/file.ts';
import { loadReference } from '../core/reference.ts';
import { generate } from '../pipelines/generate/index.ts';
import { parseMapping } from '../pipelines/ingest/mapping.ts';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METHODOLOGY } from '../core/methodology.ts';
import { createSandbox, queryWarehouse, runFiles, vacanciesCsv, type Sandbox } from './helpers/pipeline.ts';

let sandbox: Sandbox;
beforeEach(() => { sandbox = createSandbox(); });
afterEach(() => sandbox.cleanup());

const quarantine = (file: string) => queryWarehouse<{ line: number; column_name: string | null; value: string | null; reason: string }>(
  sandbox.db, 'SELECT line, column_name, value, reason FROM quarantine WHERE file_name = $file ORDER BY line, column_name', { file });

function expectCounts(file: { rows_read: number; rows_loaded: number; rows_quarantined: number; status: string }, read: number, loaded: number, quarantined: number) {
  // A file under METHODOLOGY.minFileLoadedShare loaded has failed (its rows are still counted and kept).
  expect(file.status).toBe(loaded / read < METHODOLOGY.minFileLoadedShare ? 'failed' : 'loaded');
  expect({ read: file.rows_read, loaded: file.rows_loaded, quarantined: file.rows_quarantined }).toEqual({ read, loaded, quarantined });
}

describe('encodings, delimiters and quoting', () => {
  it.each([[';', 'semicolon'], ['\t', 'tab'], ['|', 'pipe']])('sniffs the %s delimiter (%s)', async (delimiter) => {
    const result = await runFiles(sandbox, { 'vacancies_delim.csv': vacanciesCsv([{ job_title: 'Operator Produksi, Shift' }, {}], delimiter) });
    expectCounts(result.files[0], 2, 2, 0);
    const [row] = await queryWarehouse<{ job_title: string }>(sandbox.db, "SELECT job_title FROM vacancy WHERE vacancy_id = 'V1'");
    expect(row.job_title).toBe('Operator Produksi, Shift');
  });

  it('keeps a quoted field with new lines in one row, and gzip is read as it is', async () => {
    const csv = vacanciesCsv([{ description: 'Baris satu.\nMenguasai pengelasan SMAW.\nBaris tiga.' }, {}]);
    const result = await runFiles(sandbox, { 'vacancies.csv.gz': zlib.gzipSync(csv) });
    expectCounts(result.files[0], 2, 2, 0);
  });

});

describe('files rejected whole', () => {
  it('rejects a file without a required column, naming the file and the column; the run is partial (exit 2)', async () => {
    const result = await runFiles(sandbox, {
      'vacancies_no_date.csv': 'vacancy_id,job_title,province_code\nV1,Welder,32\n',
      'vacancies_ok.csv': vacanciesCsv([{}]),
    });
    expect(result.status).toBe('partial');
    const rejected = result.files.find((f) => f.file === 'vacancies_no_date.csv')!;
    expect(rejected.status).toBe('rejected');
    expect(rejected.error).toMatch(/^vacancies_no_date\.csv: required column posted_date \(or tanggal_posting/);
    expect(rejected.error).toContain("the file's headers are: vacancy_id, job_title, province_code");
    const [count] = await queryWarehouse<{ n: number }>(sandbox.db, 'SELECT count(*)::INTEGER AS n FROM vacancy');
    expect(count.n).toBe(1);
  });

  it('loads a header-only file as zero rows', async () => {
    const result = await runFiles(sandbox, { 'vacancies_header.csv': vacanciesCsv([]) });
    expectCounts(result.files[0], 0, 0, 0);
    expect(result.status).toBe('succeeded');
  });

  it('rejects a seekers extract named as vacancies, saying what it looks like', async () => {
    const result = await runFiles(sandbox, { 'lowongan_maret.csv': 'seeker_id,registered_date,gender,province_code\nA1,2025-03-01,L,32\n' });
    expect(result.files[0].status).toBe('rejected');
    expect(result.files[0].error).toMatch(/required columns vacancy_id .* not found for a vacancies extract; the headers look like a seekers extract/);
  });

});

describe('rows quarantined with their reason', () => {
  it('quarantines impossible dates (31/02, month 13) and reads dd/mm/yyyy, ISO and Excel serial dates', async () => {
    const result = await runFiles(sandbox, { 'vacancies_dates.csv': vacanciesCsv([
      { posted_date: '31/02/2025' }, { posted_date: '2025-13-01' }, { posted_date: '05/02/2025' },
      { posted_date: '2025-02-05' }, { posted_date: '05-02-2025' }, { posted_date: '45693' }, { posted_date: '2025-02-05T08:30:00.123Z' },
    ]) });
    expectCounts(result.files[0], 7, 5, 2);
    expect(await quarantine('vacancies_dates.csv')).toEqual([
      { line: 2, column_name: 'posted_date', value: '31/02/2025', reason: 'invalid date (expected yyyy-mm-dd, dd/mm/yyyy or an Excel serial date)' },
      { line: 3, column_name: 'posted_date', value: '2025-13-01', reason: 'invalid date (expected yyyy-mm-dd, dd/mm/yyyy or an Excel serial date)' },
    ]);
    const dates = await queryWarehouse<{ d: string }>(sandbox.db, 'SELECT DISTINCT posted_date::VARCHAR AS d FROM vacancy');
    expect(dates).toEqual([{ d: '2025-02-05' }]);
  });

  it('quarantines a region that is not in Indonesia and a regency outside the province given', async () => {
    const result = await runFiles(sandbox, { 'vacancies_regions.csv': vacanciesCsv([
      { province_code: 'Manila', regency_code: '' }, { province_code: '35', regency_code: 'Kota Bandung' },
      { province_code: 'Jabar', regency_code: 'Kab. Bogor' }, { province_code: '', regency_code: '' },
    ]) });
    expectCounts(result.files[0], 4, 1, 3);
    expect(await quarantine('vacancies_regions.csv')).toEqual([
      { line: 2, column_name: 'province_code', value: 'Manila', reason: 'unknown region (not a province or regency of Indonesia)' },
      { line: 3, column_name: 'regency_code', value: 'Kota Bandung', reason: 'regency is not in the province given (35)' },
      { line: 5, column_name: 'province_code', value: null, reason: 'missing required value (province, regency or location)' },
    ]);
    const [loaded] = await queryWarehouse(sandbox.db, 'SELECT province_code, regency_code FROM vacancy');
    expect(loaded).toEqual({ province_code: '32', regency_code: '32.01' });
  });

  it('quarantines a vacancy closed before it was posted, but not one closed the same day', async () => {
    const result = await runFiles(sandbox, { 'vacancies_closed.csv': vacanciesCsv([
      { posted_date: '2025-03-10', closed_date: '2025-03-01', status: 'filled' },
      { posted_date: '2025-03-10', closed_date: '2025-03-10', status: 'terisi' },
    ]) });
    expectCounts(result.files[0], 2, 1, 1);
    expect((await quarantine('vacancies_closed.csv'))[0]).toEqual({ line: 2, column_name: 'closed_date', value: '2025-03-01', reason: 'closed before posted (posted 2025-03-10)' });
    const [row] = await queryWarehouse(sandbox.db, 'SELECT status FROM vacancy');
    expect(row).toEqual({ status: 'filled' });
  });

  it('quarantines a huge field instead of failing the file', async () => {
    const huge = 'Menguasai las. '.repeat(70_000);
    const result = await runFiles(sandbox, { 'vacancies_huge.csv': vacanciesCsv([{ description: huge }, {}]) });
    expectCounts(result.files[0], 2, 1, 1);
    const [q] = await quarantine('vacancies_huge.csv');
    expect(q).toMatchObject({ line: 2, column_name: 'description', reason: `value too long (${huge.trim().length} characters, at most 50000)` });
    expect(q.value).toHaveLength(200);
  });

  it('quarantines formula-like text, and keeps HTML-laden text as written (escaped wherever shown)', async () => {
    const result = await runFiles(sandbox, { 'vacancies_text.csv': vacanciesCsv([
      { job_title: "=cmd|' /C calc'!A0" }, { job_title: '@SUM(A1:A9)' }, { job_title: '<script>alert(1)</script><b>Welder</b>' }, { job_title: '-Helper' },
    ]) });
    expectCounts(result.files[0], 4, 2, 2);
    expect((await quarantine('vacancies_text.csv')).map((q) => [q.line, q.value, q.reason])).toEqual([
      [2, "=cmd|' /C calc'!A0", 'formula-like text (starts with = + - or @)'], [3, '@SUM(A1:A9)', 'formula-like text (starts with = + - or @)'],
    ]);
    const titles = await queryWarehouse<{ job_title: string }>(sandbox.db, 'SELECT job_title FROM vacancy ORDER BY vacancy_id');
    expect(titles.map((t) => t.job_title)).toEqual(['<script>alert(1)</script><b>Welder</b>', '-Helper']);
  });

});

// ---------------------------------------------------------------------------------------
// One row per class of bad input (those of issue 20 and earlier ones): the files, then the expected outcome,
// either "rejected with a message matching X" or "loaded N, quarantined M" with the
// quarantine's (line, column, reason) and, where it matters, what the warehouse holds.
// The next class is one more row.
type Files = Record<string, string | Buffer>;
type Outcome =
  | { rejected: RegExp }
  | { loaded: number; quarantined: number; reasons?: [number, string | null, string | RegExp, (string | null)?][]; holds?: [string, unknown[]]; warnings?: FileResult['warnings'] };
interface HostileCase { name: string; files: () => Files | Promise<Files>; outcome: Outcome; mapping?: string }

const rejected = (pattern: RegExp): Outcome => ({ rejected: pattern });
const loaded = (n: number, quarantined: number, more: Omit<Extract<Outcome, { loaded: number }>, 'loaded' | 'quarantined'> = {}): Outcome => ({ loaded: n, quarantined, ...more });
const csv2 = vacanciesCsv([{ job_title: 'Barista Café Kopi Kenangan' }, { job_title: 'Pâtissier' }]);
const titles = (...t: string[]): [string, unknown[]] => ['SELECT job_title AS v FROM vacancy ORDER BY vacancy_id', t];
const withBom = (bom: number[], encoding: string, text: string) => Buffer.concat([Buffer.from(bom), iconv.encode(text, encoding, { addBOM: false })]);
const numbersCsv = (rows: [string, string][]) => 'vacancy_id,posted_date,job_title,province_code,openings,applications\n' + rows.map(([o, a], i) => `N${i + 1},2025-03-03,Operator,32,"${o}","${a}"`).join('\n') + '\n';

async function workbook(sheets: [string, unknown[][]][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of sheets) {
    const sheet = book.addWorksheet(name);
    for (const [i, row] of rows.entries()) if (row.length > 0) row.forEach((v, c) => { if (v !== undefined) sheet.getCell(i + 1, c + 1).value = v as ExcelJS.CellValue; });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
const xlsxHeader = ['vacancy_id', 'posted_date', 'job_title', 'province_code', 'regency_code', 'openings'];

const HOSTILE: HostileCase[] = [
  // Classes every extract meets
  { name: 'Windows-1252 text (what Excel on an Indonesian office PC writes)', files: () => ({ 'vacancies_1252.csv': iconv.encode(csv2, 'win1252') }), outcome: loaded(2, 0, { holds: titles('Barista Café Kopi Kenangan', 'Pâtissier') }) },
  { name: 'UTF-8 byte-order mark', files: () => ({ 'vacancies_bom.csv': '\ufeff' + vacanciesCsv([{}, {}]) }), outcome: loaded(2, 0, { holds: ['SELECT vacancy_id AS v FROM vacancy ORDER BY vacancy_id LIMIT 1', ['V1']] }) },
  { name: 'a row with more fields than the header', files: () => ({ 'vacancies_ragged.csv': vacanciesCsv([{}, {}]) + 'V3,2025-03-03,Welder,32,32.73,SMK,1,,open,las,,EXTRA,FIELDS\n' }),
    outcome: loaded(2, 1, { reasons: [[4, null, 'row has more fields than the header', null]] }) },
  { name: 'an empty file', files: () => ({ 'vacancies_empty.csv': '' }), outcome: rejected(/^vacancies_empty\.csv: the file is empty$/) },
  { name: 'a name that does not tell the kind', files: () => ({ 'export_2025.csv': vacanciesCsv([{}]) }), outcome: rejected(/cannot tell the kind of extract from the name/) },
  { name: 'zero, negative and fractional openings; an empty one counts as 1', files: () => ({ 'vacancies_openings.csv': vacanciesCsv([{ openings: '0' }, { openings: '-3' }, { openings: '2.5' }, { openings: '' }, { openings: '12' }]) }),
    outcome: loaded(2, 3, { reasons: [[2, 'openings', 'not a whole number ≥ 1', '0'], [3, 'openings', 'not a whole number ≥ 1', '-3'], [4, 'openings', 'not a whole number ≥ 1', '2.5']], holds: ['SELECT openings AS v FROM vacancy ORDER BY openings', [1, 12]] }) },
  { name: 'duplicate ids within a file: the first is kept', files: () => ({ 'vacancies_dupes.csv': vacanciesCsv([{ vacancy_id: 'A', job_title: 'Welder' }, { vacancy_id: 'B' }, { vacancy_id: 'A', job_title: 'Welder' }, { vacancy_id: 'A', job_title: 'Operator' }]) }),
    outcome: loaded(2, 2, { reasons: [[4, 'vacancy_id', 'duplicate vacancy_id in this file (first at line 2)'], [5, 'vacancy_id', 'duplicate vacancy_id in this file (first at line 2)']] }) },
  { name: 'misspelt education and unknown codes; the spellings of real files resolved', files: () => ({ 'vacancies_codes.csv': vacanciesCsv([{ education_min: 'Sarjanah' }, { education_min: 'SLTA' }, { education_min: 'D-III' }, { education_min: 'Tidak Disebutkan' }, { status: 'pending' }]) }),
    outcome: loaded(3, 2, { reasons: [[2, 'education_min', 'unknown education level', 'Sarjanah'], [6, 'status', 'unknown status (expected open, filled, cancelled or expired)', 'pending']], holds: ['SELECT education_min AS v FROM vacancy ORDER BY vacancy_id', ['SMA', 'D3', 'unknown']] }) },
  // 1. sparse Excel rows: an empty cell is empty, never the text "undefined"
  { name: 'xlsx with empty cells', files: async () => ({ 'vacancies_sparse.xlsx': await workbook([['Sheet1', [xlsxHeader, ['X1', '2025-03-03', 'Kasir', undefined, '32.73', undefined], ['X2', '2025-03-04', 'Welder', '35', undefined, 2]]]]) }),
    outcome: loaded(2, 0, { holds: ["SELECT vacancy_id || ':' || province_code || ':' || coalesce(regency_code, '-') || ':' || openings AS v FROM vacancy ORDER BY 1", ['X1:32:32.73:1', 'X2:35:-:2']] }) },
  // 2. numbers beyond INTEGER quarantine their row instead of failing the run
  { name: 'oversized numbers', files: () => ({ 'vacancies_big.csv': numbersCsv([['99999999999', '3'], ['2', '5000000000'], ['3', '12']]) }),
    outcome: loaded(1, 2, { reasons: [[2, 'openings', 'too large (at most 2147483647)'], [3, 'applications', 'too large (at most 2147483647)']] }) },
  // 3. UTF-16 and UTF-32 by their byte-order mark
  { name: 'UTF-16 LE with BOM', files: () => ({ 'vacancies_u16le.csv': withBom([0xff, 0xfe], 'utf16le', csv2) }), outcome: loaded(2, 0, { holds: titles('Barista Café Kopi Kenangan', 'Pâtissier') }) },
  { name: 'UTF-16 BE with BOM', files: () => ({ 'vacancies_u16be.csv': withBom([0xfe, 0xff], 'utf16be', csv2) }), outcome: loaded(2, 0, { holds: titles('Barista Café Kopi Kenangan', 'Pâtissier') }) },
  { name: 'UTF-32 LE with BOM', files: () => ({ 'vacancies_u32le.csv': withBom([0xff, 0xfe, 0, 0], 'utf32le', csv2) }), outcome: loaded(2, 0, { holds: titles('Barista Café Kopi Kenangan', 'Pâtissier') }) },
  { name: 'UTF-16 LE without BOM', files: () => ({ 'vacancies_u16.csv': iconv.encode(csv2, 'utf16le', { addBOM: false }) }), outcome: rejected(/^vacancies_u16\.csv: looks like UTF-16 text without a byte-order mark/) },
  // 4. a truncated gzip is rejected whole (gzip -t fails), not loaded up to the cut
  { name: 'truncated gzip', files: () => { const gz = zlib.gzipSync(vacanciesCsv(Array.from({ length: 3000 }, () => ({ description: `Deskripsi ${Math.random()}` })))); return { 'vacancies_cut.csv.gz': gz.subarray(0, Math.floor(gz.length / 2)) }; },
    outcome: rejected(/^vacancies_cut\.csv\.gz: the gzip file is truncated or corrupt \(gzip -t fails\); nothing was loaded$/) },
  // 5. a quote that never closes would swallow the rest of the file
  { name: 'unterminated quote', files: () => ({ 'vacancies_quote.csv': vacanciesCsv([{}, {}]) + 'V3,2025-03-03,"Welder,32,32.73,SMK,1,,open,las,\n' + vacanciesCsv(Array.from({ length: 7 }, () => ({}))).split('\n').slice(1).join('\n') }),
    outcome: rejected(/^vacancies_quote\.csv: quotes do not balance: a quoted field is never closed.* opens on line 4: close its quote/) },
  // 6. the sheet named like the kind, wherever it is
  { name: 'xlsx sheet named like the kind, not first', files: async () => ({ 'vacancies_book.xlsx': await workbook([['Catatan', [['Dibuat oleh Disnaker'], ['Versi 2']]], ['Lowongan', [xlsxHeader, ['L1', '2025-03-03', 'Perawat', '33', '', 4]]]]) }),
    outcome: loaded(1, 0, { holds: ['SELECT vacancy_id || openings AS v FROM vacancy', ['L14']] }) },
  // 7. one Windows-1252 byte in a UTF-8 file: that row is quarantined, the others keep their characters
  { name: 'cp1252 byte in a UTF-8 file', files: () => ({ 'vacancies_mixed.csv': Buffer.concat([Buffer.from(vacanciesCsv([{ job_title: 'Barista Café' }, { job_title: 'Pâtissier' }])), iconv.encode('V3,2025-03-03,Chef Crème,32,32.73,SMK,1,,open,las,\n', 'win1252')]) }),
    outcome: loaded(2, 1, { reasons: [[4, 'job_title', /^not valid UTF-8 text/]], holds: titles('Barista Café', 'Pâtissier') }) },
  // 8. line numbers count the blank lines DuckDB skips
  { name: 'blank lines before bad rows', files: () => ({ 'vacancies_blank.csv': 'vacancy_id,posted_date,job_title,province_code\nB1,2025-03-03,Kasir,32\n\nB2,2025-03-03,Kasir,32\nB3,31/02/2025,Kasir,32\n\nB4,2025-02-30,Kasir,32\n' }),
    outcome: loaded(2, 2, { reasons: [[5, 'posted_date', /^invalid date/], [7, 'posted_date', /^invalid date/]] }) },
  // 9. a formula whose result was never saved is a row error, not a silent default
  { name: 'xlsx formula without a cached value', files: async () => ({ 'vacancies_formula.xlsx': await workbook([['Sheet1', [xlsxHeader, ['F1', '2025-03-03', 'Kasir', '32', '', { formula: 'B1*2' }], ['F2', '2025-03-03', 'Kasir', '32', '', { formula: '1+1', result: 2 }]]]]) }),
    outcome: loaded(1, 1, { reasons: [[2, 'openings', /^formula without a saved result/]], holds: ['SELECT vacancy_id || openings AS v FROM vacancy', ['F22']] }) },
  // 10. numbers follow the file's locale: ambiguous without evidence, read by the column's evidence or the mapping
  { name: 'ambiguous 1.000 without evidence', files: () => ({ 'vacancies_num.csv': numbersCsv([['1.000', '3'], ['2', '4']]) }),
    outcome: loaded(1, 1, { reasons: [[2, 'openings', /^ambiguous number/]] }) },
  { name: '1.000 in a column that writes 2.000.000', files: () => ({ 'vacancies_num_id.csv': numbersCsv([['1.000', '3'], ['2.000.000', '4']]) }),
    outcome: loaded(2, 0, { holds: ['SELECT openings AS v FROM vacancy ORDER BY vacancy_id', [1000, 2000000]] }) },
  { name: '1.000 with number_locale: id in the mapping', mapping: 'number_locale: id', files: () => ({ 'vacancies_num_map.csv': numbersCsv([['1.000', '1.500'], ['12', '7']]) }),
    outcome: loaded(2, 0, { holds: ['SELECT openings || \'/\' || applications AS v FROM vacancy ORDER BY vacancy_id', ['1000/1500', '12/7']] }) },
  { name: '1,000 with number_locale: en in the mapping', mapping: 'number_locale: en', files: () => ({ 'vacancies_num_en.csv': numbersCsv([['1,000', '2'], ['3', '1.5']]) }),
    outcome: loaded(1, 1, { reasons: [[3, 'applications', 'not a whole number ≥ 0']], holds: ['SELECT openings AS v FROM vacancy', [1000]] }) },
  // 11. files that are not what they claim get a message saying what they are
  { name: '100,000 columns', files: () => ({ 'vacancies_wide.csv': Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',') + '\n' + '1,'.repeat(99_999) + '1\n' }),
    outcome: rejected(/^vacancies_wide\.csv: the header has more than [\d,]+ columns \(at most 1,000\): check the delimiter/) },
  { name: 'JSON array in a .json file', files: () => ({ 'vacancies.json': JSON.stringify([{ vacancy_id: 'J1', posted_date: '2025-01-02', job_title: 'Perawat', province_code: '33' }, { vacancy_id: 'J2', posted_date: '2025-01-03', job_title: 'Kasir', province_code: '31' }]) }),
    outcome: loaded(2, 0) },
  { name: 'JSON in a .csv file', files: () => ({ 'vacancies_json.csv': '[{"vacancy_id": "J1"}]\n' }), outcome: rejected(/^vacancies_json\.csv: looks like JSON, not CSV/) },
  { name: 'binary garbage', files: () => ({ 'vacancies_garbage.csv': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)) }), outcome: rejected(/^vacancies_garbage\.csv: is not text: \d+ of its first 4096 bytes are control characters/) },
  { name: 'a zip named .csv', files: async () => ({ 'vacancies_zip.csv': await workbook([['Sheet1', [xlsxHeader]]]) }), outcome: rejected(/^vacancies_zip\.csv: is a zip archive/) },
  { name: 'garbage named .xlsx', files: () => ({ 'vacancies_fake.xlsx': 'vacancy_id,job_title\nV1,Kasir\n' }), outcome: rejected(/^vacancies_fake\.xlsx: is not an Excel \.xlsx workbook/) },
  { name: 'a header that is a number keeps its place', files: () => ({ 'vacancies_year.csv': 'vacancy_id,2025,posted_date,job_title,province_code\nY1,x,2025-03-03,Kasir,32\n' }),
    outcome: loaded(1, 0, { holds: ["SELECT vacancy_id || '|' || job_title AS v FROM vacancy", ['Y1|Kasir']] }) },
  // 12. duplicate headers, unknown placement ids, NUL bytes
  { name: 'duplicate header', files: () => ({ 'vacancies_dup.csv': 'vacancy_id,posted_date,job_title,province_code,Job Title\nD1,2025-03-03,Kasir,32,Welder\n' }),
    outcome: rejected(/^vacancies_dup\.csv: column "Job Title" appears twice in the header \(columns 3 and 5\)/) },
  { name: 'placements with unknown ids', files: () => ({ 'placements_x.csv': 'seeker_id,vacancy_id,placement_date\nS1,V404,2025-03-01\nS2,V405,2025-03-02\n' }),
    outcome: loaded(2, 0, { warnings: [{ column: 'seeker_id', reason: 'seeker not in any seekers extract loaded', rows: 2 }, { column: 'vacancy_id', reason: 'vacancy not in any vacancies extract loaded', rows: 2 }] }) },
  { name: 'NUL byte in a text field', files: () => ({ 'vacancies_nul.csv': vacanciesCsv([{ job_title: 'Tukang\u0000Las' }, {}]) }),
    outcome: loaded(1, 1, { reasons: [[2, 'job_title', /NUL byte/]], holds: ["SELECT count(*)::INTEGER AS v FROM vacancy WHERE contains(job_title, chr(0))", [0]] }) },
];

describe('bad input, one row per class', () => {
  it.each(HOSTILE.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const files = await c.files();
    const mapping = c.mapping ? mappingFrom(c.mapping, Object.keys(files)[0]) : undefined;
    const result = await runFiles(sandbox, files, mapping ? { mapping } : {});
    const [file] = result.files;
    if ('rejected' in c.outcome) {
      expect(file.status).toBe('rejected');
      expect(file.error).toMatch(c.outcome.rejected);
      return;
    }
    expectCounts(file, c.outcome.loaded + c.outcome.quarantined, c.outcome.loaded, c.outcome.quarantined);
    const reasons = c.outcome.reasons;
    if (reasons) {
      const q = await quarantine(file.file);
      // [line, column, reason] and, when the row gives it, the value quarantined.
      expect(q.map((r, i) => [r.line, r.column_name, r.reason, ...(reasons[i]?.length === 4 ? [r.value] : [])]))
        .toEqual(reasons.map(([line, column, reason, ...value]) => [line, column, typeof reason === 'string' ? reason : expect.stringMatching(reason), ...value]));
    }
    if (c.outcome.holds) expect((await queryWarehouse<{ v: unknown }>(sandbox.db, c.outcome.holds[0])).map((r) => r.v)).toEqual(c.outcome.holds[1]);
    if (c.outcome.warnings) expect(file.warnings).toEqual(c.outcome.warnings);
  }, 60_000);
});

/** A vacancies mapping for one file with extra YAML lines, parsed as the run parses mappings. */
function mappingFrom(yaml: string, fileName: string) {
  const file = path.join(sandbox.dir, 'test_source.yaml');
  fs.writeFileSync(file, `source: test_source\nkind: ${fileName.startsWith('placements') ? 'placements' : 'vacancies'}\nfiles: ["${fileName}"]\n${yaml}\n`);
  return parseMapping(file);
}

describe('quoted multi-line fields (issue 10)', () => {
  it('reads a 34 MB file of long quoted multi-line descriptions, "" escapes and short rows that the parallel scanner refuses', async () => {
    // DuckDB's parallel scanner refuses null padding with quoted new lines once a file spans
    // more than one read buffer: "The parallel scanner does not support null_padding in conjunction with quoted new lines".
    const header = 'id_lowongan,tanggal_posting,judul_lowongan,provinsi,deskripsi\n';
    const rows = Array.from({ length: 60_000 }, (_, i) => i % 4 === 3
      ? `M${i},2025-03-03,Kasir,32\n`
      : `M${i},2025-03-03,"Staf ""Admin"" Gudang",32,"Tanggung jawab:\n- Mencatat stok ""masuk"" dan keluar.\n- ${'Menguasai Microsoft Excel. '.repeat(24)}"\n`);
    const file = path.join(sandbox.dir, 'lowongan_maganghub.csv');
    fs.writeFileSync(file, header + rows.join(''));
    expect(fs.statSync(file).size).toBeGreaterThan(32 * 1024 * 1024);
    const result = await runFiles(sandbox, { 'lowongan_maganghub.csv': fs.readFileSync(file) });
    expect(result.files[0].error).toBeNull();
    expectCounts(result.files[0], 60_000, 60_000, 0);
    // The same count as an independent reader: Python's csv module where it is installed, else DuckDB without the parallel scanner.
    const python = spawnSync('python3', ['-c', 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))) - 1)', file], { encoding: 'utf8' });
    if (python.status === 0) expect(Number(python.stdout.trim())).toBe(60_000);
    const [row] = await queryWarehouse<{ job_title: string; n: number }>(sandbox.db, "SELECT job_title, (SELECT count(*) FROM vacancy WHERE job_title = 'Kasir')::INTEGER AS n FROM vacancy WHERE vacancy_id = 'M0'");
    expect(row).toEqual({ job_title: 'Staf "Admin" Gudang', n: 15_000 });
  }, 120_000);
});

describe('other formats', () => {
  it('reads the first sheet of an Excel workbook, with Excel serial dates', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Lowongan');
    sheet.addRow(['id_lowongan', 'tanggal_posting', 'jabatan', 'provinsi', 'jumlah_lowongan', 'keterampilan']);
    sheet.addRow(['X1', 45719, 'Operator Forklift', 'Jawa Timur', 3, 'forklift; K3']);
    sheet.addRow(['X2', new Date(Date.UTC(2025, 2, 4)), 'Kasir', 'DKI Jakarta', 1, 'kasir']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await runFiles(sandbox, { 'lowongan_maret.xlsx': buffer });
    expectCounts(result.files[0], 2, 2, 0);
    const rows = await queryWarehouse(sandbox.db, 'SELECT vacancy_id, posted_date::VARCHAR AS posted, province_code, openings FROM vacancy ORDER BY vacancy_id');
    expect(rows).toEqual([
      { vacancy_id: 'X1', posted: '2025-03-03', province_code: '35', openings: 3 },
      { vacancy_id: 'X2', posted: '2025-03-04', province_code: '31', openings: 1 },
    ]);
  });

  it("loads the generator's own Excel output exactly as its CSV output (no empty cell read as text)", async () => {
    const counts: Record<string, [number, number, number]> = {};
    for (const format of ['csv', 'xlsx'] as const) {
      const out = path.join(sandbox.dir, `gen-${format}`);
      const generated = await generate({ vacancies: 300, seekers: 10, months: 3, end: '2025-06', seed: 3, out, format }, loadReference());
      const file = generated.files.find((f) => f.kind === 'vacancies')!.file;
      const own = createSandbox();
      try {
        const result = await runFiles(own, { [`vacancies.${format}`]: fs.readFileSync(file) });
        const [f] = result.files;
        counts[format] = [f.rows_read, f.rows_loaded, f.rows_quarantined];
      } finally {
        own.cleanup();
      }
    }
    expect(counts.csv[0]).toBe(300);
    expect(counts.csv[2]).toBeLessThan(15);
    expect(counts.xlsx).toEqual(counts.csv);
  }, 120_000);

  it('reads JSON Lines with a skills array', async () => {
    const lines = [
      { vacancy_id: 'J1', posted_date: '2025-01-02', job_title: 'Backend Developer', province_code: '31', skills: ['Golang', 'PostgreSQL'] },
      { vacancy_id: 'J2', posted_date: '2025-01-03', job_title: 'Perawat', province_code: '33', openings: 2 },
    ].map((l) => JSON.stringify(l)).join('\n');
    const result = await runFiles(sandbox, { 'vacancies.jsonl': lines });
    expectCounts(result.files[0], 2, 2, 0);
    const skills = await queryWarehouse<{ skill_id: string }>(sandbox.db, "SELECT skill_id FROM vacancy_skill WHERE vacancy_id = 'J1' ORDER BY skill_id");
    expect(skills.map((s) => s.skill_id)).toEqual(['golang', 'postgresql']);
  });
});
