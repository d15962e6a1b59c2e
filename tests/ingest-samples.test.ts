// The real public samples in ../shared/samples load through their mapping files, and what
// cannot be placed in Indonesia is quarantined, not forced into a province; postings for
// the whole country ("Remote", "Indonesia") load as national vacancies.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../core/config.ts';
import { parseMapping, MappingError } from '../pipelines/ingest/mapping.ts';
import { createSandbox, queryWarehouse, type Sandbox } from './helpers/pipeline.ts';
import { runPipeline } from '../pipelines/run.ts';
import { loadReference } from '../core/reference.ts';
import { silentLogger } from '../core/log.ts';

const SAMPLES = path.join(PROJECT_ROOT, '..', 'shared', 'samples');
const sample = (name: string) => parse(fs.readFileSync(path.join(SAMPLES, name)), { columns: true, bom: true }) as Record<string, string>[];
let sandbox: Sandbox;
let result: Awaited<ReturnType<typeof runPipeline>>;

beforeAll(async () => {
  sandbox = createSandbox();
  result = await runPipeline(
    { inputs: ['dealls.csv', 'kalibrr.csv', 'data_loker_clean.csv'].map((f) => path.join(SAMPLES, f)), db: sandbox.db },
    { config: sandbox.config, reference: loadReference(), logger: silentLogger() },
  );
});
afterAll(() => sandbox.cleanup());

const file = (name: string) => result.files.find((f) => f.file === name)!;
const reasons = async (name: string) => queryWarehouse<{ reason: string; n: number }>(sandbox.db,
  "SELECT regexp_replace(reason, ' \\(first at line \\d+\\)', '') AS reason, count(*)::INTEGER AS n FROM quarantine WHERE file_name = $name GROUP BY 1 ORDER BY n DESC", { name });

describe('dealls.csv (Dealls job board layout)', () => {
  it('loads every posting that can be placed in Indonesia once', async () => {
    const rows = sample('dealls.csv');
    const f = file('dealls.csv');
    expect(f).toMatchObject({ status: 'loaded', kind: 'vacancies', source: 'dealls', rows_read: rows.length });
    expect(f.rows_loaded + f.rows_quarantined).toBe(rows.length);
    const distinctUrls = new Set(rows.map((r) => r.job_url)).size;
    const byReason = Object.fromEntries((await reasons('dealls.csv')).map((r) => [r.reason, r.n]));
    expect(byReason['duplicate vacancy_id in this file']).toBe(rows.length - distinctUrls);
    const remoteOrCountry = rows.filter((r, i) => ['Remote', 'Indonesia'].includes(r.job_location) && rows.findIndex((x) => x.job_url === r.job_url) === i).length;
    // "Remote" and "Indonesia" are the whole country: national vacancies, in no province (before: 79 rows quarantined as unknown regions).
    expect(byReason['unknown region (not a province or regency of Indonesia)']).toBeUndefined();
    expect(f).toMatchObject({ rows_loaded: 2026, rows_quarantined: 273 });
    const [loaded] = await queryWarehouse<{ n: number; sidoarjo: number; no_province: number }>(sandbox.db,
      "SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE regency_code = '35.15')::INTEGER AS sidoarjo, count(*) FILTER (WHERE province_code IS NULL)::INTEGER AS no_province FROM vacancy WHERE source = 'dealls'");
    expect(loaded.n).toBe(f.rows_loaded);
    expect(loaded.sidoarjo).toBeGreaterThan(0);
    expect(remoteOrCountry).toBeGreaterThan(50);
    expect(loaded.no_province).toBe(remoteOrCountry);
  });

  it('reads dd/mm/yyyy hh:mm:ss first-seen dates and the job types of the board', async () => {
    const rows = await queryWarehouse<{ posted: string; types: string[] }>(sandbox.db,
      "SELECT min(posted_date)::VARCHAR AS posted, list(DISTINCT employment_type ORDER BY employment_type) AS types FROM vacancy WHERE source = 'dealls'");
    expect(rows[0].posted).toBe('2024-08-22');
    expect(rows[0].types).toEqual(['contract', 'full-time', 'internship', 'part-time']);
  });
});

