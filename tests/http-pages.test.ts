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

const PAGE_PATHS = ['/', '/skills', '/gaps', '/regions', '/regions/32', '/regions/32.73', '/occupations', '/occupations/72', '/matching', '/training', '/seekers'];

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
    // The formula blocks in Indonesian too.
    const formulas = [...id.document.querySelectorAll('.formula code')].map((c) => c.textContent).join('\n');
    expect(formulas).toContain('yang pertama ada dari closed_date, expiry_date, posted_date + 89 hari');
    expect(formulas).toContain('pendidikan terpenuhi ∧ c ≥ 0,8');
    expect(formulas).not.toMatch(/\bfirst of\b|\bdays\b|withheld/);
    // The grain on /data in Indonesian.
    const data = await page('/data');
    expect(data.html).toContain('bulan × wilayah × keterampilan');
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

  it('the top relatively scarce skills are those with the highest imbalance index, none below the ranking volume', async () => {
    const { document } = await page('/?period=2025-06&region=32');
    const rows = tableRows(document.querySelector('#fig-shortages details table')!);
    const all = await csv('/data/skill-gaps.csv?period=2025-06&region=32');
    const expected = all.filter((r) => r.relative_status === 'relatively_scarce').sort((a, b) => Number(b.imbalance_index) - Number(a.imbalance_index)).slice(0, 10);
    expect(rows.map((r) => r[0])).toEqual(expected.map((r) => r.skill_label_id));
    expect(rows.length).toBe(10);
    for (const r of expected) expect(Number(r.demand) + Number(r.supply)).toBeGreaterThanOrEqual(30);
    // The national top of issue 14 (27 openings, 0 seekers) is not ranked any more.
    const national = await csv('/data/skill-gaps.csv?period=2025-12&region=ID');
    for (const r of national.filter((g) => Number(g.demand) + Number(g.supply || 0) < 30)) expect(r.relative_status).not.toBe('relatively_scarce');
    expect(document.querySelector('#fig-shortages figcaption')?.textContent).toContain('≥ 30');
  });

  it('a withheld count shows as x, a ratio over zero as …, and the page says what the marks mean', async () => {
    const hidden = (await csv('/data/labour-market-monthly.csv?period=2025-06&level=regency')).find((r) => r.active_applicants === '')!;
    expect(hidden.withheld).toContain('active_applicants');
    const province = hidden.region_code.slice(0, 2);
    const { document } = await page(`/regions/${province}?period=2025-06`);
    const figure = document.querySelector('#fig-regencies')!;
    const rows = tableRows(figure.querySelector('details table')!);
    const published = await csv(`/data/labour-market-monthly.csv?period=2025-06&parent=${province}`);
    for (const row of published) {
      const shown = rows.find((r) => r[0] === row.region_name)!;
      expect(shown[2]).toBe(row.active_applicants === '' ? 'x' : idNumber.format(Number(row.active_applicants)));
    }
    expect(figure.querySelector('.marks')?.textContent).toContain('x = disembunyikan demi kerahasiaan (kurang dari 5 orang');
    // A month with no applicant at all: the ratio cannot be computed, which is not a withheld value.
    const zero = (await csv('/data/labour-market-monthly.csv?level=regency')).find((r) => r.active_applicants === '0' && r.withheld === '');
    if (zero) {
      const regency = await page(`/regions/${zero.region_code}?period=${zero.period}`);
      const line = tableRows(regency.document.querySelector('#fig-ratio details table')!).find((r) => r[0] === new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${zero.period}-01T00:00:00Z`)))!;
      expect(line[3]).toBe('…');
      expect(regency.document.querySelector('#fig-ratio .marks')?.textContent).toContain('… = tidak dapat dihitung (pembagi nol)');
    }
  });
});

describe('empty figures say why', () => {
  const emptyOf = (document: Document, id: string) => document.querySelector(`#fig-${id} .empty`)?.textContent?.trim();

  it('/training: withheld for privacy where matching was computed and every value is withheld, never "not computed"', async () => {
    const leverage = await csv('/data/upskilling-leverage.csv?period=2025-12&parent=ID');
    const byRegion = new Map<string, Record<string, string>[]>();
    for (const r of leverage) byRegion.set(r.region_code, [...(byRegion.get(r.region_code) ?? []), r]);
    const hidden = [...byRegion.entries()].filter(([, rows]) => rows.every((r) => r.seekers_unlocked === '' || r.seekers_unlocked === '0') && rows.some((r) => r.withheld.includes('seekers_unlocked')));
    expect(hidden.length).toBeGreaterThan(0);
    const { document, html } = await page(`/training?period=2025-12&region=${hidden[0][0]}`);
    expect(emptyOf(document, 'leverage')).toBe('Ada data, tetapi setiap nilai disembunyikan demi kerahasiaan: kurang dari 5 orang.');
    expect(html).not.toContain('belum dihitung');
  });

  it('/seekers?region=92: withheld, not "no data", where seekers exist and every cell is withheld', async () => {
    const profile = await csv('/data/seeker-profile.csv?region=92&dimension=gender');
    const latest = profile.filter((r) => r.period === profile.map((p) => p.period).sort().at(-1));
    expect(latest.every((r) => r.active_applicants === '')).toBe(true);
    const { document } = await page('/seekers?region=92');
    expect(emptyOf(document, 'profile-gender')).toContain('disembunyikan demi kerahasiaan');
  });

  it('/seekers at a regency: says once that the profile is published for provinces only, and links to its province', async () => {
    const profile = await csv('/data/seeker-profile.csv?region=32.73&dimension=gender');
    expect(profile).toEqual([]);
    const { res, document, html } = await page('/seekers?period=2025-06&region=32.73');
    expect(res.status).toBe(200);
    expect(document.querySelectorAll('figure, .figure')).toHaveLength(0);
    expect(html.split('diterbitkan untuk nasional dan provinsi saja')).toHaveLength(2);
    const link = document.querySelector('nav.related a');
    expect(link?.textContent).toBe('Profil pencari kerja Jawa Barat');
    expect(link?.getAttribute('href')).toBe('/seekers?period=2025-06&region=32');
    const english = await page('/seekers?period=2025-06&region=32.73&lang=en');
    expect(english.html).toContain('published for the country and the provinces only');
    expect(english.document.querySelector('nav.related a')?.textContent).toBe('Job-seeker profile of Jawa Barat');
  });

  it('/skills?period=2024-03: emerging skills not computable yet, and from which month; trend axis labels each month once', async () => {
    const { document } = await page('/skills?period=2024-03');
    expect(emptyOf(document, 'emerging')).toBe('Belum dapat dihitung untuk bulan ini: pertumbuhan tiga bulan perlu 6 bulan data (tiga bulan terakhir dan tiga sebelumnya). Tersedia mulai Juni 2024.');
    const ticks = [...document.querySelectorAll('#fig-trend .chart-wide g[data-mark="x-axis tick label"] text')].map((t) => t.textContent);
    expect(ticks).toEqual(['Jan 24', 'Feb 24', 'Mar 24']);
  });

  it('/skills with an occupation: the trend figures say plainly that they ignore it', async () => {
    const { document } = await page('/skills?period=2025-06&occupation=72');
    for (const id of ['emerging', 'trend']) expect(document.querySelector(`#fig-${id} .note`)?.textContent).toContain('mengabaikan filter Jabatan (KBJI/ISCO)');
    expect((await page('/skills?period=2025-06')).document.querySelector('#fig-trend .note')).toBeNull();
  });
});

describe('figures a policymaker cannot misread', () => {
  it('the first months are provisional: in the dataset, dashed in the chart, noted in the table', async () => {
    const series = await csv('/data/labour-market-monthly.csv?region=ID');
    const reason = Object.fromEntries(series.map((r) => [r.period, r.provisional]));
    expect([reason['2024-01'], reason['2024-03'], reason['2024-04'], reason['2024-06'], reason['2024-07'], reason['2025-12']])
      .toEqual(['stocks_incomplete', 'stocks_incomplete', 'applicants_incomplete', 'applicants_incomplete', '', '']);
    const gaps = await csv('/data/skill-gaps.csv?period=2024-02&region=ID&limit=1');
    expect(gaps[0].provisional).toBe('stocks_incomplete');
    const { document } = await page('/?period=2025-06');
    const lines = [...document.querySelectorAll('#fig-ratio .chart-wide g[data-mark="line"]')];
    expect(lines.map((l) => l.getAttribute('stroke-dasharray'))).toEqual(['5 4', null]);
    const rows = tableRows(document.querySelector('#fig-ratio details table')!);
    expect(rows[0].at(-1)).toBe('sementara: lowongan dan pencari kerja aktif belum lengkap');
    expect(rows.at(-1)!.at(-1)).toBe('');
    expect(document.querySelector('#fig-ratio .legend')?.textContent).toContain('Sementara: stok belum lengkap');
    const methodology = await page('/methodology');
    expect(methodology.document.querySelector('#provisional')?.textContent).toContain('sementara');
  });

  it('/gaps: a shortage only where demand exceeds supply, both statuses named, no 0 unmet listed, the market line drawn', async () => {
    const path = '/gaps?period=2025-06&region=32&sector=C';
    const gaps = await csv(`/data/skill-gaps.csv?period=2025-06&region=32&sector=C`);
    expect(gaps.length).toBeGreaterThan(0);
    for (const g of gaps.filter((r) => r.status === 'shortage')) expect(Number(g.demand)).toBeGreaterThan(Number(g.supply));
    const issue = gaps.find((g) => g.demand === '232' && g.supply === '723');
    if (issue) expect(issue.status).toBe('surplus');
    const { document } = await page(path);
    const labels = [...document.querySelectorAll('.headline .label')].map((l) => l.textContent?.trim());
    expect(labels).toEqual(['Kekurangan', 'Kelebihan', 'Seimbang', 'Data tidak cukup', 'Lebih langka', 'Lebih melimpah']);
    const unmet = tableRows(document.querySelector('section.section table')!);
    for (const row of unmet) expect(row[4]).not.toBe('0');
    expect(document.querySelector('section.section thead')?.textContent).toContain('Status mutlak (permintaan vs pasokan)');
    expect(document.querySelector('section.section thead')?.textContent).toContain('Status relatif (indeks)');
    const scatter = document.querySelector('#fig-demand-supply svg.plot')!;
    expect(scatter.querySelectorAll('g[data-mark="line"]').length).toBe(2);
    expect(scatter.textContent).toMatch(/pasar: D\/S = \d+,\d\d/);
  });

  it('changes: a rate in percentage points, one precision, the same month a year before where there are 13 months', async () => {
    const { document } = await page('/?period=2025-06');
    const box = [...document.querySelectorAll('.headline')].find((h) => h.querySelector('.label')?.textContent?.trim() === 'Tingkat penempatan')!;
    const [month, year] = [...box.querySelectorAll('.change')].map((c) => c.textContent?.trim());
    expect(month).toMatch(/^[▲▼=] \d+,\d pp dari bulan sebelumnya$/);
    expect(year).toMatch(/^[▲▼=] \d+,\d pp dari bulan yang sama tahun lalu$/);
    const series = await csv('/data/labour-market-monthly.csv?region=ID');
    const rate = (p: string) => Number(series.find((r) => r.period === p)!.placement_rate);
    expect(month).toContain(new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(rate('2025-06') - rate('2025-05')) * 100));
    const openings = [...document.querySelectorAll('.headline')].find((h) => h.querySelector('.label')?.textContent?.trim() === 'Lowongan aktif (formasi)')!;
    expect(openings.querySelector('.change')?.textContent).toMatch(/^[▲▼=] \d+,\d\s?% dari bulan sebelumnya$/);
    // Twelve months in: no year-on-year change yet.
    const early = await page('/?period=2024-12');
    expect(early.document.querySelectorAll('.headline .change.year').length).toBe(0);
    // June 2024 is provisional for applicants: stocks are not compared with it, flows are.
    const ratioBox = [...document.querySelectorAll('.headline')].find((h) => h.querySelector('.label')?.textContent?.trim() === 'Lowongan per pencari kerja')!;
    expect(ratioBox.querySelector('.change.year')).toBeNull();
    expect(ratioBox.querySelector('.change')?.textContent).toContain('dari bulan sebelumnya');
  });

  it('a change on a small base is a difference, not a percentage', async () => {
    const series = await csv('/data/labour-market-monthly.csv?level=regency');
    const small = series.find((r) => Number(r.new_openings) > 0 && Number(r.new_openings) < 30 && r.period > '2024-01' && r.period.endsWith('-06'));
    expect(small).toBeTruthy();
    const { document } = await page(`/regions/${small!.region_code}?period=${small!.period}`);
    const box = [...document.querySelectorAll('.headline')].find((h) => h.querySelector('.label')?.textContent?.trim() === 'Lowongan baru (formasi)')!;
    const before = series.find((r) => r.region_code === small!.region_code && r.period === `${small!.period.slice(0, 4)}-05`)!;
    if (Number(before.new_openings) < 30) expect(box.querySelector('.change')?.textContent).toMatch(/^[▲▼=] \d+ dari bulan sebelumnya$/);
  });

  it('the area type is named as the proxy it is: kabupaten / kota', async () => {
    const { document, html } = await page('/seekers?period=2025-06');
    expect(document.querySelector('#fig-profile-area_type h2')?.textContent).toContain('kabupaten / kota');
    expect(tableRows(document.querySelector('#fig-profile-area_type details table')!).map((r) => r[0]).slice(0, 2)).toEqual(['Kota', 'Kabupaten']);
    expect(html).not.toContain('Perdesaan');
  });

  it('map classes are fixed over the whole series: < 0,5, 0,5–1, 1–2, ≥ 2', async () => {
    for (const period of ['2024-01', '2025-12']) {
      const { document } = await page(`/regions?period=${period}`);
      const legend = [...document.querySelectorAll('#fig-map .legend li')].map((l) => l.textContent?.trim());
      expect(legend).toEqual(['< 0,5', '0,5 – < 1,0', '1,0 – < 2,0', '≥ 2,0', 'disembunyikan']);
    }
  });

  it('/regions/96: a ratio of 0 draws no bar; /occupations/0110 has its title', async () => {
    const { document } = await page('/regions/96?period=2025-12');
    for (const rect of document.querySelectorAll('#fig-regencies g[data-mark="bar"] rect')) {
      const value = Number(rect.querySelector('title')?.textContent?.split(': ').at(-1)?.replace(',', '.'));
      if (value === 0) expect(Number(rect.getAttribute('width') ?? 0)).toBe(0);
    }
    const occupation = await page('/occupations/0110');
    expect(occupation.document.querySelector('h1')?.textContent?.trim()).toMatch(/^0110 \S+/);
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
    ['/?period=2025-3', 400, 'period tidak valid: "2025-3" (harus bulan yang ditulis YYYY-MM)', 'invalid period'],
    ['/gaps?sector=ZZ', 400, 'sector tidak valid: "ZZ" (harus huruf seksi KBLI 2020 A–U)', 'invalid sector'],
    ['/?colour=red', 400, 'parameter tidak dikenal "colour"', 'unknown parameter'],
    ['/?period=2025-01&period=2025-02', 400, 'period harus diberikan sekali, dengan nilai', 'period must be given once'],
    ['/regions/abc', 400, 'kode region tidak valid: "abc"', 'invalid region code'],
    ['/occupations/12a', 400, 'kode occupation tidak valid: "12a"', 'invalid occupation code'],
    ['/?region=99.99', 404, 'region tidak dikenal: "99.99"', 'unknown region'],
    ['/regions/99', 404, 'region tidak dikenal: "99"', 'unknown region'],
    ['/occupations/9999', 404, 'occupation tidak dikenal: "9999"', 'unknown occupation'],
    ['/?period=2031-01', 404, 'tidak ada data untuk bulan 2031-01 (data mencakup 2024-01 sampai', 'no data for period 2031-01'],
    ['/no-such-page', 404, 'halaman tidak ditemukan: /no-such-page', 'not found'],
  ])('%s → %i, a readable page in the page language', async (path, status, message, english) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<html lang="id">');
    expect(parsePage(html).querySelector('h1')?.textContent).toContain(String(status));
    expect(parsePage(html).querySelector('.intro')?.textContent).toContain(message);
    expect(html).not.toMatch(/at .*\.ts:\d+/);
    const en = await (await get(`${path}${path.includes('?') ? '&' : '?'}lang=en`)).text();
    expect(parsePage(en).querySelector('.intro')?.textContent).toContain(english);
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
