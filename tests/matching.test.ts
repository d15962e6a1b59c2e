// Skill-based matching (DESIGN §4) on a fixture worked out by hand: one regency (Kota
// Bandung), January 2025, θ = 0.8. Transversal skills (communication) are left out.
//   A: python, sql, git, docker, aws (+ communication)  S1   2 openings  |K| = 5, need = ceil(0.8·5) = 4
//   B: welding-smaw                                     SMK  1 opening   |K| = 1, need = 1
//   C: nursing, first-aid                               D4   3 openings  |K| = 2, need = 2
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../core/duckdb.ts';
import { queryDataset } from '../core/query.ts';
import { openWarehouse } from '../core/warehouse.ts';
import { createSandbox, runFiles, type Sandbox } from './helpers/pipeline.ts';

const vacancies = `vacancy_id,posted_date,province_code,regency_code,openings,skills,education_min,job_title
A,2025-01-05,32,32.73,2,python;sql;git;docker;aws;communication,S1,Backend Developer
B,2025-01-05,32,32.73,1,welding-smaw,SMK,Tukang Las
C,2025-01-05,32,32.73,3,nursing;first-aid,D4,Perawat
`;
const seekers = `seeker_id,registered_date,province_code,regency_code,education_level,skills,placed_date,placed_vacancy_id
AK-1,2025-01-02,32,32.73,S1,python;sql;git;docker,2025-01-20,A
AK-2,2025-01-02,32,32.73,S1,python;sql;git,,
AK-3,2025-01-02,32,32.73,D4,python;sql;git;docker;aws,,
AK-4,2025-01-02,32,32.73,D3,python;sql;git;docker;aws,,
AK-5,2025-01-02,32,32.73,SMA,welding-smaw,,
AK-6,2025-01-02,32,32.73,SMA,,,
AK-7,2025-01-02,32,32.73,S1,nursing;communication,,
AK-8,2025-01-02,32,32.73,S2,communication,,
`;

let sandbox: Sandbox;
let warehouse: Awaited<ReturnType<typeof openWarehouse>>;
beforeAll(async () => {
  sandbox = createSandbox();
  const result = await runFiles(sandbox, { 'vacancies.csv': vacancies, 'seekers.csv': seekers });
  expect(result.files.map((f) => f.rows_quarantined)).toEqual([0, 0]);
  warehouse = await openWarehouse(sandbox.db, { readOnly: true });
});
afterAll(() => { warehouse.close(); sandbox.cleanup(); });

const ask = async (name: string, filters: Record<string, string>) => (await queryDataset(warehouse.connection, name, filters, { minCell: 1 })).rows;

describe('matching quality, January 2025', () => {
  it('counts pools, hard-to-fill openings, near misses and placement coverage', async () => {
    // Pools: A ← AK-1 (4 of 5 = 0.8 ≥ θ: the boundary qualifies; communication does not count) and AK-3 (D4 = S1); AK-4 is D3 < S1.
    //        B ← AK-5 (SMA = SMK). C ← nobody (AK-7 has 1 of 2).  Median of (2, 1, 0) = 1.
    // Hard to fill: C's 3 openings of 2 + 1 + 3 = 6 → 0.5.
    // Near misses: AK-2 for A (3 = need − 1); AK-7 for C (1 = need − 1); and for B, the one-skill vacancy, every eligible
    // seeker without welding-smaw: AK-1, AK-2, AK-3, AK-4, AK-6, AK-7, AK-8 → 7 (all but AK-5).
    // Placement: AK-1 into A, coverage 4 / 5 = 0.8.
    for (const region of ['ID', '32', '32.73']) {
      const [row] = await ask('matching-quality', { period: '2025-01', region });
      expect(row, region).toMatchObject({ active_vacancies: 3, median_pool_depth: 1, hard_to_fill_share: 0.5, near_miss_seekers: 7, placement_match_coverage: 0.8, placements_matched: 1 });
    }
  });

  it('is empty where there is nothing to match', async () => {
    const [row] = await ask('matching-quality', { period: '2025-01', region: '35' });
    expect(row).toMatchObject({ active_vacancies: 0, median_pool_depth: null, hard_to_fill_share: null, near_miss_seekers: 0 });
  });
});

