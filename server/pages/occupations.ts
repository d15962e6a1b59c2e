// `/occupations`: as Hello Work publishes them, openings, the job seekers who want them and
// the openings per seeker side by side, by ISCO major group; each group drills down to its
// sub-groups (2, 3 and 4 digits) on `/occupations/:code`, which also shows the group over
// time and the skills its vacancies ask for. A seeker count under k is withheld, and so is
// the ratio computed from it (marked, never 0).
import { barChart } from '../charts/bars.ts';
import { lineChart } from '../charts/line.ts';
import { COLOURS, WIDTH } from '../charts/plot.ts';
import { fill } from '../i18n.ts';
import type { Row } from '../../core/datasets.ts';
import type { Filters } from '../../core/filters.ts';
import { withheldColumns } from './empty.ts';
import { dataSection, figure, type FigureColumn } from './figure.ts';
import type { FigureView, PageDef, PageRequest } from './page.ts';
import { topDemandFigure, typeFilter } from './skill-figures.ts';
import { withQuery } from '../urls.ts';

const title = (req: PageRequest, r: { title_id: string; title_en: string }) => (req.lang === 'id' ? r.title_id : r.title_en);

/** Active openings per active seeker preferring the group: withheld with the seekers, empty (not computable) when there are none. */
function withRatio(r: Row<'occupation-demand'>): OccupationRow {
  const seekers = r.active_applicants_preferring;
  const withheld = withheldColumns(r);
  if (withheld.includes('active_applicants_preferring')) return { ...r, active_ratio: null, withheld: [...withheld, 'active_ratio'].join(';') };
  return { ...r, active_ratio: seekers ? r.active_openings / seekers : null };
}

const groupHref = (req: PageRequest, code: string) => withQuery(`/occupations/${code}`, { period: req.filters.period, region: req.filters.region, employment_type: req.filters.employment_type });

/** A group's row with its active openings per seeker preferring it (computed here, not published). */
type OccupationRow = Row<'occupation-demand'> & { active_ratio: number | null };

/** The groups side by side: openings, seekers and openings per seeker, each code linked to its own page (and sub-groups). */
function groupColumns(req: PageRequest): FigureColumn<'occupation-demand'>[] {
  return [
    { column: 'isco_code', label: req.m.columns.occupation, value: (r) => `${r.isco_code} ${title(req, r)}`, href: (r) => groupHref(req, r.isco_code) },
    ...trendColumns(req).slice(1),
  ];
}

/** A group's figures over time, and the columns of every group table: openings, seekers preferring it, openings per seeker. */
function trendColumns(req: PageRequest): FigureColumn<'occupation-demand'>[] {
  return ['period', 'new_openings', 'active_openings', 'active_applicants_preferring',
    { label: req.m.columns.active_ratio, key: 'active_ratio', numeric: true, value: (r) => req.f.decimal((r as OccupationRow).active_ratio, 2) }];
}

/** Openings per seeker of a set of groups (one level), with the table of all three figures. */
function ratioFigure(req: PageRequest, id: string, heading: string, filters: Filters): Promise<FigureView> {
  const { m, f } = req;
  const t = m.figures.occupationRatio;
  return figure(req, {
    id, dataset: 'occupation-demand', filters, slice: { sort: ['isco_code'] },
    title: heading, caption: t.caption, tableCaption: fill(t.tableCaption, { level: levelName(req, Number(filters.isco_level ?? 1)) }),
    columns: groupColumns(req),
    rows: withRatio,
    shown: (rows) => rows.filter((r) => (r as OccupationRow).active_ratio != null),
    tableRows: (_, rows) => rows,
    empty: { column: 'active_ratio' },
    chart: { kind: 'bars', draw: (rows) => barChart(rows.map((r) => ({ label: `${r.isco_code} ${title(req, r)}`, value: (r as OccupationRow).active_ratio! })), { label: heading, description: t.caption, xLabel: m.columns.active_ratio, formatValue: (v) => f.decimal(v, 2), width: WIDTH.wide }), howTo: false },
    wide: true,
    tableOpen: true,
  });
}

const levelName = (req: PageRequest, level: number) => req.m.pages.occupations.levels[level - 1] ?? '';

