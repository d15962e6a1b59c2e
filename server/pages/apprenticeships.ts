// `/apprenticeships` (magang, issue 16): how many apprenticeship places are open, in which
// occupations and regions, how many applications each place draws where the source counts
// them (MagangHub does), and which skills they teach. Every figure reads a published dataset
// with employment_type=apprenticeship (core/sql/*_filtered.sql): places from apprenticeship
// vacancies, each duplicate group once.
import { barChart } from '../charts/bars.ts';
import { COLOURS } from '../charts/plot.ts';
import { fill } from '../i18n.ts';
import { figure } from './figure.ts';
import type { Headline, PageDef, PageRequest } from './page.ts';
import { skillLabel } from './skill-figures.ts';
import type { Row } from '../../core/datasets.ts';
import type { Filters } from '../../core/filters.ts';


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
    const [market] = await req.rows<Row<'labour-market-monthly'>>('labour-market-monthly', here);
    const occupation = (r: Row<'occupation-demand'>) => `${r.isco_code} · ${req.lang === 'id' ? r.title_id : r.title_en}`;

    const headlines: Headline[] = [
      { label: t.placesOpen, value: f.integer(market?.active_openings ?? 0) },
      { label: t.placesNew, value: f.integer(market?.new_openings ?? 0) },
      { label: t.applicationsPerPlace, value: market?.applications_per_opening == null ? m.marks.noData : f.decimal(market.applications_per_opening, 1), note: market?.applications_per_opening == null ? t.applicationsNone : undefined },
    ];
    const places = (column: 'active_openings' | 'new_openings') => ({ column, label: column === 'active_openings' ? t.places : t.placesNew });
    const bars = (title: string, caption: string, colour?: string) => (rows: { label: string; value: number }[]) =>
      barChart(rows.map((r) => ({ ...r, ...(colour ? { colour } : {}) })), { label: title, description: caption, xLabel: t.places, formatValue: f.integer });
    const occupationTitle = fill(t.occupationsTitle, { period });
    const regionTitle = fill(t.regionsTitle, { period });
    const skillTitle = fill(t.skillsTitle, { period });
    return {
      title: t.title,
      intro: t.intro,
      headlines,
      figures: [await figure(req, {
        id: 'apprenticeship-occupations',
        dataset: 'occupation-demand',
        filters: { ...here, isco_level: '4' },
        slice: { sort: ['-active_openings', 'isco_code'], limit: 15 },
        title: occupationTitle, caption: t.occupationsCaption, tableCaption: t.occupationsTitle.replace(', {period}', ''),
        columns: [{ column: 'isco_code', label: m.columns.occupation, value: occupation }, places('active_openings'), places('new_openings')],
        shown: (rows) => rows.filter((r) => r.active_openings > 0),
        empty: { none: t.none },
        chart: { kind: 'bars', draw: (rows) => bars(occupationTitle, t.occupationsCaption)(rows.map((r) => ({ label: occupation(r), value: r.active_openings }))) },
      }), await figure(req, {
        id: 'apprenticeship-regions',
        dataset: 'labour-market-monthly',
        filters: belowFilters(req),
        slice: { sort: ['-active_openings'], limit: 15 },
        title: regionTitle, caption: t.regionsCaption, tableCaption: t.regionsTitle.replace(', {period}', ''),
        columns: [{ column: 'region_name', label: m.common.region }, places('active_openings'), places('new_openings'),
          // No source here counts applications: no data (not a division by zero).
          { column: 'applications_per_opening', label: t.applicationsPerPlace, key: '', value: (r) => (r.applications_per_opening == null ? m.marks.noData : f.decimal(r.applications_per_opening, 1)) }],
        shown: (rows) => rows.filter((r) => r.active_openings > 0),
        empty: { none: t.none },
        chart: { kind: 'bars', draw: (rows) => bars(regionTitle, t.regionsCaption, COLOURS.secondary)(rows.map((r) => ({ label: r.region_name, value: r.active_openings }))) },
      }), await figure(req, {
        id: 'apprenticeship-skills',
        dataset: 'skill-gaps',
        filters: here,
        slice: { sort: ['-demand', 'skill_id'], limit: 15 },
        title: skillTitle, caption: t.skillsCaption, tableCaption: t.skillsTitle.replace(', {period}', ''),
        columns: [{ column: 'skill_label_id', label: m.columns.skill, value: (r) => skillLabel(req, r) }, { column: 'demand', label: t.places }, 'supply'],
        shown: (rows) => rows.filter((r) => r.demand > 0),
        empty: { none: t.none },
        chart: { kind: 'bars', draw: (rows) => bars(skillTitle, t.skillsCaption, COLOURS.tertiary)(rows.map((r) => ({ label: skillLabel(req, r), value: r.demand }))) },
      })],
    };
  },
};
