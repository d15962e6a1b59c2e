// employment_type as a filter (issue 16): labour-market-monthly, skill-gaps, skill-trends and
// occupation-demand take their demand side from vacancies of that type and their supply side
// from every seeker, as for a sector. Every expected value is counted by hand below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/log.ts';
import { createApp } from '../server/app.ts';
import { createWarehouseReader } from '../server/warehouse.ts';
import { createSandbox, runFiles, type Sandbox } from './helpers/pipeline.ts';

// All in Kota Bandung (32.73). No employer and no description: none of them is a duplicate.
const vacancies = `vacancy_id,posted_date,expiry_date,status,employment_type,applications,province_code,regency_code,openings,skills,education_min,occupation_code,job_title
A1,2025-03-03,,open,magang,40,32,32.73,5,welding-smaw,SMK,7212,Magang Juru Las
A2,2025-02-10,2025-03-31,open,apprenticeship,9,32,32.73,3,electrical-installation,SMK,7411,Magang Teknisi Listrik
F1,2025-03-05,,open,full-time,,32,32.73,2,welding-smaw,SMK,7212,Tukang Las
F2,2025-03-01,,open,full-time,,32,32.73,1,microsoft-excel,SMA,4110,Staf Administrasi
C1,2025-03-10,,open,contract,12,32,32.73,4,welding-smaw,SMK,7212,Juru Las Kontrak
`;
const seeker = (i: number, skills: string, occupation: string) => `AK-${i},2025-03-01,active,32,32.73,SMK,${skills},1999,L,${occupation}`;
const seekers = ['seeker_id,registered_date,status,province_code,regency_code,education_level,skills,birth_year,gender,preferred_occupation_code',
  ...[1, 2, 3, 4, 5, 6].map((i) => seeker(i, 'welding-smaw', '7212')),
  ...[7, 8, 9, 10, 11].map((i) => seeker(i, 'microsoft-excel', '4110'))].join('\n') + '\n';
// AK-1 to AK-5 take A1's five apprenticeship places.
const placements = ['seeker_id,vacancy_id,placement_date', ...[1, 2, 3, 4, 5].map((i) => `AK-${i},A1,2025-03-20`)].join('\n') + '\n';

let sandbox: Sandbox;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  sandbox = createSandbox();
  const result = await runFiles(sandbox, { 'vacancies_types.csv': vacancies, 'seekers_types.csv': seekers, 'placements_types.csv': placements });
  expect(result.files.map((f) => [f.rows_loaded, f.rows_quarantined])).toEqual([[5, 0], [11, 0], [5, 0]]);
  const warehouse = createWarehouseReader(sandbox.db, silentLogger());
  const app = createApp({ warehouse, minCell: 5, logger: silentLogger() });
  const server = await new Promise<import('node:http').Server>((resolve) => { const s = app.listen(0, () => resolve(s)); });
  url = `http://localhost:${(server.address() as { port: number }).port}`;
  close = () => new Promise((resolve) => server.close(() => { warehouse.close().then(resolve, resolve); }));
});
afterAll(async () => { await close(); sandbox.cleanup(); });

async function api(path: string): Promise<{ status: number; body: { rows: Record<string, unknown>[]; error?: { message: string; parameter: string } } }> {
  const res = await fetch(`${url}${path}`);
  return { status: res.status, body: await res.json() as never };
}

