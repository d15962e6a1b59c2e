// The desk's posting lists (core/match.ts) against the scan they replaced
// (tests/helpers/match-scan.ts) on a generated register through the real pipeline: every
// answer (qualified and near-miss vacancies in order, missing skills, unlocking skills,
// programmes, occupations, active count) equal for generated profiles over months, the
// whole country, provinces, regencies, vacancies with no regency, occupation and employment
// filters; one-skill vacancies are near misses for someone sharing nothing; the fields shown
// come from the index exactly as the warehouse holds them; the index is built when the
// warehouse is opened and a search then leases no connection.
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../core/duckdb.ts';
import { loadMatchIndex, matchProfile, vacancyDetails, type MatchIndex, type MatchProfile } from '../core/match.ts';
import { EDUCATION_RANK } from '../core/methodology.ts';
import { loadReference } from '../core/reference.ts';
import { openWarehouse } from '../core/warehouse.ts';
import { createApp } from '../server/app.ts';
import { createWarehouseReader, type WarehouseReader } from '../server/warehouse.ts';
import { scanMatch } from './helpers/match-scan.ts';
import { createSandbox, runFiles, type Sandbox } from './helpers/pipeline.ts';

const reference = loadReference();
let sandbox: Sandbox;
let index: MatchIndex;
let warehouseRows: Record<string, unknown>[];

