// Exploring beyond the fixed dashboards (issue 17), over HTTP on the shipped sample: a page
// per skill whose figures agree with the published datasets and the facts, skill names
// linked to it from other pages, and readable 400/404 pages for bad or unknown ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/log.ts';
import { startServer } from '../server/serve.ts';
import { headline, parsePage, tableRows } from './helpers/html.ts';
import { createSandbox, queryWarehouse, runSample, type Sandbox } from './helpers/pipeline.ts';

let sandbox: Sandbox;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  sandbox = createSandbox();
  await runSample(sandbox);
  server = await startServer({ db: sandbox.db, port: 0, minCell: 5 }, silentLogger());
});
afterAll(async () => { await server?.close(); sandbox?.cleanup(); });

const page = async (path: string) => {
  const res = await fetch(`${server.url}${path}`);
  const html = await res.text();
  return { res, html, document: parsePage(html) };
};
const api = async <T>(path: string): Promise<T[]> => ((await (await fetch(`${server.url}${path}`)).json()) as { rows: T[] }).rows;
const number = (text: string | undefined) => Number((text ?? '').replace(/\./g, '').replace(',', '.'));
const figureTable = (document: Document, id: string) => tableRows(document.querySelector(`#fig-${id} table`)!);

interface GapApiRow { period: string; region_code: string; demand: number; supply: number | null; skill_ratio: number | null }

