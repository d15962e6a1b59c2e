// The counsellor's desk: one person's skills and education against the vacancies active in
// a month, with the matching rule of DESIGN §4 exactly as the marts apply it
// (pipelines/matching/kernel.ts): transversal skills left out, coverage
// c = |K ∩ H| / |K|, education met by rank (unknown on either side counts as met), qualified
// when c ≥ θ, a near miss when one more skill would qualify. θ and `need` come from the
// warehouse's own index (match_vacancy, 50_match_index.sql), built with the marts' θ.
//
// The index is loaded into typed arrays once per data version, when the warehouse is
// published or opened, with inverted lists per month (skill → sorted positions of the
// vacancies asking for it; vid order is by place, so an area is a range of positions): a
// search merges the lists of the person's skills (ScanCount) and looks only at vacancies
// sharing a skill; the one-skill vacancies sharing none, the programmes' unlocks among
// vacancies sharing none and the occupations' most asked-for skills are counted from lists
// and tallies built with the index, by binary search. It also holds the fields shown for a
// vacancy and the dimensions the desk shows, so a search runs no query at all.
import type { DuckDBConnection, DuckDBListValue } from '@duckdb/node-api';
import { rows } from './duckdb.ts';
import { loadDimensions, type Dimensions } from './dimensions.ts';

export interface MatchIndex {
  theta: number;
  /** sx → skill id (sx from 1; 0 unused). */
  skillIds: string[];
  skillIndex: Map<string, number>;
  /** Vacancies (positions 0 … size − 1, position = vid − 1), in vid order: by province, then regency. */
  size: number;
  kStart: Int32Array;
  kset: Int16Array;
  need: Int16Array;
  kCount: Int16Array;
  erank: Uint8Array;
  openings: Int32Array;
  /** Index into provinceCodes / regencyCodes (0 = no regency) / occupationCodes / employmentTypes / sectorCodes ('' = none). */
  province: Uint8Array;
  regency: Uint16Array;
  occupation: Uint16Array;
  employmentType: Uint8Array;
  sector: Uint16Array;
  provinceCodes: string[];
  regencyCodes: string[];
  occupationCodes: string[];
  employmentTypes: string[];
  sectorCodes: string[];
  /** Per province / regency code index: its vacancies are the positions [range[2i], range[2i + 1]) (vid order is by place). */
  provinceRange: Int32Array;
  regencyRange: Int32Array;
  postedDay: Int32Array;
  /** Days since 1970-01-01; NO_EXPIRY when none. */
  expiryDay: Int32Array;
  /** salary_max, else salary_min, else −1 (the salary sort). */
  salaryMax: Float64Array;
  /** The published fields shown for a vacancy (vacancyDetails), NaN / '' for none. */
  salaryLow: Float64Array;
  salaryHigh: Float64Array;
  sources: TextColumn;
  vacancyIds: TextColumn;
  titles: TextColumn;
  /** Month number (year × 12 + month − 1) → the vacancies active in it, as sorted posting lists. */
  months: Map<number, MonthPostings>;
  /** Programmes with the index's skills they teach; per skill, the programmes teaching it. */
  programmes: { id: string; hours: number; skills: number[] }[];
  programmesOf: number[][];
  /** The dimensions the desk shows (read with the index, so a search needs no query). */
  periods: string[];
  regions: RegionRow[];
  regionNames: Map<string, string>;
  isco: IscoRow[];
  iscoTitles: Map<string, IscoRow>;
  /** What building it took (ms) and the bytes of its arrays. */
  build: { ms: number; bytes: number; postings: number };
  /**
   * Per vacancy, every programme teaching one of its skills with how many, (|P ∩ K| << 16) | p,
   * most first, as CSR: cover[coverStart[v] … coverStart[v + 1]). A search reads it only as
   * far as the vacancy's deficit: programmes teaching fewer of its skills cannot open it.
   */
  coverStart: Int32Array;
  cover: Int32Array;
  /** Programme p teaches skill sx: teaches[p × skillIds.length + sx] = 1. */
  teaches: Uint8Array;
  /** Every vacancy needing one shared skill asks for one skill only (θ > 0.5): the month's one-skill lists then answer for those sharing none. */
  oneSkillOnly: boolean;
  /** Education ranks of vacancies run 0 … ranks − 1 (the programme lists are keyed by programme × ranks + rank). */
  ranks: number;
  /** ScanCount counters, one per vacancy; zero between searches (a search is synchronous). */
  scratch: Uint8Array;
  /** The positions a search found sharing a skill (its first shared.length entries are used). */
  shared: Int32Array;
}

/**
 * Sorted posting lists (CSR): the positions of key k are pos[start[k] … start[k + 1]),
 * ascending, so an area (a range of positions) is found by binary search.
 */
export interface Postings { start: Int32Array; pos: Int32Array }

export interface MonthPostings {
  /** Every vacancy active in the month (key 0). */
  all: Postings;
  /** Vacancies needing one shared skill (need = 1: one-skill vacancies, θ > 0.5): a near miss for anyone lacking it. */
  needOne: Postings;
  /** Skill sx → vacancies asking for it. */
  skills: Postings;
  /**
   * Programme p and education rank r, key p × ranks + r → the vacancies of that rank p
   * qualifies someone for on its own (|P ∩ K| ≥ need): the vacancies p opens for a person
   * of rank s in an area are counted by binary search, ranks 0 … s, without visiting them.
   */
  programmes: Postings;
  /** Occupation index → its vacancies. */
  occupations: Postings;
  /**
   * The one-skill vacancies (need 1) by skill and education rank, key sx × ranks + r, with
   * their openings summed along pos (oneOpenings[j] = openings of pos[0 … j − 1]): the near
   * misses of someone sharing no skill with them are counted by binary search, not visited.
   */
  oneSkill: Postings;
  oneOpenings: Float64Array;
  /** The one-skill vacancies by occupation and education rank, key o × ranks + r. */
  oneOccupation: Postings;
  /** The one-skill vacancies in the order near misses of equal coverage are shown: most openings, newest, then position. */
  oneOrder: Int32Array;
  /**
   * Per occupation and province (key o × (provinces + 1) + province index, the last for the
   * whole country): the skills its vacancies ask for most, at most OCCUPATION_SKILLS, most
   * asked first (then sx), with how many of its vacancies ask: skill[start[k] … start[k + 1]).
   */
  occupationSkills: { start: Int32Array; skill: Int16Array; count: Int32Array };
}

