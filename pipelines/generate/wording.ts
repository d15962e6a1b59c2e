// How postings are worded: skills lists in either language, job titles with the
// variations of real boards, and free-text descriptions in Indonesian and English.
// The filler sentences mention no skill, so the skills a description names are exactly
// the vacancy's skills (tests/generate.test.ts checks this against the taxonomy).
import type { Random } from './random.ts';

export type Lang = 'id' | 'en';

const COMPANY_WORDS = ['Sinar', 'Jaya', 'Abadi', 'Mandiri', 'Sejahtera', 'Karya', 'Prima', 'Utama', 'Nusantara', 'Bangun', 'Mitra', 'Sentosa', 'Makmur', 'Cahaya', 'Gemilang', 'Perkasa', 'Lestari', 'Bintang', 'Samudra', 'Surya', 'Agung', 'Berkah', 'Harapan', 'Sukses'];
const COMPANY_FORMS = ['PT', 'PT', 'PT', 'CV', 'UD'];

export function companyName(random: Random): string {
  const words = random.between(2, 3);
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(random.pick(COMPANY_WORDS));
  return `${random.pick(COMPANY_FORMS)} ${parts.join(' ')}`;
}

const SENIORITY: Record<Lang, string[]> = { id: ['Senior', 'Junior', 'Kepala', 'Staf'], en: ['Senior', 'Junior', 'Lead', 'Trainee'] };

/** A title as boards write it: mostly as in the dictionary, sometimes with seniority or in capitals. */
export function titleVariant(random: Random, title: string, lang: Lang): string {
  const roll = random.next();
  if (roll < 0.08) return `${random.pick(SENIORITY[lang])} ${title}`;
  if (roll < 0.12) return title.toUpperCase();
  if (roll < 0.15) return lang === 'id' ? `Dibutuhkan ${title}` : `Hiring ${title}`;
  return title;
}

/** One written form of a skill, as postings and CVs spell it. */
export function skillForm(random: Random, forms: string[]): string {
  const form = forms[random.next() < 0.55 ? random.int(Math.min(2, forms.length)) : random.int(forms.length)];
  return random.next() < 0.25 ? form.toLowerCase() : form;
}

const REQUIRE_ID = ['Menguasai {skills}.', 'Memiliki keahlian {skills}.', 'Terampil dalam {skills}.', 'Diutamakan yang memahami {skills}.', 'Persyaratan keahlian: {skills}.'];
const REQUIRE_EN = ['Must have experience in {skills}.', 'Required skills: {skills}.', 'You are proficient in {skills}.', 'Knowledge of {skills} is a must.'];
const OPENERS_ID = ['{company} membuka lowongan {title} untuk penempatan di {place}.', 'Dicari {title} untuk {company} di {place}.', '{company} ({place}) sedang mencari {title}.'];
const OPENERS_EN = ['{company} is looking for a {title} based in {place}.', 'Join {company} in {place} as {title}.', 'We are hiring: {title} at {company}, {place}.'];
const CLOSERS_ID = ['Gaji dan tunjangan sesuai ketentuan yang berlaku.', 'Kirim lamaran sebelum tanggal penutupan.', 'Penempatan segera setelah lulus seleksi.', 'Tersedia mess untuk karyawan dari luar kota.', 'Lamaran diproses melalui Disnaker setempat.'];
const CLOSERS_EN = ['Competitive salary and statutory benefits.', 'Apply before the closing date.', 'Immediate start after selection.', 'Accommodation available for staff from outside the city.'];

export interface DescriptionParts {
  lang: Lang; company: string; title: string; place: string; education: string;
  experienceYears: number; skills: string[];
}

export function describeVacancy(random: Random, d: DescriptionParts): string {
  const id = d.lang === 'id';
  const opener = random.pick(id ? OPENERS_ID : OPENERS_EN)
    .replace('{company}', d.company).replace('{title}', d.title).replace('{place}', d.place);
  const experience = id
    ? (d.experienceYears > 0 ? `pengalaman minimal ${d.experienceYears} tahun` : 'lulusan baru dipersilakan melamar')
    : (d.experienceYears > 0 ? `at least ${d.experienceYears} years of experience` : 'fresh graduates are welcome');
  const requirement = id
    ? `Kualifikasi: pendidikan minimal ${d.education}, ${experience}.`
    : `Requirements: minimum education ${d.education}, ${experience}.`;
  const skills = d.skills.length === 0 ? '' : ' ' + random.pick(id ? REQUIRE_ID : REQUIRE_EN).replace('{skills}', joinList(d.skills, d.lang));
  const closer = random.pick(id ? CLOSERS_ID : CLOSERS_EN);
  return `${opener} ${requirement}${skills} ${closer}`;
}

function joinList(items: string[], lang: Lang): string {
  if (items.length === 1) return items[0];
  const and = lang === 'id' ? ' dan ' : ' and ';
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

/** Every fixed phrase used in descriptions, for the test that they name no skill. */
export const FILLER_TEXT: readonly string[] = [
  ...COMPANY_WORDS, ...COMPANY_FORMS, ...SENIORITY.id, ...SENIORITY.en,
  ...REQUIRE_ID, ...REQUIRE_EN, ...OPENERS_ID, ...OPENERS_EN, ...CLOSERS_ID, ...CLOSERS_EN,
  'Kualifikasi: pendidikan minimal, pengalaman minimal tahun, lulusan baru dipersilakan melamar',
  'Requirements: minimum education, at least years of experience, fresh graduates are welcome', 'Dibutuhkan', 'Hiring',
];
