// The matching kernel (pipelines/matching/) on threads: the parts splitWork cuts are whole
// scope-months, and two threads give exactly what one gives (the marts are held to the
// pair-enumerating reference on one thread by matching-equivalence.test.ts, where the
// registers are too small for the pipeline to start threads).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSqlFile } from '../core/duckdb.ts';
import { loadReference } from '../core/reference.ts';
import { openWarehouse } from '../core/warehouse.ts';
import { generate } from '../pipelines/generate/index.ts';
import { readMatchingInput } from '../pipelines/matching/io.ts';
import { splitWork, type MatchingInput, type MatchingOutput } from '../pipelines/matching/kernel.ts';
import { matchOnThreads } from '../pipelines/matching/threads.ts';
import { MARTS_DIR, martParameters } from '../pipelines/marts.ts';
import { createSandbox, runFiles, type Sandbox } from './helpers/pipeline.ts';

let sandbox: Sandbox;
let input: MatchingInput;

beforeAll(async () => {
  sandbox = createSandbox();
  const out = path.join(sandbox.dir, 'extracts');
  await generate({ vacancies: 2000, seekers: 5000, months: 3, end: '2025-03', seed: 11, out, format: 'csv', longSkillShare: 0.05 }, loadReference());
  const result = await runFiles(sandbox, Object.fromEntries(fs.readdirSync(out).map((f) => [f, fs.readFileSync(path.join(out, f))])));
  expect(result.error).toBeUndefined();
  const copy = path.join(sandbox.dir, 'kernel.duckdb');
  fs.copyFileSync(sandbox.db, copy);
  const warehouse = await openWarehouse(copy);
  try {
    await runSqlFile(warehouse.connection, path.join(MARTS_DIR, '01_base.sql'), martParameters(sandbox.config));
    await runSqlFile(warehouse.connection, path.join(MARTS_DIR, '40_matching.sql'), martParameters(sandbox.config));
    input = await readMatchingInput(warehouse.connection);
  } finally {
    warehouse.close();
  }
}, 300_000);
afterAll(() => sandbox.cleanup());

/** The rows of an output as sorted strings, table by table. */
function rowsOf(out: MatchingOutput): Record<string, string[]> {
  const tables: Record<string, Record<string, number[]>> = { near: out.near, leverage: out.leverage, training: out.training };
  return Object.fromEntries(Object.entries(tables).map(([name, columns]) => {
    const names = Object.keys(columns);
    const n = columns[names[0]].length;
    return [name, Array.from({ length: n }, (_, i) => names.map((c) => columns[c][i]).join(',')).sort()];
  }));
}

describe('the matching kernel', () => {
  it('cuts the work at scope-month boundaries into parts of similar size', () => {
    const bounds = splitWork(input, 2);
    expect(bounds[0]).toBe(0);
    expect(bounds.at(-1)).toBe(input.vKid.length);
    expect(bounds).toHaveLength(3);
    const cut = bounds[1];
    expect(cut).toBeGreaterThan(0);
    expect(cut).toBeLessThan(input.vKid.length);
    // the signature before the cut is of another scope-month than the one after it
    expect([input.vScope[cut - 1], input.vMonth[cut - 1]]).not.toEqual([input.vScope[cut], input.vMonth[cut]]);
  });

  it('gives on two threads exactly what it gives on one', async () => {
    const one = await matchOnThreads(input, 1);
    const two = await matchOnThreads(input, 2);
    expect(one.stats.pairs).toBeGreaterThan(0);
    expect(two.stats).toEqual(one.stats);
    expect(Array.from(two.pool)).toEqual(Array.from(one.pool));
    expect(one.pool.some((p) => p > 0)).toBe(true);
    const [a, b] = [rowsOf(one), rowsOf(two)];
    for (const table of ['near', 'leverage', 'training']) {
      expect(a[table].length, table).toBeGreaterThan(0);
      expect(b[table], table).toEqual(a[table]);
    }
  }, 120_000);
});
