// Finds skills of the taxonomy in text: in a skills column (a list of items) and in
// free-text descriptions, in Indonesian and English. Matching is on whole words after
// normalisation (case, accents, punctuation), longest phrase first, so "Java" is not
// "JavaScript", "perawat lansia" is not also "perawat", and "C" is not every letter c.
// Ambiguous names (data/reference/list_only_aliases.csv, and any single character)
// count only when they are a whole item of a skills list. Context phrases
// (data/reference/skill_context_phrases.csv) are matched like skills, longest first, and
// mean none: a `stop` phrase hides the aliases inside it ("perangkat keras" is hardware,
// not Keras; "Tanggung Jawab:" is a heading), a `field` phrase ("jurusan", "lulusan",
// "degree in") makes the rest of its line a field of study, not skills. Words that name a
// personal quality only as an item of a list of qualities (data/reference/trait_aliases.csv:
// "patient", "friendly", "mandiri") count only between list separators or conjunctions:
// "Patient, gentle and honest" asks for patience, "patient records" does not.
import path from 'node:path';
import fs from 'node:fs';
import { readCsvRows, REFERENCE_DIR, type Skill } from './reference.ts';
import { normalizePunctuatedNames, normalizeText } from './text.ts';

interface TrieNode { next: Map<string, TrieNode>; skill: string | null }

/** Separators between list items; free text is also cut at sentence punctuation. */
const LIST_SEPARATORS = /[;,|\n\r•·]+/;

export interface SkillMatcher {
  /** Skill ids of a skills-column value: items separated by ; , | or new lines (or a Python-style list). */
  matchList(value: string): string[];
  /** Skill ids named in free text. */
  extract(text: string): string[];
  /** Every normalised name that means a skill as a whole list item (for matching lists in SQL). */
  wholeItems(): [string, string][];
  /** What it was built from (createSkillMatcher's arguments, structured-cloneable): another thread builds the same matcher from it. */
  readonly recipe: SkillMatcherRecipe;
}

export type SkillMatcherRecipe = [skills: Skill[], listOnly: Map<string, string>, context: ContextPhrase[], traits: Map<string, string>];

