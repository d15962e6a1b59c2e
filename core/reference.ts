// Loads the reference data of DESIGN §3: our curated CSVs in data/reference and the
// regions of the idn-area-data package. Small files, read once by whoever needs them.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import { PROJECT_ROOT } from './config.ts';
import { normalizeText, splitList } from './text.ts';

export const REFERENCE_DIR = path.join(PROJECT_ROOT, 'data', 'reference');

export type AreaType = 'urban' | 'rural';
export interface Province { code: string; name: string }
export interface Regency { code: string; provinceCode: string; name: string; areaType: AreaType }
export interface IscoGroup { code: string; level: 1 | 2 | 3 | 4; titleEn: string; titleId: string }
export interface KbliSection { code: string; titleId: string; titleEn: string }
export interface EducationLevel { code: string; isced: number | null; labelId: string; labelEn: string; aliases: string[] }
export interface Skill {
  id: string; labelId: string; labelEn: string; group: string;
  transversal: boolean; escoUri: string | null; aliases: string[];
}
export interface JobTitle { title: string; lang: 'id' | 'en'; iscoCode: string }
export interface OccupationSkill { iscoCode: string; skillId: string; importance: 'core' | 'optional' }
export interface TrainingProgramme { id: string; nameId: string; nameEn: string; vocation: string; hours: number; skills: string[] }
export interface RegionAlias { alias: string; code: string }

export interface Reference {
  provinces: Province[];
  regencies: Regency[];
  regionAliases: RegionAlias[];
  isco: IscoGroup[];
  kbliSections: KbliSection[];
  educationLevels: EducationLevel[];
  skills: Skill[];
  jobTitles: JobTitle[];
  occupationSkills: OccupationSkill[];
  trainingProgrammes: TrainingProgramme[];
  /** Abbreviations of job titles ("opr" → "operator"), normalised. */
  titleAbbreviations: Map<string, string>;
}

type Row = Record<string, string>;

export function readCsvRows(file: string): Row[] {
  return parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Row[];
}

/** Load every reference file; `dir` is data/reference unless a test points elsewhere. */
export function loadReference(dir: string = REFERENCE_DIR): Reference {
  const rows = (name: string) => readCsvRows(path.join(dir, name));
  const optionalRows = (name: string) => (fs.existsSync(path.join(dir, name)) ? rows(name) : []);
  return {
    ...loadRegions(),
    regionAliases: rows('region_aliases.csv').map((r) => ({ alias: r.alias, code: r.code })),
    isco: optionalRows('isco.csv').map((r) => ({
      code: r.code, level: Number(r.level) as IscoGroup['level'], titleEn: r.title_en, titleId: r.title_id,
    })),
    kbliSections: optionalRows('kbli_sections.csv').map((r) => ({ code: r.code, titleId: r.title_id, titleEn: r.title_en })),
    educationLevels: rows('education_levels.csv').map((r) => ({
      code: r.code, isced: r.isced === '' ? null : Number(r.isced), labelId: r.label_id, labelEn: r.label_en, aliases: splitList(r.aliases),
    })),
    skills: loadSkills(path.join(dir, 'skills')),
    jobTitles: optionalRows('job_titles.csv').map((r) => ({ title: r.title, lang: r.lang as JobTitle['lang'], iscoCode: r.isco_code })),
    occupationSkills: optionalRows('occupation_skills.csv').map((r) => ({
      iscoCode: r.isco_code, skillId: r.skill_id, importance: r.importance as OccupationSkill['importance'],
    })),
    titleAbbreviations: new Map(rows('title_abbreviations.csv').map((r) => [normalizeText(r.abbreviation), normalizeText(r.expansion)])),
    trainingProgrammes: optionalRows('training_programmes.csv').map((r) => ({
      id: r.id, nameId: r.name_id, nameEn: r.name_en, vocation: r.vocation, hours: Number(r.hours), skills: splitList(r.skills),
    })),
  };
}

function loadSkills(dir: string): Skill[] {
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();
  return files.flatMap((file) =>
    readCsvRows(path.join(dir, file)).map((r) => ({
      id: r.id,
      labelId: r.label_id,
      labelEn: r.label_en,
      group: r.group,
      transversal: r.transversal === 'true',
      escoUri: r.esco_uri || null,
      aliases: splitList(r.aliases),
    })),
  );
}

/** Provinces and regencies/cities from the idn-area-data package (BPS codes). */
function loadRegions(): Pick<Reference, 'provinces' | 'regencies'> {
  const require = createRequire(import.meta.url);
  const dataDir = path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data');
  const provinces = readCsvRows(path.join(dataDir, 'provinces.csv')).map((r) => ({ code: r.code, name: titleCase(r.name) }));
  const regencies = readCsvRows(path.join(dataDir, 'regencies.csv')).map((r) => ({
    code: r.code,
    provinceCode: r.province_code,
    name: titleCase(r.name),
    areaType: (r.name.startsWith('KOTA') ? 'urban' : 'rural') as AreaType,
  }));
  return { provinces, regencies };
}

const KEEP_UPPER = new Set(['DKI', 'DI']);

/** "KABUPATEN ACEH SELATAN" → "Kabupaten Aceh Selatan"; keeps DKI. */
export function titleCase(name: string): string {
  return name
    .split(/\s+/)
    .map((word) => (KEEP_UPPER.has(word) ? word : word.charAt(0) + word.slice(1).toLowerCase()))
    .join(' ');
}
