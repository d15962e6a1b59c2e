// The dashboards as a client sees them over HTTP, on the shipped sample: every page answers
// in Bahasa Indonesia (English on request, remembered), with charts that have marks, the
// table behind each chart and a download of exactly those rows; headline figures equal the
// published dataset; bad filters are a readable 400 page and unknown codes a 404.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { silentLogger } from '../core/log.ts';
import { startServer } from '../server/serve.ts';
import { headline, parsePage, tableRows } from './helpers/html.ts';
import { createSandbox, runSample, type Sandbox } from './helpers/pipeline.ts';

let sandbox: Sandbox;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  sandbox = createSandbox();
  await runSample(sandbox);
  server = await startServer({ db: sandbox.db, port: 0, minCell: 5 }, silentLogger());
});
afterAll(async () => { await server.close(); sandbox.cleanup(); });

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });
const page = async (path: string, headers: Record<string, string> = {}) => {
  const res = await get(path, headers);
  const html = await res.text();
  return { res, html, document: parsePage(html) };
};
const csv = async (href: string) => {
  const res = await get(href);
  expect(res.status, href).toBe(200);
  return parse(await res.text(), { columns: true }) as Record<string, string>[];
};
const idNumber = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

export const PAGE_PATHS = ['/', '/skills', '/gaps', '/regions', '/regions/32', '/regions/32.73', '/occupations', '/occupations/72', '/matching', '/training', '/seekers'];