/** How many of an occupation's most asked-for skills the desk shows. */
const OCCUPATION_SKILLS = 8;

export interface RegionRow { region_code: string; region_name: string; region_level: string; parent_code: string | null }
export interface IscoRow { code: string; title_id: string; title_en: string; level: number }

export const NO_EXPIRY = 2147483647;

/** Strings of one column, UTF-8 in one buffer (a million small JS strings would cost several times more). */
export class TextColumn {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  readonly ends: Int32Array;
  private count = 0;
  constructor(size: number) { this.ends = new Int32Array(size); }
  push(text: string): void {
    const room = this.used + text.length * 3;
    if (room > this.bytes.length) { const grown = new Uint8Array(Math.max(room, this.bytes.length * 2)); grown.set(this.bytes.subarray(0, this.used)); this.bytes = grown; }
    this.used += ENCODER.encodeInto(text, this.bytes.subarray(this.used)).written;
    this.ends[this.count++] = this.used;
  }
  get(i: number): string { return DECODER.decode(this.bytes.subarray(i === 0 ? 0 : this.ends[i - 1], this.ends[i])); }
  /** Drop the unused tail of the buffer once every string is in. */
  seal(): void { this.bytes = this.bytes.slice(0, this.used); }
  get byteLength(): number { return this.bytes.byteLength + this.ends.byteLength; }
}
const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

export interface Programme { id: string; hours: number; skills: string[] }

/**
 * Read match_vacancy and match_skill of the published warehouse into a MatchIndex, with its
 * posting lists; months, regions and ISCO groups come from the data version's dimensions
 * (the server's cache, server/warehouse.ts), read here when not given.
 */
export async function loadMatchIndex(connection: DuckDBConnection, programmes: Programme[], dims?: Dimensions): Promise<MatchIndex> {
  const started = performance.now();
  const skills = await rows<{ sx: number; skill_id: string }>(connection, 'SELECT sx, skill_id FROM match_skill ORDER BY sx');
  const [meta] = await rows<{ theta: string | null }>(connection, "SELECT max(value) FILTER (WHERE key = 'theta') AS theta FROM meta");
  const [{ n: size }] = await rows<{ n: number }>(connection, 'SELECT count(*)::INTEGER AS n FROM match_vacancy');
  const skillIds = [''];
  for (const s of skills) skillIds[s.sx] = s.skill_id;
  const skillIndex = new Map(skills.map((s) => [s.skill_id, s.sx]));
  const dictionary = () => {
    const list: string[] = [];
    const at = new Map<string, number>();
    return { list, code(value: string | null): number { const v = value ?? ''; let n = at.get(v); if (n === undefined) { n = list.length; list.push(v); at.set(v, n); } return n; } };
  };
  const provinces = dictionary();
  const regencies = dictionary();
  regencies.code('');
  const occupations = dictionary();
  const employment = dictionary();
  const sectors = dictionary();
  sectors.code('');
  const index: MatchIndex = {
    theta: Number(meta?.theta ?? NaN), skillIds, skillIndex, size,
    kStart: new Int32Array(size + 1), kset: new Int16Array(0), need: new Int16Array(size), kCount: new Int16Array(size), erank: new Uint8Array(size), openings: new Int32Array(size),
    province: new Uint8Array(size), regency: new Uint16Array(size), occupation: new Uint16Array(size), employmentType: new Uint8Array(size), sector: new Uint16Array(size),
    provinceCodes: provinces.list, regencyCodes: regencies.list, occupationCodes: occupations.list, employmentTypes: employment.list, sectorCodes: sectors.list,
    provinceRange: new Int32Array(0), regencyRange: new Int32Array(0),
    postedDay: new Int32Array(size), expiryDay: new Int32Array(size), salaryMax: new Float64Array(size), salaryLow: new Float64Array(size), salaryHigh: new Float64Array(size),
    sources: new TextColumn(size), vacancyIds: new TextColumn(size), titles: new TextColumn(size),
    months: new Map(), programmes: [], programmesOf: Array.from({ length: skillIds.length }, () => []),
    periods: [], regions: [], regionNames: new Map(), isco: [], iscoTitles: new Map(),
    build: { ms: 0, bytes: 0, postings: 0 }, coverStart: new Int32Array(0), cover: new Int32Array(0), teaches: new Uint8Array(0), oneSkillOnly: true, ranks: 1, scratch: new Uint8Array(size), shared: new Int32Array(size),
  };
  const postedM = new Int32Array(size);
  const endM = new Int32Array(size);
  let kset = new Int16Array(Math.max(16, size * 4));
  // Streamed chunk by chunk: the whole table as JS values at once would cost gigabytes at full size.
  const result = await connection.stream(`
    SELECT vid, source, vacancy_id, coalesce(job_title, '') AS job_title, province_code, regency_code, occupation_code, employment_type, sector_code,
           openings, posted_m, end_m, erank::INTEGER AS erank, need::INTEGER AS need, kset::INTEGER[] AS kset,
           (posted_date - DATE '1970-01-01')::INTEGER AS posted_day, coalesce(expiry_date - DATE '1970-01-01', ${NO_EXPIRY})::INTEGER AS expiry_day,
           salary_min::DOUBLE AS salary_min, salary_max::DOUBLE AS salary_max
    FROM match_vacancy ORDER BY vid`);
  let v = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const col = chunk.getColumns();
    for (let r = 0; r < chunk.rowCount; r++, v++) {
      if (col[0][r] !== v + 1) throw new Error(`match_vacancy: vid ${String(col[0][r])} at row ${v + 1} (vids must run 1, 2, 3, …)`);
      index.sources.push(col[1][r] as string);
      index.vacancyIds.push(col[2][r] as string);
      index.titles.push(col[3][r] as string);
      index.province[v] = provinces.code(col[4][r] as string);
      index.regency[v] = regencies.code(col[5][r] as string | null);
      index.occupation[v] = occupations.code(col[6][r] as string | null);
      index.employmentType[v] = employment.code(col[7][r] as string | null);
      index.sector[v] = sectors.code(col[8][r] as string | null);
      index.openings[v] = col[9][r] as number;
      postedM[v] = col[10][r] as number;
      endM[v] = col[11][r] as number;
      index.erank[v] = col[12][r] as number;
      index.need[v] = col[13][r] as number;
      const k = (col[14][r] as DuckDBListValue).items as number[];
      const from = index.kStart[v];
      if (from + k.length > kset.length) { const grown = new Int16Array(kset.length * 2); grown.set(kset); kset = grown; }
      for (let i = 0; i < k.length; i++) kset[from + i] = k[i];
      index.kStart[v + 1] = from + k.length;
      index.kCount[v] = k.length;
      index.postedDay[v] = col[15][r] as number;
      index.expiryDay[v] = col[16][r] as number;
      const low = col[17][r] as number | null;
      const high = col[18][r] as number | null;
      index.salaryLow[v] = low ?? NaN;
      index.salaryHigh[v] = high ?? NaN;
      index.salaryMax[v] = high ?? low ?? -1;
      if (index.need[v] < 1 || index.need[v] > k.length) throw new Error(`match_vacancy: need ${index.need[v]} of vid ${v + 1} outside 1 … |K| = ${k.length}`);
    }
  }
  if (v !== size) throw new Error(`match_vacancy: read ${v} rows of ${size}`);
  index.kset = kset.slice(0, index.kStart[size]);
  for (const t of [index.sources, index.vacancyIds, index.titles]) t.seal();
  index.provinceRange = placeRanges(index.province, provinces.list, 'province');
  index.regencyRange = placeRanges(index.regency, regencies.list, 'regency');
  for (const p of programmes) {
    const sx = [...new Set(p.skills.map((s) => skillIndex.get(s)).filter((x): x is number => x !== undefined))];
    if (sx.length === 0) continue;
    const at = index.programmes.length;
    index.programmes.push({ id: p.id, hours: p.hours, skills: sx });
    for (const x of sx) index.programmesOf[x].push(at);
  }
  await buildPostings(index, postedM, endM);
  const { periods, regions, isco } = dims ?? await loadDimensions(connection);
  index.periods = periods;
  index.regions = regions.filter((r) => r.region_level !== 'national');
  index.regionNames = new Map(index.regions.map((r) => [r.region_code, r.region_name]));
  index.isco = [...isco.values()];
  index.iscoTitles = new Map(index.isco.map((r) => [r.code, r]));
  index.build = { ms: performance.now() - started, bytes: indexBytes(index), postings: index.build.postings };
  return index;
}

