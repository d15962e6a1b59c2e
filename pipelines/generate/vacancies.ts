// Synthetic vacancy extract rows in the DESIGN §2 layout, plus a compact index of the
// filled vacancies (typed arrays, not rows) that seekers are later placed into.
import { dmyOf, isoOf } from './calendar.ts';
import type { GenerateContext } from './context.ts';
import type { Occupation, ProvinceModel } from './model.ts';
import { companyName, describeVacancy, skillForm, titleVariant, type Lang } from './wording.ts';
import { repostOf } from './reposts.ts';

export const VACANCY_COLUMNS = [
  'vacancy_id', 'source', 'posted_date', 'closed_date', 'expiry_date', 'status', 'employment_type', 'applications',
  'job_title', 'occupation_code', 'sector_code', 'province_code', 'regency_code', 'education_min',
  'experience_min_years', 'openings', 'salary_min', 'salary_max', 'skills', 'description', 'employer',
] as const;

const MAX_SKILLS_PER_VACANCY = 8;

/** Filled vacancies by province and ISCO sub-major group, sorted by closing day. */
export class FilledIndex {
  readonly closeDay: Int32Array;
  readonly capacity: Uint16Array;
  readonly skills: Uint16Array;
  readonly skillCount: Uint8Array;
  private readonly bucketOf: Int32Array;
  private readonly subMajorOf: Uint8Array;
  private buckets = new Map<number, Int32Array>();

  constructor(readonly size: number) {
    this.closeDay = new Int32Array(size).fill(-1);
    this.capacity = new Uint16Array(size);
    this.skills = new Uint16Array(size * MAX_SKILLS_PER_VACANCY);
    this.skillCount = new Uint8Array(size);
    this.bucketOf = new Int32Array(size).fill(-1);
    this.subMajorOf = new Uint8Array(size);
  }

  add(i: number, closeDay: number, province: number, subMajor: number, openings: number, skills: number[]): void {
    this.closeDay[i] = closeDay;
    this.capacity[i] = Math.min(openings, 65535);
    this.bucketOf[i] = province * 100 + subMajor;
    this.subMajorOf[i] = subMajor;
    this.skillCount[i] = skills.length;
    this.skills.set(skills, i * MAX_SKILLS_PER_VACANCY);
  }

  /** Group by bucket and sort each bucket by closing day (stable, so deterministic). */
  seal(): void {
    const lists = new Map<number, number[]>();
    for (let i = 0; i < this.size; i++) {
      const b = this.bucketOf[i];
      if (b < 0) continue;
      let list = lists.get(b);
      if (!list) lists.set(b, (list = []));
      list.push(i);
    }
    for (const [b, list] of lists) {
      list.sort((x, y) => this.closeDay[x] - this.closeDay[y] || x - y);
      this.buckets.set(b, Int32Array.from(list));
    }
  }

  /** A vacancy in the bucket that closes within [from, to] and still has an opening. */
  find(province: number, subMajor: number, from: number, to: number, offset: number): number {
    const list = this.buckets.get(province * 100 + subMajor);
    if (!list) return -1;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.closeDay[list[mid]] < from) lo = mid + 1; else hi = mid;
    }
    for (let k = lo + offset, tries = 0; k < list.length && tries < 40; k++, tries++) {
      const v = list[k];
      if (this.closeDay[v] > to) break;
      if (this.capacity[v] > 0) return v;
    }
    return -1;
  }

  skillsOf(i: number): number[] {
    const start = i * MAX_SKILLS_PER_VACANCY;
    return Array.from(this.skills.subarray(start, start + this.skillCount[i]));
  }
}

export function vacancyId(i: number): string {
  // A multiplicative scramble (the multiplier is coprime with 10^9) keeps ids unique but not sequential.
  return `LOK${String((i * 2654435761) % 1_000_000_000).padStart(9, '0')}`;
}

