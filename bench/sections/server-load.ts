// Bench section "server under load" (issue 20, server points 0 and 14; issue 14, full
// downloads): a `sinergi serve` process over a warehouse, loaded with wrk at 200
// connections — cached pages, cached-shape API queries, a mixed load — with the server's
// RSS after each load; 20 parallel filtered downloads compared with the serial one; and a
// full download built once then served from its file. Beside them, a bare Node HTTP server
// answering a fixed 30 kB body under the same wrk: the ceiling any one Node process reaches
// on this machine at that moment (the machine is shared, so the ratio to it is the figure
// that compares across runs), and the load average while measuring.
//
// Each load starts once its 200 connections are open (each connection's first request
// waits WARM_START_MS): Node 20 (libuv ≥ 1.45) accepts one connection per event-loop turn,
// and a turn of a saturated server serves every busy connection (~30 ms at 200), so 200
// connections opened at once into a loaded server are accepted over 4–6 s; the first
// request of the last ones waits that long in the kernel's accept queue, and wrk's
// coordinated-omission correction (stats_correct) back-fills each such sample with one
// synthetic sample per mean interval, which alone made the mixed p99 1–3 s. That start is
// still measured, as its own row ("opened at once"), beside a bare Node server costing
// the same CPU per request under the same start, which shows the same tail.
//
// Alone: node --import tsx bench/sections/server-load.ts --db FILE [--seconds 60]
// (the warehouse is only read: it is linked into a temporary folder, where the server also
// keeps its built downloads).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../core/config.ts';

export interface Row { benchmark: string; figure: string; target: string; ok: boolean | null }

const PAGES = ['/', '/skills', '/gaps', '/regions', '/regions/32', '/occupations', '/matching', '/training', '/seekers', '/methodology', '/?lang=en', '/gaps?region=35&lang=en'];
const API = [
  '/api/v1/skill-gaps?period=2025-06&region=32&limit=100', '/api/v1/labour-market-monthly?from=2025-01&to=2025-12&limit=100',
  '/api/v1/seeker-profile?period=2025-06&limit=100', '/api/v1/skill-gaps?period=2025-06&parent=35&limit=1000',
  '/api/v1/occupation-demand?period=2025-06&limit=100', '/api/v1/skill-trends?from=2025-01&to=2025-06&limit=500',
];
const DOWNLOAD = '/data/skill-gaps.csv?period=2025-06&parent=35';

interface Load { p50: number; p99: number; max: number; rps: number; requests: number; non2xx: number; timeouts: number; errors: number }

/** How long each connection's first request waits, so that the load starts with every connection accepted. */
export const WARM_START_MS = 1500;

/**
 * wrk at `connections` connections over `paths` in turn. With `warmStart` (the default),
 * each connection's first request waits WARM_START_MS (the first delay() calls of a wrk
 * thread are its connections' first requests), and req/s counts the time after it.
 */
function wrk(url: string, paths: string[], seconds: number, options: { connections?: number; warmStart?: boolean } = {}): Load {
  const connections = options.connections ?? 200;
  const threads = 2;
  const warm = options.warmStart ?? true;
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sinergi-wrk-')), 'load.lua');
  fs.writeFileSync(script, `local paths = {${paths.map((p) => JSON.stringify(p)).join(', ')}}
local i = 0
wrk.headers["Accept-Encoding"] = "gzip"
request = function() i = i % #paths + 1; return wrk.format(nil, paths[i]) end
${warm ? `local calls = 0
delay = function() calls = calls + 1; if calls <= ${Math.ceil(connections / threads)} then return ${WARM_START_MS} end; return 0 end
` : ''}`);
  const out = execFileSync('wrk', [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '--latency', '-s', script, url], { encoding: 'utf8' });
  fs.rmSync(path.dirname(script), { recursive: true, force: true });
  const ms = (value: string | undefined, unit: string | undefined) => Number(value) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 1);
  const latency = (re: RegExp) => { const m = re.exec(out); return m ? ms(m[1], m[2]) : NaN; };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const done = /(\d+) requests in ([\d.]+)(us|ms|s|m)\b/.exec(out);
  return {
    p50: latency(/50%\s+([\d.]+)(us|ms|s)/), p99: latency(/99%\s+([\d.]+)(us|ms|s)/),
    max: latency(/Latency\s+[\d.]+\w+\s+[\d.]+\w+\s+([\d.]+)(us|ms|s)/),
    rps: done ? Number(done[1]) / ((ms(done[2], done[3]) - (warm ? WARM_START_MS : 0)) / 1000) : NaN, requests: Number(done?.[1] ?? NaN),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    timeouts: socket ? Number(socket[4]) : 0, errors: socket ? Number(socket[1]) + Number(socket[2]) + Number(socket[3]) : 0,
  };
}

/** CPU time a process has used (user and system; /proc counts in USER_HZ, 100 a second on Linux), ms. */
const cpuMs = (pid: number) => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };

const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

