// `/occupations`: as Hello Work publishes them, openings, the job seekers who want them and
// the openings per seeker side by side, by ISCO major group; each group drills down to its
// sub-groups (2, 3 and 4 digits) on `/occupations/:code`, which also shows the group over
// time and the skills its vacancies ask for. A seeker count under k is withheld, and so is
// the ratio computed from it (marked, never 0).
import { barChart } from '../charts/bars.ts';
import { lineChart } from '../charts/line.ts';
import { COLOURS, WIDTH } from '../charts/plot.ts';
import { fill } from '../i18n.ts';
import { chartOrEmpty, withheldColumns } from './empty.ts';
import { datasetTitle, download, table, type FigureView, type PageDef, type PageRequest } from './page.ts';
import { topDemandFigure, typeFilter } from './skill-figures.ts';
import { withQuery } from '../urls.ts';

interface OccupationRow { period: string; isco_code: string; isco_level: number; title_id: string; title_en: string; new_openings: number; active_openings: number; active_applicants_preferring: number | null; withheld?: string; active_ratio?: number | null }

const title = (req: PageRequest, r: { title_id: string; title_en: string }) => (req.lang === 'id' ? r.title_id : r.title_en);

/** Active openings per active seeker preferring the group: withheld with the seekers, empty (not computable) when there are none. */
function withRatio(r: OccupationRow): OccupationRow {
  const seekers = r.active_applicants_preferring;
  const withheld = withheldColumns(r);
  if (withheld.includes('active_applicants_preferring')) return { ...r, active_ratio: null, withheld: [...withheld, 'active_ratio'].join(';') };
  return { ...r, active_ratio: seekers ? r.active_openings / seekers : null };
}

const groupHref = (req: PageRequest, code: string) => withQuery(`/occupations/${code}`, { period: req.filters.period, region: req.filters.region, employment_type: req.filters.employment_type });

/** The groups side by side: openings, seekers and openings per seeker, each code linked to its own page (and sub-groups). */
function groupTable(req: PageRequest, caption: string, rows: OccupationRow[]) {
  const { m, f } = req;
  return table(caption, [
    { label: m.columns.occupation, value: (r: OccupationRow) => `${r.isco_code} ${title(req, r)}`, href: (r: OccupationRow) => groupHref(req, r.isco_code) },
    { label: m.columns.new_openings, key: 'new_openings', value: (r: OccupationRow) => f.integer(r.new_openings), numeric: true },
    { label: m.columns.active_openings, key: 'active_openings', value: (r: OccupationRow) => f.integer(r.active_openings), numeric: true },
    { label: m.columns.active_applicants_preferring, key: 'active_applicants_preferring', value: (r: OccupationRow) => f.integer(r.active_applicants_preferring), numeric: true },
    { label: m.columns.active_ratio, key: 'active_ratio', value: (r: OccupationRow) => f.decimal(r.active_ratio!, 2), numeric: true },
  ], rows, req);
}

/** Openings per seeker of a set of groups (one level), with the table of all three figures. */
function ratioFigure(req: PageRequest, id: string, heading: string, rows: OccupationRow[], filters: Record<string, string | undefined>): FigureView {
  const { m, f } = req;
  const t = m.figures.occupationRatio;
  const drawn = rows.filter((r) => r.active_ratio != null);
  return {
    id,
    title: heading,
    caption: t.caption,
    ...chartOrEmpty(req, { rows, shown: drawn.length, column: 'active_ratio' }, () => barChart(drawn.map((r) => ({ label: `${r.isco_code} ${title(req, r)}`, value: r.active_ratio! })), { label: heading, description: t.caption, xLabel: m.columns.active_ratio, formatValue: (v) => f.decimal(v, 2), width: WIDTH.wide })),
    table: groupTable(req, fill(t.tableCaption, { level: levelName(req, rows[0]?.isco_level ?? 1) }), rows),
    downloads: [download(datasetTitle(req, 'occupation-demand'), 'occupation-demand', filters, { sort: ['isco_code'] })],
    wide: true,
    tableOpen: true,
  };
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
    const majors = (await req.rows<OccupationRow>('occupation-demand', filters, { sort: ['-active_openings'] })).map(withRatio);
    const subFilters = { ...filters, isco_level: '2' };
    const subs = (await req.rows<OccupationRow>('occupation-demand', subFilters, { sort: ['isco_code'] })).map(withRatio);
    const heading = fill(t.title, { period: f.month(req.filters.period) });
    const byCode = [...majors].sort((a, b) => a.isco_code.localeCompare(b.isco_code));
    return {
      title: m.pages.occupations.title,
      intro: m.pages.occupations.intro,
      figures: [
        ratioFigure(req, 'occupation-ratio', fill(m.figures.occupationRatio.title, { level: levelName(req, 1), period: f.month(req.filters.period) }), byCode, filters),
        {
          id: 'occupations',
          title: heading,
          caption: t.caption,
          ...chartOrEmpty(req, { rows: majors, shown: majors.length }, () => barChart(majors.map((r) => ({ label: title(req, r), value: r.active_openings })), { label: heading, description: t.caption, xLabel: m.columns.active_openings, formatValue: f.integer, width: WIDTH.wide })),
          table: groupTable(req, t.tableCaption, majors),
          downloads: [download(datasetTitle(req, 'occupation-demand'), 'occupation-demand', filters, { sort: ['-active_openings'] })],
          wide: true,
        },
      ],
      sections: [{ title: m.pages.occupations.subTitle, table: groupTable(req, m.pages.occupations.subTitle, subs), downloads: [download(datasetTitle(req, 'occupation-demand'), 'occupation-demand', subFilters, { sort: ['isco_code'] })] }],
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
    const series = (await req.rows<OccupationRow>('occupation-demand', filters)).map(withRatio);
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
      const children = (await req.rows<OccupationRow>('occupation-demand', childFilters, { sort: ['isco_code'] })).map(withRatio);
      figures.push(ratioFigure(req, 'occupation-children', fill(m.figures.occupationRatio.titleOf, { level: levelName(req, code.length + 1), occupation: name, period: f.month(req.filters.period) }), children, childFilters));
    }
    // Across the page: it has no figure beside it (the trend above is wide too).
    const skills = await topDemandFigure({ ...req, filters: { ...req.filters, occupation: code } }, 15, true);
    skills.figure.title = fill(m.figures.occupationSkills.title, { occupation: name, period: f.month(req.filters.period) });
    skills.figure.caption = m.figures.occupationSkills.caption;
    figures.push({
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
        { label: m.columns.active_ratio, key: 'active_ratio', value: (r) => f.decimal(r.active_ratio!, 2), numeric: true },
      ], series, req),
      downloads: [download(datasetTitle(req, 'occupation-demand'), 'occupation-demand', filters)],
      wide: true,
    }, skills.figure);
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
