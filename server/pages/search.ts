// Search for a skill, an occupation or a region by name, in either language (issue 17): an
// index built once from the reference data (skill labels and aliases, ISCO titles and the
// job-title dictionary, province and regency names and their aliases), compared case-,
// accent- and punctuation-insensitively (core/text.ts normalizeText).
import type { Reference } from '../../core/reference.ts';
import { normalizeText } from '../../core/text.ts';
import type { Lang } from '../i18n.ts';

export type SearchKind = 'skill' | 'occupation' | 'region';

interface Term { text: string; /** The label itself, not an alias. */ label: boolean; shown: string }

export interface SearchEntry { kind: SearchKind; code: string; name: Record<Lang, string>; href: string; terms: Term[] }

export interface SearchHit { entry: SearchEntry; score: number; /** The alias or name that matched, when it is not the entry's name. */ matched?: string }

export interface SearchIndex { entries: SearchEntry[] }

/** Longest query accepted (a name, not a paragraph). */
export const MAX_QUERY = 100;
/** Hits shown per kind. */
export const HITS_PER_KIND = 20;

const term = (shown: string, label: boolean): Term => ({ text: normalizeText(shown), label, shown });

export function buildSearchIndex(reference: Pick<Reference, 'skills' | 'isco' | 'jobTitles' | 'provinces' | 'regencies' | 'regionAliases'>): SearchIndex {
  const entries: SearchEntry[] = [];
  for (const s of reference.skills) {
    entries.push({ kind: 'skill', code: s.id, name: { id: s.labelId, en: s.labelEn }, href: `/skills/${s.id}`, terms: [term(s.labelId, true), term(s.labelEn, true), ...s.aliases.map((a) => term(a, false))] });
  }
  const titles = new Map<string, string[]>();
  for (const t of reference.jobTitles) titles.set(t.iscoCode, [...(titles.get(t.iscoCode) ?? []), t.title]);
  for (const g of reference.isco) {
    entries.push({ kind: 'occupation', code: g.code, name: { id: g.titleId, en: g.titleEn }, href: `/occupations/${g.code}`, terms: [term(g.titleId, true), term(g.titleEn, true), term(g.code, true), ...(titles.get(g.code) ?? []).map((t) => term(t, false))] });
  }
  const aliases = new Map<string, string[]>();
  for (const a of reference.regionAliases) aliases.set(a.code, [...(aliases.get(a.code) ?? []), a.alias]);
  for (const r of [...reference.provinces, ...reference.regencies]) {
    entries.push({ kind: 'region', code: r.code, name: { id: r.name, en: r.name }, href: `/regions/${r.code}`, terms: [term(r.name, true), term(r.code, true), ...(aliases.get(r.code) ?? []).map((a) => term(a, false))] });
  }
  for (const e of entries) e.terms = e.terms.filter((t) => t.text !== '');
  return { entries };
}

/** How well a term matches the query: whole (100), its start (60), a word's start (40), inside (20), every word somewhere (10). */
function scoreTerm(text: string, query: string, words: string[]): number {
  if (text === query) return 100;
  if (text.startsWith(query)) return 60;
  if (text.includes(` ${query}`)) return 40;
  if (text.includes(query)) return 20;
  if (words.length > 1 && words.every((w) => text.includes(w))) return 10;
  return 0;
}

/** The hits of a query, best first within each kind; an empty query finds nothing. */
export function search(index: SearchIndex, query: string, lang: Lang): Record<SearchKind, SearchHit[]> {
  const q = normalizeText(query);
  const words = q.split(' ').filter(Boolean);
  const hits: Record<SearchKind, SearchHit[]> = { skill: [], occupation: [], region: [] };
  if (q === '') return hits;
  for (const entry of index.entries) {
    let best: { score: number; term?: Term } = { score: 0 };
    for (const t of entry.terms) {
      // A label beats an alias that matches as well.
      const score = scoreTerm(t.text, q, words) + (t.label ? 1 : 0);
      if (score > 1 && score > best.score) best = { score, term: t };
    }
    if (!best.term) continue;
    hits[entry.kind].push({ entry, score: best.score, matched: best.term.label ? undefined : best.term.shown });
  }
  for (const kind of Object.keys(hits) as SearchKind[]) {
    hits[kind].sort((a, b) => b.score - a.score || a.entry.name[lang].length - b.entry.name[lang].length || a.entry.code.localeCompare(b.entry.code));
    hits[kind] = hits[kind].slice(0, HITS_PER_KIND);
  }
  return hits;
}
