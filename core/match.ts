// The counsellor's desk: one person's skills and education against the vacancies active in
// a month, with the matching rule of DESIGN §4 exactly as the marts apply it
// (pipelines/sql/marts/40_matching.sql): transversal skills left out, coverage
// c = |K ∩ H| / |K|, education met by rank (unknown on either side counts as met), qualified
// when c ≥ θ, a near miss when one more skill would qualify. θ and `need` come from the
// warehouse's own index (match_vacancy, 50_match_index.sql), built with the marts' θ.
//
// The index is loaded into typed arrays once per data version; a search scans the month's
// active vacancies (≈ 180 k nationally at full size) with a skill bitmap: no query per
// vacancy, nothing built per request but the answer.
import { INTEGER, LIST, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { rows } from './duckdb.ts';

export interface MatchIndex {
  theta: number;
  /** sx → skill id (sx from 1; 0 unused). */
  skillIds: string[];
  skillIndex: Map<string, number>;
  size: number;
  kStart: Int32Array;
  kset: Int16Array;
  need: Int16Array;
  kCount: Int16Array;
  erank: Uint8Array;
  openings: Int32Array;
  /** Index into provinceCodes / regencyCodes (0 = no regency) / occupationCodes / employmentTypes. */
  province: Uint8Array;
  regency: Uint16Array;
  occupation: Uint16Array;
  employmentType: Uint8Array;
  provinceCodes: string[];
  regencyCodes: string[];
  occupationCodes: string[];
  employmentTypes: string[];
  postedDay: Int32Array;
  expiryDay: Int32Array;
  salaryMax: Float64Array;
  /** Month number (year × 12 + month − 1) → positions of the vacancies active in it. */
  months: Map<number, Int32Array>;
  /** Programmes with the index's skills they teach; per skill, the programmes teaching it. */
  programmes: { id: string; hours: number; skills: number[] }[];
  programmesOf: number[][];
}

export interface Programme { id: string; hours: number; skills: string[] }

/** Read match_vacancy and match_skill of the published warehouse into a MatchIndex. */
export async function loadMatchIndex(connection: DuckDBConnection, programmes: Programme[]): Promise<MatchIndex> {
  const skills = await rows<{ sx: number; skill_id: string }>(connection, 'SELECT sx, skill_id FROM match_skill ORDER BY sx');
  const [meta] = await rows<{ theta: string | null }>(connection, "SELECT max(value) FILTER (WHERE key = 'theta') AS theta FROM meta");
  const skillIds = [''];
  for (const s of skills) skillIds[s.sx] = s.skill_id;
  const skillIndex = new Map(skills.map((s) => [s.skill_id, s.sx]));
  const reader = await connection.runAndReadAll(`
    SELECT province_code, coalesce(regency_code, '') AS regency_code, coalesce(occupation_code, '') AS occupation_code,
           coalesce(employment_type, '') AS employment_type, openings, posted_m, end_m, erank::INTEGER AS erank, need::INTEGER AS need,
           kset::INTEGER[] AS kset, (posted_date - DATE '1970-01-01')::INTEGER AS posted_day,
           coalesce(expiry_date - DATE '1970-01-01', 2147483647)::INTEGER AS expiry_day, coalesce(salary_max, salary_min, -1)::DOUBLE AS salary
    FROM match_vacancy ORDER BY vid`);
  const c = reader.getColumnsObjectJS() as Record<string, unknown[]>;
  const size = reader.currentRowCount;
  const codes = (values: unknown[]) => {
    const list: string[] = [];
    const at = new Map<string, number>();
    const out = new Uint16Array(values.length);
    values.forEach((v, i) => {
      let n = at.get(v as string);
      if (n === undefined) { n = list.length; list.push(v as string); at.set(v as string, n); }
      out[i] = n;
    });
    return { list, out };
  };
  const province = codes(c.province_code);
  const regency = codes(['', ...c.regency_code]);
  const occupation = codes(c.occupation_code);
  const employment = codes(c.employment_type);
  const kStart = new Int32Array(size + 1);
  const ksetLists = c.kset as number[][];
  for (let i = 0; i < size; i++) kStart[i + 1] = kStart[i] + ksetLists[i].length;
  const kset = new Int16Array(kStart[size]);
  for (let i = 0; i < size; i++) kset.set(ksetLists[i], kStart[i]);
  const ints = (name: string) => Int32Array.from(c[name] as number[]);
  const postedM = ints('posted_m');
  const endM = ints('end_m');
  const index: MatchIndex = {
    theta: Number(meta?.theta ?? NaN),
    skillIds, skillIndex, size, kStart, kset,
    need: Int16Array.from(c.need as number[]),
    kCount: Int16Array.from(ksetLists.map((k) => k.length)),
    erank: Uint8Array.from(c.erank as number[]),
    openings: ints('openings'),
    province: Uint8Array.from(province.out), regency: regency.out.subarray(1), occupation: occupation.out, employmentType: Uint8Array.from(employment.out),
    provinceCodes: province.list, regencyCodes: regency.list, occupationCodes: occupation.list, employmentTypes: employment.list,
    postedDay: ints('posted_day'), expiryDay: ints('expiry_day'), salaryMax: Float64Array.from(c.salary as number[]),
    months: monthLists(postedM, endM),
    programmes: [], programmesOf: Array.from({ length: skillIds.length }, () => []),
  };
  for (const p of programmes) {
    const sx = [...new Set(p.skills.map((s) => skillIndex.get(s)).filter((x): x is number => x !== undefined))];
    if (sx.length === 0) continue;
    const at = index.programmes.length;
    index.programmes.push({ id: p.id, hours: p.hours, skills: sx });
    for (const x of sx) index.programmesOf[x].push(at);
  }
  return index;
}

function monthLists(postedM: Int32Array, endM: Int32Array): Map<number, Int32Array> {
  const counts = new Map<number, number>();
  for (let i = 0; i < postedM.length; i++) for (let m = postedM[i]; m <= endM[i]; m++) counts.set(m, (counts.get(m) ?? 0) + 1);
  const lists = new Map<number, Int32Array>();
  const filled = new Map<number, number>();
  for (const [m, n] of counts) { lists.set(m, new Int32Array(n)); filled.set(m, 0); }
  for (let i = 0; i < postedM.length; i++) {
    for (let m = postedM[i]; m <= endM[i]; m++) { const at = filled.get(m)!; lists.get(m)![at] = i; filled.set(m, at + 1); }
  }
  return lists;
}

/** "2025-03" → 2025 × 12 + 2 (the month numbers of 01_base.sql). */
export function monthNumber(period: string): number {
  const [y, m] = period.split('-').map(Number);
  return y * 12 + m - 1;
}

export interface MatchProfile {
  /** Skill ids the person holds (transversal ones are ignored: they are not in the index). */
  skills: string[];
  /** Education rank (core/methodology.ts EDUCATION_RANK), or null when unknown (counts as met). */
  educationRank: number | null;
  period: string;
  /** Province code, or null for the whole country. */
  province: string | null;
  regency: string | null;
  /** ISCO code prefix of a preferred occupation. */
  occupation?: string | null;
  employmentType?: string | null;
}

/** missing: the skills of K the person lacks (near misses; filled for the first `nearDetail` of them). */
export interface VacancyMatch { vid: number; shared: number; kCount: number; coverage: number; missing: string[] }
export interface SkillUnlock { skillId: string; vacancies: number; openings: number }
export interface ProgrammeUnlock { programmeId: string; hours: number; vacancies: number; perHundredHours: number; skills: string[] }
export interface OccupationFit { code: string; qualified: number; nearMiss: number; vacancies: number; skills: { skillId: string; share: number; held: boolean }[] }

export interface MatchResult {
  /** Active vacancies in the area and month with the filters (with a non-empty K). */
  active: number;
  qualified: VacancyMatch[];
  nearMisses: VacancyMatch[];
  unlockingSkills: SkillUnlock[];
  programmes: ProgrammeUnlock[];
  occupations: OccupationFit[];
}

export type SortKey = 'coverage' | 'posted' | 'expiry' | 'openings' | 'salary';
export const SORT_KEYS: SortKey[] = ['coverage', 'posted', 'expiry', 'openings', 'salary'];

const UNKNOWN_SEEKER_RANK = 99;

/** Match one profile against the index: every qualified and near-miss vacancy, and what would open more. */
export function matchProfile(index: MatchIndex, profile: MatchProfile, options: { sort?: SortKey; topSkills?: number; topProgrammes?: number; topOccupations?: number; nearDetail?: number } = {}): MatchResult {
  const held = new Uint8Array(index.skillIds.length);
  for (const id of profile.skills) { const x = index.skillIndex.get(id); if (x !== undefined) held[x] = 1; }
  const srank = profile.educationRank ?? UNKNOWN_SEEKER_RANK;
  const month = index.months.get(monthNumber(profile.period)) ?? new Int32Array(0);
  const inArea = areaFilter(index, profile);
  const unlockVacancies = new Int32Array(index.skillIds.length);
  const unlockOpenings = new Float64Array(index.skillIds.length);
  const programmeHits = new Int32Array(index.programmes.length);
  const programmeUnlocks = new Int32Array(index.programmes.length);
  const touched: number[] = [];
  const qualified: VacancyMatch[] = [];
  const nearMisses: VacancyMatch[] = [];
  let active = 0;
  for (let j = 0; j < month.length; j++) {
    const v = month[j];
    if (!inArea(v)) continue;
    active++;
    if (index.erank[v] > srank) continue;      // education not met: neither qualified nor a near miss
    const from = index.kStart[v];
    const to = index.kStart[v + 1];
    let shared = 0;
    for (let i = from; i < to; i++) shared += held[index.kset[i]];
    const need = index.need[v];
    if (shared >= need) { qualified.push(vacancyMatch(index, v, shared)); continue; }
    const deficit = need - shared;
    if (deficit === 1) {
      nearMisses.push(vacancyMatch(index, v, shared));
      for (let i = from; i < to; i++) { const x = index.kset[i]; if (!held[x]) { unlockVacancies[x]++; unlockOpenings[x] += index.openings[v]; } }
    }
    // A programme opens v when its skills cover the deficit: |P ∩ (K \ H)| ≥ need − |K ∩ H|.
    for (let i = from; i < to; i++) {
      const x = index.kset[i];
      if (held[x]) continue;
      for (const p of index.programmesOf[x]) { if (programmeHits[p]++ === 0) touched.push(p); }
    }
    for (const p of touched) { if (programmeHits[p] >= deficit) programmeUnlocks[p]++; programmeHits[p] = 0; }
    touched.length = 0;
  }
  sortMatches(index, qualified, options.sort ?? 'coverage');
  sortMatches(index, nearMisses, 'coverage');
  // The missing skills of the near misses that can be shown (an answer shows at most 1000).
  for (const m of nearMisses.slice(0, options.nearDetail ?? 1000)) m.missing = missingSkills(index, m.vid - 1, held);
  return {
    active, qualified, nearMisses,
    unlockingSkills: topSkills(index, unlockVacancies, unlockOpenings, options.topSkills ?? 10),
    programmes: topProgrammes(index, programmeUnlocks, options.topProgrammes ?? 10),
    occupations: occupationFits(index, month, inArea, qualified, nearMisses, held, options.topOccupations ?? 5),
  };
}

function vacancyMatch(index: MatchIndex, v: number, shared: number): VacancyMatch {
  const kCount = index.kCount[v];
  return { vid: v + 1, shared, kCount, coverage: shared / kCount, missing: [] };
}

function missingSkills(index: MatchIndex, v: number, held: Uint8Array): string[] {
  const missing: string[] = [];
  for (let i = index.kStart[v]; i < index.kStart[v + 1]; i++) if (!held[index.kset[i]]) missing.push(index.skillIds[index.kset[i]]);
  return missing;
}

function areaFilter(index: MatchIndex, profile: MatchProfile): (v: number) => boolean {
  const province = profile.province === null ? -1 : index.provinceCodes.indexOf(profile.province);
  const regency = profile.regency === null ? -1 : index.regencyCodes.indexOf(profile.regency);
  const occupations = profile.occupation ? new Uint8Array(index.occupationCodes.map((c) => (c.startsWith(profile.occupation!) ? 1 : 0))) : null;
  const employment = profile.employmentType ? index.employmentTypes.indexOf(profile.employmentType) : -1;
  const none = (profile.province !== null && province < 0) || (profile.regency !== null && regency < 0) || (!!profile.employmentType && employment < 0);
  if (none) return () => false;
  return (v) => (province < 0 || index.province[v] === province)
    && (regency < 0 || index.regency[v] === regency)
    && (occupations === null || occupations[index.occupation[v]] === 1)
    && (employment < 0 || index.employmentType[v] === employment);
}

/** Coverage first (then openings, newest); or newest, soonest closing, most openings, best paid. */
function sortMatches(index: MatchIndex, list: VacancyMatch[], key: SortKey): void {
  const p = (m: VacancyMatch) => m.vid - 1;
  const tie = (a: VacancyMatch, b: VacancyMatch) => index.postedDay[p(b)] - index.postedDay[p(a)] || a.vid - b.vid;
  const by: Record<SortKey, (a: VacancyMatch, b: VacancyMatch) => number> = {
    coverage: (a, b) => b.coverage - a.coverage || index.openings[p(b)] - index.openings[p(a)] || tie(a, b),
    posted: tie,
    expiry: (a, b) => index.expiryDay[p(a)] - index.expiryDay[p(b)] || tie(a, b),
    openings: (a, b) => index.openings[p(b)] - index.openings[p(a)] || tie(a, b),
    salary: (a, b) => index.salaryMax[p(b)] - index.salaryMax[p(a)] || tie(a, b),
  };
  list.sort(by[key]);
}

function topSkills(index: MatchIndex, vacancies: Int32Array, openings: Float64Array, n: number): SkillUnlock[] {
  const out: SkillUnlock[] = [];
  for (let x = 1; x < vacancies.length; x++) if (vacancies[x] > 0) out.push({ skillId: index.skillIds[x], vacancies: vacancies[x], openings: openings[x] });
  return out.sort((a, b) => b.vacancies - a.vacancies || b.openings - a.openings || a.skillId.localeCompare(b.skillId)).slice(0, n);
}

/** Programmes by vacancies opened per 100 training hours (then by vacancies opened). */
function topProgrammes(index: MatchIndex, unlocks: Int32Array, n: number): ProgrammeUnlock[] {
  const out: ProgrammeUnlock[] = [];
  index.programmes.forEach((p, i) => {
    if (unlocks[i] > 0) out.push({ programmeId: p.id, hours: p.hours, vacancies: unlocks[i], perHundredHours: (unlocks[i] * 100) / p.hours, skills: p.skills.map((x) => index.skillIds[x]) });
  });
  return out.sort((a, b) => b.perHundredHours - a.perHundredHours || b.vacancies - a.vacancies || a.programmeId.localeCompare(b.programmeId)).slice(0, n);
}

/**
 * The occupations with the most vacancies this person qualifies for (then near misses), and
 * for each, the skills its active vacancies in the area ask for most, with the share of them
 * asking and whether the person holds it.
 */
function occupationFits(index: MatchIndex, month: Int32Array, inArea: (v: number) => boolean, qualified: VacancyMatch[], nearMisses: VacancyMatch[], held: Uint8Array, n: number): OccupationFit[] {
  const tally = new Map<number, { qualified: number; nearMiss: number }>();
  const count = (list: VacancyMatch[], field: 'qualified' | 'nearMiss') => {
    for (const m of list) {
      const o = index.occupation[m.vid - 1];
      if (index.occupationCodes[o] === '') continue;
      const t = tally.get(o) ?? { qualified: 0, nearMiss: 0 };
      t[field]++;
      tally.set(o, t);
    }
  };
  count(qualified, 'qualified');
  count(nearMisses, 'nearMiss');
  const top = [...tally].sort((a, b) => b[1].qualified - a[1].qualified || b[1].nearMiss - a[1].nearMiss || index.occupationCodes[a[0]].localeCompare(index.occupationCodes[b[0]])).slice(0, n);
  const wanted = new Map(top.map(([o], i) => [o, i]));
  const asked = top.map(() => new Map<number, number>());
  const totals = top.map(() => 0);
  for (let j = 0; j < month.length; j++) {
    const v = month[j];
    const at = wanted.get(index.occupation[v]);
    if (at === undefined || !inArea(v)) continue;
    totals[at]++;
    for (let i = index.kStart[v]; i < index.kStart[v + 1]; i++) asked[at].set(index.kset[i], (asked[at].get(index.kset[i]) ?? 0) + 1);
  }
  return top.map(([o, t], i) => ({
    code: index.occupationCodes[o], qualified: t.qualified, nearMiss: t.nearMiss, vacancies: totals[i],
    skills: [...asked[i]].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 8)
      .map(([x, k]) => ({ skillId: index.skillIds[x], share: k / totals[i], held: held[x] === 1 })),
  }));
}

