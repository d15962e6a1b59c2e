// Where a page's first render spends its time: every DuckDB query it runs (SQL, time,
// rows) and the rest (charts, templates, gzip), one page after another on an empty page
// cache, in this process (no warming, nothing else running on the server).
//
//   node --import tsx bench/profile-pages.ts --db FILE [--top N] PATH...
//
// Prints per page: total ms, query ms and count, the rest, then the slowest queries.
import type { AddressInfo } from 'node:net';
import { DuckDBConnection } from '@duckdb/node-api';
import { silentLogger } from '../core/log.ts';
import { createApp } from '../server/app.ts';
import { createPageCache } from '../server/cache.ts';
import { createWarehouseReader } from '../server/warehouse.ts';

const args = process.argv.slice(2);
const option = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : undefined; };
const db = option('--db');
const top = Number(option('--top') ?? 8);
if (!db || args.length === 0) { console.error('usage: profile-pages.ts --db FILE [--top N] PATH...'); process.exit(64); }

interface Timed { sql: string; ms: number; rows: number }
let log: Timed[] = [];
const original = DuckDBConnection.prototype.runAndReadAll;
DuckDBConnection.prototype.runAndReadAll = async function (this: DuckDBConnection, ...a: Parameters<typeof original>) {
  const started = performance.now();
  const reader = await original.apply(this, a);
  log.push({ sql: String(a[0]).replace(/\s+/g, ' ').trim(), ms: performance.now() - started, rows: reader.currentRowCount });
  return reader;
};

const warehouse = createWarehouseReader(db, silentLogger());
// A new app (and so an empty page cache) per page: each path renders from empty, as after a publish.
async function serve() {
  const server = createApp({ warehouse, minCell: 5, logger: silentLogger(), cache: createPageCache() }).listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, base: `http://localhost:${(server.address() as AddressInfo).port}` };
}
const opening = await serve();
await (await fetch(`${opening.base}/data`)).text();
await (await fetch(`${opening.base}/match`)).text();  // the desk's index, built on opening
opening.server.close();

for (const path of args) {
  const { server, base } = await serve();
  log = [];
  const started = performance.now();
  const res = await fetch(`${base}${path}`, { headers: { 'accept-encoding': 'gzip' } });
  await res.arrayBuffer();
  const total = performance.now() - started;
  server.close();
  const queries = log.reduce((s, q) => s + q.ms, 0);
  console.log(`\n${path}  status ${res.status}  total ${total.toFixed(0)} ms  queries ${queries.toFixed(0)} ms (${log.length})  rest ${(total - queries).toFixed(0)} ms`);
  const grouped = new Map<string, { ms: number; n: number; rows: number }>();
  for (const q of log) {
    const key = q.sql.slice(0, 150);
    const g = grouped.get(key) ?? { ms: 0, n: 0, rows: 0 };
    g.ms += q.ms; g.n += 1; g.rows += q.rows;
    grouped.set(key, g);
  }
  for (const [sql, g] of [...grouped].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) console.log(`  ${g.ms.toFixed(1).padStart(7)} ms ×${g.n} rows ${g.rows}  ${sql}`);
}
await warehouse.close();
