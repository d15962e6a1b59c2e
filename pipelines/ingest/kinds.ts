// The data contract of DESIGN §2, declared once: for each kind of extract a KindSpec with
// its canonical columns (Indonesian and English header aliases, which are required), the
// lookups its validation joins, its validation and load SQL and its skills; and the header
// names of direct identifiers that are dropped on arrival. ingest/file.ts reads only this.
import { normalizeText } from '../../core/text.ts';

export const KINDS = ['vacancies', 'seekers', 'placements'] as const;
export type Kind = (typeof KINDS)[number];

export interface ColumnSpec { name: string; required?: boolean; aliases: string[] }

const V: ColumnSpec[] = [
  { name: 'vacancy_id', required: true, aliases: ['id_lowongan', 'no_lowongan', 'nomor_lowongan', 'kode_lowongan', 'lowongan_id', 'job_id', 'id'] },
  { name: 'source', aliases: ['sumber', 'sumber_data', 'portal'] },
  { name: 'posted_date', required: true, aliases: ['tanggal_posting', 'tgl_posting', 'tanggal_tayang', 'tanggal_lowongan', 'tanggal_dibuat', 'date_posted', 'posting_date', 'created_date', 'tanggal'] },
  { name: 'closed_date', aliases: ['tanggal_tutup', 'tgl_tutup', 'tanggal_ditutup', 'tanggal_terisi', 'date_closed', 'filled_date'] },
  { name: 'expiry_date', aliases: ['tanggal_berakhir', 'tgl_berakhir', 'batas_lamaran', 'batas_akhir', 'tanggal_kedaluwarsa', 'deadline', 'expiration_date', 'apply_end_date'] },
  { name: 'status', aliases: ['status_lowongan', 'vacancy_status'] },
  { name: 'employment_type', aliases: ['jenis_pekerjaan', 'tipe_pekerjaan', 'status_kepegawaian', 'jenis_kontrak', 'job_type', 'contract_type'] },
  { name: 'applications', aliases: ['jumlah_pelamar', 'pelamar', 'jumlah_lamaran', 'applicants'] },
  { name: 'job_title', required: true, aliases: ['jabatan', 'nama_jabatan', 'posisi', 'judul_lowongan', 'nama_lowongan', 'title', 'position', 'job_name'] },
  { name: 'occupation_code', aliases: ['kode_jabatan', 'kbji', 'kode_kbji', 'isco', 'isco_code', 'kode_isco', 'occupation'] },
  { name: 'sector_code', aliases: ['kbli', 'kode_kbli', 'sektor', 'lapangan_usaha', 'sector', 'industry_code'] },
  { name: 'province_code', aliases: ['provinsi', 'kode_provinsi', 'propinsi', 'prov', 'province'] },
  { name: 'regency_code', aliases: ['kabupaten_kota', 'kab_kota', 'kode_kabupaten_kota', 'kode_kab_kota', 'kabupaten', 'kota', 'regency', 'city', 'district'] },
  { name: 'location', aliases: ['lokasi', 'lokasi_kerja', 'penempatan', 'job_location', 'work_location'] },
  { name: 'education_min', aliases: ['pendidikan_minimal', 'pendidikan_min', 'pendidikan', 'min_pendidikan', 'education', 'minimum_education', 'education_level'] },
  { name: 'experience_min_years', aliases: ['pengalaman_minimal', 'pengalaman', 'pengalaman_tahun', 'min_experience', 'experience_years', 'experience'] },
  { name: 'openings', aliases: ['jumlah_lowongan', 'jumlah_kebutuhan', 'kebutuhan', 'jumlah_orang', 'formasi', 'vacancies', 'positions', 'headcount'] },
  { name: 'salary_min', aliases: ['gaji_min', 'gaji_minimal', 'upah_min', 'gaji', 'upah', 'min_salary', 'salary'] },
  { name: 'salary_max', aliases: ['gaji_max', 'gaji_maksimal', 'upah_max', 'max_salary'] },
  { name: 'skills', aliases: ['keterampilan', 'keahlian', 'kompetensi', 'skill', 'list_skill', 'required_skills'] },
  { name: 'description', aliases: ['deskripsi', 'uraian', 'uraian_pekerjaan', 'deskripsi_pekerjaan', 'persyaratan', 'job_description'] },
  // The employer (a company's name or id, never a person): used to find the same vacancy
  // posted twice (pipelines/sql/marts/00_duplicates.sql), never published below k employers.
  { name: 'employer', aliases: ['perusahaan', 'nama_perusahaan', 'company', 'company_name', 'employer_name', 'pemberi_kerja', 'id_perusahaan'] },
];