export interface VacancyDetail {
  vid: number; source: string; vacancy_id: string; job_title: string; occupation_code: string | null; occupation_title_id: string | null; occupation_title_en: string | null;
  sector_code: string | null; province_code: string; regency_code: string | null; regency_name: string | null; openings: number; employment_type: string | null;
  salary_min: number | null; salary_max: number | null; posted_date: string; expiry_date: string | null;
}

/** The published fields of the vacancies shown (a page of them), in the order given. */
export async function vacancyDetails(connection: DuckDBConnection, vids: number[]): Promise<VacancyDetail[]> {
  if (vids.length === 0) return [];
  const found = await rows<VacancyDetail>(connection, `
    SELECT v.vid, v.source, v.vacancy_id, v.job_title, v.occupation_code, i.title_id AS occupation_title_id, i.title_en AS occupation_title_en,
           v.sector_code, v.province_code, v.regency_code, r.region_name AS regency_name, v.openings, v.employment_type,
           v.salary_min, v.salary_max, strftime(v.posted_date, '%Y-%m-%d') AS posted_date, strftime(v.expiry_date, '%Y-%m-%d') AS expiry_date
    FROM match_vacancy v LEFT JOIN dim_isco i ON i.code = v.occupation_code LEFT JOIN dim_region r ON r.region_code = v.regency_code
    WHERE v.vid BETWEEN $low AND $high AND list_contains($vids, v.vid)`,
  { vids: { value: listValue(vids), type: LIST(INTEGER) }, low: Math.min(...vids), high: Math.max(...vids) });
  const byVid = new Map(found.map((r) => [r.vid, r]));
  return vids.map((v) => byVid.get(v)).filter((r): r is VacancyDetail => r !== undefined);
}

/** Loads the index once per data version; concurrent first requests share one load. */
export interface MatchIndexCache { get(version: string, connection: DuckDBConnection): Promise<MatchIndex> }

export function createMatchIndexCache(programmes: Programme[]): MatchIndexCache {
  let current: { version: string; index: Promise<MatchIndex> } | null = null;
  return {
    get(version, connection) {
      if (!current || current.version !== version) {
        const loading = loadMatchIndex(connection, programmes);
        current = { version, index: loading };
        loading.catch(() => { if (current?.index === loading) current = null; });
      }
      return current.index;
    },
  };
}
