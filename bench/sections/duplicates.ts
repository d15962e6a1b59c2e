// Bench rows for duplicate vacancies (issue 16): precision and recall of
// pipelines/sql/marts/00_duplicates.sql on a generated register with injected re-posts
// (`--repost-share`, the re-post of LOKnnn is RPnnn on source jobboard: the ground truth),
// the time of that step, and the share flagged on the shipped real samples loaded together.
// On its own: `node --import tsx bench/sections/duplicates.ts --scale 0.1`.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import { loadConfig, PROJECT_ROOT } from '../../core/config.ts';
import { silentLogger } from '../../core/log.ts';
import { loadReference } from '../../core/reference.ts';
import { runPipeline } from '../../pipelines/run.ts';
import { rows as readRows } from '../../core/duckdb.ts';
import { openWarehouse } from '../../core/warehouse.ts';
import { measureStep } from '../measure.ts';

export interface Row { benchmark: string; figure: string; target: string; ok: boolean | null }

export const REPOST_SHARE = 0.1;
export const TARGET = { precision: 0.95, recall: 0.9 };

export interface DuplicateScore { truePairs: number; foundPairs: number; correctPairs: number; precision: number; recall: number }

/**
 * Pairs found (two records of one group) against the true pairs (a re-post RPnnn and its
 * original LOKnnn, both loaded). A group of three counts its three pairs.
 */
export async function scoreDuplicates(connection: DuckDBConnection): Promise<DuplicateScore> {
  const [r] = await readRows<{ truth: number; found: number; correct: number }>(connection, `
    WITH truth AS (
      SELECT o.source AS source_a, o.vacancy_id AS id_a, p.source AS source_b, p.vacancy_id AS id_b
      FROM vacancy p JOIN vacancy o ON o.vacancy_id = 'LOK' || substr(p.vacancy_id, 3) AND o.source <> 'jobboard'
      WHERE p.source = 'jobboard' AND p.vacancy_id LIKE 'RP%'
    ), found AS (
      SELECT x.source AS sx, x.vacancy_id AS ix, y.source AS sy, y.vacancy_id AS iy
      FROM vacancy_duplicate x JOIN vacancy_duplicate y ON x.group_id = y.group_id AND (x.source, x.vacancy_id) < (y.source, y.vacancy_id)
    )
    SELECT (SELECT count(*) FROM truth)::INTEGER AS truth, (SELECT count(*) FROM found)::INTEGER AS found,
           (SELECT count(*) FROM found f JOIN truth t ON (f.sx, f.ix, f.sy, f.iy) IN ((t.source_a, t.id_a, t.source_b, t.id_b), (t.source_b, t.id_b, t.source_a, t.id_a)))::INTEGER AS correct`);
  return {
    truePairs: r.truth, foundPairs: r.found, correctPairs: r.correct,
    precision: r.found === 0 ? 1 : r.correct / r.found, recall: r.truth === 0 ? 1 : r.correct / r.truth,
  };
}

/** Per source: records loaded and the share not counted (members of a group other than its representative). */
export async function flaggedBySource(connection: DuckDBConnection): Promise<{ source: string; vacancies: number; flagged: number; cross_source_groups: number }[]> {
  return readRows(connection, `
    SELECT v.source, count(*)::INTEGER AS vacancies, count(*) FILTER (WHERE NOT d.representative)::INTEGER AS flagged,
           count(DISTINCT d.group_id) FILTER (WHERE len(g.sources) > 1)::INTEGER AS cross_source_groups
    FROM vacancy v LEFT JOIN vacancy_duplicate d USING (source, vacancy_id) LEFT JOIN duplicate_group g USING (group_id)
    GROUP BY v.source ORDER BY v.source`);
}

async function withWarehouse<T>(db: string, work: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  const warehouse = await openWarehouse(db, { readOnly: true });
  try { return await work(warehouse.connection); } finally { warehouse.close(); }
}

