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
//    occupations share; each ESCO label weighs (4 / labels of its occupation)^0.5 so an
//    occupation with 40 alternative labels does not outvote the rest of its group. The same
//    counts pooled per sub-major group are added (weight 0.7): a title whose words its own
//    unit group lacks still finds the groups beside it. What each group does is read too:
//    the ISCO-08 definitions and tasks of its unit, minor and sub-major groups
//    (data/reference/isco_descriptions.csv) and the ESCO descriptions of its occupations
//    (esco_descriptions.csv), scored by word roots ("welder" / "welding" → "weld") as a
//    smoothed log-likelihood ratio. A title without a managerial word is never coded to
//    major group 1, one without a military word never to major group 0.
//    Misspelt words are read as the nearest known word by character trigrams.
// 4. The confidence is the share of a softmax over the groups that falls on the winner's
//    sub-major group (2 digits); below MIN_TITLE_CONFIDENCE the title stays uncoded.
// 5. A weak title (below HIGH_TITLE_CONFIDENCE) with an advert is coded again with the
//    advert's description: its word roots are scored against the same group descriptions,
//    at ADVERT_WEIGHT / √(distinct roots) beside the title (ESCO dev fold, the held-out
//    occupation's own ESCO description as the advert: 56.3 → 71.3 % at 2 digits, 39.0 →
//    55.4 % at 4; the earlier borrowing of the advert's 12 rarest title words reached 65.3 /
//    47.7). Reading it for every title (threshold 1) is +0.6 / +3.2 points more but codes a
//    (title, description) pair for every vacancy. Tried on the dev fold and not kept: the
//    advert's title-vocabulary words added to the title's (69.4 %), root counts instead of
//    distinct roots (70.4 %), other smoothing for the advert (μ 50 / 100 / 1000: 71.4 / 71.6 /
//    70.2 % at threshold 0.99), a TF-IDF nearest-description vote (59.2 % alone; switching
//    to it where the coder is unsure gains at most 17 of 6,772 titles). Measured in pipelines/quality.ts (ESCO
//    occupations held out; the constants were set on a separate dev fold, 2026-12-02:
//    51.7 → 56.3 % right at 2 digits). Tried there and not kept: choosing the sub-major group
//    first and the unit group inside it (+0.3 points on the dev fold, but −1.9 on our
//    labelled board titles and −4.9 on the real ones), word roots and a doubled head word as
//    title features (−0.8 to −1.4), a major-group pooling (no gain), sublinear word counts
//    (+0.3 on the dev fold, −1.2 on the real titles), "specialist" read as a noise word (−0.4). A multinomial
//    logistic regression on word, bigram and character 4-gram features was measured on
//    the same dev fold (pipelines/title-methods.ts) and was no better at 2 digits (50.0 %
//    against 51.7 %; combined with this model +0.6 points over coding every title; measured again
//    with descriptions: 49.9 against 56.3 %, combined +0.7), so the
//    model that needs no weights file stays. BM25 over the ESCO labels with the 5–15 nearest
//    labels voting per unit group and the head word (last word) of title and label weighted
//    ×1–3 (issue 12, 2026-12-03, dev fold, labels only): 37.6–41.3 % at 2 digits, far under
//    this model. The bound it meets: for held-out titles (fold 0) the right sub-major group is
//    among the groups of the 10 nearest labels for 67.8 %, the right unit group for 47.4 %.
import fs from 'node:fs';
import path from 'node:path';
import { readCsvRows, REFERENCE_DIR, type Reference } from './reference.ts';
import { normalizeText } from './text.ts';

export interface TitleCode { code: string; confidence: number; method: 'dictionary' | 'similarity' }
export type TitleCoder = (title: string, description?: string) => TitleCode | null;
/** A title known to belong to an ISCO unit group; `occupation` groups the labels of one ESCO occupation. */
export interface LabelledTitle { title: string; code: string; occupation: string }
/** What a group's work is, in words: an ESCO occupation's description (`occupation` its id) or an ISCO group's definition (`occupation` = `isco:<code>`, any level 2–4). */
export interface LabelledText { text: string; code: string; occupation: string }

