// The matching marts (pipelines/sql/marts/40_matching.sql's signatures and the kernel of
// pipelines/matching/, no pairs) against the pair-enumerating reference (tests/fixtures/matching_reference.sql),
// row for row, on randomized small registers at several θ and on the shipped sample.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rows, runSqlFile } from '../core/duckdb.ts';
import { loadReference } from '../core/reference.ts';
import { openWarehouse } from '../core/warehouse.ts';
import { MARTS_DIR, martParameters } from '../pipelines/marts.ts';
import { createSandbox, runFiles, runSample, type Sandbox } from './helpers/pipeline.ts';

const REFERENCE = path.join(import.meta.dirname, 'fixtures', 'matching_reference.sql');
const MARTS = ['matching_quality', 'upskilling_leverage', 'training_recommendations'] as const;
const KEYS: Record<(typeof MARTS)[number], string[]> = {
  matching_quality: ['period', 'region_code'],
  upskilling_leverage: ['period', 'region_code', 'skill_id'],
  training_recommendations: ['period', 'region_code', 'programme_id'],
};

/** Build the reference tables next to the marts (in a copy) and count the rows each side lacks. */
async function compare(sandbox: Sandbox): Promise<Record<string, { rows: number; onlyNew: number; onlyReference: number; example?: unknown }>> {
  const copy = path.join(sandbox.dir, 'reference.duckdb');
  fs.copyFileSync(sandbox.db, copy);
  const warehouse = await openWarehouse(copy);
  try {
    await runSqlFile(warehouse.connection, path.join(MARTS_DIR, '01_base.sql'), martParameters(sandbox.config));
    await runSqlFile(warehouse.connection, REFERENCE, { theta: sandbox.config.theta, matching_enabled: true });
    const out: Record<string, { rows: number; onlyNew: number; onlyReference: number; example?: unknown }> = {};
    for (const mart of MARTS) {
      const count = async (sql: string) => (await rows<{ n: number }>(warehouse.connection, `SELECT count(*)::BIGINT AS n FROM (${sql})`))[0].n;
      // Every column exactly, but DOUBLE ones (means and shares, summed in whatever order the
      // threads take) to within 1e-12 relative, matched on the mart's key.
      const columns = await rows<{ name: string; type: string }>(warehouse.connection, `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = 'mart_${mart}' ORDER BY ordinal_position`);
      const exact = columns.filter((c) => c.type !== 'DOUBLE').map((c) => c.name).join(', ');
      const near = columns.filter((c) => c.type === 'DOUBLE').map((c) => `(a.${c.name} IS NULL) <> (b.${c.name} IS NULL) OR abs(a.${c.name} - b.${c.name}) > 1e-12 * greatest(1, abs(b.${c.name}))`);
      const onlyNew = `SELECT ${exact} FROM mart_${mart} EXCEPT ALL SELECT ${exact} FROM ref_${mart}`;
      const onlyReference = `SELECT ${exact} FROM ref_${mart} EXCEPT ALL SELECT ${exact} FROM mart_${mart}`;
      const apart = `SELECT * FROM mart_${mart} a JOIN ref_${mart} b USING (${KEYS[mart].join(', ')}) WHERE ${near.length ? near.join(' OR ') : 'false'}`;
      const result = { rows: await count(`SELECT * FROM mart_${mart}`), onlyNew: await count(onlyNew) + await count(apart), onlyReference: await count(onlyReference) + await count(apart) };
      const example = result.onlyNew + result.onlyReference > 0
        ? { new: await rows(warehouse.connection, `${onlyNew} LIMIT 3`), reference: await rows(warehouse.connection, `${onlyReference} LIMIT 3`), apart: await rows(warehouse.connection, `${apart} LIMIT 3`) }
        : undefined;
      out[mart] = { ...result, ...(example ? { example } : {}) };
    }
    return out;
  } finally {
    warehouse.close();
  }
}

/** Pairs of the reference with a vacancy of more than 10 skills: qualified, near misses, unlocked by a programme. */
async function longPairs(sandbox: Sandbox): Promise<{ qualified: number; near: number; trained: number }> {
  const copy = path.join(sandbox.dir, 'reference.duckdb');
  const warehouse = await openWarehouse(copy);
  try {
    await runSqlFile(warehouse.connection, path.join(MARTS_DIR, '01_base.sql'), martParameters(sandbox.config));
    await runSqlFile(warehouse.connection, REFERENCE, { theta: sandbox.config.theta, matching_enabled: true });
    const [row] = await rows<{ qualified: number; near: number; trained: number }>(warehouse.connection, `
      SELECT count(*) FILTER (WHERE m >= need) AS qualified, count(*) FILTER (WHERE m = need - 1) AS near,
             (SELECT count(*) FROM mt_train_unlock WHERE vid IN (SELECT vid FROM mt_vac WHERE k_count > 10)) AS trained
      FROM mt_pair WHERE k_count > 10`);
    return row;
  } finally {
    warehouse.close();
  }
}