/** The [from, to) positions of each place; vid order (50_match_index.sql) keeps a place's vacancies together. */
function placeRanges(codes: Uint8Array | Uint16Array, list: string[], what: string): Int32Array {
  const range = new Int32Array(list.length * 2).fill(-1);
  for (let v = 0; v < codes.length; v++) {
    const c = codes[v];
    if (range[2 * c] < 0) range[2 * c] = v;
    else if (range[2 * c + 1] !== v && list[c] !== '') throw new Error(`match_vacancy: the vacancies of ${what} ${list[c]} are not together in vid order`);
    range[2 * c + 1] = v + 1;
  }
  return range;
}

/**
 * The posting lists of every month, built in two passes per kind (count, then fill) so each
 * is one typed array. Positions are visited in order, so every list comes out sorted.
 */
async function buildPostings(index: MatchIndex, postedM: Int32Array, endM: Int32Array): Promise<void> {
  let first = Infinity;
  let last = -Infinity;
  for (let v = 0; v < index.size; v++) { if (postedM[v] < first) first = postedM[v]; if (endM[v] > last) last = endM[v]; }
  const months = index.size === 0 ? 0 : last - first + 1;
  const span = { first, months, postedM, endM };
  const { size, kStart, kset, need, erank, programmesOf } = index;
  if (index.programmes.length > 0xffff) throw new Error(`the desk's index holds at most 65,535 programmes (${index.programmes.length} in the catalogue)`);
  const skillCount = index.skillIds.length;
  index.teaches = new Uint8Array(index.programmes.length * skillCount);
  index.programmes.forEach((p, i) => { for (const x of p.skills) index.teaches[i * skillCount + x] = 1; });
  // Per vacancy, the programmes teaching its skills with how many, most first (see MatchIndex.cover).
  const coverStart = new Int32Array(size + 1);
  let cover = new Int32Array(Math.max(1024, kset.length * 2));
  const hits = new Int32Array(index.programmes.length);
  const touched: number[] = [];
  let ranks = 1;
  let opensCount = 0;
  for (let v = 0; v < size; v++) {
    let at = coverStart[v];
    if (erank[v] >= ranks) ranks = erank[v] + 1;
    if (need[v] === 1 && kStart[v + 1] - kStart[v] !== 1) index.oneSkillOnly = false;
    for (let i = kStart[v]; i < kStart[v + 1]; i++) for (const p of programmesOf[kset[i]]) if (hits[p]++ === 0) touched.push(p);
    if (at + touched.length > cover.length) { const grown = new Int32Array(Math.max(cover.length * 2, at + touched.length)); grown.set(cover); cover = grown; }
    for (const p of touched) {
      // insertion into the (short) sorted run: largest first
      const entry = (hits[p] << 16) | p;
      let i = at++;
      while (i > coverStart[v] && cover[i - 1] < entry) { cover[i] = cover[i - 1]; i--; }
      cover[i] = entry;
      if (hits[p] >= need[v]) opensCount++;
      hits[p] = 0;
    }
    touched.length = 0;
    coverStart[v + 1] = at;
  }
  index.coverStart = coverStart;
  index.cover = cover.slice(0, coverStart[size]);
  index.ranks = ranks;
  // The programmes opening each vacancy on their own (|P ∩ K| ≥ need: the head of its cover
  // list), keyed by programme and the vacancy's education rank (see MonthPostings.programmes).
  const opensStart = new Int32Array(size + 1);
  const opensByRank = new Int32Array(opensCount);
  for (let v = 0, at = 0; v < size; v++) {
    for (let i = coverStart[v]; i < coverStart[v + 1] && index.cover[i] >>> 16 >= need[v]; i++) opensByRank[at++] = (index.cover[i] & 0xffff) * ranks + erank[v];
    opensStart[v + 1] = at;
  }
  const none = new Int32Array(size);
  const needOne = Int32Array.from(need, (n) => (n === 1 ? 0 : -1));
  const oneSkill = Int32Array.from(need, (n, v) => (n === 1 ? kset[kStart[v]] * ranks + erank[v] : -1));
  const oneOccupation = Int32Array.from(need, (n, v) => (n === 1 ? index.occupation[v] * ranks + erank[v] : -1));
  // One kind at a time, letting requests in between (the build runs beside a serving server).
  const next = async <T>(make: () => T) => { await new Promise((resolve) => setImmediate(resolve)); return make(); };
  const built = {
    all: await next(() => monthPostings(size, span, 1, null, none)),
    needOne: await next(() => monthPostings(size, span, 1, null, needOne)),
    occupations: await next(() => monthPostings(size, span, index.occupationCodes.length, null, index.occupation)),
    skills: await next(() => monthPostings(size, span, skillCount, kStart, kset)),
    programmes: await next(() => monthPostings(size, span, index.programmes.length * ranks, opensStart, opensByRank)),
    oneSkill: await next(() => monthPostings(size, span, skillCount * ranks, null, oneSkill)),
    oneOccupation: await next(() => monthPostings(size, span, index.occupationCodes.length * ranks, null, oneOccupation)),
  };
  const { openings, postedDay } = index;
  let total = 0;
  for (let m = 0; m < months; m++) {
    if (built.all[m].pos.length === 0) continue;
    const one = built.oneSkill[m];
    const oneOpenings = new Float64Array(one.pos.length + 1);
    for (let j = 0; j < one.pos.length; j++) oneOpenings[j + 1] = oneOpenings[j] + openings[one.pos[j]];
    const oneOrder = built.needOne[m].pos.slice().sort((a, b) => openings[b] - openings[a] || postedDay[b] - postedDay[a] || a - b);
    const month: MonthPostings = {
      all: built.all[m], needOne: built.needOne[m], skills: built.skills[m], programmes: built.programmes[m], occupations: built.occupations[m],
      oneSkill: one, oneOpenings, oneOccupation: built.oneOccupation[m], oneOrder,
      occupationSkills: await next(() => occupationSkills(index, built.occupations[m])),
    };
    for (const p of [month.all, month.needOne, month.skills, month.programmes, month.occupations, month.oneSkill, month.oneOccupation]) total += p.pos.length;
    index.months.set(first + m, month);
  }
  index.build.postings = total;
}