describe('the skill page /skills/<id>', () => {
  it('welding in Jawa Barat: the headlines are the published skill-gaps row of the latest month', async () => {
    const { res, document } = await page('/skills/welding?region=32');
    expect(res.status).toBe(200);
    expect(document.querySelector('h1')?.textContent).toBe('Pengelasan');
    const [latest] = await api<{ period: string }>('/api/v1/labour-market-monthly?region=ID&sort=-period&limit=1');
    const [row] = await api<GapApiRow>(`/api/v1/skill-gaps?skill=welding&region=32&period=${latest.period}`);
    expect(row.demand).toBeGreaterThan(0);
    expect(number(headline(document, 'Permintaan (formasi)'))).toBe(row.demand);
    expect(number(headline(document, 'Pasokan (pencari kerja)'))).toBe(row.supply);
    // Jawa Barat's series and the national one are both drawn, each with its table of every month.
    expect(document.querySelector('#fig-series-region h2')?.textContent).toContain('Jawa Barat');
    expect(document.querySelector('#fig-series-national h2')?.textContent).toContain('Indonesia');
    const months = await api<GapApiRow>('/api/v1/skill-gaps?skill=welding&region=ID');
    expect(figureTable(document, 'series-national')).toHaveLength(months.length);
    expect(document.querySelectorAll('#fig-skill-imbalance .chart-wide g[data-mark="line"] path').length).toBe(2);
  });

  it('the occupations asking for it add up to its demand, as the facts say; the skills asked with it link to their pages', async () => {
    const { document } = await page('/skills/welding?region=32');
    const [latest] = await api<{ period: string }>('/api/v1/labour-market-monthly?region=ID&sort=-period&limit=1');
    const [row] = await api<GapApiRow>(`/api/v1/skill-gaps?skill=welding&region=32&period=${latest.period}`);
    const occupations = figureTable(document, 'skill-occupation');
    expect(occupations.length).toBeGreaterThan(0);
    expect(occupations.reduce((sum, [, openings]) => sum + number(openings), 0)).toBe(row.demand);
    const sectors = figureTable(document, 'skill-sector');
    expect(sectors.reduce((sum, [, openings]) => sum + number(openings), 0)).toBe(row.demand);
    // The top co-skill, counted in the facts directly: openings of active Jawa Barat vacancies asking for both.
    const together = figureTable(document, 'skill-skill');
    const link = document.querySelector('#fig-skill-skill table tbody a')!.getAttribute('href')!;
    expect(link).toMatch(/^\/skills\/[a-z0-9-]+\?period=\d{4}-\d{2}&region=32$/);
    const other = /\/skills\/([a-z0-9-]+)/.exec(link)![1];
    const [facts] = await queryWarehouse<{ openings: number }>(sandbox.db, `
      WITH m AS (SELECT mnum FROM dim_period WHERE period = $period), d AS (SELECT value::INTEGER AS vdays FROM meta WHERE key = 'vacancy_validity_days')
      SELECT sum(v.openings)::INTEGER AS openings FROM vacancy v, m, d
      WHERE v.province_code = '32' AND s_month(v.posted_date) <= m.mnum AND s_month(coalesce(v.closed_date, v.expiry_date, v.posted_date + d.vdays)) >= m.mnum
        AND EXISTS (SELECT 1 FROM vacancy_skill k WHERE k.source = v.source AND k.vacancy_id = v.vacancy_id AND k.skill_id = 'welding')
        AND EXISTS (SELECT 1 FROM vacancy_skill k WHERE k.source = v.source AND k.vacancy_id = v.vacancy_id AND k.skill_id = $other)`, { period: latest.period, other });
    expect(number(together[0][1])).toBe(facts.openings);
  });

  it('where it is demanded: a map and a table of provinces, each linking to the skill page for that province', async () => {
    const { document } = await page('/skills/welding');
    expect(document.querySelectorAll('#fig-skill-where .chart-wide g[data-mark="dot"] circle').length).toBeGreaterThan(5);
    const first = document.querySelector('#fig-skill-where table tbody a')!.getAttribute('href');
    expect(first).toMatch(/^\/skills\/welding\?period=\d{4}-\d{2}&region=\d{2}$/);
    // Provinces ordered by demand, largest first.
    const demand = figureTable(document, 'skill-where').map((r) => number(r[1]));
    expect(demand).toEqual([...demand].sort((a, b) => b - a));
  });

  it('the programmes that teach it come from the training catalogue', async () => {
    const { document } = await page('/skills/welding-smaw');
    const section = [...document.querySelectorAll('section.section')].find((s) => s.querySelector('h2')?.textContent === 'Program pelatihan yang mengajarkannya')!;
    const names = tableRows(section.querySelector('table')!).map((r) => r[0]);
    expect(names).toContain('Pengelasan SMAW 3G');
    expect(names).toContain('Pengelasan SMAW 6G Pipa');
  });

  it('in English the skill keeps its English name', async () => {
    const { document } = await page('/skills/welding?lang=en');
    expect(document.querySelector('h1')?.textContent).toBe('Welding');
    expect(document.querySelector('#fig-skill-occupation h2')?.textContent).toContain('Occupations asking for the skill');
  });

  it.each([
    ['/skills/no-such-skill', 404, 'skill tidak dikenal: "no-such-skill"'],
    ['/skills/Bad_Id', 400, 'kode skill tidak valid'],
    ['/skills/welding?period=2025-13', 400, 'period'],
    ['/skills/welding?region=99', 404, '99'],
    ['/skills/welding?colour=red', 400, 'colour'],
  ])('%s is a %d page saying what is wrong', async (path, status, text) => {
    const { res, document } = await page(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(document.querySelector('h1')?.textContent).toContain(String(status));
    expect(document.querySelector('.intro')?.textContent?.toLowerCase()).toContain(text.toLowerCase());
  });

  it('skill names in the tables of other pages link to their skill pages', async () => {
    for (const path of ['/gaps?region=32', '/skills?region=32', '/training?region=32', '/occupations/72?region=32']) {
      const { document } = await page(path);
      const links = [...document.querySelectorAll('table a[href^="/skills/"]')].map((a) => a.getAttribute('href'));
      expect(links.length, path).toBeGreaterThan(0);
      for (const href of links) expect(href, path).toMatch(/^\/skills\/[a-z0-9-]+\?period=\d{4}-\d{2}&region=32$/);
    }
    const { res } = await page([...(await page('/gaps')).document.querySelectorAll('table a[href^="/skills/"]')][0].getAttribute('href')!);
    expect(res.status).toBe(200);
  });
});

describe('search: /search?q=, a GET form on every page', () => {
  it('every page carries the search form, working without JavaScript (GET /search, a label, the page language)', async () => {
    for (const path of ['/', '/gaps', '/skills/welding', '/compare?regions=32,35', '/no-such-page']) {
      const { document } = await page(path);
      const form = document.querySelector('header form.search')!;
      expect(form, path).toBeTruthy();
      expect(form.getAttribute('method')).toBe('get');
      expect(form.getAttribute('action')).toBe('/search');
      expect(document.querySelector(`label[for="${form.querySelector('input[name="q"]')!.getAttribute('id')}"]`)?.textContent).toBe('Cari keterampilan, jabatan atau wilayah');
    }
  });

  it('"las" finds welding (an alias), the welders\' occupation and leads to their pages', async () => {
    const { res, document } = await page('/search?q=las');
    expect(res.status).toBe(200);
    expect(document.querySelector('h1')?.textContent).toBe('Hasil pencarian: “las”');
    expect(document.querySelector<HTMLInputElement>('#site-q')?.getAttribute('value')).toBe('las');
    const [skills, occupations] = [...document.querySelectorAll('section.section table')];
    expect(skills.querySelector('tbody tr a')?.getAttribute('href')).toBe('/skills/welding');
    expect(tableRows(skills)[0]).toEqual(['Pengelasan', 'Welding', 'welding', 'las']);
    expect([...occupations.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toContain('/occupations/7212');
    expect((await page('/skills/welding')).res.status).toBe(200);
    expect((await page('/occupations/7212')).res.status).toBe(200);
  });

  it('accents, case and the English name all find the same region and skill', async () => {
    const first = async (q: string, kind: number) => (await page(`/search?q=${encodeURIComponent(q)}`)).document.querySelectorAll('section.section')[kind]?.querySelector('tbody a')?.getAttribute('href');
    expect(await first('KÓTA BANDUNG', 0)).toBe('/regions/32.73');
    const welding = await first('Welding', 0);
    expect(welding).toBe('/skills/welding');
    expect(await first('WÉLDING', 0)).toBe(welding);
  });

  it('in English, results and wording are English; no result is said plainly', async () => {
    const { document } = await page('/search?q=nurse&lang=en');
    expect(document.querySelector('h1')?.textContent).toBe('Search results: “nurse”');
    expect(document.querySelector('section.section h2')?.textContent).toBe('Skills');
    const none = await page('/search?q=qqqzzz');
    expect(none.res.status).toBe(200);
    expect(none.document.querySelector('.intro')?.textContent).toContain('Tidak ada keterampilan, jabatan atau wilayah yang cocok dengan “qqqzzz”');
  });

  it.each([
    ['/search?q=a&q=b', 'q harus diberikan sekali'],
    [`/search?q=${'x'.repeat(101)}`, 'paling banyak 100 karakter'],
    ['/search?query=las', 'parameter tidak dikenal "query"'],
  ])('%s is a 400 page saying what is wrong', async (path, text) => {
    const { res, document } = await page(path);
    expect(res.status).toBe(400);
    expect(document.querySelector('.intro')?.textContent).toContain(text);
  });
});

describe('comparison: /compare?regions=32,35', () => {
  it('the headline figures of each region are its published labour-market-monthly row', async () => {
    const { res, document } = await page('/compare?regions=32,35');
    expect(res.status).toBe(200);
    expect(document.querySelector('h1')?.textContent).toBe('Perbandingan wilayah: Jawa Barat · Jawa Timur');
    const [latest] = await api<{ period: string }>('/api/v1/labour-market-monthly?region=ID&sort=-period&limit=1');
    const headlines = tableRows(document.querySelectorAll('section.section table')[0]);
    for (const [i, code] of ['32', '35'].entries()) {
      const [row] = await api<{ active_openings: number; active_applicants: number }>(`/api/v1/labour-market-monthly?region=${code}&period=${latest.period}`);
      expect(number(headlines[i][1])).toBe(row.active_openings);
      expect(number(headlines[i][2])).toBe(row.active_applicants);
    }
    // The ratio over time: one line per region and the country's, a table column each.
    expect(document.querySelectorAll('#fig-compare-ratio .legend li')).toHaveLength(3);
    expect(tableRows(document.querySelector('#fig-compare-ratio table')!)[0]).toHaveLength(4);
  });

  it('top shortages side by side, each linking to the skill page for its region', async () => {
    const { document } = await page('/compare?regions=32,35');
    const table = document.querySelectorAll('section.section table')[1];
    const links = [...table.querySelectorAll('a')].map((a) => a.getAttribute('href')!);
    expect(links.some((l) => l.endsWith('region=32'))).toBe(true);
    expect(links.some((l) => l.endsWith('region=35'))).toBe(true);
    const [latest] = await api<{ period: string }>('/api/v1/labour-market-monthly?region=ID&sort=-period&limit=1');
    const [top] = await api<{ skill_label_id: string }>(`/api/v1/skill-gaps?period=${latest.period}&region=32&relative_status=relatively_scarce&sort=-imbalance_index&limit=1`);
    expect(tableRows(table)[0][1]).toContain(top.skill_label_id);
  });

  it('the form sends regions repeated; empty choices are left out; the same page as the comma list', async () => {
    const repeated = await page('/compare?regions=32&regions=35&regions=&regions=');
    expect(repeated.res.status).toBe(200);
    expect(repeated.document.querySelector('h1')?.textContent).toBe('Perbandingan wilayah: Jawa Barat · Jawa Timur');
    expect(repeated.document.querySelectorAll('form.filters select[name="regions"]')).toHaveLength(4);
    expect(repeated.document.querySelector('#f-regions-2 option[selected]')?.getAttribute('value')).toBe('35');
  });

  it.each([
    ['/compare?regions=32', 400, 'regions harus berisi 2 sampai 4 kode wilayah berbeda'],
    ['/compare?regions=32,35,36,51,52', 400, '(diberikan: 5)'],
    ['/compare?regions=32,abc', 400, '"abc"'],
    ['/compare', 400, '(diberikan: 0)'],
    ['/compare?regions=32,99', 404, '"99"'],
    ['/compare?regions=32,35&period=2025-13', 400, 'period'],
    ['/compare?regions=32,35&period=2031-01', 404, '2031-01'],
    ['/compare?regions=32,35&sort=x', 400, 'sort'],
  ])('%s is a %d page', async (path, status, text) => {
    const { res, document } = await page(path);
    expect(res.status).toBe(status);
    expect(document.querySelector('.intro')?.textContent).toContain(text);
  });
});

describe('profiles and tables (issue 17): sortable without JavaScript, whole, with a switcher and the country beside the region', () => {
  it('/regions: the 38 provinces whole, re-sorted on the server by the header links', async () => {
    const { document } = await page('/regions');
    const section = document.querySelector('section.section')!;
    const rows = tableRows(section.querySelector('table')!);
    expect(rows).toHaveLength(38);
    // Sorted by name by default; the ratio header link sorts by the ratio, largest first.
    const names = rows.map((r) => r[0]);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'id')));
    const ratioLink = [...section.querySelectorAll('th a.sort')].find((a) => a.textContent?.startsWith('Lowongan aktif per pencari kerja aktif'))!.getAttribute('href')!;
    expect(ratioLink).toMatch(/^\/regions\?period=\d{4}-\d{2}&sort=-active_ratio$/);
    const sorted = await page(ratioLink);
    const th = [...sorted.document.querySelectorAll('section.section th')].find((t) => t.getAttribute('aria-sort'))!;
    expect(th.getAttribute('aria-sort')).toBe('descending');
    const ratios = tableRows(sorted.document.querySelector('section.section table')!).map((r) => r[3]).filter((v) => /\d/.test(v)).map(number);
    expect(ratios.length).toBeGreaterThan(30);
    expect(ratios).toEqual([...ratios].sort((a, b) => b - a));
    // Clicking the sorted header again reverses it.
    expect(th.querySelector('a')!.getAttribute('href')).toMatch(/sort=active_ratio$/);
  });

  it.each([['/regions?sort=bogus', 'sort tidak valid: "bogus"'], ['/regions?sort=a&sort=b', 'sort harus diberikan sekali']])('%s is a 400 page', async (path, text) => {
    const { res, document } = await page(path);
    expect(res.status).toBe(400);
    expect(document.querySelector('.intro')?.textContent).toContain(text);
  });

  it('a region profile: the country\'s ratio beside the region\'s, a region switcher, and a regency links to its province', async () => {
    const { document } = await page('/regions/32.73');
    expect([...document.querySelectorAll('#fig-ratio .legend li')].map((l) => l.textContent?.trim())).toEqual(expect.arrayContaining(['Kota Bandung', 'Indonesia (nasional)']));
    const series = new Set([...document.querySelectorAll('#fig-ratio .chart-wide g[data-mark="dot"] title')].map((t) => t.textContent!.split('\n')[0]));
    expect([...series].sort()).toEqual(['Indonesia (nasional)', 'Kota Bandung']);
    const [latest] = await api<{ period: string }>('/api/v1/labour-market-monthly?region=ID&sort=-period&limit=1');
    const [national] = await api<{ active_ratio: number }>(`/api/v1/labour-market-monthly?region=ID&period=${latest.period}`);
    const last = tableRows(document.querySelector('#fig-ratio table')!).at(-1)!;
    expect(last).toContain(national.active_ratio.toFixed(2).replace('.', ','));
    expect([...document.querySelectorAll('nav.related a')].map((a) => a.getAttribute('href'))).toContain(`/regions/32?period=${latest.period}`);
    const switcher = document.querySelector('form.switcher')!;
    expect(switcher.getAttribute('action')).toBe('/region');
    expect(switcher.querySelector('option[selected]')?.getAttribute('value')).toBe('32.73');
    const res = await fetch(`${server.url}/region?region=35&period=${latest.period}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/regions/35?period=${latest.period}`);
    expect((await page('/region?region=abc')).res.status).toBe(400);
  });
});

