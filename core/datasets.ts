// The published datasets of DESIGN §5, each declared once: name, bilingual title and
// description, grain, columns (type, unit, meaning in both languages), which columns count
// persons and which derived values depend on them, the mart it reads and the filters it
// takes (listed in core/filters.ts). Pages, the API and downloads all serve these
// declarations through core/query.ts.
import { filtersOf, type FilterName } from './filters.ts';

export type { FilterName };

export type Lang = 'id' | 'en';
export type Text = Record<Lang, string>;
export type ColumnType = 'text' | 'integer' | 'number' | 'boolean';

/** How a value is written on a page (server/pages/figure.ts formatValue): month "Maret 2025", ratio 2 decimals, percent 1, days whole, … */
export type ColumnFormat = 'text' | 'code' | 'integer' | 'decimal' | 'ratio' | 'percent' | 'days' | 'month' | 'date' | 'boolean';
/** dimension: what a row is of (period, region, skill, its labels); measure: a count or median read from the facts; derived: computed from other columns (ratios, statuses, ranks, flags). */
export type ColumnRole = 'dimension' | 'measure' | 'derived';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  /** The short column heading of page tables, chart axes and legends (the description says what it means). */
  label: Text;
  format: ColumnFormat;
  /** Decimals shown when not the format's own (decimal 1, ratio 2, percent 1). */
  digits?: number;
  role: ColumnRole;
  unit?: Text;
  description: Text;
  /** A count of persons: withheld when between 1 and k−1 (DESIGN §4, privacy). */
  persons?: boolean;
  /**
   * What this value is computed from: columns of the same row (withheld when any of them is),
   * or "<dataset>.<column>" for another dataset's person count at the same period and region
   * (skill-gaps' imbalance index uses labour-market-monthly's active applicants). Every
   * derived column (rate, status, flag, rank) must declare it (core/privacy/).
   */
  dependsOn?: readonly string[];
  /**
   * The count this person column publishes, when another column holds the same count
   * (labour-market placements = placed_seekers = the seeker-profile placements over a
   * dimension): "<dataset>.<column>"; default this dataset's own. Withheld alike everywhere.
   */
  measure?: string;
  /**
   * How a person count adds up over regions (secondary withholding): 'regencies' (a province
   * is the sum of its regencies, the country of its provinces; the default), 'provinces'
   * (only the country is the sum of its provinces: regency figures have their own matching
   * scope), 'none' (a median: primary withholding only).
   */
  regionSum?: 'regencies' | 'provinces' | 'none';
  /** A rank recomputed over the published rows only (order: column names, "-name" descending); withheld rows get none. */
  rankBy?: readonly string[];
  /** Region levels where this person count is published (default all); elsewhere it is withheld, zeros included (core/privacy/). */
  levels?: readonly ('national' | 'province' | 'regency')[];
}

export interface DatasetDef {
  name: string;
  title: Text;
  description: Text;
  grain: readonly string[];
  table: string;
  /** Columns of the dataset after the common ones (period, region_code, region_name, region_level). */
  columns: readonly ColumnDef[];
  /** Dimension columns besides period and region: they define the sibling groups for secondary withholding. */
  dimensions: readonly string[];
  /** The filters it takes, from core/filters.ts (FILTERS says which datasets take each): not written here. */
  filters: readonly FilterName[];
  sort: readonly string[];
  /** Filters answered by computing from the facts at request time (core/sql/<name>_filtered.sql) instead of reading the mart. */
  computedFor?: readonly FilterName[];
  /** The filtered SQL reads a precomputed mart, not the facts: any span of months, none needed (the request-time limit is for scans). */
  computedFromMart?: boolean;
  /**
   * Request-time filters that leave the person counts the mart's (seekers have no sector or
   * employment type, nor the occupation of a vacancy): those rows are withheld by the stored
   * decision (core/privacy); a computed filter must be listed here (query.ts refuses others).
   */
  personsFromMart?: readonly FilterName[];
  /**
   * How person counts of different rows add up besides regions (secondary withholding,
   * core/privacy/): 'parts' (the categories of each value of the first dimension add up to
   * the measure's total, the cell with no dimension: seeker-profile → labour-market-monthly);
   * 'prefix' (a code of the first dimension is the sum of its one-digit-longer codes: ISCO groups).
   */
  adds?: 'parts' | 'prefix';
  /** Region levels published (default all): seeker-profile stops at provinces (core/privacy/). */
  levels?: readonly ('national' | 'province' | 'regency')[];
}

const t = (id: string, en: string): Text => ({ id, en });
const persons = t('orang', 'persons');
const openingsUnit = t('lowongan (formasi)', 'openings');
const days = t('hari', 'days');
const ratio = t('rasio', 'ratio');

const COMMON = [
  { name: 'period', type: 'text', label: t('Bulan', 'Month'), format: 'month', role: 'dimension', description: t('Bulan (YYYY-MM).', 'Month (YYYY-MM).') },
  { name: 'region_code', type: 'text', label: t('Kode wilayah', 'Region code'), format: 'code', role: 'dimension', description: t('Kode wilayah BPS: ID (nasional), provinsi (32) atau kabupaten/kota (32.73).', 'BPS region code: ID (national), province (32) or regency/city (32.73).') },
  { name: 'region_name', type: 'text', label: t('Wilayah', 'Region'), format: 'text', role: 'dimension', description: t('Nama wilayah.', 'Region name.') },
  { name: 'region_level', type: 'text', label: t('Tingkat wilayah', 'Region level'), format: 'text', role: 'dimension', description: t('Tingkat wilayah: national, province atau regency.', 'Region level: national, province or regency.') },
] as const satisfies readonly ColumnDef[];

