// `/match`, the counsellor's desk: the form, and the answer for one job seeker as tables
// (qualified vacancies paged and sortable by links, near misses, skills and programmes that
// would open more, the occupations most open to the profile). Built from core/match.ts;
// nothing here is cached or logged: what is typed is personal data.
import type { MatchResult, SortKey, VacancyDetail } from '../../core/match.ts';
import { SORT_KEYS } from '../../core/match.ts';
import { EMPLOYMENT_TYPES, MAX_MATCH_SKILLS, type MatchQuery } from '../../core/match-input.ts';
import type { Reference, Skill } from '../../core/reference.ts';
import { fill, type Format, type Lang, type Messages } from '../i18n.ts';
import type { Option } from '../render.ts';
import { withQuery } from '../urls.ts';
import { table, type TableView } from './page.ts';

export const MATCH_PAGE_SIZE = 20;

export interface MatchForm {
  skills: string;
  maxSkills: number;
  skillsHint: string;
  education: Option[];
  provinces: Option[];
  regencies: { label: string; options: Option[] }[];
  occupations: Option[];
  employmentTypes: Option[];
  periods: Option[];
  /** Skill names for the <datalist> (in the page's language). */
  datalist: string[];
}

export interface MatchAnswer {
  summary: string;
  recognised: { input: string; skills: string; transversal: boolean }[];
  unrecognised: { input: string; suggestions: string }[];
  qualified: TableView;
  qualifiedEmpty: boolean;
  sortLinks: { label: string; href: string; current: boolean }[];
  paging: { label: string; previous?: string; next?: string };
  near: TableView;
  nearIntro: string;
  unlocking: TableView;
  programmes: TableView;
  occupations: { title: string; counts: string; skills: { label: string; share: string; held: boolean; status: string }[] }[];
  printHref: string;
  asOfLine: string;
}

/** What views/pages/match.hbs and match-print.hbs read besides the layout. */
export interface MatchView {
  intro: string;
  form: MatchForm;
  error?: { heading: string; message: string };
  staffOnly?: boolean;
  answer?: MatchAnswer;
}

export interface MatchFormState {
  query: Record<string, string>;
  periods: string[];
  period: string;
  regions: { region_code: string; region_name: string; region_level: string; parent_code: string | null }[];
  isco: { code: string; title_id: string; title_en: string }[];
}

export function matchForm(state: MatchFormState, reference: Reference, lang: Lang, m: Messages, f: Format): MatchForm {
  const q = state.query;
  const option = (value: string, label: string, selected: boolean): Option => ({ value, label, selected });
  const province = (q.region ?? '').slice(0, 2);
  const provinces = state.regions.filter((r) => r.region_level === 'province');
  return {
    skills: q.skills ?? '',
    maxSkills: MAX_MATCH_SKILLS,
    skillsHint: fill(m.match.skillsHint, { max: MAX_MATCH_SKILLS }),
    education: [option('', m.match.chooseEducation, !q.education), ...reference.educationLevels.filter((e) => e.code !== 'unknown').map((e) => option(e.code, `${e.code} · ${lang === 'id' ? e.labelId : e.labelEn}`, e.code === q.education))],
    provinces: [option('ID', m.match.national, !q.region || q.region === 'ID'), ...provinces.map((r) => option(r.region_code, r.region_name, r.region_code === province))],
    regencies: provinces.filter((p) => p.region_code === province).map((p) => ({
      label: p.region_name,
      options: state.regions.filter((r) => r.parent_code === p.region_code).map((r) => option(r.region_code, r.region_name, r.region_code === q.regency || r.region_code === q.region)),
    })),
    occupations: [option('', m.match.anyOccupation, !q.occupation), ...state.isco.map((g) => option(g.code, `${g.code} · ${lang === 'id' ? g.title_id : g.title_en}`, g.code === q.occupation))],
    employmentTypes: [option('', m.match.anyEmploymentType, !q.employment_type), ...EMPLOYMENT_TYPES.map((t) => option(t, m.match.types[t], t === q.employment_type))],
    periods: [...state.periods].reverse().map((p) => option(p, f.month(p), p === state.period)),
    datalist: reference.skills.map((s) => (lang === 'id' ? s.labelId : s.labelEn)),
  };
}

export interface AnswerInput {
  query: Record<string, string>;
  path: string;
  parsed: MatchQuery;
  /** qualified: the page shown (matchProfile's qualifiedWindow); the totals count them all. */
  result: MatchResult;
  /** The vacancies shown: this page of qualified ones, then the near misses shown. */
  details: Map<number, VacancyDetail>;
  page: number;
  sort: SortKey;
  period: string;
  areaName: string;
  asOf: Date;
  skillById: Map<string, Skill>;
  programmeNames: Map<string, { nameId: string; nameEn: string }>;
  occupationTitles: Map<string, { title_id: string; title_en: string }>;
  nearShown: number;
}