describe('employment_type filter', () => {
  it('answers /api/v1/skill-gaps?employment_type=apprenticeship with demand from apprenticeships and supply from every seeker', async () => {
    const { status, body } = await api('/api/v1/skill-gaps?employment_type=apprenticeship&period=2025-03&region=32.73');
    expect(status).toBe(200);
    const by = Object.fromEntries(body.rows.map((r) => [r.skill_id, r]));
    // welding: A1 5 openings (F1 and C1 are other types); supply: S1–S6 = 6 seekers, as without the filter
    expect(by['welding-smaw']).toMatchObject({ demand: 5, supply: 6, unmet_openings: 0 });
    // electrical installation: A2 (posted in February, open until 31 March) 3 openings; nobody holds it
    expect(by['electrical-installation']).toMatchObject({ demand: 3, supply: 0, unmet_openings: 3 });
    // microsoft excel: no apprenticeship asks for it; its supply (S7–S11) stays
    expect(by['microsoft-excel']).toMatchObject({ demand: 0, supply: 5 });
    const all = await api('/api/v1/skill-gaps?period=2025-03&region=32.73&skill=welding-smaw');
    expect(all.body.rows[0]).toMatchObject({ demand: 11, supply: 6 }); // A1 5 + F1 2 + C1 4
  });

  it('filters labour-market-monthly: openings and applications of the type, applicants of all', async () => {
    const { status, body } = await api('/api/v1/labour-market-monthly?employment_type=apprenticeship&period=2025-03&region=32.73');
    expect(status).toBe(200);
    // new: A1 5; active: A1 5 + A2 3 = 8; applicants: all 11 seekers; applications per opening of March's
    // new apprenticeships that count them: 40 / 5 = 8
    expect(body.rows[0]).toMatchObject({ new_openings: 5, active_openings: 8, new_applicants: 11, active_applicants: 11, applications_per_opening: 8 });
    expect(body.rows[0].active_ratio).toBeCloseTo(8 / 11, 12);
    const contract = await api('/api/v1/labour-market-monthly?employment_type=contract&period=2025-03&region=32.73');
    expect(contract.body.rows[0]).toMatchObject({ new_openings: 4, active_openings: 4, applications_per_opening: 3 }); // C1: 12 / 4
    const all = await api('/api/v1/labour-market-monthly?period=2025-03&region=32.73');
    expect(all.body.rows[0]).toMatchObject({ new_openings: 12, active_openings: 15, active_applicants: 11 });
  });

  it('gives labour-market-monthly of a type over any span of months, with its fill rate', async () => {
    // No period: every month of data (February and March 2025), as without the filter.
    const { status, body } = await api('/api/v1/labour-market-monthly?employment_type=apprenticeship&region=32.73');
    expect(status).toBe(200);
    // February: A2 posted (3); March: A1 new (5), A1 + A2 active (8). Five placements into A1's five places:
    // fill rate 5 / 5; placements and the placement rate are every seeker's (5 / 11 new applicants).
    expect(body.rows.map((r) => [r.period, r.new_openings, r.active_openings])).toEqual([['2025-02', 3, 3], ['2025-03', 5, 8]]);
    expect(body.rows[1]).toMatchObject({ placements: 5, fill_rate: 1 });
    expect(body.rows[1].placement_rate).toBeCloseTo(5 / 11, 12);
    const contract = await api('/api/v1/labour-market-monthly?employment_type=contract&period=2025-03&region=32.73');
    expect(contract.body.rows[0]).toMatchObject({ placements: 5, fill_rate: 0 }); // C1: none of its 4 places taken
    const all = await api('/api/v1/labour-market-monthly?period=2025-03&region=32.73');
    expect(all.body.rows[0].fill_rate).toBeCloseTo(5 / 12, 12);
    // longer than the twelve months a filter computed from the facts may span
    const long = await api('/api/v1/labour-market-monthly?employment_type=apprenticeship&from=2024-01&to=2025-03&region=32');
    expect(long.status).toBe(200);
    expect(long.body.rows.map((r) => r.active_openings)).toEqual([3, 8]);
  });

  it('filters occupation-demand and skill-trends', async () => {
    // Jawa Barat (all of it is Kota Bandung): seekers preferring an occupation are published for provinces, not regencies.
    const od = await api('/api/v1/occupation-demand?employment_type=apprenticeship&period=2025-03&region=32&isco_level=4');
    expect(od.status).toBe(200);
    const by = Object.fromEntries(od.body.rows.map((r) => [r.isco_code, r]));
    // 7212: A1 5 (F1 and C1 are other types), 6 seekers prefer it; 7411: A2 3; 4110: no apprenticeship, 5 seekers prefer it
    expect(by['7212']).toMatchObject({ new_openings: 5, active_openings: 5, active_applicants_preferring: 6 });
    expect(by['7411']).toMatchObject({ new_openings: 0, active_openings: 3, active_applicants_preferring: 0 });
    expect(by['4110']).toMatchObject({ new_openings: 0, active_openings: 0, active_applicants_preferring: 5 });
    const st = await api('/api/v1/skill-trends?employment_type=apprenticeship&period=2025-03&region=32.73');
    expect(st.status).toBe(200);
    expect(Object.fromEntries(st.body.rows.map((r) => [r.skill_id, r.new_openings_requiring]))).toEqual({ 'welding-smaw': 5, 'electrical-installation': 0 });
  });

  it('refuses an unknown type with a 400 naming the parameter', async () => {
    const { status, body } = await api('/api/v1/skill-gaps?employment_type=slavery&period=2025-03');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ parameter: 'employment_type' });
  });
});

describe('/apprenticeships', () => {
  it('shows the magang places open, their occupations, regions, applications per place and skills', async () => {
    const { parsePage } = await import('./helpers/html.ts');
    const res = await fetch(`${url}/apprenticeships?period=2025-03&region=32&lang=en`);
    expect(res.status).toBe(200);
    const page = parsePage(await res.text());
    const headlines = [...page.querySelectorAll('.headline')].map((h) => `${h.querySelector('.label')!.textContent}: ${h.querySelector('.value')!.textContent}`);
    // Jawa Barat, March: A1 5 + A2 3 places active, A1's 5 new; 40 applications for A1's 5 places
    expect(headlines).toEqual(['Apprenticeship places open: 8', 'New places: 5', 'Applications per place: 8.0']);
    const rowsOf = (id: string) => [...page.querySelectorAll(`#fig-${id} tbody tr`)].map((tr) => [...tr.querySelectorAll('td, th')].map((c) => c.textContent!.trim()));
    expect(rowsOf('apprenticeship-occupations').map((r) => [r[0].slice(0, 4), r[1]])).toEqual([['7212', '5'], ['7411', '3']]);
    expect(rowsOf('apprenticeship-regions').map((r) => r.slice(0, 3))).toEqual([['Kota Bandung', '8', '5']]);
    expect(rowsOf('apprenticeship-skills').map((r) => r.slice(1, 2))).toEqual([['5'], ['3']]);
    const id = parsePage(await (await fetch(`${url}/apprenticeships?period=2025-03&lang=id`)).text());
    expect(id.querySelector('h1')!.textContent).toBe('Pemagangan (magang)');
    expect([...id.querySelectorAll('nav a')].some((a) => a.getAttribute('href') === '/apprenticeships')).toBe(true);
  });
});

