// The generator's picture of Indonesia's registers: where vacancies and seekers are
// (BPS 2023 provincial counts, regency size from the number of districts), which
// occupations they are in (data/generator/occupations.csv, boosted by each province's
// economy and by area type) and which skills those occupations ask for.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PROJECT_ROOT } from '../../core/config.ts';
import { EDUCATION_RANK } from '../../core/methodology.ts';
import { readCsvRows, type Reference, type Skill } from '../../core/reference.ts';
import { splitList } from '../../core/text.ts';
import { WeightedSampler } from './random.ts';

export const GENERATOR_DIR = path.join(PROJECT_ROOT, 'data', 'generator');

export interface Occupation {
  code: string; subMajor: string; titleId: string; titleEn: string;
  vacancyWeight: number; seekerWeight: number; urbanFactor: number; femaleShare: number;
  education: string; sectors: string[]; fieldsOfStudy: string[];
  salaryFactor: number; openingsScale: number; trend: number; daysToFill: number;
  titlesId: string[]; titlesEn: string[];
  core: number[]; optional: number[];
}

export interface RegencyModel { code: string; name: string; urban: boolean }

export interface ProvinceModel {
  code: string; name: string; ump: number;
  regencies: RegencyModel[];
  vacancyRegency: WeightedSampler; seekerRegency: WeightedSampler;
  /** Occupation samplers by area type: [rural, urban]. */
  vacancyOccupation: [WeightedSampler, WeightedSampler];
  seekerOccupation: [WeightedSampler, WeightedSampler];
}

export interface GeneratorModel {
  skills: Skill[];
  skillForms: string[][];
  transversalSkills: number[];
  risingSkills: Set<number>;
  occupations: Occupation[];
  provinces: ProvinceModel[];
  vacancyProvince: WeightedSampler;
  seekerProvince: WeightedSampler;
  /** Skills any office job lists, by index: office software, general administration. */
  officeSkills: number[];
}

/** Economies that pull particular sectors (KBLI sections) above the national mix. */
const PROVINCE_SECTOR_BOOST: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  '31': { J: 2.5, K: 2.5, M: 2, N: 1.6, A: 0.05, B: 0.2 },
  '32': { C: 1.6, J: 1.2 }, '36': { C: 1.6, H: 1.4 }, '35': { C: 1.4 }, '33': { C: 1.5 },
  '21': { C: 1.8, H: 1.3 }, '34': { P: 1.6, I: 1.5, J: 1.3 }, '51': { I: 3, A: 0.6, C: 0.6 }, '52': { I: 1.8 },
  '14': { A: 2.5, B: 1.5 }, '12': { A: 1.8 }, '61': { A: 2.5 }, '62': { A: 2.5, B: 1.5 }, '15': { A: 2 },
  '16': { A: 1.6, B: 1.5 }, '64': { B: 3.5 }, '63': { B: 3 }, '65': { B: 2 }, '72': { B: 2.5, C: 1.2 },
  '82': { B: 2.5 }, '74': { B: 2 }, '73': { A: 1.5, H: 1.3 }, '71': { A: 1.5, I: 1.3 },
};

/** Skills whose demand grows through the period (emerging skills in the data). */
const RISING_SKILL_PATTERN = /(machine-learning|data-analy|digital-marketing|electric-vehicle|solar|social-media|e-commerce|cloud|cyber)/;

