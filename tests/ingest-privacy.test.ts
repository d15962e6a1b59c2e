// Seeker data is personal data: ids are pseudonymised on arrival, direct identifiers are
// never stored, and nothing of them reaches any table of the warehouse, quarantine included.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReference } from '../core/reference.ts';
import { openWarehouse } from '../core/warehouse.ts';
import { prepareWorkDir } from '../pipelines/ingest/file.ts';
import { loadPseudonymKey } from '../pipelines/ingest/pseudonym.ts';
import { readRaw } from '../pipelines/ingest/read.ts';
import { runPipeline } from '../pipelines/run.ts';
import { TEST_KEY, createSandbox, queryWarehouse, runFiles, type Sandbox } from './helpers/pipeline.ts';

const people = [
  { id: 'AK1-3273-000001', nik: '3273014101990001', nama: 'Siti Nurhaliza Rahmawati', hp: '081234567890', email: 'siti.rahma@example.co.id', alamat: 'Jl. Cihampelas No. 12 RT 03/RW 05' },
  { id: 'AK1-3273-000002', nik: '3273011203950002', nama: 'Budi Santoso Wijaya', hp: '+62 812-9876-5432', email: 'budi.wijaya@example.com', alamat: 'Gg. Mawar 7, Kel. Sukajadi' },
  { id: 'AK1-3273-000003', nik: '3578015507000003', nama: 'Dewi Lestari Putri', hp: '0857 1111 2222', email: 'dewi@example.org', alamat: 'Perum Griya Asri Blok C-4' },
];
const header = 'seeker_id,nik,nama,no_hp,email,alamat,tanggal_lahir,registered_date,gender,province_code,regency_code,pendidikan,skills\n';
const seekersCsv = header + [
  ...people.map((p, i) => `${p.id},${p.nik},${p.nama},${p.hp},${p.email},"${p.alamat}",1999-01-0${i + 1},2025-02-0${i + 1},P,32,32.73,SMK,"las, bahasa inggris"`),
  // a row quarantined on its date: the quarantine must not carry its identity either
  `AK1-3273-000004,3273010101010004,Agus Salim,0811000111,agus@example.net,Jl. Braga 1,1990-05-05,2025-02-30,L,32,32.73,SMA,`,
  // a duplicate id: quarantined without the id
  `${people[0].id},${people[0].nik},${people[0].nama},${people[0].hp},${people[0].email},"${people[0].alamat}",1999-01-01,2025-02-01,P,32,32.73,SMK,`,
].join('\n') + '\n';
const placementsCsv = `seeker_id,vacancy_id,placement_date\n${people[0].id},V1,2025-03-01\n${people[1].id},V1,2025-03-02\n`;
const identifiers = [...people.flatMap((p) => [p.id, p.nik, p.nama, p.hp, p.email, p.alamat, p.nik.slice(0, 12)]), 'AK1-3273-000004', '3273010101010004', 'Agus Salim', 'agus@example.net'];

let sandbox: Sandbox;
let result: Awaited<ReturnType<typeof runFiles>>;
beforeAll(async () => {
  sandbox = createSandbox();
  result = await runFiles(sandbox, { 'pencaker_2025-02.csv': seekersCsv, 'penempatan_2025-03.csv': placementsCsv });
});
afterAll(() => sandbox.cleanup());