const WITHHELD = {
  name: 'withheld', type: 'text', label: t('Disembunyikan', 'Withheld'), format: 'text', role: 'derived',
  description: t('Kolom yang disembunyikan demi kerahasiaan (dipisah ";"); kosong bila tidak ada.', 'Columns withheld for confidentiality (separated by ";"); empty when none.'),
} as const satisfies ColumnDef;

const skillColumns = [
  { name: 'skill_id', type: 'text', label: t('Kode keterampilan', 'Skill id'), format: 'code', role: 'dimension', description: t('Kode keterampilan dalam taksonomi Sinergi.', 'Skill id in the Sinergi taxonomy.') },
  { name: 'skill_label_id', type: 'text', label: t('Keterampilan', 'Skill'), format: 'text', role: 'dimension', description: t('Nama keterampilan (Bahasa Indonesia).', 'Skill name in Indonesian.') },
  { name: 'skill_label_en', type: 'text', label: t('Keterampilan (Inggris)', 'Skill (English)'), format: 'text', role: 'dimension', description: t('Nama keterampilan (Inggris).', 'Skill name in English.') },
  { name: 'skill_group', type: 'text', label: t('Kelompok keterampilan', 'Skill group'), format: 'text', role: 'dimension', description: t('Kelompok keterampilan (digital, teknis, perawatan, …).', 'Skill group (digital, technical, care, …).') },
] as const satisfies readonly ColumnDef[];

/** Months whose stocks are incomplete at the start of the series (pipelines/sql/marts/00_rules.sql, s_provisional). */
const PROVISIONAL_COLUMN = {
  name: 'provisional', type: 'text', label: t('Catatan', 'Note'), format: 'text', role: 'derived',
  description: t(
    'Alasan bulan ini sementara; kosong bila tidak. stocks_incomplete: lowongan dan pencari kerja aktif belum lengkap (belum satu masa berlaku lowongan sejak bulan pertama data); applicants_incomplete: pencari kerja aktif belum lengkap (belum satu masa daftar ulang). Rasio dan indeks yang dihitung dari stok ikut sementara.',
    'Why the month is provisional; empty when it is not. stocks_incomplete: active openings and applicants are incomplete (less than one vacancy validity window since the first month of data); applicants_incomplete: active applicants are incomplete (less than one re-registration window). Ratios and indices built from the stocks are provisional too.'),
} as const satisfies ColumnDef;