export async function duplicatesBench(options: { scale: number; out?: string }): Promise<Row[]> {
  const out = options.out ?? path.join(PROJECT_ROOT, 'bench', 'out', 'duplicates');
  fs.rmSync(out, { recursive: true, force: true });
  const vacancies = Math.round(1_000_000 * options.scale);
  const extracts = path.join(out, 'extracts');
  // Seekers are not what this measures: a small register keeps the run short.
  await measureStep('generate', { vacancies, seekers: Math.max(1000, Math.round(20_000 * options.scale)), months: 24, end: '2025-12', seed: 7, out: extracts, format: 'csv', repostShare: REPOST_SHARE });
  const db = path.join(out, 'warehouse', 'duplicates.duckdb');
  const run = await measureStep('ingest', { input: extracts, db });
  const steps = (run.output as { steps: { step: string; seconds: number }[] }).steps;
  const seconds = steps.find((s) => s.step === 'marts/00_duplicates')?.seconds ?? NaN;
  const score = await withWarehouse(db, scoreDuplicates);

  const samples = path.join(PROJECT_ROOT, '..', 'shared', 'samples');
  const realFiles = ['dealls.csv', 'kalibrr.csv', 'data_loker_clean.csv'].map((f) => path.join(samples, f)).filter((f) => fs.existsSync(f));
  const realInput = path.join(out, 'real');
  fs.mkdirSync(realInput, { recursive: true });
  for (const f of [...realFiles, path.join(PROJECT_ROOT, 'tests', 'fixtures', 'maghub_lowongan.csv')]) fs.copyFileSync(f, path.join(realInput, path.basename(f)));
  const realDb = path.join(out, 'warehouse', 'real.duckdb');
  // kalibrr.csv fails on purpose (its Philippine postings are quarantined): the run is partial, not an error.
  await runPipeline({ inputs: [realInput], db: realDb }, { config: loadConfig(process.env, { db: realDb }), reference: loadReference(), logger: silentLogger() });
  const { real, crossSource } = await withWarehouse(realDb, async (c) => ({
    real: await flaggedBySource(c),
    crossSource: (await readRows<{ n: number }>(c, 'SELECT count(*)::INTEGER AS n FROM duplicate_group WHERE len(sources) > 1'))[0].n,
  }));
  const realTotal = real.reduce((n, r) => n + r.vacancies, 0);
  const realFlagged = real.reduce((n, r) => n + r.flagged, 0);
  fs.rmSync(out, { recursive: true, force: true });

  return [
    {
      benchmark: `duplicates, generated (${vacancies.toLocaleString('en')} vacancies, ${Math.round(REPOST_SHARE * 100)} % re-posted on a second source): precision, recall`,
      figure: `${score.precision.toFixed(3)}, ${score.recall.toFixed(3)} (${score.correctPairs} of ${score.foundPairs} pairs found right, of ${score.truePairs} true)`,
      target: `≥ ${TARGET.precision}, ≥ ${TARGET.recall}`, ok: score.precision >= TARGET.precision && score.recall >= TARGET.recall,
    },
    { benchmark: '  duplicate detection (marts step 00_duplicates)', figure: `${seconds.toFixed(1)} s`, target: '-', ok: null },
    {
      benchmark: '  shipped real samples loaded together: not counted (duplicates)',
      figure: `${realFlagged} of ${realTotal} (${((realFlagged / realTotal) * 100).toFixed(1)} %): ${real.map((r) => `${r.source} ${r.flagged}/${r.vacancies}`).join(', ')}; groups seen by two sources or more: ${crossSource}`,
      target: '-', ok: null,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--scale');
  const scale = at > 0 ? Number(process.argv[at + 1]) : 0.1;
  for (const r of await duplicatesBench({ scale })) console.log(`${r.benchmark} | ${r.figure} | ${r.target} | ${r.ok === null ? '' : r.ok ? 'yes' : 'NO'}`);
}