export function createSkillMatcher(skills: Skill[], listOnly: Map<string, string> = loadListOnlyAliases(), context: ContextPhrase[] = loadContextPhrases(), traits: Map<string, string> = loadTraitAliases()): SkillMatcher {
  const root: TrieNode = { next: new Map(), skill: null };
  for (const c of context) insertContext(root, tokenize(c.phrase), c.kind === 'stop' ? STOP : FIELD);
  for (const [alias, skill] of traits) insert(root, alias.split(' '), `${TRAIT}${skill}`);
  const wholeItem = new Map<string, string>();
  const add = (name: string, skill: string) => {
    const key = normalizeText(name);
    if (key === '' || wholeItem.has(key)) return;
    wholeItem.set(key, skill);
    if (key.length > 1 && !listOnly.has(key)) insert(root, key.split(' '), skill);
  };
  for (const skill of skills) for (const name of [skill.labelId, skill.labelEn, ...skill.aliases]) add(name, skill.id);
  // Later passes, so a label's short form or an id never takes a name another skill owns.
  for (const skill of skills) for (const name of withoutQualifier(skill)) add(name, skill.id);
  for (const skill of skills) if (!wholeItem.has(normalizeText(skill.id))) wholeItem.set(normalizeText(skill.id), skill.id);
  for (const [alias, skill] of listOnly) if (!wholeItem.has(alias)) wholeItem.set(alias, skill);
  for (const [alias, skill] of traits) if (!wholeItem.has(alias)) wholeItem.set(alias, skill);

  const scan = (segment: string, found: string[]) => {
    const tokens = normalizeText(segment).split(' ');
    for (let i = 0; i < tokens.length; ) {
      let node = root.next.get(tokens[i]);
      let matched: string | null = null;
      let length = 0;
      for (let j = i; node; ) {
        if (node.skill) { matched = node.skill; length = j - i + 1; }
        j++;
        if (j >= tokens.length) break;
        node = node.next.get(tokens[j]);
      }
      if (matched) {
        if (matched !== STOP && matched !== FIELD && !matched.startsWith(TRAIT) && !found.includes(matched)) found.push(matched);
        i += length;
      } else {
        i++;
      }
    }
  };

  // A personal quality after a field of study ("Degree in economics, analytical and honest") is asked for again.
  const qualities = new Set(skills.filter((s) => s.transversal && !FIELD_NAMES.has(s.id)).map((s) => s.id));
  for (const skill of traits.values()) qualities.add(`${TRAIT}${skill}`);
  const startsQuality = (tokens: string[], at: number) => {
    let node = root.next.get(tokens[at]);
    let matched: string | null = null;
    for (let j = at; node; ) {
      if (node.skill) matched = node.skill;
      if (++j >= tokens.length) break;
      node = node.next.get(tokens[j]);
    }
    return matched !== null && qualities.has(matched);
  };

  // Free text is tokenised once: words, and the punctuation that ends a phrase.
  const extract = (text: string) => {
    const found: string[] = [];
    const tokens = tokenize(text);
    // The employer's self-description before "… mencari / is looking for …" is not a requirement.
    const hiring = tokens.slice(0, INTRO_TOKENS).findIndex((t) => HIRING_VERBS.has(t));
    for (let i = Math.max(0, hiring); i < tokens.length; ) {
      let node = root.next.get(tokens[i]);
      let matched: string | null = null;
      let length = 0;
      for (let j = i; node; ) {
        if (node.skill) { matched = node.skill; length = j - i + 1; }
        if (++j >= tokens.length) break;
        node = node.next.get(tokens[j]);
      }
      if (matched === FIELD) i = endOfFieldOfStudy(tokens, i + length, startsQuality);
      else if (matched === STOP) i += length;
      else if (matched?.startsWith(TRAIT)) {
        const skill = matched.slice(TRAIT.length);
        if (isListItem(tokens, i, i + length) && !found.includes(skill)) found.push(skill);
        i += length;
      }
      else if (matched) {
        // "perusahaan logistik", "tim gudang": the phrase names a business or a department, not a skill.
        // "logistics company", "sales and supply chain teams": in English the next word says so.
        if (!found.includes(matched) && !(i > 0 && NOT_A_SKILL_AFTER.has(tokens[i - 1])) && !NOT_A_SKILL_BEFORE.has(tokens[i + length] ?? '')) found.push(matched);
        i += length;
      } else i++;
    }
    for (const g of GAPPED_PHRASES) if (!found.includes(g.skill) && hasGappedPhrase(tokens, g)) found.push(g.skill);
    return withoutGenericParents(found);
  };

  return {
    recipe: [skills, listOnly, context, traits],
    matchList(value) {
      const found: string[] = [];
      for (const item of unwrapPythonList(value).split(LIST_SEPARATORS)) {
        const whole = wholeItem.get(normalizeText(item));
        if (whole) { if (!found.includes(whole)) found.push(whole); continue; }
        scan(item, found);
      }
      return found;
    },
    extract,
    wholeItems: () => [...wholeItem.entries()],
  };
}

/**
 * Specific over generic: "las SMAW" names SMAW welding, not welding as well. A skill whose
 * id is the prefix of another found skill's id (welding / welding-smaw) is dropped.
 */
function withoutGenericParents(found: string[]): string[] {
  if (found.length < 2) return found;
  return found.filter((id) => !found.some((other) => other !== id && other.startsWith(`${id}-`)));
}

const INTRO_TOKENS = 30;
const HIRING_VERBS = new Set(['mencari', 'membutuhkan', 'membuka', 'butuh', 'menerima', 'merekrut', 'dicari', 'hiring', 'seeking', 'seeks', 'needs', 'recruiting', 'looking']);

/** Words after which a skill name names a business, a sector or a department instead. */
const NOT_A_SKILL_AFTER = new Set([
  'perusahaan', 'company', 'companies', 'industri', 'industry', 'pabrik', 'factory', 'bengkel', 'workshop', 'klinik', 'clinic',
  'toko', 'shop', 'store', 'kontraktor', 'contractor', 'brand', 'startup', 'sektor', 'sector', 'konsultan', 'consultancy',
  'agency', 'agensi', 'distributor', 'firm', 'firma', 'tim', 'team', 'bagian', 'divisi', 'division', 'departemen', 'department', 'dept',
  // a field of study ("S1 Akuntansi", "SMK Tata Boga") is a qualification, not a stated skill
  'smk', 'stm', 'd1', 'd2', 'd3', 'd4', 's1', 's2', 's3', 'jurusan', 'prodi', 'lulusan',
  // "membuka rekrutmen" (opening a recruitment), "ruang ber-AC"
  'membuka', 'ber',
]);