export function matchAnswer(a: AnswerInput, lang: Lang, m: Messages, f: Format): MatchAnswer {
  const t = m.match.cols;
  const label = (id: string) => { const s = a.skillById.get(id); return s ? (lang === 'id' ? s.labelId : s.labelEn) : id; };
  const pages = Math.max(1, Math.ceil(a.result.qualifiedTotal / MATCH_PAGE_SIZE));
  const link = (extra: Record<string, string | number | undefined>) => withQuery(a.path, { ...a.query, ...extra });
  const shown = a.result.qualified;
  const vacancyColumns = (withMissing: boolean) => [
    { label: t.title, value: (r: Row) => r.d.job_title },
    { label: t.occupation, value: (r: Row) => occupationLabel(r.d, lang) },
    { label: t.sector, value: (r: Row) => r.d.sector_code ?? m.common.missing },
    { label: t.regency, value: (r: Row) => r.d.regency_name ?? m.common.missing },
    { label: t.openings, value: (r: Row) => f.integer(r.d.openings), numeric: true },
    { label: t.type, value: (r: Row) => (r.d.employment_type ? (m.match.types as Record<string, string>)[r.d.employment_type] ?? r.d.employment_type : m.common.missing) },
    { label: t.salary, value: (r: Row) => salary(r.d, f, m) },
    { label: t.posted, value: (r: Row) => day(r.d.posted_date, f) },
    { label: t.expiry, value: (r: Row) => (r.d.expiry_date ? day(r.d.expiry_date, f) : m.common.missing) },
    { label: t.coverage, value: (r: Row) => `${f.percent(r.coverage, 0)} (${r.shared}/${r.kCount})`, numeric: true },
    ...(withMissing ? [{ label: t.missing, value: (r: Row) => r.missing.map(label).join(' / ') }] : []),
  ];
  const rowsOf = (list: MatchResult['qualified']) => list.map((x) => ({ ...x, d: a.details.get(x.vid)! })).filter((r) => r.d);
  type Row = ReturnType<typeof rowsOf>[number];
  const near = a.result.nearMisses.slice(0, a.nearShown);
  return {
    summary: fill(m.match.summary, { active: f.integer(a.result.active), area: a.areaName, period: f.month(a.period), qualified: f.integer(a.result.qualifiedTotal), near: f.integer(a.result.nearTotal) }),
    recognised: a.parsed.recognised.map((r) => ({ input: r.input, skills: r.skills.map((s) => label(s.id)).join(', '), transversal: r.skills.every((s) => s.transversal) })),
    unrecognised: a.parsed.unrecognised.map((u) => ({ input: u.input, suggestions: u.suggestions.map((s) => label(s.id)).join(', ') })),
    qualified: table(m.match.qualifiedTitle, vacancyColumns(false), rowsOf(shown)),
    qualifiedEmpty: a.result.qualifiedTotal === 0,
    sortLinks: SORT_KEYS.map((key) => ({ label: m.match.sort[key], href: link({ sort: key, page: undefined }), current: key === a.sort })),
    paging: {
      label: fill(m.match.pageOf, { page: a.page, pages }),
      previous: a.page > 1 ? link({ page: a.page - 1 }) : undefined,
      next: a.page < pages ? link({ page: a.page + 1 }) : undefined,
    },
    near: table(m.match.nearTitle, vacancyColumns(true), rowsOf(near)),
    nearIntro: fill(m.match.nearIntro, { shown: f.integer(near.length), total: f.integer(a.result.nearTotal) }),
    unlocking: table(m.match.unlockTitle, [
      { label: t.skill, value: (r: MatchResult['unlockingSkills'][number]) => label(r.skillId) },
      { label: t.vacancies, value: (r) => f.integer(r.vacancies), numeric: true },
      { label: t.openingsOpened, value: (r) => f.integer(r.openings), numeric: true },
    ], a.result.unlockingSkills),
    programmes: table(m.match.programmesTitle, [
      { label: t.programme, value: (r: MatchResult['programmes'][number]) => { const p = a.programmeNames.get(r.programmeId); return p ? (lang === 'id' ? p.nameId : p.nameEn) : r.programmeId; } },
      { label: t.hours, value: (r) => f.integer(r.hours), numeric: true },
      { label: t.vacancies, value: (r) => f.integer(r.vacancies), numeric: true },
      { label: t.perHundred, value: (r) => f.decimal(r.perHundredHours, 1), numeric: true },
      { label: t.skillsCovered, value: (r) => r.skills.map(label).join(', ') },
    ], a.result.programmes),
    occupations: a.result.occupations.map((o) => {
      const title = a.occupationTitles.get(o.code);
      return {
        title: `${o.code} · ${title ? (lang === 'id' ? title.title_id : title.title_en) : ''}`,
        counts: `${t.qualified}: ${f.integer(o.qualified)} · ${t.nearMiss}: ${f.integer(o.nearMiss)}`,
        skills: o.skills.map((s) => ({ label: label(s.skillId), share: f.percent(s.share, 0), held: s.held, status: s.held ? t.held : t.lacks })),
      };
    }),
    printHref: withQuery('/match/print', { ...a.query, page: undefined, sort: undefined }),
    asOfLine: fill(m.match.asOfLine, { period: f.month(a.period), asOf: f.date(a.asOf) }),
  };
}

function occupationLabel(d: VacancyDetail, lang: Lang): string {
  if (!d.occupation_code) return '';
  const title = lang === 'id' ? d.occupation_title_id : d.occupation_title_en;
  return title ? `${d.occupation_code} · ${title}` : d.occupation_code;
}

function salary(d: VacancyDetail, f: Format, m: Messages): string {
  if (d.salary_min == null && d.salary_max == null) return m.common.missing;
  if (d.salary_min != null && d.salary_max != null && d.salary_min !== d.salary_max) return `${f.integer(d.salary_min)} – ${f.integer(d.salary_max)}`;
  return f.integer(d.salary_max ?? d.salary_min);
}

function day(iso: string, f: Format): string {
  return new Intl.DateTimeFormat(f.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}
