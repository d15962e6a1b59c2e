// The metric definitions of DESIGN §4 on a fixture small enough to work out by hand:
// two provinces, the first quarter of 2025 (and one seeker registered in August 2024).
// Validity windows: vacancies 89 days, seekers 179 days. Every expected value states its arithmetic.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../core/duckdb.ts';
import { METHODOLOGY } from '../core/methodology.ts';
import { CORE_SQL_DIR, queryDataset } from '../core/query.ts';
import { openWarehouse } from '../core/warehouse.ts';
import { MARTS_DIR } from '../pipelines/marts.ts';
import { runSqlFile } from '../core/duckdb.ts';
import { createSandbox, runFiles, type Sandbox } from './helpers/pipeline.ts';
import { openMemoryDb } from './helpers/duckdb.ts';

const vacancies = `vacancy_id,posted_date,closed_date,expiry_date,status,province_code,regency_code,openings,skills,education_min,occupation_code,job_title
V1,2025-01-10,2025-01-10,,filled,32,32.73,2,welding-smaw;welding-tig,SMK,7212,Tukang Las
V2,2025-01-20,,2025-02-15,expired,32,32.73,1,welding-smaw,SMA,7212,Tukang Las
V3,2025-02-05,,,open,32,32.01,3,microsoft-excel;general-administration;communication,D4,4110,Staf Administrasi
V4,2025-03-01,2025-03-21,,filled,35,35.78,1,nursing,D3,2221,Perawat
V5,2025-01-05,2025-02-04,,filled,35,35.78,4,python;sql,S1,2512,Backend Developer
V6,2025-03-10,,,open,35,,5,python,S1,2512,Python Developer
`;
const python = (id: string, gender: string, skills: string) => `AK-${id},2025-01-10,,,active,35,35.78,S1,"${skills}",1996,${gender},2512,`;
const seekers = `seeker_id,registered_date,placed_date,deregistered_date,status,province_code,regency_code,education_level,skills,birth_year,gender,preferred_occupation_code,placed_vacancy_id
AK-S1,2025-01-03,2025-01-25,,placed,32,32.73,SMK,welding-smaw;welding-tig,2000,L,7212,V1
AK-S2,2025-01-15,,2025-02-10,inactive,32,32.73,SMA,welding-smaw,1995,L,7212,
AK-S3,2024-08-05,,,active,32,32.01,D4,microsoft-excel;general-administration,1990,P,4110,
AK-S4,2025-02-01,,,active,32,32.01,S1,microsoft-excel,1998,P,4110,
${python('S5', 'P', 'python;sql')}
${python('S6', 'P', 'python;sql')}
${python('S7', 'P', 'python')}
${python('S8', 'L', 'python')}
${python('S9', 'L', 'python')}
${python('S10', 'L', 'python')}
AK-S11,2025-03-02,2025-03-20,,placed,35,,D3,nursing,1985,P,2221,V4
AK-S12,2025-02-14,,,active,35,35.78,SMA,,2006,L,,
`;

let sandbox: Sandbox;
let close: () => void;
let connection: Awaited<ReturnType<typeof openWarehouse>>['connection'];

beforeAll(async () => {
  sandbox = createSandbox({ SINERGI_MIN_CELL: '3' }); // the privacy tests below use k = 3 (withholding is stored at build)
  const result = await runFiles(sandbox, { 'vacancies_q1.csv': vacancies, 'seekers_q1.csv': seekers });
  expect(result.status).toBe('succeeded');
  expect(result.files.map((f) => f.rows_quarantined)).toEqual([0, 0]);
  const warehouse = await openWarehouse(sandbox.db, { readOnly: true });
  connection = warehouse.connection;
  close = warehouse.close;
});
afterAll(() => { close(); sandbox.cleanup(); });

const lm = async (period: string, region: string) =>
  (await rows(connection, 'SELECT * FROM mart_labour_market_monthly WHERE period = $p AND region_code = $r', { p: period, r: region }))[0];
const gap = async (period: string, region: string, skill: string) =>
  (await rows(connection, 'SELECT * FROM mart_skill_gaps WHERE period = $p AND region_code = $r AND skill_id = $s', { p: period, r: region, s: skill }))[0];