describe('kalibrr.csv (postings mostly in the Philippines)', () => {
  it('quarantines the postings outside Indonesia as unknown regions', async () => {
    const f = file('kalibrr.csv');
    expect(f.rows_read).toBe(sample('kalibrr.csv').length);
    expect(f.rows_quarantined).toBeGreaterThan(f.rows_read * 0.9);
    const byReason = Object.fromEntries((await reasons('kalibrr.csv')).map((r) => [r.reason, r.n]));
    expect(byReason['unknown region (not a province or regency of Indonesia)']).toBeGreaterThan(1400);
    const places = await queryWarehouse<{ value: string }>(sandbox.db, "SELECT DISTINCT value FROM quarantine WHERE file_name = 'kalibrr.csv' AND column_name = 'location'");
    expect(places.map((p) => p.value)).toEqual(expect.arrayContaining(['Quezon', 'Pasig', 'Makati']));
    // "Contractual" is a contract (before: 38 rows quarantined as an unknown employment type).
    expect(byReason['unknown employment type (expected full-time, part-time, contract, apprenticeship or internship)']).toBeUndefined();
  });

  it('is a failed file: under half of it loads, so the run is partial and says why', () => {
    const f = file('kalibrr.csv');
    expect(f).toMatchObject({ status: 'failed', rows_loaded: 42, rows_quarantined: 1624, loaded_share: 0.0252 });
    expect(f.top_reasons[0]).toEqual({ reason: 'unknown region (not a province or regency of Indonesia)', rows: 1624 });
    expect(f.error).toMatch(/^kalibrr\.csv: only 42 of 1666 rows loaded \(2\.5 %, under the 50 % a file needs\); most quarantined for: unknown region/);
    expect(result.status).toBe('partial');
  });
});

describe('data_loker_clean.csv (Loker.id layout, a Python-list skills column, no ids or dates)', () => {
  it('loads every row and reads skills from the list column', async () => {
    const f = file('data_loker_clean.csv');
    expect(f).toMatchObject({ status: 'loaded', rows_read: 1986 });
    // 342 of the 1,986 rows list no skill at all ("[]"); every other row must get at least one.
    const listed = sample('data_loker_clean.csv').filter((r) => r.list_skill !== '[]').length;
    const [share] = await queryWarehouse<{ n: number }>(sandbox.db, "SELECT count(DISTINCT vacancy_id)::INTEGER AS n FROM vacancy_skill WHERE source = 'data_loker'");
    expect(share.n).toBe(listed);
    const [first] = await queryWarehouse<{ skills: string[] }>(sandbox.db,
      "SELECT list(skill_id ORDER BY skill_id) AS skills FROM vacancy_skill JOIN vacancy USING (source, vacancy_id) WHERE source = 'data_loker' AND job_title = 'Software Engineer (Back-end Engineer)' GROUP BY vacancy_id LIMIT 1");
    expect(first.skills).toEqual(expect.arrayContaining(['golang', 'java', 'linux', 'mysql', 'postgresql']));
    const education = await queryWarehouse<{ education_min: string }>(sandbox.db, "SELECT DISTINCT education_min FROM vacancy WHERE source = 'data_loker' ORDER BY 1");
    expect(education.map((e) => e.education_min)).toEqual(['D3', 'S1', 'unknown']);
  });
});

describe('mapping files', () => {
  it('refuse a mapping with an unknown column, naming the file and the key', () => {
    const dir = fs.mkdtempSync(path.join(sandbox.dir, 'maps-'));
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'source: bad\nkind: vacancies\nfiles: ["bad*.csv"]\ncolumns:\n  salary: gaji\n');
    expect(() => parseMapping(path.join(dir, 'bad.yaml'))).toThrow(MappingError);
    expect(() => parseMapping(path.join(dir, 'bad.yaml'))).toThrow(/bad\.yaml: columns\.salary: not a vacancies column/);
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'source: bad\nkind: jobs\nfiles: ["bad*.csv"]\n');
    expect(() => parseMapping(path.join(dir, 'bad.yaml'))).toThrow(/bad\.yaml: kind:/);
  });
});