const EMPLOYMENT = ['full-time', 'full-time', 'full-time', 'full-time', 'full-time', 'full-time', 'contract', 'contract', 'contract', 'part-time', 'apprenticeship', 'internship'];
const EDUCATION_SPELLINGS: Record<string, string[]> = {
  SMA: ['SMA/SMK', 'SLTA', 'SMA Sederajat'], SMK: ['SMK', 'STM'], D3: ['D-III', 'Diploma III', 'D3'], S1: ['S-1', 'Sarjana', 'Bachelor'],
  SMP: ['SLTP'], SD: ['Sekolah Dasar'], D4: ['Sarjana Terapan'], S2: ['Magister'],
};
const EDUCATION_STEPS = ['SD', 'SMP', 'SMA', 'D3', 'S1', 'S2'];
// Places outside Indonesia or that do not exist ("Remote" is no defect: it is a national vacancy).
const UNKNOWN_PLACES = ['Luar Negeri', 'Singapura', 'Kab. Antah Berantah', 'Kuala Lumpur', 'Penang', 'Kota Atlantis'];
const BAD_EDUCATION = ['Sarjanah', 'SLTA Sederajad', 'D-3 Tehnik', 'SMK Sederajad', 'Strata Satoe', 'Diplomma'];

export async function generateVacancies(ctx: GenerateContext, count: number, write: (row: string[]) => Promise<void> | undefined, longSkillShare = 0, repostShare = 0): Promise<FilledIndex> {
  const { random, model, range } = ctx;
  const index = new FilledIndex(count);
  for (let i = 0; i < count; i++) {
    const posted = range.first + ctx.vacancyDays.draw(random);
    const provinceIndex = model.vacancyProvince.draw(random);
    const province = model.provinces[provinceIndex];
    const regency = province.regencies[province.vacancyRegency.draw(random)];
    const occupation = drawOccupation(ctx, province, regency.urban, posted);
    const lang: Lang = random.next() < (occupation.urbanFactor >= 2 ? 0.5 : 0.75) ? 'id' : 'en';
    // drawn only when asked for, so that without the option a seed gives the same bytes as before
    const skills = longSkillShare > 0 && random.next() < longSkillShare ? longSkillList(ctx, occupation) : requiredSkills(ctx, occupation, posted);
    const openings = drawOpenings(ctx, occupation);
    const education = random.next() < 0.8 ? occupation.education : random.pick(EDUCATION_STEPS);
    const educationText = random.next() < 0.12 ? random.pick(EDUCATION_SPELLINGS[education] ?? [education]) : education;
    const experience = pickExperience(ctx);
    const outcome = decideOutcome(ctx, occupation, posted);
    const dmy = random.next() < 0.05;
    const date = (day: number | null) => (day === null ? '' : dmy ? dmyOf(day) : isoOf(day));
    const karirhub = random.next() < 0.75;
    const balance = Math.sqrt(occupation.seekerWeight / occupation.vacancyWeight);
    const applications = karirhub ? String(Math.round(random.logNormal(10 * openings ** 0.6 * balance, 0.8))) : '';
    const [salaryMin, salaryMax] = drawSalary(ctx, occupation, province);
    const titleSource = lang === 'id' ? occupation.titlesId : occupation.titlesEn;
    const title = titleVariant(random, random.pick(titleSource), lang);
    const withSkillColumn = random.next() < 0.72;
    const skillTexts = skills.map((s) => skillForm(random, model.skillForms[s]));
    const mentioned = withSkillColumn ? skillTexts.filter(() => random.next() < 0.5) : skillTexts;
    const [provinceText, regencyText] = placeColumns(ctx, province, regency.code, regency.name);
    let company = '';

    const row = [
      vacancyId(i), karirhub ? 'karirhub' : 'disnaker', date(posted), date(outcome.closed), date(outcome.expiry), outcome.status,
      random.pick(EMPLOYMENT), applications, title,
      random.next() < 0.72 ? occupation.code : '',
      random.next() < 0.9 ? occupation.sectors[random.next() < 0.85 ? 0 : random.int(occupation.sectors.length)] : '',
      provinceText, regencyText, educationText, String(experience), String(openings), salaryMin, salaryMax,
      withSkillColumn ? skillTexts.join(random.next() < 0.8 ? '; ' : ', ') : '',
      describeVacancy(random, {
        lang, company: (company = companyName(random)), title, place: regency.name, education: educationText,
        experienceYears: experience, skills: mentioned,
      }),
      company,
    ];
    const defective = injectVacancyDefect(ctx, row, posted);
    if (!defective && outcome.status === 'filled' && outcome.closed !== null) {
      index.add(i, outcome.closed, provinceIndex, Number(occupation.subMajor), openings, skills.filter((s) => !model.skills[s].transversal).slice(0, MAX_SKILLS_PER_VACANCY));
    }
    const pending = write(row);
    if (pending) await pending;
    if (defective === 'duplicate') {
      const again = write(row);
      if (again) await again;
    }
    // drawn only when asked for, so that without the option a seed gives the same rows as before
    if (repostShare > 0 && !defective && random.next() < repostShare) {
      const again = write(repostOf(ctx, row, { posted, lang, company, title, place: regency.name, education: educationText, experienceYears: experience, skills: mentioned }));
      if (again) await again;
    }
    if ((i + 1) % 10_000 === 0 || i + 1 === count) ctx.progress('vacancies', i + 1, count);
  }
  index.seal();
  return index;
}

