// Lookup tables for one staged file, built in JavaScript over the file's DISTINCT values
// (a few thousand, not millions of rows) and joined back in SQL: regions, education
// levels, enumerations, ISCO codes, KBLI divisions and job titles coded to ISCO.
import type { DuckDBConnection } from '@duckdb/node-api';
import { appendRows, rows, run } from '../../core/duckdb.ts';
import { createEducationResolver } from '../../core/education.ts';
import { EDUCATION_RANK } from '../../core/methodology.ts';
import { normalizeText } from '../../core/text.ts';
import type { Reference } from '../../core/reference.ts';
import { createRegionResolver, isNationalPlace } from '../../core/regions.ts';
import { createTitleCoder, isWeak, type TitleCoder } from '../../core/titles.ts';
import type { ENUM_VALUES, EnumDomain } from '../../core/enums.ts';

/**
 * Synonyms of the enumerated values of core/enums.ts (every stored value has its row, the
 * type says so); the first of each row is the stored value. Compared
 * by `enumKey` (lowercase, runs of spaces, `_` and `-` as one space), so "Full-Time",
 * "full_time" and "FULL TIME" are one spelling; "fullTime" is "fulltime".
 *
 * Vacancy status and employment type are the words Indonesian registers and job boards
 * write (Karirhub/SIAPkerja, Kalibrr, Dealls, Jobstreet, Glints, Loker.id, MagangHub).
 * Where a word has no place of its own in the DESIGN §2 enum:
 * - `ditutup`/`closed`/`tidak aktif` (no longer advertised, not said to be filled) → expired;
 * - `PKWT` (perjanjian kerja waktu tertentu, fixed-term), `Contractual`, freelance and
 *   outsourcing → contract; `Harian`/`harian lepas` (daily work) is a PKWT in law
 *   (PP 35/2021 art. 10) → contract;
 * - `PKWTT` (indefinite term) and `Tetap`/permanent → full-time; `kasual` → part-time;
 * - `Magang`/pemagangan (the Kemnaker apprenticeship scheme, MagangHub) → apprenticeship;
 *   internship, PKL, OJT (student or graduate work placements) → internship.
 */
export const ENUMS: { readonly [D in EnumDomain]: Readonly<Record<(typeof ENUM_VALUES)[D][number], string[]>> } = {
  vacancy_status: {
    open: ['open', 'opened', 'dibuka', 'buka', 'terbuka', 'masih dibuka', 'sedang dibuka', 'aktif', 'active', 'tayang', 'sedang tayang',
      'published', 'dipublikasikan', 'live', 'tersedia', 'available', 'berlangsung', 'hiring', 'actively hiring'],
    filled: ['filled', 'terisi', 'sudah terisi', 'terpenuhi', 'closed-filled', 'hired', 'position filled'],
    cancelled: ['cancelled', 'canceled', 'dibatalkan', 'batal', 'withdrawn', 'ditarik', 'dihapus', 'deleted'],
    expired: ['expired', 'kedaluwarsa', 'kadaluwarsa', 'kadaluarsa', 'kedaluarsa', 'berakhir', 'sudah berakhir', 'lewat batas', 'ditutup',
      'tutup', 'closed', 'tidak aktif', 'nonaktif', 'non aktif', 'inactive'],
  },
  employment_type: {
    'full-time': ['full-time', 'full time', 'fulltime', 'penuh waktu', 'purna waktu', 'tetap', 'karyawan tetap', 'pegawai tetap', 'permanen',
      'permanent', 'pkwtt', 'regular', 'reguler'],
    'part-time': ['part-time', 'part time', 'parttime', 'paruh waktu', 'kasual', 'casual', 'casual/vacation', 'kasual/liburan'],
    contract: ['contract', 'contractual', 'kontrak', 'pkwt', 'karyawan kontrak', 'temporary', 'temporer', 'kontrak/temporer', 'contract/temp',
      'freelance', 'freelancer', 'lepas', 'pekerja lepas', 'harian', 'harian lepas', 'pekerja harian', 'daily', 'outsourcing', 'alih daya',
      'borongan', 'project based', 'proyek'],
    apprenticeship: ['apprenticeship', 'apprentice', 'magang', 'pemagangan', 'program magang', 'magang bersertifikat'],
    internship: ['internship', 'intern', 'praktik kerja', 'praktik kerja lapangan', 'praktek kerja lapangan', 'pkl', 'ojt', 'on the job training',
      'kerja praktik', 'kerja praktek'],
  },
  gender: {
    L: ['l', 'm', 'laki-laki', 'laki laki', 'lakilaki', 'pria', 'male', 'man', 'lk'],
    P: ['p', 'f', 'w', 'perempuan', 'wanita', 'female', 'woman', 'pr'],
  },
  disability: {
    true: ['true', 'ya', 'y', 'yes', '1', 'disabilitas', 'penyandang disabilitas'],
    false: ['false', 'tidak', 't', 'n', 'no', '0', 'bukan', 'non disabilitas', 'tidak ada'],
  },
  seeker_status: {
    active: ['active', 'aktif'],
    placed: ['placed', 'ditempatkan', 'bekerja', 'sudah bekerja', 'diterima'],
    inactive: ['inactive', 'tidak aktif', 'nonaktif', 'non-aktif', 'dihapus', 'kedaluwarsa', 'expired'],
  },
};