export const occupationsPage: PageDef = {
  path: '/occupations',
  nav: 'occupations',
  filters: ['period', 'region', 'employment_type'],
  async load(req) {
    const { m, f } = req;
    const t = m.figures.occupations;
    const filters = { period: req.filters.period, region: req.filters.region, isco_level: '1', ...typeFilter(req) };
    const heading = fill(t.title, { period: f.month(req.filters.period) });
    return {
      title: m.pages.occupations.title,
      intro: m.pages.occupations.intro,
      figures: [
        await ratioFigure(req, 'occupation-ratio', fill(m.figures.occupationRatio.title, { level: levelName(req, 1), period: f.month(req.filters.period) }), filters),
        await figure(req, {
          id: 'occupations', dataset: 'occupation-demand', filters, slice: { sort: ['-active_openings'] },
          title: heading, caption: t.caption, tableCaption: t.tableCaption,
          columns: groupColumns(req),
          rows: withRatio,
          chart: { kind: 'bars', draw: (rows) => barChart(rows.map((r) => ({ label: title(req, r), value: r.active_openings })), { label: heading, description: t.caption, xLabel: m.columns.active_openings, formatValue: f.integer, width: WIDTH.wide }) },
          wide: true,
        }),
      ],
      sections: [await dataSection(req, { dataset: 'occupation-demand', filters: { ...filters, isco_level: '2' }, slice: { sort: ['isco_code'] }, title: m.pages.occupations.subTitle, columns: groupColumns(req), rows: withRatio })],
    };
  },
};

export const occupationPage: PageDef = {
  path: '/occupations/:code',
  nav: 'occupations',
  filters: ['period', 'region', 'employment_type'],
  async load(req) {
    const { m, f } = req;
    const code = req.code!;
    const filters = { region: req.filters.region, occupation: code, isco_level: String(code.length), ...typeFilter(req) };
    const series = (await req.rows<Row<'occupation-demand'>>('occupation-demand', filters)).map(withRatio);
    // The group's title, and those of the groups above it, from the classification (also when they have no row in the data).
    const groups = [1, 2, 3, 4].filter((n) => n <= code.length).flatMap((n) => req.dims.isco.get(code.slice(0, n)) ?? []);
    const group = groups.find((g) => g.code === code);
    const name = group ? `${code} ${title(req, group)}` : code;
    const t = m.figures.occupationTrend;
    const lines = [
      ...series.map((r) => ({ period: r.period, value: r.active_openings, series: m.columns.active_openings })),
      ...series.map((r) => ({ period: r.period, value: r.active_applicants_preferring, series: m.columns.active_applicants_preferring })),
    ];
    const now = series.find((r) => r.period === req.filters.period);
    const mark = (key: keyof OccupationRow, text: (r: OccupationRow) => string) => (!now ? m.marks.noData : now[key] == null ? m.marks[withheldColumns(now).includes(key) ? 'withheld' : key === 'active_ratio' ? 'notComputable' : 'noData'] : text(now));
    const figures: FigureView[] = [];
    if (code.length < 4) {
      const childFilters = { period: req.filters.period, region: req.filters.region, occupation: code, isco_level: String(code.length + 1), ...typeFilter(req) };
      figures.push(await ratioFigure(req, 'occupation-children', fill(m.figures.occupationRatio.titleOf, { level: levelName(req, code.length + 1), occupation: name, period: f.month(req.filters.period) }), childFilters));
    }
    // Across the page: it has no figure beside it (the trend above is wide too).
    const skills = await topDemandFigure({ ...req, filters: { ...req.filters, occupation: code } }, 15, true);
    skills.figure.title = fill(m.figures.occupationSkills.title, { occupation: name, period: f.month(req.filters.period) });
    skills.figure.caption = m.figures.occupationSkills.caption;
    figures.push(await figure(req, {
      id: 'occupation-trend', dataset: 'occupation-demand', filters,
      title: fill(t.title, { occupation: name }), caption: t.caption, tableCaption: t.tableCaption,
      columns: trendColumns(req),
      rows: withRatio,
      chart: {
        kind: 'line',
        draw: () => lineChart(lines, { label: fill(t.title, { occupation: name }), description: t.caption, yLabel: m.common.count, formatValue: f.integer, formatMonth: f.monthShort }),
        legend: [{ label: m.columns.active_openings, colour: COLOURS.primary }, { label: m.columns.active_applicants_preferring, colour: COLOURS.secondary }],
      },
      wide: true,
    }), skills.figure);
    const up = groups.filter((g) => g.code !== code);
    return {
      title: name,
      intro: fill(m.pages.occupation.level, { level: levelName(req, code.length) }) + ' ' + m.pages.occupation.intro,
      headlines: [
        { label: m.columns.active_openings, value: mark('active_openings', (r) => f.integer(r.active_openings)) },
        { label: m.columns.active_applicants_preferring, value: mark('active_applicants_preferring', (r) => f.integer(r.active_applicants_preferring)) },
        { label: m.columns.active_ratio, value: mark('active_ratio', (r) => f.decimal(r.active_ratio!, 2)) },
      ],
      figures,
      linksTitle: m.pages.occupation.higher,
      links: [
        { label: m.pages.occupation.allOccupations, href: withQuery('/occupations', { period: req.filters.period, region: req.filters.region, employment_type: req.filters.employment_type }) },
        ...up.map((g) => ({ label: `${g.code} ${title(req, g)} (${levelName(req, g.code.length)})`, href: groupHref(req, g.code) })),
      ],
    };
  },
};
