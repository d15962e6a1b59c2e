// Disclosure control that survives subtraction (issue 19): an attacker with the published
// rows only (tests/helpers/disclosure-attacker.ts: subtraction over regions, categories,
// ISCO codes and shared totals as interval propagation, plus inversion of ratios, statuses,
// per-100-hours figures and ranks) recovers no withheld count from 1 to k − 1; the same
// attacker against primary withholding alone recovers thousands, so the attacker works.
// Candidates are checked against the unwithheld rows (k = 1), which the attacker never sees.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS } from '../core/datasets.ts';
import { loadReference } from '../core/reference.ts';
import { queryDataset } from '../core/query.ts';
import { openWarehouse, type OpenWarehouse } from '../core/warehouse.ts';
import { generate } from '../pipelines/generate/index.ts';
import { attack, cellOf, primaryOnly, recoveries, type Published } from './helpers/disclosure-attacker.ts';
import { createSandbox, runFiles, type Sandbox } from './helpers/pipeline.ts';
import fs from 'node:fs';

const K = 5;
// The attacker is plain JavaScript over about 0.5 M cells: a liveness bound (minutes on a loaded
// 2-core machine), not a speed check.
const ATTACK_TIMEOUT = 900_000;
const reference = loadReference();

async function publishedAndTruth(warehouse: OpenWarehouse): Promise<{ published: Published; truth: Published }> {
  const published: Published = {};
  const truth: Published = {};
  for (const d of DATASETS) {
    published[d.name] = (await queryDataset(warehouse.connection, d.name, {}, { minCell: K })).rows;
    truth[d.name] = (await queryDataset(warehouse.connection, d.name, {}, { minCell: 1 })).rows;
  }
  return { published, truth };
}

const summary = (found: { key: string; how: string }[]) => {
  const by: Record<string, number> = {};
  for (const f of found) { const kind = `${f.key.split('|')[0]} by ${f.how}`; by[kind] = (by[kind] ?? 0) + 1; }
  return by;
};

function expectNoSmallPublished(published: Published) {
  for (const d of DATASETS) {
    for (const c of d.columns.filter((x) => x.persons)) {
      const small = published[d.name].filter((r) => r[c.name] !== null && Number(r[c.name]) > 0 && Number(r[c.name]) < K);
      expect(small.length, `${d.name}.${c.name} published between 0 and k`).toBe(0);
      // a count of persons (a median pool depth too) is a whole number: never 0.5 of a person
      expect(published[d.name].filter((r) => r[c.name] !== null && !Number.isInteger(Number(r[c.name]))).length, `${d.name}.${c.name} not whole`).toBe(0);
    }
  }
}