function drawOccupation(ctx: GenerateContext, province: ProvinceModel, urban: boolean, day: number): Occupation {
  const sampler = province.vacancyOccupation[urban ? 1 : 0];
  for (;;) {
    const occupation = ctx.model.occupations[sampler.draw(ctx.random)];
    if (ctx.random.next() * ctx.trendBound < ctx.trendFactor(occupation.trend, day)) return occupation;
  }
}

function requiredSkills(ctx: GenerateContext, occupation: Occupation, day: number): number[] {
  const { random, model } = ctx;
  const chosen: number[] = [];
  const consider = (skill: number, p: number) => {
    const rising = model.risingSkills.has(skill) ? ctx.trendFactor(1.6, day) / ctx.trendFactor(1.6, ctx.range.last) : 1;
    if (chosen.length < MAX_SKILLS_PER_VACANCY && !chosen.includes(skill) && random.next() < p * rising) chosen.push(skill);
  };
  for (const s of occupation.core) consider(s, 0.75);
  for (const s of occupation.optional) consider(s, 0.3);
  if (!chosen.some((s) => !model.skills[s].transversal)) {
    const pool = [...occupation.core, ...occupation.optional].filter((s) => !model.skills[s].transversal);
    if (pool.length > 0) chosen.unshift(random.pick(pool));
  }
  if (model.transversalSkills.length > 0 && random.next() < 0.35) consider(random.pick(model.transversalSkills), 1);
  return chosen.slice(0, MAX_SKILLS_PER_VACANCY);
}

/**
 * A long advert: 25–40 skills, the occupation's own first, then others of the taxonomy
 * (real descriptions list tools, software and soft skills well beyond the occupation).
 */
function longSkillList(ctx: GenerateContext, occupation: Occupation): number[] {
  const { random, model } = ctx;
  const target = random.between(25, 40);
  const chosen = new Set<number>([...occupation.core, ...occupation.optional].filter((s) => !model.skills[s].transversal).slice(0, target));
  while (chosen.size < target) {
    const s = random.int(model.skills.length);
    if (!model.skills[s].transversal) chosen.add(s);
  }
  return [...chosen];
}

function drawOpenings(ctx: GenerateContext, occupation: Occupation): number {
  const { random } = ctx;
  if (occupation.openingsScale <= 1.5) {
    const roll = random.next();
    return roll < 0.7 ? 1 : roll < 0.9 ? 2 : random.between(3, 5);
  }
  return Math.min(200, Math.max(1, Math.round(random.logNormal(occupation.openingsScale, 0.7))));
}

