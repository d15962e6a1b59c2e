// The server in-process, for finding where time goes under load (issue 20, point 14):
//   node [--cpu-prof] --import tsx bench/server-probe.ts WAREHOUSE [PORT]
// then load it (wrk) and `kill -USR2 <pid>`: per-route latency inside the handler (from
// the request event to the response's finish), event-loop delay, the most connections busy
// and requests waiting for one, the cache's size and the RSS — then all reset. SIGINT
// prints once more and exits (so --cpu-prof writes its profile). RATE sets the API limit.
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { createLogger } from '../core/log.ts';
import { createApp } from '../server/app.ts';
import { createPageCache } from '../server/cache.ts';
import { createWarehouseReader } from '../server/warehouse.ts';

const db = process.argv[2];
const port = Number(process.argv[3] ?? 3999);
const logger = createLogger('warn');
const warehouse = createWarehouseReader(db, logger);
const cache = createPageCache();
const app = createApp({ warehouse, minCell: 10, logger, requestsPerMinute: Number(process.env.RATE ?? 1_000_000), cache });
const server = app.listen(port, () => console.log('serving'));
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const hist = new Map<string, number[]>();
// Per connection, the time from one response's finish to the next request on it: the
// client's turn (read the response, send the next) plus any wait before the server reads.
const turns: number[] = [];
const lastFinish = new WeakMap<object, number>();
server.on('request', (req, res) => {
  const t = performance.now();
  const before = lastFinish.get(req.socket);
  if (before !== undefined) turns.push(t - before);
  const acceptedAt = accepted.get(req.socket);
  if (acceptedAt !== undefined) accepted.delete(req.socket);
  res.on('finish', () => {
    if (acceptedAt !== undefined) firsts.push({ wait: t - acceptedAt, handler: performance.now() - t, at: acceptedAt - firstAccept });
    lastFinish.set(req.socket, performance.now());
    const k = `${res.statusCode} ${req.url!.split('?')[0]}`;
    let a = hist.get(k); if (!a) hist.set(k, a = []);
    a.push(performance.now() - t);
  });
});
let connections = 0;
// A connection's first request: how long after the connection was accepted it arrived, and
// how long its handler took (a turn of the connection that the gap below does not cover).
const accepted = new WeakMap<object, number>();
const firsts: { wait: number; handler: number; at: number }[] = [];
let firstAccept = 0;
server.on('connection', (socket) => { connections++; const t = performance.now(); if (!firstAccept) firstAccept = t; accepted.set(socket, t); });
const gc = { n: 0, total: 0, max: 0, major: 0 };
new PerformanceObserver((list) => { for (const e of list.getEntries()) { gc.n++; gc.total += e.duration; gc.max = Math.max(gc.max, e.duration); if ((e as unknown as { detail?: { kind?: number } }).detail?.kind === 4) gc.major++; } }).observe({ entryTypes: ['gc'] });
let maxWait = 0; let maxBusy = 0;
setInterval(() => { const s = warehouse.stats; maxWait = Math.max(maxWait, s.waiting); maxBusy = Math.max(maxBusy, s.busy); }, 5).unref();
const report = () => {
  const q = (a: number[], p: number) => a[Math.min(a.length - 1, Math.floor(a.length * p))].toFixed(1);
  for (const [k, a] of [...hist].sort()) { a.sort((x, y) => x - y); console.log(`${k.padEnd(45)} n=${a.length} p50=${q(a, 0.5)} p99=${q(a, 0.99)} max=${a.at(-1)!.toFixed(1)}`); }
  console.log(`event loop delay p50 ${(loop.percentile(50) / 1e6).toFixed(1)} p99 ${(loop.percentile(99) / 1e6).toFixed(1)} max ${(loop.max / 1e6).toFixed(1)} ms; leases max busy ${maxBusy} max waiting ${maxWait}; cache ${cache.size} entries ${Math.round(cache.bytes / 1e6)} MB; rss ${Math.round(process.memoryUsage().rss / 1e6)} MB; new connections ${connections}; gc ${gc.n} pauses (${gc.major} major) ${gc.total.toFixed(0)} ms in all, longest ${gc.max.toFixed(1)} ms`);
  turns.sort((x, y) => x - y);
  if (turns.length) console.log(`between a response's finish and the next request on its connection: n=${turns.length} p50=${q(turns, 0.5)} p99=${q(turns, 0.99)} p99.9=${q(turns, 0.999)} max=${turns.at(-1)!.toFixed(1)} ms; over 500 ms: ${turns.filter((x) => x > 500).length}`);
  turns.length = 0;
  if (firsts.length) {
    const w = firsts.map((f) => f.wait).sort((x, y) => x - y); const h = firsts.map((f) => f.handler).sort((x, y) => x - y); const a = firsts.map((f) => f.at).sort((x, y) => x - y);
    const by = (ms: number) => a.filter((x) => x <= ms).length;
    console.log(`first requests of ${firsts.length} connections: accepted over ${a.at(-1)!.toFixed(0)} ms (by 10 ms ${by(10)}, 100 ms ${by(100)}, 500 ms ${by(500)}, 1 s ${by(1000)}, 2 s ${by(2000)}, 3 s ${by(3000)}); accept to request p50 ${q(w, 0.5)} max ${w.at(-1)!.toFixed(1)} ms; handler p50 ${q(h, 0.5)} max ${h.at(-1)!.toFixed(1)} ms`);
    firsts.length = 0; firstAccept = 0;
  }
  connections = 0; Object.assign(gc, { n: 0, total: 0, max: 0, major: 0 });
  hist.clear(); loop.reset(); maxWait = 0; maxBusy = 0;
};
process.on('SIGUSR2', report);
process.on('SIGINT', () => { report(); process.exit(0); });
