// Bench section for skill matching (issue 11): the marts step with 5 % of vacancies asking
// for 25–40 skills against the same register without them, and a real-sized apprenticeship
// file (1,300 vacancies, one asking for 25 skills, no seekers). Runs inside `npm run bench`
// (one call in bench/run.ts) or on its own:
//   node --import tsx bench/sections/matching.ts --scale 0.1
// `--profile FILE.duckdb [--files 20_skills.sql,30_occupations_seekers.sql]` instead times
// every statement of those mart files (default the matching step's four) after 01_base.sql on that
// warehouse (wall and process CPU seconds, rows of the table it makes; it rewrites those
// marts, so use a copy): the tables of hot spots in pipelines/sql/marts/README.md.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../../core/config.ts';
import { rows, run, splitStatements } from '../../core/duckdb.ts';
import { loadReference } from '../../core/reference.ts';
import { openWarehouse } from '../../core/warehouse.ts';
import { MART_STEPS, MARTS_DIR, martParameters } from '../../pipelines/marts.ts';
import { measureStep } from '../measure.ts';

interface Row { benchmark: string; figure: string; target: string; ok: boolean | null }
interface IngestOutput { steps: { step: string; seconds: number }[]; matching: { pairs: number; largestSkillSet: number } }

const stepSeconds = (output: IngestOutput, name: string) => output.steps.find((s) => s.step === name)?.seconds ?? 0;

/** Generate at `scale` (with `longSkillShare`), run the pipeline, and return its marts figures. */
async function runRegister(out: string, scale: number, longSkillShare: number): Promise<{ marts: number; matching: number; peakRssMb: number; output: IngestOutput }> {
  const extracts = path.join(out, 'extracts');
  await measureStep('generate', { vacancies: Math.round(1_000_000 * scale), seekers: Math.round(2_000_000 * scale), months: 24, end: '2025-12', seed: 1, out: extracts, format: 'csv', longSkillShare });
  const run = await measureStep('ingest', { input: extracts, db: path.join(out, 'warehouse', 'bench.duckdb') });
  const output = run.output as IngestOutput;
  return { marts: stepSeconds(output, 'marts'), matching: stepSeconds(output, 'marts/40_matching'), peakRssMb: run.peakRssMb, output };
}

/** 1,300 vacancies with one asking for 25 skills and no seekers, as the MagangHub export of issue 11. */
function writeApprenticeships(folder: string): void {
  const skills = loadReference().skills.filter((k) => !k.transversal).map((k) => k.id);
  const lines = ['vacancy_id,posted_date,province_code,regency_code,openings,skills,education_min,job_title'];
  lines.push(`L,2025-01-05,32,32.73,1,${skills.slice(0, 25).join(';')},SMK,Teknisi`);
  for (let i = 1; i < 1300; i++) lines.push(`V${i},2025-01-${String(1 + (i % 28)).padStart(2, '0')},32,32.73,1,${skills.slice(i % 50, (i % 50) + 1 + (i % 6)).join(';')},SMK,Staf`);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'vacancies.csv'), lines.join('\n') + '\n');
}

/**
 * `plainMarts`: the marts step of the bench's own run at the same scale (measured again here
 * when absent), so that the long-skill run is compared with a peer of the same conditions.
 */
export async function matchingBenchmarks(options: { scale: number; plainMarts?: number }): Promise<Row[]> {
  const out = path.join(PROJECT_ROOT, 'bench', 'out', 'matching');
  fs.rmSync(out, { recursive: true, force: true });
  const rows: Row[] = [];

  const apprenticeships = path.join(out, 'apprenticeships');
  writeApprenticeships(apprenticeships);
  const small = await measureStep('ingest', { input: apprenticeships, db: path.join(out, 'apprenticeships.duckdb') });
  const smallMatching = stepSeconds(small.output as IngestOutput, 'marts/40_matching');
  rows.push({ benchmark: 'matching: 1,300 vacancies, one asking for 25 skills, no seekers', figure: `${smallMatching.toFixed(2)} s`, target: '< 2 s', ok: smallMatching < 2 });

  const plain = options.plainMarts ?? (await runRegister(path.join(out, 'plain'), options.scale, 0)).marts;
  const long = await runRegister(path.join(out, 'long'), options.scale, 0.05);
  rows.push({
    benchmark: 'marts with 5 % of vacancies asking for 25–40 skills',
    figure: `${long.marts.toFixed(1)} s (matching ${long.matching.toFixed(1)} s, ${long.output.matching.pairs} seeker-class × vacancy-signature pairs sharing a skill, largest K ${long.output.matching.largestSkillSet}), ${(long.marts / plain).toFixed(2)}× the plain register's ${plain.toFixed(1)} s; peak RSS of the run ${long.peakRssMb} MB`,
    target: '≤ 2×', ok: long.marts <= 2 * plain,
  });
  fs.rmSync(out, { recursive: true, force: true });
  return rows;
}

/** Every statement of the mart `files` (after 01_base.sql) on `db`, timed: [statement, wall s, CPU s, rows]. */
export async function profileMarts(db: string, onStatement: (line: string) => void, files = MART_STEPS.find((m) => m.step === '40_matching')!.files): Promise<void> {
  const config = loadConfig();
  const params = martParameters(config);
  const warehouse = await openWarehouse(db, { memoryLimit: config.memoryLimit });
  try {
    for (const file of ['01_base.sql', ...files.filter((f) => f !== '01_base.sql')]) {
      let wall = 0;
      let cpu = 0;
      for (const statement of splitStatements(fs.readFileSync(path.join(MARTS_DIR, file), 'utf8'))) {
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        await run(warehouse.connection, statement, params);
        const used = process.cpuUsage(cpuStarted);
        const seconds = [(performance.now() - started) / 1000, (used.user + used.system) / 1e6];
        wall += seconds[0];
        cpu += seconds[1];
        const made = file !== '01_base.sql' ? statement.match(/^(?:CREATE OR REPLACE (?:TEMP )?TABLE|INSERT INTO)\s+(\w+)/) : null;
        const count = made ? (await rows<{ n: number }>(warehouse.connection, `SELECT count(*)::BIGINT AS n FROM ${made[1]}`))[0].n : null;
        if (file !== '01_base.sql') onStatement(`${statement.split('\n')[0].slice(0, 60).padEnd(60)} ${seconds[0].toFixed(2).padStart(8)} s ${seconds[1].toFixed(2).padStart(8)} s CPU ${count === null ? '' : String(count).padStart(12)}`);
      }
      onStatement(`${file}: ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU`);
      const after = MART_STEPS.find((m) => m.files.includes(file))?.after?.[file];
      if (after) {
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        const result = await after(warehouse.connection);
        const used = process.cpuUsage(cpuStarted);
        onStatement(`after ${file}: ${((performance.now() - started) / 1000).toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU (all threads) ${JSON.stringify(result)}`);
      }
    }
  } finally {
    warehouse.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--profile')) {
  const files = process.argv.includes('--files') ? process.argv[process.argv.indexOf('--files') + 1].split(',') : undefined;
  await profileMarts(process.argv[process.argv.indexOf('--profile') + 1], (line) => console.log(line), files);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--scale');
  const scale = at > 0 ? Number(process.argv[at + 1]) : 0.1;
  for (const row of await matchingBenchmarks({ scale })) console.log(`${row.benchmark}: ${row.figure} (target ${row.target}: ${row.ok ? 'yes' : 'NO'})`);
}