function pickExperience(ctx: GenerateContext): number {
  const roll = ctx.random.next();
  return roll < 0.45 ? 0 : roll < 0.7 ? 1 : roll < 0.85 ? 2 : ctx.random.between(3, 5);
}

interface Outcome { status: string; closed: number | null; expiry: number | null }

function decideOutcome(ctx: GenerateContext, occupation: Occupation, posted: number): Outcome {
  const { random, range } = ctx;
  const expiry = random.next() < 0.7 ? posted + random.pick([14, 30, 30, 30, 45, 60, 90]) : null;
  const fillChance = 0.55 * Math.min(1.2, Math.max(0.45, Math.sqrt(occupation.seekerWeight / occupation.vacancyWeight)));
  const roll = random.next();
  let status = 'open';
  let closed: number | null = null;
  if (roll < fillChance) {
    const days = random.next() < 0.01 ? 0 : Math.min(150, Math.max(1, Math.round(random.logNormal(occupation.daysToFill, 0.5))));
    if (posted + days <= range.last) { status = 'filled'; closed = posted + days; }
  } else if (roll < fillChance + 0.06) {
    const days = random.between(3, 45);
    if (posted + days <= range.last) { status = 'cancelled'; closed = posted + days; }
  } else if ((expiry ?? posted + ctx.vacancyValidityDays) < range.last) {
    status = 'expired';
  }
  if (random.next() < 0.05) status = { open: 'dibuka', filled: 'terisi', cancelled: 'dibatalkan', expired: 'kedaluwarsa' }[status] ?? status;
  return { status, closed, expiry };
}

function drawSalary(ctx: GenerateContext, occupation: Occupation, province: ProvinceModel): [string, string] {
  const { random } = ctx;
  if (random.next() < 0.4) return ['', ''];
  const round = (v: number) => Math.round(v / 50_000) * 50_000;
  const min = round(province.ump * occupation.salaryFactor * random.logNormal(1, 0.15));
  if (random.next() < 0.1) return [String(min), ''];
  return [String(min), String(round(min * (1.15 + random.next() * 0.45)))];
}

/** Offices export codes; some write names, some leave the regency out. */
export function placeColumns(ctx: GenerateContext, province: ProvinceModel, regencyCode: string, regencyName: string): [string, string] {
  const roll = ctx.random.next();
  if (roll < 0.05) return [province.name, regencyName];
  if (roll < 0.08) return [province.code, ''];
  return [province.code, regencyCode];
}

type Defect = 'duplicate' | 'other' | null;

/** About 1 % of rows carry a defect that ingestion must catch (DESIGN §2, bad input). */
function injectVacancyDefect(ctx: GenerateContext, row: string[], posted: number): Defect {
  const { random } = ctx;
  const roll = random.next();
  if (roll >= 0.0095) return null;
  const at = (name: (typeof VACANCY_COLUMNS)[number]) => VACANCY_COLUMNS.indexOf(name);
  if (roll < 0.0015) {
    const year = isoOf(posted).slice(0, 4);
    row[at('posted_date')] = random.pick([`31/02/${year}`, `${year}-02-30`, `${year}-13-05`, `00/00/0000`]);
  } else if (roll < 0.0025) {
    row[at('status')] = 'filled';
    row[at('closed_date')] = isoOf(posted - random.between(1, 30));
    row[at('posted_date')] = isoOf(posted);
  } else if (roll < 0.004) {
    row[at('province_code')] = random.pick(UNKNOWN_PLACES);
    row[at('regency_code')] = '';
  } else if (roll < 0.006) {
    row[at('education_min')] = random.pick(BAD_EDUCATION);
  } else if (roll < 0.0065) {
    row[at('openings')] = random.pick(['0', '-1', '-5']);
  } else if (roll < 0.007) {
    row[at('job_title')] = '';
  } else {
    return 'duplicate';
  }
  return 'other';
}