describe('pseudonymisation', () => {
  it('drops the direct-identifier columns and names them in the run log', () => {
    const seekers = result.files.find((f) => f.file === 'pencaker_2025-02.csv')!;
    expect(seekers).toMatchObject({ status: 'loaded', rows_read: 5, rows_loaded: 3, rows_quarantined: 2 });
    expect(seekers.dropped_columns).toEqual(['nik', 'nama', 'no_hp', 'email', 'alamat']);
  });

  it('keys seekers by HMAC-SHA-256 of their id under the configured key, identically in every extract', async () => {
    const expected = people.map((p) => crypto.createHmac('sha256', Buffer.from(TEST_KEY, 'hex')).update(p.id).digest('hex')).sort();
    const seekers = await queryWarehouse<{ seeker_key: string; birth_year: number }>(sandbox.db, 'SELECT seeker_key, birth_year FROM seeker ORDER BY seeker_key');
    expect(seekers.map((s) => s.seeker_key)).toEqual(expected);
    expect(seekers.map((s) => s.birth_year)).toEqual([1999, 1999, 1999]);
    const placed = await queryWarehouse<{ n: number }>(sandbox.db, 'SELECT count(*)::INTEGER AS n FROM placement JOIN seeker USING (seeker_key)');
    expect(placed[0].n).toBe(2);
  });

  it('finds no identifier in any text column of any table, quarantine and run log included', async () => {
    const columns = await queryWarehouse<{ table_name: string; column_name: string }>(sandbox.db,
      "SELECT table_name, column_name FROM information_schema.columns WHERE data_type IN ('VARCHAR', 'JSON', 'VARCHAR[]')");
    expect(columns.length).toBeGreaterThan(20);
    for (const { table_name, column_name } of columns) {
      const values = await queryWarehouse<{ v: string }>(sandbox.db, `SELECT DISTINCT "${column_name}"::VARCHAR AS v FROM "${table_name}" WHERE "${column_name}" IS NOT NULL`);
      const text = values.map((r) => r.v.toLowerCase()).join('\n');
      for (const id of identifiers) expect(text.includes(id.toLowerCase()), `${id} in ${table_name}.${column_name}`).toBe(false);
    }
    const quarantined = await queryWarehouse(sandbox.db, "SELECT line, column_name, value, reason FROM quarantine WHERE file_name = 'pencaker_2025-02.csv' ORDER BY line");
    expect(quarantined).toEqual([
      { line: 5, column_name: 'registered_date', value: '2025-02-30', reason: 'invalid date (expected yyyy-mm-dd, dd/mm/yyyy or an Excel serial date)' },
      { line: 6, column_name: 'seeker_id', value: null, reason: 'duplicate seeker_id in this file (first at line 2)' },
    ]);
  });

  it('finds no identifier in the bytes of the warehouse file or the run log', () => {
    const files = [sandbox.db, ...fs.readdirSync(path.join(path.dirname(sandbox.db), 'runs')).map((f) => path.join(path.dirname(sandbox.db), 'runs', f))];
    for (const file of files) {
      const bytes = fs.readFileSync(file).toString('latin1');
      for (const id of identifiers) expect(bytes.includes(id), `${id} in ${path.basename(file)}`).toBe(false);
    }
  });

  it('creates a random key with owner-only permissions when none is configured, and reuses it', () => {
    const keyFile = path.join(sandbox.dir, 'secrets', 'pseudonym.key');
    const first = loadPseudonymKey(undefined, keyFile);
    expect(first.created).toBe(true);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(keyFile)).mode & 0o777).toBe(0o700);
    const second = loadPseudonymKey(undefined, keyFile);
    expect(second).toEqual({ key: first.key, created: false });
  });
});

