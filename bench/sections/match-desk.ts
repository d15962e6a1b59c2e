// `npm run bench` section for the counsellor's desk (issue 15): a national search with 8
// skills at full size, p50 ≤ 50 ms, p99 ≤ 200 ms, ≥ 100 requests/s. Also runs on its own:
//   node --import tsx bench/sections/match-desk.ts --db FILE [--seconds 10] [--connections 8] [--port P]
// (FILE: a warehouse built with match_vacancy, e.g. a copy of the bench's rebuilt with `sinergi build`).
import { measureStep } from '../measure.ts';

export interface BenchRow { benchmark: string; figure: string; target: string; ok: boolean | null }

interface MatchFigures {
  index: { seconds: number; mb: number; postings: number; vacancies: number; sinceStartMs: number };
  firstMs: number; activeVacancies: number; meanQualified: number;
  sequential: { p50: number; p99: number; requests: number };
  load: { p50: number; p99: number; rps: number; errors: number } | null;
  serverPeakRssMb: number;
}

export async function matchDeskBench(db: string, options: { seconds?: number; requests?: number; connections?: number; port?: number } = {}): Promise<BenchRow[]> {
  const step = await measureStep('match', { db, requests: options.requests ?? 300, seconds: options.seconds ?? 10, connections: options.connections ?? 8, port: options.port });
  const f = step.output as MatchFigures;
  const rows: BenchRow[] = [
    { benchmark: 'match desk: index built when the server opens the warehouse (as after a publish)', figure: `${f.index.seconds.toFixed(1)} s for ${f.index.vacancies.toLocaleString('en')} vacancies, ${f.index.postings.toLocaleString('en')} postings, ${f.index.mb} MB of arrays; ready ${(f.index.sinceStartMs / 1000).toFixed(1)} s after the server started`, target: 'built at publish, not per request', ok: null },
    { benchmark: 'match desk: first search (after the index is built)', figure: `${Math.round(f.firstMs)} ms (${f.activeVacancies.toLocaleString('en')} active vacancies in the month); server peak RSS ${f.serverPeakRssMb} MB`, target: '-', ok: null },
    { benchmark: `match desk: national search, 8 skills, one at a time (${f.sequential.requests} requests)`, figure: `p50 ${f.sequential.p50.toFixed(1)} ms, p99 ${f.sequential.p99.toFixed(1)} ms (mean ${Math.round(f.meanQualified)} qualified)`, target: 'p50 ≤ 50 ms, p99 ≤ 200 ms', ok: f.sequential.p50 <= 50 && f.sequential.p99 <= 200 },
  ];
  if (f.load) {
    rows.push({ benchmark: `match desk: national search under load (wrk, ${options.connections ?? 8} connections)`, figure: `${Math.round(f.load.rps)} req/s, p50 ${f.load.p50} ms, p99 ${f.load.p99} ms, ${f.load.errors} errors`, target: '≥ 100 req/s, p50 ≤ 50 ms, p99 ≤ 200 ms', ok: f.load.rps >= 100 && f.load.p50 <= 50 && f.load.p99 <= 200 && f.load.errors === 0 });
  } else {
    rows.push({ benchmark: 'match desk: under load', figure: 'wrk not installed', target: '≥ 100 req/s', ok: null });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
  const db = arg('db');
  if (!db) { console.error('usage: node --import tsx bench/sections/match-desk.ts --db FILE [--seconds 10] [--connections 8] [--port P]'); process.exit(64); }
  const rows = await matchDeskBench(db, { seconds: Number(arg('seconds') ?? 10), connections: Number(arg('connections') ?? 8), port: arg('port') === undefined ? undefined : Number(arg('port')) });
  for (const r of rows) console.log(`| ${r.benchmark} | ${r.figure} | ${r.target} | ${r.ok === null ? '' : r.ok ? 'yes' : 'NO'} |`);
}