describe('months and activity windows', () => {
  it('covers every month from the first to the last of the data', async () => {
    const periods = await rows<{ period: string }>(connection, 'SELECT period FROM dim_period ORDER BY 1');
    expect(periods.map((p) => p.period)).toEqual(['2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03']);
  });

  it('counts openings and applicants of January 2025', async () => {
    // Active openings: V1 (closed the day it was posted, 10 Jan: active in January only) 2 + V2 1 + V5 4 = 7; all posted in January.
    // Active applicants: S1 (placed 25 Jan), S2, S3 (registered 5 Aug 2024: window ends 31 Jan 2025), S5–S10 = 9; new: all but S3 = 8.
    expect(await lm('2025-01', 'ID')).toMatchObject({ new_openings: 7, active_openings: 7, new_applicants: 8, active_applicants: 9, placements: 1 });
    const jan = await lm('2025-01', 'ID');
    expect(jan.active_ratio).toBeCloseTo(7 / 9, 12);
    expect(jan.new_ratio).toBeCloseTo(7 / 8, 12);
    expect(jan.placement_rate).toBeCloseTo(1 / 8, 12); // S1 placed in the month they registered
    expect(jan.fill_rate).toBeCloseTo(1 / 7, 12);
    expect(jan.median_days_to_fill).toBe(0); // V1: closed 10 Jan − posted 10 Jan
    expect(jan.median_days_to_placement).toBe(22); // S1: 25 Jan − 3 Jan
    // Jawa Barat: V1 + V2 = 3 openings; S1, S2, S3 = 3 applicants (2 new). Jawa Timur: V5 4; S5–S10 6.
    expect(await lm('2025-01', '32')).toMatchObject({ active_openings: 3, new_openings: 3, active_applicants: 3, new_applicants: 2, placements: 1 });
    expect(await lm('2025-01', '35')).toMatchObject({ active_openings: 4, active_applicants: 6, new_applicants: 6, placements: 0 });
    expect(await lm('2025-01', '32.01')).toMatchObject({ active_openings: 0, active_applicants: 1, new_applicants: 0 });
  });

  it('applies the windows in February: only an expiry date, the validity window, deregistration, re-registration', async () => {
    // V2 has only an expiry date (15 Feb): active in February. V3 has neither: 5 Feb + 89 days = 5 May, active.
    // V5 closed 4 Feb: active. Openings 1 + 3 + 4 = 8; new: V3 3.
    // S2 deregistered 10 Feb: active; S3's window ended 31 Jan: not active; S4, S12 new; S5–S10.  2 + 2 + 6... = S2, S4, S5–S10, S12 = 9.
    expect(await lm('2025-02', 'ID')).toMatchObject({ active_openings: 8, new_openings: 3, active_applicants: 9, new_applicants: 2, placements: 0 });
    expect((await lm('2025-02', 'ID')).median_days_to_fill).toBe(30); // V5: 4 Feb − 5 Jan
    expect(await lm('2025-02', '32')).toMatchObject({ active_openings: 4, active_applicants: 2 });
  });

  it('counts March, a placement of a seeker without a regency, and the empty ratios', async () => {
    // V3 3 + V4 1 + V6 5 = 9 openings, 6 new. S4, S5–S10, S11, S12 = 9 applicants; S11 new and placed (20 Mar − 2 Mar = 18 days).
    const mar = await lm('2025-03', 'ID');
    expect(mar).toMatchObject({ active_openings: 9, new_openings: 6, active_applicants: 9, new_applicants: 1, placements: 1, median_days_to_fill: 20, median_days_to_placement: 18 });
    expect(mar.placement_rate).toBe(1);
    expect(await lm('2025-03', '35')).toMatchObject({ placements: 1, active_openings: 6 });
    expect(await lm('2025-03', '35.78')).toMatchObject({ placements: 0, active_openings: 1 }); // V6 and S11 have no regency
    const empty = await lm('2024-09', '35');
    expect(empty).toMatchObject({ active_openings: 0, active_applicants: 0, active_ratio: null, placement_rate: null, median_days_to_fill: null });
  });
});