/** A deterministic pseudo-random register: few skills (so sets overlap a lot), every edge the definitions have. */
function register(seed: number, vacancies: number, seekers: number): Record<string, string> {
  let state = seed >>> 0;
  const random = () => { state = (state + 0x6d2b79f5) >>> 0; let t = state; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const skills = ['python', 'sql', 'git', 'docker', 'aws', 'data-analysis', 'data-visualization', 'statistics-software', 'welding', 'welding-smaw',
    'technical-drawing', 'occupational-safety', 'metal-fabrication', 'nursing', 'first-aid', 'microsoft-excel', 'microsoft-word', 'communication'];
  // skewed, so that common sets repeat and rare ones do not
  const someSkills = (max: number) => { const n = Math.floor(random() ** 1.5 * (max + 1)); const set = new Set<string>(); for (let i = 0; i < n; i++) set.add(skills[Math.floor(random() ** 2 * skills.length)]); return [...set]; };
  const places = [['32', '32.73'], ['32', '32.73'], ['32', '32.01'], ['32', ''], ['35', '35.78'], ['35', '']];
  const education = ['SD', 'SMP', 'SMA', 'SMK', 'SMK', 'D1', 'D3', 'D4', 'S1', 'S1', 'S2', ''];
  const day = (from: number, span: number) => new Date(Date.UTC(2025, 0, 1) + (from + Math.floor(random() * span)) * 86_400_000).toISOString().slice(0, 10);
  const v = ['vacancy_id,posted_date,province_code,regency_code,openings,skills,education_min,job_title,closed_date,status'];
  for (let i = 1; i <= vacancies; i++) {
    const [province, regency] = pick(places);
    const posted = day(0, 150);
    const closed = random() < 0.3 ? new Date(Date.parse(posted) + Math.floor(random() * 60) * 86_400_000).toISOString().slice(0, 10) : '';
    v.push([`V${i}`, posted, province, regency, 1 + Math.floor(random() * 4), someSkills(10).join(';'), pick(education), 'Staf', closed, closed ? 'filled' : 'open'].join(','));
  }
  const s = ['seeker_id,registered_date,province_code,regency_code,education_level,skills,placed_date,placed_vacancy_id'];
  for (let i = 1; i <= seekers; i++) {
    const [province, regency] = pick(places);
    const registered = day(-60, 200);
    const placed = random() < 0.15 ? new Date(Date.parse(registered) + (1 + Math.floor(random() * 90)) * 86_400_000).toISOString().slice(0, 10) : '';
    s.push([`S${i}`, registered, province, regency, pick(education), someSkills(7).join(';'), placed, placed ? `V${1 + Math.floor(random() * vacancies)}` : ''].join(','));
  }
  return { 'vacancies.csv': v.join('\n') + '\n', 'seekers.csv': s.join('\n') + '\n' };
}

/**
 * A register whose vacancies ask for 20, 30 or 60 skills beside short ones, and whose seekers hold most of such a set, so that
 * long vacancies have qualified seekers, near misses and seekers a programme unlocks.
 * Skills: those of the first training programmes, then others, 80 in all.
 */
function longRegister(seed: number, vacancies: number, seekers: number, sizes: readonly number[]): Record<string, string> {
  let state = seed >>> 0;
  const random = () => { state = (state + 0x6d2b79f5) >>> 0; let t = state; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const reference = loadReference();
  const transversal = new Set(reference.skills.filter((k) => k.transversal).map((k) => k.id));
  const pool = [...new Set([...reference.trainingProgrammes.slice(0, 12).flatMap((p) => p.skills), ...reference.skills.map((k) => k.id)])]
    .filter((id) => !transversal.has(id)).slice(0, 80);
  const sample = (n: number, from: readonly string[]) => { const set = new Set<string>(); while (set.size < Math.min(n, from.length)) set.add(from[Math.floor(random() ** 1.3 * from.length)]); return [...set]; };
  const places = [['32', '32.73'], ['32', '32.73'], ['32', '32.01'], ['32', '']];
  const education = ['SMA', 'SMK', 'D3', 'S1', 'S1', ''];
  const day = (from: number, span: number) => new Date(Date.UTC(2025, 0, 1) + (from + Math.floor(random() * span)) * 86_400_000).toISOString().slice(0, 10);
  const sets: string[][] = [];
  const v = ['vacancy_id,posted_date,province_code,regency_code,openings,skills,education_min,job_title'];
  for (let i = 1; i <= vacancies; i++) {
    const [province, regency] = pick(places);
    const long = random() < 0.4;
    const skills = long ? sample(pick(sizes), pool) : sample(1 + Math.floor(random() * 6), pool);
    if (long) sets.push(skills);
    v.push([`V${i}`, day(0, 120), province, regency, 1 + Math.floor(random() * 5), skills.join(';'), pick(education), 'Staf'].join(','));
  }
  const s = ['seeker_id,registered_date,province_code,regency_code,education_level,skills'];
  for (let i = 1; i <= seekers; i++) {
    const [province, regency] = pick(places);
    let skills: string[];
    if (random() < 0.6 && sets.length) {
      // most of a long vacancy's set: drop up to 30 % of it, add a few others
      const k = pick(sets);
      const drop = Math.floor(random() * (0.3 * k.length + 1));
      skills = [...new Set([...k.filter(() => random() >= drop / k.length), ...sample(Math.floor(random() * 4), pool)])];
    } else skills = sample(Math.floor(random() * 8), pool);
    s.push([`S${i}`, day(-60, 180), province, regency, pick(education), skills.join(';')].join(','));
  }
  return { 'vacancies.csv': v.join('\n') + '\n', 'seekers.csv': s.join('\n') + '\n' };
}

/** Every matching mart has rows, and none that the reference lacks or has alone. */
async function expectSameAsReference(sandbox: Sandbox): Promise<void> {
  const diff = await compare(sandbox);
  for (const mart of MARTS) {
    expect(diff[mart], mart).toMatchObject({ onlyNew: 0, onlyReference: 0 });
    expect(diff[mart].rows, mart).toBeGreaterThan(0);
  }
}

describe('matching marts equal the pair-enumerating reference', () => {
  for (const [seed, theta, vacancies, seekers] of [[1, '0.8', 300, 900], [2, '0.55', 300, 900], [3, '1', 250, 800], [4, '0.7', 500, 1500], [5, '0.8', 120, 2000]] as const) {
    it(`on a random register (seed ${seed}, θ = ${theta}, ${vacancies} vacancies, ${seekers} seekers)`, async () => {
      const sandbox = createSandbox({ SINERGI_THETA: theta });
      try {
        const result = await runFiles(sandbox, register(seed, vacancies, seekers));
        expect(result.error).toBeUndefined();
        expect(result.status).toBe('succeeded');
        expect(result.matching?.status).toBe('computed');
        await expectSameAsReference(sandbox);
      } finally {
        sandbox.cleanup();
      }
    }, 60_000);
  }

  for (const [seed, theta, sizes] of [[6, '0.8', [20]], [7, '0.7', [30]], [8, '0.8', [60]], [9, '0.9', [20, 30, 60]]] as const) {
    it(`on a register with ${sizes.join('-, ')}-skill vacancies (seed ${seed}, θ = ${theta})`, async () => {
      const sandbox = createSandbox({ SINERGI_THETA: theta });
      try {
        const result = await runFiles(sandbox, longRegister(seed, 200, 600, sizes));
        expect(result.error).toBeUndefined();
        expect(result.matching).toMatchObject({ status: 'computed', largestSkillSet: Math.max(...sizes) });
        expect(result.matching!.pairs).toBeGreaterThan(0);
        await expectSameAsReference(sandbox);
        // the long vacancies have qualified seekers, near misses and programme unlocks in the reference's pairs
        const long = await longPairs(sandbox);
        expect(long.qualified, 'qualified').toBeGreaterThan(0);
        expect(long.near, 'near misses').toBeGreaterThan(0);
        expect(long.trained, 'unlocked by a programme').toBeGreaterThan(0);
      } finally {
        sandbox.cleanup();
      }
    }, 120_000);
  }

  it('on the shipped sample', async () => {
    const sandbox = createSandbox();
    try {
      expect((await runSample(sandbox)).status).toBe('succeeded');
      await expectSameAsReference(sandbox);
    } finally {
      sandbox.cleanup();
    }
  }, 600_000);
});
