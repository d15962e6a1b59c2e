// `npm run bench`: the speed figures each issue names, printed as a table.
// Full size is the DESIGN §8 target: 1 M vacancies and 2 M seekers over 24 months.
import fs from 'node:fs';
import path from 'node:path';
import { benchHostileIngest } from './sections/hostile-ingest.ts';
import { PROJECT_ROOT } from '../core/config.ts';
import type { GenerateResult } from '../pipelines/generate/index.ts';
import { qualityRows } from './sections/quality.ts';
import { disclosureRows } from './sections/disclosure.ts';
import { measureStep } from './measure.ts';
import { matchDeskBench } from './sections/match-desk.ts';
import { matchingBenchmarks } from './sections/matching.ts';
import { ingestSeconds as runIngestSeconds, runSpeedBench, SCALING } from './sections/run-speed.ts';

export interface BenchOptions {
  scale: number;
  /** A folder of extracts made before (e.g. the full-size ones) instead of generating them. */
  extracts?: string;
  /** Fractions of the scale for the cost-per-row table (issue 18); [] for none. */
  scaling?: number[];
}

interface Row { benchmark: string; figure: string; target: string; ok: boolean | null }

export async function runBenchmarks(options: BenchOptions): Promise<number> {
  const scale = options.scale > 0 ? options.scale : 1;
  const out = path.join(PROJECT_ROOT, 'bench', 'out');
  fs.rmSync(out, { recursive: true, force: true });
  const rows: Row[] = [];
  const vacancies = Math.round(1_000_000 * scale);
  const seekers = Math.round(2_000_000 * scale);

  console.log(`Benchmarks at scale ${scale} (${vacancies.toLocaleString('en')} vacancies, ${seekers.toLocaleString('en')} seekers), ${new Date().toISOString()}\n`);
  const gen = options.extracts
    ? { seconds: 0, peakRssMb: 0, output: reusedExtracts(options.extracts) }
    : await measureStep('generate', { vacancies, seekers, months: 24, end: '2025-12', seed: 1, out: path.join(out, 'extracts'), format: 'csv' });
  const result = gen.output as GenerateResult;
  const totalRows = result.files.reduce((n, f) => n + f.rows, 0);
  const megabytes = result.files.reduce((n, f) => n + f.bytes, 0) / 1e6;
  if (!options.extracts) rows.push(
    { benchmark: 'generate: wall time', figure: `${gen.seconds.toFixed(1)} s`, target: scale === 1 ? '≤ 90 s' : '-', ok: scale === 1 ? gen.seconds <= 90 : null },
    { benchmark: 'generate: rows/s', figure: `${Math.round(totalRows / gen.seconds).toLocaleString('en')} (${totalRows.toLocaleString('en')} rows, ${megabytes.toFixed(0)} MB)`, target: '-', ok: null },
    { benchmark: 'generate: peak RSS', figure: `${gen.peakRssMb} MB`, target: '≤ 1536 MB', ok: gen.peakRssMb <= 1536 },
  );

  const ingest = await measureStep('ingest', { input: options.extracts ?? path.join(out, 'extracts'), db: path.join(out, 'warehouse', 'bench.duckdb') });
  const ingestOut = ingest.output as {
    files: { file: string; rows_read: number; seconds: number; timings: Record<string, number> }[]; steps: { step: string; seconds: number }[];
    matching: { status: string; skillSets: number; pairs: number; largestSkillSet: number; seconds: { read: number; compute: number; write: number } };
  };
  const stepSeconds = (name: string) => ingestOut.steps.find((st) => st.step === name)?.seconds ?? 0;
  const ingestSeconds = runIngestSeconds(ingestOut);
  const ingestRows = ingestOut.files.reduce((n, f) => n + f.rows_read, 0);
  const marts = stepSeconds('marts');
  rows.push(
    { benchmark: 'ingest + normalise (run step ingest)', figure: `${ingestSeconds.toFixed(1)} s (${Math.round(ingestRows / ingestSeconds).toLocaleString('en')} rows/s)`, target: scale === 1 ? '≤ 90 s' : '-', ok: scale === 1 ? ingestSeconds <= 90 : null },
    { benchmark: 'marts (run step marts)', figure: `${marts.toFixed(1)} s: ${ingestOut.steps.filter((st) => st.step.startsWith('marts/')).map((st) => `${st.step.slice(6)} ${st.seconds.toFixed(1)}`).join(', ')}`, target: scale === 1 ? '≤ 60 s (issues 11, 18; DESIGN §8: ≤ 300 s)' : '-', ok: scale === 1 ? marts <= 60 : null },
    { benchmark: '  skill matching', figure: `${ingestOut.matching.status} (${ingestOut.matching.skillSets} distinct vacancy skill sets, largest ${ingestOut.matching.largestSkillSet} skills; ${ingestOut.matching.pairs} seeker-class × vacancy-signature pairs sharing a skill, kernel ${ingestOut.matching.seconds.compute.toFixed(1)} s)`, target: 'computed', ok: ingestOut.matching.status === 'computed' },
    { benchmark: 'whole run (ingest + marts): wall time, peak RSS', figure: `${ingest.seconds.toFixed(1)} s, ${ingest.peakRssMb} MB`, target: '≤ 6144 MB (ingest), ≤ 8192 MB (marts)', ok: ingest.peakRssMb <= 6144 },
    { benchmark: '  peak RSS against issues 11 and 18', figure: `${(ingest.peakRssMb * 1.048576 / 1000).toFixed(2)} GB`, target: scale === 1 ? '≤ 3 GB' : '-', ok: scale === 1 ? ingest.peakRssMb * 1.048576 <= 3000 : null },
  );
  rows.push(...await disclosureRows({ db: path.join(out, 'warehouse', 'bench.duckdb'), steps: ingestOut.steps }));
  rows.push(...await runSpeedBench({ scale, files: result.files.map((f) => f.file), run: ingest, scaling: options.scaling ?? SCALING }));
  for (const f of ingestOut.files) {
    rows.push({ benchmark: `  ${f.file.replace(/_\d{4}-\d{2}_\d{4}-\d{2}/, '')}`, figure: `${f.seconds.toFixed(1)} s: ${Object.entries(f.timings).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`, target: '-', ok: null });
  }

  const query = await measureStep('query', { db: path.join(out, 'warehouse', 'bench.duckdb'), requests: 40 });
  for (const [name, q] of Object.entries(query.output as Record<string, { p50: number; p95: number; rows: number }>)) {
    rows.push({ benchmark: `query ${name} (1 province, 1 month)`, figure: `p50 ${q.p50.toFixed(1)} ms, p95 ${q.p95.toFixed(1)} ms (${q.rows} rows)`, target: 'p95 ≤ 100 ms', ok: q.p95 <= 100 });
  }

  const warehouseFile = path.join(out, 'warehouse', 'bench.duckdb');
  for (const format of ['csv', 'json', 'xlsx', 'parquet', 'arrow']) {
    const exported = await measureStep('export', { db: warehouseFile, format, dataset: 'skill-gaps' });
    const { bytes, seconds } = exported.output as { bytes: number; seconds: number };
    rows.push({ benchmark: `export skill-gaps, all regions and months: ${format}`, figure: `${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s = ${(bytes / 1e6 / seconds).toFixed(1)} MB/s, peak RSS ${exported.peakRssMb} MB`, target: '-', ok: null });
  }
  const api = await measureStep('api', { db: warehouseFile, requests: 150 });
  const apiTimes = api.output as { p50: number; p95: number };
  rows.push({ benchmark: 'API, one page of 100 rows over HTTP', figure: `p50 ${apiTimes.p50.toFixed(1)} ms, p95 ${apiTimes.p95.toFixed(1)} ms`, target: 'p95 ≤ 50 ms', ok: apiTimes.p95 <= 50 });
  rows.push(...await benchHostileIngest({ scale: 1, out }));  // always the 200 MB file issue 10 names

  const pages = await measureStep('pages', { db: warehouseFile, seconds: 10 });
  const pageFigures = pages.output as { tool: string; firstRender: Record<string, number>; cached: { p50: number; p99: number; rps: number; errors: number }; hello: { rps: number } };
  const slowest = Object.entries(pageFigures.firstRender).sort((a, b) => b[1] - a[1])[0];
  const ratio = pageFigures.cached.rps / pageFigures.hello.rps;
  rows.push(
    { benchmark: 'dashboard pages: first render (empty cache), slowest', figure: `${slowest[1]} ms (${slowest[0]}); all: ${Object.entries(pageFigures.firstRender).map(([p, ms]) => `${p} ${ms}`).join(', ')}`, target: '≤ 500 ms', ok: slowest[1] <= 500 },
    { benchmark: `dashboard pages, cached, 20 connections (${pageFigures.tool})`, figure: `p50 ${pageFigures.cached.p50} ms, p99 ${pageFigures.cached.p99} ms, ${Math.round(pageFigures.cached.rps)} req/s, ${pageFigures.cached.errors} errors`, target: 'p50 ≤ 20 ms, p99 ≤ 100 ms', ok: pageFigures.cached.p50 <= 20 && pageFigures.cached.p99 <= 100 && pageFigures.cached.errors === 0 },
    { benchmark: `bare Express "hello", 20 connections (${pageFigures.tool})`, figure: `${Math.round(pageFigures.hello.rps)} req/s`, target: '-', ok: null },
    { benchmark: 'cached pages / hello throughput', figure: `${(ratio * 100).toFixed(0)} %`, target: '≥ 50 %', ok: ratio >= 0.5 },
  );

  rows.push(...await matchDeskBench(warehouseFile));

  rows.push(...qualityRows());

  rows.push(...await (await import('./sections/server-load.ts')).serverLoadBench({ db: warehouseFile, seconds: 60 }));

  rows.push(...(await matchingBenchmarks({ scale, plainMarts: marts })));

  rows.push(...await (await import('./sections/duplicates.ts')).duplicatesBench({ scale }));

  printTable(rows);
  return rows.some((r) => r.ok === false) ? 1 : 0;
}

/** The files of a folder of extracts made before, described as `generate` would. */
function reusedExtracts(folder: string): GenerateResult {
  const files = fs.readdirSync(folder).filter((f) => /\.(csv|tsv|json|jsonl|xlsx|parquet)$/i.test(f)).sort()
    .map((f) => ({ file: path.join(folder, f), rows: 0, bytes: fs.statSync(path.join(folder, f)).size }));
  return { files } as unknown as GenerateResult;
}

function printTable(rows: Row[]): void {
  const widths = [Math.max(9, ...rows.map((r) => r.benchmark.length)), Math.max(6, ...rows.map((r) => r.figure.length)), Math.max(6, ...rows.map((r) => r.target.length))];
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 4)).join(' | ')} |`;
  console.log(line(['benchmark', 'figure', 'target', 'ok']));
  console.log(line(widths.map((w) => '-'.repeat(w)).concat(['--'])));
  for (const r of rows) console.log(line([r.benchmark, r.figure, r.target, r.ok === null ? '' : r.ok ? 'yes' : 'NO']));
}