/** English words after which a skill name names a business, a sector or a department instead. */
const NOT_A_SKILL_BEFORE = new Set([
  'company', 'companies', 'firm', 'firms', 'group', 'factory', 'factories', 'developer', 'startup', 'agency', 'industry', 'industries',
  'sector', 'app', 'apps', 'hotel', 'suites', 'restaurant', 'brand', 'tech', 'projects', 'team', 'teams', 'department', 'division', 'consultancy',
  // "palm oil mills", "logistics SaaS", "e-commerce sellers": the employer's business or its clients
  'mill', 'mills', 'saas', 'sellers',
]);

// A full stop is not a phrase end: "Ms. Office" and "Node.js" are names.
const WORD_OR_STOP = /[a-z0-9]+|[;,|\n\r•·:!?()[\]{}"]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range, control characters included, is the point
const NON_ASCII = /[^\x00-\x7f]/;
const SENTENCE_END = /([a-z]{4,})\.(?=\s|$)/g;
/** Token of a line end, of a colon (headings: "Tanggung Jawab:") and of any other phrase end. */
const LINE_END = '\n';
const COLON = ':';

/** Words of normalised text, with phrase-ending punctuation as tokens no skill name contains: "\n", ":" or "|". */
function tokenize(text: string): string[] {
  let lower = text.toLowerCase();
  if (NON_ASCII.test(lower)) lower = lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (lower.includes('+') || lower.includes('#') || lower.includes('.net')) lower = normalizePunctuatedNames(lower);
  // A full stop after a word of four letters or more, before a space or the end, ends a sentence
  // (abbreviations are shorter: "Ms. Office", "min. SMA", "Kab. Bekasi"); no phrase runs across it.
  if (lower.includes('.')) lower = lower.replace(SENTENCE_END, '$1;');
  const tokens = lower.match(WORD_OR_STOP) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.length === 1 && !/[a-z0-9]/.test(t)) tokens[i] = t === '\n' || t === '\r' ? LINE_END : t === ':' ? COLON : t === ';' ? LINE_END : '|';
  }
  return tokens;
}

/**
 * Duties named by a verb and its object with words between ("prepare monthly management
 * reports", "menyusun dan mengirim laporan"): the object follows the verb within `gap` words
 * of the same phrase (no separator between).
 */
interface GappedPhrase { verbs: ReadonlySet<string>; objects: ReadonlySet<string>; gap: number; skill: string }
const GAPPED_PHRASES: GappedPhrase[] = [
  { verbs: new Set(['prepare', 'prepares', 'preparing', 'write', 'writes', 'writing', 'compile', 'compiles', 'compiling', 'draft', 'drafts', 'drafting', 'membuat', 'menyusun', 'menulis', 'menyiapkan']), objects: new Set(['report', 'reports', 'laporan']), gap: 3, skill: 'written-communication' },
];

function hasGappedPhrase(tokens: string[], g: GappedPhrase): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (!g.verbs.has(tokens[i])) continue;
    for (let j = i + 1; j <= i + g.gap + 1 && j < tokens.length; j++) {
      const t = tokens[j];
      if (t === LINE_END || t === '|' || t === COLON) break;
      if (g.objects.has(t)) return true;
    }
  }
  return false;
}

/** Prefix of a trait alias's skill in the trie: it counts only as an item of a list of qualities. */
const TRAIT = '\u0000trait:';
/** Tokens around an item of a list of qualities: separators and conjunctions. */
const ITEM_BOUNDARIES = new Set([LINE_END, '|', COLON, 'and', 'or', 'dan', 'atau', 'serta', 'maupun']);

/** "…, patient and caring": the words from..to stand between separators or conjunctions (or the text's ends). */
function isListItem(tokens: string[], from: number, to: number): boolean {
  return (from === 0 || ITEM_BOUNDARIES.has(tokens[from - 1])) && (to >= tokens.length || ITEM_BOUNDARIES.has(tokens[to]));
}