describe('pages with the employment type filter', () => {
  it('offer it on /skills, /gaps and /occupations, and their figures follow it', async () => {
    const { parsePage } = await import('./helpers/html.ts');
    for (const path of ['/skills', '/gaps', '/occupations']) {
      const res = await fetch(`${url}${path}?period=2025-03&region=32.73&employment_type=apprenticeship&lang=en`);
      expect(res.status, path).toBe(200);
      const page = parsePage(await res.text());
      const select = page.querySelector('select[name="employment_type"]')!;
      expect(select.querySelector('option[selected]')?.getAttribute('value'), path).toBe('apprenticeship');
      expect(page.querySelector('.scope')?.textContent, path).toContain('Employment type: Apprenticeship (magang)');
    }
    // /occupations, major groups of the apprenticeship places: 7 (craft and related trades) holds A1 (7212) 5 + A2 (7411) 3 = 8
    const occupations = parsePage(await (await fetch(`${url}/occupations?period=2025-03&region=32.73&employment_type=apprenticeship&lang=en`)).text());
    const craft = [...occupations.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td, th')].map((c) => c.textContent!.trim())).find((r) => r.some((c) => c.includes('Craft and related trades')));
    expect(craft).toContain('8');
    const bad = await fetch(`${url}/skills?employment_type=slavery`);
    expect(bad.status).toBe(400);
  });
});

describe('the overview with an employment type', () => {
  it('follows it in its headlines, ratio series and map, and says what it does', async () => {
    const { parsePage } = await import('./helpers/html.ts');
    const res = await fetch(`${url}/?period=2025-03&region=32.73&employment_type=apprenticeship&lang=en`);
    expect(res.status).toBe(200);
    const page = parsePage(await res.text());
    expect(page.querySelector('select[name="employment_type"] option[selected]')?.getAttribute('value')).toBe('apprenticeship');
    expect(page.querySelector('.scope')?.textContent).toContain('Employment type: Apprenticeship (magang)');
    expect(page.body.textContent).toContain('Employment type Apprenticeship (magang): openings, the ratio, the shortages and the map count only vacancies of that type');
    const headline = (label: string) => [...page.querySelectorAll('.headline')].find((h) => h.querySelector('.label')!.textContent === label)!;
    // March, Kota Bandung: A1 5 + A2 3 apprenticeship places active, 11 job seekers (all of them), 8 / 11 = 0.73
    expect(headline('Active openings').querySelector('.value')!.textContent).toBe('8');
    expect(headline('New openings').querySelector('.value')!.textContent).toBe('5');
    expect(headline('Active job seekers').querySelector('.value')!.textContent).toBe('11');
    expect(headline('Active job seekers').textContent).toContain('all job seekers, of every employment type');
    expect(headline('Openings per job seeker').querySelector('.value')!.textContent).toBe('0.73');
    // the ratio's series over every month: February 3 places (no job seeker yet), March 8
    const ratioRows = [...page.querySelectorAll('#fig-ratio tbody tr')].map((tr) => [...tr.querySelectorAll('td, th')].map((c) => c.textContent!.trim()));
    expect(ratioRows.map((r) => r.slice(1, 3))).toEqual([['3', '0'], ['8', '11']]);
    // the map: Jawa Barat's apprenticeship places
    const mapRows = [...page.querySelectorAll('#fig-map tbody tr')].map((tr) => [...tr.querySelectorAll('td, th')].map((c) => c.textContent!.trim()));
    expect(mapRows.find((r) => r[0] === 'Jawa Barat')?.[1]).toBe('8');
    // and the downloads carry the filter
    expect([...page.querySelectorAll('#fig-ratio a')].some((a) => a.getAttribute('href')?.includes('employment_type=apprenticeship'))).toBe(true);
    const all = parsePage(await (await fetch(`${url}/?period=2025-03&region=32.73&lang=en`)).text());
    expect([...all.querySelectorAll('.headline')].find((h) => h.querySelector('.label')!.textContent === 'Active openings')!.querySelector('.value')!.textContent).toBe('15');
    expect(all.body.textContent).not.toContain('count only vacancies of that type');
  });
});
