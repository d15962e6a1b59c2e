// Bench step: the dashboards under load. A Sinergi server and a bare Express "hello" server
// run in their own processes and are loaded with 20 connections, gzip accepted as browsers
// do. Figures: first render of every page (empty page cache, one at a time on an otherwise
// idle server), cached pages p50/p99 and throughput, the hello route's throughput and the
// ratio.
//
// The load tool: wrk (C, Debian package `wrk`) when it is installed, else autocannon. On a
// 2-core machine the load generator shares the CPU with the server, and autocannon (one
// JavaScript process) saturates its core parsing 20–60 kB pages long before the server does
// (measured: server at 27 % CPU), so its throughput ratio measures autocannon, not Sinergi.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../../core/config.ts';
import { reportStep } from '../measure.ts';

const { db, seconds } = JSON.parse(process.argv[2]) as { db: string; seconds: number };
export const PAGE_URLS = ['/', '/skills', '/gaps', '/regions', '/regions/32', '/regions/32.73', '/occupations', '/occupations/72', '/matching', '/training', '/seekers', '/methodology', '/?lang=en', '/gaps?region=35&lang=en',
  // Exploring (issue 17): a skill's page nationally and for a province, search, regions compared.
  '/skills/welding', '/skills/welding?region=32', '/search?q=las', '/compare?regions=32,35', '/occupations/7212?region=32'];

function startProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk;
      const m = ready.exec(out);
      if (m) resolve({ child, url: m[1] });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => { out += chunk; });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out.slice(-500)}`)));
  });
}

interface Load { p50: number; p99: number; rps: number; errors: number }

const hasWrk = (() => { try { execFileSync('wrk', ['--version'], { stdio: 'ignore' }); return true; } catch (e) { return (e as { status?: number }).status === 1; } })();

async function load(url: string, paths: string[]): Promise<Load> {
  return hasWrk ? loadWithWrk(url, paths) : loadWithAutocannon(url, paths);
}

async function loadWithAutocannon(url: string, paths: string[]): Promise<Load> {
  const r = await autocannon({
    url, connections: 20, duration: seconds,
    headers: { 'accept-encoding': 'gzip, deflate, br' },
    requests: paths.map((p) => ({ method: 'GET', path: p })),
  });
  return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, errors: r.errors + r.non2xx };
}

function loadWithWrk(url: string, paths: string[]): Load {
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sinergi-wrk-')), 'pages.lua');
  fs.writeFileSync(script, `local paths = {${paths.map((p) => JSON.stringify(p)).join(', ')}}
local i = 0
wrk.headers["Accept-Encoding"] = "gzip, deflate, br"
request = function() i = i % #paths + 1; return wrk.format(nil, paths[i]) end
local bad = 0
response = function(status) if status ~= 200 then bad = bad + 1 end end
done = function() io.write("non200 ", bad, "\\n") end
`);
  const out = execFileSync('wrk', ['-t1', '-c20', `-d${seconds}s`, '--latency', '-s', script, url], { encoding: 'utf8' });
  const ms = (label: string) => {
    const m = new RegExp(`${label}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!m) return NaN;
    return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
  };
  return { p50: ms('50'), p99: ms('99'), rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]), errors: Number(/non200 (\d+)/.exec(out)?.[1] ?? 0) + Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) };
}

const port = 3900 + Math.floor(Math.random() * 50);
const sinergi = await startProcess([path.join(PROJECT_ROOT, 'bin', 'sinergi.js'), 'serve', '--db', db, '--port', String(port)], { SINERGI_LOG_LEVEL: 'warn', SINERGI_WARM: 'off' }, /serving .* on (http:\/\/localhost:\d+)/);
const hello = await startProcess(['--input-type=module', '-e', `
  import express from 'express';
  const app = express();
  app.get('/', (_req, res) => res.send('hello'));
  const s = app.listen(0, () => console.log('hello on http://localhost:' + s.address().port));
`], {}, /hello on (http:\/\/localhost:\d+)/);

try {
  // Open the warehouse once and wait for what opening it starts (the counsellor's desk builds
  // its index: /match answers once it is built), then time each page's first render with
  // nothing cached and nothing else running (warming after publish is off, SINERGI_WARM).
  await (await fetch(`${sinergi.url}/data`)).text();
  await (await fetch(`${sinergi.url}/match`)).text();
  const firstRender: Record<string, number> = {};
  for (const p of PAGE_URLS) {
    const started = performance.now();
    const res = await fetch(`${sinergi.url}${p}`);
    await res.text();
    if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
    firstRender[p] = Math.round(performance.now() - started);
  }
  const cached = await load(sinergi.url, PAGE_URLS);
  const bare = await load(hello.url, ['/']);
  reportStep({
    firstRender,
    tool: hasWrk ? 'wrk' : 'autocannon',
    cached,
    hello: bare,
  });
} finally {
  sinergi.child.kill();
  hello.child.kill();
}
