// Figures built from labour-market-monthly that several pages show: the headline figures
// of a month with their change on the month before, the openings-to-applicants ratio over
// time, and the province map.
import { provinceMap, MAP_COLOURS, RATIO_BREAKS } from '../charts/map.ts';
import { lineChart } from '../charts/line.ts';
import { fill } from '../i18n.ts';
import type { Row } from '../../core/datasets.ts';
import { chartOrEmpty, markOf } from './empty.ts';
import { columnsOf, figure } from './figure.ts';
import { datasetTitle, changes, download, table, type ChangeKind, type FigureView, type Headline, type PageRequest, type SortColumn, withHowTo } from './page.ts';

/** A published labour-market-monthly row (core/datasets.ts). */
export type LabourRow = Row<'labour-market-monthly'>;

/** A headline value, or the mark saying why it is empty (withheld, not computable, no data). */
export function headlineValue(req: Pick<PageRequest, 'm'>, row: object | undefined, key: string, show: (v: number) => string): string {
  const mark = markOf(row, key);
  return mark ? req.m.marks[mark] : show((row as Record<string, number>)[key]);
}

/** The page's employment type (only pages offering the filter have one): openings of that type, seekers of all. */
const typeOf = (req: PageRequest) => (req.filters.employment_type ? { employment_type: req.filters.employment_type } : {});

export const labourSeries = (req: PageRequest) => req.rows<LabourRow>('labour-market-monthly', { region: req.filters.region, ...typeOf(req) });

/** Columns built from stocks: provisional at the series start. */
const STOCKS: (keyof LabourRow)[] = ['active_openings', 'active_applicants', 'active_ratio'];
/** Columns of every seeker whatever the employment type asked. */
const SEEKER_SIDE: (keyof LabourRow)[] = ['active_applicants', 'placements', 'placement_rate'];

export function labourHeadlines(req: PageRequest, series: LabourRow[]): Headline[] {
  const { m, f } = req;
  const now = series.find((r) => r.period === req.filters.period);
  const h = m.headlines;
  const item = (label: string, key: keyof LabourRow, kind: ChangeKind, show: (v: number) => string): Headline => {
    // With an employment type, the seeker side stays every seeker's (they have no type): said on the figure.
    const notes = [
      ...(now?.provisional && STOCKS.includes(key) ? [m.provisional[now.provisional as 'stocks_incomplete']] : []),
      ...(req.filters.employment_type && SEEKER_SIDE.includes(key) ? [h.allSeekers] : []),
    ];
    return {
      label, value: headlineValue(req, now, key, show),
      // A stock is not compared with a provisional earlier month: that change would be the series start, not a trend.
      ...changes(series, req.filters.period, (r) => (r && r.period !== req.filters.period && r.provisional && STOCKS.includes(key) ? undefined : r?.[key] as number | null | undefined), f, m, kind),
      ...(notes.length ? { note: notes.join('; ') } : {}),
    };
  };
  return [
    item(h.activeOpenings, 'active_openings', 'count', f.integer),
    item(h.activeApplicants, 'active_applicants', 'count', f.integer),
    item(h.activeRatio, 'active_ratio', 'ratio', (v) => f.decimal(v, 2)),
    item(h.newOpenings, 'new_openings', 'count', f.integer),
    item(h.placements, 'placements', 'count', f.integer),
    item(h.placementRate, 'placement_rate', 'rate', (v) => f.percent(v)),
  ];
}

/** The note column of a monthly table: why a month is provisional. */
export const provisionalColumn = (req: PageRequest) => ({ label: req.m.columns.provisional, value: (r: { provisional?: string | null }) => (r.provisional ? req.m.provisional[r.provisional as 'stocks_incomplete'] ?? r.provisional : '') });

/** The legend entry of the dashed provisional stretch, when the series has one. */
export const provisionalLegend = (req: PageRequest, series: { provisional?: string | null }[]) =>
  (series.some((r) => r.provisional) ? [{ label: req.m.provisional.label, colour: '#ffffff', dashed: true }] : []);

/**
 * The openings-to-applicants ratio over time; `both` adds NO/NA; `national` (on a region's
 * profile) draws the country's AO/AA beside the region's, so a reader sees where it stands.
 */
