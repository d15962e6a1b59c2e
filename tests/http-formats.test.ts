// Every dataset in every format, read back with a real reader and compared with the API's
// JSON rows: DuckDB for CSV and Parquet, apache-arrow for Arrow, exceljs for Excel.
// Withheld cells are the same everywhere (null, or empty in CSV and Excel).
import fs from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS, publishedColumns } from '../core/datasets.ts';
import { rows } from '../core/duckdb.ts';
import { silentLogger } from '../core/log.ts';
import { openApi } from '../server/routes/api.ts';
import { startServer } from '../server/serve.ts';
import { openMemoryDb } from './helpers/duckdb.ts';
import { createSandbox, runSample, type Sandbox } from './helpers/pipeline.ts';

let sandbox: Sandbox;
let server: Awaited<ReturnType<typeof startServer>>;
let db: Awaited<ReturnType<typeof openMemoryDb>>;
const FILTER = 'period=2025-06&region=33';

beforeAll(async () => {
  sandbox = createSandbox();
  expect((await runSample(sandbox)).status).toBe('succeeded');
  server = await startServer({ db: sandbox.db, port: 0, minCell: 5, apiRateLimit: 100_000 }, silentLogger());
  db = await openMemoryDb();
}, 240_000);
afterAll(async () => { db?.close(); await server?.close(); sandbox?.cleanup(); });

const get = (p: string, headers: Record<string, string> = {}) => fetch(`${server.url}${p}`, { headers });

async function apiRows(name: string): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  let next: string | null = `/api/v1/${name}?${FILTER}&limit=1000`;
  while (next) {
    const page = await (await get(next)).json() as { rows: Record<string, unknown>[]; next: string | null };
    all.push(...page.rows);
    next = page.next;
  }
  return all;
}

async function download(name: string, format: string): Promise<string> {
  const res = await get(`/data/${name}.${format}?${FILTER}`);
  expect(res.status, `${name}.${format}`).toBe(200);
  const file = path.join(sandbox.dir, `${name}.${format}`);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

const asText = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'bigint' ? String(Number(v)) : String(v));
const asValue = (v: unknown) => (typeof v === 'bigint' ? Number(v) : v === undefined ? null : v);

