// The marts' building blocks (pipelines/sql/macros.sql: the region roll-up and the activity
// windows every mart and core/sql/*_filtered.sql share) and the declared build order
// (pipelines/marts.ts MART_STEPS).
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, run, runSqlFile } from '../core/duckdb.ts';
import { SQL_DIR } from '../pipelines/ingest/file.ts';
import { checkBuildOrder, MART_STEPS } from '../pipelines/marts.ts';

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await runSqlFile(connection, path.join(SQL_DIR, 'macros.sql'));
  // A national vacancy (no province), one placed in a province only, one in a regency.
  await run(connection, `CREATE TABLE w AS SELECT * FROM (VALUES
    ('nat', NULL, NULL, 3, 5, 7), ('prov', '32', NULL, 2, 6, 6), ('reg', '32', '32.73', 1, 7, 9)) t(id, province_code, regency_code, n, from_m, to_m)`);
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

describe('s_regions: the region roll-up', () => {
  it('counts a row in the country, its province when it has one and its regency when it has one', async () => {
    const got = await rows<{ id: string; regions: string[] }>(connection,
      'SELECT id, list(region_code ORDER BY region_code) AS regions FROM s_regions(w) GROUP BY id ORDER BY id');
    expect(got.map((r) => [r.id, [...r.regions]])).toEqual([['nat', ['ID']], ['prov', ['32', 'ID']], ['reg', ['32', '32.73', 'ID']]]);
  });

  it('sums the three levels in one aggregate', async () => {
    const got = await rows<{ region_code: string; n: number }>(connection,
      'SELECT region_code, sum(n)::INTEGER AS n FROM s_regions(w) GROUP BY ALL ORDER BY region_code');
    expect(got).toEqual([{ region_code: '32', n: 3 }, { region_code: '32.73', n: 1 }, { region_code: 'ID', n: 6 }]);
  });
});

describe('activity windows', () => {
  it('s_active_months gives each month from from_m to to_m, within the bounds asked', async () => {
    const all = await rows<{ id: string; months: number[] }>(connection,
      'SELECT id, list(mnum ORDER BY mnum)::INTEGER[] AS months FROM s_active_months(w) GROUP BY id ORDER BY id');
    expect(all.map((r) => [r.id, [...r.months]])).toEqual([['nat', [5, 6, 7]], ['prov', [6]], ['reg', [7, 8, 9]]]);
    const bounded = await rows<{ id: string; months: number[] }>(connection,
      'SELECT id, list(mnum ORDER BY mnum)::INTEGER[] AS months FROM s_active_months(w, 6, 7) GROUP BY id ORDER BY id');
    expect(bounded.map((r) => [r.id, [...r.months]])).toEqual([['nat', [6, 7]], ['prov', [6]], ['reg', [7]]]);
  });

  it('s_window_edges, summed and run over the months, gives the same stock as the active months', async () => {
    const stock = await rows<{ m: number; n: number }>(connection, `
      WITH changes AS (SELECT m, sum(n * sign) AS n FROM s_window_edges(w) GROUP BY m)
      SELECT m::INTEGER AS m, (sum(n) OVER (ORDER BY m))::INTEGER AS n FROM changes ORDER BY m`);
    const active = await rows<{ m: number; n: number }>(connection, 'SELECT mnum::INTEGER AS m, sum(n)::INTEGER AS n FROM s_active_months(w) GROUP BY ALL ORDER BY m');
    // the stock holds from each change to the next, and is 0 after the last window ends
    const at = (m: number) => stock.filter((s) => s.m <= m).at(-1)?.n ?? 0;
    for (const a of active) expect(at(a.m), `month ${a.m}`).toBe(a.n);
    expect(at(10)).toBe(0);
  });
});

describe('the declared build order', () => {
  it('declares every mart file once, each step reading only what an earlier step built', () => {
    expect(() => checkBuildOrder()).not.toThrow();
    expect(MART_STEPS.find((s) => s.step === '40_matching')?.files).toEqual(['40_matching.sql', '41_matching_quality.sql', '42_upskilling_leverage.sql', '43_training_recommendations.sql']);
  });

  it('names a file no step declares, and a declared file that is missing', () => {
    const files = MART_STEPS.flatMap((s) => s.files);
    expect(() => checkBuildOrder([...files, '70_new.sql'])).toThrow(/does not declare 70_new\.sql/);
    expect(() => checkBuildOrder(files.filter((f) => f !== '20_skills.sql'))).toThrow(/declares 20_skills\.sql, not in/);
  });
});