/**
 * The most asked-for skills of each occupation's vacancies in a month, per province and for
 * the whole country (MonthPostings.occupationSkills). An occupation's positions are sorted and
 * vid order is by province, so its vacancies in a province are one run of its list.
 */
function occupationSkills(index: MatchIndex, occupations: Postings): MonthPostings['occupationSkills'] {
  const groups = index.provinceCodes.length + 1;
  const keys = index.occupationCodes.length * groups;
  const start = new Int32Array(keys + 1);
  const skill: number[] = [];
  const count: number[] = [];
  const asked = new Int32Array(index.skillIds.length);
  const national = new Int32Array(index.skillIds.length);
  const seen: number[] = [];
  const seenNational: number[] = [];
  const { kStart, kset, province } = index;
  const emit = (tally: Int32Array, list: number[]) => {
    const top = list.sort((a, b) => tally[b] - tally[a] || a - b).slice(0, OCCUPATION_SKILLS);
    for (const x of top) { skill.push(x); count.push(tally[x]); }
    for (const x of list) tally[x] = 0;
    list.length = 0;
  };
  for (let o = 0; o < index.occupationCodes.length; o++) {
    let key = o * groups;
    const { pos } = occupations;
    for (let j = occupations.start[o]; j < occupations.start[o + 1];) {
      const g = province[pos[j]];
      for (; key < o * groups + g; key++) start[key + 1] = skill.length;
      for (; j < occupations.start[o + 1] && province[pos[j]] === g; j++) {
        const v = pos[j];
        for (let i = kStart[v]; i < kStart[v + 1]; i++) {
          const x = kset[i];
          if (asked[x]++ === 0) seen.push(x);
          if (national[x]++ === 0) seenNational.push(x);
        }
      }
      emit(asked, seen);
      start[++key] = skill.length;
    }
    for (; key < o * groups + groups - 1; key++) start[key + 1] = skill.length;
    emit(national, seenNational);
    start[++key] = skill.length;
  }
  return { start, skill: Int16Array.from(skill), count: Int32Array.from(count) };
}