describe('"How to read this" under the charts', () => {
  it('each drawn chart of the main kinds says how to read it, in the page language; an empty figure does not', async () => {
    const { document } = await page('/');
    expect(document.querySelector('#fig-ratio details.howto summary')?.textContent).toBe('Cara membaca grafik ini');
    expect(document.querySelector('#fig-ratio details.howto p')?.textContent).toContain('Sumbu mendatar adalah bulan');
    expect(document.querySelector('#fig-map details.howto p')?.textContent).toContain('ibu kota satu provinsi');
    const gaps = await page('/gaps?lang=en');
    expect(gaps.document.querySelector('#fig-imbalance details.howto p')?.textContent).toContain('Bars to the right of zero');
    expect(gaps.document.querySelector('#fig-demand-supply details.howto p')?.textContent).toContain('Each dot is one skill');
    // Emerging skills cannot be computed in the third month: no chart, nothing to read.
    const early = await page('/skills?period=2024-03');
    expect(early.document.querySelector('#fig-emerging .empty')).toBeTruthy();
    expect(early.document.querySelector('#fig-emerging details.howto')).toBeNull();
  });
});

describe('the run\'s data coverage, visible to every reader', () => {
  it('/methodology lists the coverage the run that built the warehouse recorded, in both languages', async () => {
    const [run] = await queryWarehouse<{ coverage: string }>(sandbox.db, "SELECT coverage::VARCHAR AS coverage FROM run WHERE status IN ('succeeded', 'partial') ORDER BY started_at DESC LIMIT 1");
    const coverage = JSON.parse(run.coverage) as Record<string, number>;
    const { document } = await page('/methodology');
    const section = [...document.querySelectorAll('section.section')].find((s) => s.querySelector('h2')?.textContent === 'Cakupan data run terakhir')!;
    const rows = Object.fromEntries(tableRows(section.querySelector('table')!).map(([name, value]) => [name, value]));
    expect(number(rows['Lowongan dimuat'])).toBe(coverage.vacancies);
    expect(rows['Lowongan dengan keterampilan yang dikenali']).toBe(`${(coverage.vacancies_with_skills_share * 100).toFixed(1).replace('.', ',')}%`);
    expect(Object.keys(rows)).toHaveLength(Object.keys(coverage).length);
    const en = await page('/methodology?lang=en');
    expect([...en.document.querySelectorAll('section.section h2')].map((h) => h.textContent)).toContain('Data coverage of the latest run');
  });
});