describe('skill gaps', () => {
  it('computes demand, supply, ratio and imbalance index (python, January, national)', async () => {
    // D = V5's 4 openings; S = S5–S10 = 6; AO = 7, AA = 9.
    // I = ln(((4 + 0.5)/(7 + 0.5)) / ((6 + 0.5)/(9 + 0.5))) = ln(0.6 / 0.684211) = −0.131336. D + S = 10: not insufficient; S = 6 ≥ 1.5 × 4: an absolute surplus; D + S < 30: no relative status.
    const g = await gap('2025-01', 'ID', 'python');
    expect(g).toMatchObject({ demand: 4, supply: 6, status: 'surplus', relative_status: 'insufficient', unmet_openings: 0, skill_label_en: expect.any(String) });
    expect(g.skill_ratio).toBeCloseTo(4 / 6, 12);
    expect(g.imbalance_index).toBeCloseTo(Math.log((4.5 / 7.5) / (6.5 / 9.5)), 12);
    expect(g.imbalance_index).toBeCloseTo(-0.131336, 5);
  });

  it('leaves the ratio empty for a skill nobody holds (communication, February)', async () => {
    // V3 requires communication (3 openings); no seeker holds it. I = ln((3.5/8.5)/(0.5/9.5)) = 2.05716; D + S = 3 < 10.
    const g = await gap('2025-02', 'ID', 'communication');
    expect(g).toMatchObject({ demand: 3, supply: 0, skill_ratio: null, status: 'insufficient', unmet_openings: 3 });
    expect(g.imbalance_index).toBeCloseTo(Math.log((3.5 / 8.5) / (0.5 / 9.5)), 12);
  });

  it('counts a skill required by two vacancies and held by two seekers (welding-smaw, January, Kota Bandung)', async () => {
    // D = V1 2 + V2 1 = 3; S = S1 + S2 = 2; AO = 3, AA = 2 in 32.73. Unmet = 3 − 2 = 1.
    const g = await gap('2025-01', '32.73', 'welding-smaw');
    expect(g).toMatchObject({ demand: 3, supply: 2, status: 'insufficient', relative_status: 'insufficient', unmet_openings: 1 });
    expect(g.skill_ratio).toBe(1.5);
    expect(g.imbalance_index).toBeCloseTo(Math.log((3.5 / 3.5) / (2.5 / 2.5)), 12);
  });

  it('draws the absolute status boundaries: shortage only when demand exceeds supply by 1.5 times', async () => {
    const db = await openMemoryDb();
    await runSqlFile(db.connection, path.join(MARTS_DIR, '00_rules.sql'));
    const status = async (d: number, s: number) =>
      (await rows<{ v: string }>(db.connection, 'SELECT s_skill_status($d, $s, $floor, $min, $t) AS v',
        { d, s, floor: METHODOLOGY.insufficientBelow, min: METHODOLOGY.statusMinCount, t: METHODOLOGY.imbalanceThreshold }))[0].v;
    expect(await status(4, 5)).toBe('insufficient');     // D + S = 9 < 10
    expect(await status(6, 4)).toBe('shortage');         // 6 ≥ 1.5 × 4
    expect(await status(10, 0)).toBe('shortage');        // no seeker at all
    expect(await status(6, 5)).toBe('balanced');         // 6 < 1.5 × 5
    expect(await status(4, 20)).toBe('surplus');         // S = 20 ≥ 1.5 × 4
    expect(await status(232, 723)).toBe('surplus');      // the /gaps case of issue 14: never a shortage
    expect(await status(8, 12)).toBe('surplus');         // 12 ≥ 1.5 × 8
    expect(await status(9, 12)).toBe('balanced');
    db.close();
  });

  it('draws the relative status boundaries of the imbalance index, with the ranking volume floor', async () => {
    const db = await openMemoryDb();
    await runSqlFile(db.connection, path.join(MARTS_DIR, '00_rules.sql'));
    const status = async (d: number, s: number, i: number) =>
      (await rows<{ v: string }>(db.connection, 'SELECT s_relative_status($d, $s, $i, $volume, $min, $t) AS v',
        { d, s, i, volume: METHODOLOGY.rankingMinVolume, min: METHODOLOGY.statusMinCount, t: METHODOLOGY.imbalanceThreshold }))[0].v;
    const ln15 = Math.log(1.5);
    expect(await status(27, 0, 3)).toBe('insufficient');               // D + S = 27 < 30: not ranked
    expect(await status(20, 10, ln15)).toBe('relatively_scarce');      // I = ln 1.5, D = 20
    expect(await status(4, 26, ln15)).toBe('balanced');                // D = 4 < 5
    expect(await status(20, 10, ln15 - 1e-9)).toBe('balanced');        // just under the threshold
    expect(await status(10, 20, -ln15)).toBe('relatively_abundant');   // I = −ln 1.5, S = 20
    expect(await status(26, 4, -ln15)).toBe('balanced');               // S = 4 < 5
    db.close();
  });

  it('marks the months whose stocks started before the data as provisional', async () => {
    const db = await openMemoryDb();
    await runSqlFile(db.connection, path.join(MARTS_DIR, '00_rules.sql'));
    const reason = async (start: string) =>
      (await rows<{ v: string }>(db.connection, "SELECT s_provisional($p::DATE, DATE '2024-01-01', 89, 179) AS v", { p: start }))[0].v;
    expect(await reason('2024-01-01')).toBe('stocks_incomplete');
    expect(await reason('2024-03-01')).toBe('stocks_incomplete');      // 1 Mar − 89 days = 3 Dec 2023
    expect(await reason('2024-04-01')).toBe('applicants_incomplete');  // 1 Apr − 89 days = 3 Jan 2024
    expect(await reason('2024-06-01')).toBe('applicants_incomplete');  // 1 Jun − 179 days = 4 Dec 2023
    expect(await reason('2024-07-01')).toBe('');                       // 1 Jul − 179 days = 4 Jan 2024
    db.close();
  });
});

