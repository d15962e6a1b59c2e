// Codes job titles to ISCO-08 unit groups when a source gives none.
// 1. Normalise: drop board noise ("Dibutuhkan Segera", "Pria", "Max 35 Th"), locations
//    in brackets or after " - ", seniority and contract words (Staf, Senior, Magang,
//    Freelance…) and department suffixes; expand abbreviations (Opr. → operator).
// 2. The dictionary (data/reference/job_titles.csv) first: an exact hit is final. It also
//    holds the common bare titles whose meaning in Indonesian postings differs from a
//    literal reading ("Sales" is a sales representative, not a sales manager).
// 3. Otherwise the labelled titles vote: ~33,000 ESCO occupation labels
//    (data/reference/esco_titles.csv), the ILO's ~1,900 example occupations per unit group
//    (data/reference/isco_examples.csv) and the dictionary, read word by word (Indonesian
//    words also in English: "teknisi" → technician). A naive Bayes model pools the words
//    of each unit group's labels, so a title is coded by the words its group's
//    occupations share; a title without a managerial word is never coded to major group 1,
//    one without a military word never to major group 0.
//    Misspelt words are read as the nearest known word by character trigrams.
// 4. The confidence is the share of a softmax over the groups that falls on the winner's
//    sub-major group (2 digits); below MIN_TITLE_CONFIDENCE the title stays uncoded. A weak
//    title may borrow words from the description. Measured in pipelines/quality.ts (ESCO
//    occupations held out; the constants were set on a separate dev fold). A multinomial
//    logistic regression on word, bigram and character 4-gram features was measured on
//    the same dev fold (pipelines/title-methods.ts) and was no better at 2 digits (50.0 %
//    against 51.7 %; combined with this model +0.6 points over coding every title), so the
//    model that needs no weights file stays.
import fs from 'node:fs';
import path from 'node:path';
import { readCsvRows, REFERENCE_DIR, type Reference } from './reference.ts';
import { normalizeText } from './text.ts';

export interface TitleCode { code: string; confidence: number; method: 'dictionary' | 'similarity' }
export type TitleCoder = (title: string, description?: string) => TitleCode | null;
/** A title known to belong to an ISCO unit group; `occupation` groups the labels of one ESCO occupation. */
export interface LabelledTitle { title: string; code: string; occupation: string }

/** Below this confidence a title is left uncoded rather than guessed (set on the dev fold for ≥ 90 % of titles coded). */
export const MIN_TITLE_CONFIDENCE = 0.09;
/** At or above this confidence a coding counts as high confidence (run record, /admin): 81 % right at 2 digits on the dev fold. */
export const HIGH_TITLE_CONFIDENCE = 0.85;

const NOISE_WORDS = new Set([
  'dibutuhkan', 'segera', 'urgent', 'urgently', 'hiring', 'lowongan', 'loker', 'kerja', 'dicari', 'we', 'are', 'needed', 'wanted', 'open', 'recruitment',
  'pria', 'wanita', 'laki', 'perempuan', 'male', 'female', 'usia', 'max', 'maks', 'maksimal', 'min', 'minimal', 'th', 'thn', 'tahun', 'years', 'old',
  'senior', 'junior', 'sr', 'jr', 'lead', 'trainee', 'fresh', 'graduate', 'freshgraduate', 'berpengalaman', 'experienced', 'bersertifikat', 'certified',
  'area', 'wilayah', 'penempatan', 'cabang', 'branch', 'kontrak', 'contract', 'harian', 'lepas', 'freelance', 'part', 'time', 'full', 'parttime', 'fulltime',
  'sma', 'smk', 'd3', 's1', 'diploma', 'sarjana', 'i', 'ii', 'iii', 'di', 'untuk', 'dan', 'and', 'the', 'of', 'a', 'an', 'yang', 'with',
  'staf', 'staff', 'magang', 'intern', 'internship', 'pemagangan', 'permagangan', 'apprentice', 'freelancer', 'paruh', 'waktu', 'remote', 'hybrid', 'wfh', 'onsite',
  'mid', 'middle', 'level', 'entry', 'officer', 'petugas', 'karyawan', 'pegawai', 'tenaga', 'bagian', 'posisi', 'position', 'job', 'vacancy',
  'pt', 'tbk', 'cv', 'indonesia', 'jakarta', 'surabaya', 'bandung', 'medan', 'bekasi', 'tangerang', 'batam', 'semarang', 'makassar', 'bali',
  'baru', 'new', 'batch', 'mt',
]);
/** Words after which the rest of a title names a department or a place, not the job. */
const SUFFIX_MARKERS = new Set(['department', 'dept', 'departemen', 'divisi', 'division', 'unit', 'penempatan', 'placement', 'lokasi', 'location', 'based', 'wilayah', 'area', 'region', 'regional']);
/** Words that make a title military: only then may it be coded to major group 0 ("Sales Force" is not the air force). */
const MILITARY = new Set([
  'army', 'navy', 'naval', 'military', 'militer', 'tni', 'soldier', 'soldiers', 'prajurit', 'tentara', 'airman', 'marine', 'marines', 'infantry', 'infantryman',
  'artillery', 'paratrooper', 'sergeant', 'sersan', 'corporal', 'kopral', 'lieutenant', 'letnan', 'colonel', 'kolonel', 'brigadier', 'admiral', 'commander',
  'commando', 'armed', 'forces', 'rifleman', 'gunner', 'bombardier', 'midshipman', 'boatswain', 'coxswain', 'cadet', 'squadron', 'marshal', 'captain',
  'seaman', 'raf',
]);
/** Words that make a title managerial: only then may it be coded to major group 1. */
const MANAGERIAL = new Set([
  'manager', 'managers', 'manajer', 'director', 'direktur', 'head', 'kepala', 'chief', 'ceo', 'coo', 'cfo', 'cto', 'cio', 'gm', 'mgr', 'executive', 'president',
  'presiden', 'pimpinan', 'pemimpin', 'kabag', 'kasie', 'kasi', 'kasubag', 'kacab', 'kepsek', 'asmen', 'vp', 'owner', 'pemilik', 'principal', 'superintendent',
  'commissioner', 'komisaris', 'managing', 'dean', 'rector', 'rektor', 'mayor', 'walikota', 'bupati', 'governor', 'gubernur', 'camat', 'lurah',
  'minister', 'menteri', 'legislator', 'senator', 'ambassador', 'duta', 'commander',
]);

