// Figures built from labour-market-monthly that several pages show: the headline figures
// of a month with their change on the month before, the openings-to-applicants ratio over
// time, and the province map.
import { provinceMap, MAP_COLOURS, mapClasses } from '../charts/map.ts';
import { lineChart } from '../charts/line.ts';
import { fill } from '../i18n.ts';
import { datasetTitle, change, download, previousPeriod, table, type FigureView, type Headline, type PageRequest } from './page.ts';

export interface LabourRow {
  period: string; region_code: string; region_name: string; region_level: string;
  new_openings: number; active_openings: number; new_applicants: number | null; active_applicants: number | null;
  active_ratio: number | null; new_ratio: number | null; placements: number | null; placement_rate: number | null; fill_rate: number | null;
  median_days_to_fill: number | null; p75_days_to_fill: number | null; median_days_to_placement: number | null;
}

export const labourSeries = (req: PageRequest) => req.rows<LabourRow>('labour-market-monthly', { region: req.filters.region });

export function labourHeadlines(req: PageRequest, series: LabourRow[]): Headline[] {
  const { m, f } = req;
  const now = series.find((r) => r.period === req.filters.period);
  const before = series.find((r) => r.period === previousPeriod(req.filters.period));
  const h = m.headlines;
  const item = (label: string, key: keyof LabourRow, show: (v: number | null | undefined) => string): Headline =>
    ({ label, value: show(now?.[key] as number | null), ...change(now?.[key] as number | null, before?.[key] as number | null, f, m) });
  return [
    item(h.activeOpenings, 'active_openings', f.integer),
    item(h.activeApplicants, 'active_applicants', f.integer),
    item(h.activeRatio, 'active_ratio', (v) => f.decimal(v, 2)),
    item(h.newOpenings, 'new_openings', f.integer),
    item(h.placements, 'placements', f.integer),
    item(h.placementRate, 'placement_rate', (v) => f.percent(v)),
  ];
}

export function ratioFigure(req: PageRequest, series: LabourRow[], both = false): FigureView {
  const { m, f } = req;
  const t = m.figures.ratio;
  const lines = [
    ...series.map((r) => ({ period: r.period, value: r.active_ratio, series: m.columns.active_ratio })),
    ...(both ? series.map((r) => ({ period: r.period, value: r.new_ratio, series: m.columns.new_ratio })) : []),
  ];
  const region = series[0]?.region_name ?? req.filters.region;
  return {
    id: both ? 'ratios' : 'ratio',
    title: fill(both ? t.titleBoth : t.title, { region }),
    caption: t.caption,
    svg: lineChart(lines, { label: fill(t.title, { region }), description: t.caption, yLabel: m.columns.active_ratio, formatValue: (v) => f.decimal(v, 2), formatMonth: f.monthShort, reference: 1 }),
    legend: both ? [{ label: m.columns.active_ratio, colour: '#0072B2' }, { label: m.columns.new_ratio, colour: '#D55E00' }] : undefined,
    table: table(t.tableCaption, [
      { label: m.common.period, value: (r: LabourRow) => f.month(r.period) },
      { label: m.columns.active_openings, value: (r) => f.integer(r.active_openings), numeric: true },
      { label: m.columns.active_applicants, value: (r) => f.integer(r.active_applicants), numeric: true },
      { label: m.columns.active_ratio, value: (r) => f.decimal(r.active_ratio, 2), numeric: true },
      ...(both ? [{ label: m.columns.new_ratio, value: (r: LabourRow) => f.decimal(r.new_ratio, 2), numeric: true }] : []),
    ], series),
    downloads: [download(datasetTitle(req, 'labour-market-monthly'), 'labour-market-monthly', { region: req.filters.region })],
    wide: true,
  };
}

export async function mapFigure(req: PageRequest): Promise<FigureView> {
  const { m, f } = req;
  const t = m.figures.map;
  const filters = { period: req.filters.period, level: 'province' };
  const rows = await req.rows<LabourRow>('labour-market-monthly', filters);
  const values = rows.map((r) => r.active_ratio).filter((v): v is number => v !== null);
  const breaks = mapClasses(values);
  const bounds = [Math.min(...values), ...breaks, Math.max(...values)];
  const legend = MAP_COLOURS.slice(0, breaks.length + 1).map((colour, i) => ({ label: `${f.decimal(bounds[i], 2)} – ${f.decimal(bounds[i + 1], 2)}`, colour }));
  const title = fill(t.title, { period: f.month(req.filters.period) });
  return {
    id: 'map',
    title,
    caption: t.caption,
    svg: provinceMap(rows.map((r) => ({ code: r.region_code, name: r.region_name, value: r.active_ratio })), { label: title, description: t.caption, formatValue: (v) => f.decimal(v, 2), missingLabel: m.common.withheld }),
    legend: [...legend, { label: m.common.withheld, colour: '#ffffff' }],
    table: table(t.tableCaption, [
      { label: m.common.province, value: (r: LabourRow) => r.region_name, href: (r) => `/regions/${r.region_code}?period=${req.filters.period}` },
      { label: m.columns.active_openings, value: (r) => f.integer(r.active_openings), numeric: true },
      { label: m.columns.active_applicants, value: (r) => f.integer(r.active_applicants), numeric: true },
      { label: m.columns.active_ratio, value: (r) => f.decimal(r.active_ratio, 2), numeric: true },
      { label: m.columns.placements, value: (r) => f.integer(r.placements), numeric: true },
    ], rows),
    downloads: [download(datasetTitle(req, 'labour-market-monthly'), 'labour-market-monthly', filters)],
    wide: true,
  };
}