const S: ColumnSpec[] = [
  { name: 'seeker_id', required: true, aliases: ['id_pencaker', 'id_pencari_kerja', 'nomor_pendaftaran', 'no_pendaftaran', 'no_ak1', 'nomor_ak1', 'kartu_kuning', 'jobseeker_id', 'id'] },
  { name: 'source', aliases: ['sumber', 'sumber_data'] },
  { name: 'registered_date', required: true, aliases: ['tanggal_daftar', 'tgl_daftar', 'tanggal_pendaftaran', 'tanggal_registrasi', 'registration_date', 'date_registered'] },
  { name: 'birth_year', aliases: ['tahun_lahir', 'thn_lahir', 'year_of_birth'] },
  // A date of birth is read for its year only; the date itself is never stored.
  { name: 'birth_date', aliases: ['tanggal_lahir', 'tgl_lahir', 'date_of_birth', 'dob'] },
  { name: 'age', aliases: ['usia', 'umur'] },
  { name: 'gender', aliases: ['jenis_kelamin', 'jk', 'kelamin', 'sex'] },
  { name: 'province_code', aliases: ['provinsi', 'kode_provinsi', 'propinsi', 'prov', 'province'] },
  { name: 'regency_code', aliases: ['kabupaten_kota', 'kab_kota', 'kode_kabupaten_kota', 'kode_kab_kota', 'kabupaten', 'kota', 'regency', 'city', 'district'] },
  { name: 'location', aliases: ['lokasi', 'domisili'] },
  { name: 'education_level', aliases: ['pendidikan', 'pendidikan_terakhir', 'jenjang_pendidikan', 'tingkat_pendidikan', 'education', 'education_min'] },
  { name: 'field_of_study', aliases: ['jurusan', 'program_studi', 'prodi', 'bidang_studi', 'major'] },
  { name: 'skills', aliases: ['keterampilan', 'keahlian', 'kompetensi', 'skill', 'list_skill'] },
  { name: 'preferred_occupation_code', aliases: ['jabatan_diminati', 'kode_jabatan_diminati', 'minat_jabatan', 'preferred_occupation', 'occupation_code'] },
  { name: 'experience_years', aliases: ['pengalaman', 'pengalaman_kerja', 'lama_pengalaman', 'experience'] },
  { name: 'disability', aliases: ['disabilitas', 'penyandang_disabilitas', 'difabel', 'disabled'] },
  { name: 'status', aliases: ['status_pencaker', 'status_pencari_kerja'] },
  { name: 'placed_date', aliases: ['tanggal_penempatan', 'tgl_penempatan', 'tanggal_diterima', 'placement_date'] },
  { name: 'deregistered_date', aliases: ['tanggal_keluar', 'tanggal_hapus', 'tanggal_nonaktif', 'deregistration_date'] },
  { name: 'placed_vacancy_id', aliases: ['id_lowongan_penempatan', 'lowongan_penempatan', 'vacancy_id'] },
];

const P: ColumnSpec[] = [
  { name: 'seeker_id', required: true, aliases: ['id_pencaker', 'id_pencari_kerja', 'nomor_pendaftaran', 'no_ak1'] },
  { name: 'vacancy_id', required: true, aliases: ['id_lowongan', 'no_lowongan', 'kode_lowongan'] },
  { name: 'placement_date', required: true, aliases: ['tanggal_penempatan', 'tgl_penempatan', 'tanggal_diterima', 'placed_date'] },
  { name: 'source', aliases: ['sumber'] },
];

/**
 * How one kind of extract is ingested. Its SQL files (pipelines/sql) read and write the
 * file's work tables in the `work` database (work.stage → work.typed, work.errors,
 * work.good; file.ts attaches it per file and detaches it after), and load the facts
 * `INSERT … BY NAME`.
 */