function generator(seed: number) {
  let state = seed >>> 0;
  const random = () => { state = (state + 0x6d2b79f5) >>> 0; let t = state; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  return { random, pick };
}

const SKILLS = ['python', 'sql', 'git', 'docker', 'aws', 'data-analysis', 'data-visualization', 'welding', 'welding-smaw', 'technical-drawing',
  'occupational-safety', 'metal-fabrication', 'nursing', 'first-aid', 'microsoft-excel', 'microsoft-word', 'communication'];
// Places: several regencies of two provinces, vacancies without a regency, a third province.
const PLACES = [['32', '32.73'], ['32', '32.73'], ['32', '32.01'], ['32', ''], ['35', '35.78'], ['35', '35.15'], ['35', ''], ['31', '31.71']];
const EDUCATION = ['SD', 'SMP', 'SMA', 'SMK', 'D1', 'D3', 'D4', 'S1', 'S2', ''];
const TYPES = ['full-time', 'contract', 'apprenticeship', 'internship', ''];
const OCCUPATIONS = ['7212', '7214', '2511', '2512', '3221', '4110', '2149', ''];

function register(seed: number, vacancies: number): Record<string, string> {
  const { random, pick } = generator(seed);
  const someSkills = () => {
    // one in five asks for one skill only: near misses for anyone lacking it
    const n = random() < 0.2 ? 1 : 1 + Math.floor(random() ** 1.5 * 8);
    const set = new Set<string>();
    while (set.size < n) set.add(SKILLS[Math.floor(random() ** 2 * SKILLS.length)]);
    return [...set];
  };
  const day = (from: number, span: number) => new Date(Date.UTC(2025, 0, 1) + (from + Math.floor(random() * span)) * 86_400_000).toISOString().slice(0, 10);
  const v = ['vacancy_id,posted_date,province_code,regency_code,openings,skills,education_min,job_title,closed_date,expiry_date,status,employment_type,occupation_code,sector_code,salary_min,salary_max'];
  for (let i = 1; i <= vacancies; i++) {
    const [province, regency] = pick(PLACES);
    const posted = day(0, 150);
    const closed = random() < 0.3 ? new Date(Date.parse(posted) + Math.floor(random() * 60) * 86_400_000).toISOString().slice(0, 10) : '';
    const expiry = random() < 0.5 ? new Date(Date.parse(posted) + (20 + Math.floor(random() * 60)) * 86_400_000).toISOString().slice(0, 10) : '';
    const low = random() < 0.6 ? 3_000_000 + Math.floor(random() * 20) * 250_000 : '';
    const high = low !== '' && random() < 0.7 ? Number(low) + Math.floor(random() * 8) * 500_000 : '';
    v.push([`V${i}`, posted, province, regency, 1 + Math.floor(random() * 4), `"${someSkills().join(';')}"`, pick(EDUCATION), `"Lowongan ${i}, bagian ${pick(['las', 'data', 'gudang', 'perawat'])}"`,
      closed, expiry, closed ? 'filled' : 'open', pick(TYPES), pick(OCCUPATIONS), pick(['C', 'F', 'J', 'Q', '']), low, high].join(','));
  }
  const seekers = ['seeker_id,registered_date,province_code,regency_code,education_level,skills', 'S1,2025-01-01,32,32.73,SMK,welding'];
  return { 'vacancies.csv': v.join('\n') + '\n', 'seekers.csv': seekers.join('\n') + '\n' };
}

function profiles(seed: number, n: number): MatchProfile[] {
  const { random, pick } = generator(seed);
  const ranks = [0, 1, 2, 3, 4, 5, 6, 7, 8, null];
  return Array.from({ length: n }, () => {
    const [province, regency] = pick(PLACES);
    const scope = random();
    const skills = new Set<string>();
    const count = Math.floor(random() * 9);
    while (skills.size < count) skills.add(pick([...SKILLS, 'cooking', 'not-a-skill']));
    return {
      skills: [...skills], educationRank: pick(ranks), period: `2025-0${1 + Math.floor(random() * 7)}`,
      province: scope < 0.25 ? null : province, regency: scope > 0.6 && regency ? regency : null,
      occupation: random() < 0.2 ? pick(['7', '72', '2512', '9']) : null,
      employmentType: random() < 0.2 ? pick(['full-time', 'apprenticeship', 'part-time']) : null,
    };
  });
}

beforeAll(async () => {
  sandbox = createSandbox();
  expect((await runFiles(sandbox, register(21, 900))).status).toBe('succeeded');
  const warehouse = await openWarehouse(sandbox.db, { readOnly: true });
  try {
    index = await loadMatchIndex(warehouse.connection, reference.trainingProgrammes);
    warehouseRows = await rows(warehouse.connection, `
      SELECT v.vid, v.source, v.vacancy_id, v.job_title, v.occupation_code, i.title_id AS occupation_title_id, i.title_en AS occupation_title_en,
             v.sector_code, v.province_code, v.regency_code, r.region_name AS regency_name, v.openings, v.employment_type,
             v.salary_min, v.salary_max, strftime(v.posted_date, '%Y-%m-%d') AS posted_date, strftime(v.expiry_date, '%Y-%m-%d') AS expiry_date
      FROM match_vacancy v LEFT JOIN dim_isco i ON i.code = v.occupation_code LEFT JOIN dim_region r ON r.region_code = v.regency_code ORDER BY v.vid`);
  } finally {
    warehouse.close();
  }
}, 120_000);
afterAll(() => sandbox.cleanup());

describe('the desk\'s posting lists', () => {
  it('give exactly the answers of a scan over every active vacancy, for generated profiles', () => {
    let qualified = 0;
    let near = 0;
    let oneSkillNear = 0;
    let programmes = 0;
    for (const profile of profiles(5, 400)) {
      const options = { sort: 'coverage' as const, nearDetail: 100000 };
      const got = matchProfile(index, profile, options);
      const want = scanMatch(index, profile, options);
      expect(got, JSON.stringify(profile)).toEqual(want);
      for (const sort of ['posted', 'expiry', 'openings', 'salary'] as const) {
        expect(matchProfile(index, profile, { sort }).qualified).toEqual(scanMatch(index, profile, { sort }).qualified);
      }
      // a window (the page shown) is exactly that slice of the whole answer, in every order
      for (const sort of ['coverage', 'posted', 'expiry', 'openings', 'salary'] as const) {
        const all = scanMatch(index, profile, { sort });
        for (const [offset, limit] of [[0, 1], [0, 3], [2, 5], [Math.floor(all.qualifiedTotal / 3), 7], [all.qualifiedTotal - 2, 20], [all.qualifiedTotal + 5, 20]]) {
          const page = matchProfile(index, profile, { sort, qualifiedWindow: { offset: Math.max(0, offset), limit }, nearLimit: limit });
          expect(page.qualified).toEqual(all.qualified.slice(Math.max(0, offset), Math.max(0, offset) + limit));
          expect(page.nearMisses).toEqual(all.nearMisses.slice(0, limit));
          expect([page.qualifiedTotal, page.nearTotal, page.unlockingSkills, page.programmes, page.occupations]).toEqual([all.qualifiedTotal, all.nearTotal, all.unlockingSkills, all.programmes, all.occupations]);
        }
      }
      qualified += got.qualified.length;
      near += got.nearMisses.length;
      oneSkillNear += got.nearMisses.filter((m) => m.shared === 0).length;
      programmes += got.programmes.length;
    }
    // the profiles reach every part of the answer
    expect(qualified).toBeGreaterThan(200);
    expect(near).toBeGreaterThan(200);
    expect(oneSkillNear).toBeGreaterThan(50);
    expect(programmes).toBeGreaterThan(50);
  });

  it('make a one-skill vacancy a near miss for someone sharing no skill with it, with that skill to unlock', () => {
    const period = '2025-03';
    const m = index.months.get(2025 * 12 + 2)!;
    const one = Array.from(m.needOne.pos).find((v) => index.erank[v] === 0 && index.regencyCodes[index.regency[v]] !== '')!;
    expect(one).toBeDefined();
    const skill = index.skillIds[index.kset[index.kStart[one]]];
    const regency = index.regencyCodes[index.regency[one]];
    const other = index.skillIds.find((s) => s !== '' && s !== skill)!;
    const result = matchProfile(index, { skills: [other], educationRank: 0, period, province: null, regency });
    const hit = result.nearMisses.find((x) => x.vid === one + 1);
    expect(hit).toEqual({ vid: one + 1, shared: 0, kCount: 1, coverage: 0, missing: [skill] });
    expect(result.unlockingSkills.find((u) => u.skillId === skill)?.vacancies).toBeGreaterThanOrEqual(1);
    // with the skill it is qualified instead
    const withIt = matchProfile(index, { skills: [other, skill], educationRank: 0, period, province: null, regency });
    expect(withIt.qualified.some((x) => x.vid === one + 1)).toBe(true);
    expect(withIt.nearMisses.some((x) => x.vid === one + 1)).toBe(false);
  });

  it('keep to the regency and the month asked for', () => {
    const all = matchProfile(index, { skills: ['welding', 'python', 'sql', 'nursing'], educationRank: 8, period: '2025-04', province: '32', regency: null });
    const regency = matchProfile(index, { skills: ['welding', 'python', 'sql', 'nursing'], educationRank: 8, period: '2025-04', province: '32', regency: '32.01' });
    const inRegency = (vid: number) => index.regencyCodes[index.regency[vid - 1]] === '32.01';
    expect(regency.qualified.length).toBeGreaterThan(0);
    expect(regency.qualified.every((x) => inRegency(x.vid))).toBe(true);
    expect(regency.qualified.map((x) => x.vid)).toEqual(all.qualified.filter((x) => inRegency(x.vid)).map((x) => x.vid));
    expect(regency.nearMisses.map((x) => x.vid).sort()).toEqual(all.nearMisses.filter((x) => inRegency(x.vid)).map((x) => x.vid).sort());
    // a month's answers are the vacancies active in it: posted by its end, not closed before it
    const april = { from: Date.UTC(2025, 3, 1) / 86_400_000, to: Date.UTC(2025, 4, 1) / 86_400_000 };
    for (const x of all.qualified) expect(index.postedDay[x.vid - 1]).toBeLessThan(april.to);
    const june = matchProfile(index, { skills: ['welding', 'python', 'sql', 'nursing'], educationRank: 8, period: '2025-06', province: '32', regency: null });
    expect(june.qualified.map((x) => x.vid)).not.toEqual(all.qualified.map((x) => x.vid));
    // a month with nothing active, and a regency elsewhere
    expect(matchProfile(index, { skills: ['welding'], educationRank: 8, period: '2030-01', province: null, regency: null }).active).toBe(0);
    expect(matchProfile(index, { skills: ['welding'], educationRank: 8, period: '2025-04', province: '35', regency: '32.01' }).active).toBe(0);
  });

  it('hold the published fields of every vacancy as the warehouse does', () => {
    const details = vacancyDetails(index, warehouseRows.map((r) => r.vid as number));
    expect(details).toEqual(warehouseRows);
    expect(details.some((d) => d.salary_max === null && d.salary_min !== null)).toBe(true);
    expect(details.some((d) => d.expiry_date === null)).toBe(true);
    expect(details.some((d) => d.regency_code === null)).toBe(true);
  });
});

describe('the desk over HTTP', () => {
  it('builds its index when the warehouse is opened, and then searches without a connection', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }));
    const real = createWarehouseReader(sandbox.db, logger);
    let leases = 0;
    const counted: WarehouseReader = { ...real, lease: async () => { leases++; return real.lease(); }, acquire: async (res) => { leases++; return real.acquire(res); }, get stats() { return real.stats; } };
    counted.withConnection = async (fn) => { const held = await counted.lease(); try { return await fn(held); } finally { held.release(); } };
    const app = createApp({ warehouse: counted, minCell: 5, logger });
    const server = await new Promise<Server>((resolve) => { const s = app.listen(0, () => resolve(s)); });
    try {
      const address = server.address();
      const url = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
      await counted.snapshot(); // what a publish (or the server's start) does
      for (let i = 0; i < 200 && !lines.some((l) => l.includes('match index built')); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      const built = JSON.parse(lines.find((l) => l.includes('match index built'))!) as { vacancies: number; mb: number };
      expect(built.vacancies).toBe(index.size);
      expect(leases).toBe(1); // the build
      const res = await fetch(`${url}/api/v1/match?skills=welding,python&education=S1&region=32&period=2025-03`);
      expect(res.status).toBe(200);
      const body = await res.json() as { qualified: { total: number } };
      expect(body.qualified.total).toBe(matchProfile(index, { skills: ['welding', 'python'], educationRank: EDUCATION_RANK.S1, period: '2025-03', province: '32', regency: null }).qualified.length);
      expect((await fetch(`${url}/match?skills=welding&education=SMK&region=32`)).status).toBe(200);
      expect(leases).toBe(1);
      expect(lines.join('')).not.toContain('python');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await real.close();
    }
  });
});
