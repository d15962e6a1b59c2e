// Bench section for the speed of a nightly run (issue 18): ingest and the skill marts
// against the tools an analyst would use instead, measured in the same bench run, and the
// cost per row at three sizes. Peers:
// - DuckDB's bare read_csv of the same files (bench/steps/scan.ts): the floor of ingest;
// - the bare DuckDB gap query (bench/steps/gap.ts): both files loaded and per-skill demand
//   and supply by province × month, the floor of 20_skills and 30_occupations_seekers.
// Runs inside `npm run bench` (one call in bench/run.ts) or on its own, on extracts already
// generated (the full-size ones need not be made again):
//   node --import tsx bench/sections/run-speed.ts --scale 1 --extracts /work/bench-full/extracts
//   node --import tsx bench/sections/run-speed.ts --scale 0.1 --scaling none
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../core/config.ts';
import { METHODOLOGY } from '../../core/methodology.ts';
import { measureStep, type Measured } from '../measure.ts';

export interface Row { benchmark: string; figure: string; target: string; ok: boolean | null }
interface RunOutput { files: { file: string; rows_read: number }[]; steps: { step: string; seconds: number }[] }

/** The scales of the cost-per-row table, as fractions of the bench's scale. */
export const SCALING = [0.1, 0.25, 1];

const seconds = (output: RunOutput, name: string) => output.steps.find((s) => s.step === name)?.seconds ?? 0;
/** The run's ingest: read, validate, pseudonymise, normalise, load (and the run's preparation and coverage). */
export const ingestSeconds = (output: RunOutput) => seconds(output, 'prepare') + seconds(output, 'ingest') + seconds(output, 'coverage');
const format = (s: number) => `${s.toFixed(1)} s`;

export interface RunSpeedOptions {
  scale: number;
  /** The extracts of the bench's run (vacancies, seekers, placements files). */
  files: string[];
  /** The bench's pipeline run over them (bench/steps/ingest.ts), measured already; run here when absent. */
  run?: Measured;
  /** Fractions of `scale` for the cost-per-row table; [] for none. The row at 1 reuses `run`. */
  scaling?: number[];
}

export async function runSpeedBench(options: RunSpeedOptions): Promise<Row[]> {
  const out = path.join(PROJECT_ROOT, 'bench', 'out', 'run-speed');
  fs.rmSync(out, { recursive: true, force: true });
  const find = (kind: string) => {
    const file = options.files.find((f) => path.basename(f).startsWith(kind));
    if (!file) throw new Error(`run-speed bench: no ${kind} file among ${options.files.join(', ')}`);
    return file;
  };
  const run = options.run ?? await measureStep('ingest', { input: path.dirname(find('vacancies')), db: path.join(out, 'warehouse', 'bench.duckdb') });
  const output = run.output as RunOutput;
  const scan = (await measureStep('scan', { files: options.files })).output as { seconds: number };
  const gap = (await measureStep('gap', {
    vacancies: find('vacancies'), seekers: find('seekers'),
    vacancyValidityDays: METHODOLOGY.vacancyValidityDays, seekerValidityDays: METHODOLOGY.seekerValidityDays,
  })).output as { seconds: number; loadSeconds: number; querySeconds: number; rows: number };

  const ingest = ingestSeconds(output);
  const skills = seconds(output, 'marts/20_skills');
  const occupations = seconds(output, 'marts/30_occupations_seekers');
  const ratio = (a: number, b: number) => a / b;
  const rows: Row[] = [
    { benchmark: 'peer: bare DuckDB read_csv of the same files', figure: format(scan.seconds), target: '-', ok: null },
    { benchmark: 'peer: bare DuckDB gap query (load both, skill demand/supply by province × month)', figure: `${format(gap.seconds)} (load ${format(gap.loadSeconds)}, query ${format(gap.querySeconds)}; ${gap.rows.toLocaleString('en')} rows)`, target: '-', ok: null },
    { benchmark: 'ingest / bare scan', figure: `${ratio(ingest, scan.seconds).toFixed(1)}× (${format(ingest)})`, target: '≤ 3×', ok: ratio(ingest, scan.seconds) <= 3 },
    { benchmark: '20_skills / bare gap query', figure: `${ratio(skills, gap.seconds).toFixed(1)}× (${format(skills)})`, target: '≤ 2×', ok: ratio(skills, gap.seconds) <= 2 },
    { benchmark: '30_occupations_seekers / bare gap query', figure: `${ratio(occupations, gap.seconds).toFixed(1)}× (${format(occupations)})`, target: '≤ 2×', ok: ratio(occupations, gap.seconds) <= 2 },
  ];
  rows.push(...await scalingRows(out, options.scale, options.scaling ?? SCALING, run));
  fs.rmSync(out, { recursive: true, force: true });
  return rows;
}