/** Below this confidence a title is left uncoded rather than guessed (set on the dev fold for ≥ 90 % of titles coded). */
export const MIN_TITLE_CONFIDENCE = 0.09;
/** At or above this confidence a coding counts as high confidence (run record, /admin): 81 % right at 2 digits on the dev fold. */
export const HIGH_TITLE_CONFIDENCE = 0.9;

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
  descriptions: readonly LabelledText[] = loadTitleDescriptions(),
): TitleCoder {
  const words = (text: string) => titleWords(text, reference.titleAbbreviations, translations);
  const exact = new Map<string, string>();
  const documents: { words: string[]; code: string; weight?: number }[] = [];
  for (const t of reference.jobTitles) {
    for (const key of [normalizeText(t.title), cleanTitle(t.title), expandAbbreviations(cleanTitle(t.title), reference.titleAbbreviations, t.title)]) {
      if (key !== '' && !exact.has(key)) exact.set(key, t.iscoCode);
    }
    documents.push({ words: words(t.title), code: t.iscoCode, weight: DICTIONARY_WEIGHT });
  }
  const labelsOf = new Map<string, number>();
  for (const t of labelled) labelsOf.set(t.occupation, (labelsOf.get(t.occupation) ?? 0) + 1);
  for (const t of labelled) documents.push({ words: words(t.title), code: t.code, weight: (4 / labelsOf.get(t.occupation)!) ** OCCUPATION_NORM });
  for (const t of examples) documents.push({ words: words(t.title), code: t.code });
  for (const g of reference.isco) if (g.level === 4) documents.push({ words: words(g.titleEn), code: g.code }, { words: words(g.titleId), code: g.code });
  const index = buildWordIndex(documents.filter((d) => d.words.length > 0), buildDescriptionIndex(descriptions, reference.isco));

  return (title: string, description?: string) => {
    const whole = normalizeText(title);
    if (whole === '') return null;
    const cleaned = cleanTitle(title);
    const direct = exact.get(whole) ?? exact.get(cleaned) ?? exact.get(expandAbbreviations(cleaned, reference.titleAbbreviations, title));
    if (direct) return { code: direct, confidence: 1, method: 'dictionary' };
    const supervised = supervisorOf(expandAbbreviations(cleaned, reference.titleAbbreviations, title), exact);
    if (supervised) return { code: supervised, confidence: SUPERVISOR_CONFIDENCE, method: 'dictionary' };
    const query = words(title);
    const said = (set: ReadonlySet<string>) => whole.split(' ').some((w) => set.has(w) || set.has(reference.titleAbbreviations.get(w) ?? ''));
    const managerial = { managerial: said(MANAGERIAL), military: said(MILITARY) };
    let best = index.vote(query, managerial);
    // A weak title is coded again with what its advert says of the work: the advert's word
    // roots scored against each group's definitions and occupation descriptions.
    if (description && isWeak(best)) best = index.vote(query, managerial, textRoots(description, translations)) ?? best;
    if (!best || best.confidence < MIN_TITLE_CONFIDENCE) return null;
    return { code: best.code, confidence: Number(best.confidence.toFixed(3)), method: 'similarity' };
  };
}

/** Confidence of a supervisor's title coded from the dictionary title of the work supervised. */
const SUPERVISOR_CONFIDENCE = 0.9;
const SUPERVISOR_WORDS = new Set(['supervisor', 'pengawas']);

/**
 * ISCO-08 classes a supervisor with the workers supervised, except where a group of
 * supervisors exists: "Tax Supervisor" is a tax clerk's group (3313), "Supervisor Sales" a sales
 * representative's (3322); a supervisor of craft workers or machine operators is a
 * manufacturing (3122), construction (3123) or mining (3121) supervisor, of clerks an office
 * supervisor (3341), of shop sales workers a shop supervisor (5222), of cleaners 5151.
 * Only when the rest of the title is a dictionary title.
 */