/** How an enumerated value is compared (the SQL macro s_enum_key does the same). */
export function enumKey(value: string): string {
  return value.toLowerCase().replace(/[\s_-]+/g, ' ').trim();
}

/** KBLI 2020 two-digit divisions → section letter. */
const KBLI_DIVISIONS: [number, number, string][] = [
  [1, 3, 'A'], [5, 9, 'B'], [10, 33, 'C'], [35, 35, 'D'], [36, 39, 'E'], [41, 43, 'F'], [45, 47, 'G'], [49, 53, 'H'],
  [55, 56, 'I'], [58, 63, 'J'], [64, 66, 'K'], [68, 68, 'L'], [69, 75, 'M'], [77, 82, 'N'], [84, 84, 'O'], [85, 85, 'P'],
  [86, 88, 'Q'], [90, 93, 'R'], [94, 96, 'S'], [97, 98, 'T'], [99, 99, 'U'],
];

/** `titleCoder`: built once per run (it indexes ~33,000 labelled titles); built here when absent. */
export interface LookupContext { connection: DuckDBConnection; reference: Reference; titleCoder?: TitleCoder }

/** Tables that do not depend on the file: enums, ISCO codes, KBLI divisions. Created once per run. */
export async function createStaticLookups({ connection, reference }: LookupContext): Promise<void> {
  await run(connection, 'CREATE OR REPLACE TEMP TABLE lk_enum (domain VARCHAR, value VARCHAR, canonical VARCHAR)');
  await appendRows(connection, 'lk_enum', Object.entries(ENUMS).flatMap(([domain, values]) =>
    Object.entries(values).flatMap(([canonical, synonyms]) => [...new Set(synonyms.map(enumKey))].map((s) => [domain, s, canonical]))));
  // Education spellings (normalised as s_norm does) with the rank of their level: a mapping's
  // `reduce: lowest` takes the lowest level a list names.
  await run(connection, 'CREATE OR REPLACE TEMP TABLE lk_education_rank (spelling VARCHAR PRIMARY KEY, code VARCHAR, rank INTEGER)');
  const spellings = new Map<string, string>();
  for (const level of reference.educationLevels) {
    for (const name of [level.code, level.labelId, level.labelEn, ...level.aliases]) if (!spellings.has(normalizeText(name))) spellings.set(normalizeText(name), level.code);
  }
  await appendRows(connection, 'lk_education_rank', [...spellings].filter(([, code]) => EDUCATION_RANK[code] !== undefined)
    .map(([spelling, code]) => [spelling, code, EDUCATION_RANK[code]]), { integers: true });
  await run(connection, 'CREATE OR REPLACE TEMP TABLE lk_isco (code VARCHAR PRIMARY KEY)');
  await appendRows(connection, 'lk_isco', reference.isco.map((g) => [g.code]));
  await run(connection, 'CREATE OR REPLACE TEMP TABLE lk_kbli (code VARCHAR PRIMARY KEY, section VARCHAR)');
  const kbli: string[][] = reference.kbliSections.map((s) => [s.code, s.code]);
  for (const [from, to, section] of KBLI_DIVISIONS) for (let d = from; d <= to; d++) kbli.push([String(d).padStart(2, '0'), section]);
  await appendRows(connection, 'lk_kbli', kbli);
}

