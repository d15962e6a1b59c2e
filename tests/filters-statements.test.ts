// What one uncached request asks DuckDB: the dimension tables (dim_region, dim_period, …)
// are read once per data version, by whichever of pages, API, downloads and the match desk
// comes first, and not again until a new warehouse is published; codes are checked against
// them with no query of their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/log.ts';
import { startServer } from '../server/serve.ts';
import { createSandbox, runFiles, vacanciesCsv, type Sandbox } from './helpers/pipeline.ts';
import { recordStatements, type StatementLog } from './helpers/statements.ts';

let sandbox: Sandbox;
let server: Awaited<ReturnType<typeof startServer>>;
let log: StatementLog;

const seekers = (n: number) => 'seeker_id,registered_date,province_code,regency_code,skills\n' +
  Array.from({ length: n }, (_, i) => `P${i},2025-03-0${(i % 9) + 1},32,32.73,las`).join('\n') + '\n';

beforeAll(async () => {
  sandbox = createSandbox();
  await runFiles(sandbox, { 'vacancies.csv': vacanciesCsv([{ posted_date: '2025-03-03' }, { posted_date: '2025-03-04', province_code: '35', regency_code: '35.78' }]), 'seekers.csv': seekers(7) });
  server = await startServer({ db: sandbox.db, port: 0, minCell: 5 }, silentLogger());
  log = recordStatements();
});
afterAll(async () => { log?.restore(); await server.close(); sandbox.cleanup(); });

const get = (path: string) => fetch(`${server.url}${path}`);
const dimRegion = /\bdim_region\b/;

describe('one uncached request', () => {
  it('GET /gaps (the first since the server started) reads dim_region once, and checks the region with no query', async () => {
    const res = await get('/gaps?region=32&period=2025-03');
    expect(res.status).toBe(200);
    expect(log.count(dimRegion)).toBe(1);
    expect(log.count(/\bdim_period\b/)).toBe(1);
  });

  it('the API and downloads for the same data version read no dimension table', async () => {
    log.clear();
    const api = await get('/api/v1/skill-gaps?region=32.73&period=2025-03&skill=welding-smaw');
    expect(api.status).toBe(200);
    const csv = await get('/data/skill-gaps.csv?region=32&from=2025-01');
    expect(csv.status).toBe(200);
    await csv.text();
    const gaps = await get('/gaps?region=35&period=2025-03');
    expect(gaps.status).toBe(200);
    expect(log.statements.filter((s) => /\bdim_(region|period|isco|skill)\b/.test(s))).toEqual([]);
    // an unknown code is still a 404 naming the parameter, with no query
    const unknown = await get('/api/v1/skill-gaps?region=99.99');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { status: 404, parameter: 'region', message: 'unknown region: "99.99"' } });
    expect(log.count(dimRegion)).toBe(0);
  });

  it('a newly published warehouse is a new data version: its dimensions are read again, once', async () => {
    await runFiles(sandbox, { 'seekers-2.csv': seekers(9).replace(/P(\d)/g, 'S$1') });
    log.clear();
    const res = await get('/gaps?region=32&period=2025-03&lang=en');
    expect(res.status).toBe(200);
    expect(log.count(dimRegion)).toBe(1);
  });
});
