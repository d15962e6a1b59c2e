// Codes job titles to ISCO-08 unit groups when a source gives none: the dictionary
// first (exact, after stripping the noise boards add: "Dibutuhkan Segera", "Pria",
// "Max 35 Th", "- Jakarta"), then the most similar dictionary or ISCO title by
// character-trigram TF-IDF cosine, which survives misspellings ("Tehnisi", "Oprator")
// and word order. The score is returned as the coding confidence.
import type { Reference } from './reference.ts';
import { normalizeText } from './text.ts';

export interface TitleCode { code: string; confidence: number; method: 'dictionary' | 'similarity' }
export type TitleCoder = (title: string) => TitleCode | null;

/** Below this similarity a title is left uncoded rather than guessed. */
export const MIN_TITLE_CONFIDENCE = 0.3;

const NOISE_WORDS = new Set([
  'dibutuhkan', 'segera', 'urgent', 'urgently', 'hiring', 'lowongan', 'loker', 'kerja', 'dicari', 'we', 'are', 'needed', 'wanted', 'open', 'recruitment',
  'pria', 'wanita', 'laki', 'perempuan', 'male', 'female', 'usia', 'max', 'maks', 'maksimal', 'min', 'minimal', 'th', 'thn', 'tahun', 'years', 'old',
  'senior', 'junior', 'sr', 'jr', 'lead', 'trainee', 'fresh', 'graduate', 'freshgraduate', 'berpengalaman', 'experienced', 'bersertifikat', 'certified',
  'area', 'wilayah', 'penempatan', 'cabang', 'branch', 'kontrak', 'contract', 'harian', 'lepas', 'freelance', 'part', 'time', 'full', 'parttime', 'fulltime',
  'sma', 'smk', 'd3', 's1', 'diploma', 'sarjana', 'i', 'ii', 'iii', 'di', 'untuk', 'dan', 'and', 'the', 'of', 'a', 'an', 'yang', 'with',
]);

export function createTitleCoder(reference: Pick<Reference, 'jobTitles' | 'isco' | 'titleAbbreviations'>): TitleCoder {
  const expand = (title: string) => expandAbbreviations(title, reference.titleAbbreviations);
  const exact = new Map<string, string>();
  const candidates: { text: string; code: string }[] = [];
  for (const t of reference.jobTitles) {
    const key = cleanTitle(t.title);
    if (!exact.has(key)) exact.set(key, t.iscoCode);
    if (!exact.has(normalizeText(t.title))) exact.set(normalizeText(t.title), t.iscoCode);
    candidates.push({ text: key, code: t.iscoCode });
  }
  for (const g of reference.isco) if (g.level === 4) {
    candidates.push({ text: cleanTitle(g.titleEn), code: g.code }, { text: cleanTitle(g.titleId), code: g.code });
  }
  const index = buildTrigramIndex(candidates.map((c) => c.text));

  return (title: string) => {
    const whole = normalizeText(title);
    if (whole === '') return null;
    const cleaned = cleanTitle(title);
    const expanded = expand(cleaned);
    const direct = exact.get(whole) ?? exact.get(cleaned) ?? exact.get(expanded);
    if (direct) return { code: direct, confidence: 1, method: 'dictionary' };
    const best = index.best(expanded || whole);
    if (!best || best.score < MIN_TITLE_CONFIDENCE) return null;
    return { code: candidates[best.index].code, confidence: Number(best.score.toFixed(3)), method: 'similarity' };
  };
}

/** Normalise and drop board noise, location suffixes and bracketed notes. */
export function cleanTitle(title: string): string {
  const core = title.split(/\s[-–|@]\s|\s\/\s(?=[A-Z][a-z]+$)/)[0].replace(/\([^)]*\)/g, ' ');
  return normalizeText(core).split(' ').filter((w) => w && !NOISE_WORDS.has(w) && !/^\d+$/.test(w)).join(' ');
}

/** "Opr. Produksi" → "operator produksi": the abbreviations of Indonesian boards, word by word. */
function expandAbbreviations(cleaned: string, abbreviations: ReadonlyMap<string, string>): string {
  return cleaned.split(' ').map((w) => abbreviations.get(w) ?? w).join(' ');
}

interface TrigramIndex { best(text: string): { index: number; score: number } | null }

function trigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  for (const word of text.split(' ')) {
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3);
      grams.set(g, (grams.get(g) ?? 0) + 1);
    }
    grams.set(`w:${word}`, (grams.get(`w:${word}`) ?? 0) + 2);
  }
  return grams;
}

function buildTrigramIndex(texts: string[]): TrigramIndex {
  const documentFrequency = new Map<string, number>();
  const grams = texts.map(trigrams);
  for (const g of grams) for (const key of g.keys()) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
  const idf = (key: string) => Math.log((texts.length + 1) / ((documentFrequency.get(key) ?? 0) + 1)) + 1;
  const postings = new Map<string, { doc: number; weight: number }[]>();
  const norms = new Float64Array(texts.length);
  grams.forEach((g, doc) => {
    let norm = 0;
    for (const [key, tf] of g) {
      const weight = tf * idf(key);
      norm += weight * weight;
      let list = postings.get(key);
      if (!list) postings.set(key, (list = []));
      list.push({ doc, weight });
    }
    norms[doc] = Math.sqrt(norm);
  });
  return {
    best(text) {
      const query = trigrams(text);
      const scores = new Map<number, number>();
      let queryNorm = 0;
      for (const [key, tf] of query) {
        const weight = tf * idf(key);
        queryNorm += weight * weight;
        for (const p of postings.get(key) ?? []) scores.set(p.doc, (scores.get(p.doc) ?? 0) + weight * p.weight);
      }
      let best: { index: number; score: number } | null = null;
      for (const [doc, dot] of scores) {
        const score = dot / (Math.sqrt(queryNorm) * norms[doc]);
        if (!best || score > best.score) best = { index: doc, score };
      }
      return best;
    },
  };
}