/** Sentinels of context phrases in the trie: they match like skills and mean none. */
const STOP = '\u0000stop';
const FIELD = '\u0000field';
/** A field of study runs to the end of its line, or to a new requirement ("…, menguasai Excel"), at most this many words. */
const FIELD_MAX_WORDS = 12;
const REQUIREMENT_VERBS = new Set([
  'menguasai', 'mampu', 'memahami', 'mahir', 'bisa', 'dapat', 'memiliki', 'punya', 'paham', 'terbiasa', 'berpengalaman', 'pengalaman', 'bersedia',
  'familiar', 'proficient', 'experience', 'experienced', 'having', 'have', 'able', 'strong', 'good', 'knowledge', 'skilled', 'willing', 'with', 'plus', 'preferably',
]);

/** Transversal skills that also name fields of study ("Ilmu Komunikasi"): they do not end one. */
const FIELD_NAMES = new Set(['communication', 'written-communication', 'occupational-safety', 'numeracy', 'literacy', 'leadership']);

function endOfFieldOfStudy(tokens: string[], from: number, startsQuality: (tokens: string[], at: number) => boolean): number {
  let words = 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === LINE_END) return i;
    // "Jurusan: Akuntansi" reads past its colon; "D3 Teknik, paham ISO 9001" ends at the comma.
    if ((t === '|' || (t === COLON && words > 0)) && REQUIREMENT_VERBS.has(tokens[i + 1] ?? '')) return i + 1;
    if (t === '|' && i + 1 < tokens.length && startsQuality(tokens, i + 1)) return i + 1;
    if (t !== '|' && t !== COLON && ++words > FIELD_MAX_WORDS) return i;
  }
  return tokens.length;
}

/** `stop` hides the aliases inside it; `field` (a field of study) and `aside` (who one coordinates with, how to apply) make the rest of the line no skills. */
export interface ContextPhrase { phrase: string; kind: 'stop' | 'field' | 'aside' }

/** A context phrase takes its node even where a skill name ends there too: it is the longer reading. */
function insertContext(root: TrieNode, tokens: string[], sentinel: string): void {
  let node = root;
  for (const token of tokens) {
    let child = node.next.get(token);
    if (!child) node.next.set(token, (child = { next: new Map(), skill: null }));
    node = child;
  }
  node.skill = sentinel;
}

export function loadContextPhrases(dir: string = REFERENCE_DIR): ContextPhrase[] {
  const file = path.join(dir, 'skill_context_phrases.csv');
  if (!fs.existsSync(file)) return [];
  return readCsvRows(file).map((r, i) => {
    if (r.kind !== 'stop' && r.kind !== 'field' && r.kind !== 'aside') throw new Error(`${file}: row ${i + 2}, column kind: "${r.kind}" is not stop, field or aside`);
    return { phrase: r.phrase, kind: r.kind };
  });
}

function insert(root: TrieNode, tokens: string[], skill: string): void {
  let node = root;
  for (const token of tokens) {
    let child = node.next.get(token);
    if (!child) node.next.set(token, (child = { next: new Map(), skill: null }));
    node = child;
  }
  node.skill ??= skill;
}

/** "Java (pemrograman)" is also written "Java": the label without its bracketed qualifier. */
function withoutQualifier(skill: Skill): string[] {
  return [skill.labelId, skill.labelEn].filter((l) => /\(.+\)\s*$/.test(l)).map((l) => l.replace(/\s*\(.+\)\s*$/, ''));
}

/** "['golang', 'java']" → "golang;java" (skills columns exported from Python). */
function unwrapPythonList(value: string): string {
  const trimmed = value.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return value;
  return trimmed.slice(1, -1).split(/['"]\s*,\s*['"]/).map((s) => s.replace(/^['"]|['"]$/g, '')).join(';');
}

/** Words that name a personal quality only as an item of a list (data/reference/trait_aliases.csv). */
export function loadTraitAliases(dir: string = REFERENCE_DIR): Map<string, string> {
  const file = path.join(dir, 'trait_aliases.csv');
  if (!fs.existsSync(file)) return new Map();
  return new Map(readCsvRows(file).map((r) => [normalizeText(r.alias), r.skill_id]));
}

export function loadListOnlyAliases(dir: string = REFERENCE_DIR): Map<string, string> {
  const file = path.join(dir, 'list_only_aliases.csv');
  if (!fs.existsSync(file)) return new Map();
  return new Map(readCsvRows(file).map((r) => [normalizeText(r.alias), r.skill_id]));
}
