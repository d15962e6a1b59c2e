// `/apprenticeships` (magang, issue 16): how many apprenticeship places are open, in which
// occupations and regions, how many applications each place draws where the source counts
// them (MagangHub does), and which skills they teach. Every figure reads a published dataset
// with employment_type=apprenticeship (core/sql/*_filtered.sql): places from apprenticeship
// vacancies, each duplicate group once.
import { barChart } from '../charts/bars.ts';
import { COLOURS } from '../charts/plot.ts';
import { fill } from '../i18n.ts';
import { chartOrEmpty } from './empty.ts';
import { datasetTitle, download, table, type Headline, type PageDef, type PageRequest } from './page.ts';
import { skillLabel } from './skill-figures.ts';
import type { Filters } from '../../core/filters.ts';

interface MarketRow { period: string; region_code: string; region_name: string; new_openings: number; active_openings: number; applications_per_opening: number | null }
interface OccupationRow { isco_code: string; title_id: string; title_en: string; new_openings: number; active_openings: number }
interface SkillRow { skill_id: string; skill_label_id: string; skill_label_en: string; skill_group: string; demand: number; supply: number | null }

const TYPE = { employment_type: 'apprenticeship' } as const;

/** The regions one level below the page's: provinces of Indonesia, regencies of a province, the regency itself. */
function belowFilters(req: PageRequest): Filters {
  const region = req.filters.region;
  if (region === 'ID') return { ...TYPE, period: req.filters.period, level: 'province' };
  if (/^\d{2}$/.test(region)) return { ...TYPE, period: req.filters.period, parent: region };
  return { ...TYPE, period: req.filters.period, region };
}

export const apprenticeshipsPage: PageDef = {
  path: '/apprenticeships',
  nav: 'apprenticeships',
  filters: ['period', 'region'],
  async load(req) {
    const { m, f } = req;
    const t = m.apprenticeships;
    const period = f.month(req.filters.period);
    const here = { ...TYPE, period: req.filters.period, region: req.filters.region };
    const [market] = await req.rows<MarketRow>('labour-market-monthly', here);

    const occupationFilters: Filters = { ...here, isco_level: '4' };
    const occupationSlice = { sort: ['-active_openings', 'isco_code'], limit: 15 };
    const occupations = (await req.rows<OccupationRow>('occupation-demand', occupationFilters, occupationSlice)).filter((r) => r.active_openings > 0);
    const regionFilters = belowFilters(req);
    const regionSlice = { sort: ['-active_openings'], limit: 15 };
    const regions = (await req.rows<MarketRow>('labour-market-monthly', regionFilters, regionSlice)).filter((r) => r.active_openings > 0);
    const skillSlice = { sort: ['-demand', 'skill_id'], limit: 15 };
    const skills = (await req.rows<SkillRow>('skill-gaps', here, skillSlice)).filter((r) => r.demand > 0);
    const title = (r: OccupationRow) => `${r.isco_code} · ${req.lang === 'id' ? r.title_id : r.title_en}`;

    const headlines: Headline[] = [
      { label: t.placesOpen, value: f.integer(market?.active_openings ?? 0) },
      { label: t.placesNew, value: f.integer(market?.new_openings ?? 0) },
      { label: t.applicationsPerPlace, value: market?.applications_per_opening == null ? m.marks.noData : f.decimal(market.applications_per_opening, 1), note: market?.applications_per_opening == null ? t.applicationsNone : undefined },
    ];
    return {
      title: t.title,
      intro: t.intro,
      headlines,
      figures: [{
        id: 'apprenticeship-occupations',
        title: fill(t.occupationsTitle, { period }),
        caption: t.occupationsCaption,
        ...chartOrEmpty(req, { rows: occupations, shown: occupations.length, none: t.none },
          () => barChart(occupations.map((r) => ({ label: title(r), value: r.active_openings })), { label: fill(t.occupationsTitle, { period }), description: t.occupationsCaption, xLabel: t.places, formatValue: f.integer })),
        table: table(t.occupationsTitle.replace(', {period}', ''), [
          { label: m.columns.occupation, value: (r: OccupationRow) => title(r) },
          { label: t.places, value: (r) => f.integer(r.active_openings), numeric: true },
          { label: t.placesNew, value: (r) => f.integer(r.new_openings), numeric: true },
        ], occupations),
        downloads: [download(datasetTitle(req, 'occupation-demand'), 'occupation-demand', occupationFilters, occupationSlice)],
      }, {
        id: 'apprenticeship-regions',
        title: fill(t.regionsTitle, { period }),
        caption: t.regionsCaption,
        ...chartOrEmpty(req, { rows: regions, shown: regions.length, none: t.none },
          () => barChart(regions.map((r) => ({ label: r.region_name, value: r.active_openings, colour: COLOURS.secondary })), { label: fill(t.regionsTitle, { period }), description: t.regionsCaption, xLabel: t.places, formatValue: f.integer })),
        table: table(t.regionsTitle.replace(', {period}', ''), [
          { label: m.common.region, value: (r: MarketRow) => r.region_name },
          { label: t.places, value: (r) => f.integer(r.active_openings), numeric: true },
          { label: t.placesNew, value: (r) => f.integer(r.new_openings), numeric: true },
          { label: t.applicationsPerPlace, value: (r) => (r.applications_per_opening == null ? m.marks.noData : f.decimal(r.applications_per_opening, 1)), numeric: true },
        ], regions),
        downloads: [download(datasetTitle(req, 'labour-market-monthly'), 'labour-market-monthly', regionFilters, regionSlice)],
      }, {
        id: 'apprenticeship-skills',
        title: fill(t.skillsTitle, { period }),
        caption: t.skillsCaption,
        ...chartOrEmpty(req, { rows: skills, shown: skills.length, none: t.none },
          () => barChart(skills.map((r) => ({ label: skillLabel(req, r), value: r.demand, colour: COLOURS.tertiary })), { label: fill(t.skillsTitle, { period }), description: t.skillsCaption, xLabel: t.places, formatValue: f.integer })),
        table: table(t.skillsTitle.replace(', {period}', ''), [
          { label: m.columns.skill, value: (r: SkillRow) => skillLabel(req, r) },
          { label: t.places, value: (r) => f.integer(r.demand), numeric: true },
          { label: m.columns.supply, value: (r) => f.integer(r.supply), numeric: true, key: 'supply' },
        ], skills, req),
        downloads: [download(datasetTitle(req, 'skill-gaps'), 'skill-gaps', here, skillSlice)],
      }],
    };
  },
};