export function createTitleCoder(
  reference: Pick<Reference, 'jobTitles' | 'isco' | 'titleAbbreviations'>,
  labelled: readonly LabelledTitle[] = loadEscoTitles(),
  translations: ReadonlyMap<string, string> = loadTitleWords(),
  examples: readonly LabelledTitle[] = loadIscoExamples(),
): TitleCoder {
  const words = (text: string) => titleWords(text, reference.titleAbbreviations, translations);
  const exact = new Map<string, string>();
  const documents: { words: string[]; code: string; weight?: number }[] = [];
  for (const t of reference.jobTitles) {
    for (const key of [normalizeText(t.title), cleanTitle(t.title), expandAbbreviations(cleanTitle(t.title), reference.titleAbbreviations)]) {
      if (key !== '' && !exact.has(key)) exact.set(key, t.iscoCode);
    }
    documents.push({ words: words(t.title), code: t.iscoCode, weight: DICTIONARY_WEIGHT });
  }
  for (const t of labelled) documents.push({ words: words(t.title), code: t.code });
  for (const t of examples) documents.push({ words: words(t.title), code: t.code });
  for (const g of reference.isco) if (g.level === 4) documents.push({ words: words(g.titleEn), code: g.code }, { words: words(g.titleId), code: g.code });
  const index = buildWordIndex(documents.filter((d) => d.words.length > 0));

  return (title: string, description?: string) => {
    const whole = normalizeText(title);
    if (whole === '') return null;
    const cleaned = cleanTitle(title);
    const direct = exact.get(whole) ?? exact.get(cleaned) ?? exact.get(expandAbbreviations(cleaned, reference.titleAbbreviations));
    if (direct) return { code: direct, confidence: 1, method: 'dictionary' };
    const query = words(title);
    const said = (set: ReadonlySet<string>) => whole.split(' ').some((w) => set.has(w) || set.has(reference.titleAbbreviations.get(w) ?? ''));
    const managerial = { managerial: said(MANAGERIAL), military: said(MILITARY) };
    let best = index.vote(query, managerial);
    if (description && (!best || best.confidence < HIGH_TITLE_CONFIDENCE)) {
      const helped = index.vote([...query, ...query, ...descriptionWords(description, words, index)], managerial);
      if (helped && (!best || helped.code === best.code || helped.confidence * 0.8 > best.confidence)) {
        best = { code: helped.code, confidence: Math.max(best?.code === helped.code ? best.confidence : 0, helped.confidence * 0.8) };
      }
    }
    if (!best || best.confidence < MIN_TITLE_CONFIDENCE) return null;
    return { code: best.code, confidence: Number(best.confidence.toFixed(3)), method: 'similarity' };
  };
}

