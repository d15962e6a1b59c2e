// The desk's answer worked out the slow way, as core/match.ts did before its posting lists:
// every vacancy active in the month is looked at, with a bitmap of the person's skills.
// Tests compare the posting-list search with it on generated registers.
import { monthNumber, type MatchIndex, type MatchProfile, type MatchResult, type OccupationFit, type ProgrammeUnlock, type SkillUnlock, type SortKey, type VacancyMatch } from '../../core/match.ts';

const UNKNOWN_SEEKER_RANK = 99;

/** The desk's answer by scanning every active vacancy of the month (the algorithm before the posting lists). */
export function scanMatch(index: MatchIndex, profile: MatchProfile, options: { sort?: SortKey; topSkills?: number; topProgrammes?: number; topOccupations?: number; nearDetail?: number } = {}): MatchResult {
  const held = new Uint8Array(index.skillIds.length);
  for (const id of profile.skills) { const x = index.skillIndex.get(id); if (x !== undefined) held[x] = 1; }
  const srank = profile.educationRank ?? UNKNOWN_SEEKER_RANK;
  const month = index.months.get(monthNumber(profile.period))?.all.pos ?? new Int32Array(0);
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
    active, qualifiedTotal: qualified.length, nearTotal: nearMisses.length, qualified, nearMisses,
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

