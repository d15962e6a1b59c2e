// Seeker data is personal data: ids are pseudonymised on arrival, direct identifiers are
// never stored, and nothing of them reaches any table of the warehouse, quarantine included.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPseudonymKey } from '../pipelines/ingest/pseudonym.ts';
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
