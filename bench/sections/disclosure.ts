// Bench section of disclosure control (issue 19, issue 20 point 14): what deciding the
// withholding once per warehouse costs the marts step, and what a request costs now that it
// only reads the already-withheld table.
//
// In `npm run bench` (bench/run.ts): the `marts/privacy: …` steps of the bench's own run and
// per-request times on its warehouse. Alone, with a before/after comparison:
//   flock /tmp/sinergi-heavy.lock nice -n 5 node --import tsx bench/sections/disclosure.ts \
//     --db /work/bench-full/bench.duckdb [--before /work/main] [--requests 30]
// copies the warehouse (the original is not written), times publishWithheld on the copy, and
// times the same requests with the checkout given by --before (its core/query.ts, on the
// original file) and with this one (on the copy). Then it rounds the same copy instead
// (SINERGI_DISCLOSURE=round, a random key) and times publishing and the requests again, so the
// two methods are compared on one warehouse.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rows as readRows, run } from '../../core/duckdb.ts';
import { publishWithheld, roundingKey, type Disclosure } from '../../core/privacy/index.ts';
import { pads } from '../../pipelines/ingest/pseudonym.ts';
import { queryDataset } from '../../core/query.ts';
import { openWarehouse, type OpenWarehouse } from '../../core/warehouse.ts';

export interface BenchRow { benchmark: string; figure: string; target: string; ok: boolean | null }

type Query = typeof queryDataset;
interface Request { name: string; dataset: string; filters: Record<string, string> }

async function requestsFor(warehouse: OpenWarehouse): Promise<Request[]> {
  const [{ period }] = await readRows<{ period: string }>(warehouse.connection, 'SELECT max(period) AS period FROM dim_period');
  return [
    { name: 'labour-market-monthly, 1 month, all regions', dataset: 'labour-market-monthly', filters: { period } },
    { name: 'seeker-profile, 1 month, 1 province', dataset: 'seeker-profile', filters: { period, region: '32' } },
    { name: 'skill-gaps, 1 month, the regencies of 35', dataset: 'skill-gaps', filters: { period, parent: '35' } },
    { name: 'skill-gaps, 1 month, 1 regency', dataset: 'skill-gaps', filters: { period, region: '35.78' } },
    { name: 'skill-gaps by occupation 72, 1 month, province 35', dataset: 'skill-gaps', filters: { period, occupation: '72', region: '35' } },
  ];
}