function supervisorOf(cleaned: string, exact: ReadonlyMap<string, string>): string | undefined {
  const words = cleaned.split(' ').filter((w) => w !== '');
  if (words.length < 2 || !words.some((w) => SUPERVISOR_WORDS.has(w))) return undefined;
  const code = exact.get(words.filter((w) => !SUPERVISOR_WORDS.has(w)).join(' '));
  if (!code) return undefined;
  if (/^(711|712|713|931)/.test(code)) return '3123';
  if (/^811/.test(code)) return '3121';
  if (/^(7|81|82|932|933)/.test(code)) return '3122';
  if (/^4/.test(code)) return '3341';
  if (/^52/.test(code)) return '5222';
  if (/^(911|5151)/.test(code)) return '5151';
  return code;
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
  const cleaned = expandAbbreviations(cleanTitle(title) || normalizeText(title), abbreviations, title);
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

/** Abbreviations that are also English words: expanded only when the title writes them in capitals ("ART" is a domestic helper, "art restorer" restores art). */
const WORD_ABBREVIATIONS = new Set(['art', 'sup', 'be', 'op', 'ga', 'pa']);

/** "Opr. Produksi" → "operator produksi": the abbreviations of Indonesian boards, word by word. */
function expandAbbreviations(cleaned: string, abbreviations: ReadonlyMap<string, string>, original: string): string {
  return cleaned.split(' ').map((w) => {
    const long = abbreviations.get(w);
    if (!long || (WORD_ABBREVIATIONS.has(w) && !new RegExp(`(^|[^A-Za-z])${w.toUpperCase()}([^A-Za-z]|$)`).test(original))) return w;
    return long;
  }).join(' ');
}

/** A title coded below high confidence (or not at all) reads its advert's description, when there is one. */
export function isWeak(code: { confidence: number } | null): boolean {
  return !code || code.confidence < HIGH_TITLE_CONFIDENCE;
}

/** The distinct word roots of an advert's first 3,000 characters, read as the group descriptions are; an Indonesian word also in English ("gudang" → "warehouse"). */
function textRoots(description: string, translations: ReadonlyMap<string, string>): string[] {
  const out = new Set<string>();
  for (const w of descriptionTokens(description.slice(0, 3000))) {
    out.add(root(w));
    const english = translations.get(w);
    if (english) for (const e of english.split(' ')) if (e.length >= 3) out.add(root(e));
  }
  return [...out];
}

/** The words of a description that say something of the work: no stop words, numbers or words under 3 letters. */
function descriptionTokens(text: string): string[] {
  return normalizeText(text).split(' ').filter((w) => w.length >= 3 && !DESCRIPTION_STOP.has(w) && !STOP_WORDS.has(w) && !/^\d/.test(w));
}

interface Vote { code: string; confidence: number }
/** What the title says of itself: only a managerial title may be coded to major group 1, only a military one to major group 0. */
interface Rank { managerial: boolean; military: boolean }
/** `text`: the word roots of the advert's description, scored beside the title's words. */
interface WordIndex { vote(words: string[], rank: Rank, text?: string[]): Vote | null }

/** A dictionary title counts as this many ESCO labels: it is how Indonesian postings word the job. */
const DICTIONARY_WEIGHT = 2;
/** Additive smoothing of the word counts per unit group. */
const SMOOTHING = 0.1;
/** Softmax temperature turning log-likelihoods into a confidence (fitted on held-out ESCO titles). */
const TEMPERATURE = 3;

/** Weight of the description words beside the title words (set on the dev fold). */
const DESCRIPTION_WEIGHT = 1;
/** Weight of an advert's description, divided by the square root of its distinct roots so a long advert does not drown the title (set on the dev fold: 4 → 67.0, 6 → 71.1, 8 → 71.3, 10 → 71.2, 16 → 70.4 % at 2 digits). */
const ADVERT_WEIGHT = 8;
/** Dirichlet smoothing of a group's description words towards all descriptions' (in words). */
const DESCRIPTION_SMOOTHING = 300;
/** A sub-major or minor group's definition counts for each unit group under it at this weight. */
const PARENT_DESCRIPTION_WEIGHT = 0.5;
/** Weight of the same title words counted per sub-major group (the groups beside the unit group). */
const SUB_MAJOR_WEIGHT = 0.7;
/** An ESCO label weighs (4 / labels of its occupation) ^ this: an occupation with 40 alternative labels does not outvote its unit group. */
const OCCUPATION_NORM = 0.5;

/** A light suffix stripper joining a job's noun to its verb: "welder" / "welding" → "weld", "operator" / "operating" → "operat". */
export function root(word: string): string {
  for (const suffix of ROOT_SUFFIXES) if (word.length - suffix.length >= 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  return word;
}
const ROOT_SUFFIXES = ['ations', 'ation', 'ions', 'ion', 'ings', 'ing', 'ians', 'ian', 'ists', 'ist', 'ers', 'er', 'ors', 'or', 'ants', 'ant', 'ents', 'ent', 'ies', 'ied', 'ed', 'es', 'al', 's', 'e', 'y'];

const DESCRIPTION_STOP = new Set([...['they', 'their', 'them', 'such', 'as', 'also', 'other', 'may', 'include', 'includes', 'including', 'tasks', 'task', 'is', 'are', 'be', 'this', 'that', 'these', 'those', 'it', 'its', 'into', 'from', 'who', 'which', 'using', 'used', 'etc', 'e', 'g', 'ensure', 'various', 'work', 'workers', 'perform', 'performing']]);

/** Per unit group, the roots of the words its ISCO definition and its occupations' descriptions use; a title's roots are scored against them. */
interface DescriptionIndex { bind(groups: string[]): (roots: string[], out: Float64Array, weight: number) => void }

function buildDescriptionIndex(descriptions: readonly LabelledText[], isco: readonly { code: string; level: number }[]): DescriptionIndex | null {
  if (descriptions.length === 0) return null;
  const units = isco.filter((g) => g.level === 4).map((g) => g.code);
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  let all = 0;
  const add = (code: string, text: string, weight: number) => {
    for (const w of descriptionTokens(text)) {
      const r = root(w);
      let byGroup = counts.get(r);
      if (!byGroup) counts.set(r, (byGroup = new Map()));
      byGroup.set(code, (byGroup.get(code) ?? 0) + weight);
      totals.set(code, (totals.get(code) ?? 0) + weight);
      all += weight;
    }
  };
  for (const d of descriptions) {
    if (d.code.length === 4) add(d.code, d.text, 1);
    else for (const u of units) if (u.startsWith(d.code)) add(u, d.text, PARENT_DESCRIPTION_WEIGHT);
  }
  const background = new Map([...counts].map(([w, byGroup]) => [w, [...byGroup.values()].reduce((a, b) => a + b, 0) / all]));
  return {
    // log P(root | group) / P(root) with Dirichlet smoothing = a sparse part for the groups
    // whose descriptions use the root plus log(mu / (n + mu)) for every group, precomputed.
    bind(groups) {
      const mu = DESCRIPTION_SMOOTHING;
      const base = Float64Array.from(groups, (g) => Math.log(mu / ((totals.get(g) ?? 0) + mu)));
      const at = new Map(groups.map((g, i) => [g, i]));
      const sparse = new Map<string, { at: Int32Array; delta: Float64Array }>();
      for (const [r, byGroup] of counts) {
        const p = background.get(r)!;
        const entries = [...byGroup].filter(([g]) => at.has(g));
        sparse.set(r, { at: Int32Array.from(entries, ([g]) => at.get(g)!), delta: Float64Array.from(entries, ([, c]) => Math.log((c + mu * p) / (mu * p))) });
      }
      return (roots, out, weight) => {
        let known = 0;
        for (const r of roots) {
          const s = sparse.get(r);
          if (!s) continue;
          known++;
          for (let k = 0; k < s.at.length; k++) out[s.at[k]] += weight * s.delta[k];
        }
        if (known > 0) for (let g = 0; g < base.length; g++) out[g] += weight * known * base[g];
      };
    },
  };
}

/**
 * Naive Bayes over words: each unit group's labels pooled, so a title is coded by the words
 * its group's occupations share, not only by its nearest label. A feature `H:<word>` marks
 * the last word, the head of an English title ("sales assistant" is an assistant). The
 * confidence is the winner's share of the softmax over all groups.
 */
function buildWordIndex(documents: { words: string[]; code: string; weight?: number }[], described: DescriptionIndex | null = null): WordIndex {
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
  // The same counts pooled by sub-major and by major group: a title whose words its own unit
  // group's labels lack may still share them with the groups beside it.
  const pooled = (digits: number) => {
    const keys = [...new Set(groups.map((g) => g.slice(0, digits)))];
    const of = groups.map((g) => keys.indexOf(g.slice(0, digits)));
    const tot = new Float64Array(keys.length);
    for (let g = 0; g < groups.length; g++) tot[of[g]] += totals.get(groups[g])!;
    const byWord = new Map<string, Float64Array>();
    for (const [w, byGroup] of counts) { const a = new Float64Array(keys.length); for (const [g, c] of byGroup) a[of[position.get(g)!]] += c; byWord.set(w, a); }
    const a = SMOOTHING;
    const miss = [...tot].map((t) => Math.log(a / (t + a * vocabulary)));
    const out = new Float64Array(keys.length);
    return (known: string[], weight: number) => {
      if (weight === 0) return;
      for (let k = 0; k < keys.length; k++) out[k] = known.length * miss[k];
      for (const w of known) { const c = byWord.get(w)!; for (let k = 0; k < keys.length; k++) if (c[k] > 0) out[k] += Math.log((c[k] + a) / a); }
      for (let g = 0; g < groups.length; g++) scores[g] += weight * out[of[g]];
    };
  };
  const bySubMajor = pooled(2);
  const describedScore = described?.bind(groups);
  return {
    vote(query, rank, text) {
      const eligible = (g: number) => (rank.managerial || major[g] !== '1') && (rank.military || major[g] !== '0');
      const known = features([...new Set(query.map((w) => (counts.has(w) ? w : spell(w))).filter((w): w is string => w !== null))]).filter((w) => counts.has(w));
      if (known.length === 0) return null;
      for (let g = 0; g < groups.length; g++) scores[g] = known.length * absent[g];
      for (const w of known) for (const [g, c] of counts.get(w)!) scores[position.get(g)!] += Math.log((c + SMOOTHING) / SMOOTHING);
      bySubMajor(known, SUB_MAJOR_WEIGHT);
      if (describedScore) describedScore([...new Set(query.map(root))], scores, DESCRIPTION_WEIGHT);
      if (describedScore && text && text.length > 0) describedScore(text, scores, ADVERT_WEIGHT / Math.sqrt(text.length));
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

/** What each group's work is: the ISCO group definitions (data/reference/isco_descriptions.csv) and the ESCO occupation descriptions (esco_descriptions.csv). */
export function loadTitleDescriptions(dir: string = REFERENCE_DIR): LabelledText[] {
  const rows = (name: string) => (fs.existsSync(path.join(dir, name)) ? readCsvRows(path.join(dir, name)) : []);
  return [
    ...rows('isco_descriptions.csv').map((r) => ({ text: r.description, code: r.isco_code, occupation: `isco:${r.isco_code}` })),
    ...rows('esco_descriptions.csv').map((r) => ({ text: r.description, code: r.isco_code, occupation: r.occupation })),
  ];
}

/** Indonesian title words with their English reading (data/reference/title_words.csv). */
export function loadTitleWords(dir: string = REFERENCE_DIR): Map<string, string> {
  const file = path.join(dir, 'title_words.csv');
  if (!fs.existsSync(file)) return new Map();
  return new Map(readCsvRows(file).map((r) => [normalizeText(r.word), normalizeText(r.english)]));
}
