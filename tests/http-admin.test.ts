// /admin for the PES operator: off without a token; token sign-in; runs with their counts;
// the quarantine browser shows hostile text as text; uploads are type-checked and
// size-limited and land in the inbox; "run now" starts the injected run once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/log.ts';
import { createApp } from '../server/app.ts';
import { startServer } from '../server/serve.ts';
import { createWarehouseReader } from '../server/warehouse.ts';
import { parsePage } from './helpers/html.ts';
import { createSandbox, runFiles, vacanciesCsv, type Sandbox } from './helpers/pipeline.ts';

const TOKEN = 'admin-token-for-tests-0123456789';
let sandbox: Sandbox;
let url: string;
let close: () => Promise<void>;
let runs = 0;
let inbox: string;

beforeAll(async () => {
  sandbox = createSandbox();
  inbox = path.join(sandbox.dir, 'inbox');
  await runFiles(sandbox, { 'vacancies.csv': vacanciesCsv([{ posted_date: '2025-03-03' }, { vacancy_id: 'BAD', posted_date: '<script>alert(1)</script>' }]) });
  const warehouse = createWarehouseReader(sandbox.db, silentLogger());
  const app = createApp({
    warehouse, minCell: 5, logger: silentLogger(),
    admin: { token: TOKEN, inbox, runsDir: path.join(path.dirname(sandbox.db), 'runs'), runNow: async () => { runs++; }, uploadLimitBytes: 64 * 1024 },
  });
  const server = await new Promise<import('node:http').Server>((resolve) => { const s = app.listen(0, () => resolve(s)); });
  url = `http://localhost:${(server.address() as { port: number }).port}`;
  close = () => new Promise((resolve) => server.close(() => { warehouse.close().then(resolve, resolve); }));
});
afterAll(async () => { await close(); sandbox.cleanup(); });

async function signIn(): Promise<string> {
  const res = await fetch(`${url}/admin/login`, { method: 'POST', body: new URLSearchParams({ token: TOKEN }), redirect: 'manual' });
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie')!.split(';')[0];
}

