// Consistency of the marts on the shipped sample (15,000 vacancies, 75,000 seekers over
// 24 months, generated deterministically), and of what the datasets publish.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../core/duckdb.ts';
import { DATASETS } from '../core/datasets.ts';
import { queryDataset } from '../core/query.ts';
import { openWarehouse } from '../core/warehouse.ts';
import { createSandbox, runSample, type Sandbox } from './helpers/pipeline.ts';

let sandbox: Sandbox;
let warehouse: Awaited<ReturnType<typeof openWarehouse>>;
const q = <T = Record<string, unknown>>(sql: string) => rows<T>(warehouse.connection, sql);

beforeAll(async () => {
  sandbox = createSandbox();
  expect((await runSample(sandbox)).status).toBe('succeeded');
  warehouse = await openWarehouse(sandbox.db, { readOnly: true });
}, 240_000);
afterAll(() => { warehouse?.close(); sandbox.cleanup(); });

describe('additive measures add up', () => {
  it('sums provinces to the national value, every month, for every count of labour-market-monthly', async () => {
    const [diff] = await q<{ n: number }>(`
      WITH p AS (SELECT period, sum(new_openings) a, sum(active_openings) b, sum(new_applicants) c, sum(active_applicants) d, sum(placements) e
                 FROM mart_labour_market_monthly JOIN dim_region USING (region_code) WHERE region_level = 'province' GROUP BY period)
      SELECT count(*)::INTEGER AS n FROM p JOIN mart_labour_market_monthly n ON n.period = p.period AND n.region_code = 'ID'
      WHERE (p.a, p.b, p.c, p.d, p.e) IS DISTINCT FROM (n.new_openings, n.active_openings, n.new_applicants, n.active_applicants, n.placements)`);
    expect(diff.n).toBe(0);
    const [months] = await q<{ n: number }>('SELECT count(*)::INTEGER AS n FROM dim_period');
    expect(months.n).toBe(24);
  });

  it('sums provinces to the national value for skill demand and supply and seeker-profile counts', async () => {
    for (const [table, keys, measures] of [
      ['mart_skill_gaps', 'skill_id', ['demand', 'supply']],
      ['mart_seeker_profile', 'dimension, category', ['active_applicants', 'new_applicants', 'placements']],
      ['mart_occupation_demand', 'isco_code', ['new_openings', 'active_openings', 'active_applicants_preferring']],
    ] as const) {
      const [diff] = await q<{ n: number }>(`
        WITH p AS (SELECT period, ${keys}, ${measures.map((m) => `sum(${m}) AS ${m}`).join(', ')}
                   FROM ${table} JOIN dim_region USING (region_code) WHERE region_level = 'province' GROUP BY ALL)
        SELECT count(*)::INTEGER AS n FROM p FULL JOIN (SELECT * FROM ${table} WHERE region_code = 'ID') n USING (period, ${keys})
        WHERE ${measures.map((m) => `coalesce(p.${m}, 0) <> coalesce(n.${m}, 0)`).join(' OR ')}`);
      expect(diff.n, table).toBe(0);
    }
  });

  it('gives every seeker exactly one category per dimension', async () => {
    const [bad] = await q<{ n: number }>(`
      SELECT count(*)::INTEGER AS n FROM (
        SELECT period, region_code, dimension, sum(active_applicants) AS s FROM mart_seeker_profile GROUP BY ALL) p
      JOIN mart_labour_market_monthly l USING (period, region_code) WHERE p.s <> l.active_applicants`);
    expect(bad.n).toBe(0);
  });
});

