// Duplicate vacancies (issue 16, pipelines/sql/marts/00_duplicates.sql): the same job posted
// on two sources is found, near-but-different vacancies are not merged, and every mart counts
// a group once. The fixture's expected figures are worked out by hand below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDataset } from '../core/query.ts';
import { openWarehouse } from '../core/warehouse.ts';
import { createSandbox, queryWarehouse, runFiles, type Sandbox } from './helpers/pipeline.ts';
import { JOBBOARD, KARIRHUB, sourceCsv } from './helpers/duplicates.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = createSandbox();
  const result = await runFiles(sandbox, { 'lowongan_karirhub.csv': sourceCsv('karirhub', KARIRHUB), 'lowongan_jobboard.csv': sourceCsv('jobboard', JOBBOARD) });
  expect(result.status).toBe('succeeded');
});
afterAll(() => sandbox.cleanup());

describe('duplicate vacancies', () => {
  it('links the true duplicates, with their representative and the sources that saw them', async () => {
    const groups = await queryWarehouse<{ representative_vacancy_id: string; members: number; sources: string[]; ids: string[] }>(sandbox.db, `
      SELECT g.representative_vacancy_id, g.members, g.sources, list(d.vacancy_id ORDER BY d.vacancy_id) AS ids
      FROM duplicate_group g JOIN vacancy_duplicate d USING (group_id) GROUP BY ALL ORDER BY 1`);
    expect(groups).toEqual([
      // the earliest posted record represents its group
      { representative_vacancy_id: 'K1', members: 2, sources: ['jobboard', 'karirhub'], ids: ['J1', 'K1'] },
      { representative_vacancy_id: 'K2', members: 2, sources: ['jobboard', 'karirhub'], ids: ['J2', 'K2'] },
      // no employer on one side: the same title, place and window, and similar descriptions
      { representative_vacancy_id: 'K7', members: 2, sources: ['jobboard', 'karirhub'], ids: ['J7', 'K7'] },
    ]);
  });

  it('does not merge another job of the employer, another place, a later round, another employer, another description, or titles alone', async () => {
    const linked = await queryWarehouse<{ vacancy_id: string }>(sandbox.db, 'SELECT vacancy_id FROM vacancy_duplicate');
    for (const id of ['K3', 'J3', 'K4', 'J4', 'K5', 'J5', 'K6', 'J6', 'K8', 'J8', 'K9', 'J9']) expect(linked.map((r) => r.vacancy_id)).not.toContain(id);
  });

  it('counts each group once in the marts and the API', async () => {
    // March 2025, Kota Bandung (32.73): K1 3 + K2 2 + K3 + K4 + K6 + K7 + K8 + K9 + J3 + J6 + J8 + J9 = 15 openings;
    // J1, J2, J7 are duplicates, J4 is in Kab. Bandung (32.04), K5 was posted in January, J5 in May.
    // Counting every record would give 15 + 3 + 2 + 1 = 21.
    const warehouse = await openWarehouse(sandbox.db, { readOnly: true });
    try {
      const lm = await queryDataset(warehouse.connection, 'labour-market-monthly', { period: '2025-03', region: '32.73' }, { minCell: 5 });
      expect(lm.rows[0]).toMatchObject({ new_openings: 15, active_openings: 15 });
      const province = await queryDataset(warehouse.connection, 'labour-market-monthly', { period: '2025-03', region: '32' }, { minCell: 5 });
      expect(province.rows[0]).toMatchObject({ new_openings: 16 });
      // every vacancy lists the same skills (las; SMAW): each one's demand is the 15 openings counted once
      const listed = (await queryWarehouse<{ skill_id: string }>(sandbox.db, "SELECT skill_id FROM vacancy_skill WHERE vacancy_id = 'K4' AND origin = 'list'")).map((r) => r.skill_id).join(',');
      expect(listed.split(',').length).toBeGreaterThan(0);
      const gaps = await queryDataset(warehouse.connection, 'skill-gaps', { period: '2025-03', region: '32.73', skill: listed }, { minCell: 5 });
      expect(gaps.rows.map((r) => r.demand)).toEqual(listed.split(',').map(() => 15));
      const trends = await queryDataset(warehouse.connection, 'skill-trends', { period: '2025-03', region: '32.73', skill: listed }, { minCell: 5 });
      expect(trends.rows.map((r) => r.new_openings_requiring)).toEqual(listed.split(',').map(() => 15));
    } finally {
      warehouse.close();
    }
    const [all] = await queryWarehouse<{ n: number }>(sandbox.db, "SELECT sum(new_openings)::INTEGER AS n FROM mart_labour_market_monthly WHERE region_code = 'ID'");
    // 18 records, 24 openings; the duplicates J1 (3), J2 (2), J7 (1) leave 18.
    expect(all.n).toBe(18);
  });
});