describe('a chart as an image for slides: <page>/chart/<figure>.svg and .png', () => {
  /** Width and height of a PNG from its IHDR chunk, after checking its 8-byte signature. */
  const pngSize = (bytes: Buffer) => {
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  };

  it('every figure with a chart links to both, for the page\'s own query', async () => {
    const { document } = await page('/gaps?region=32&lang=en');
    const links = [...document.querySelectorAll('#fig-imbalance .image-links a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/gaps/chart/imbalance.svg?region=32&lang=en', '/gaps/chart/imbalance.png?region=32&lang=en']);
    for (const figure of document.querySelectorAll('figure')) {
      const drawn = figure.querySelector('.chart svg') !== null;
      expect(figure.querySelectorAll('.image-links a').length, figure.id).toBe(drawn ? 2 : 0);
    }
  });

  it('the SVG is a whole SVG document with the title, region and month, source and as-of line written in it, in either language', async () => {
    const { Resvg } = await import('@resvg/resvg-js');
    for (const [lang, title, source, asOf] of [['id', 'Indeks ketidakseimbangan', 'Sumber: register lowongan', 'Data per '], ['en', 'Imbalance index', 'Source: vacancy and job-seeker registers', 'Data as of ']]) {
      const res = await fetch(`${server.url}/gaps/chart/imbalance.svg?region=32&lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
      const svg = await res.text();
      expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+"/);
      // resvg parses XML strictly: a malformed document throws here.
      const parsed = new Resvg(svg);
      expect(parsed.width).toBe(1160 + 32);
      const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
      expect(texts[0], lang).toContain(title);
      expect(texts.some((t) => t.startsWith('Jawa Barat ·')), lang).toBe(true);
      expect(texts.some((t) => t.startsWith(source)), lang).toBe(true);
      expect(texts.some((t) => t.startsWith(asOf)), lang).toBe(true);
      // The chart inside it: the page's desktop bars, one per skill in the figure's table.
      const { document } = await page(`/gaps?region=32&lang=${lang}`);
      expect((svg.match(/<rect[^>]*><title>/g) ?? []).length).toBe(figureTable(document, 'imbalance').filter((r) => r[1] !== '').length);
    }
  });

  it('the PNG is the same picture at twice the size, rendered on the server', async () => {
    const svg = await (await fetch(`${server.url}/occupations/72/chart/occupation-children.svg`)).text();
    const [, width, height] = /<svg xmlns="[^"]*" width="(\d+)" height="(\d+)"/.exec(svg)!;
    const res = await fetch(`${server.url}/occupations/72/chart/occupation-children.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="sinergi-occupations-72-occupation-children.png"');
    expect(pngSize(Buffer.from(await res.arrayBuffer()))).toEqual({ width: 2 * Number(width), height: 2 * Number(height) });
    // Kept per data version: the second answer is the same bytes with the same ETag.
    const again = await fetch(`${server.url}/occupations/72/chart/occupation-children.png`);
    expect(again.headers.get('etag')).toBe(res.headers.get('etag'));
    expect((await fetch(`${server.url}/occupations/72/chart/occupation-children.png`, { headers: { 'if-none-match': res.headers.get('etag')! } })).status).toBe(304);
  });

  it.each([
    ['/gaps/chart/no-such-figure.png', 404, 'has no figure "no-such-figure"'],
    ['/gaps/chart/imbalance.gif', 404, 'imbalance.gif'],
    ['/gaps/chart/imbalance.png?period=2025-13', 400, 'period'],
    ['/gaps/chart/imbalance.svg?colour=red', 400, 'colour'],
    ['/gaps/chart/imbalance.png?region=99', 404, '99'],
    ['/occupations/12a/chart/occupation-trend.png', 400, 'occupation'],
    ['/occupations/7212/chart/occupation-children.svg', 404, 'has no figure "occupation-children"'],
  ])('%s is a %d page saying what is wrong', async (path, status, text) => {
    const { res, document } = await page(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(document.querySelector('.intro')?.textContent?.toLowerCase()).toContain(text.toLowerCase());
  });
});

describe('occupations as Hello Work publishes them, drillable to 4 digits', () => {
  interface OccupationApiRow { isco_code: string; title_en: string; new_openings: number; active_openings: number; active_applicants_preferring: number | null; withheld: string }
  const latestPeriod = async () => (await api<{ period: string }>('/api/v1/labour-market-monthly?region=ID&sort=-period&limit=1'))[0].period;
  /** A number as the English pages write it (1,041). */
  const enNumber = (text: string | undefined) => Number((text ?? '').replace(/,/g, ''));
  const ratio = (r: OccupationApiRow) => (r.active_applicants_preferring ? (r.active_openings / r.active_applicants_preferring).toFixed(2) : '');

  it('/occupations: openings, seekers and openings per seeker of each major group side by side, as published, each linking to its group', async () => {
    const period = await latestPeriod();
    const { document } = await page('/occupations?lang=en');
    const published = await api<OccupationApiRow>(`/api/v1/occupation-demand?period=${period}&region=ID&isco_level=1&sort=isco_code`);
    expect(published.length).toBeGreaterThan(5);
    const shown = figureTable(document, 'occupation-ratio');
    expect(shown.map((r) => [r[0], enNumber(r[1]), enNumber(r[2]), enNumber(r[3]), r[4]])).toEqual(published.map((r) => [`${r.isco_code} ${r.title_en}`, r.new_openings, r.active_openings, r.active_applicants_preferring, ratio(r)]));
    expect(document.querySelector('#fig-occupation-ratio details')?.hasAttribute('open')).toBe(true);
    const link = document.querySelector('#fig-occupation-ratio tbody a')!.getAttribute('href');
    expect(link).toBe(`/occupations/${published[0].isco_code}?period=${period}&region=ID`);
  });

  it('a group drills down to its sub-groups, 1 → 2 → 3 → 4 digits, with the groups above it linked', async () => {
    const period = await latestPeriod();
    for (const code of ['7', '72', '721']) {
      const { res, document } = await page(`/occupations/${code}?lang=en`);
      expect(res.status).toBe(200);
      const children = await api<OccupationApiRow>(`/api/v1/occupation-demand?period=${period}&region=ID&occupation=${code}&isco_level=${code.length + 1}&sort=isco_code`);
      expect(children.length, code).toBeGreaterThan(0);
      const shown = figureTable(document, 'occupation-children');
      expect(shown.map((r) => [r[0], enNumber(r[2]), enNumber(r[3]), r[4]]), code).toEqual(children.map((r) => [`${r.isco_code} ${r.title_en}`, r.active_openings, r.active_applicants_preferring, ratio(r)]));
      const links = [...document.querySelectorAll('#fig-occupation-children tbody a')].map((a) => a.getAttribute('href'));
      expect(links, code).toEqual(children.map((r) => `/occupations/${r.isco_code}?period=${period}&region=ID`));
    }
    // A unit group has nothing below it; the way back up names every level.
    const { document } = await page('/occupations/7212?lang=en');
    expect(document.querySelector('#fig-occupation-children')).toBeNull();
    expect([...document.querySelectorAll('nav.related a')].map((a) => a.textContent)).toEqual([
      'All occupations', '7 Craft and related trades workers (major group)', '72 Metal, machinery and related trades workers (sub-major group)',
      '721 Sheet and structural metal workers, moulders and welders, and related workers (minor group)',
    ]);
    const [row] = await api<OccupationApiRow>(`/api/v1/occupation-demand?period=${period}&region=ID&occupation=7212&isco_level=4`);
    expect(enNumber(headline(document, 'Active openings'))).toBe(row.active_openings);
    expect(enNumber(headline(document, 'Active job seekers preferring it'))).toBe(row.active_applicants_preferring);
  });

  it('a seeker count under k is shown withheld (x), and so is the openings per seeker computed from it — never 0', async () => {
    const period = await latestPeriod();
    const published = await api<OccupationApiRow>(`/api/v1/occupation-demand?period=${period}&region=32.73&occupation=72&isco_level=3&sort=isco_code`);
    const withheld = published.filter((r) => r.withheld.includes('active_applicants_preferring'));
    expect(withheld.length).toBeGreaterThan(0);
    const { document } = await page('/occupations/72?region=32.73&lang=en');
    const shown = figureTable(document, 'occupation-children');
    for (const r of withheld) {
      const cells = shown.find((c) => c[0].startsWith(`${r.isco_code} `))!;
      expect(cells.slice(3), r.isco_code).toEqual(['x', 'x']);
    }
    expect(document.querySelector('#fig-occupation-children .marks')?.textContent).toContain('x = withheld for confidentiality');
  });
});
