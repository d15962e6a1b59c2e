// The desk's qualified and near-miss vacancies (core/match.ts over match_vacancy) equal what
// the pair-enumerating reference (tests/fixtures/matching_reference.sql) gives for a seeker
// with the same skills, education, place and month: generated profiles are added to random
// registers as seekers, the reference pairs them with every vacancy, and the desk is asked
// the same question with the skills the pipeline resolved for them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rows, runSqlFile } from '../core/duckdb.ts';
import { loadMatchIndex, matchProfile } from '../core/match.ts';
import { createMatchReader } from '../core/match-input.ts';
import { EDUCATION_RANK } from '../core/methodology.ts';
import { loadReference } from '../core/reference.ts';
import { openWarehouse } from '../core/warehouse.ts';
import { MARTS_DIR, martParameters } from '../pipelines/marts.ts';
import { createSandbox, runFiles } from './helpers/pipeline.ts';

const REFERENCE = path.join(import.meta.dirname, 'fixtures', 'matching_reference.sql');
const reference = loadReference();

interface Profile { id: string; province: string; regency: string; education: string; period: string }

/** A random register (skewed skill sets, every edge of the rule) and `profiles` seekers to ask the desk about. */
function register(seed: number, vacancies: number, seekers: number, profiles: number): { files: Record<string, string>; profiles: Profile[] } {
  let state = seed >>> 0;
  const random = () => { state = (state + 0x6d2b79f5) >>> 0; let t = state; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const skills = ['python', 'sql', 'git', 'docker', 'aws', 'data-analysis', 'data-visualization', 'welding', 'welding-smaw',
    'technical-drawing', 'occupational-safety', 'metal-fabrication', 'nursing', 'first-aid', 'microsoft-excel', 'microsoft-word', 'communication'];
  const someSkills = (min: number, max: number) => { const n = min + Math.floor(random() ** 1.5 * (max - min + 1)); const set = new Set<string>(); for (let i = 0; i < n; i++) set.add(skills[Math.floor(random() ** 2 * skills.length)]); return [...set]; };
  const places = [['32', '32.73'], ['32', '32.73'], ['32', '32.01'], ['32', ''], ['35', '35.78'], ['35', '']];
  const education = ['SD', 'SMP', 'SMA', 'SMK', 'SMK', 'D1', 'D3', 'D4', 'S1', 'S1', 'S2', ''];
  const types = ['full-time', 'contract', 'apprenticeship', ''];
  const day = (from: number, span: number) => new Date(Date.UTC(2025, 0, 1) + (from + Math.floor(random() * span)) * 86_400_000).toISOString().slice(0, 10);
  const v = ['vacancy_id,posted_date,province_code,regency_code,openings,skills,education_min,job_title,closed_date,status,employment_type'];
  for (let i = 1; i <= vacancies; i++) {
    const [province, regency] = pick(places);
    const posted = day(0, 150);
    const closed = random() < 0.3 ? new Date(Date.parse(posted) + Math.floor(random() * 60) * 86_400_000).toISOString().slice(0, 10) : '';
    v.push([`V${i}`, posted, province, regency, 1 + Math.floor(random() * 4), someSkills(0, 8).join(';'), pick(education), 'Staf', closed, closed ? 'filled' : 'open', pick(types)].join(','));
  }
  const s = ['seeker_id,source,registered_date,province_code,regency_code,education_level,skills'];
  for (let i = 1; i <= seekers; i++) {
    const [province, regency] = pick(places);
    s.push([`S${i}`, 'register', day(-60, 200), province, regency, pick(education), someSkills(0, 7).join(';')].join(','));
  }
  const asked: Profile[] = [];
  for (let i = 1; i <= profiles; i++) {
    const [province, regency] = pick(places);
    const period = `2025-0${1 + Math.floor(random() * 5)}`;
    const profile = { id: `P${i}`, province, regency, education: pick(education), period };
    asked.push(profile);
    // registered on the first of the month: active in it
    s.push([profile.id, `desk-${profile.id}`, `${period}-01`, province, regency, profile.education, someSkills(1, 8).join(';')].join(','));
  }
  return { files: { 'vacancies.csv': v.join('\n') + '\n', 'seekers.csv': s.join('\n') + '\n' }, profiles: asked };
}

describe('desk matches equal the pair reference', () => {
  for (const [seed, theta] of [[11, '0.8'], [12, '0.6'], [13, '1']] as const) {
    it(`for generated profiles (seed ${seed}, θ = ${theta})`, async () => {
      const sandbox = createSandbox({ SINERGI_THETA: theta });
      try {
        const { files, profiles } = register(seed, 400, 300, 25);
        expect((await runFiles(sandbox, files)).status).toBe('succeeded');
        const copy = path.join(sandbox.dir, 'reference.duckdb');
        fs.copyFileSync(sandbox.db, copy);
        const warehouse = await openWarehouse(copy);
        try {
          const c = warehouse.connection;
          const index = await loadMatchIndex(c, reference.trainingProgrammes);
          expect(index.theta).toBe(Number(theta));
          await runSqlFile(c, path.join(MARTS_DIR, '01_base.sql'), martParameters(sandbox.config));
          await runSqlFile(c, REFERENCE, { theta: sandbox.config.theta, matching_enabled: true });
          const vacancyOf = new Map((await rows<{ vid: number; vacancy_id: string }>(c, 'SELECT vid, vacancy_id FROM match_vacancy')).map((r) => [r.vid, r.vacancy_id]));
          const reader = createMatchReader(reference);
          let compared = 0;
          let qualifiedSeen = 0;
          let nearSeen = 0;
          for (const p of profiles) {
            const held = await heldSkills(c, p);
            // The desk reads the same skills as typed text, with the ingest matcher.
            if (held.skills.length) {
              const typed = reader.read({ skills: held.skills.join(', '), education: p.education || 'SMA', region: p.province });
              expect(new Set(typed.skillIds)).toEqual(new Set(held.skills));
            }
            const scopes: ['province' | 'regency', string][] = [['province', p.province], ...(p.regency ? [['regency', p.regency] as ['regency', string]] : [])];
            for (const [scope, code] of scopes) {
              const expected = await referenceMatches(c, held.sid, scope, code, p.period);
              const result = matchProfile(index, {
                skills: held.skills, educationRank: p.education ? EDUCATION_RANK[p.education] : null, period: p.period,
                province: p.province, regency: scope === 'regency' ? code : null,
              });
              const qualified = result.qualified.map((m) => vacancyOf.get(m.vid)!).sort();
              const near = result.nearMisses.map((m) => vacancyOf.get(m.vid)!).sort();
              expect(qualified, `${p.id} ${scope} ${code} ${p.period} qualified`).toEqual(expected.qualified);
              expect(near, `${p.id} ${scope} ${code} ${p.period} near misses`).toEqual(expected.near);
              // each near miss names the skills of K it lacks, any one of which qualifies
              for (const m of result.nearMisses) expect(m.missing.length).toBe(m.kCount - m.shared);
              compared++;
              qualifiedSeen += qualified.length;
              nearSeen += near.length;
            }
          }
          expect(compared).toBeGreaterThanOrEqual(25);
          expect(qualifiedSeen).toBeGreaterThan(0);
          expect(nearSeen).toBeGreaterThan(0);
        } finally {
          warehouse.close();
        }
      } finally {
        sandbox.cleanup();
      }
    }, 120_000);
  }
});

/** The profile's seeker in the reference (its sid) and its non-transversal skills as ingested. */
async function heldSkills(c: Parameters<typeof rows>[0], p: Profile): Promise<{ sid: number; skills: string[] }> {
  // Each profile's seeker is the one row of its own source (ids are pseudonymised).
  const found = await rows<{ sid: number; skills: string[] | null }>(c, `
    SELECT s.sid, (SELECT list(k.skill_id ORDER BY k.skill_id) FROM mt_sskill k WHERE k.sid = s.sid) AS skills
    FROM mt_seek s JOIN seeker x USING (seeker_key) WHERE x.source = $source`, { source: `desk-${p.id}` });
  expect(found.length, `seeker of profile ${p.id}`).toBe(1);
  return { sid: found[0].sid, skills: found[0].skills ?? [] };
}

/** Qualified: pairs with m ≥ need; near misses: pairs with m = need − 1, and eligible one-skill vacancies whose skill the seeker lacks. */
async function referenceMatches(c: Parameters<typeof rows>[0], sid: number, scope: string, code: string, period: string): Promise<{ qualified: string[]; near: string[] }> {
  const params = { sid, scope, code, period };
  const qualified = await rows<{ vacancy_id: string }>(c, `
    SELECT v.vacancy_id FROM mt_pair_month p JOIN mt_vac v USING (vid) JOIN dim_period d ON d.mnum = p.mnum
    WHERE p.sid = $sid AND p.scope = $scope AND p.scope_code = $code AND d.period = $period AND p.m >= p.need ORDER BY 1`, params);
  const near = await rows<{ vacancy_id: string }>(c, `
    SELECT v.vacancy_id FROM mt_pair_month p JOIN mt_vac v USING (vid) JOIN dim_period d ON d.mnum = p.mnum
    WHERE p.sid = $sid AND p.scope = $scope AND p.scope_code = $code AND d.period = $period AND p.m = p.need - 1
    UNION
    SELECT v.vacancy_id FROM mt_one_skill o JOIN mt_vac v USING (vid) JOIN dim_period d ON d.mnum = o.mnum
    JOIN mt_seek s ON s.sid = $sid
    WHERE o.scope = $scope AND o.scope_code = $code AND d.period = $period AND o.erank <= s.srank
      AND o.skill_id NOT IN (SELECT skill_id FROM mt_sskill WHERE sid = $sid)
    ORDER BY 1`, params);
  return { qualified: qualified.map((r) => r.vacancy_id), near: near.map((r) => r.vacancy_id) };
}