describe('ratios are their numerator over their denominator', () => {
  it('in labour-market-monthly', async () => {
    const [bad] = await q<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM mart_labour_market_monthly WHERE
      abs(active_ratio - active_openings / active_applicants) > 1e-12 OR abs(new_ratio - new_openings / new_applicants) > 1e-12
      OR abs(placement_rate - placements / new_applicants) > 1e-12 OR abs(fill_rate - placements / new_openings) > 1e-12
      OR (active_applicants = 0 AND active_ratio IS NOT NULL) OR (active_applicants > 0 AND active_ratio IS NULL)`);
    expect(bad.n).toBe(0);
  });

  it('in skill-gaps, with the imbalance index and status recomputed from their definitions', async () => {
    const gaps = await q<{ demand: number; supply: number; skill_ratio: number | null; imbalance_index: number; status: string; relative_status: string; unmet_openings: number; ao: number; aa: number }>(`
      SELECT g.demand, g.supply, g.skill_ratio, g.imbalance_index, g.status, g.relative_status, g.unmet_openings, l.active_openings AS ao, l.active_applicants AS aa
      FROM mart_skill_gaps g JOIN mart_labour_market_monthly l USING (period, region_code) USING SAMPLE 5000 ROWS`);
    expect(gaps.length).toBe(5000);
    for (const g of gaps) {
      const i = Math.log(((g.demand + 0.5) / (g.ao + 0.5)) / ((g.supply + 0.5) / (g.aa + 0.5)));
      expect(g.imbalance_index).toBeCloseTo(i, 9);
      expect(g.skill_ratio).toBe(g.supply === 0 ? null : g.demand / g.supply);
      const status = g.demand + g.supply < 10 ? 'insufficient' : g.demand >= 5 && g.demand > g.supply && g.demand >= 1.5 * g.supply ? 'shortage'
        : g.supply >= 5 && g.supply > g.demand && g.supply >= 1.5 * g.demand ? 'surplus' : 'balanced';
      expect(g.status).toBe(status);
      const relative = g.demand + g.supply < 30 ? 'insufficient' : i >= Math.log(1.5) && g.demand >= 5 ? 'relatively_scarce' : i <= -Math.log(1.5) && g.supply >= 5 ? 'relatively_abundant' : 'balanced';
      expect(g.relative_status).toBe(relative);
      if (g.status === 'shortage') expect(g.demand).toBeGreaterThan(g.supply);
      expect(g.unmet_openings).toBe(Math.max(g.demand - g.supply, 0));
    }
  });

  it('shows the built-in shortages and surplus of the synthetic registers', async () => {
    const statuses = await q<{ skill_id: string; status: string }>(`SELECT skill_id, relative_status AS status FROM mart_skill_gaps
      WHERE region_code = 'ID' AND period = '2025-12' AND skill_id IN ('welding-smaw', 'general-administration', 'microsoft-office')`);
    const of = (id: string) => statuses.find((s) => s.skill_id === id)?.status;
    expect(of('welding-smaw')).toBe('relatively_scarce');
    expect(of('microsoft-office')).toBe('relatively_abundant');
  });
});

describe('published datasets', () => {
  it('carry no person count between 1 and k−1, in any dataset, at k = 5', async () => {
    for (const dataset of DATASETS) {
      const { rows: published } = await queryDataset(warehouse.connection, dataset.name, { period: '2025-06' }, { minCell: 5 });
      expect(published.length, dataset.name).toBeGreaterThan(0);
      for (const column of dataset.columns.filter((c) => c.persons)) {
        const small = published.filter((r) => typeof r[column.name] === 'number' && (r[column.name] as number) >= 1 && (r[column.name] as number) <= 4);
        expect(small.length, `${dataset.name}.${column.name}`).toBe(0);
        if (column.type !== 'integer') continue; // a median can be empty for want of data
        const withheld = published.filter((r) => r[column.name] === null && String(r.withheld).split(';').includes(column.name));
        expect(published.filter((r) => r[column.name] === null).length, `${dataset.name}.${column.name} nulls are all flagged`).toBe(withheld.length);
      }
    }
  });

  it('keep the province totals published (issue 19): withheld ones are the small ones', async () => {
    // Primary withholding alone hides 114 of the 912 province-month new-applicant counts of the
    // sample; secondary withholding must not cascade from the tiny regency and category cells
    // to the provinces (the first attempt withheld 858 of them, Jawa Barat's 1,139 of June 2025 among them).
    const [counts] = await q<{ provinces: number; primary: number; withheld: number; largest: number | null }>(`
      SELECT count(*)::INTEGER AS provinces, count(*) FILTER (WHERE m.new_applicants BETWEEN 1 AND 4)::INTEGER AS primary,
             count(*) FILTER (WHERE p.new_applicants IS NULL)::INTEGER AS withheld, max(m.new_applicants) FILTER (WHERE p.new_applicants IS NULL)::INTEGER AS largest
      FROM mart_labour_market_monthly m JOIN pub_labour_market_monthly p USING (period, region_code) WHERE p.region_level = 'province'`);
    expect(counts.provinces).toBe(912);
    expect(counts.primary).toBe(114);
    expect(counts.withheld).toBeLessThanOrEqual(3 * counts.primary);
    expect(counts.largest).toBeLessThan(50);
    const [jabar] = (await queryDataset(warehouse.connection, 'labour-market-monthly', { period: '2025-06', region: '32' }, { minCell: 5 })).rows;
    expect(jabar.new_applicants).toBe(1139);
    // The country is never withheld, in any month.
    const national = (await queryDataset(warehouse.connection, 'labour-market-monthly', { region: 'ID' }, { minCell: 5 })).rows;
    expect(national.filter((r) => r.new_applicants === null || r.active_applicants === null || r.placements === null)).toEqual([]);
    // The seeker profile is published for the country and the provinces only.
    const [levels] = await q<{ regencies: number }>("SELECT count(*) FILTER (WHERE region_level = 'regency')::INTEGER AS regencies FROM pub_seeker_profile");
    expect(levels.regencies).toBe(0);
  });

  it('withhold a province never alone among its siblings', async () => {
    const { rows: provinces } = await queryDataset(warehouse.connection, 'seeker-profile', { period: '2025-06' }, { minCell: 5 });
    const groups = new Map<string, number>();
    for (const r of provinces.filter((x) => x.region_level === 'province' && String(x.withheld).split(';').includes('placements'))) {
      const key = `${r.dimension}/${r.category}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    for (const [key, count] of groups) expect(count, key).not.toBe(1);
  });

  it('document every dataset and column in both languages', () => {
    for (const dataset of DATASETS) {
      expect(dataset.title.id && dataset.title.en && dataset.description.id && dataset.description.en, dataset.name).toBeTruthy();
      for (const column of dataset.columns) expect(column.description.id && column.description.en, `${dataset.name}.${column.name}`).toBeTruthy();
    }
  });

  it('publish every column of each mart table that the declaration names, and nothing undeclared', async () => {
    for (const dataset of DATASETS) {
      const columns = (await q<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = '${dataset.table}'`)).map((c) => c.column_name);
      expect(columns.sort(), dataset.name).toEqual(['period', 'region_code', ...dataset.columns.map((c) => c.name)].sort());
    }
  });
});
