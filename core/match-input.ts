// What a counsellor types into the desk, read the way ingest reads a skills column: items
// separated by commas, semicolons or new lines, each resolved by the ingest skill matcher
// (core/skills.ts). Items it does not know get the nearest taxonomy skills by character
// trigrams of their names in both languages. Education and region go through the same
// resolvers as the extracts. Every problem is a 400 naming the parameter.
import { badRequest } from './errors.ts';
import { createEducationResolver } from './education.ts';
import { EDUCATION_RANK } from './methodology.ts';
import { createRegionResolver } from './regions.ts';
import type { Reference, Skill } from './reference.ts';
import { createSkillMatcher, type SkillMatcher } from './skills.ts';
import { normalizeText } from './text.ts';

export const MAX_MATCH_SKILLS = 50;
const ITEM_SEPARATORS = /[;,|\n\r•·]+/;
const EMPLOYMENT_TYPES = ['full-time', 'part-time', 'contract', 'apprenticeship', 'internship'] as const;

export interface RecognisedItem { input: string; skills: Skill[] }
export interface UnrecognisedItem { input: string; suggestions: Skill[] }

export interface MatchQuery {
  recognised: RecognisedItem[];
  unrecognised: UnrecognisedItem[];
  /** Distinct skill ids recognised (transversal ones included; matching leaves them out). */
  skillIds: string[];
  education: string;
  educationRank: number | null;
  province: string | null;
  regency: string | null;
  occupation: string | null;
  employmentType: string | null;
}

export interface MatchInput {
  skills?: unknown; education?: unknown; region?: unknown; regency?: unknown; occupation?: unknown; employment_type?: unknown;
}

export interface MatchReader {
  read(input: MatchInput): MatchQuery;
  suggest(item: string, n?: number): Skill[];
  skills: Skill[];
}

export function createMatchReader(reference: Reference, matcher: SkillMatcher = createSkillMatcher(reference.skills)): MatchReader {
  const education = createEducationResolver(reference);
  const region = createRegionResolver(reference);
  const byId = new Map(reference.skills.map((s) => [s.id, s]));
  const names = reference.skills.flatMap((s) => [s.labelId, s.labelEn, ...s.aliases].map((name) => ({ skill: s, grams: trigrams(normalizeText(name)) })));

  const suggest = (item: string, n = 3): Skill[] => {
    const grams = trigrams(normalizeText(item));
    if (grams.size === 0) return [];
    const best = new Map<string, number>();
    for (const name of names) {
      let common = 0;
      for (const g of grams) if (name.grams.has(g)) common++;
      const score = (2 * common) / (grams.size + name.grams.size);
      if (score > (best.get(name.skill.id) ?? 0)) best.set(name.skill.id, score);
    }
    return [...best].filter(([, s]) => s >= 0.4).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n).map(([id]) => byId.get(id)!);
  };

  const read = (input: MatchInput): MatchQuery => {
    const text = typeof input.skills === 'string' ? input.skills : '';
    const items = distinctItems(text);
    if (items.length === 0) throw badRequest('type at least one skill (separated by commas or new lines)', 'skills');
    if (items.length > MAX_MATCH_SKILLS) throw badRequest(`at most ${MAX_MATCH_SKILLS} skills (${items.length} were typed)`, 'skills');
    const recognised: RecognisedItem[] = [];
    const unrecognised: UnrecognisedItem[] = [];
    for (const item of items) {
      const ids = matcher.matchList(item);
      if (ids.length) recognised.push({ input: item, skills: ids.map((id) => byId.get(id)!).filter(Boolean) });
      else unrecognised.push({ input: item, suggestions: suggest(item) });
    }
    const level = readEducation(input.education, education);
    const area = readRegion(input.region, input.regency, region);
    return {
      recognised, unrecognised,
      skillIds: [...new Set(recognised.flatMap((r) => r.skills.map((s) => s.id)))],
      education: level, educationRank: EDUCATION_RANK[level] ?? null,
      ...area,
      occupation: readOccupation(input.occupation),
      employmentType: readEmploymentType(input.employment_type),
    };
  };
  return { read, suggest, skills: reference.skills };
}

/** The typed items, trimmed, without empty ones or repeats (compared as the matcher compares). */
function distinctItems(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(ITEM_SEPARATORS)) {
    const item = raw.trim().replace(/\s+/g, ' ');
    const key = normalizeText(item);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(item.slice(0, 100));
  }
  return out;
}

function readEducation(value: unknown, resolve: (v: string) => string | null): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') throw badRequest(`choose an education level (${Object.keys(EDUCATION_RANK).join(', ')})`, 'education');
  const level = resolve(text);
  if (!level) throw badRequest(`unknown education level: "${text.slice(0, 40)}" (use ${Object.keys(EDUCATION_RANK).join(', ')})`, 'education');
  return level;
}

function readRegion(value: unknown, regencyValue: unknown, resolve: ReturnType<typeof createRegionResolver>): { province: string | null; regency: string | null } {
  const text = typeof value === 'string' ? value.trim() : '';
  const regencyText = typeof regencyValue === 'string' ? regencyValue.trim() : '';
  let area: { province: string | null; regency: string | null } = { province: null, regency: null };
  if (text !== '' && text.toUpperCase() !== 'ID') {
    const found = resolve(text);
    if (!found) throw badRequest(`unknown region: "${text.slice(0, 60)}" (ID, a province code such as 32, or a regency code such as 32.73)`, 'region');
    area = { province: found.provinceCode, regency: found.regencyCode };
  }
  if (regencyText !== '') {
    const found = resolve(regencyText);
    if (!found?.regencyCode) throw badRequest(`unknown regency: "${regencyText.slice(0, 60)}" (a regency code such as 32.73)`, 'regency');
    if (area.province !== null && area.province !== found.provinceCode) throw badRequest(`regency ${found.regencyCode} is not in province ${area.province}`, 'regency');
    area = { province: found.provinceCode, regency: found.regencyCode };
  }
  return area;
}

function readOccupation(value: unknown): string | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return null;
  if (!/^\d{1,4}$/.test(text)) throw badRequest(`invalid occupation: "${text.slice(0, 20)}" (an ISCO-08 code of 1 to 4 digits)`, 'occupation');
  return text;
}

function readEmploymentType(value: unknown): string | null {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (text === '') return null;
  const type = text === 'magang' ? 'apprenticeship' : text;
  if (!(EMPLOYMENT_TYPES as readonly string[]).includes(type)) throw badRequest(`invalid employment_type: "${text.slice(0, 20)}" (${EMPLOYMENT_TYPES.join(', ')})`, 'employment_type');
  return type;
}

export { EMPLOYMENT_TYPES };

function trigrams(text: string): Set<string> {
  const padded = ` ${text} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}
