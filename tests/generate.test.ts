// The synthetic extracts: DESIGN §2 layout, determinism, realism and the ~1 % defects
// that ingestion must catch. Files are read back with DuckDB, as ingestion will.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReference } from '../core/reference.ts';
import { normalizeText } from '../core/text.ts';
import { generate, type GenerateResult } from '../pipelines/generate/index.ts';
import { SEEKER_COLUMNS, PLACEMENT_COLUMNS } from '../pipelines/generate/seekers.ts';
import { VACANCY_COLUMNS } from '../pipelines/generate/vacancies.ts';
import { FILLER_TEXT } from '../pipelines/generate/wording.ts';
import { openMemoryDb, query } from './helpers/duckdb.ts';

const reference = loadReference();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sinergi-generate-'));
const base = { vacancies: 20_000, seekers: 60_000, months: 24, end: '2025-12', seed: 7 };
let result: GenerateResult;
let db: Awaited<ReturnType<typeof openMemoryDb>>;
const file = (kind: string) => result.files.find((f) => f.kind === kind)!.file;
const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

beforeAll(async () => {
  result = await generate({ ...base, out: path.join(tmp, 'a'), format: 'csv' }, reference);
  db = await openMemoryDb();
  for (const kind of ['vacancies', 'seekers', 'placements']) {
    await db.connection.run(`CREATE TABLE ${kind} AS SELECT * FROM read_csv($file, header = true, all_varchar = true)`, { file: file(kind) });
  }
});
afterAll(() => {
  db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('layout', () => {
  it('writes the DESIGN §2 columns in order, named by kind and period', async () => {
    const header = (f: string) => fs.readFileSync(f, 'utf8').split('\n', 1)[0].split(',');
    expect(header(file('vacancies'))).toEqual([...VACANCY_COLUMNS]);
    expect(header(file('seekers'))).toEqual([...SEEKER_COLUMNS]);
    expect(header(file('placements'))).toEqual([...PLACEMENT_COLUMNS]);
    expect(path.basename(file('vacancies'))).toBe('vacancies_2024-01_2025-12.csv');
  });

  it('writes one row per vacancy and seeker plus about 0.25 % exact duplicates', async () => {
    const [v] = await query(db.connection, 'SELECT count(*) AS n, count(DISTINCT vacancy_id) AS ids FROM vacancies');
    expect(v.ids).toBe(base.vacancies);
    expect((v.n as number) - base.vacancies).toBeGreaterThan(10);
    expect((v.n as number) - base.vacancies).toBeLessThan(120);
    const [s] = await query(db.connection, "SELECT count(DISTINCT seeker_id) FILTER (WHERE seeker_id <> '') AS ids FROM seekers");
    expect(s.ids).toBeGreaterThan(base.seekers * 0.99);
  });
});

describe('determinism', () => {
  it('gives the same bytes for the same seed and different bytes for another', async () => {
    const again = await generate({ ...base, vacancies: 3000, seekers: 6000, out: path.join(tmp, 'b'), format: 'csv' }, reference);
    const same = await generate({ ...base, vacancies: 3000, seekers: 6000, out: path.join(tmp, 'c'), format: 'csv' }, reference);
    const other = await generate({ ...base, vacancies: 3000, seekers: 6000, seed: 8, out: path.join(tmp, 'd'), format: 'csv' }, reference);
    for (let i = 0; i < 3; i++) expect(sha(again.files[i].file)).toBe(sha(same.files[i].file));
    expect(sha(again.files[0].file)).not.toBe(sha(other.files[0].file));
  });
});

describe('realism', () => {
  it('puts about 30 % of seekers in Jawa Barat and the most vacancies in Jawa Timur', async () => {
    const seekers = await query(db.connection, "SELECT province_code AS p, count(*) AS n FROM seekers WHERE province_code SIMILAR TO '[0-9]{2}' GROUP BY 1 ORDER BY n DESC");
    const total = seekers.reduce((n, r) => n + (r.n as number), 0);
    expect(seekers[0].p).toBe('32');
    expect((seekers[0].n as number) / total).toBeGreaterThan(0.26);
    expect((seekers[0].n as number) / total).toBeLessThan(0.34);
    const vacancies = await query(db.connection, "SELECT province_code AS p, sum(TRY_CAST(openings AS INT)) AS n FROM vacancies WHERE province_code SIMILAR TO '[0-9]{2}' GROUP BY 1 ORDER BY n DESC LIMIT 3");
    expect(vacancies[0].p).toBe('35');
    expect(vacancies.map((r) => r.p)).toEqual(expect.arrayContaining(['32', '33']));
  });

  it('builds in shortages (welding, software, nursing) and a general-administration surplus', async () => {
    const byOccupation = async (table: string, column: string, codes: string[]) => {
      const [r] = await query(db.connection, `SELECT count(*) FILTER (WHERE ${column} IN (SELECT unnest(string_split($codes, ',')))) / count(*) AS share FROM ${table} WHERE ${column} <> ''`, { codes: codes.join(',') });
      return r.share as number;
    };
    for (const codes of [['7212'], ['2512', '2513', '2514'], ['2221', '3221']]) {
      expect(await byOccupation('vacancies', 'occupation_code', codes), codes.join()).toBeGreaterThan(2 * (await byOccupation('seekers', 'preferred_occupation_code', codes)));
    }
    expect(await byOccupation('seekers', 'preferred_occupation_code', ['4110'])).toBeGreaterThan(2 * (await byOccupation('vacancies', 'occupation_code', ['4110'])));
  });

  it('hires less in the week of Lebaran and more in the weeks after it', async () => {
    const [r] = await query(db.connection, `
      SELECT count(*) FILTER (WHERE d BETWEEN DATE '2025-03-24' AND DATE '2025-04-06') / 14 AS lebaran_week,
             count(*) FILTER (WHERE d BETWEEN DATE '2025-04-14' AND DATE '2025-05-11') / 28 AS after
      FROM (SELECT TRY_CAST(posted_date AS DATE) AS d FROM vacancies)`);
    expect(r.after as number).toBeGreaterThan(2 * (r.lebaran_week as number));
  });

  it('places seekers into filled vacancies of their province after they registered', async () => {
    const [r] = await query(db.connection, `
      SELECT count(*) AS placements,
             count(*) FILTER (WHERE v.vacancy_id IS NULL) AS unknown_vacancy,
             count(*) FILTER (WHERE p.placement_date::DATE < s.registered_date::DATE) AS before_registering,
             median(p.placement_date::DATE - s.registered_date::DATE) AS median_days
      FROM placements p
      JOIN (SELECT DISTINCT seeker_id, registered_date FROM seekers WHERE TRY_CAST(registered_date AS DATE) IS NOT NULL) s USING (seeker_id)
      LEFT JOIN (SELECT DISTINCT vacancy_id FROM vacancies) v USING (vacancy_id)`);
    expect(r.placements as number).toBeGreaterThan(base.seekers * 0.05);
    expect(r.unknown_vacancy).toBe(0);
    expect(r.before_registering).toBe(0);
    expect(r.median_days as number).toBeGreaterThan(7);
    expect(r.median_days as number).toBeLessThan(120);
  });

  it('describes vacancies in Indonesian and English, and the filler text names no skill', async () => {
    const [r] = await query(db.connection, `SELECT count(*) FILTER (WHERE description LIKE '%Kualifikasi%') AS id, count(*) FILTER (WHERE description LIKE '%Requirements%') AS en FROM vacancies`);
    expect(r.id as number).toBeGreaterThan(base.vacancies * 0.5);
    expect(r.en as number).toBeGreaterThan(base.vacancies * 0.15);
    const filler = ` ${FILLER_TEXT.map(normalizeText).join(' | ')} `;
    const named = reference.skills.flatMap((s) => [s.labelId, s.labelEn, ...s.aliases].map(normalizeText).filter((a) => filler.includes(` ${a} `)).map((a) => `${s.id}: ${a}`));
    expect(named).toEqual([]);
  });
});

describe('defects for ingestion to catch', () => {
  it('has about 1 % defective rows of the kinds DESIGN §2 names', async () => {
    const [v] = await query(db.connection, `
      SELECT count(*) FILTER (WHERE TRY_CAST(posted_date AS DATE) IS NULL AND TRY_STRPTIME(posted_date, '%d/%m/%Y') IS NULL) AS bad_dates,
             count(*) FILTER (WHERE TRY_CAST(closed_date AS DATE) < TRY_CAST(posted_date AS DATE)) AS closed_before_posted,
             count(*) FILTER (WHERE TRY_CAST(openings AS INT) < 1) AS bad_openings,
             count(*) FILTER (WHERE job_title IS NULL) AS no_title
      FROM vacancies`);
    expect(v.bad_dates as number).toBeGreaterThan(10);
    expect(v.closed_before_posted as number).toBeGreaterThan(5);
    expect(v.bad_openings as number).toBeGreaterThan(0);
    expect(v.no_title as number).toBeGreaterThan(0);
    const [s] = await query(db.connection, "SELECT count(*) FILTER (WHERE length(nik) = 16) AS niks, count(*) FILTER (WHERE gender NOT IN ('L', 'P')) AS bad_gender FROM seekers");
    expect(s.niks as number).toBeGreaterThan(base.seekers * 0.99);
    expect(s.bad_gender as number).toBeGreaterThan(10);
  });
});

describe('formats', () => {
  it('writes the same rows as csv.gz, JSON Lines, Parquet and Excel', async () => {
    const small = { ...base, vacancies: 800, seekers: 1500 };
    const csv = await generate({ ...small, out: path.join(tmp, 'f-csv'), format: 'csv' }, reference);
    const expected = await query(db.connection, 'SELECT * FROM read_csv($f, header = true, all_varchar = true) ORDER BY ALL', { f: csv.files[0].file });
    for (const format of ['csv.gz', 'jsonl', 'parquet'] as const) {
      const out = await generate({ ...small, out: path.join(tmp, `f-${format}`), format }, reference);
      const columns = `{${VACANCY_COLUMNS.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}`;
      const reader = format === 'jsonl' ? `read_json($f, format = 'newline_delimited', columns = ${columns})` : format === 'parquet' ? 'read_parquet($f)' : 'read_csv($f, header = true, all_varchar = true)';
      const rows = await query(db.connection, `SELECT * FROM ${reader} ORDER BY ALL`, { f: out.files[0].file });
      expect(rows, format).toEqual(expected);
    }
    const xlsx = await generate({ ...small, out: path.join(tmp, 'f-xlsx'), format: 'xlsx' }, reference);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx.files[0].file);
    const sheet = workbook.getWorksheet('vacancies')!;
    expect(sheet.rowCount).toBe(expected.length + 1);
    expect(sheet.getRow(1).values).toEqual([undefined, ...VACANCY_COLUMNS]);
  });

  it('refuses an Excel extract larger than a sheet, with the reason', async () => {
    await expect(generate({ ...base, vacancies: 1_100_000, seekers: 10, out: path.join(tmp, 'big'), format: 'xlsx' }, reference))
      .rejects.toThrow(/at most 1048575 rows/);
  });
});