let serverOutput = '';

function startServer(db: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'sinergi.js'), 'serve', '--db', db, '--port', String(port)], {
      cwd: PROJECT_ROOT, env: { ...process.env, SINERGI_LOG_LEVEL: 'info', SINERGI_API_RATE_LIMIT: '1000000' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => { out += chunk; serverOutput = out.slice(-20000); if (/serving/i.test(out)) resolve(child); });
    child.stderr!.on('data', (chunk: Buffer) => { out += chunk; serverOutput = out.slice(-20000); });
    child.on('exit', (code, signal) => { serverOutput += `\n[server exited: ${code ?? signal}]`; reject(new Error(`server exited with ${code}: ${out.slice(-500)}`)); });
  });
}

/**
 * A bare Node HTTP server (no Express, no routing) answering one fixed 30 kB body, after
 * spending spinMs of its own CPU time on each request when asked (to cost what a Sinergi
 * request costs; CPU time, not wall time, as the machine is shared).
 */
function startHello(port: number, spinMs = 0): Promise<ChildProcess> {
  const code = `const b = Buffer.alloc(30000, 97); const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
require('node:http').createServer((q, r) => { if (${spinMs} > 0) { const t = cpu(); while (cpu() - t < ${spinMs}); } r.setHeader('content-type', 'text/html'); r.end(b); }).listen(${port}, () => console.log('serving'));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.once('data', () => resolve(child));
    child.once('error', reject);
  });
}

/** wrk against the bare server, with the CPU time it used per request (ms). */
async function wrkHello(port: number, seconds: number, spinMs: number, warmStart: boolean): Promise<Load & { cpuPerRequest: number }> {
  const hello = await startHello(port, spinMs);
  try {
    const before = cpuMs(hello.pid!);
    const result = wrk(`http://localhost:${port}`, ['/'], seconds, { warmStart });
    return { ...result, cpuPerRequest: (cpuMs(hello.pid!) - before) / result.requests };
  } finally { hello.kill(); }
}

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

const fmt = (l: Load) => `${Math.round(l.rps)} req/s, p50 ${l.p50.toFixed(0)} ms, p99 ${l.p99.toFixed(0)} ms, max ${l.max.toFixed(0)} ms, ${l.non2xx} non-2xx, ${l.timeouts} time-outs`;