describe('skill gaps for one occupation group or sector, computed from the facts', () => {
  it('restricts demand and AO to the group\'s vacancies; supply and AA stay every seeker of the region and month', async () => {
    // occupation=25 (ICT professionals), January: V5 (2512) 4 openings of python and sql, AO = 4.
    // Seekers have no occupation of a vacancy: supply and AA are the mart's (all 9 active in ID;
    // python: AK-S5..S10, 6). python: D = 4, S = 6 → I = ln((4.5/4.5)/(6.5/9.5)) = ln(9.5/6.5);
    // S = 6 ≥ 1.5 × 4 → an absolute surplus.
    const { rows: gaps } = await queryDataset(connection, 'skill-gaps', { period: '2025-01', region: 'ID', occupation: '25' }, { minCell: 1 });
    // skills the group does not ask for stay where seekers hold them, with demand 0
    expect(gaps.filter((g) => g.demand !== 0).map((g) => g.skill_id).sort()).toEqual(['python', 'sql']);
    expect(gaps.find((g) => g.skill_id === 'python')).toMatchObject({ demand: 4, supply: 6, status: 'surplus', relative_status: 'insufficient', provisional: 'applicants_incomplete' });
    expect(gaps.find((g) => g.skill_id === 'python')!.imbalance_index).toBeCloseTo(Math.log(9.5 / 6.5), 12);
    // Data start in August 2024 (AK-S3): 1 Jan 2025 − 179 days = 6 Jul 2024, before it; − 89 days = 4 Oct 2024, after it.
    expect(gaps.find((g) => g.skill_id === 'sql')).toMatchObject({ demand: 4, supply: 2 });
    const { rows: all } = await queryDataset(connection, 'skill-gaps', { period: '2025-01', region: 'ID' }, { minCell: 1 });
    for (const g of gaps) expect(g.supply, g.skill_id as string).toBe(all.find((a) => a.skill_id === g.skill_id)!.supply);
    // No vacancy in the fixture names a sector: sector C has no demand and no row.
    const { rows: none } = await queryDataset(connection, 'skill-gaps', { period: '2025-01', region: 'ID', sector: 'C' }, { minCell: 1 });
    expect(none.every((g) => g.demand === 0)).toBe(true);
  });

  it('gives the mart\'s numbers when nothing is filtered out (one definition, two routes)', async () => {
    const sql = fs.readFileSync(path.join(CORE_SQL_DIR, 'skill_gaps_filtered.sql'), 'utf8');
    const computed = await rows(connection, `SELECT * FROM (${sql}) ORDER BY region_code, skill_id`, { sector: '', occupation: '', employment_type: '', from: '2025-01', to: '2025-03' });
    const mart = await rows(connection, "SELECT * FROM mart_skill_gaps WHERE period BETWEEN '2025-01' AND '2025-03' ORDER BY region_code, skill_id");
    const key = (r: Record<string, unknown>) => `${r.period}/${r.region_code}/${r.skill_id}`;
    expect(computed.map(key).sort()).toEqual(mart.map(key).sort());
    const byKey = new Map(mart.map((r) => [key(r), r]));
    for (const row of computed) expect(row).toEqual(byKey.get(key(row)));
  });

  it('needs a period (at most 12 months) for such a filter', async () => {
    await expect(queryDataset(connection, 'skill-gaps', { occupation: '25' }, { minCell: 1 })).rejects.toThrow(/needs period, or from and to/);
    await expect(queryDataset(connection, 'skill-gaps', { occupation: '25', from: '2024-01', to: '2025-03' }, { minCell: 1 })).rejects.toThrow(/at most 12 months \(asked 15\)/);
  });
});