/**
 * Per month, the CSR of `keyCount` keys over the vacancies active in it. A vacancy's keys:
 * keys[keyStart[v] … keyStart[v + 1]) with keyStart, else the one key keys[v] (−1: none).
 * Two passes, counting then filling; positions come in order, so each list is sorted.
 */
function monthPostings(size: number, span: { first: number; months: number; postedM: Int32Array; endM: Int32Array }, keyCount: number, keyStart: Int32Array | null, keys: ArrayLike<number>): Postings[] {
  const { first, months, postedM, endM } = span;
  const counts = new Int32Array(months * keyCount);
  for (let v = 0; v < size; v++) {
    const from = keyStart ? keyStart[v] : v;
    const to = keyStart ? keyStart[v + 1] : v + 1;
    for (let i = from; i < to; i++) {
      const k = keys[i];
      if (k < 0) continue;
      for (let m = postedM[v] - first; m <= endM[v] - first; m++) counts[m * keyCount + k]++;
    }
  }
  const lists: Postings[] = [];
  for (let m = 0; m < months; m++) {
    const start = new Int32Array(keyCount + 1);
    for (let k = 0; k < keyCount; k++) { start[k + 1] = start[k] + counts[m * keyCount + k]; counts[m * keyCount + k] = start[k]; }
    lists.push({ start, pos: new Int32Array(start[keyCount]) });
  }
  for (let v = 0; v < size; v++) {
    const from = keyStart ? keyStart[v] : v;
    const to = keyStart ? keyStart[v + 1] : v + 1;
    for (let i = from; i < to; i++) {
      const k = keys[i];
      if (k < 0) continue;
      for (let m = postedM[v] - first; m <= endM[v] - first; m++) lists[m].pos[counts[m * keyCount + k]++] = v;
    }
  }
  return lists;
}

function indexBytes(index: MatchIndex): number {
  let bytes = 0;
  for (const value of Object.values(index)) if (ArrayBuffer.isView(value) || value instanceof TextColumn) bytes += value.byteLength;
  const arrays = (value: object): number => (ArrayBuffer.isView(value) ? value.byteLength : Object.values(value).reduce((sum: number, part: object) => sum + arrays(part), 0));
  for (const month of index.months.values()) bytes += arrays(month);
  return bytes;
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
  /** How many vacancies qualify and how many are near misses (the lists below can be a window of them). */
  qualifiedTotal: number;
  nearTotal: number;
  /** In the order asked; only options.qualifiedWindow of them when given. */
  qualified: VacancyMatch[];
  /** Best coverage first; only the first options.nearLimit when given. */
  nearMisses: VacancyMatch[];
  unlockingSkills: SkillUnlock[];
  programmes: ProgrammeUnlock[];
  occupations: OccupationFit[];
}

export interface MatchOptions {
  sort?: SortKey; topSkills?: number; topProgrammes?: number; topOccupations?: number;
  /** The missing skills are filled for the first `nearDetail` near misses returned (1000). */
  nearDetail?: number;
  /** Return only the qualified vacancies at positions offset … offset + limit − 1 of the order (the page shown); all by default. */
  qualifiedWindow?: { offset: number; limit: number };
  /** Return only the first `nearLimit` near misses; all by default. */
  nearLimit?: number;
}

export type SortKey = 'coverage' | 'posted' | 'expiry' | 'openings' | 'salary';
export const SORT_KEYS: SortKey[] = ['coverage', 'posted', 'expiry', 'openings', 'salary'];

const UNKNOWN_SEEKER_RANK = 99;

/**
 * The positions of the vacancies a search looks at: [from, to) and the filters beyond place;
 * place: the occupationSkills group when the area is a whole province or the country (−1: a regency).
 */
interface Scope { from: number; to: number; pass: (v: number) => boolean; filtered: boolean; place: number }

/**
 * Match one profile against the index: every qualified and near-miss vacancy counted, the
 * ones asked for returned in order, and what would open more.
 *
 * ScanCount over the month's posting lists of the person's skills, cut to the area's range of
 * positions, gives m = |K ∩ H| for every vacancy sharing a skill (the only ones that can
 * qualify, need ≥ 1). A vacancy sharing none is a near miss only when need = 1 (a one-skill
 * vacancy, θ > 0.5): without occupation or employment filter those are counted by binary
 * search in the month's one-skill lists by skill and education rank (the skills they unlock,
 * their openings, their occupations), and only the few shown are visited, in their stored
 * order; with a filter they are visited from the need-one list. A programme opens a vacancy
 * when its skills cover the deficit, |P ∩ (K \ H)| ≥ need − m: for those sharing a skill, the
 * vacancy's cover list (programmes by |P ∩ K|, most first) is read only while |P ∩ K| reaches
 * the deficit, and |P ∩ (K \ H)| = |P ∩ K| unless P teaches a skill the person holds; for
 * those sharing none it opens exactly the ones it opens on its own (|P ∩ K| ≥ need), counted
 * by binary search in the month's lists by programme and education rank, less the eligible
 * vacancies sharing a skill that are in them. Nothing scans the month's vacancies, and only
 * the vacancies returned are sorted (a partial selection in the same total order as a full
 * sort, so a window is exactly that slice of the full answer).
 */