/** p50 and p95 in ms of each request, asked `times` times (a first call warms DuckDB's caches). */
async function timeRequests(query: Query, warehouse: OpenWarehouse, requests: Request[], times: number, minCell: number): Promise<Record<string, { p50: number; p95: number; rows: number }>> {
  const out: Record<string, { p50: number; p95: number; rows: number }> = {};
  for (const r of requests) {
    const answer = await query(warehouse.connection, r.dataset, r.filters, { minCell });
    const samples: number[] = [];
    for (let i = 0; i < times; i++) {
      const started = performance.now();
      await query(warehouse.connection, r.dataset, r.filters, { minCell });
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    out[r.name] = { p50: samples[Math.floor(times / 2)], p95: samples[Math.min(times - 1, Math.floor(times * 0.95))], rows: answer.rows.length };
  }
  return out;
}

/** Rows for `npm run bench`: the privacy step of the bench's run and request times on its warehouse. */
export async function disclosureRows(options: { db: string; steps: { step: string; seconds: number }[]; requests?: number }): Promise<BenchRow[]> {
  const marts = options.steps.find((s) => s.step === 'marts')?.seconds ?? 0;
  const parts = options.steps.filter((s) => s.step.startsWith('marts/privacy'));
  const privacy = parts.reduce((n, s) => n + s.seconds, 0);
  const warehouse = await openWarehouse(options.db, { readOnly: true });
  try {
    const times = await timeRequests(queryDataset, warehouse, await requestsFor(warehouse), options.requests ?? 20, 5);
    return [
      { benchmark: 'disclosure: withholding decided at build (marts/privacy)', figure: `${privacy.toFixed(1)} s of ${marts.toFixed(1)} s marts (${marts ? ((privacy / marts) * 100).toFixed(0) : '-'} %): ${parts.map((s) => `${s.step.slice('marts/privacy: '.length)} ${s.seconds.toFixed(1)}`).join(', ')}`, target: '-', ok: null },
      ...Object.entries(times).map(([name, t]) => ({ benchmark: `  request ${name}`, figure: `p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms (${t.rows} rows)`, target: 'p95 ≤ 50 ms', ok: t.p95 <= 50 })),
    ];
  } finally {
    warehouse.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
  const db = arg('db') ?? '/work/bench-full/bench.duckdb';
  const requests = Number(arg('requests') ?? 30);
  const before = arg('before');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinergi-bench-disclosure-'));
  try {
    const copy = path.join(dir, 'bench.duckdb');
    fs.copyFileSync(db, copy);
    const rowsOut: BenchRow[] = [];
    const publish = async (disclosure: Disclosure) => {
      const building = await openWarehouse(copy, { memoryLimit: process.env.SINERGI_MEMORY_LIMIT ?? '3GB' });
      try {
        const started = performance.now();
        const steps: string[] = [];
        const result = await publishWithheld(building.connection, 5, (name, seconds) => steps.push(`${name} ${seconds.toFixed(1)}`), disclosure);
        const seconds = (performance.now() - started) / 1000;
        await run(building.connection, `INSERT OR REPLACE INTO meta VALUES ('min_cell', '5'), ('disclosure', '${disclosure.method}')`);
        return { result, seconds, steps };
      } finally {
        building.close();
      }
    };
    const suppressed = await publish({ method: 'suppress' });
    rowsOut.push({ benchmark: 'disclosure: publishWithheld on the full warehouse (added to marts)', figure: `${suppressed.seconds.toFixed(1)} s: ${suppressed.steps.join(', ')}`, target: '-', ok: null });
    rowsOut.push({ benchmark: '  cells, relations, primary, withheld, passes', figure: `${suppressed.result.cells.toLocaleString('en')}, ${suppressed.result.relations.toLocaleString('en')}, ${suppressed.result.primary.toLocaleString('en')}, ${suppressed.result.withheld.toLocaleString('en')}, ${suppressed.result.passes}`, target: '-', ok: null });
    const after = await openWarehouse(copy, { readOnly: true });
    const requestList = await requestsFor(after);
    const afterTimes = await timeRequests(queryDataset, after, requestList, requests, 5);
    after.close();
    let beforeTimes: Awaited<ReturnType<typeof timeRequests>> | undefined;
    if (before) {
      const module = await import(path.join(path.resolve(before), 'core', 'query.ts')) as { queryDataset: Query };
      const original = await openWarehouse(db, { readOnly: true });
      beforeTimes = await timeRequests(module.queryDataset, original, requestList, requests, 5);
      original.close();
    }
    for (const r of requestList) {
      const a = afterTimes[r.name];
      const b = beforeTimes?.[r.name];
      rowsOut.push({
        benchmark: `  request ${r.name}`,
        figure: `${b ? `before p50 ${b.p50.toFixed(1)} ms (${b.rows} rows), ` : ''}after p50 ${a.p50.toFixed(1)} ms, p95 ${a.p95.toFixed(1)} ms (${a.rows} rows)${b ? `: ${(b.p50 / a.p50).toFixed(1)}× faster` : ''}`,
        target: 'p95 ≤ 50 ms', ok: a.p95 <= 50,
      });
    }
    // The same warehouse rounded instead (a random key: the bench publishes nothing).
    const rounded = await publish({ method: 'round', key: roundingKey(pads(crypto.randomBytes(32))) });
    rowsOut.push({ benchmark: 'disclosure: SINERGI_DISCLOSURE=round on the same warehouse', figure: `${rounded.seconds.toFixed(1)} s (suppress ${suppressed.seconds.toFixed(1)} s, ${(rounded.seconds / suppressed.seconds).toFixed(2)}×): ${rounded.steps.join(', ')}; ${rounded.result.rounded.toLocaleString('en')} of ${rounded.result.cells.toLocaleString('en')} cells moved`, target: '-', ok: null });
    const roundedWarehouse = await openWarehouse(copy, { readOnly: true });
    const roundTimes = await timeRequests(queryDataset, roundedWarehouse, requestList, requests, 5);
    roundedWarehouse.close();
    for (const r of requestList) {
      const t = roundTimes[r.name];
      rowsOut.push({ benchmark: `  request ${r.name} (rounded)`, figure: `p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms (${t.rows} rows; suppress p50 ${afterTimes[r.name].p50.toFixed(1)} ms)`, target: 'p95 ≤ 50 ms', ok: t.p95 <= 50 });
    }
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    for (const r of rowsOut) console.log(`| ${r.benchmark} | ${r.figure} | ${r.target} | ${r.ok === null ? '' : r.ok ? 'yes' : 'NO'} |`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main(process.argv.slice(2));