/** The declarations as written (literal types: Row<N> below is derived from them); used through DATASETS. */
const DECLARED = [
  {
    name: 'labour-market-monthly',
    title: t('Pasar kerja bulanan', 'Monthly labour market'),
    description: t(
      'Arus lowongan dan pencari kerja terdaftar per bulan dan wilayah: lowongan dan pencari kerja baru dan aktif, rasio lowongan per pencari kerja, penempatan, tingkat penempatan dan pengisian, serta lama pengisian dan penempatan.',
      'Monthly flows of registered vacancies and job seekers by region: new and active openings and applicants, openings-to-applicants ratios, placements, placement and fill rates, days to fill and to placement.'),
    grain: ['period', 'region'],
    table: 'mart_labour_market_monthly',
    dimensions: [],
    sort: ['period', 'region_sort'],
    computedFor: ['employment_type'],
    computedFromMart: true,
    personsFromMart: ['employment_type'],
    columns: [
      { name: 'new_openings', type: 'integer', label: t('Lowongan baru', 'New openings'), format: 'integer', role: 'measure', unit: openingsUnit, description: t('Jumlah formasi lowongan yang diposting pada bulan ini (NO).', 'Openings of vacancies posted in the month (NO).') },
      { name: 'active_openings', type: 'integer', label: t('Lowongan aktif', 'Active openings'), format: 'integer', role: 'measure', unit: openingsUnit, description: t('Jumlah formasi lowongan yang aktif pada bulan ini (AO).', 'Openings of vacancies active in the month (AO).') },
      { name: 'new_applicants', type: 'integer', label: t('Pencari kerja baru', 'New job seekers'), format: 'integer', role: 'measure', unit: persons, persons: true, description: t('Pencari kerja yang mendaftar pada bulan ini (NA).', 'Job seekers who registered in the month (NA).') },
      { name: 'active_applicants', type: 'integer', label: t('Pencari kerja aktif', 'Active job seekers'), format: 'integer', role: 'measure', unit: persons, persons: true, description: t('Pencari kerja yang aktif pada bulan ini (AA).', 'Job seekers active in the month (AA).') },
      { name: 'active_ratio', type: 'number', label: t('Lowongan aktif per pencari kerja aktif', 'Active openings per active applicant'), format: 'ratio', role: 'derived', unit: ratio, dependsOn: ['active_applicants'], description: t('Rasio lowongan aktif per pencari kerja aktif (AO/AA).', 'Active openings per active applicant (AO/AA).') },
      { name: 'new_ratio', type: 'number', label: t('Lowongan baru per pencari kerja baru', 'New openings per new applicant'), format: 'ratio', role: 'derived', unit: ratio, dependsOn: ['new_applicants'], description: t('Rasio lowongan baru per pencari kerja baru (NO/NA).', 'New openings per new applicant (NO/NA).') },
      { name: 'placements', type: 'integer', label: t('Penempatan', 'Placements'), format: 'integer', role: 'measure', unit: persons, persons: true, description: t('Penempatan pada bulan ini, di wilayah pendaftaran pencari kerja (PL).', 'Placements dated in the month, in the region where the seeker registered (PL).') },
      { name: 'placement_rate', type: 'number', label: t('Tingkat penempatan', 'Placement rate'), format: 'percent', role: 'derived', unit: ratio, dependsOn: ['placements', 'new_applicants'], description: t('Tingkat penempatan: penempatan per pencari kerja baru (PL/NA).', 'Placement rate: placements per new applicant (PL/NA).') },
      { name: 'fill_rate', type: 'number', label: t('Tingkat pengisian', 'Fill rate'), format: 'percent', role: 'derived', unit: ratio, dependsOn: ['placements'], description: t('Tingkat pengisian: penempatan per lowongan baru (PL/NO).', 'Fill rate: placements per new opening (PL/NO).') },
      { name: 'median_days_to_fill', type: 'number', label: t('Median hari sampai terisi', 'Median days to fill'), format: 'days', role: 'measure', unit: days, description: t('Median hari dari posting sampai terisi, lowongan yang terisi pada bulan ini.', 'Median days from posting to filling, vacancies filled in the month.') },
      { name: 'p75_days_to_fill', type: 'number', label: t('Persentil 75 hari sampai terisi', '75th percentile days to fill'), format: 'days', role: 'measure', unit: days, description: t('Persentil ke-75 hari sampai terisi.', '75th percentile of days to fill.') },
      { name: 'filled_vacancies', type: 'integer', label: t('Lowongan terisi', 'Vacancies filled'), format: 'integer', role: 'measure', unit: t('lowongan', 'vacancies'), description: t('Lowongan yang terisi pada bulan ini.', 'Vacancies filled in the month.') },
      { name: 'median_days_to_placement', type: 'number', label: t('Median hari sampai penempatan', 'Median days to placement'), format: 'days', role: 'derived', unit: days, dependsOn: ['placed_seekers'], description: t('Median hari dari pendaftaran sampai penempatan, pencari kerja yang ditempatkan pada bulan ini.', 'Median days from registration to placement, seekers placed in the month.') },
      { name: 'placed_seekers', type: 'integer', label: t('Pencari kerja ditempatkan', 'Seekers placed'), format: 'integer', role: 'measure', unit: persons, persons: true, measure: 'labour-market-monthly.placements', description: t('Pencari kerja yang ditempatkan pada bulan ini (dasar median hari penempatan).', 'Seekers placed in the month (the base of the median days to placement).') },
      { name: 'applications_per_opening', type: 'number', label: t('Lamaran per formasi', 'Applications per opening'), format: 'ratio', digits: 1, role: 'derived', unit: ratio, description: t('Lamaran per formasi lowongan baru, hanya dari sumber yang mencatat lamaran; kosong bila tidak ada.', 'Applications per new opening, only from sources that count applications; empty where none does.') },
      PROVISIONAL_COLUMN,
    ],
  },
  {
    name: 'skill-gaps',
    title: t('Kesenjangan keterampilan', 'Skill gaps'),
    description: t(
      'Permintaan (formasi lowongan aktif yang mensyaratkan keterampilan) dan pasokan (pencari kerja aktif yang memilikinya) per keterampilan, dengan rasio, indeks ketidakseimbangan dan status kekurangan/kelebihan.',
      'Demand (openings of active vacancies requiring the skill) and supply (active job seekers holding it) per skill, with ratio, imbalance index and shortage/surplus status.'),
    grain: ['period', 'region', 'skill'],
    table: 'mart_skill_gaps',
    dimensions: ['skill_id'],
    sort: ['period', 'region_sort', 'skill_id'],
    computedFor: ['sector', 'occupation', 'employment_type'],
    // supply is every seeker of the region and month (core/sql/skill_gaps_filtered.sql)
    personsFromMart: ['sector', 'occupation', 'employment_type'],
    columns: [
      ...skillColumns,
      { name: 'demand', type: 'integer', label: t('Permintaan (formasi)', 'Demand (openings)'), format: 'integer', role: 'measure', unit: openingsUnit, description: t('Formasi lowongan aktif yang mensyaratkan keterampilan ini (D).', 'Openings of active vacancies requiring the skill (D).') },
      { name: 'supply', type: 'integer', label: t('Pasokan (pencari kerja)', 'Supply (job seekers)'), format: 'integer', role: 'measure', unit: persons, persons: true, description: t('Pencari kerja aktif yang memiliki keterampilan ini (S).', 'Active job seekers holding the skill (S).') },
      { name: 'skill_ratio', type: 'number', label: t('Rasio permintaan/pasokan', 'Demand/supply ratio'), format: 'ratio', role: 'derived', unit: ratio, dependsOn: ['supply'], description: t('Permintaan per pasokan (D/S); kosong bila S = 0.', 'Demand per supply (D/S); empty when S = 0.') },
      { name: 'imbalance_index', type: 'number', label: t('Indeks ketidakseimbangan', 'Imbalance index'), format: 'ratio', role: 'derived', dependsOn: ['supply', 'labour-market-monthly.active_applicants'], description: t('ln(((D+0,5)/(AO+0,5))/((S+0,5)/(AA+0,5))): > 0 berarti lebih langka di antara pencari kerja daripada yang diminta pemberi kerja.', 'ln(((D+0.5)/(AO+0.5))/((S+0.5)/(AA+0.5))): > 0 means scarcer among seekers than employers ask for.') },
      { name: 'status', type: 'text', label: t('Status mutlak (permintaan vs pasokan)', 'Absolute status (demand vs supply)'), format: 'text', role: 'derived', dependsOn: ['supply'], description: t('Status mutlak, permintaan dibanding pasokan: insufficient (D+S < 10); shortage bila D ≥ 5 dan D ≥ 1,5 × S (permintaan melebihi pasokan); surplus bila S ≥ 5 dan S ≥ 1,5 × D; selain itu balanced.', 'Absolute status, demand against supply: insufficient (D+S < 10); shortage when D ≥ 5 and D ≥ 1.5 × S (demand exceeds supply); surplus when S ≥ 5 and S ≥ 1.5 × D; otherwise balanced.') },
      { name: 'relative_status', type: 'text', label: t('Status relatif (indeks)', 'Relative status (index)'), format: 'text', role: 'derived', dependsOn: ['supply', 'imbalance_index'], description: t('Status relatif dari indeks ketidakseimbangan (porsi dalam permintaan dibanding porsi dalam pasokan, yaitu D/S dibanding AO/AA pasar): insufficient (D+S < 30); relatively_scarce (lebih langka) bila I ≥ ln 1,5 dan D ≥ 5; relatively_abundant (lebih melimpah) bila I ≤ −ln 1,5 dan S ≥ 5; selain itu balanced.', 'Relative status from the imbalance index (share of demand against share of supply, i.e. D/S against the market\'s AO/AA): insufficient (D+S < 30); relatively_scarce when I ≥ ln 1.5 and D ≥ 5; relatively_abundant when I ≤ −ln 1.5 and S ≥ 5; otherwise balanced.') },
      { name: 'unmet_openings', type: 'integer', label: t('Formasi tak terpenuhi', 'Unmet openings'), format: 'integer', role: 'derived', unit: openingsUnit, dependsOn: ['supply'], description: t('max(D − S, 0).', 'max(D − S, 0).') },
      PROVISIONAL_COLUMN,
    ],
  },
  {
    name: 'skill-trends',
    title: t('Tren keterampilan', 'Skill trends'),
    description: t(
      'Formasi lowongan baru yang mensyaratkan keterampilan per bulan, pertumbuhan tiga bulan terakhir dibanding tiga bulan sebelumnya, dan keterampilan yang sedang naik (emerging).',
      'New openings requiring the skill per month, growth of the last three months over the three before, and emerging skills.'),
    grain: ['period', 'region', 'skill'],
    table: 'mart_skill_trends',
    dimensions: ['skill_id'],
    sort: ['period', 'region_sort', 'skill_id'],
    computedFor: ['employment_type'],
    columns: [
      ...skillColumns,
      { name: 'new_openings_requiring', type: 'integer', label: t('Lowongan baru yang mensyaratkan', 'New openings requiring it'), format: 'integer', role: 'measure', unit: openingsUnit, description: t('Formasi lowongan yang diposting bulan ini dan mensyaratkan keterampilan.', 'Openings posted in the month requiring the skill.') },
      { name: 'openings_last_3m', type: 'integer', label: t('Formasi 3 bulan terakhir', 'Openings, last 3 months'), format: 'integer', role: 'measure', unit: openingsUnit, description: t('Jumlah tiga bulan terakhir (t−2..t).', 'Sum of the last three months (t−2..t).') },
      { name: 'openings_previous_3m', type: 'integer', label: t('Formasi 3 bulan sebelumnya', 'Openings, previous 3 months'), format: 'integer', role: 'measure', unit: openingsUnit, description: t('Jumlah tiga bulan sebelumnya (t−5..t−3).', 'Sum of the three months before (t−5..t−3).') },
      { name: 'growth_3m', type: 'number', label: t('Pertumbuhan 3 bulan', '3-month growth'), format: 'percent', digits: 0, role: 'derived', unit: ratio, description: t('Tiga bulan terakhir dibanding tiga bulan sebelumnya, dikurangi 1; kosong tanpa enam bulan data.', 'Last three months over the three before, minus 1; empty without six months of data.') },
      { name: 'emerging', type: 'boolean', label: t('Sedang naik', 'Emerging'), format: 'boolean', role: 'derived', description: t('Naik: pertumbuhan ≥ 25% dan ≥ 20 formasi dalam tiga bulan terakhir.', 'Emerging: growth ≥ 25% and ≥ 20 openings in the last three months.') },
    ],
  },
  {
    name: 'occupation-demand',
    title: t('Permintaan menurut jabatan', 'Occupation demand'),
    description: t(
      'Formasi lowongan baru dan aktif serta pencari kerja aktif yang meminati, menurut golongan jabatan KBJI 2014 / ISCO-08 di keempat tingkat.',
      'New and active openings and active job seekers preferring the occupation, by KBJI 2014 / ISCO-08 group at all four levels.'),
    grain: ['period', 'region', 'occupation'],
    table: 'mart_occupation_demand',
    dimensions: ['isco_code'],
    sort: ['period', 'region_sort', 'isco_code'],
    computedFor: ['employment_type'],
    personsFromMart: ['employment_type'],
    adds: 'prefix',
    columns: [
      { name: 'isco_code', type: 'text', label: t('Kode jabatan', 'Occupation code'), format: 'code', role: 'dimension', description: t('Kode golongan jabatan ISCO-08 (1–4 digit).', 'ISCO-08 group code (1–4 digits).') },
      { name: 'isco_level', type: 'integer', label: t('Tingkat kode', 'Code level'), format: 'integer', role: 'dimension', description: t('Tingkat kode: 1 golongan pokok … 4 golongan unit.', 'Level of the code: 1 major … 4 unit group.') },
      { name: 'title_id', type: 'text', label: t('Jabatan', 'Occupation'), format: 'text', role: 'dimension', description: t('Nama golongan jabatan (KBJI 2014).', 'Group title in Indonesian (KBJI 2014).') },
      { name: 'title_en', type: 'text', label: t('Jabatan (Inggris)', 'Occupation (English)'), format: 'text', role: 'dimension', description: t('Nama golongan jabatan (ISCO-08).', 'Group title in English (ISCO-08).') },
      { name: 'new_openings', type: 'integer', label: t('Lowongan baru', 'New openings'), format: 'integer', role: 'measure', unit: openingsUnit, description: t('Formasi lowongan yang diposting bulan ini.', 'Openings posted in the month.') },
      { name: 'active_openings', type: 'integer', label: t('Lowongan aktif', 'Active openings'), format: 'integer', role: 'measure', unit: openingsUnit, description: t('Formasi lowongan aktif bulan ini.', 'Openings active in the month.') },
      { name: 'active_applicants_preferring', type: 'integer', label: t('Pencari kerja aktif yang meminati', 'Active job seekers preferring it'), format: 'integer', role: 'measure', unit: persons, persons: true, levels: ['national', 'province'], description: t('Pencari kerja aktif yang meminati jabatan ini; nasional dan provinsi saja (di kabupaten/kota hampir semua di bawah batas kerahasiaan).', 'Active job seekers preferring the occupation; national and provinces only (at regency level nearly all are below the confidentiality threshold).') },
    ],
  },
  {
    name: 'seeker-profile',
    title: t('Profil pencari kerja', 'Job-seeker profile'),
    description: t(
      'Pencari kerja aktif dan baru, penempatan dan tingkat penempatan menurut jenis kelamin, kelompok umur, pendidikan, disabilitas dan tipe wilayah (kota atau kabupaten, dikodekan urban/rural: jenis administratif kabupaten/kota, bukan klasifikasi perkotaan/perdesaan desa). Nasional dan provinsi saja: di tingkat kabupaten/kota sel kategorinya hampir semua terlalu kecil untuk diterbitkan.',
      'Active and new job seekers, placements and placement rate by gender, age group, education, disability and area type (kota or kabupaten, coded urban/rural: the administrative type of the regency, not an urban/rural classification of villages). National and provinces only: at regency level its category cells are nearly all too small to publish.'),
    grain: ['period', 'region', 'dimension', 'category'],
    table: 'mart_seeker_profile',
    dimensions: ['dimension', 'category'],
    sort: ['period', 'region_sort', 'dimension', 'category'],
    adds: 'parts',
    levels: ['national', 'province'],
    columns: [
      { name: 'dimension', type: 'text', label: t('Dimensi', 'Dimension'), format: 'text', role: 'dimension', description: t('gender, age_group, education, disability atau area_type.', 'gender, age_group, education, disability or area_type.') },
      { name: 'category', type: 'text', label: t('Kategori', 'Category'), format: 'text', role: 'dimension', description: t('Kategori dalam dimensi (mis. L/P, 15-24, SMK, yes/no, urban/rural, unknown).', 'Category within the dimension (e.g. L/P, 15-24, SMK, yes/no, urban/rural, unknown).') },
      { name: 'active_applicants', type: 'integer', label: t('Pencari kerja aktif', 'Active job seekers'), format: 'integer', role: 'measure', unit: persons, persons: true, measure: 'labour-market-monthly.active_applicants', description: t('Pencari kerja aktif.', 'Active job seekers.') },
      { name: 'new_applicants', type: 'integer', label: t('Pencari kerja baru', 'New job seekers'), format: 'integer', role: 'measure', unit: persons, persons: true, measure: 'labour-market-monthly.new_applicants', description: t('Pencari kerja baru.', 'New job seekers.') },
      { name: 'placements', type: 'integer', label: t('Penempatan', 'Placements'), format: 'integer', role: 'measure', unit: persons, persons: true, measure: 'labour-market-monthly.placements', description: t('Penempatan.', 'Placements.') },
      { name: 'placement_rate', type: 'number', label: t('Tingkat penempatan', 'Placement rate'), format: 'percent', role: 'derived', unit: ratio, dependsOn: ['placements', 'new_applicants'], description: t('Penempatan per pencari kerja baru dalam kategori.', 'Placements per new job seeker in the category.') },
    ],
  },
  {
    name: 'matching-quality',
    title: t('Kualitas pencocokan', 'Matching quality'),
    description: t(
      'Pencocokan berbasis keterampilan dalam provinsi (atau kabupaten/kota): lowongan aktif yang menyebut keterampilan, median jumlah pencari kerja yang memenuhi syarat per lowongan, porsi formasi tanpa satu pun pencari kerja yang memenuhi syarat, pencari kerja yang kurang satu keterampilan, dan cakupan keterampilan penempatan.',
      'Skill-based matching within the province (or regency): active vacancies naming skills, median number of qualified seekers per vacancy, share of openings with no qualified seeker, seekers one skill short, and skill coverage of placements.'),
    grain: ['period', 'region'],
    table: 'mart_matching_quality',
    dimensions: [],
    sort: ['period', 'region_sort'],
    columns: [
      { name: 'active_vacancies', type: 'integer', label: t('Lowongan aktif dengan keterampilan', 'Active vacancies naming skills'), format: 'integer', role: 'measure', unit: t('lowongan', 'vacancies'), description: t('Lowongan aktif yang mensyaratkan setidaknya satu keterampilan non-transversal.', 'Active vacancies requiring at least one non-transversal skill.') },
      { name: 'median_pool_depth', type: 'number', label: t('Median pencari kerja memenuhi syarat', 'Median qualified seekers'), format: 'integer', role: 'measure', unit: persons, persons: true, regionSum: 'none', description: t('Median jumlah pencari kerja aktif yang memenuhi syarat (pendidikan terpenuhi, cakupan keterampilan ≥ θ) per lowongan; median bawah (salah satu nilai, selalu bilangan bulat orang).', 'Median number of qualified active seekers (education met, skill coverage ≥ θ) per vacancy; the lower median (one of the values, always a whole number of persons).') },
      { name: 'hard_to_fill_share', type: 'number', label: t('Porsi formasi sulit diisi', 'Hard-to-fill share'), format: 'percent', role: 'derived', unit: ratio, description: t('Porsi formasi lowongan tanpa pencari kerja yang memenuhi syarat.', 'Share of openings whose vacancy has no qualified seeker.') },
      { name: 'near_miss_seekers', type: 'integer', label: t('Kurang satu keterampilan', 'One skill short'), format: 'integer', role: 'measure', unit: persons, persons: true, regionSum: 'provinces', description: t('Pencari kerja yang kurang tepat satu keterampilan untuk setidaknya satu lowongan aktif.', 'Seekers exactly one skill short of at least one active vacancy.') },
      { name: 'placement_match_coverage', type: 'number', label: t('Cakupan keterampilan penempatan', 'Skill coverage of placements'), format: 'percent', role: 'derived', unit: ratio, dependsOn: ['placements_matched'], description: t('Rata-rata cakupan keterampilan pencari kerja terhadap lowongan tempat mereka ditempatkan.', 'Mean skill coverage of placed seekers against the vacancy they were placed in.') },
      { name: 'placements_matched', type: 'integer', label: t('Penempatan dengan keterampilan', 'Placements naming skills'), format: 'integer', role: 'measure', unit: persons, persons: true, description: t('Penempatan yang lowongannya diketahui dan mensyaratkan keterampilan (dasar rata-rata cakupan).', 'Placements whose vacancy is known and names skills (the base of the mean coverage).') },
    ],
  },
  {
    name: 'upskilling-leverage',
    title: t('Daya ungkit peningkatan keterampilan', 'Upskilling leverage'),
    description: t(
      'Untuk setiap keterampilan: berapa pencari kerja yang akan memenuhi syarat untuk setidaknya satu lowongan aktif bila menambah keterampilan itu, dan berapa lowongan yang menjadi terisi-kan.',
      'For each skill: how many seekers would become qualified for at least one active vacancy by adding it, and how many vacancies it opens to someone.'),
    grain: ['period', 'region', 'skill'],
    table: 'mart_upskilling_leverage',
    dimensions: ['skill_id'],
    sort: ['period', 'region_sort', 'skill_id'],
    columns: [
      ...skillColumns,
      { name: 'seekers_unlocked', type: 'integer', label: t('Pencari kerja yang terbuka peluangnya', 'Job seekers unlocked'), format: 'integer', role: 'measure', unit: persons, persons: true, regionSum: 'provinces', description: t('Pencari kerja berbeda yang menjadi memenuhi syarat untuk setidaknya satu lowongan dengan keterampilan ini.', 'Distinct seekers the skill makes qualified for at least one vacancy.') },
      { name: 'vacancies_unlocked', type: 'integer', label: t('Lowongan yang terjangkau', 'Vacancies unlocked'), format: 'integer', role: 'measure', unit: t('lowongan', 'vacancies'), description: t('Lowongan berbeda yang menjadi terjangkau oleh setidaknya satu pencari kerja dengan keterampilan ini.', 'Distinct vacancies the skill opens to at least one seeker.') },
      { name: 'openings_unlocked', type: 'integer', label: t('Formasi lowongan tersebut', 'Openings of those vacancies'), format: 'integer', role: 'measure', unit: openingsUnit, description: t('Jumlah formasi (bukan orang) dari lowongan-lowongan tersebut: batas atas pencari kerja yang dapat terserap berkat keterampilan ini.', 'Openings (a count of posts, not persons) of those vacancies: at most this many seekers could be hired thanks to the skill.') },
    ],
  },
  {
    name: 'training-recommendations',
    title: t('Rekomendasi pelatihan', 'Training recommendations'),
    description: t(
      'Program pelatihan (jenis yang diselenggarakan BLK): berapa pencari kerja yang akan memenuhi syarat untuk lowongan aktif setelah mengikutinya (juga per 100 jam pelatihan), berapa formasi lowongan itu, dan berapa formasi yang dapat mereka isi; diurutkan menurut yang terakhir.',
      'Training programmes of the kind BLKs run: how many seekers they would make qualified for active vacancies (also per 100 training hours), how many openings those vacancies have, and how many of them the seekers could fill; ranked by the last.'),
    grain: ['period', 'region', 'programme'],
    table: 'mart_training_recommendations',
    dimensions: ['programme_id'],
    sort: ['period', 'region_sort', 'rank', 'programme_id'],
    columns: [
      { name: 'programme_id', type: 'text', label: t('Kode program', 'Programme id'), format: 'code', role: 'dimension', description: t('Kode program pelatihan.', 'Programme id.') },
      { name: 'name_id', type: 'text', label: t('Program', 'Programme'), format: 'text', role: 'dimension', description: t('Nama program (Bahasa Indonesia).', 'Programme name in Indonesian.') },
      { name: 'name_en', type: 'text', label: t('Program (Inggris)', 'Programme (English)'), format: 'text', role: 'dimension', description: t('Nama program (Inggris).', 'Programme name in English.') },
      { name: 'hours', type: 'integer', label: t('Jam pelatihan', 'Training hours'), format: 'integer', role: 'dimension', unit: t('jam', 'hours'), description: t('Lama pelatihan.', 'Training length.') },
      { name: 'seekers_unlocked', type: 'integer', label: t('Pencari kerja yang terbuka peluangnya', 'Job seekers unlocked'), format: 'integer', role: 'measure', unit: persons, persons: true, regionSum: 'provinces', description: t('Pencari kerja berbeda yang menjadi memenuhi syarat untuk setidaknya satu lowongan aktif yang sebelumnya tidak.', 'Distinct seekers who would become qualified for at least one active vacancy they were not qualified for.') },
      { name: 'seekers_unlocked_per_100h', type: 'number', label: t('Per 100 jam pelatihan', 'Per 100 training hours'), format: 'decimal', role: 'derived', unit: t('orang per 100 jam', 'persons per 100 hours'), dependsOn: ['seekers_unlocked'], description: t('seekers_unlocked per 100 jam pelatihan.', 'seekers_unlocked per 100 training hours.') },
      { name: 'openings_unlocked', type: 'integer', label: t('Formasi lowongan tersebut', 'Openings of those vacancies'), format: 'integer', role: 'measure', unit: openingsUnit, description: t('Jumlah formasi (bukan orang) dari lowongan aktif berbeda yang, setelah pelatihan, mendapat setidaknya satu pencari kerja baru yang memenuhi syarat.', 'Openings (a count of posts, not persons) of the distinct active vacancies for which the programme makes at least one seeker newly qualified.') },
      { name: 'openings_fillable', type: 'integer', label: t('Formasi yang dapat diisi', 'Openings that could be filled'), format: 'integer', role: 'derived', unit: openingsUnit, dependsOn: ['seekers_unlocked'], description: t('Formasi yang dapat diisi lulusan pelatihan: yang lebih kecil dari seekers_unlocked dan openings_unlocked (tidak lebih banyak dari orangnya, tidak lebih banyak dari formasinya). Disembunyikan bila seekers_unlocked disembunyikan.', 'Openings the trained seekers could fill: the lesser of seekers_unlocked and openings_unlocked (no more than the people, no more than the posts). Withheld when seekers_unlocked is.') },
      { name: 'rank', type: 'integer', label: t('Peringkat', 'Rank'), format: 'integer', role: 'derived', dependsOn: ['seekers_unlocked'], rankBy: ['-openings_fillable', '-seekers_unlocked', 'programme_id'], description: t('Peringkat dalam periode dan wilayah menurut openings_fillable, lalu seekers_unlocked, di antara baris yang terbit (1 = paling banyak formasi yang dapat diisi); kosong bila disembunyikan.', 'Rank within the period and region by openings_fillable, then seekers_unlocked, among the published rows (1 = the most openings that could be filled); empty when withheld.') },
    ],
  },
  {
    name: 'sources',
    title: t('Sumber data', 'Data sources'),
    description: t(
      'Dari apa setiap angka dibuat: per sumber (register PPK, Karirhub, MagangHub, papan lowongan…) dan bulan posting, lowongan dan formasi yang dimuat, porsi yang menyebut keterampilan, yang berkode jabatan, yang ditempatkan ke kabupaten/kota, yang menyebut pemberi kerja, dan yang tidak dihitung karena merupakan duplikat lowongan yang sama dari sumber lain atau posting ulang; tanggal posting pertama dan terakhir. Nasional (ID) dan per provinsi.',
      'What each figure is made of: per source (the PES register, Karirhub, MagangHub, job boards…) and month of posting, the vacancies and openings loaded, the shares naming skills, coded to an occupation, placed to a regency, naming an employer, and not counted because they duplicate the same job from another source or a re-post; first and last posting date. National (ID) and per province.'),
    grain: ['period', 'region', 'source'],
    table: 'mart_sources',
    dimensions: ['source'],
    sort: ['period', 'region_sort', 'source'],
    columns: [
      { name: 'source', type: 'text', label: t('Sumber', 'Source'), format: 'text', role: 'dimension', description: t('Nama sumber (nama pemetaan berkasnya, atau kolom source).', 'Source name (its file mapping, or the source column).') },
      { name: 'vacancies_loaded', type: 'integer', label: t('Lowongan dimuat', 'Vacancies loaded'), format: 'integer', role: 'measure', unit: t('lowongan', 'vacancies'), description: t('Lowongan yang dimuat dari sumber ini dan diposting bulan ini, termasuk duplikat.', 'Vacancies loaded from the source and posted in the month, duplicates included.') },
      { name: 'openings_loaded', type: 'integer', label: t('Formasi dimuat', 'Openings loaded'), format: 'integer', role: 'measure', unit: openingsUnit, description: t('Formasi lowongan tersebut.', 'Openings of those vacancies.') },
      { name: 'vacancies_counted', type: 'integer', label: t('Lowongan dihitung', 'Vacancies counted'), format: 'integer', role: 'measure', unit: t('lowongan', 'vacancies'), description: t('Lowongan yang dihitung dalam angka yang diterbitkan: yang dimuat dikurangi duplikat yang diwakili lowongan lain.', 'Vacancies counted in the published figures: those loaded minus the duplicates another record represents.') },
      { name: 'share_with_skills', type: 'number', label: t('Dengan keterampilan', 'With skills'), format: 'percent', role: 'derived', unit: ratio, description: t('Porsi lowongan dengan setidaknya satu keterampilan (dari kolom keterampilan atau deskripsi).', 'Share of vacancies with at least one skill (from a skills column or the description).') },
      { name: 'share_coded', type: 'number', label: t('Berkode jabatan', 'Occupation coded'), format: 'percent', role: 'derived', unit: ratio, description: t('Porsi lowongan dengan kode jabatan ISCO-08 (dari sumber atau dikodekan dari judul).', 'Share of vacancies with an ISCO-08 occupation code (from the source or coded from the title).') },
      { name: 'share_placed_regency', type: 'number', label: t('Di kabupaten/kota', 'Placed to a regency'), format: 'percent', role: 'derived', unit: ratio, description: t('Porsi lowongan yang ditempatkan ke kabupaten/kota (bukan hanya provinsi atau nasional).', 'Share of vacancies placed to a regency (not only a province or the whole country).') },
      { name: 'share_with_employer', type: 'number', label: t('Menyebut pemberi kerja', 'Naming an employer'), format: 'percent', role: 'derived', unit: ratio, description: t('Porsi lowongan yang menyebut pemberi kerja (nama pemberi kerja tidak pernah diterbitkan).', 'Share of vacancies naming an employer (employer names are never published).') },
      { name: 'share_duplicates', type: 'number', label: t('Duplikat', 'Duplicates'), format: 'percent', role: 'derived', unit: ratio, description: t('Porsi lowongan yang tidak dihitung: duplikat lowongan yang sama (dari sumber lain atau posting ulang) yang diwakili lowongan lain.', 'Share of vacancies not counted: duplicates of the same job (from another source or a re-post) that another record represents.') },
      { name: 'share_seen_elsewhere', type: 'number', label: t('Juga di sumber lain', 'Also in another source'), format: 'percent', role: 'derived', unit: ratio, description: t('Porsi lowongan yang juga dimuat dari sumber lain (kelompok duplikat lintas sumber).', 'Share of vacancies also loaded from another source (cross-source duplicate groups).') },
      { name: 'first_posted', type: 'text', label: t('Posting pertama', 'First posted'), format: 'date', role: 'measure', description: t('Tanggal posting pertama bulan ini (YYYY-MM-DD).', 'First posting date in the month (YYYY-MM-DD).') },
      { name: 'last_posted', type: 'text', label: t('Posting terakhir', 'Last posted'), format: 'date', role: 'measure', description: t('Tanggal posting terakhir bulan ini (YYYY-MM-DD).', 'Last posting date in the month (YYYY-MM-DD).') },
    ],
  },
] as const satisfies readonly Omit<DatasetDef, 'filters'>[];