export function matchProfile(index: MatchIndex, profile: MatchProfile, options: MatchOptions = {}): MatchResult {
  const skillCount = index.skillIds.length;
  const held = new Uint8Array(skillCount);
  const heldList: number[] = [];
  for (const id of profile.skills) { const x = index.skillIndex.get(id); if (x !== undefined && !held[x]) { held[x] = 1; heldList.push(x); } }
  const srank = profile.educationRank ?? UNKNOWN_SEEKER_RANK;
  const month = index.months.get(monthNumber(profile.period));
  const scope = scopeOf(index, profile);
  if (!month || scope.from >= scope.to) return { active: 0, qualifiedTotal: 0, nearTotal: 0, qualified: [], nearMisses: [], unlockingSkills: [], programmes: [], occupations: [] };
  const { from: lo, to: hi, pass, filtered } = scope;
  const { kStart, kset, need, erank, openings, occupation, coverStart, cover, teaches, ranks } = index;
  const unlockVacancies = new Int32Array(skillCount);
  const unlockOpenings = new Float64Array(skillCount);
  const programmeUnlocks = new Int32Array(index.programmes.length);
  /** Programmes teaching a skill the person holds: for them |P ∩ (K \ H)| is counted, not read. */
  const teachesHeld = new Uint8Array(index.programmes.length);
  const heldSkills = new Int32Array(heldList.length);
  for (const x of heldList) for (const p of index.programmesOf[x]) teachesHeld[p] = 1;
  const occupationQualified = new Int32Array(index.occupationCodes.length);
  const occupationNear = new Int32Array(index.occupationCodes.length);
  /** Eligible one-skill vacancies sharing their skill (so qualified), per occupation. */
  const occupationOneShared = new Int32Array(index.occupationCodes.length);
  /** Positions of the qualified and near-miss vacancies (the latter sharing a skill, or all with a filter), unordered. */
  const qualified: number[] = [];
  const near: number[] = [];
  /** Without a filter, the one-skill near misses sharing no skill are counted, not listed. */
  const counted = !filtered && index.oneSkillOnly;
  let nearCounted = 0;
  const count = index.scratch;
  const shared = index.shared;
  let sharing = 0;
  try {
    const { start, pos } = month.skills;
    for (const x of heldList) {
      for (let j = lowerBound(pos, start[x], start[x + 1], lo), end = lowerBound(pos, j, start[x + 1], hi); j < end; j++) {
        if (count[pos[j]]++ === 0) shared[sharing++] = pos[j];
      }
    }
    for (let s = 0; s < sharing; s++) {
      const v = shared[s];
      if (erank[v] > srank || (filtered && !pass(v))) continue;   // education not met: neither qualified nor a near miss
      const m = count[v];
      const n = need[v];
      const deficit = n - m;
      const first = coverStart[v];
      const last = coverStart[v + 1];
      if (deficit <= 0) {
        qualified.push(v);
        occupationQualified[occupation[v]]++;
        if (n === 1) occupationOneShared[occupation[v]]++;
        // Counted below among the vacancies those programmes open on their own; already qualified.
        for (let i = first; i < last && cover[i] >>> 16 >= n; i++) programmeUnlocks[cover[i] & 0xffff]--;
        continue;
      }
      let heldHere = -1;   // K ∩ H in heldSkills[0 … heldHere − 1], once a programme needs it
      if (deficit === 1) {
        near.push(v);
        occupationNear[occupation[v]]++;
        for (let i = kStart[v]; i < kStart[v + 1]; i++) { const x = kset[i]; if (!held[x]) { unlockVacancies[x]++; unlockOpenings[x] += openings[v]; } }
      }
      for (let i = first; i < last; i++) {
        const c = cover[i] >>> 16;
        if (c < deficit) break;   // nor any programme after it
        const p = cover[i] & 0xffff;
        if (c >= n) programmeUnlocks[p]--;   // counted below among those it opens on its own: counted here instead
        let taught = c;   // |P ∩ (K \ H)| = |P ∩ K| − |P ∩ K ∩ H|
        if (teachesHeld[p]) {
          if (heldHere < 0) { heldHere = 0; for (let k = kStart[v]; k < kStart[v + 1]; k++) if (held[kset[k]]) heldSkills[heldHere++] = kset[k]; }
          for (let h = 0; h < heldHere; h++) taught -= teaches[p * skillCount + heldSkills[h]];
        }
        if (taught >= deficit) programmeUnlocks[p]++;
      }
    }
    const top = Math.min(srank, ranks - 1);
    if (counted) {
      // Sharing no skill, one skill needed: a near miss, unlocked by its one skill (not held).
      const { start, pos } = month.oneSkill;
      const summed = month.oneOpenings;
      for (let x = 1; x < skillCount; x++) {
        if (held[x] || start[x * ranks] === start[(x + 1) * ranks]) continue;
        for (let r = 0; r <= top; r++) {
          const key = x * ranks + r;
          const j = lowerBound(pos, start[key], start[key + 1], lo);
          const end = lowerBound(pos, j, start[key + 1], hi);
          if (end === j) continue;
          unlockVacancies[x] += end - j;
          unlockOpenings[x] += summed[end] - summed[j];
          nearCounted += end - j;
        }
      }
      const byOccupation = month.oneOccupation;
      for (let o = 0; o < index.occupationCodes.length; o++) {
        let eligible = 0;
        for (let r = 0; r <= top; r++) {
          const key = o * ranks + r;
          const j = lowerBound(byOccupation.pos, byOccupation.start[key], byOccupation.start[key + 1], lo);
          eligible += lowerBound(byOccupation.pos, j, byOccupation.start[key + 1], hi) - j;
        }
        occupationNear[o] += eligible - occupationOneShared[o];
      }
    } else {
      // Sharing no skill: a near miss when one skill is needed.
      const { start, pos } = month.needOne;
      for (let j = lowerBound(pos, start[0], start[1], lo), end = lowerBound(pos, j, start[1], hi); j < end; j++) {
        const v = pos[j];
        if (count[v] !== 0 || erank[v] > srank || (filtered && !pass(v))) continue;
        near.push(v);
        occupationNear[occupation[v]]++;
        for (let i = kStart[v]; i < kStart[v + 1]; i++) { const x = kset[i]; unlockVacancies[x]++; unlockOpenings[x] += openings[v]; }
      }
    }
    // Every vacancy of the area a programme opens on its own, education met (those sharing a skill were taken off above).
    {
      const { start, pos } = month.programmes;
      for (let p = 0; p < index.programmes.length; p++) {
        for (let r = 0; r <= top; r++) {
          const key = p * ranks + r;
          let j = lowerBound(pos, start[key], start[key + 1], lo);
          const end = lowerBound(pos, j, start[key + 1], hi);
          if (!filtered) programmeUnlocks[p] += end - j;
          else for (; j < end; j++) if (pass(pos[j])) programmeUnlocks[p]++;
        }
      }
    }
    let active = 0;
    if (filtered) { const { start, pos } = month.all; for (let j = lowerBound(pos, 0, start[1], lo), end = lowerBound(pos, j, start[1], hi); j < end; j++) if (pass(pos[j])) active++; }
    else active = lowerBound(month.all.pos, 0, month.all.pos.length, hi) - lowerBound(month.all.pos, 0, month.all.pos.length, lo);
    const window = options.qualifiedWindow ?? { offset: 0, limit: qualified.length };
    const shownQualified = firstInOrder(qualified, window.offset + window.limit, order(index, count, options.sort ?? 'coverage')).slice(window.offset);
    const nearTotal = near.length + nearCounted;
    const nearLimit = Math.min(options.nearLimit ?? nearTotal, nearTotal);
    const shownNear = firstInOrder(near, Math.min(nearLimit, near.length), order(index, count, 'coverage'));
    // The counted ones share nothing (coverage 0): after every listed near miss, in their stored order.
    for (let j = 0, list = month.oneOrder; counted && shownNear.length < nearLimit && j < list.length; j++) {
      const v = list[j];
      if (v >= lo && v < hi && erank[v] <= srank && count[v] === 0) shownNear.push(v);
    }
    const nearDetail = options.nearDetail ?? 1000;
    return {
      active, qualifiedTotal: qualified.length, nearTotal,
      qualified: shownQualified.map((v) => vacancyMatch(index, v, count[v])),
      // The missing skills of the near misses that can be shown (an answer shows at most 1000).
      nearMisses: shownNear.map((v, i) => ({ ...vacancyMatch(index, v, count[v]), missing: i < nearDetail ? missingSkills(index, v, held) : [] })),
      unlockingSkills: topSkills(index, unlockVacancies, unlockOpenings, options.topSkills ?? 10),
      programmes: topProgrammes(index, programmeUnlocks, options.topProgrammes ?? 10),
      occupations: occupationFits(index, month, scope, occupationQualified, occupationNear, held, options.topOccupations ?? 5),
    };
  } finally {
    for (let s = 0; s < sharing; s++) count[shared[s]] = 0;
  }
}