/** Normalise and drop board noise, locations, department suffixes, seniority and contract words. */
export function cleanTitle(title: string): string {
  const core = title.split(/\s[-–|@]\s|\s\/\s(?=[A-Z][a-z]+$)/)[0].replace(/\([^)]*\)|\[[^\]]*\]/g, ' ');
  const kept: string[] = [];
  // "Full" is a contract word (full time) except in "full stack".
  for (const w of normalizeText(core).replace(/\bfull stack\b/g, 'fullstack').split(' ')) {
    if (SUFFIX_MARKERS.has(w) && kept.length > 0) break;
    if (w && !NOISE_WORDS.has(w) && !/^\d+$/.test(w)) kept.push(w);
  }
  return kept.join(' ');
}

/** The words a title is indexed and looked up by: cleaned, abbreviations expanded, Indonesian also in English, light stemming. */
export function titleWords(title: string, abbreviations: ReadonlyMap<string, string>, translations: ReadonlyMap<string, string>): string[] {
  const cleaned = expandAbbreviations(cleanTitle(title) || normalizeText(title), abbreviations);
  const tokens = cleaned.split(' ').filter((w) => w !== '' && !STOP_WORDS.has(w));
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const pair = i + 1 < tokens.length ? translations.get(`${tokens[i]} ${tokens[i + 1]}`) : undefined;
    if (pair) { out.push(...pair.split(' ')); i++; continue; }
    out.push(tokens[i]);
    const english = translations.get(tokens[i]);
    if (english && english !== tokens[i]) out.push(...english.split(' '));
  }
  return [...new Set(out.map(stem).filter((w) => w.length > 1))];
}

const STOP_WORDS = new Set(['and', 'of', 'the', 'for', 'in', 'to', 'a', 'an', 'or', 'on', 'at', 'by', 'with', 'dan', 'atau', 'untuk', 'di', 'ke', 'dari', 'yang', 'bagi']);

/** English plural and a few suffixes folded: "technicians" = "technician", "cleaners" = "cleaner". */
function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is|os|as)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** "Opr. Produksi" → "operator produksi": the abbreviations of Indonesian boards, word by word. */
function expandAbbreviations(cleaned: string, abbreviations: ReadonlyMap<string, string>): string {
  return cleaned.split(' ').map((w) => abbreviations.get(w) ?? w).join(' ');
}

/** Up to 12 words of a description that also occur in titles, rarest first: what a weak title can borrow. */
function descriptionWords(description: string, words: (text: string) => string[], index: WordIndex): string[] {
  const known = words(description.slice(0, 2000)).filter((w) => index.knows(w));
  return known.sort((a, b) => index.idf(b) - index.idf(a)).slice(0, 12);
}

interface Vote { code: string; confidence: number }
/** What the title says of itself: only a managerial title may be coded to major group 1, only a military one to major group 0. */
interface Rank { managerial: boolean; military: boolean }
interface WordIndex { vote(words: string[], rank: Rank): Vote | null; knows(word: string): boolean; idf(word: string): number }

/** A dictionary title counts as this many ESCO labels: it is how Indonesian postings word the job. */
const DICTIONARY_WEIGHT = 2;
/** Additive smoothing of the word counts per unit group. */
const SMOOTHING = 0.1;
/** Softmax temperature turning log-likelihoods into a confidence (fitted on held-out ESCO titles). */
const TEMPERATURE = 2;

/**
 * Naive Bayes over words: each unit group's labels pooled, so a title is coded by the words
 * its group's occupations share, not only by its nearest label. A feature `H:<word>` marks
 * the last word, the head of an English title ("sales assistant" is an assistant). The
 * confidence is the winner's share of the softmax over all groups.
 */