export function ratioFigure(req: PageRequest, series: LabourRow[], both = false, national?: LabourRow[]): FigureView {
  const { m, f } = req;
  const t = m.figures.ratio;
  const region = series[0]?.region_name ?? req.filters.region;
  const against = national && national !== series && !both;
  const lines = [
    // AO/AA is built from stocks, provisional at the series start; NO/NA from flows, complete.
    ...series.map((r) => ({ period: r.period, value: r.active_ratio, series: against ? region : m.columns.active_ratio, provisional: r.provisional !== '' && r.provisional !== null })),
    ...(both ? series.map((r) => ({ period: r.period, value: r.new_ratio, series: m.columns.new_ratio })) : []),
    ...(against ? national.map((r) => ({ period: r.period, value: r.active_ratio, series: m.explore.region.nationalSeries, provisional: r.provisional !== '' && r.provisional !== null })) : []),
  ];
  const nationalOf = new Map((against ? national : []).map((r) => [r.period, r]));
  const shown = lines.filter((l) => l.value !== null).length;
  return withHowTo(req, 'line', {
    id: both ? 'ratios' : 'ratio',
    title: fill(both ? t.titleBoth : t.title, { region }),
    caption: t.caption,
    ...chartOrEmpty(req, { rows: series, shown, column: 'active_ratio' }, () => lineChart(lines, {
      label: fill(t.title, { region }), description: t.caption, yLabel: m.columns.active_ratio, formatValue: (v) => f.decimal(v, 2), formatMonth: f.monthShort, reference: 1,
      provisionalLabel: m.provisional.label,
    })),
    legend: [
      ...(both ? [{ label: m.columns.active_ratio, colour: '#0072B2' }, { label: m.columns.new_ratio, colour: '#D55E00' }] : []),
      ...(against ? [{ label: region, colour: '#0072B2' }, { label: m.explore.region.nationalSeries, colour: '#D55E00' }] : []),
      ...provisionalLegend(req, series),
    ],
    table: table(t.tableCaption, [
      { label: m.common.period, value: (r: LabourRow) => f.month(r.period) },
      { label: m.columns.active_openings, key: 'active_openings', value: (r) => f.integer(r.active_openings), numeric: true },
      { label: m.columns.active_applicants, key: 'active_applicants', value: (r) => f.integer(r.active_applicants), numeric: true },
      { label: m.columns.active_ratio, key: 'active_ratio', value: (r) => f.decimal(r.active_ratio, 2), numeric: true },
      ...(both ? [{ label: m.columns.new_ratio, key: 'new_ratio', value: (r: LabourRow) => f.decimal(r.new_ratio, 2), numeric: true }] : []),
      ...(against ? [{ label: `${m.columns.active_ratio}: ${m.explore.region.nationalSeries}`, value: (r: LabourRow) => { const n = nationalOf.get(r.period); const mark = markOf(n, 'active_ratio'); return mark ? m.marks[mark] : f.decimal(n!.active_ratio, 2); }, numeric: true }] : []),
      provisionalColumn(req),
    ], series, req),
    downloads: [download(datasetTitle(req, 'labour-market-monthly'), 'labour-market-monthly', { region: req.filters.region, ...typeOf(req) })],
    wide: true,
  });
}

/** Each province's openings-to-applicants ratio on the map, its table sortable on /regions. */
export function mapFigure(req: PageRequest): Promise<FigureView> {
  const { m, f } = req;
  const t = m.figures.map;
  const [a, b, c] = RATIO_BREAKS.map((v) => f.decimal(v, 1));
  const labels = [`< ${a}`, `${a} – < ${b}`, `${b} – < ${c}`, `≥ ${c}`];
  const title = fill(t.title, { period: f.month(req.filters.period) });
  return figure(req, {
    id: 'map',
    dataset: 'labour-market-monthly',
    filters: { period: req.filters.period, level: 'province', ...typeOf(req) },
    title, caption: t.caption, tableCaption: t.tableCaption,
    columns: provinceColumns(req),
    chart: {
      kind: 'map',
      draw: (rows) => provinceMap(rows.map((r) => ({ code: r.region_code, name: r.region_name, value: r.active_ratio })), { label: title, description: t.caption, formatValue: (v) => f.decimal(v, 2), missingLabel: m.common.withheld }),
      legend: [...MAP_COLOURS.map((colour, i) => ({ label: labels[i], colour })), { label: m.common.withheld, colour: '#ffffff', dashed: true }],
    },
    wide: true,
  });
}

/** The columns of a province table (the map's, and /regions's sortable one), each sortable by its published column. */
export function provinceColumns(req: PageRequest): SortColumn<LabourRow>[] {
  const columns = columnsOf(req, 'labour-market-monthly', [
    { column: 'region_name', label: req.m.common.province, href: (r) => `/regions/${r.region_code}?period=${req.filters.period}` },
    'active_openings', 'active_applicants', 'active_ratio', 'placements',
  ]);
  return [...columns.map((c) => ({ ...c, sortKey: c.key })), provisionalColumn(req)];
}
