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
