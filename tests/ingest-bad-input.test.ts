// Bad input of every kind an operator meets (DESIGN §2): real files, the real pipeline,
// real DuckDB. Each case states the counts and the reasons; rows read = loaded + quarantined.
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
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
  it('reads Windows-1252 text (what Excel on an Indonesian office PC writes) as the right characters', async () => {
    const csv = vacanciesCsv([{ job_title: 'Barista Café Kopi Kenangan' }, { job_title: 'Pâtissier' }]);
    const result = await runFiles(sandbox, { 'vacancies_1252.csv': iconv.encode(csv, 'win1252') });
    expectCounts(result.files[0], 2, 2, 0);
    const titles = await queryWarehouse<{ job_title: string }>(sandbox.db, 'SELECT job_title FROM vacancy ORDER BY vacancy_id');
    expect(titles.map((t) => t.job_title)).toEqual(['Barista Café Kopi Kenangan', 'Pâtissier']);
  });

  it('skips a UTF-8 byte-order mark', async () => {
    const result = await runFiles(sandbox, { 'vacancies_bom.csv': '\ufeff' + vacanciesCsv([{}, {}]) });
    expectCounts(result.files[0], 2, 2, 0);
    const [row] = await queryWarehouse<{ vacancy_id: string }>(sandbox.db, 'SELECT vacancy_id FROM vacancy ORDER BY vacancy_id LIMIT 1');
    expect(row.vacancy_id).toBe('V1');
  });

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

  it('quarantines a row with more fields than the header and keeps the rest', async () => {
    const csv = vacanciesCsv([{}, {}]) + 'V3,2025-03-03,Welder,32,32.73,SMK,1,,open,las,,EXTRA,FIELDS\n';
    const result = await runFiles(sandbox, { 'vacancies_ragged.csv': csv });
    expectCounts(result.files[0], 3, 2, 1);
    expect(await quarantine('vacancies_ragged.csv')).toEqual([{ line: 4, column_name: null, value: null, reason: 'row has more fields than the header' }]);
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

  it('rejects an empty file', async () => {
    const result = await runFiles(sandbox, { 'vacancies_empty.csv': '' });
    expect(result.files[0]).toMatchObject({ status: 'rejected', error: 'vacancies_empty.csv: the file is empty' });
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

  it('rejects a file whose kind the name does not tell', async () => {
    const result = await runFiles(sandbox, { 'export_2025.csv': vacanciesCsv([{}]) });
    expect(result.files[0].error).toMatch(/cannot tell the kind of extract from the name/);
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

  it('quarantines zero, negative and fractional openings, and counts an empty one as 1', async () => {
    const result = await runFiles(sandbox, { 'vacancies_openings.csv': vacanciesCsv([{ openings: '0' }, { openings: '-3' }, { openings: '2.5' }, { openings: '' }, { openings: '12' }]) });
    expectCounts(result.files[0], 5, 2, 3);
    expect((await quarantine('vacancies_openings.csv')).map((q) => [q.line, q.value, q.reason])).toEqual([
      [2, '0', 'not a whole number ≥ 1'], [3, '-3', 'not a whole number ≥ 1'], [4, '2.5', 'not a whole number ≥ 1'],
    ]);
    const openings = await queryWarehouse<{ openings: number }>(sandbox.db, 'SELECT openings FROM vacancy ORDER BY openings');
    expect(openings.map((o) => o.openings)).toEqual([1, 12]);
  });

  it('keeps the first of duplicate ids within a file and quarantines the others', async () => {
    const result = await runFiles(sandbox, { 'vacancies_dupes.csv': vacanciesCsv([
      { vacancy_id: 'A', job_title: 'Welder' }, { vacancy_id: 'B' }, { vacancy_id: 'A', job_title: 'Welder' }, { vacancy_id: 'A', job_title: 'Operator' },
    ]) });
    expectCounts(result.files[0], 4, 2, 2);
    expect((await quarantine('vacancies_dupes.csv')).map((q) => [q.line, q.reason])).toEqual([
      [4, 'duplicate vacancy_id in this file (first at line 2)'], [5, 'duplicate vacancy_id in this file (first at line 2)'],
    ]);
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

  it('quarantines misspelt education and unknown codes, and resolves the spellings of real files', async () => {
    const result = await runFiles(sandbox, { 'vacancies_codes.csv': vacanciesCsv([
      { education_min: 'Sarjanah' }, { education_min: 'SLTA' }, { education_min: 'D-III' }, { education_min: 'Tidak Disebutkan' }, { status: 'pending' },
    ]) });
    expectCounts(result.files[0], 5, 3, 2);
    expect((await quarantine('vacancies_codes.csv')).map((q) => [q.line, q.column_name, q.value, q.reason])).toEqual([
      [2, 'education_min', 'Sarjanah', 'unknown education level'],
      [6, 'status', 'pending', 'unknown status (expected open, filled, cancelled or expired)'],
    ]);
    const levels = await queryWarehouse<{ education_min: string }>(sandbox.db, 'SELECT education_min FROM vacancy ORDER BY vacancy_id');
    expect(levels.map((l) => l.education_min)).toEqual(['SMA', 'D3', 'unknown']);
  });
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
