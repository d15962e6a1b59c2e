// `/occupations`: openings and the seekers who want them by ISCO major group;
// `/occupations/:code`: one group over time and the skills its vacancies ask for.
import { barChart } from '../charts/bars.ts';
import { lineChart } from '../charts/line.ts';
import { COLOURS, WIDTH } from '../charts/plot.ts';
import { fill } from '../i18n.ts';
import { rows as readRows } from '../../core/duckdb.ts';
import { chartOrEmpty } from './empty.ts';
import { datasetTitle, download, table, type PageDef, type PageRequest } from './page.ts';
import { topDemandFigure, typeFilter } from './skill-figures.ts';

interface OccupationRow { period: string; isco_code: string; isco_level: number; title_id: string; title_en: string; new_openings: number; active_openings: number; active_applicants_preferring: number | null }

const title = (req: PageRequest, r: OccupationRow) => (req.lang === 'id' ? r.title_id : r.title_en);

export const occupationsPage: PageDef = {
  path: '/occupations',
  nav: 'occupations',
  filters: ['period', 'region', 'employment_type'],
  async load(req) {
    const { m, f } = req;
    const t = m.figures.occupations;
    const filters = { period: req.filters.period, region: req.filters.region, isco_level: '1', ...typeFilter(req) };
    const majors = await req.rows<OccupationRow>('occupation-demand', filters, { sort: ['-active_openings'] });
    const subFilters = { ...filters, isco_level: '2' };
    const subs = await req.rows<OccupationRow>('occupation-demand', subFilters, { sort: ['-active_openings'] });
    const heading = fill(t.title, { period: f.month(req.filters.period) });
    const columns = [
      { label: m.columns.occupation, value: (r: OccupationRow) => `${r.isco_code} ${title(req, r)}`, href: (r: OccupationRow) => `/occupations/${r.isco_code}?period=${req.filters.period}&region=${req.filters.region}` },
      { label: m.columns.new_openings, key: 'new_openings', value: (r: OccupationRow) => f.integer(r.new_openings), numeric: true },
      { label: m.columns.active_openings, key: 'active_openings', value: (r: OccupationRow) => f.integer(r.active_openings), numeric: true },
      { label: m.columns.active_applicants_preferring, key: 'active_applicants_preferring', value: (r: OccupationRow) => f.integer(r.active_applicants_preferring), numeric: true },
    ];
    return {
      title: m.pages.occupations.title,
      intro: m.pages.occupations.intro,
      figures: [{
        id: 'occupations',
        title: heading,
        caption: t.caption,
        ...chartOrEmpty(req, { rows: majors, shown: majors.length }, () => barChart(majors.map((r) => ({ label: title(req, r), value: r.active_openings })), { label: heading, description: t.caption, xLabel: m.columns.active_openings, formatValue: f.integer, width: WIDTH.wide })),
        table: table(t.tableCaption, columns, majors, req),
        downloads: [download(datasetTitle(req, 'occupation-demand'), 'occupation-demand', filters, { sort: ['-active_openings'] })],
        wide: true,
      }],
      sections: [{ title: m.pages.occupations.subTitle, table: table(m.pages.occupations.subTitle, columns, subs, req), downloads: [download(datasetTitle(req, 'occupation-demand'), 'occupation-demand', subFilters, { sort: ['-active_openings'] })] }],
    };
  },
};

export const occupationPage: PageDef = {
  path: '/occupations/:code',
  nav: 'occupations',
  filters: ['period', 'region'],
  async load(req) {
    const { m, f } = req;
    const code = req.code!;
    const filters = { region: req.filters.region, occupation: code, isco_level: String(code.length) };
    const series = await req.rows<OccupationRow>('occupation-demand', filters);
    // The group's title from the classification, also when it has no row in the data.
    const [group] = await readRows<{ title_id: string; title_en: string }>(req.connection, 'SELECT title_id, title_en FROM dim_isco WHERE code = $code', { code });
    const known = series[0] ?? group;
    const name = known ? `${code} ${req.lang === 'id' ? known.title_id : known.title_en}` : code;
    const t = m.figures.occupationTrend;
    const lines = [
      ...series.map((r) => ({ period: r.period, value: r.active_openings, series: m.columns.active_openings })),
      ...series.map((r) => ({ period: r.period, value: r.active_applicants_preferring, series: m.columns.active_applicants_preferring })),
    ];
    const skills = await topDemandFigure({ ...req, filters: { ...req.filters, occupation: code } });
    skills.figure.title = fill(m.figures.occupationSkills.title, { occupation: name, period: f.month(req.filters.period) });
    skills.figure.caption = m.figures.occupationSkills.caption;
    return {
      title: name,
      intro: m.pages.occupation.intro,
      figures: [{
        id: 'occupation-trend',
        title: fill(t.title, { occupation: name }),
        caption: t.caption,
        ...chartOrEmpty(req, { rows: series, shown: series.length }, () => lineChart(lines, { label: fill(t.title, { occupation: name }), description: t.caption, yLabel: m.common.count, formatValue: f.integer, formatMonth: f.monthShort })),
        legend: [{ label: m.columns.active_openings, colour: COLOURS.primary }, { label: m.columns.active_applicants_preferring, colour: COLOURS.secondary }],
        table: table(t.tableCaption, [
          { label: m.common.period, value: (r: OccupationRow) => f.month(r.period) },
          { label: m.columns.new_openings, key: 'new_openings', value: (r) => f.integer(r.new_openings), numeric: true },
          { label: m.columns.active_openings, key: 'active_openings', value: (r) => f.integer(r.active_openings), numeric: true },
          { label: m.columns.active_applicants_preferring, key: 'active_applicants_preferring', value: (r) => f.integer(r.active_applicants_preferring), numeric: true },
        ], series, req),
        downloads: [download(datasetTitle(req, 'occupation-demand'), 'occupation-demand', filters)],
        wide: true,
      }, skills.figure],
      links: [{ label: m.pages.occupation.allOccupations, href: `/occupations?period=${req.filters.period}&region=${req.filters.region}` }],
    };
  },
};