// Issue 19: no value of a seekers or placements file in any message or log, and the
// clear-text copies the reader makes (transcoded, decompressed) only in the run's own
// owner-only folder beside the warehouse, deleted when the file is done.
describe('personal data outside the warehouse', () => {
  let own: Sandbox;
  let tmp: string;
  let savedTmp: string | undefined;
  beforeAll(() => {
    own = createSandbox();
    // Whatever the reader would put in the system's temporary folder lands here, to be looked at.
    tmp = fs.mkdtempSync(path.join(own.dir, 'tmp-'));
    savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
  });
  afterAll(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = savedTmp;
    own.cleanup();
  });
  const person = { id: 'AK1-3273-777001', nik: '3273014101990777', nama: 'Rahmawati Kusumadewi' };

  it('rejects a seekers file DuckDB cannot read without quoting its line into run.files, runs/*.json, the run table or the log', async () => {
    const long = `seeker_id,nik,nama,registered_date,province_code\n${person.id},${person.nik},${person.nama} ${'x'.repeat(17 * 1024 * 1024)},2025-02-01,32\n`;
    const folder = fs.mkdtempSync(path.join(own.dir, 'batch-'));
    fs.writeFileSync(path.join(folder, 'pencaker_long.csv'), long);
    const logged: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => { logged.push(line); } });
    const result = await runPipeline({ inputs: [folder], db: own.db }, { config: own.config, reference: loadReference(), logger });
    const [file] = result.files;
    expect(file.status).toBe('rejected');
    expect(file.error).toMatch(/^pencaker_long\.csv: cannot be read as CSV: .*Line: 2/);
    const runs = path.join(path.dirname(own.db), 'runs');
    const texts = {
      error: file.error!, log: logged.join('\n'),
      runs: fs.readdirSync(runs).map((f) => fs.readFileSync(path.join(runs, f), 'utf8')).join('\n'),
      table: JSON.stringify(await queryWarehouse(own.db, 'SELECT files::VARCHAR AS f FROM run')),
    };
    expect(texts.log).toContain('pencaker_long.csv');
    for (const [where, text] of Object.entries(texts)) {
      for (const value of [person.id, person.nik, person.nama, 'xxxxxxxx']) expect(text.includes(value), `${value} in ${where}`).toBe(false);
    }
  }, 120_000);

  it('withholds quoted values in reader messages about personal data, and keeps them for vacancies', async () => {
    const { duckdbReason } = await import('../pipelines/ingest/read.ts');
    const message = `Invalid Input Error: CSV Error on Line: 7\nOriginal Line: ${person.id},${person.nama},081234567802\nValue with unterminated quote found.\n\nPossible fixes:\n* Enable ignore errors`;
    expect(duckdbReason(message, true)).toBe('Invalid Input Error: CSV Error on Line: 7 Value with unterminated quote found.');
    expect(duckdbReason(`Conversion Error: Could not convert string '${person.nama}' to INT32`, true)).toBe('Conversion Error: Could not convert string [value withheld] to INT32');
    expect(duckdbReason(`Conversion Error: Could not convert string 'Kasir' to INT32`, false)).toContain("'Kasir'");
  });

  it('withholds a headerless seekers file\'s first record where the message lists its headers', async () => {
    const result = await runFiles(own, { 'pencaker_noheader.csv': `${person.id},${person.nik},${person.nama},budi@example.com,2025-02-01,32\n${person.id}2,${person.nik},x,y,2025-02-02,32\n` });
    expect(result.files[0].error).toMatch(/^pencaker_noheader\.csv: required columns seeker_id .* not found for a seekers extract; the file's headers are: 6 others withheld \(they may be the first record\)$/);
    for (const value of [person.id, person.nik, person.nama, 'budi@example.com']) expect(result.files[0].error).not.toContain(value);
  });

  it('transcodes into the run folder beside the warehouse with owner-only permissions, and deletes the copies of loaded and rejected files', async () => {
    const work = prepareWorkDir(own.db, 'test-run');
    expect(work).toBe(path.join(path.dirname(own.db), 'work', 'test-run'));
    expect(fs.statSync(work).mode & 0o777).toBe(0o700);
    const file = path.join(own.dir, 'pencaker_1252.csv');
    fs.writeFileSync(file, iconv.encode(`seeker_id,registered_date,province_code,jurusan\n${person.id},2025-02-01,32,Tata Boga Pâtisserie\n`, 'win1252'));
    const warehouse = await openWarehouse(path.join(own.dir, 'scratch.duckdb'));
    try {
      const raw = await readRaw(warehouse.connection, file, 'raw', { workDir: work, kind: 'seekers' });
      expect(raw.encoding).toBe('windows-1252');
      const copies = fs.readdirSync(work);
      expect(copies).toEqual(['utf8-pencaker_1252.csv']);
      expect(fs.statSync(path.join(work, copies[0])).mode & 0o777).toBe(0o600);
    } finally {
      warehouse.close();
    }

    // A crashed run's leftovers are deleted when the next run starts; each file's copies when it is done.
    const leftover = path.join(path.dirname(own.db), 'work', '20250101T000000-dead', 'file-x');
    fs.mkdirSync(leftover, { recursive: true });
    fs.writeFileSync(path.join(leftover, 'utf8-pencaker_old.csv'), `${person.id},${person.nik}\n`);
    const result = await runFiles(own, {
      'pencaker_1252.csv': fs.readFileSync(file),
      'pencaker_utf16.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(`seeker_id,nama\n${person.id},${person.nama}\n`, 'utf16le')]),
      'pencaker_gz.csv.gz': zlib.gzipSync(iconv.encode(`seeker_id,registered_date,province_code\n${person.id}x,2025-02-03,32\n`, 'win1252')),
    });
    expect(result.files.map((f) => [f.file, f.status])).toEqual([['pencaker_1252.csv', 'loaded'], ['pencaker_gz.csv.gz', 'loaded'], ['pencaker_utf16.csv', 'rejected']]);
    const [row] = await queryWarehouse<{ field_of_study: string }>(own.db, 'SELECT field_of_study FROM seeker WHERE field_of_study IS NOT NULL');
    expect(row.field_of_study).toBe('Tata Boga Pâtisserie');
    const left = fs.readdirSync(path.join(path.dirname(own.db), 'work'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(left).toEqual([]);
    expect(fs.readdirSync(tmp)).toEqual([]);
  }, 120_000);
});