/** One GET on a connection of its own (a pooled keep-alive socket the server closed while wrk ran would fail the read). */
function timed(url: string): Promise<{ ms: number; body: Buffer; status: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => resolve({ ms: performance.now() - started, body: Buffer.concat(parts), status: res.statusCode ?? 0 }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

export async function serverLoadBench(options: { db: string; seconds?: number }): Promise<Row[]> {
  const seconds = options.seconds ?? 60;
  try { execFileSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' }); } catch {
    return [{ benchmark: 'server under load (wrk, 200 connections)', figure: 'not measured: wrk is not installed (apt-get install wrk)', target: '-', ok: null }];
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinergi-bench-server-'));
  const db = path.join(dir, 'warehouse.duckdb');
  fs.symlinkSync(path.resolve(options.db), db);
  const port = 3950 + Math.floor(Math.random() * 40);
  const url = `http://localhost:${port}`;
  const server = await startServer(db, port);
  const rows: Row[] = [];
  try {
    // The warm-up after start (pages, full CSVs, bundle) runs in the background; loads are
    // measured after it, when /data shows the bundle's size (it is built last).
    const warmStarted = performance.now();
    while (performance.now() - warmStarted < 600_000 && !/sinergi-datasets\.zip">[^<]*<\/a> <small class="size">/.test((await timed(`${url}/data`)).body.toString())) await new Promise((resolve) => setTimeout(resolve, 2000));
    const builds = [...serverOutput.matchAll(/"file":"[^"]*\/([^"/]+)","bytes":(\d+),"seconds":([\d.]+),"msg":"full download built"/g)];
    rows.push({ benchmark: 'warm-up after start: full downloads built in the background', figure: `${builds.map((m) => `${m[1]} ${(Number(m[2]) / 1e6).toFixed(1)} MB in ${m[3]} s`).join(', ')}; all done after ${((performance.now() - warmStarted) / 1000).toFixed(0)} s`, target: '-', ok: null });
    const rss0 = rssMb(server.pid!);
    const serial = await timed(`${url}${DOWNLOAD}`);
    const parallel = await Promise.all(Array.from({ length: 20 }, () => timed(`${url}${DOWNLOAD}`)));
    const whole = parallel.filter((p) => p.status === 200 && p.body.equals(serial.body)).length;
    rows.push({ benchmark: `20 parallel downloads of ${DOWNLOAD} (${serial.body.toString().split('\n').length - 2} rows)`, figure: `${whole}/20 identical to the serial one; serial ${serial.ms.toFixed(0)} ms, slowest parallel ${Math.max(...parallel.map((p) => p.ms)).toFixed(0)} ms`, target: '20/20', ok: whole === 20 });

    for (const p of [...PAGES, ...API]) await timed(`${url}${p}`);
    const pages = wrk(url, PAGES, seconds);
    const rssPages = rssMb(server.pid!);
    rows.push({ benchmark: 'pages, cached, wrk 200 connections', figure: fmt(pages), target: 'no errors', ok: pages.non2xx === 0 && pages.timeouts === 0 });
    const api = wrk(url, API, seconds);
    const rssApi = rssMb(server.pid!);
    rows.push({ benchmark: 'API, cached-shape queries, wrk 200 connections', figure: fmt(api), target: '≥ 500 req/s', ok: api.rps >= 500 && api.non2xx === 0 });
    // Pages and API (a download's cost is measured above, under its own concurrency).
    const mixed = [...PAGES, ...API];
    const loadBefore = load();
    const mixed1 = wrk(url, mixed, seconds);
    const rssMixed1 = rssMb(server.pid!);
    const cpuBefore = cpuMs(server.pid!);
    const mixed2 = wrk(url, mixed, seconds);
    const mixedCpu = (cpuMs(server.pid!) - cpuBefore) / mixed2.requests;
    const rssMixed2 = rssMb(server.pid!);
    // The same mixed load with its 200 connections opened at once into the loaded server
    // (wrk's default start): the accept queue's drain shows as a tail of seconds.
    const coldMixed = wrk(url, mixed, seconds, { warmStart: false });
    // The peers, measured right after: the same wrk against a bare Node server, then the
    // same costing the server's CPU time per request in the mixed load, connections opened at once.
    const helloPort = port + 50;
    const peer = await wrkHello(helloPort, seconds, 0, true);
    const spinMs = Math.max(0, mixedCpu - peer.cpuPerRequest);
    const coldPeer = await wrkHello(helloPort, seconds, spinMs, false);
    const ok = (l: Load) => l.p99 <= 500 && l.timeouts === 0 && l.non2xx === 0;
    rows.push(
      { benchmark: 'mixed (pages and API), wrk 200 connections', figure: fmt(mixed1), target: 'p99 ≤ 500 ms', ok: ok(mixed1) },
      { benchmark: '  the same again', figure: fmt(mixed2), target: 'p99 ≤ 500 ms', ok: ok(mixed2) },
      { benchmark: '  the same, its 200 connections opened at once into the loaded server (accepted one per event-loop turn)', figure: fmt(coldMixed), target: '-', ok: null },
      { benchmark: 'peer: bare Node http, one 30 kB body, same wrk', figure: fmt(peer), target: '-', ok: null },
      { benchmark: `peer costing the server's CPU a request in the mixed load (${mixedCpu.toFixed(2)} ms: ${spinMs.toFixed(2)} ms spent more), connections opened at once`, figure: `${fmt(coldPeer)}; ${coldPeer.cpuPerRequest.toFixed(2)} ms CPU a request`, target: '-', ok: null },
      { benchmark: 'mixed / peer (throughput; p99)', figure: `${Math.round((100 * mixed2.rps) / peer.rps)} % of its req/s; p99 ${(mixed2.p99 / peer.p99).toFixed(2)}× its p99`, target: '-', ok: null },
      { benchmark: 'load average (1, 5, 15 min) before the mixed loads, after the peers', figure: `${loadBefore}; ${load()} on ${os.cpus().length} cores (shared machine)`, target: '-', ok: null },
      { benchmark: 'server RSS: start → pages → API → mixed → mixed', figure: `${rss0} → ${rssPages} → ${rssApi} → ${rssMixed1} → ${rssMixed2} MB`, target: 'last load grows ≤ 10 %', ok: rssMixed2 <= rssMixed1 * 1.1 },
    );

    for (const p of ['/data/skill-gaps.csv', '/data/sinergi-datasets.zip']) {
      const first = await timed(`${url}${p}`);
      const second = await timed(`${url}${p}`);
      rows.push({ benchmark: `full download ${p} from its file, twice`, figure: `${first.ms.toFixed(0)} ms, then ${second.ms.toFixed(0)} ms (${(second.body.length / 1e6).toFixed(1)} MB, same bytes: ${first.body.equals(second.body)})`, target: '≤ 2 s', ok: second.ms <= 2000 && first.body.equals(second.body) });
    }
  } catch (error) {
    console.error(`server-load bench failed; rows so far: ${JSON.stringify(rows)}\nserver output: ${serverOutput}`);
    throw error;
  } finally {
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
  const db = arg('db');
  if (!db) { console.error('usage: node --import tsx bench/sections/server-load.ts --db FILE [--seconds 60]'); process.exit(2); }
  const rows = await serverLoadBench({ db, seconds: Number(arg('seconds') ?? 60) });
  for (const r of rows) console.log(`| ${r.benchmark} | ${r.figure} | ${r.target} | ${r.ok === null ? '' : r.ok ? 'yes' : 'NO'} |`);
}
