// Bench step: the counsellor's desk at full size. A Sinergi server in its own process
// (bench/steps/match-server.ts) opens the warehouse at start, which builds the desk's index
// (its build time and size are taken from the server's log line); then the first search,
// national searches with 8 skills over HTTP one at a time (p50/p99), and under load from
// wrk (throughput, p50/p99).
// Profiles: 8 skills drawn (seeded) from the 120 most asked-for skills, education varied.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../core/config.ts';
import { rows } from '../../core/duckdb.ts';
import { openWarehouse } from '../../core/warehouse.ts';
import { reportStep } from '../measure.ts';

const { db, requests, seconds, connections, port: fixedPort } = JSON.parse(process.argv[2]) as { db: string; requests: number; seconds: number; connections: number; port?: number };

async function profiles(n: number): Promise<string[]> {
  const warehouse = await openWarehouse(db, { readOnly: true });
  try {
    const skills = (await rows<{ skill_id: string }>(warehouse.connection, `
      SELECT k.skill_id FROM (SELECT unnest(kset) AS sx FROM match_vacancy) v JOIN match_skill k USING (sx)
      GROUP BY k.skill_id ORDER BY count(*) DESC, k.skill_id LIMIT 120`)).map((r) => r.skill_id);
    let state = 7;
    const random = () => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
    const education = ['SMA', 'SMK', 'D3', 'S1', 'SMP'];
    return Array.from({ length: n }, (_, i) => {
      const chosen = new Set<string>();
      while (chosen.size < 8) chosen.add(skills[Math.floor(random() ** 1.5 * skills.length)]);
      return `/api/v1/match?skills=${encodeURIComponent([...chosen].join(','))}&education=${education[i % education.length]}&region=ID`;
    });
  } finally {
    warehouse.close();
  }
}

interface Built { seconds: number; mb: number; postings: number; vacancies: number }

function startServer(): Promise<{ kill(): void; url: string; peakRssMb(): number; built: Promise<Built & { sinceStartMs: number }> }> {
  // A port of the caller's own range when given (a shared machine), else one of 3950–3989.
  const port = fixedPort ?? 3950 + Math.floor(Math.random() * 40);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'bench', 'steps', 'match-server.ts'), db, String(port)], {
      cwd: PROJECT_ROOT, env: { ...process.env, SINERGI_LOG_LEVEL: 'info', SINERGI_API_RATE_LIMIT: '1000000' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let log = '';
    let onBuilt: (b: Built & { sinceStartMs: number }) => void = () => {};
    const built = new Promise<Built & { sinceStartMs: number }>((done) => { onBuilt = done; });
    const onData = (chunk: Buffer) => { out += chunk; const m = /serving .* on (http:\/\/localhost:\d+)/.exec(out); if (m) resolve({ kill: () => child.kill(), url: m[1], built, peakRssMb: () => Math.round(Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024) }); };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      out += chunk;
      log += chunk;
      const line = log.split('\n').find((l) => l.includes('"match index built"'));
      if (line) { onBuilt({ ...(JSON.parse(line) as Built), sinceStartMs: performance.now() - started }); log = ''; }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out.slice(-500)}`)));
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

function wrk(url: string, paths: string[]): { p50: number; p99: number; rps: number; errors: number } {
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sinergi-wrk-')), 'match.lua');
  fs.writeFileSync(script, `local paths = {${paths.map((p) => JSON.stringify(p)).join(', ')}}
local i = 0
request = function() i = i % #paths + 1; return wrk.format(nil, paths[i]) end
local bad = 0
response = function(status) if status ~= 200 then bad = bad + 1 end end
done = function() io.write("non200 ", bad, "\\n") end
`);
  const out = execFileSync('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, url], { encoding: 'utf8' });
  const ms = (label: string) => {
    const m = new RegExp(`${label}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return m ? Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1) : NaN;
  };
  return { p50: ms('50'), p99: ms('99'), rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]), errors: Number(/non200 (\d+)/.exec(out)?.[1] ?? 0) };
}

const paths = await profiles(60);
const server = await startServer();
try {
  const built = await server.built;
  let started = performance.now();
  const first = await fetch(`${server.url}${paths[0]}`);
  if (first.status !== 200) throw new Error(`the desk answered ${first.status}: ${await first.text()}`);
  const body = await first.json() as { active_vacancies: number; qualified: { total: number }; near_misses: { total: number } };
  const firstMs = performance.now() - started;
  const times: number[] = [];
  let qualified = 0;
  for (let i = 0; i < requests; i++) {
    started = performance.now();
    const res = await fetch(`${server.url}${paths[i % paths.length]}`);
    const answer = await res.json() as { qualified: { total: number } };
    times.push(performance.now() - started);
    qualified += answer.qualified.total;
  }
  times.sort((a, b) => a - b);
  let hasWrk = true;
  try { execFileSync('wrk', ['--version'], { stdio: 'ignore' }); } catch (e) { hasWrk = (e as { status?: number }).status === 1; }
  reportStep({
    index: built, firstMs, activeVacancies: body.active_vacancies, meanQualified: qualified / requests,
    sequential: { p50: percentile(times, 0.5), p99: percentile(times, 0.99), requests },
    load: hasWrk ? wrk(server.url, paths) : null,
    serverPeakRssMb: server.peakRssMb(),
  });
} finally {
  server.kill();
}
