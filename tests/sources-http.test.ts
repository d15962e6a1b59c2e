// The sources dataset on /admin, the catalogue and the API (issue 16), over the two-source fixture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { silentLogger } from '../core/log.ts';
import { createApp } from '../server/app.ts';
import { createWarehouseReader } from '../server/warehouse.ts';
import { parsePage } from './helpers/html.ts';
import { JOBBOARD, KARIRHUB, sourceCsv } from './helpers/duplicates.ts';
import { createSandbox, runFiles, type Sandbox } from './helpers/pipeline.ts';

const TOKEN = 'admin-token-for-tests-0123456789';
let sandbox: Sandbox;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  sandbox = createSandbox();
  await runFiles(sandbox, { 'lowongan_karirhub.csv': sourceCsv('karirhub', KARIRHUB), 'lowongan_jobboard.csv': sourceCsv('jobboard', JOBBOARD) });
  const warehouse = createWarehouseReader(sandbox.db, silentLogger());
  const app = createApp({
    warehouse, minCell: 5, logger: silentLogger(),
    admin: { token: TOKEN, inbox: path.join(sandbox.dir, 'inbox'), runsDir: path.join(path.dirname(sandbox.db), 'runs'), runNow: async () => {} },
  });
  const server = await new Promise<import('node:http').Server>((resolve) => { const s = app.listen(0, () => resolve(s)); });
  url = `http://localhost:${(server.address() as { port: number }).port}`;
  close = () => new Promise((resolve) => server.close(() => { warehouse.close().then(resolve, resolve); }));
});
afterAll(async () => { await close(); sandbox.cleanup(); });

describe('sources', () => {
  it('are listed on /admin with what each brought and how much of it is counted', async () => {
    const login = await fetch(`${url}/admin/login`, { method: 'POST', body: new URLSearchParams({ token: TOKEN }), redirect: 'manual' });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const res = await fetch(`${url}/admin?lang=en`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const page = parsePage(await res.text());
    const table = page.querySelector('#sources table')!;
    const cells = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    // all months: karirhub K1–K9 (9 records, 9 counted); jobboard J1–J9 (9 records, J1, J2, J7 not counted: 3/9)
    expect(cells.map((c) => c.slice(0, 4))).toEqual([['jobboard', '9', '6', '33.3%'], ['karirhub', '9', '9', '0.0%']]);
    expect(page.querySelector('#sources a')?.getAttribute('href')).toBe('/data#sources');
  });

  it('is a dataset of the catalogue and the API', async () => {
    const catalogue = parsePage(await (await fetch(`${url}/data?lang=en`)).text());
    expect(catalogue.querySelector('section#sources h2')?.textContent).toContain('Data sources');
    const api = await (await fetch(`${url}/api/v1/sources?period=2025-05&region=ID`)).json() as { rows: Record<string, unknown>[] };
    expect(api.rows).toEqual([expect.objectContaining({ source: 'jobboard', vacancies_loaded: 1, openings_loaded: 1, share_duplicates: 0 })]);
  });

  it('and the duplicate rule are explained on the methodology page, in both languages', async () => {
    const en = parsePage(await (await fetch(`${url}/methodology?lang=en`)).text()).querySelector('section#duplicates')!;
    expect(en.querySelector('h2')!.textContent).toBe('Duplicate vacancies and sources');
    const text = en.textContent!;
    for (const phrase of ['share the place', 'two different employers are never duplicates', 'the earliest posted represents it',
      'a placement into any record of a group is a placement into its representative', 'The sources dataset gives, per source and month of posting',
      'seen on another source', 'on the overview, skills, gaps and occupations pages']) expect(text, phrase).toContain(phrase);
    expect(en.querySelector('.formula')!.textContent).toContain('windows overlap (± 14 days)');
    const id = parsePage(await (await fetch(`${url}/methodology?lang=id`)).text()).querySelector('section#duplicates')!;
    expect(id.querySelector('h2')!.textContent).toBe('Lowongan ganda dan sumber data');
    expect(id.textContent).toContain('Dataset sumber data memberikan, per sumber dan bulan posting');
  });
});