// 10 k vacancies and 20 k seekers over 6 months: about 0.5 M person cells, most of them small.
describe('a generated register (10 k vacancies, 20 k seekers, 6 months, k = 5)', () => {
  let sandbox: Sandbox;
  let warehouse: OpenWarehouse;
  let published: Published;
  let truth: Published;

  beforeAll(async () => {
    sandbox = createSandbox();
    const out = path.join(sandbox.dir, 'generated');
    await generate({ vacancies: 10_000, seekers: 20_000, months: 6, end: '2025-12', seed: 19, out, format: 'csv' }, reference);
    const files = Object.fromEntries(fs.readdirSync(out).map((f) => [f, fs.readFileSync(path.join(out, f))]));
    const result = await runFiles(sandbox, files);
    expect(result.status).toBe('succeeded');
    warehouse = await openWarehouse(sandbox.db, { readOnly: true });
    ({ published, truth } = await publishedAndTruth(warehouse));
  }, 600_000);
  afterAll(() => { warehouse?.close(); sandbox?.cleanup(); });

  it('publishes no person count (or median of one) between 0 and k', () => {
    expectNoSmallPublished(published);
  });

  it('keeps the province totals published: withheld ones are few beyond the small ones, and all are small', () => {
    for (const column of ['new_applicants', 'active_applicants', 'placements']) {
      const provinces = (rows: Record<string, unknown>[]) => rows.filter((r) => r.region_level === 'province');
      const truthOf = new Map(provinces(truth['labour-market-monthly']).map((r) => [`${r.period}|${r.region_code}`, Number(r[column])]));
      const withheld = provinces(published['labour-market-monthly']).filter((r) => r[column] === null).map((r) => truthOf.get(`${r.period}|${r.region_code}`)!);
      const primary = [...truthOf.values()].filter((v) => v >= 1 && v < K).length;
      expect(withheld.length, column).toBeLessThanOrEqual(Math.max(2 * primary, primary + 20));
      // Beyond the small ones, the withheld province totals hold a small share of the persons
      // (placements: median 2 per province-month in this register, too few to ask it of them);
      // the country is never withheld.
      const persons = [...truthOf.values()].reduce((n, v) => n + v, 0);
      const secondary = withheld.filter((v) => v >= K).reduce((n, v) => n + v, 0);
      if (column !== 'placements') expect(secondary / persons, column).toBeLessThan(0.02);
      expect(published['labour-market-monthly'].filter((r) => r.region_code === 'ID' && r[column] === null), column).toEqual([]);
    }
  });

  it('the attacker recovers thousands of withheld cells from primary withholding alone', () => {
    const found = recoveries(attack(primaryOnly(truth, K)), truth, K);
    const by = summary(found);
    expect(found.length).toBeGreaterThan(1000);
    // Each class of the issue is there: categories vs total, regions, status inversion.
    expect(by['lm.new_applicants by subtraction']).toBeGreaterThan(100);
    expect(Object.keys(by).some((kind) => kind.startsWith('skill-gaps.supply'))).toBe(true);
  }, ATTACK_TIMEOUT);

  it('recovers no withheld count from 1 to k − 1 from the published rows', () => {
    const found = recoveries(attack(published), truth, K);
    expect(found.slice(0, 5)).toEqual([]);
    expect(summary(found)).toEqual({});
  }, ATTACK_TIMEOUT);

  it('a withheld count is withheld wherever it is published (labour-market and seeker-profile totals, placements = placed_seekers)', () => {
    const state = new Map<string, boolean>();
    for (const d of DATASETS) for (const r of published[d.name]) for (const c of d.columns.filter((x) => x.persons)) {
      const key = cellOf(d.name, c.name, r);
      const withheld = r[c.name] === null;
      if (state.has(key)) expect(state.get(key), key).toBe(withheld);
      state.set(key, withheld);
    }
    const lm = published['labour-market-monthly'];
    expect(lm.filter((r) => r.placements === null).length).toBeGreaterThan(0);
    expect(lm.every((r) => (r.placements === null) === (r.placed_seekers === null))).toBe(true);
  });

  it('no derived column is published beside a withheld count it is computed from', () => {
    for (const d of DATASETS) for (const c of d.columns.filter((x) => x.dependsOn)) for (const dep of c.dependsOn!.filter((x) => !x.includes('.'))) {
      const leaks = published[d.name].filter((r) => r[dep] === null && String(r.withheld).split(';').includes(dep) && r[c.name] !== null);
      expect(leaks.length, `${d.name}.${c.name} beside withheld ${dep}`).toBe(0);
    }
    // The imbalance index and relative status also use the labour-market AA of the period and region.
    const aaWithheld = new Set(published['labour-market-monthly'].filter((r) => r.active_applicants === null).map((r) => `${r.period}|${r.region_code}`));
    expect(aaWithheld.size).toBeGreaterThan(0);
    const gaps = published['skill-gaps'].filter((r) => aaWithheld.has(`${r.period}|${r.region_code}`));
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.every((r) => r.imbalance_index === null && r.relative_status === null)).toBe(true);
  });

  it('ranks count published rows only, and withheld rows have none', () => {
    const rows = published['training-recommendations'];
    expect(rows.some((r) => r.seekers_unlocked === null)).toBe(true);
    for (const r of rows) expect(r.rank === null).toBe(r.seekers_unlocked === null);
    const groups = new Map<string, Record<string, unknown>[]>();
    for (const r of rows.filter((x) => x.rank !== null)) groups.set(`${r.period}|${r.region_code}`, [...(groups.get(`${r.period}|${r.region_code}`) ?? []), r]);
    // By openings fillable, then seekers unlocked, then programme id: 1, 2, 3… over the published rows.
    const ahead = (o: Record<string, unknown>, r: Record<string, unknown>) => {
      const [a, b] = [Number(o.openings_fillable), Number(r.openings_fillable)];
      if (a !== b) return a > b;
      const [c, d] = [Number(o.seekers_unlocked), Number(r.seekers_unlocked)];
      return c !== d ? c > d : String(o.programme_id) < String(r.programme_id);
    };
    for (const group of groups.values()) {
      for (const r of group) expect(r.rank).toBe(1 + group.filter((o) => ahead(o, r)).length);
    }
  });

  it('sorting by a withheld column does not order rows by the hidden value', async () => {
    const period = '2025-10';
    const sorted = (await queryDataset(warehouse.connection, 'skill-gaps', { period, parent: '32' }, { minCell: K, sort: ['-supply'] })).rows;
    const plain = (await queryDataset(warehouse.connection, 'skill-gaps', { period, parent: '32' }, { minCell: K })).rows;
    const withheld = (rows: Record<string, unknown>[]) => rows.filter((r) => r.supply === null).map((r) => `${r.region_code}|${r.skill_id}`);
    expect(withheld(sorted).length).toBeGreaterThan(10);
    // Withheld rows come last, in the declared order, whatever their true supply.
    expect(withheld(sorted)).toEqual(withheld(plain));
    expect(sorted.slice(-withheld(sorted).length).every((r) => r.supply === null)).toBe(true);
  });

  it('computes skill-gaps by sector at request time with the published withholding of supply and AA', async () => {
    const period = '2025-10';
    const bySector = (await queryDataset(warehouse.connection, 'skill-gaps', { period, sector: 'C' }, { minCell: K })).rows;
    const mart = new Map(published['skill-gaps'].filter((r) => r.period === period).map((r) => [`${r.region_code}|${r.skill_id}`, r]));
    // Supply does not depend on the sector (seekers have none): the same cells are withheld.
    let compared = 0;
    for (const r of bySector) {
      const m = mart.get(`${r.region_code}|${r.skill_id}`);
      if (!m) continue;
      compared++;
      expect(r.supply, `${r.region_code} ${r.skill_id}`).toBe(m.supply);
      if (m.imbalance_index === null) expect(r.imbalance_index).toBeNull();
      if (r.supply === null) expect([r.status, r.skill_ratio, r.unmet_openings]).toEqual([null, null, null]);
    }
    expect(compared).toBeGreaterThan(1000);
    expect(bySector.filter((r) => r.supply === null).length).toBeGreaterThan(100);
    // With an occupation, supply is still every seeker of the region and month: the published cells.
    const byOccupation = (await queryDataset(warehouse.connection, 'skill-gaps', { period, occupation: '7' }, { minCell: K })).rows;
    expect(byOccupation.some((r) => r.supply === null)).toBe(true);
    for (const r of byOccupation) {
      const m = mart.get(`${r.region_code}|${r.skill_id}`)!;
      expect(r.supply, `${r.region_code} ${r.skill_id}`).toBe(m.supply);
    }
  }, 300_000);

  it('an ISCO code against its sub-codes, across requests, recovers nothing', async () => {
    // The attacker asks skill-gaps for an ISCO major group and each of its sub-major groups
    // (and one of those against its minor groups), puts the rows beside the published tables
    // and subtracts: supply is the same published cell in every request, so nothing is new.
    const period = '2025-10';
    const codes = ['7', '71', '72', '73', '74', '75', '2', '21', '22', '23', '24', '25', '26', '72', '721', '722', '723'];
    const requests: Published = {};
    const truths: Published = {};
    for (const occupation of [...new Set(codes)]) {
      const rows = (await queryDataset(warehouse.connection, 'skill-gaps', { period, occupation }, { minCell: K })).rows;
      const truthRows = (await queryDataset(warehouse.connection, 'skill-gaps', { period, occupation }, { minCell: 1 })).rows;
      // each request's rows are one more published table: the same supply cell (period, region, skill)
      requests[`skill-gaps@${occupation}`] = rows;
      truths[`skill-gaps@${occupation}`] = truthRows;
    }
    const merged = Object.values(requests).flat();
    expect(merged.filter((r) => r.supply === null).length).toBeGreaterThan(100);
    // The supply a request publishes is the published table's, whatever the code.
    const publishedSupply = new Map(published['skill-gaps'].filter((r) => r.period === period).map((r) => [`${r.region_code}|${r.skill_id}`, r.supply]));
    for (const r of merged) expect(r.supply, `${r.region_code} ${r.skill_id}`).toBe(publishedSupply.get(`${r.region_code}|${r.skill_id}`));
    // All the requests at once beside the published tables (one attacker who has them all,
    // derived columns of every request included): nothing comes out.
    const found = recoveries(attack({ ...published, 'skill-gaps': [...published['skill-gaps'], ...merged] }), { ...truth, 'skill-gaps': [...truth['skill-gaps'], ...Object.values(truths).flat()] }, K);
    expect(found.slice(0, 5)).toEqual([]);
  }, ATTACK_TIMEOUT);
});