export function buildModel(reference: Reference, dir: string = GENERATOR_DIR): GeneratorModel {
  const skills = reference.skills;
  const skillIndex = new Map(skills.map((s, i) => [s.id, i]));
  const occupations = loadOccupations(reference, dir, skillIndex);
  const provinceRows = readCsvRows(path.join(dir, 'provinces.csv'));
  const districts = countDistricts();

  const provinces: ProvinceModel[] = provinceRows.map((row) => {
    const name = reference.provinces.find((p) => p.code === row.code)?.name;
    if (!name) throw new Error(`data/generator/provinces.csv: unknown province code ${row.code}`);
    const regencies = reference.regencies
      .filter((r) => r.provinceCode === row.code)
      .map((r) => ({ code: r.code, name: r.name, urban: r.areaType === 'urban' }));
    const size = regencies.map((r) => Math.max(1, districts.get(r.code) ?? 1));
    const boost = PROVINCE_SECTOR_BOOST[row.code] ?? {};
    const occupationWeights = (weightOf: (o: Occupation) => number, urban: boolean) =>
      new WeightedSampler(occupations.map((o) => {
        const area = urban ? o.urbanFactor : 1 / o.urbanFactor;
        return weightOf(o) * area ** 0.8 * (boost[o.sectors[0]] ?? 1);
      }));
    return {
      code: row.code, name, ump: Number(row.ump_2025_idr), regencies,
      vacancyRegency: new WeightedSampler(regencies.map((r, i) => size[i] * (r.urban ? 2.2 : 1))),
      seekerRegency: new WeightedSampler(regencies.map((r, i) => size[i] * (r.urban ? 1.5 : 1))),
      vacancyOccupation: [occupationWeights((o) => o.vacancyWeight, false), occupationWeights((o) => o.vacancyWeight, true)],
      seekerOccupation: [occupationWeights((o) => o.seekerWeight, false), occupationWeights((o) => o.seekerWeight, true)],
    };
  });

  const officeSkills = ['microsoft-office', 'microsoft-excel', 'general-administration', 'computer-basics', 'basic-computer']
    .map((id) => skillIndex.get(id)).filter((i): i is number => i !== undefined);
  return {
    skills,
    skillForms: skills.map(surfaceForms),
    transversalSkills: skills.flatMap((s, i) => (s.transversal ? [i] : [])),
    risingSkills: new Set(skills.flatMap((s, i) => (s.group === 'green' || RISING_SKILL_PATTERN.test(s.id) ? [i] : []))),
    occupations,
    provinces,
    vacancyProvince: new WeightedSampler(provinceRows.map((r) => Number(r.vacancies_2023))),
    seekerProvince: new WeightedSampler(provinceRows.map((r) => Number(r.seekers_2023))),
    officeSkills,
  };
}

function loadOccupations(reference: Reference, dir: string, skillIndex: Map<string, number>): Occupation[] {
  const isco = new Map(reference.isco.map((g) => [g.code, g]));
  const titles = new Map<string, { id: string[]; en: string[] }>();
  for (const t of reference.jobTitles) {
    const entry = titles.get(t.iscoCode) ?? { id: [], en: [] };
    entry[t.lang].push(t.title);
    titles.set(t.iscoCode, entry);
  }
  const profile = (code: string, importance: 'core' | 'optional') =>
    reference.occupationSkills
      .filter((p) => p.iscoCode === code && p.importance === importance)
      .map((p) => skillIndex.get(p.skillId))
      .filter((i): i is number => i !== undefined);

  return readCsvRows(path.join(dir, 'occupations.csv')).map((row, n) => {
    const where = `data/generator/occupations.csv line ${n + 2}`;
    const group = isco.get(row.isco_code);
    if (group?.level !== 4) throw new Error(`${where}: ${row.isco_code} is not an ISCO-08 unit group`);
    if (!(row.education_typical in EDUCATION_RANK)) throw new Error(`${where}: unknown education ${row.education_typical}`);
    const own = titles.get(row.isco_code) ?? { id: [], en: [] };
    const subMajor = row.isco_code.slice(0, 2);
    const hasOwnProfile = reference.occupationSkills.some((p) => p.iscoCode === row.isco_code);
    const profileCode = hasOwnProfile ? row.isco_code : subMajor;
    return {
      code: row.isco_code, subMajor, titleId: group.titleId, titleEn: group.titleEn,
      vacancyWeight: Number(row.vacancy_weight), seekerWeight: Number(row.seeker_weight),
      urbanFactor: Number(row.urban_factor), femaleShare: Number(row.female_share),
      education: row.education_typical, sectors: splitList(row.sectors), fieldsOfStudy: splitList(row.fields_of_study),
      salaryFactor: Number(row.salary_factor), openingsScale: Number(row.openings_scale),
      trend: Number(row.trend), daysToFill: Number(row.days_to_fill),
      titlesId: own.id.length ? own.id : [group.titleId], titlesEn: own.en.length ? own.en : [group.titleEn],
      core: profile(profileCode, 'core'), optional: profile(profileCode, 'optional'),
    };
  });
}

/** How a skill is written in extracts: its labels and aliases that survive list splitting. */
function surfaceForms(skill: Skill): string[] {
  return [skill.labelId, skill.labelEn, ...skill.aliases].filter((form) => form.length > 1 && !/[;,|\n]/.test(form));
}

function countDistricts(): Map<string, number> {
  const require = createRequire(import.meta.url);
  const file = path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data', 'districts.csv');
  const counts = new Map<string, number>();
  const text = fs.readFileSync(file, 'utf8');
  for (const line of text.split('\n').slice(1)) {
    const regency = line.split(',')[1];
    if (regency) counts.set(regency, (counts.get(regency) ?? 0) + 1);
  }
  return counts;
}