describe('placements into a duplicate', () => {
  it('count once, against the group\'s representative, in placements and in placement match coverage', async () => {
    // March 2025, Kota Bandung. Every vacancy asks for "las; SMAW". AK-1 (those skills) is placed on
    // J1, the job board's copy of K1; AK-2 (no skills) on K2; AK-3 (those skills) on both K2 and its
    // copy J2: one job, one placement. Before, the placement on J1 was lost (J1 is not counted) and
    // AK-3 was placed twice in labour-market-monthly.
    const seekers = ['seeker_id,registered_date,province_code,regency_code,education_level,skills',
      'AK-1,2025-03-01,32,32.73,SMK,las; SMAW', 'AK-2,2025-03-01,32,32.73,SMK,', 'AK-3,2025-03-01,32,32.73,SMK,las; SMAW'].join('\n') + '\n';
    const placements = 'seeker_id,vacancy_id,placement_date\nAK-1,J1,2025-03-20\nAK-2,K2,2025-03-21\nAK-3,K2,2025-03-22\nAK-3,J2,2025-03-25\n';
    const own = createSandbox();
    try {
      const result = await runFiles(own, {
        'lowongan_karirhub.csv': sourceCsv('karirhub', KARIRHUB), 'lowongan_jobboard.csv': sourceCsv('jobboard', JOBBOARD),
        'pencari_kerja.csv': seekers, 'penempatan.csv': placements,
      });
      expect(result.files.map((f) => [f.file, f.rows_loaded, f.rows_quarantined])).toEqual(expect.arrayContaining([['pencari_kerja.csv', 3, 0], ['penempatan.csv', 4, 0]]));
      const warehouse = await openWarehouse(own.db, { readOnly: true });
      try {
        const [quality] = (await queryDataset(warehouse.connection, 'matching-quality', { period: '2025-03', region: '32.73' }, { minCell: 1 })).rows;
        // AK-1 against K1 (coverage 1), AK-2 against K2 (0), AK-3 against K2 once (1): 2 / 3
        expect(quality).toMatchObject({ placements_matched: 3 });
        expect(quality.placement_match_coverage).toBeCloseTo(2 / 3, 12);
        const [lm] = (await queryDataset(warehouse.connection, 'labour-market-monthly', { period: '2025-03', region: '32.73' }, { minCell: 1 })).rows;
        // three seekers placed into three jobs; K1 3 + K2 2 + ... = 15 new openings (as above): 3 / 15
        expect(lm).toMatchObject({ placements: 3, new_openings: 15 });
        expect(lm.fill_rate).toBeCloseTo(3 / 15, 12);
      } finally {
        warehouse.close();
      }
    } finally {
      own.cleanup();
    }
  }, 60_000);
});

describe('duplicates in a generated register with re-posts (sinergi generate --repost-share)', () => {
  it('finds the re-posts with precision ≥ 0.95 and recall ≥ 0.90', async () => {
    const { generate } = await import('../pipelines/generate/index.ts');
    const { loadReference } = await import('../core/reference.ts');
    const { scoreDuplicates, TARGET } = await import('../bench/sections/duplicates.ts');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const own = createSandbox();
    try {
      const out = path.join(own.dir, 'generated');
      await generate({ vacancies: 3000, seekers: 500, months: 6, end: '2025-06', seed: 3, out, format: 'csv', repostShare: 0.1 }, loadReference());
      const files = Object.fromEntries(fs.readdirSync(out).map((f) => [f, fs.readFileSync(path.join(out, f))]));
      await runFiles(own, files);
      const warehouse = await openWarehouse(own.db, { readOnly: true });
      try {
        const score = await scoreDuplicates(warehouse.connection);
        expect(score.truePairs).toBeGreaterThan(250);
        expect(score.precision).toBeGreaterThanOrEqual(TARGET.precision);
        expect(score.recall).toBeGreaterThanOrEqual(TARGET.recall);
      } finally {
        warehouse.close();
      }
    } finally {
      own.cleanup();
    }
  }, 120_000);
});