// A register built to be hard (k = 5): Gorontalo's seekers all in one regency (the province
// equals its only non-empty regency), one seeker with a disability among twelve, six seekers in
// six regencies of Sulawesi Barat (a province total of 6 over six withheld regencies), and a
// skill with demand 8 and supply 1 (status "insufficient" would give supply = 1).
const seeker = (id: string, province: string, regency: string, extra: { disability?: string; skills?: string } = {}) =>
  `AK-${id},2025-03-03,active,${province},${regency},SMK,${extra.skills ?? 'communication'},1995,L,${extra.disability ?? 'tidak'}`;
const seekers = ['seeker_id,registered_date,status,province_code,regency_code,education_level,skills,birth_year,gender,disability',
  ...['1', '2', '3'].map((i) => seeker(`G${i}`, '75', '75.01')),
  ...Array.from({ length: 12 }, (_, i) => seeker(`B${i}`, '32', '32.73', { disability: i === 0 ? 'ya' : 'tidak', skills: i === 0 ? 'welding-smaw' : 'communication' })),
  ...['01', '02', '03', '04', '05', '06'].map((r) => seeker(`S${r}`, '76', `76.${r}`)),
  ...Array.from({ length: 30 }, (_, i) => seeker(`J${i}`, '35', i < 20 ? '35.78' : '35.15')),
].join('\n') + '\n';
const vacancies = ['vacancy_id,posted_date,status,province_code,regency_code,openings,skills,education_min,job_title',
  'V1,2025-03-03,open,32,32.73,8,welding-smaw,SMK,Tukang Las',
  'V2,2025-03-03,open,35,35.78,20,communication,SMK,Staf Administrasi',
].join('\n') + '\n';