export const COMMON_COLUMNS: readonly ColumnDef[] = COMMON;
export const WITHHELD_COLUMN: ColumnDef = WITHHELD;
export const DATASETS: DatasetDef[] = DECLARED.map((d) => ({ ...d, filters: filtersOf(d.name) }));

export type DatasetName = (typeof DECLARED)[number]['name'];
type DatasetOf<N extends DatasetName> = Extract<(typeof DECLARED)[number], { name: N }>;
type ColumnOf<N extends DatasetName> = (typeof COMMON)[number] | DatasetOf<N>['columns'][number] | typeof WITHHELD;
export type ColumnName<N extends DatasetName> = ColumnOf<N>['name'];
/** Every column name of any dataset. */
export type AnyColumnName = ColumnName<DatasetName>;

type BaseValue<C> = C extends { type: 'integer' | 'number' } ? number : C extends { type: 'boolean' } ? boolean : string;
/**
 * What a published cell holds: null where it can be withheld or not computed (a person count,
 * anything derived from one, a median or share), the value itself for dimensions, counts of
 * openings and vacancies, and the text columns (withheld, provisional: '' when none).
 */
type CellValue<C> = C extends { role: 'dimension' } ? BaseValue<C>
  : C extends { persons: true } | { dependsOn: readonly string[] } ? BaseValue<C> | null
  : C extends { format: 'integer' | 'text' | 'boolean' } ? BaseValue<C>
  : BaseValue<C> | null;

/** A published row of a dataset, derived from its declaration: Row<'skill-gaps'>['demand'] is number. */
export type Row<N extends DatasetName> = { [C in ColumnOf<N> as C['name']]: CellValue<C> };

export function findDataset(name: string): DatasetDef | undefined {
  return DATASETS.find((d) => d.name === name);
}

/** A column's declaration in a dataset (the common ones and withheld included). */
export function findColumn(dataset: DatasetDef, name: string): ColumnDef | undefined {
  return publishedColumns(dataset).find((c) => c.name === name);
}

/** Each column name's label in a language, the first dataset declaring it: what messages.columns holds besides its own words (server/i18n.ts). */
export function columnLabels(lang: Lang): Record<AnyColumnName, string> {
  const labels: Record<string, string> = {};
  for (const d of DATASETS) for (const c of publishedColumns(d)) labels[c.name] ??= c.label[lang];
  return labels as Record<AnyColumnName, string>;
}

/** Every column a dataset publishes, in order: common, its own, withheld. */
export function publishedColumns(dataset: DatasetDef): ColumnDef[] {
  return [...COMMON_COLUMNS, ...dataset.columns, WITHHELD_COLUMN];
}