describe.each(DATASETS.map((d) => [d.name]))('%s', (name) => {
  const columns = publishedColumns(DATASETS.find((d) => d.name === name)!).map((c) => c.name);
  let expected: Record<string, unknown>[];
  beforeAll(async () => { expected = await apiRows(name); });

  it('has rows to compare, some of them withheld where persons are counted', () => {
    if (!['upskilling-leverage', 'training-recommendations'].includes(name)) expect(expected.length).toBeGreaterThan(0);
    for (const row of expected) expect(Object.keys(row)).toEqual(columns);
  });

  it('reads back the same from CSV (DuckDB)', async () => {
    const file = await download(name, 'csv');
    const read = await rows(db.connection, 'SELECT * FROM read_csv($f, header = true, all_varchar = true, delim = \',\', quote = \'"\')', { f: file });
    expect(read.map((r) => columns.map((c) => (r[c] === null ? '' : r[c])))).toEqual(expected.map((r) => columns.map((c) => asText(r[c]))));
  });

  it('reads back the same from JSON', async () => {
    const file = await download(name, 'json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(expected);
  });

  it('reads back the same from Parquet (DuckDB)', async () => {
    const file = await download(name, 'parquet');
    const read = await rows(db.connection, 'SELECT * FROM read_parquet($f)', { f: file });
    expect(read.map((r) => columns.map((c) => asValue(r[c])))).toEqual(expected.map((r) => columns.map((c) => r[c])));
  });

  it('reads back the same from Arrow IPC (apache-arrow)', async () => {
    const file = await download(name, 'arrow');
    const table = tableFromIPC(fs.readFileSync(file));
    expect(table.schema.fields.map((f) => f.name)).toEqual(columns);
    const read = table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
    expect(read.map((r) => columns.map((c) => asValue(r[c])))).toEqual(expected.map((r) => columns.map((c) => r[c])));
  });

  it('reads back the same from Excel (exceljs), with a data dictionary sheet', async () => {
    const file = await download(name, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const [data, dictionary] = workbook.worksheets;
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(columns);
    const read: unknown[][] = [];
    data.eachRow((row, n) => { if (n > 1) read.push(columns.map((_, i) => { const v = row.getCell(i + 1).value; return v === null || v === undefined ? '' : v; })); });
    expect(read).toEqual(expected.map((r) => columns.map((c) => (r[c] === null ? '' : r[c]))));
    expect(dictionary.name).toBe('kamus_data');
    expect(dictionary.rowCount).toBe(columns.length + 1);
  });
});

describe('download details', () => {
  it('neutralises text a spreadsheet would run, in CSV', async () => {
    const { neutraliseFormula } = await import('../server/formats.ts');
    expect(neutraliseFormula("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(neutraliseFormula('+SUM(A1)')).toBe("'+SUM(A1)");
    expect(neutraliseFormula('Welder')).toBe('Welder');
  });

  it('gives Excel-friendly CSV with a BOM and semicolons, gzip when asked, and 304 for a current copy', async () => {
    const excel = Buffer.from(await (await get(`/data/labour-market-monthly.csv?${FILTER}&excel=1`)).arrayBuffer());
    expect(excel.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(excel.toString('utf8', 3, 40)).toMatch(/^period;region_code;region_name/);
    const gz = await get(`/data/labour-market-monthly.csv?${FILTER}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const first = await get(`/data/skill-gaps.parquet?${FILTER}`);
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();
    expect((await get(`/data/skill-gaps.parquet?${FILTER}`, { 'if-none-match': etag })).status).toBe(304);
  });
});

describe('the API', () => {
  it('pages with limit and cursor, selects fields and sorts by declared columns', async () => {
    const first = await (await get(`/api/v1/skill-gaps?${FILTER}&limit=3&fields=skill_id,demand&sort=-demand`)).json();
    expect(first.rows).toHaveLength(3);
    expect(Object.keys(first.rows[0])).toEqual(['skill_id', 'demand', 'withheld']);
    expect(first.rows[0].demand).toBeGreaterThanOrEqual(first.rows[1].demand);
    expect(first.total).toBeGreaterThan(3);
    const second = await (await get(first.next)).json();
    expect(second.rows[0].demand).toBeLessThanOrEqual(first.rows[2].demand);
    expect(second.rows[0].skill_id).not.toBe(first.rows[0].skill_id);
  });

  it.each([
    ['/api/v1/no-such', 404, null],
    ['/api/v1/skill-gaps?period=June', 400, 'period'],
    ['/api/v1/skill-gaps?limit=1001', 400, 'limit'],
    ['/api/v1/skill-gaps?sort=password', 400, 'sort'],
    ['/api/v1/skill-gaps?fields=nik', 400, 'fields'],
    ['/api/v1/skill-gaps?cursor=abc', 400, 'cursor'],
    ['/api/v1/skill-gaps?region=99', 404, 'region'],
    ['/data/skill-gaps.docx', 404, null],
  ])('%s → %i as JSON on the API', async (url, status, parameter) => {
    const res = await get(url);
    expect(res.status).toBe(status);
    if (url.startsWith('/api/')) expect(await res.json()).toMatchObject({ error: { status, parameter } });
  });

  it('allows reading from other origins', async () => {
    expect((await get(`/api/v1/labour-market-monthly?${FILTER}`)).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers every OpenAPI path as documented', async () => {
    const spec = await (await get('/api/v1/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    // the datasets, and the counsellor's desk (its answers: tests/match-desk-http.test.ts)
    expect(Object.keys(spec.paths)).toEqual([...DATASETS.map((d) => `/api/v1/${d.name}`), '/api/v1/match']);
    for (const [p, item] of Object.entries(spec.paths).filter(([p]) => p !== '/api/v1/match') as [string, { get: { responses: Record<string, { content?: Record<string, { schema: { required: string[]; properties: { rows: { items: { properties: Record<string, { type: string[] }> } } } } }> }> } }][]) {
      const res = await get(`${p}?${FILTER}&limit=5`);
      expect(res.status, p).toBe(200);
      const body = await res.json();
      const schema = item.get.responses['200'].content!['application/json'].schema;
      for (const key of schema.required) expect(body, `${p} ${key}`).toHaveProperty(key);
      for (const row of body.rows) {
        for (const [column, def] of Object.entries(schema.properties.rows.items.properties)) {
          const type = row[column] === null ? 'null' : Number.isInteger(row[column]) && def.type.includes('integer') ? 'integer' : typeof row[column];
          expect(def.type, `${p} ${column}`).toContain(type === 'number' && def.type.includes('integer') ? 'integer' : type);
        }
      }
    }
    expect(openApi('http://x').paths).toEqual(spec.paths);
  });

  it('limits each client with a clear 429', async () => {
    const small = await startServer({ db: sandbox.db, port: 0, minCell: 5, apiRateLimit: 2 }, silentLogger());
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${small.url}/api/v1/labour-market-monthly?${FILTER}`)).status);
      expect(statuses).toEqual([200, 200, 429]);
      const res = await fetch(`${small.url}/api/v1/labour-market-monthly?${FILTER}`);
      expect(await res.json()).toMatchObject({ error: { status: 429, message: expect.stringMatching(/at most 2 a minute/) } });
    } finally {
      await small.close();
    }
  });
});

describe('catalogue, data packages and the bundle', () => {
  it('lists every dataset with grain, columns, row count, privacy rule, source, licence and links, in both languages', async () => {
    const id = await (await get('/data')).text();
    expect(id).toContain('<html lang="id">');
    for (const d of DATASETS) {
      expect(id).toContain(`href="/data/${d.name}.parquet"`);
      expect(id).toContain(`href="/data/${d.name}/datapackage.json"`);
      expect(id).toContain(d.title.id);
    }
    expect(id).toContain('Kerahasiaan');
    expect(id).toContain('Creative Commons Attribution 4.0');
    const en = await (await get('/data?lang=en')).text();
    expect(en).toContain('Confidentiality');
    expect(en).toContain(DATASETS[1].columns[4].description.en.replace(/&/g, '&amp;'));
  });

  it('serves a datapackage.json per dataset that validates against the Frictionless tabular-data-package profile', async () => {
    const { validate } = await import('datapackage');
    for (const d of DATASETS) {
      const descriptor = await (await get(`/data/${d.name}/datapackage.json`)).json();
      const { valid, errors } = await validate(descriptor);
      expect(errors.map(String), d.name).toEqual([]);
      expect(valid).toBe(true);
      expect(descriptor.resources[0].schema.fields.map((f: { name: string }) => f.name)).toEqual(publishedColumns(d).map((c) => c.name));
    }
  });

  it('bundles all datasets as CSVs with the dictionary and a valid datapackage.json', async () => {
    const JSZip = (await import('jszip')).default;
    const res = await get('/data/sinergi-datasets.zip');
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    expect(Object.keys(zip.files).sort()).toEqual(['data_dictionary.csv', 'datapackage.json', ...DATASETS.map((d) => `${d.name}.csv`)].sort());
    const { validate } = await import('datapackage');
    expect((await validate(JSON.parse(await zip.file('datapackage.json')!.async('string')))).valid).toBe(true);
    const csv = await zip.file('labour-market-monthly.csv')!.async('string');
    expect(csv.split('\n')[0]).toBe(publishedColumns(DATASETS[0]).map((c) => c.name).join(','));
    expect(csv.trim().split('\n').length).toBe(1 + 24 * 553);
  }, 180_000);

  it('has a human page for the API', async () => {
    const html = await (await get('/api/v1')).text();
    expect(html).toContain('openapi.json');
    for (const d of DATASETS) expect(html).toContain(`GET /api/v1/${d.name}`);
  });
});