/** Time and peak RSS of a whole run at each fraction of `scale`, and its cost per row against the smallest. */
async function scalingRows(out: string, scale: number, fractions: number[], own: Measured): Promise<Row[]> {
  const measured: { scale: number; rows: number; run: Measured }[] = [];
  for (const fraction of [...fractions].sort((a, b) => a - b)) {
    const at = scale * fraction;
    if (fraction === 1) { measured.push({ scale: at, rows: rowsRead(own), run: own }); continue; }
    const folder = path.join(out, `scale-${at}`);
    await measureStep('generate', { vacancies: Math.round(1_000_000 * at), seekers: Math.round(2_000_000 * at), months: 24, end: '2025-12', seed: 1, out: path.join(folder, 'extracts'), format: 'csv' });
    const run = await measureStep('ingest', { input: path.join(folder, 'extracts'), db: path.join(folder, 'warehouse', 'bench.duckdb') });
    measured.push({ scale: at, rows: rowsRead(run), run });
    fs.rmSync(folder, { recursive: true, force: true });
  }
  if (measured.length === 0) return [];
  const perRow = (m: (typeof measured)[number]) => m.run.seconds / m.rows;
  const base = perRow(measured[0]);
  return measured.map((m) => {
    const output = m.run.output as RunOutput;
    const r = perRow(m) / base;
    return {
      benchmark: `scaling: whole run at scale ${m.scale} (${m.rows.toLocaleString('en')} rows)`,
      figure: `${format(m.run.seconds)} (ingest ${format(ingestSeconds(output))}, marts ${format(seconds(output, 'marts'))}), peak RSS ${m.run.peakRssMb} MB, ${(perRow(m) * 1e6).toFixed(1)} µs/row = ${r.toFixed(2)}× the smallest's per row`,
      target: '≤ 1.25× per row', ok: m === measured[0] ? null : r <= 1.25,
    };
  });
}

const rowsRead = (run: Measured) => (run.output as RunOutput).files.reduce((n, f) => n + f.rows_read, 0);

// On its own: node --import tsx bench/sections/run-speed.ts --scale S [--extracts DIR] [--scaling 0.1,0.25,1 | none]
if (import.meta.filename === path.resolve(process.argv[1] ?? '')) {
  const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
  const scale = Number(arg('scale') ?? '0.1');
  const scaling = arg('scaling') === 'none' ? [] : (arg('scaling')?.split(',').map(Number) ?? SCALING);
  let extracts = arg('extracts');
  if (!extracts) {
    extracts = path.join(PROJECT_ROOT, 'bench', 'out', 'run-speed-extracts');
    await measureStep('generate', { vacancies: Math.round(1_000_000 * scale), seekers: Math.round(2_000_000 * scale), months: 24, end: '2025-12', seed: 1, out: extracts, format: 'csv' });
  }
  const files = fs.readdirSync(extracts).filter((f) => /\.(csv|tsv)$/i.test(f)).map((f) => path.join(extracts, f));
  const db = path.join(PROJECT_ROOT, 'bench', 'out', 'run-speed-warehouse', 'bench.duckdb');
  const run = await measureStep('ingest', { input: extracts, db });
  const rows = await runSpeedBench({ scale, files, run, scaling });
  fs.rmSync(path.dirname(db), { recursive: true, force: true });
  if (!arg('extracts')) fs.rmSync(extracts, { recursive: true, force: true });
  for (const r of rows) console.log(`${r.benchmark} | ${r.figure} | ${r.target} | ${r.ok === null ? '' : r.ok ? 'yes' : 'NO'}`);
}