/** The first j in [from, to) with pos[j] ≥ value (pos ascending there). */
function lowerBound(pos: Int32Array, from: number, to: number, value: number): number {
  while (from < to) { const mid = (from + to) >>> 1; if (pos[mid] < value) from = mid + 1; else to = mid; }
  return from;
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

function scopeOf(index: MatchIndex, profile: MatchProfile): Scope {
  const province = profile.province === null ? -1 : index.provinceCodes.indexOf(profile.province);
  const regency = profile.regency === null ? -1 : index.regencyCodes.indexOf(profile.regency);
  const occupations = profile.occupation ? new Uint8Array(index.occupationCodes.map((c) => (c.startsWith(profile.occupation!) ? 1 : 0))) : null;
  const employment = profile.employmentType ? index.employmentTypes.indexOf(profile.employmentType) : -1;
  const none = (profile.province !== null && province < 0) || (profile.regency !== null && (regency <= 0 || profile.regency === '')) || (!!profile.employmentType && employment < 0);
  if (none) return { from: 0, to: 0, pass: () => false, filtered: true, place: -1 };
  let from = 0;
  let to = index.size;
  if (province >= 0) { from = index.provinceRange[2 * province]; to = index.provinceRange[2 * province + 1]; }
  if (regency > 0) { from = Math.max(from, index.regencyRange[2 * regency]); to = Math.min(to, index.regencyRange[2 * regency + 1]); }
  const filtered = occupations !== null || employment >= 0;
  return {
    from, to, filtered, place: regency > 0 ? -1 : province >= 0 ? province : index.provinceCodes.length,
    pass: filtered
      ? (v) => (occupations === null || occupations[index.occupation[v]] === 1) && (employment < 0 || index.employmentType[v] === employment)
      : () => true,
  };
}

/**
 * The order of vacancies (positions; `shared` holds |K ∩ H|): coverage first (then openings,
 * newest); or newest, soonest closing, most openings, best paid. Total: ties end with the vid.
 */
function order(index: MatchIndex, shared: Uint8Array, key: SortKey): (a: number, b: number) => number {
  const { postedDay, openings, expiryDay, salaryMax, kCount } = index;
  const tie = (a: number, b: number) => postedDay[b] - postedDay[a] || a - b;
  switch (key) {
    case 'coverage': return (a, b) => shared[b] / kCount[b] - shared[a] / kCount[a] || openings[b] - openings[a] || tie(a, b);
    case 'posted': return tie;
    case 'expiry': return (a, b) => expiryDay[a] - expiryDay[b] || tie(a, b);
    case 'openings': return (a, b) => openings[b] - openings[a] || tie(a, b);
    case 'salary': return (a, b) => salaryMax[b] - salaryMax[a] || tie(a, b);
  }
}

/**
 * The first k of `list` in the (total) order `compare`, sorted: what sorting it all and
 * taking k gives, with a bounded heap (the worst kept on top) instead of a full sort.
 */
export function firstInOrder(list: number[], k: number, compare: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  if (k >= list.length / 2) return list.sort(compare).slice(0, k);
  const heap = list.slice(0, k);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < k && compare(heap[l], heap[worst]) > 0) worst = l;
      if (r < k && compare(heap[r], heap[worst]) > 0) worst = r;
      if (worst === i) return;
      const t = heap[i]; heap[i] = heap[worst]; heap[worst] = t;
      i = worst;
    }
  };
  for (let i = (k >> 1) - 1; i >= 0; i--) down(i);
  for (let j = k; j < list.length; j++) if (compare(list[j], heap[0]) < 0) { heap[0] = list[j]; down(0); }
  return heap.sort(compare);
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
function occupationFits(index: MatchIndex, month: MonthPostings, scope: Scope, qualified: Int32Array, nearMisses: Int32Array, held: Uint8Array, n: number): OccupationFit[] {
  const codes = index.occupationCodes;
  const tally: number[] = [];
  for (let o = 0; o < codes.length; o++) if ((qualified[o] > 0 || nearMisses[o] > 0) && codes[o] !== '') tally.push(o);
  const top = tally.sort((a, b) => qualified[b] - qualified[a] || nearMisses[b] - nearMisses[a] || codes[a].localeCompare(codes[b])).slice(0, n);
  const asked = new Int32Array(index.skillIds.length);
  const { kStart, kset } = index;
  const { start, pos } = month.occupations;
  return top.map((o) => {
    if (!scope.filtered && scope.place >= 0) {
      // A whole province or the country: read from the month's occupationSkills.
      const vacancies = lowerBound(pos, start[o], start[o + 1], scope.to) - lowerBound(pos, start[o], start[o + 1], scope.from);
      const stored = month.occupationSkills;
      const key = o * (index.provinceCodes.length + 1) + scope.place;
      const skills: OccupationFit['skills'] = [];
      for (let i = stored.start[key]; i < stored.start[key + 1]; i++) skills.push({ skillId: index.skillIds[stored.skill[i]], share: stored.count[i] / vacancies, held: held[stored.skill[i]] === 1 });
      return { code: codes[o], qualified: qualified[o], nearMiss: nearMisses[o], vacancies, skills };
    }
    let vacancies = 0;
    const seen: number[] = [];
    for (let j = lowerBound(pos, start[o], start[o + 1], scope.from), end = lowerBound(pos, j, start[o + 1], scope.to); j < end; j++) {
      const v = pos[j];
      if (scope.filtered && !scope.pass(v)) continue;
      vacancies++;
      for (let i = kStart[v]; i < kStart[v + 1]; i++) if (asked[kset[i]]++ === 0) seen.push(kset[i]);
    }
    const skills = seen.map((x) => [x, asked[x]]).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, OCCUPATION_SKILLS)
      .map(([x, k]) => ({ skillId: index.skillIds[x], share: k / vacancies, held: held[x] === 1 }));
    for (const x of seen) asked[x] = 0;
    return { code: codes[o], qualified: qualified[o], nearMiss: nearMisses[o], vacancies, skills };
  });
}

