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
server.on('request', (req, res) => {
  const t = performance.now();
  res.on('finish', () => {
    const k = `${res.statusCode} ${req.url!.split('?')[0]}`;
    let a = hist.get(k); if (!a) hist.set(k, a = []);
    a.push(performance.now() - t);
  });
});
let connections = 0;
server.on('connection', () => { connections++; });
const gc = { n: 0, total: 0, max: 0, major: 0 };
new PerformanceObserver((list) => { for (const e of list.getEntries()) { gc.n++; gc.total += e.duration; gc.max = Math.max(gc.max, e.duration); if ((e as unknown as { detail?: { kind?: number } }).detail?.kind === 4) gc.major++; } }).observe({ entryTypes: ['gc'] });
let maxWait = 0; let maxBusy = 0;
setInterval(() => { const s = warehouse.stats; maxWait = Math.max(maxWait, s.waiting); maxBusy = Math.max(maxBusy, s.busy); }, 5).unref();
const report = () => {
  const q = (a: number[], p: number) => a[Math.min(a.length - 1, Math.floor(a.length * p))].toFixed(1);
  for (const [k, a] of [...hist].sort()) { a.sort((x, y) => x - y); console.log(`${k.padEnd(45)} n=${a.length} p50=${q(a, 0.5)} p99=${q(a, 0.99)} max=${a.at(-1)!.toFixed(1)}`); }
  console.log(`event loop delay p50 ${(loop.percentile(50) / 1e6).toFixed(1)} p99 ${(loop.percentile(99) / 1e6).toFixed(1)} max ${(loop.max / 1e6).toFixed(1)} ms; leases max busy ${maxBusy} max waiting ${maxWait}; cache ${cache.size} entries ${Math.round(cache.bytes / 1e6)} MB; rss ${Math.round(process.memoryUsage().rss / 1e6)} MB; new connections ${connections}; gc ${gc.n} pauses (${gc.major} major) ${gc.total.toFixed(0)} ms in all, longest ${gc.max.toFixed(1)} ms`);
  connections = 0; Object.assign(gc, { n: 0, total: 0, max: 0, major: 0 });
  hist.clear(); loop.reset(); maxWait = 0; maxBusy = 0;
};
process.on('SIGUSR2', report);
process.on('SIGINT', () => { report(); process.exit(0); });