export interface KindSpec {
  kind: Kind;
  columns: ColumnSpec[];
  /** Personal data (seekers, placements): no value of the file in any message, log line or error. */
  personal: boolean;
  /** The id a mapping's id_from makes by hashing other columns. */
  idColumn: 'vacancy_id' | 'seeker_id';
  /** Region and education lookups (work.lk_region, work.lk_education) over the file's distinct values, with the education column they read; null: none. */
  valueLookups: { educationColumn: string } | null;
  /** ISCO codes for the distinct titles of rows without one (work.lk_title). */
  titleLookup: boolean;
  /** Skills from the skills column (and from descriptions) into work.stage_skill; null: none. */
  skills: { descriptions: boolean } | null;
  /** pipelines/sql file: work.stage → work.typed, work.errors (one row per broken rule, naming line and column) and work.good. */
  validateSql: string;
  /** pipelines/sql files run in the file's transaction: the facts from work.good, replacing earlier records of the same ids. */
  loadSql: string[];
}

export const KIND_SPECS: Readonly<Record<Kind, KindSpec>> = {
  vacancies: {
    kind: 'vacancies', columns: V, personal: false, idColumn: 'vacancy_id', valueLookups: { educationColumn: 'education_min' }, titleLookup: true,
    skills: { descriptions: true }, validateSql: 'vacancies_validate.sql', loadSql: ['vacancies_load.sql', 'vacancy_skills_load.sql'],
  },
  seekers: {
    kind: 'seekers', columns: S, personal: true, idColumn: 'seeker_id', valueLookups: { educationColumn: 'education_level' }, titleLookup: false,
    skills: { descriptions: false }, validateSql: 'seekers_validate.sql', loadSql: ['seekers_load.sql', 'seeker_skills_load.sql'],
  },
  placements: {
    kind: 'placements', columns: P, personal: true, idColumn: 'seeker_id', valueLookups: null, titleLookup: false,
    skills: null, validateSql: 'placements_validate.sql', loadSql: ['placements_load.sql'],
  },
};

export const COLUMNS: Readonly<Record<Kind, ColumnSpec[]>> = { vacancies: V, seekers: S, placements: P };

/** File-name prefixes that say the kind (DESIGN §2). */
const KIND_PREFIXES: [RegExp, Kind][] = [
  [/^(vacancies|vacancy|lowongan)/, 'vacancies'],
  [/^(seekers|seeker|pencaker|pencari_kerja|pencari-kerja)/, 'seekers'],
  [/^(placements|placement|penempatan)/, 'placements'],
];

/** Whether a file of this kind is personal data; a file of unknown kind is. */
export function isPersonal(kind: string | null | undefined): boolean {
  return !(kind && kind in KIND_SPECS && !KIND_SPECS[kind as Kind].personal);
}

export function kindFromFileName(fileName: string): Kind | null {
  const name = fileName.toLowerCase();
  for (const [pattern, kind] of KIND_PREFIXES) if (pattern.test(name)) return kind;
  return null;
}

/** Header names of direct identifiers (DESIGN §2): never stored, named in the run log. */
const IDENTIFIER_HEADERS = [
  /^(nik|no_?ktp|nomor_?ktp|ktp|nomor_induk_kependudukan|national_id|id_number|no_kk|npwp|passport|paspor)$/,
  /^(nama|nama_lengkap|nama_pencaker|full_?name|first_?name|last_?name|name)$/,
  /^(telepon|telp|no_?telp|no_?hp|nomor_?hp|nomor_telepon|hp|handphone|phone|phone_number|mobile|whatsapp|wa)$/,
  /^(email|e_?mail|surel|alamat_email)$/,
  /^(alamat|alamat_lengkap|alamat_rumah|address|street|rt_rw|kelurahan|desa|kode_pos|postal_code)$/,
  /^(tempat_lahir|place_of_birth|nama_ibu|mother_name)$/,
];

export function headerKey(header: string): string {
  return normalizeText(header).replace(/ /g, '_');
}

export function isDirectIdentifier(header: string): boolean {
  const key = headerKey(header);
  return IDENTIFIER_HEADERS.some((p) => p.test(key));
}