export interface VacancyDetail {
  vid: number; source: string; vacancy_id: string; job_title: string; occupation_code: string | null; occupation_title_id: string | null; occupation_title_en: string | null;
  sector_code: string | null; province_code: string; regency_code: string | null; regency_name: string | null; openings: number; employment_type: string | null;
  salary_min: number | null; salary_max: number | null; posted_date: string; expiry_date: string | null;
}

/** The published fields of the vacancies shown (a page of them), in the order given: from the index, no query. */
export function vacancyDetails(index: MatchIndex, vids: number[]): VacancyDetail[] {
  const nullable = (s: string) => (s === '' ? null : s);
  const date = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
  return vids.filter((vid) => vid >= 1 && vid <= index.size).map((vid) => {
    const v = vid - 1;
    const occupation = nullable(index.occupationCodes[index.occupation[v]]);
    const regency = nullable(index.regencyCodes[index.regency[v]]);
    const title = occupation === null ? undefined : index.iscoTitles.get(occupation);
    return {
      vid, source: index.sources.get(v), vacancy_id: index.vacancyIds.get(v), job_title: index.titles.get(v),
      occupation_code: occupation, occupation_title_id: title?.title_id ?? null, occupation_title_en: title?.title_en ?? null,
      sector_code: nullable(index.sectorCodes[index.sector[v]]), province_code: index.provinceCodes[index.province[v]],
      regency_code: regency, regency_name: regency === null ? null : index.regionNames.get(regency) ?? null,
      openings: index.openings[v], employment_type: nullable(index.employmentTypes[index.employmentType[v]]),
      salary_min: Number.isNaN(index.salaryLow[v]) ? null : index.salaryLow[v], salary_max: Number.isNaN(index.salaryHigh[v]) ? null : index.salaryHigh[v],
      posted_date: date(index.postedDay[v]), expiry_date: index.expiryDay[v] === NO_EXPIRY ? null : date(index.expiryDay[v]),
    };
  });
}

/**
 * One index per data version, built when a warehouse is published or opened (the desk asks
 * for it from onPublish), never per search; concurrent callers share one build, and a
 * failed build is retried by the next caller.
 */
export interface MatchIndexCache {
  /** The index of `version`, building it with `load` unless it is built or being built. */
  get(version: string, load: () => Promise<MatchIndex>): Promise<MatchIndex>;
  /** The version built or being built, if any. */
  readonly version: string | null;
}

export function createMatchIndexCache(): MatchIndexCache {
  let current: { version: string; index: Promise<MatchIndex> } | null = null;
  return {
    get(version, load) {
      if (!current || current.version !== version) {
        const loading = load();
        current = { version, index: loading };
        loading.catch(() => { if (current?.index === loading) current = null; });
      }
      return current.index;
    },
    get version() { return current?.version ?? null; },
  };
}