describe('seeker profile', () => {
  it('breaks January down by gender, age group, education and area type', async () => {
    const profile = await rows<{ dimension: string; category: string; active_applicants: number; new_applicants: number; placements: number }>(connection,
      "SELECT dimension, category, active_applicants, new_applicants, placements FROM mart_seeker_profile WHERE period = '2025-01' AND region_code = 'ID' ORDER BY 1, 2");
    const get = (d: string, c: string) => profile.find((p) => p.dimension === d && p.category === c);
    // L: S1, S2, S8, S9, S10; P: S3, S5, S6, S7 (S3 not new). S1 placed.
    expect(get('gender', 'L')).toMatchObject({ active_applicants: 5, new_applicants: 5, placements: 1 });
    expect(get('gender', 'P')).toMatchObject({ active_applicants: 4, new_applicants: 3, placements: 0 });
    // Age in 2025: S1 25, S2 30, S5–S10 29 → 25-34 (8); S3 35 → 35-44.
    expect(get('age_group', '25-34')).toMatchObject({ active_applicants: 8 });
    expect(get('age_group', '35-44')).toMatchObject({ active_applicants: 1 });
    // Kota Bandung and Kota Surabaya are urban (KOTA), Kabupaten Bogor rural.
    expect(get('area_type', 'urban')).toMatchObject({ active_applicants: 8 });
    expect(get('area_type', 'rural')).toMatchObject({ active_applicants: 1 });
    expect(get('education', 'S1')).toMatchObject({ active_applicants: 6 });
  });
});