describe('an advert posted thousands of times', () => {
  it('is one group per run of overlapping windows, found without comparing every pair', async () => {
    // 4,000 copies of one advert (same employer, title, place, description) posted over March,
    // and 1,000 more in September after a gap: two groups. Compared pairwise this block alone
    // is 12.5 M pairs; the island rule sorts it once.
    const description = 'Mengelola stok barang di gudang bahan baku pabrik tekstil, pencatatan keluar masuk barang harian dan laporan persediaan bulanan.';
    const rows = [
      ...Array.from({ length: 4000 }, (_, i) => ({ id: `M${i}`, title: 'Staf Gudang', employer: 'PT Sinar Jaya', posted: `2025-03-${String(1 + (i % 28)).padStart(2, '0')}`, closed: '2025-03-31', status: 'closed', openings: 1, description })),
      ...Array.from({ length: 1000 }, (_, i) => ({ id: `S${i}`, title: 'Staf Gudang', employer: 'PT Sinar Jaya', posted: `2025-09-${String(1 + (i % 28)).padStart(2, '0')}`, closed: '2025-09-30', status: 'closed', openings: 1, description })),
    ];
    const own = createSandbox();
    try {
      const result = await runFiles(own, { 'lowongan_karirhub.csv': sourceCsv('karirhub', rows) });
      expect(result.status).toBe('succeeded');
      const groups = await queryWarehouse<{ representative_vacancy_id: string; members: number }>(own.db,
        'SELECT representative_vacancy_id, members FROM duplicate_group ORDER BY first_posted');
      expect(groups).toEqual([{ representative_vacancy_id: 'M0', members: 4000 }, { representative_vacancy_id: 'S0', members: 1000 }]);
      const [counted] = await queryWarehouse<{ n: number }>(own.db, "SELECT sum(new_openings)::INTEGER AS n FROM mart_labour_market_monthly WHERE region_code = 'ID'");
      expect(counted.n).toBe(2);
    } finally {
      own.cleanup();
    }
  }, 120_000);
});

describe('the sources dataset', () => {
  it('gives per source and month what was loaded, how much is counted and how complete it is', async () => {
    const warehouse = await openWarehouse(sandbox.db, { readOnly: true });
    try {
      const { rows } = await queryDataset(warehouse.connection, 'sources', { period: '2025-03', region: 'ID' }, { minCell: 5 });
      const by = Object.fromEntries(rows.map((r) => [r.source, r]));
      expect(Object.keys(by).sort()).toEqual(['jobboard', 'karirhub']);
      // karirhub, March: K1–K4 and K6–K9 (K5 is January), 3 + 2 + 1 × 6 = 11 openings; it represents its
      // three groups (posted first), so nothing of it is a duplicate; K7 and K9 name no employer.
      expect(by.karirhub).toMatchObject({
        region_code: 'ID', vacancies_loaded: 8, openings_loaded: 11, vacancies_counted: 8, share_duplicates: 0,
        share_with_skills: 1, share_placed_regency: 1, share_with_employer: 6 / 8, share_seen_elsewhere: 3 / 8,
        first_posted: '2025-03-03', last_posted: '2025-03-05', withheld: '',
      });
      // jobboard, March: J1–J4 and J6–J9 (J5 is May); J1, J2, J7 are represented by karirhub's records.
      expect(by.jobboard).toMatchObject({
        vacancies_loaded: 8, openings_loaded: 11, vacancies_counted: 5, share_duplicates: 3 / 8, share_with_employer: 7 / 8,
        share_seen_elsewhere: 3 / 8, first_posted: '2025-03-03', last_posted: '2025-03-10',
      });
      const may = await queryDataset(warehouse.connection, 'sources', { period: '2025-05', region: 'ID' }, { minCell: 5 });
      expect(may.rows.map((r) => [r.source, r.vacancies_loaded])).toEqual([['jobboard', 1]]);
      // every record is in Jawa Barat: the province's rows are the nation's
      const province = await queryDataset(warehouse.connection, 'sources', { period: '2025-03', region: '32' }, { minCell: 5 });
      expect(province.rows.map((r) => [r.source, r.vacancies_loaded, r.vacancies_counted])).toEqual([['jobboard', 8, 5], ['karirhub', 8, 8]]);
    } finally {
      warehouse.close();
    }
  });
});
