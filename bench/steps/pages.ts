// Bench step: the dashboards under load. A Sinergi server and a bare Express "hello" server
// run in their own processes; this process drives them with autocannon (20 connections).
// Figures: first render of every page (empty page cache), cached pages p50/p99 and
// throughput, the hello route's throughput and the ratio.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../../core/config.ts';
import { reportStep } from '../measure.ts';

const { db, seconds } = JSON.parse(process.argv[2]) as { db: string; seconds: number };
export const PAGE_URLS = ['/', '/skills', '/gaps', '/regions', '/regions/32', '/regions/32.73', '/occupations', '/occupations/72', '/matching', '/training', '/seekers', '/methodology', '/?lang=en', '/gaps?region=35&lang=en'];

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

const load = (url: string, paths: string[]) => autocannon({
  url, connections: 20, duration: seconds,
  // As browsers do: pages are sent gzipped (precompressed in the page cache).
  headers: { 'accept-encoding': 'gzip, deflate, br' },
  requests: paths.map((p) => ({ method: 'GET', path: p })),
});

const port = 3900 + Math.floor(Math.random() * 50);
const sinergi = await startProcess([path.join(PROJECT_ROOT, 'bin', 'sinergi.js'), 'serve', '--db', db, '--port', String(port)], { SINERGI_LOG_LEVEL: 'warn' }, /serving .* on (http:\/\/localhost:\d+)/);
const hello = await startProcess(['--input-type=module', '-e', `
  import express from 'express';
  const app = express();
  app.get('/', (_req, res) => res.send('hello'));
  const s = app.listen(0, () => console.log('hello on http://localhost:' + s.address().port));
`], {}, /hello on (http:\/\/localhost:\d+)/);

try {
  // Open the warehouse once, then time each page's first render (nothing cached yet).
  await (await fetch(`${sinergi.url}/data`)).text();
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
    cached: { p50: cached.latency.p50, p99: cached.latency.p99, rps: cached.requests.average, errors: cached.errors + cached.non2xx },
    hello: { p50: bare.latency.p50, p99: bare.latency.p99, rps: bare.requests.average },
  });
} finally {
  sinergi.child.kill();
  hello.child.kill();
}