function buildWordIndex(documents: { words: string[]; code: string; weight?: number }[]): WordIndex {
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  for (const d of documents) {
    for (const w of features(d.words)) {
      let byGroup = counts.get(w);
      if (!byGroup) counts.set(w, (byGroup = new Map()));
      byGroup.set(d.code, (byGroup.get(d.code) ?? 0) + (d.weight ?? 1));
      totals.set(d.code, (totals.get(d.code) ?? 0) + (d.weight ?? 1));
    }
  }
  const groups = [...totals.keys()];
  const vocabulary = counts.size;
  const absent = groups.map((g) => Math.log(SMOOTHING / (totals.get(g)! + SMOOTHING * vocabulary)));
  const position = new Map(groups.map((g, i) => [g, i]));
  const spell = buildSpellIndex([...counts.keys()].filter((w) => !w.startsWith('H:')));
  const scores = new Float64Array(groups.length);
  const major = groups.map((g) => g[0]);
  const subMajors = [...new Set(groups.map((g) => g.slice(0, 2)))];
  const subMajorOf = groups.map((g) => subMajors.indexOf(g.slice(0, 2)));
  const subMajor = new Float64Array(subMajors.length);
  const idf = (w: string) => Math.log(groups.length / (counts.get(w)?.size ?? groups.length));
  return {
    knows: (w) => counts.has(w),
    idf,
    vote(query, rank) {
      const eligible = (g: number) => (rank.managerial || major[g] !== '1') && (rank.military || major[g] !== '0');
      const known = features([...new Set(query.map((w) => (counts.has(w) ? w : spell(w))).filter((w): w is string => w !== null))]).filter((w) => counts.has(w));
      if (known.length === 0) return null;
      for (let g = 0; g < groups.length; g++) scores[g] = known.length * absent[g];
      for (const w of known) for (const [g, c] of counts.get(w)!) scores[position.get(g)!] += Math.log((c + SMOOTHING) / SMOOTHING);
      let best = -1;
      for (let g = 0; g < groups.length; g++) {
        if (!eligible(g)) continue;
        if (best < 0 || scores[g] > scores[best]) best = g;
      }
      if (best < 0) return null;
      // The confidence is the posterior share of the winner's sub-major group: near neighbours
      // in one sub-major group (7411 / 7412) agree on two digits even when they split four.
      let sum = 0;
      subMajor.fill(0);
      for (let g = 0; g < groups.length; g++) {
        if (!eligible(g)) continue;
        const p = Math.exp((scores[g] - scores[best]) / TEMPERATURE);
        sum += p;
        subMajor[subMajorOf[g]] += p;
      }
      return { code: groups[best], confidence: subMajor[subMajorOf[best]] / sum };
    },
  };
}

/** Words, the head word of the title, and pairs of adjacent words ("machine operator" is not "operator" + "machine"). */
function features(words: string[]): string[] {
  if (words.length === 0) return words;
  const out = words.length === 1 ? [...words, `H:${words[0]}`] : [...words, `H:${words[words.length - 1]}`];
  for (let i = 0; i + 1 < words.length; i++) out.push(`B:${words[i]}_${words[i + 1]}`);
  return out;
}

/** Nearest known word by character trigrams (Dice ≥ 0.6), for misspellings: "oprator" → "operator". */
function buildSpellIndex(vocabulary: string[]): (word: string) => string | null {
  const grams = (w: string) => { const p = ` ${w} `; const g = new Set<string>(); for (let i = 0; i + 3 <= p.length; i++) g.add(p.slice(i, i + 3)); return g; };
  const byGram = new Map<string, number[]>();
  const sizes = vocabulary.map((w, i) => { const g = grams(w); for (const x of g) { let l = byGram.get(x); if (!l) byGram.set(x, (l = [])); l.push(i); } return g.size; });
  return (word) => {
    if (word.length < 4) return null;
    const g = grams(word);
    const shared = new Map<number, number>();
    for (const x of g) for (const i of byGram.get(x) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    let best: string | null = null;
    let bestScore = 0.6;
    for (const [i, n] of shared) {
      const dice = (2 * n) / (g.size + sizes[i]);
      if (dice > bestScore) { bestScore = dice; best = vocabulary[i]; }
    }
    return best;
  };
}

/** ESCO occupation labels with their ISCO unit group (data/reference/esco_titles.csv). */
export function loadEscoTitles(dir: string = REFERENCE_DIR): LabelledTitle[] {
  const file = path.join(dir, 'esco_titles.csv');
  if (!fs.existsSync(file)) return [];
  return readCsvRows(file).flatMap((r) => r.titles.split('|').map((title) => ({ title, code: r.isco_code, occupation: r.occupation })));
}

/** The ILO's example occupations of each unit group (data/reference/isco_examples.csv, built by pipelines/isco-examples.ts). */
export function loadIscoExamples(dir: string = REFERENCE_DIR): LabelledTitle[] {
  const file = path.join(dir, 'isco_examples.csv');
  if (!fs.existsSync(file)) return [];
  return readCsvRows(file).flatMap((r) => r.titles.split('|').map((title) => ({ title, code: r.isco_code, occupation: `isco:${r.isco_code}` })));
}

/** Indonesian title words with their English reading (data/reference/title_words.csv). */
export function loadTitleWords(dir: string = REFERENCE_DIR): Map<string, string> {
  const file = path.join(dir, 'title_words.csv');
  if (!fs.existsSync(file)) return new Map();
  return new Map(readCsvRows(file).map((r) => [normalizeText(r.word), normalizeText(r.english)]));
}