describe('every dashboard page', () => {
  it.each(PAGE_PATHS)('%s: 200 in Bahasa Indonesia, charts with marks, the table behind each and a download of exactly its rows', async (path) => {
    const { res, html, document } = await page(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('<html lang="id">');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const figures = [...document.querySelectorAll('figure.figure')];
    expect(figures.length).toBeGreaterThan(0);
    let drawn = 0;
    for (const figure of figures) {
      expect(figure.querySelector('h2')?.textContent?.trim()).toBeTruthy();
      expect(figure.querySelector('figcaption')?.textContent?.trim()).toBeTruthy();
      const svg = figure.querySelector('svg.plot');
      if (svg) {
        expect(svg.getAttribute('role')).toBe('img');
        expect(svg.getAttribute('aria-label')).toBeTruthy();
        expect(svg.querySelectorAll('rect, circle, path').length).toBeGreaterThan(0);
        drawn++;
      }
      const table = figure.querySelector('details table');
      expect(table, `table behind ${figure.id}`).toBeTruthy();
      const link = figure.querySelector('.downloads a[href^="/data/"]');
      expect(link, `download link of ${figure.id}`).toBeTruthy();
      // Demand by skill group is summed from the skill rows its link downloads.
      if (figure.id !== 'fig-skill-groups') {
        const rows = await csv(link!.getAttribute('href')!);
        const shown = tableRows(table!);
        const links = [...figure.querySelectorAll('.downloads li')].length;
        if (links === 1) expect(rows.length, `${path} ${figure.id}`).toBe(shown.length);
      }
    }
    expect(drawn).toBeGreaterThan(0);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/<style|\sstyle="/);
  });

  it('/methodology renders the definitions with the constants the warehouse was built with, in both languages', async () => {
    const id = await page('/methodology');
    expect(id.res.status).toBe(200);
    expect(id.document.querySelectorAll('section.definition').length).toBeGreaterThanOrEqual(6);
    expect(id.html).toContain('0,80');
    expect(id.html).toContain('Pencocokan berbasis keterampilan');
    const en = await page('/methodology?lang=en');
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('Skill-based matching');
  });
});

describe('the figures are the published numbers', () => {
  it('the overview headlines equal labour-market-monthly for the latest month, and change with the region filter', async () => {
    const national = await page('/');
    const [latest] = (await csv('/data/labour-market-monthly.csv?region=ID&sort=-period&limit=1'));
    expect(headline(national.document, 'Lowongan aktif (formasi)')).toBe(idNumber.format(Number(latest.active_openings)));
    expect(headline(national.document, 'Pencari kerja aktif')).toBe(idNumber.format(Number(latest.active_applicants)));
    const west = await page(`/?period=${latest.period}&region=32`);
    const [jabar] = await csv(`/data/labour-market-monthly.csv?region=32&period=${latest.period}`);
    expect(headline(west.document, 'Lowongan aktif (formasi)')).toBe(idNumber.format(Number(jabar.active_openings)));
    expect(Number(jabar.active_openings)).toBeLessThan(Number(latest.active_openings));
    expect(west.document.querySelector('#f-region option[selected]')?.getAttribute('value')).toBe('32');
  });

  it('the top shortages are the shortage rows with the highest imbalance index', async () => {
    const { document } = await page('/?period=2025-06&region=32');
    const rows = tableRows(document.querySelector('#fig-shortages details table')!);
    const expected = (await csv('/data/skill-gaps.csv?period=2025-06&region=32'))
      .filter((r) => r.status === 'shortage').sort((a, b) => Number(b.imbalance_index) - Number(a.imbalance_index)).slice(0, 10);
    expect(rows.map((r) => r[0])).toEqual(expected.map((r) => r.skill_label_id));
    expect(rows.length).toBe(10);
  });

  it('a withheld count shows as — and never as a number', async () => {
    const { document } = await page('/regions/32?period=2025-06');
    const rows = tableRows(document.querySelector('#fig-regencies details table')!);
    const published = await csv('/data/labour-market-monthly.csv?period=2025-06&parent=32');
    for (const row of published) {
      const shown = rows.find((r) => r[0] === row.region_name)!;
      expect(shown[2]).toBe(row.active_applicants === '' ? '—' : idNumber.format(Number(row.active_applicants)));
    }
  });
});

describe('language', () => {
  it('English with ?lang=en, remembered in a cookie, and back', async () => {
    const en = await get('/gaps?lang=en');
    expect(await en.text()).toContain('<html lang="en">');
    const cookie = en.headers.get('set-cookie')!;
    expect(cookie).toMatch(/sinergi_lang=en/);
    const again = await (await get('/gaps', { cookie: cookie.split(';')[0] })).text();
    expect(again).toContain('<html lang="en">');
    expect(again).toContain('Skill gaps');
    expect(parsePage(again).querySelector('a.lang')?.getAttribute('href')).toBe('/gaps?lang=id');
    const back = await (await get('/gaps?lang=id', { cookie: cookie.split(';')[0] })).text();
    expect(back).toContain('<html lang="id">');
  });
});

describe('bad filters', () => {
  it.each([
    ['/?period=2025-3', 400, 'invalid period'],
    ['/gaps?sector=ZZ', 400, 'invalid sector'],
    ['/?colour=red', 400, 'unknown parameter'],
    ['/?period=2025-01&period=2025-02', 400, 'period must be given once'],
    ['/regions/abc', 400, 'invalid region code'],
    ['/occupations/12a', 400, 'invalid occupation code'],
    ['/?region=99.99', 404, 'unknown region'],
    ['/regions/99', 404, 'unknown region'],
    ['/occupations/9999', 404, 'unknown occupation'],
    ['/?period=2031-01', 404, 'no data for period 2031-01'],
    ['/no-such-page', 404, 'not found'],
  ])('%s → %i, a readable page in the page language', async (path, status, message) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<html lang="id">');
    expect(parsePage(html).querySelector('h1')?.textContent).toContain(String(status));
    expect(parsePage(html).querySelector('.intro')?.textContent).toContain(message);
    expect(html).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('page cache', () => {
  it('answers the same page from the cache, 304 for a current ETag, and renders anew once a new warehouse is published', async () => {
    const first = await get('/skills?period=2025-05');
    const etag = first.headers.get('etag')!;
    const body = await first.text();
    const second = await get('/skills?period=2025-05');
    expect(await second.text()).toBe(body);
    expect((await get('/skills?period=2025-05', { 'if-none-match': etag })).status).toBe(304);
    // A run publishing a new file changes the data version (inode or mtime).
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(sandbox.db, later, later);
    const fresh = await get('/skills?period=2025-05');
    expect(fresh.headers.get('etag')).not.toBe(etag);
    expect(fresh.status).toBe(200);
  });
});