/** Regions and education levels of the distinct values in work.stage: work.lk_region, work.lk_education. */
export async function createValueLookups({ connection, reference }: LookupContext, educationColumn: string): Promise<void> {
  const resolveRegion = createRegionResolver(reference);
  const regionValues = await rows<{ v: string }>(connection,
    `SELECT DISTINCT v FROM (SELECT unnest([province_code, regency_code, location]) AS v FROM work.stage) WHERE v IS NOT NULL`);
  // national: the value names the whole country ("Indonesia", "Remote", "WFH"), not a region.
  await run(connection, 'CREATE OR REPLACE TABLE work.lk_region (value VARCHAR PRIMARY KEY, province_code VARCHAR, regency_code VARCHAR, national BOOLEAN)');
  await appendRows(connection, 'work.lk_region', regionValues.map(({ v }) => {
    const r = resolveRegion(v);
    return [v, r?.provinceCode ?? null, r?.regencyCode ?? null, r === null && isNationalPlace(v)];
  }));

  const resolveEducation = createEducationResolver(reference);
  const educationValues = await rows<{ v: string }>(connection, `SELECT DISTINCT ${educationColumn} AS v FROM work.stage WHERE ${educationColumn} IS NOT NULL`);
  await run(connection, 'CREATE OR REPLACE TABLE work.lk_education (value VARCHAR PRIMARY KEY, code VARCHAR)');
  await appendRows(connection, 'work.lk_education', educationValues.map(({ v }) => [v, resolveEducation(v)]));
}

/**
 * ISCO codes for the distinct job titles of vacancies that came without one, once per title
 * (work.lk_title); then, for the weak titles only (coded below high confidence, or not at
 * all), once per distinct (title, description) with the advert's description read too
 * (work.lk_title_text, keyed by the description's hash): "Crew" that drives a forklift and
 * "Crew" that cooks are different jobs. A title coded surely, or a vacancy without a
 * description, keeps the title's code.
 */
export async function createTitleLookup({ connection, reference, titleCoder }: LookupContext): Promise<void> {
  const code = titleCoder ?? createTitleCoder(reference);
  // Markup is kept in the title as written, but is no part of the occupation.
  const plain = (t: string) => t.replace(/<[^>]*>/g, ' ');
  const titles = await rows<{ t: string }>(connection, 'SELECT DISTINCT job_title AS t FROM work.stage WHERE occupation_code IS NULL AND job_title IS NOT NULL');
  const coded = titles.map(({ t }) => ({ t, c: code(plain(t)) }));
  await run(connection, 'CREATE OR REPLACE TABLE work.lk_title (title VARCHAR PRIMARY KEY, code VARCHAR, confidence DOUBLE, method VARCHAR, weak BOOLEAN)');
  await appendRows(connection, 'work.lk_title', coded.map(({ t, c }) => [t, c?.code ?? null, c?.confidence ?? null, c?.method ?? null, isWeak(c)]));
  const pairs = await rows<{ t: string; h: string; d: string }>(connection, `SELECT s.job_title AS t, hash(s.description)::VARCHAR AS h, any_value(s.description) AS d
    FROM work.stage s JOIN work.lk_title l ON l.title = s.job_title AND l.weak
    WHERE s.occupation_code IS NULL AND s.description IS NOT NULL GROUP BY ALL`);
  await run(connection, 'CREATE OR REPLACE TABLE work.lk_title_text (title VARCHAR, description_hash VARCHAR, code VARCHAR, confidence DOUBLE, method VARCHAR, PRIMARY KEY (title, description_hash))');
  await appendRows(connection, 'work.lk_title_text', pairs.map(({ t, h, d }) => {
    const c = code(plain(t), d);
    return [t, h, c?.code ?? null, c?.confidence ?? null, c?.method ?? null];
  }));
}
