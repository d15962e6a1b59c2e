// What one uncached request asks DuckDB: the dimension tables (dim_region, dim_period, …)
// are read once per data version, whichever of pages, API and downloads comes first, and
// never again for the same version; codes are checked against them with no query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/log.ts';
import { startServer } from '../server/serve.ts';
import { createSandbox, runFiles, vacanciesCsv, type Sandbox } from './helpers/pipeline.ts';
import { recordStatements, type StatementLog } from './helpers/statements.ts';

let sandbox: Sandbox;
let server: Awaited<ReturnType<typeof startServer>>;
let log: StatementLog;

beforeAll(async () => {
  sandbox = createSandbox();
  const seekers = 'seeker_id,registered_date,province_code,regency_code,skills\n' +
    Array.from({ length: 7 }, (_, i) => `P${i},2025-03-0${i + 1},32,32.73,las`).join('\n') + '\n';
  await runFiles(sandbox, { 'vacancies.csv': vacanciesCsv([{ posted_date: '2025-03-03' }, { posted_date: '2025-03-04', province_code: '35', regency_code: '35.78' }]), 'seekers.csv': seekers });
  server = await startServer({ db: sandbox.db, port: 0, minCell: 5 }, silentLogger());
  log = recordStatements();
});
afterAll(async () => { log?.restore(); await server.close(); sandbox.cleanup(); });

const get = (path: string) => fetch(`${server.url}${path}`);
/** Statements that read a dimension table by itself (a lookup, not a join inside a data query). */
const lookups = (table: string) => log.statements.filter((s) => new RegExp(`^\\s*SELECT[^]*?\\sFROM ${table}\\b`).test(s) && !/\bJOIN\b/.test(s));

describe('one uncached request', () => {
  it('GET /gaps reads dim_region once, and checks the region code with no query of its own', async () => {
    log.clear();
    const res = await get('/gaps?region=32&period=2025-03');
    expect(res.status).toBe(200);
    console.log('gaps', log.count(/\bdim_region\b/), lookups('dim_region').length, log.statements.length);
    for (const s of log.statements.filter((s) => /dim_region/.test(s))) console.log('---', s.slice(0, 300));
  });
  it('the API', async () => {
    log.clear();
    const res = await get('/api/v1/skill-gaps?region=32&period=2025-03');
    expect(res.status).toBe(200);
    console.log('api', log.count(/\bdim_region\b/), lookups('dim_region').length, log.statements.length);
    for (const s of log.statements) console.log('---', s.slice(0, 200));
  });
  it('downloads', async () => {
    log.clear();
    const res = await get('/data/skill-gaps.csv?region=32&period=2025-03');
    expect(res.status).toBe(200);
    await res.text();
    console.log('data', log.count(/\bdim_region\b/), lookups('dim_region').length, log.statements.length);
    for (const s of log.statements) console.log('---', s.slice(0, 200));
  });
});
