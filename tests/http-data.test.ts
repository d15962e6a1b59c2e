// GET /data/<dataset>.csv as a client sees it: status, headers, body; bad filters are 400,
// unknown codes 404, never a 500 or a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { silentLogger } from '../core/log.ts';
import { startServer } from '../server/serve.ts';
import { createSandbox, runFiles, vacanciesCsv, type Sandbox } from './helpers/pipeline.ts';

let sandbox: Sandbox;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  sandbox = createSandbox();
  const seekers = 'seeker_id,registered_date,province_code,regency_code,skills\n' +
    Array.from({ length: 7 }, (_, i) => `P${i},2025-03-0${i + 1},32,32.73,las`).join('\n') + '\n' +
    Array.from({ length: 5 }, (_, i) => `Q${i},2025-03-0${i + 1},35,35.78,las`).join('\n') + '\nR1,2025-03-02,35,35.15,las\n';
  await runFiles(sandbox, { 'vacancies.csv': vacanciesCsv([{ posted_date: '2025-03-03' }, { posted_date: '2025-03-04', province_code: '35', regency_code: '35.78' }]), 'seekers.csv': seekers });
  server = await startServer({ db: sandbox.db, port: 0, minCell: 5 }, silentLogger());
});
afterAll(async () => { await server.close(); sandbox.cleanup(); });

const get = (path: string) => fetch(`${server.url}${path}`);

describe('GET /data/<dataset>.csv', () => {
  it('answers the filtered rows as a CSV attachment named for the dataset, filters and as-of date, with an ETag', async () => {
    const res = await get('/data/labour-market-monthly.csv?period=2025-03&region=ID');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="labour-market-monthly_period-2025-03_region-ID_\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get('etag')).toMatch(/^".+"$/);
    const records = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ period: '2025-03', region_code: 'ID', region_name: 'Indonesia', region_level: 'national', active_openings: '2', new_applicants: '13', withheld: '' });
  });

  it('writes withheld cells empty and names them in the withheld column', async () => {
    // One seeker in Sidoarjo: 1 < k = 5. Surabaya's 5 go too, or 6 (Jawa Timur) − 5 would give Sidoarjo's 1.
    const [sidoarjo] = parse(await (await get('/data/labour-market-monthly.csv?period=2025-03&region=35.15')).text(), { columns: true }) as Record<string, string>[];
    expect(sidoarjo.new_applicants).toBe('');
    expect(sidoarjo.withheld.split(';')).toEqual(expect.arrayContaining(['new_applicants', 'active_applicants', 'active_ratio', 'new_ratio']));
    const [surabaya] = parse(await (await get('/data/labour-market-monthly.csv?period=2025-03&region=35.78')).text(), { columns: true }) as Record<string, string>[];
    expect(surabaya.new_applicants).toBe('');
    // The provinces go too (issue 19): Sidoarjo is Jawa Timur's only rural regency, so the
    // country's rural count is Sidoarjo's 1; hiding it hides the country's urban count, then
    // Jawa Barat's urban count, which is all of Jawa Barat (7): withheld, and Jawa Timur (6)
    // beside it so the country's 13 does not give it away.
    for (const region of ['32', '35']) {
      const [province] = parse(await (await get(`/data/labour-market-monthly.csv?period=2025-03&region=${region}`)).text(), { columns: true }) as Record<string, string>[];
      expect(province.new_applicants, region).toBe('');
      expect(province.withheld.split(';'), region).toContain('new_applicants');
    }
    const rural = parse(await (await get('/data/seeker-profile.csv?period=2025-03&region=ID&dimension=area_type')).text(), { columns: true }) as Record<string, string>[];
    expect(rural.map((r) => [r.category, r.new_applicants])).toEqual(expect.arrayContaining([['rural', ''], ['urban', '']]));
  });

  it.each([
    ['/data/labour-market-monthly.csv?period=2025-3', 400, 'invalid period: "2025-3" (must be a month written YYYY-MM)'],
    ['/data/labour-market-monthly.csv?region=Jabar', 400, 'invalid region: "Jabar"'],
    ['/data/labour-market-monthly.csv?from=2025-05&to=2025-01', 400, 'from (2025-05) is after to (2025-01)'],
    ['/data/labour-market-monthly.csv?skill=welding', 400, 'filter "skill" is not available for dataset labour-market-monthly'],
    ['/data/labour-market-monthly.csv?period=2025-01&period=2025-02', 400, 'period must be given once'],
    ['/data/skill-gaps.csv?skill=underwater-basket-weaving', 404, 'unknown skill: "underwater-basket-weaving"'],
    ['/data/labour-market-monthly.csv?region=99.99', 404, 'unknown region: "99.99"'],
    ['/data/no-such-dataset.csv', 404, 'unknown dataset'],
  ])('%s → %i', async (path, status, message) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    const body = await res.text();
    expect(body).toContain(message);
    expect(body).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('before any data is published', () => {
  it('answers 503 with a plain message, not a 500', async () => {
    const empty = createSandbox();
    const bare = await startServer({ db: empty.db, port: 0, minCell: 5 }, silentLogger());
    try {
      const page = await fetch(`${bare.url}/data/skill-gaps.csv`);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('no data has been published yet');
      const api = await fetch(`${bare.url}/api/v1/skill-gaps`);
      expect(await api.json()).toMatchObject({ error: { status: 503 } });
    } finally {
      await bare.close();
      empty.cleanup();
    }
  });
});
