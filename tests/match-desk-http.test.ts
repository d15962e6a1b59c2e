// The counsellor's desk over HTTP on a register small enough to work out by hand: the
// page and the API give the qualified vacancies, near misses with the missing skill, the
// skills and programmes that open more; bad input is a readable 400; the privacy promises
// hold (no-store, no page-cache entry, nothing typed in any log line); staff and off modes.
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp } from '../server/app.ts';
import { createPageCache } from '../server/cache.ts';
import { createWarehouseReader } from '../server/warehouse.ts';
import { parsePage, tableRows } from './helpers/html.ts';
import { createSandbox, runFiles, vacanciesCsv, type Sandbox } from './helpers/pipeline.ts';

let sandbox: Sandbox;
const servers: Server[] = [];
const readers: ReturnType<typeof createWarehouseReader>[] = [];
const logLines: string[] = [];
const cache = createPageCache();
let url = '';

const TOKEN = 'staff-token-0123456789';

async function serve(options: Partial<Parameters<typeof createApp>[0]> = {}): Promise<string> {
  const sink = new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } });
  const logger = pino({ level: 'trace' }, sink);
  const warehouse = createWarehouseReader(sandbox.db, logger);
  readers.push(warehouse);
  const app = createApp({ warehouse, minCell: 5, logger, cache, ...options });
  const server = await new Promise<Server>((resolve) => { const s = app.listen(0, () => resolve(s)); });
  servers.push(server);
  const address = server.address();
  return `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
}

beforeAll(async () => {
  sandbox = createSandbox();
  // Province 32 in March 2025, for a job seeker with SMK and welding, SMAW welding, technical drawing:
  const vacancies = vacanciesCsv([
    { vacancy_id: 'V1', job_title: 'Tukang Las SMAW', skills: 'welding; welding-smaw', openings: '3' },                                    // 2/2: qualified
    { vacancy_id: 'V2', job_title: 'Fabrikator Las', skills: 'welding; welding-smaw; technical-drawing; metal-fabrication' },              // 3/4 < 0.8, 4/4 with one more: near miss
    { vacancy_id: 'V3', job_title: 'Insinyur Las', skills: 'welding', education_min: 'S1' },                                               // education not met
    { vacancy_id: 'V4', job_title: 'Tukang Las Surabaya', skills: 'welding', province_code: '35', regency_code: '35.78' },               // other province
    { vacancy_id: 'V5', job_title: 'Analis Data', skills: 'python; sql' },                                                                  // shares nothing, needs 2
    { vacancy_id: 'V6', job_title: 'Admin Gudang', skills: 'microsoft-excel', regency_code: '32.01' },                                     // one skill lacked: near miss
    { vacancy_id: 'V7', job_title: 'Juru Gambar', skills: 'technical-drawing; communication', regency_code: '32.01', openings: '2' },      // communication is transversal: 1/1
  ]);
  const seekers = 'seeker_id,registered_date,province_code,regency_code,education_level,skills\nS1,2025-03-01,32,32.73,SMK,welding\n';
  expect((await runFiles(sandbox, { 'vacancies.csv': vacancies, 'seekers.csv': seekers })).status).toBe('succeeded');
  url = await serve();
}, 120_000);
afterAll(async () => {
  for (const s of servers) await new Promise((resolve) => s.close(resolve));
  for (const r of readers) await r.close();
  sandbox.cleanup();
});

const PROFILE = 'skills=las%2C+SMAW%0Amenggambar+teknik%2C+blabla+xyzzy&education=SMK&region=32&period=2025-03';

describe('/api/v1/match', () => {
  it('gives the qualified vacancies, the near misses with the missing skill, and what would open more', async () => {
    const res = await fetch(`${url}/api/v1/match?${PROFILE}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body.period).toBe('2025-03');
    expect(body.theta).toBe(0.8);
    expect(body.profile.recognised.map((r: { skills: { skill_id: string }[] }) => r.skills[0].skill_id)).toEqual(['welding', 'welding-smaw', 'technical-drawing']);
    expect(body.profile.unrecognised.map((u: { input: string }) => u.input)).toEqual(['blabla xyzzy']);
    expect(body.active_vacancies).toBe(6);
    expect(body.qualified.rows.map((v: { vacancy_id: string }) => v.vacancy_id)).toEqual(['V1', 'V7']);
    expect(body.qualified.rows[0]).toMatchObject({ job_title: 'Tukang Las SMAW', openings: 3, coverage: 1, shared_skills: 2, required_skills: 2, regency_code: '32.73', posted_date: '2025-03-03' });
    expect(body.near_misses.total).toBe(2);
    expect(body.near_misses.rows.map((v: { vacancy_id: string; missing_skills: string[] }) => [v.vacancy_id, v.missing_skills])).toEqual([['V2', ['metal-fabrication']], ['V6', ['microsoft-excel']]]);
    expect(body.unlocking_skills).toEqual([
      { skill_id: 'metal-fabrication', vacancies_unlocked: 1, openings_unlocked: 1 },
      { skill_id: 'microsoft-excel', vacancies_unlocked: 1, openings_unlocked: 1 },
    ]);
    const gmaw = body.programmes.find((p: { programme_id: string }) => p.programme_id === 'las-gmaw-3g');
    expect(gmaw).toMatchObject({ hours: 240, vacancies_unlocked: 1 });
    expect(gmaw.vacancies_unlocked_per_100h).toBeCloseTo(100 / 240, 10);
    expect(body.programmes.some((p: { programme_id: string }) => p.programme_id === 'las-smaw-3g')).toBe(false); // teaches nothing V2 lacks
  });

  it('searches a regency only when one is chosen, and the whole country with region=ID', async () => {
    const regency = await (await fetch(`${url}/api/v1/match?skills=welding,technical-drawing,welding-smaw&education=SMK&region=32.73&period=2025-03`)).json();
    expect(regency.qualified.rows.map((v: { vacancy_id: string }) => v.vacancy_id)).toEqual(['V1']);
    const national = await (await fetch(`${url}/api/v1/match?skills=welding&education=SMK&region=ID&period=2025-03`)).json();
    expect(national.qualified.rows.map((v: { vacancy_id: string }) => v.vacancy_id).sort()).toEqual(['V4']);
    const s1 = await (await fetch(`${url}/api/v1/match?skills=welding&education=Sarjana&period=2025-03`)).json();
    expect(s1.qualified.rows.map((v: { vacancy_id: string }) => v.vacancy_id).sort()).toEqual(['V3', 'V4']);
  });

  it('pages the qualified vacancies with limit and cursor', async () => {
    const first = await (await fetch(`${url}/api/v1/match?${PROFILE}&limit=1`)).json();
    expect(first.qualified.rows.map((v: { vacancy_id: string }) => v.vacancy_id)).toEqual(['V1']);
    expect(first.qualified.next).toMatch(/cursor=/);
    const second = await (await fetch(`${url}${first.qualified.next}`)).json();
    expect(second.qualified.rows.map((v: { vacancy_id: string }) => v.vacancy_id)).toEqual(['V7']);
    expect(second.qualified.next).toBeNull();
  });

  it.each([
    ['', 'skills'],
    ['skills=&education=SMK', 'skills'],
    [`skills=${Array.from({ length: 51 }, (_, i) => `skill${i}`).join(',')}&education=SMK`, 'skills'],
    ['skills=las&education=PhD-ish', 'education'],
    ['skills=las', 'education'],
    ['skills=las&education=SMK&region=Atlantis', 'region'],
    ['skills=las&education=SMK&region=99', 'region'],
    ['skills=las&education=SMK&period=2031-01', 'period'],
    ['skills=las&education=SMK&limit=5000', 'limit'],
    ['skills=las&education=SMK&sort=salary;drop', 'sort'],
    ['skills=las&education=SMK&colour=red', 'colour'],
  ])('?%s is a 400 naming %s', async (query, parameter) => {
    const res = await fetch(`${url}/api/v1/match?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await res.json()).error).toMatchObject({ status: 400, parameter });
  });

  it('is described in the OpenAPI document and on /api/v1', async () => {
    const doc = await (await fetch(`${url}/api/v1/openapi.json`)).json();
    const op = doc.paths['/api/v1/match'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['skills', 'education', 'region', 'regency', 'period', 'limit', 'cursor']));
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '429']));
    expect(await (await fetch(`${url}/api/v1?lang=en`)).text()).toContain('GET /api/v1/match');
  });
});

describe('/match', () => {
  it('shows the recognised and unrecognised skills, the vacancies and the near misses, in Bahasa Indonesia', async () => {
    const res = await fetch(`${url}/match?${PROFILE}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const document = parsePage(html);
    expect(document.querySelector('h1')?.textContent).toContain('Meja konselor');
    expect(document.querySelector('textarea[name="skills"]')?.textContent).toContain('menggambar teknik');
    const recognised = [...document.querySelectorAll('.skill-list:not(.unknown) li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(recognised).toEqual(['las → Pengelasan', 'SMAW → Las SMAW', 'menggambar teknik → Gambar Teknik']);
    expect(document.querySelector('.skill-list.unknown li')?.textContent).toContain('blabla xyzzy');
    const [qualified, near, unlocking] = [...document.querySelectorAll('section.section table')];
    expect(tableRows(qualified).map((r) => r[0])).toEqual(['Tukang Las SMAW', 'Juru Gambar']);
    expect(tableRows(qualified)[0][4]).toBe('3');
    expect(tableRows(qualified)[0][9]).toBe('100% (2/2)');
    expect(tableRows(near).map((r) => [r[0], r.at(-1)])).toEqual([['Fabrikator Las', 'Fabrikasi Logam'], ['Admin Gudang', 'Microsoft Excel']]);
    expect(tableRows(unlocking).map((r) => r[0])).toEqual(['Fabrikasi Logam', 'Microsoft Excel']);
    expect(document.querySelector('a.print-link')?.getAttribute('href')).toMatch(/^\/match\/print\?/);
    expect(document.querySelector('nav a[href="/match"]')?.getAttribute('aria-current')).toBe('page');
  });

  it('sorts by links and pages without JavaScript', async () => {
    const document = parsePage(await (await fetch(`${url}/match?${PROFILE}&sort=openings`)).text());
    const links = [...document.querySelectorAll('.sort-links a')].map((a) => a.getAttribute('href'));
    expect(links.every((href) => href?.startsWith('/match?') && href.includes('sort='))).toBe(true);
    expect(document.querySelector('.sort-links strong')?.textContent).toBe('formasi');
    expect(tableRows(document.querySelector('section.section table')!).map((r) => r[0])).toEqual(['Tukang Las SMAW', 'Juru Gambar']);
  });

  it('an empty form is the form, not an error; bad input is a 400 page with the message', async () => {
    const blank = await fetch(`${url}/match`);
    expect(blank.status).toBe(200);
    expect(parsePage(await blank.text()).querySelector('form.match-form datalist option')).toBeTruthy();
    for (const [query, text] of [['skills=&education=SMK', 'at least one skill'], [`skills=${Array.from({ length: 60 }, (_, i) => `s${i}`).join('%2C')}&education=SMK`, 'at most 50'], ['skills=las&education=XYZ', 'unknown education'], ['skills=las&education=SMK&region=Narnia', 'unknown region']]) {
      const res = await fetch(`${url}/match?${query}&lang=en`);
      expect(res.status, query).toBe(400);
      const document = parsePage(await res.text());
      expect(document.querySelector('.problem')?.textContent, query).toContain(text);
      expect(document.querySelector('form.match-form'), query).toBeTruthy();
    }
  });

  it('has an English page and a print view', async () => {
    const en = parsePage(await (await fetch(`${url}/match?${PROFILE}&lang=en`)).text());
    expect(en.querySelector('h1')?.textContent).toContain("Counsellor's desk");
    const print = await fetch(`${url}/match/print?${PROFILE}&lang=en`);
    expect(print.status).toBe(200);
    expect(print.headers.get('cache-control')).toBe('no-store');
    const document = parsePage(await print.text());
    expect(document.querySelector('.match-print h1')?.textContent).toBe('Vacancies and training for you');
    expect(document.querySelector('.match-print')?.textContent).toContain('Welding');
    expect(tableRows(document.querySelector('.match-print table')!).map((r) => r[0])).toEqual(['Tukang Las SMAW', 'Juru Gambar']);
  });
});

describe('privacy', () => {
  it('nothing typed reaches a log line or the page cache', async () => {
    const marker = 'zebracorn-welding-secret';
    const before = cache.size;
    logLines.length = 0;
    await fetch(`${url}/match?skills=${marker}%2Clas&education=SMK`);
    await fetch(`${url}/api/v1/match?skills=${marker},las&education=SMK`);
    await fetch(`${url}/api/v1/match?skills=${marker}&education=${marker}`);
    await fetch(`${url}/match/print?skills=${marker}&education=SMK`);
    expect(cache.size).toBe(before);
    expect(logLines.join('\n')).not.toContain(marker);
    expect(logLines.join('\n')).not.toContain('zebracorn');
  });
});

describe('SINERGI_MATCH_DESK', () => {
  it('staff: a 401 until signed in with the admin token; off: 404', async () => {
    const staff = await serve({ matchDesk: 'staff', adminToken: TOKEN });
    expect((await fetch(`${staff}/api/v1/match?skills=las&education=SMK`)).status).toBe(401);
    const page = await fetch(`${staff}/match?skills=las&education=SMK`);
    expect(page.status).toBe(401);
    expect(parsePage(await page.text()).querySelector('.notice a[href="/admin"]')).toBeTruthy();
    const signed = await fetch(`${staff}/api/v1/match?skills=las,smaw&education=SMK&period=2025-03&region=32`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(signed.status).toBe(200);
    expect((await signed.json()).qualified.total).toBeGreaterThan(0);
    const off = await serve({ matchDesk: 'off' });
    expect((await fetch(`${off}/match`)).status).toBe(404);
    expect((await fetch(`${off}/api/v1/match?skills=las&education=SMK`)).status).toBe(404);
  });
});