describe('withholding small cells (k)', () => {
  const ask = (name: string, filters: Record<string, string>, minCell: number) => queryDataset(connection, name, filters, { minCell });

  it('withholds a person count of k−1 and publishes k, with the rates that use them', async () => {
    // k = 3. January, national: 1 placement (≤ k−1) → withheld, and fill rate (PL/NO) and
    // placement rate (PL/NA) with it (numerator); the median days to placement rests on 1 person.
    const [jan] = (await ask('labour-market-monthly', { period: '2025-01', region: 'ID' }, 3)).rows;
    expect(jan).toMatchObject({ new_openings: 7, new_applicants: 8, placements: null, fill_rate: null, placement_rate: null, median_days_to_placement: null });
    expect(jan.withheld).toBe('placements;placement_rate;fill_rate;median_days_to_placement;placed_seekers');
    // Jawa Barat in March: 1 active applicant → withheld, and AO/AA with it (denominator); openings are not persons.
    const [mar] = (await ask('labour-market-monthly', { period: '2025-03', region: '32' }, 3)).rows;
    expect(mar).toMatchObject({ active_openings: 3, active_applicants: null, active_ratio: null });
    // Gender P in January: 3 new applicants = k nationally, not withheld for itself; but they are
    // all Jawa Timur's, whose total (6) is withheld beside Jawa Barat's 2 in the national sum, so
    // its categories are withheld with it, and the national P, equal to Jawa Timur's, with them
    // (secondary withholding, issue 19).
    const truthProfile = (await ask('seeker-profile', { period: '2025-01', region: 'ID', dimension: 'gender' }, 1)).rows;
    expect(truthProfile.find((r) => r.category === 'P')).toMatchObject({ new_applicants: 3 });
    const provincesP = (await ask('seeker-profile', { period: '2025-01', level: 'province', dimension: 'gender' }, 1)).rows.filter((r) => r.category === 'P' && Number(r.new_applicants) > 0);
    expect(provincesP.map((r) => [r.region_code, r.new_applicants])).toEqual([['35', 3]]);
    const profile = (await ask('seeker-profile', { period: '2025-01', region: 'ID', dimension: 'gender' }, 3)).rows;
    expect(profile.find((r) => r.category === 'P')).toMatchObject({ new_applicants: null });
    const jatim = (await ask('seeker-profile', { period: '2025-01', region: '35', dimension: 'gender' }, 3)).rows;
    expect(jatim.map((r) => r.new_applicants)).toEqual([null, null]);
  });

  it('withholds a second sibling so the first cannot be recovered from the total', async () => {
    // January new applicants by province: Jawa Barat 2 (< 3, withheld), Jawa Timur 6, all others 0, national 8.
    // Published alone, 8 − 6 would give Jawa Barat's 2: Jawa Timur, the smallest other non-zero cell, is withheld too.
    const all = (await ask('labour-market-monthly', { period: '2025-01' }, 3)).rows;
    const byRegion = (code: string) => all.find((r) => r.region_code === code)!;
    expect(byRegion('32').new_applicants).toBeNull();
    expect(byRegion('35').new_applicants).toBeNull();
    expect(String(byRegion('35').withheld).split(';')).toContain('new_applicants');
    expect(byRegion('ID').new_applicants).toBe(8);
    expect(byRegion('31').new_applicants).toBe(0);
    // The same protection inside a province's regencies and a profile's categories.
    const [filtered] = (await ask('labour-market-monthly', { period: '2025-01', region: '35' }, 3)).rows;
    expect(filtered.new_applicants).toBeNull();
  });

  it('withholds nothing with k = 1', async () => {
    const [jan] = (await ask('labour-market-monthly', { period: '2025-01', region: 'ID' }, 1)).rows;
    expect(jan).toMatchObject({ placements: 1, withheld: '' });
    expect(jan.fill_rate).toBeCloseTo(1 / 7, 12);
  });

  it('never publishes a seeker identifier, hashed or not', async () => {
    const keys = await rows<{ k: string }>(connection, 'SELECT seeker_key AS k FROM seeker');
    for (const name of ['labour-market-monthly', 'skill-gaps', 'skill-trends', 'occupation-demand', 'seeker-profile']) {
      const text = JSON.stringify((await ask(name, {}, 1)).rows);
      expect(text).not.toContain('AK-S');
      for (const { k } of keys) expect(text.includes(k), `a seeker key in ${name}`).toBe(false);
      expect(text).not.toMatch(/seeker_(key|id)/);
    }
  });
});

describe('time limit of a dataset query', () => {
  it('stops a query that runs too long with a 503 saying what to do', async () => {
    const { withTimeLimit } = await import('../core/query.ts');
    const slow = () => rows(connection, 'SELECT count(*) FROM range(3000000000) a JOIN range(10) b ON a.range % 7 = b.range');
    await expect(withTimeLimit(connection, 50, slow)).rejects.toMatchObject({ status: 503, message: expect.stringMatching(/took longer than 0 s and was stopped; narrow the filters/) });
    // The connection is usable afterwards.
    expect((await rows<{ n: number }>(connection, 'SELECT 1 AS n'))[0].n).toBe(1);
  });
});