async function adminPage(cookie: string, query = ''): Promise<Document> {
  const res = await fetch(`${url}/admin${query}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return parsePage(await res.text());
}

describe('/admin', () => {
  it('is off (404) when no admin token is configured', async () => {
    const bare = await startServer({ db: sandbox.db, port: 0, minCell: 5 }, silentLogger());
    try {
      const res = await fetch(`${bare.url}/admin`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('SINERGI_ADMIN_TOKEN');
    } finally { await bare.close(); }
  });

  it('asks for the token (401 with a sign-in form) and refuses a wrong one', async () => {
    const res = await fetch(`${url}/admin`);
    expect(res.status).toBe(401);
    expect(parsePage(await res.text()).querySelector('form[action="/admin/login"] input[type="password"]')).toBeTruthy();
    const wrong = await fetch(`${url}/admin/login`, { method: 'POST', body: new URLSearchParams({ token: 'nope' }), redirect: 'manual' });
    expect(wrong.status).toBe(401);
  });

  it('shows the runs with rows read, loaded and quarantined, and the quarantine with hostile text escaped', async () => {
    const cookie = await signIn();
    expect(cookie).toMatch(/^sinergi_admin=/);
    const res = await fetch(`${url}/admin`, { headers: { cookie } });
    const html = await res.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const document = parsePage(html);
    const run = document.querySelector('.run-record tbody tr')!;
    // Statuses and reasons are stored as codes and shown in the page language.
    expect([...run.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['vacancies.csv', 'dimuat', '2', '1', '1', '']);
    const quarantined = [...document.querySelectorAll('section.section')].at(-1)!.querySelector('tbody tr')!;
    expect(quarantined.querySelectorAll('td')[2].textContent).toBe('posted_date');
    expect(quarantined.querySelector('code')!.textContent).toBe('<script>alert(1)</script>');
    expect(quarantined.querySelectorAll('td')[4].textContent).toBe('tanggal tidak valid (diharapkan yyyy-mm-dd, dd/mm/yyyy atau nomor tanggal Excel)');
  });

  it('shows the share of titles coded at high confidence under its own name, in both languages', async () => {
    const cookie = await signIn();
    const coverage = async (lang: string) => (await adminPage(cookie, `?lang=${lang}`)).querySelector('p.coverage')!.textContent!;
    expect(await coverage('id')).toContain('judul terkode dengan keyakinan tinggi 100');
    expect(await coverage('en')).toContain('titles coded at high confidence 100');
  });

  it('takes an extract into the inbox, refusing other types, lying content, oversized files and forms without the CSRF token', async () => {
    const cookie = await signIn();
    const csrf = (await adminPage(cookie)).querySelector('input[name="csrf"]')!.getAttribute('value')!;
    const send = (name: string, content: string, token = csrf) => {
      const form = new FormData();
      form.set('csrf', token);
      form.set('extract', new Blob([content]), name);
      return fetch(`${url}/admin/upload`, { method: 'POST', body: form, headers: { cookie }, redirect: 'manual' });
    };
    const ok = await send('../../lowongan maret.csv', 'vacancy_id,posted_date\nV1,2025-03-01\n');
    expect(ok.status).toBe(303);
    expect(fs.readdirSync(inbox)).toContain('lowongan_maret.csv');
    expect((await adminPage(cookie, '?uploaded=lowongan_maret.csv')).querySelector('.notice')?.textContent).toContain('lowongan_maret.csv');
    for (const [name, content, message] of [
      ['payload.exe', 'MZ', 'not an extract type'],
      ['fake.xlsx', 'vacancy_id\nV1\n', 'does not contain what its name says'],
      ['fake.parquet', 'PAR0', 'does not contain what its name says'],
      ['big.csv', 'x'.repeat(70 * 1024), 'larger than the upload limit'],
    ] as const) {
      const res = await send(name, content);
      expect(res.status, name).toBe(400);
      expect(await res.text()).toContain(message);
    }
    expect((await send('late.csv', 'a\n1\n', 'forged')).status).toBe(403);
    expect(fs.readdirSync(inbox).filter((f) => !f.startsWith('.'))).toEqual(['lowongan_maret.csv']);
    // Nothing refused stays behind in the upload folder, the forged form included.
    expect(fs.readdirSync(path.join(inbox, '.uploading'))).toEqual([]);
    const anonymous = new FormData();
    anonymous.set('extract', new Blob(['a\n']), 'x.csv');
    expect((await fetch(`${url}/admin/upload`, { method: 'POST', body: anonymous })).status).toBe(401);
  });

  it('"run now" starts one run of the inbox', async () => {
    const cookie = await signIn();
    const csrf = (await adminPage(cookie)).querySelector('form[action="/admin/run"] input[name="csrf"]')!.getAttribute('value')!;
    const before = runs;
    const res = await fetch(`${url}/admin/run`, { method: 'POST', body: new URLSearchParams({ csrf }), headers: { cookie }, redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin?started=1');
    expect(runs).toBe(before + 1);
  });

  it('answers a page number JavaScript reads as 1e20 with a 400, not a 500', async () => {
    const cookie = await signIn();
    for (const page of ['1e20', '100000000000000000000', '0', '-1', '1.5']) {
      const res = await fetch(`${url}/admin?page=${page}&lang=en`, { headers: { cookie } });
      expect(res.status, page).toBe(400);
      expect(await res.text()).toContain('invalid page');
    }
    expect((await fetch(`${url}/admin?page=2`, { headers: { cookie } })).status).toBe(200);
  });

  it('shows a truncated run record as unreadable instead of failing the page', async () => {
    const cookie = await signIn();
    const runsDir = path.join(path.dirname(sandbox.db), 'runs');
    const good = fs.readdirSync(runsDir).find((f) => f.endsWith('.json'))!;
    const text = fs.readFileSync(path.join(runsDir, good), 'utf8');
    const broken = path.join(runsDir, '29991231T000000-cut.json');
    fs.writeFileSync(broken, text.slice(0, Math.floor(text.length / 2)));
    try {
      const res = await fetch(`${url}/admin?lang=en`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('the run record cannot be read: it is incomplete or damaged (runs/29991231T000000-cut.json');
      expect(html).toContain(good.replace(/\.json$/, ''));
    } finally {
      fs.rmSync(broken);
    }
  });

  it('writes run records whole: no temporary file is left and each record parses', () => {
    const runsDir = path.join(path.dirname(sandbox.db), 'runs');
    const names = fs.readdirSync(runsDir);
    expect(names.filter((f) => !f.endsWith('.json'))).toEqual([]);
    for (const f of names) expect(JSON.parse(fs.readFileSync(path.join(runsDir, f), 'utf8')).run_id).toBe(f.replace(/\.json$/, ''));
  });
});
