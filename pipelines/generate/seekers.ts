// Synthetic job-seeker (AK/I register) rows in the DESIGN §2 layout, with placements into
// the filled vacancies of the same province and occupation group. The extract carries a
// `nik` column on purpose: ingestion must drop direct identifiers.
import { EDUCATION_RANK } from '../../core/methodology.ts';
import { isoOf } from './calendar.ts';
import type { GenerateContext } from './context.ts';
import type { Occupation, ProvinceModel } from './model.ts';
import { WeightedSampler } from './random.ts';
import { placeColumns, vacancyId, type FilledIndex } from './vacancies.ts';
import { skillForm } from './wording.ts';

export const SEEKER_COLUMNS = [
  'seeker_id', 'nik', 'registered_date', 'birth_year', 'gender', 'province_code', 'regency_code', 'education_level',
  'field_of_study', 'skills', 'preferred_occupation_code', 'experience_years', 'disability', 'status',
  'placed_date', 'deregistered_date', 'placed_vacancy_id',
] as const;
export const PLACEMENT_COLUMNS = ['seeker_id', 'vacancy_id', 'placement_date', 'source'] as const;

const EDUCATION = ['SD', 'SMP', 'SMA', 'SMK', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2'];
// Registered job seekers by education: SMK and SMA leavers dominate, as in Sakernas open unemployment.
const EDUCATION_SHARE = new WeightedSampler([4, 9, 27, 31, 1, 0.5, 7, 1.5, 18, 1]);
const MIN_AGE: Record<string, number> = { SD: 15, SMP: 15, SMA: 17, SMK: 17, D1: 18, D2: 19, D3: 20, D4: 21, S1: 21, S2: 23 };
const AGE_BANDS = [[15, 24], [25, 34], [35, 44], [45, 54], [55, 64]] as const;
const AGE_SHARE = new WeightedSampler([47, 33, 12, 6, 2]);
const SMA_FIELDS = ['IPA', 'IPS', 'Bahasa'];
const GENERAL_FIELDS = ['Manajemen', 'Akuntansi', 'Teknik Informatika', 'Administrasi Perkantoran', 'Teknik Mesin', 'Teknik Elektro', 'Pendidikan', 'Hukum', 'Ilmu Komunikasi', 'Tata Boga', 'Keperawatan', 'Agribisnis'];
const BAD_EDUCATION = ['Sarjanah', 'SMK Sederajad', 'Strata Satoe', 'Diplomma', 'SLTP Sederajad'];
const UNKNOWN_PLACES = ['Luar Negeri', 'Malaysia', 'Kab. Antah Berantah', 'Hongkong'];

export interface SeekerSinks {
  seekers: (row: string[]) => Promise<void> | undefined;
  placements: (row: string[]) => Promise<void> | undefined;
}

export async function generateSeekers(ctx: GenerateContext, count: number, filled: FilledIndex, sinks: SeekerSinks): Promise<number> {
  const { random, model, range } = ctx;
  let placements = 0;
  for (let i = 0; i < count; i++) {
    const registered = range.first + ctx.seekerDays.draw(random);
    const provinceIndex = model.provinces.length === 1 ? 0 : model.seekerProvince.draw(random);
    const province = model.provinces[provinceIndex];
    const regency = province.regencies[province.seekerRegency.draw(random)];
    const education = EDUCATION[EDUCATION_SHARE.draw(random)];
    const occupation = drawPreference(ctx, province, regency.urban, education);
    const age = drawAge(ctx, education);
    const female = random.next() < 0.7 * occupation.femaleShare + 0.3 * 0.4;
    const id = seekerId(i);

    let status = 'active';
    let placedDay: number | null = null;
    let deregisteredDay: number | null = null;
    let placedVacancy = -1;
    const placeChance = 0.32 * Math.min(1.3, Math.sqrt(occupation.vacancyWeight / occupation.seekerWeight));
    if (random.next() < placeChance) {
      placedVacancy = filled.find(provinceIndex, Number(occupation.subMajor), registered + 2, registered + 170, random.int(4));
      if (placedVacancy >= 0) {
        filled.capacity[placedVacancy] -= 1;
        placedDay = Math.max(registered + 1, filled.closeDay[placedVacancy] - random.between(0, 7));
        status = 'placed';
      }
    }
    if (status === 'active' && random.next() < 0.18) {
      const day = registered + random.between(20, 400);
      if (day <= range.last) { deregisteredDay = day; status = 'inactive'; }
    }

    const skills = seekerSkills(ctx, occupation, education, placedVacancy >= 0 ? filled.skillsOf(placedVacancy) : []);
    const [provinceText, regencyText] = placeColumns(ctx, province, regency.code, regency.name);
    const row = [
      id, fakeNik(ctx, regency.code, age, registered, female), isoOf(registered), String(Number(isoOf(registered).slice(0, 4)) - age),
      female ? 'P' : 'L', provinceText, regencyText, education, fieldOfStudy(ctx, occupation, education),
      skills.map((s) => skillForm(random, model.skillForms[s])).join(', '),
      random.next() < 0.85 ? occupation.code : '',
      String(Math.max(0, Math.floor(random.next() * (age - MIN_AGE[education]) * 0.6))),
      random.next() < 0.015 ? 'true' : 'false',
      random.next() < 0.05 ? ({ active: 'aktif', placed: 'ditempatkan', inactive: 'tidak aktif' } as Record<string, string>)[status] : status,
      placedDay === null ? '' : isoOf(placedDay), deregisteredDay === null ? '' : isoOf(deregisteredDay),
      placedVacancy >= 0 ? vacancyId(placedVacancy) : '',
    ];
    const defect = injectSeekerDefect(ctx, row, registered);
    let pending = sinks.seekers(row);
    if (pending) await pending;
    if (defect === 'duplicate') {
      pending = sinks.seekers(row);
      if (pending) await pending;
    }
    if (placedDay !== null) {
      placements++;
      pending = sinks.placements([id, vacancyId(placedVacancy), isoOf(placedDay), 'karirhub']);
      if (pending) await pending;
    }
    if ((i + 1) % 10_000 === 0 || i + 1 === count) ctx.progress('seekers', i + 1, count);
  }
  return placements;
}

export function seekerId(i: number): string {
  return `AK1${String((i * 2654435761) % 1_000_000_000).padStart(9, '0')}`;
}

/** Seekers prefer occupations their schooling fits: far below the usual level is rare, far above less common. */
function drawPreference(ctx: GenerateContext, province: ProvinceModel, urban: boolean, education: string): Occupation {
  const sampler = province.seekerOccupation[urban ? 1 : 0];
  const rank = EDUCATION_RANK[education];
  let occupation = ctx.model.occupations[sampler.draw(ctx.random)];
  for (let tries = 0; tries < 30; tries++) {
    const gap = rank - EDUCATION_RANK[occupation.education];
    const fit = gap >= 0 ? (gap > 3 ? 0.35 : 1) : gap === -1 ? 0.3 : 0.05;
    if (ctx.random.next() < fit) return occupation;
    occupation = ctx.model.occupations[sampler.draw(ctx.random)];
  }
  return occupation;
}

function drawAge(ctx: GenerateContext, education: string): number {
  const [low, high] = AGE_BANDS[AGE_SHARE.draw(ctx.random)];
  return Math.max(MIN_AGE[education], ctx.random.between(low, high));
}

function fieldOfStudy(ctx: GenerateContext, occupation: Occupation, education: string): string {
  if (education === 'SD' || education === 'SMP') return '';
  if (education === 'SMA') return ctx.random.pick(SMA_FIELDS);
  if (occupation.fieldsOfStudy.length > 0 && ctx.random.next() < 0.75) return ctx.random.pick(occupation.fieldsOfStudy);
  return ctx.random.pick(GENERAL_FIELDS);
}

/**
 * What a seeker lists: part of their preferred occupation's profile, office software for
 * school leavers (the general-administration surplus), a soft skill or two, and, when
 * they were placed, most of what that vacancy asked for. One in eight lists nothing.
 */
function seekerSkills(ctx: GenerateContext, occupation: Occupation, education: string, placedSkills: number[]): number[] {
  const { random, model } = ctx;
  if (placedSkills.length === 0 && random.next() < 0.12) return [];
  const chosen = new Set<number>();
  for (const s of placedSkills) if (random.next() < 0.85) chosen.add(s);
  for (const s of occupation.core) if (random.next() < 0.5) chosen.add(s);
  for (const s of occupation.optional) if (random.next() < 0.15) chosen.add(s);
  if (EDUCATION_RANK[education] >= 3) for (const s of model.officeSkills) if (random.next() < 0.3) chosen.add(s);
  if (model.transversalSkills.length > 0 && random.next() < 0.5) chosen.add(random.pick(model.transversalSkills));
  return [...chosen].slice(0, 10);
}

/** A 16-digit number shaped like a NIK (region, birth date, sequence): fake, but realistic enough to be caught. */
function fakeNik(ctx: GenerateContext, regencyCode: string, age: number, registered: number, female: boolean): string {
  const birth = new Date((registered - age * 365 - ctx.random.int(365)) * 86_400_000);
  const dd = birth.getUTCDate() + (female ? 40 : 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${regencyCode.replace('.', '')}${pad(ctx.random.between(1, 30))}${pad(dd)}${pad(birth.getUTCMonth() + 1)}${String(birth.getUTCFullYear()).slice(2)}${String(ctx.random.between(1, 9999)).padStart(4, '0')}`;
}

function injectSeekerDefect(ctx: GenerateContext, row: string[], registered: number): 'duplicate' | 'other' | null {
  const { random } = ctx;
  const roll = random.next();
  if (roll >= 0.009) return null;
  const at = (name: (typeof SEEKER_COLUMNS)[number]) => SEEKER_COLUMNS.indexOf(name);
  const year = isoOf(registered).slice(0, 4);
  if (roll < 0.001) row[at('birth_year')] = random.pick(['1890', '2031', '19xx']);
  else if (roll < 0.002) row[at('gender')] = random.pick(['X', '?', 'Lainnya']);
  else if (roll < 0.003) { row[at('province_code')] = random.pick(UNKNOWN_PLACES); row[at('regency_code')] = ''; }
  else if (roll < 0.005) row[at('education_level')] = random.pick(BAD_EDUCATION);
  else if (roll < 0.006) row[at('registered_date')] = random.pick([`${year}-02-30`, `31/04/${year}`, `${year}-00-10`]);
  else if (roll < 0.0065) row[at('seeker_id')] = '';
  else return 'duplicate';
  return 'other';
}