describe('upskilling leverage, January 2025', () => {
  it('credits each missing skill of a near miss, and a one-skill vacancy\'s skill for every eligible seeker without it', async () => {
    const leverage = await ask('upskilling-leverage', { period: '2025-01', region: '32.73' });
    const of = (skill: string) => leverage.find((r) => r.skill_id === skill);
    expect(of('welding-smaw')).toMatchObject({ seekers_unlocked: 7, vacancies_unlocked: 1 }); // B, for all but AK-5
    expect(of('docker')).toMatchObject({ seekers_unlocked: 1, vacancies_unlocked: 1 });       // AK-2 for A
    expect(of('aws')).toMatchObject({ seekers_unlocked: 1, vacancies_unlocked: 1 });          // AK-2 for A (AK-1 already qualifies)
    expect(of('first-aid')).toMatchObject({ seekers_unlocked: 1, vacancies_unlocked: 1 });    // AK-7 for C
    expect(of('python')).toBeUndefined();                                                       // nobody lacks only python
    expect(leverage.map((r) => r.skill_id).sort()).toEqual(['aws', 'docker', 'first-aid', 'welding-smaw']);
  });
});

describe('training recommendations, January 2025', () => {
  it('counts the seekers a programme makes qualified for a vacancy they did not qualify for', async () => {
    const training = await ask('training-recommendations', { period: '2025-01', region: '32.73' });
    const of = (id: string) => training.find((r) => r.programme_id === id);
    // SMAW 3G covers B's only skill: every eligible seeker not already qualified for B (7).
    expect(of('las-smaw-3g')).toMatchObject({ seekers_unlocked: 7, hours: 240, rank: 1 });
    expect(of('las-smaw-3g')!.seekers_unlocked_per_100h).toBeCloseTo(700 / 240, 12);
    // Elderly caregiver and BTCLS add first-aid: AK-7 (nursing) reaches 2 of 2 for C.
    expect(of('caregiver-lansia')).toMatchObject({ seekers_unlocked: 1 });
    expect(of('btcls')).toMatchObject({ seekers_unlocked: 1 });
    const [top] = training;
    expect(top.rank).toBe(1);
  });
});

describe('a register too large to match within the limit', () => {
  it('leaves the matching marts empty, says so in the run, and still publishes the rest', async () => {
    const small = createSandbox({ SINERGI_MATCHING_MAX_PAIRS: '3' });
    try {
      const result = await runFiles(small, { 'vacancies.csv': vacancies, 'seekers.csv': seekers });
      expect(result.status).toBe('succeeded');
      // Incidences within the province: python, sql, git ×4 seekers… well above 3.
      expect(result.matching).toMatchObject({ status: 'skipped', limit: 3 });
      expect(result.matching!.estimatedPairs).toBeGreaterThan(3);
      const other = await openWarehouse(small.db, { readOnly: true });
      try {
        const quality = await queryDataset(other.connection, 'matching-quality', { period: '2025-01', region: 'ID' }, { minCell: 1 });
        expect(quality.rows[0]).toMatchObject({ active_vacancies: 0, median_pool_depth: null });
        const gaps = await queryDataset(other.connection, 'skill-gaps', { period: '2025-01', region: 'ID', skill: 'python' }, { minCell: 1 });
        expect(gaps.rows[0]).toMatchObject({ demand: 2, supply: 4 });
        const [meta] = await rows<{ value: string }>(other.connection, "SELECT value FROM meta WHERE key = 'matching'");
        expect(meta.value).toBe('skipped');
      } finally {
        other.close();
      }
    } finally {
      small.cleanup();
    }
  });
});