describe('a register built to be hard', () => {
  let sandbox: Sandbox;
  let warehouse: OpenWarehouse;
  let published: Published;
  let truth: Published;

  beforeAll(async () => {
    sandbox = createSandbox();
    const result = await runFiles(sandbox, { 'seekers_hard.csv': seekers, 'vacancies_hard.csv': vacancies });
    expect(result.status).toBe('succeeded');
    warehouse = await openWarehouse(sandbox.db, { readOnly: true });
    ({ published, truth } = await publishedAndTruth(warehouse));
  }, 120_000);
  afterAll(() => { warehouse?.close(); sandbox?.cleanup(); });

  const lm = (region: string) => published['labour-market-monthly'].find((r) => r.period === '2025-03' && r.region_code === region)!;

  it('recovers nothing, where primary withholding alone gives each of the hard cells away', () => {
    const naive = recoveries(attack(primaryOnly(truth, K)), truth, K).map((f) => f.key);
    expect(naive).toEqual(expect.arrayContaining([
      'lm.active_applicants|2025-03|75||',          // Gorontalo = national − other provinces
      'lm.active_applicants|2025-03|32|disability|yes',    // 12 − 11
      'lm.active_applicants|2025-03|76.01||',       // six regencies of one over a published 6
      'skill-gaps.supply|2025-03|32.73|welding-smaw|', // demand 8, "insufficient"
    ]));
    expect(recoveries(attack(published), truth, K)).toEqual([]);
    expectNoSmallPublished(published);
  });

  it('withholds a small province with its only regency and a second province beside it', () => {
    expect(lm('75').active_applicants).toBeNull();
    expect(lm('75.01').active_applicants).toBeNull();
    const provinces = published['labour-market-monthly'].filter((r) => r.period === '2025-03' && r.region_level === 'province' && r.active_applicants === null);
    expect(provinces.length).toBeGreaterThanOrEqual(2);
  });

  it('withholds a small parent over all-withheld children', () => {
    // 76: six regencies of 1 each; a published 6 would say every one of them is 1.
    expect(['01', '02', '03', '04', '05', '06'].map((r) => lm(`76.${r}`).active_applicants)).toEqual([null, null, null, null, null, null]);
    expect(lm('76').active_applicants).toBeNull();
  });

  it('withholds a second category beside a category of one person', () => {
    const profile = published['seeker-profile'].filter((r) => r.period === '2025-03' && r.region_code === '32' && r.dimension === 'disability');
    expect(profile.find((r) => r.category === 'yes')!.active_applicants).toBeNull();
    expect(profile.filter((r) => r.active_applicants === null).length).toBeGreaterThanOrEqual(2);
  });

  it('withholds the status with the supply it would reveal', () => {
    const gap = published['skill-gaps'].find((r) => r.period === '2025-03' && r.region_code === '32.73' && r.skill_id === 'welding-smaw')!;
    expect(gap).toMatchObject({ demand: 8, supply: null, status: null, skill_ratio: null, unmet_openings: null });
    expect(String(gap.withheld).split(';')).toEqual(expect.arrayContaining(['supply', 'status']));
  });
});

