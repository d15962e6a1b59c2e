// `npm run bench`: the speed figures each issue names, printed as a table.
// Full size is the DESIGN §8 target: 1 M vacancies and 2 M seekers over 24 months.
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../core/config.ts';
import type { GenerateResult } from '../pipelines/generate/index.ts';
import { measureStep } from './measure.ts';

export interface BenchOptions { scale: number }

interface Row { benchmark: string; figure: string; target: string; ok: boolean | null }

export async function runBenchmarks(options: BenchOptions): Promise<number> {
  const scale = options.scale > 0 ? options.scale : 1;
  const out = path.join(PROJECT_ROOT, 'bench', 'out');
  fs.rmSync(out, { recursive: true, force: true });
  const rows: Row[] = [];
  const vacancies = Math.round(1_000_000 * scale);
  const seekers = Math.round(2_000_000 * scale);

  console.log(`Benchmarks at scale ${scale} (${vacancies.toLocaleString('en')} vacancies, ${seekers.toLocaleString('en')} seekers), ${new Date().toISOString()}\n`);
  const gen = await measureStep('generate', { vacancies, seekers, months: 24, end: '2025-12', seed: 1, out: path.join(out, 'extracts'), format: 'csv' });
  const result = gen.output as GenerateResult;
  const totalRows = result.files.reduce((n, f) => n + f.rows, 0);
  const megabytes = result.files.reduce((n, f) => n + f.bytes, 0) / 1e6;
  rows.push(
    { benchmark: 'generate: wall time', figure: `${gen.seconds.toFixed(1)} s`, target: scale === 1 ? '≤ 90 s' : '-', ok: scale === 1 ? gen.seconds <= 90 : null },
    { benchmark: 'generate: rows/s', figure: `${Math.round(totalRows / gen.seconds).toLocaleString('en')} (${totalRows.toLocaleString('en')} rows, ${megabytes.toFixed(0)} MB)`, target: '-', ok: null },
    { benchmark: 'generate: peak RSS', figure: `${gen.peakRssMb} MB`, target: '≤ 1536 MB', ok: gen.peakRssMb <= 1536 },
  );

  printTable(rows);
  return rows.some((r) => r.ok === false) ? 1 : 0;
}

function printTable(rows: Row[]): void {
  const widths = [Math.max(9, ...rows.map((r) => r.benchmark.length)), Math.max(6, ...rows.map((r) => r.figure.length)), Math.max(6, ...rows.map((r) => r.target.length))];
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 4)).join(' | ')} |`;
  console.log(line(['benchmark', 'figure', 'target', 'ok']));
  console.log(line(widths.map((w) => '-'.repeat(w)).concat(['--'])));
  for (const r of rows) console.log(line([r.benchmark, r.figure, r.target, r.ok === null ? '' : r.ok ? 'yes' : 'NO']));
}