// The operator's alternative (SINERGI_DISCLOSURE=round): every person count randomly rounded to
// base k with a keyed draw. Nothing is withheld, so nothing is subtracted out; the attacker
// works from intervals (a published r is a true value within k − 1 of it) over every sum.
describe('rounding to base k (SINERGI_DISCLOSURE=round, a generated register of 4 k vacancies and 8 k seekers, 4 months)', () => {
  let sandbox: Sandbox;
  let again: Sandbox;
  let warehouse: OpenWarehouse;
  let published: Published;
  let truth: Published;
  let files: Record<string, Buffer>;

  beforeAll(async () => {
    sandbox = createSandbox({ SINERGI_DISCLOSURE: 'round' });
    const out = path.join(sandbox.dir, 'generated');
    await generate({ vacancies: 4_000, seekers: 8_000, months: 4, end: '2025-12', seed: 23, out, format: 'csv' }, reference);
    files = Object.fromEntries(fs.readdirSync(out).map((f) => [f, fs.readFileSync(path.join(out, f))]));
    expect((await runFiles(sandbox, files)).status).toBe('succeeded');
    warehouse = await openWarehouse(sandbox.db, { readOnly: true });
    ({ published, truth } = await publishedAndTruth(warehouse));
  }, 600_000);
  afterAll(() => { warehouse?.close(); sandbox?.cleanup(); again?.cleanup(); });

  /** Each published person count beside its true value. */
  const pairs = () => DATASETS.flatMap((d) => d.columns.filter((c) => c.persons).flatMap((c) => {
    const actual = new Map(truth[d.name].map((r) => [cellOf(d.name, c.name, r), r[c.name]]));
    return published[d.name].filter((r) => r[c.name] !== null).map((r) => ({ cell: cellOf(d.name, c.name, r), shown: Number(r[c.name]), actual: Number(actual.get(cellOf(d.name, c.name, r))) }));
  }));

  it('publishes every person count as a multiple of k within k − 1 of the true one; 0 and multiples of k unchanged', () => {
    const all = pairs();
    expect(all.length).toBeGreaterThan(10_000);
    for (const p of all) {
      expect(p.shown % K, p.cell).toBe(0);
      expect(Math.abs(p.shown - p.actual), p.cell).toBeLessThan(K);
      if (p.actual % K === 0) expect(p.shown, p.cell).toBe(p.actual);
    }
    // counts 1..k−1 go to 0 or to k, both ways, and a published k holds values below and above k
    const small = all.filter((p) => p.actual > 0 && p.actual < K);
    expect(new Set(small.map((p) => p.shown))).toEqual(new Set([0, K]));
    const fives = all.filter((p) => p.shown === K);
    expect(fives.some((p) => p.actual < K) && fives.some((p) => p.actual > K)).toBe(true);
    // unbiased: on average the rounding adds nothing (thousands of small cells: the mean error is near 0)
    const mean = small.reduce((n, p) => n + p.shown - p.actual, 0) / small.length;
    expect(Math.abs(mean)).toBeLessThan(0.25);
    // withholds no count at the levels it is published at
    expect(published['labour-market-monthly'].filter((r) => r.active_applicants === null || r.new_applicants === null)).toEqual([]);
  });

  it('rounds the same cell alike wherever it is published (placements = placed_seekers, the seeker-profile categories of a dimension one by one)', () => {
    const lm = published['labour-market-monthly'];
    expect(lm.every((r) => r.placements === r.placed_seekers)).toBe(true);
    const state = new Map<string, number>();
    for (const p of pairs()) {
      if (state.has(p.cell)) expect(state.get(p.cell), p.cell).toBe(p.shown);
      state.set(p.cell, p.shown);
    }
  });

  it('recomputes derived columns from the rounded counts, and withholds a median over persons whose rounded count is at most k', () => {
    for (const r of published['labour-market-monthly']) {
      const aa = Number(r.active_applicants);
      expect(r.active_ratio).toBe(aa ? Number(r.active_openings) / aa : null);
      expect(r.placement_rate).toBe(Number(r.new_applicants) ? Number(r.placements) / Number(r.new_applicants) : null);
      if (Number(r.placed_seekers) <= K) expect(r.median_days_to_placement, `${r.period} ${r.region_code}`).toBeNull();
    }
    expect(published['labour-market-monthly'].some((r) => String(r.withheld).includes('median_days_to_placement'))).toBe(true);
    for (const r of published['skill-gaps']) {
      const [d, sup] = [Number(r.demand), Number(r.supply)];
      expect(r.unmet_openings).toBe(Math.max(d - sup, 0));
      if (d + sup < 10) expect(r.status).toBe('insufficient');
      expect(r.skill_ratio).toBe(sup ? d / sup : null);
    }
    for (const r of published['training-recommendations']) {
      expect(r.openings_fillable).toBe(Math.min(Number(r.seekers_unlocked), Number(r.openings_unlocked)));
    }
  });

  it('recovers no true value from 1 to k − 1 from the published rows', () => {
    const found = recoveries(attack(published, { roundedTo: K }), truth, K);
    expect(found.slice(0, 5)).toEqual([]);
  }, 300_000);

  it('skill-gaps by occupation and by sector publish the rounded supply of the unfiltered table', async () => {
    const period = '2025-12';
    const mart = new Map(published['skill-gaps'].filter((r) => r.period === period).map((r) => [`${r.region_code}|${r.skill_id}`, r.supply]));
    for (const filters of [{ occupation: '7' }, { occupation: '72' }, { sector: 'C' }]) {
      const rows = (await queryDataset(warehouse.connection, 'skill-gaps', { period, ...filters }, { minCell: K })).rows;
      expect(rows.length).toBeGreaterThan(100);
      for (const r of rows) expect(r.supply, `${JSON.stringify(filters)} ${r.region_code} ${r.skill_id}`).toBe(mart.get(`${r.region_code}|${r.skill_id}`));
    }
  });

  it('publishes the same values when the same register is built again (the draw is keyed, not random)', async () => {
    again = createSandbox({ SINERGI_DISCLOSURE: 'round' });
    expect((await runFiles(again, files)).status).toBe('succeeded');
    const second = await openWarehouse(again.db, { readOnly: true });
    try {
      for (const name of ['labour-market-monthly', 'skill-gaps', 'seeker-profile']) {
        expect((await queryDataset(second.connection, name, {}, { minCell: K })).rows, name).toEqual(published[name]);
      }
    } finally {
      second.close();
    }
  }, 600_000);
});

describe('a register built to be hard, rounded (SINERGI_DISCLOSURE=round)', () => {
  it('gives no exact value of the hard cells to interval propagation', async () => {
    const sandbox = createSandbox({ SINERGI_DISCLOSURE: 'round' });
    try {
      expect((await runFiles(sandbox, { 'seekers_hard.csv': seekers, 'vacancies_hard.csv': vacancies })).status).toBe('succeeded');
      const warehouse = await openWarehouse(sandbox.db, { readOnly: true });
      try {
        const { published, truth } = await publishedAndTruth(warehouse);
        expect(recoveries(attack(published, { roundedTo: K }), truth, K)).toEqual([]);
        // the supply of 1 beside a demand of 8 is published as 0 or 5, and its status follows the published figures
        const gap = published['skill-gaps'].find((r) => r.period === '2025-03' && r.region_code === '32.73' && r.skill_id === 'welding-smaw')!;
        expect([0, K]).toContain(gap.supply);
        expect(gap.status).toBe(8 + Number(gap.supply) < 10 ? 'insufficient' : 'shortage');
      } finally {
        warehouse.close();
      }
    } finally {
      sandbox.cleanup();
    }
  }, 300_000);
});
