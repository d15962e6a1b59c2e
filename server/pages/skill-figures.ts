// Figures built from skill-gaps and skill-trends: shortages and surpluses as diverging
// bars, demand against supply, most demanded skills, their trend, emerging skills and
// demand by skill group.
import type { Filters } from '../../core/filters.ts';
import { barChart } from '../charts/bars.ts';
import { divergingBars } from '../charts/diverging.ts';
import { lineChart } from '../charts/line.ts';
import { COLOURS, SERIES_COLOURS, WIDTH } from '../charts/plot.ts';
import { demandSupplyScatter } from '../charts/scatter.ts';
import { fill } from '../i18n.ts';
import { datasetTitle, download, table, yearTo, type FigureView, type PageRequest } from './page.ts';

export interface GapRow {
  period: string; region_name: string; skill_id: string; skill_label_id: string; skill_label_en: string; skill_group: string;
  demand: number; supply: number | null; skill_ratio: number | null; imbalance_index: number | null; status: string; unmet_openings: number | null;
}

export interface TrendRow { period: string; skill_id: string; skill_label_id: string; skill_label_en: string; new_openings_requiring: number; openings_last_3m: number; growth_3m: number | null; emerging: boolean }

export const skillLabel = (req: PageRequest, r: { skill_label_id: string; skill_label_en: string }) => (req.lang === 'id' ? r.skill_label_id : r.skill_label_en);

/** period, region, and sector/occupation when the page has them. */
export function gapFilters(req: PageRequest): Filters {
  const { period, region, sector, occupation } = req.filters;
  return { period, region, ...(sector ? { sector } : {}), ...(occupation ? { occupation } : {}) };
}

function gapColumns(req: PageRequest) {
  const { m, f } = req;
  return [
    { label: m.columns.skill, value: (r: GapRow) => skillLabel(req, r) },
    { label: m.columns.demand, value: (r: GapRow) => f.integer(r.demand), numeric: true },
    { label: m.columns.supply, value: (r: GapRow) => f.integer(r.supply), numeric: true },
    { label: m.columns.skill_ratio, value: (r: GapRow) => f.decimal(r.skill_ratio, 2), numeric: true },
    { label: m.columns.imbalance_index, value: (r: GapRow) => f.decimal(r.imbalance_index, 2), numeric: true },
    { label: m.columns.status, value: (r: GapRow) => m.status[r.status as keyof typeof m.status] ?? r.status },
  ];
}

/** The shortages with the highest imbalance index (and, for /gaps, the surpluses with the lowest). */
export async function imbalanceFigure(req: PageRequest, options: { withSurplus: boolean; limit: number }): Promise<FigureView> {
  const { m, f } = req;
  const t = options.withSurplus ? m.figures.imbalance : m.figures.shortages;
  const base = gapFilters(req);
  const shortageSlice = { sort: ['-imbalance_index'], limit: options.limit };
  const surplusSlice = { sort: ['imbalance_index'], limit: options.limit };
  const shortages = await req.rows<GapRow>('skill-gaps', { ...base, status: 'shortage' }, shortageSlice);
  const surpluses = options.withSurplus ? await req.rows<GapRow>('skill-gaps', { ...base, status: 'surplus' }, surplusSlice) : [];
  const rows = [...shortages, ...surpluses].filter((r) => r.imbalance_index !== null);
  const title = fill(t.title, { period: f.month(req.filters.period) });
  return {
    id: options.withSurplus ? 'imbalance' : 'shortages',
    title,
    caption: t.caption,
    svg: rows.length ? divergingBars(rows.map((r) => ({ label: skillLabel(req, r), value: r.imbalance_index! })), {
      label: title, description: t.caption, xLabel: m.columns.imbalance_index, formatValue: (v) => f.decimal(v, 2),
      positiveLabel: m.status.shortage, negativeLabel: m.status.surplus, width: WIDTH.wide,
    }) : '',
    empty: rows.length ? undefined : m.common.noData,
    legend: [{ label: m.status.shortage, colour: COLOURS.shortage }, ...(options.withSurplus ? [{ label: m.status.surplus, colour: COLOURS.surplus }] : [])],
    table: table(t.tableCaption, gapColumns(req), rows),
    downloads: [
      download(m.status.shortage, 'skill-gaps', { ...base, status: 'shortage' }, shortageSlice),
      ...(options.withSurplus ? [download(m.status.surplus, 'skill-gaps', { ...base, status: 'surplus' }, surplusSlice)] : []),
    ],
    wide: true,
  };
}

export function scatterFigure(req: PageRequest, rows: GapRow[]): FigureView {
  const { m, f } = req;
  const t = m.figures.scatter;
  const title = fill(t.title, { period: f.month(req.filters.period) });
  const points = rows.filter((r) => r.supply !== null && r.demand > 0 && r.supply > 0);
  return {
    id: 'demand-supply',
    title,
    caption: t.caption,
    svg: points.length ? demandSupplyScatter(points.map((r) => ({ label: skillLabel(req, r), demand: r.demand, supply: r.supply!, status: r.status, statusLabel: m.status[r.status as keyof typeof m.status] })), {
      label: title, description: t.caption, xLabel: m.columns.supply, yLabel: m.columns.demand, parityLabel: t.parity, formatValue: f.compact, statusLabels: m.status,
    }) : '',
    empty: points.length ? undefined : m.common.noData,
    legend: (['shortage', 'balanced', 'surplus', 'insufficient'] as const).map((s) => ({ label: m.status[s], colour: COLOURS[s] })),
    table: table(t.tableCaption, gapColumns(req), [...rows].sort((a, b) => (b.imbalance_index ?? -99) - (a.imbalance_index ?? -99))),
    downloads: [download(datasetTitle(req, 'skill-gaps'), 'skill-gaps', gapFilters(req))],
    wide: true,
  };
}

export async function topDemandFigure(req: PageRequest, limit = 15): Promise<{ figure: FigureView; rows: GapRow[] }> {
  const { m, f } = req;
  const t = m.figures.topDemand;
  const slice = { sort: ['-demand'], limit };
  const rows = (await req.rows<GapRow>('skill-gaps', gapFilters(req), slice)).filter((r) => r.demand > 0);
  const title = fill(t.title, { period: f.month(req.filters.period) });
  return {
    rows,
    figure: {
      id: 'top-demand',
      title,
      caption: t.caption,
      svg: rows.length ? barChart(rows.map((r) => ({ label: skillLabel(req, r), value: r.demand })), { label: title, description: t.caption, xLabel: m.columns.demand, formatValue: f.integer }) : '',
      empty: rows.length ? undefined : m.common.noData,
      table: table(t.tableCaption, gapColumns(req), rows),
      downloads: [download(datasetTitle(req, 'skill-gaps'), 'skill-gaps', gapFilters(req), slice)],
    },
  };
}

export async function trendFigure(req: PageRequest, skills: string[]): Promise<FigureView> {
  const { m, f } = req;
  const t = m.figures.trend;
  const filters = { region: req.filters.region, ...yearTo(req.filters.period, req.periods), skill: skills.join(',') };
  const rows = skills.length ? await req.rows<TrendRow>('skill-trends', filters) : [];
  return {
    id: 'trend',
    title: t.title,
    caption: t.caption,
    svg: rows.length ? lineChart(rows.map((r) => ({ period: r.period, value: r.new_openings_requiring, series: skillLabel(req, r) })), {
      label: t.title, description: t.caption, yLabel: m.columns.new_openings_requiring, formatValue: f.integer, formatMonth: f.monthShort,
    }) : '',
    empty: rows.length ? undefined : m.common.noData,
    legend: skills.map((id, i) => ({ label: skillLabel(req, rows.find((r) => r.skill_id === id) ?? { skill_label_id: id, skill_label_en: id }), colour: SERIES_COLOURS[i] })),
    table: table(t.tableCaption, [
      { label: m.common.period, value: (r: TrendRow) => f.month(r.period) },
      { label: m.columns.skill, value: (r: TrendRow) => skillLabel(req, r) },
      { label: m.columns.new_openings_requiring, value: (r: TrendRow) => f.integer(r.new_openings_requiring), numeric: true },
    ], rows),
    downloads: skills.length ? [download(datasetTitle(req, 'skill-trends'), 'skill-trends', filters)] : [],
    wide: true,
  };
}

export async function emergingFigure(req: PageRequest, limit = 15): Promise<FigureView> {
  const { m, f } = req;
  const t = m.figures.emerging;
  const filters = { period: req.filters.period, region: req.filters.region, emerging: 'true' };
  const slice = { sort: ['-growth_3m'], limit };
  const rows = await req.rows<TrendRow>('skill-trends', filters, slice);
  const title = fill(t.title, { period: f.month(req.filters.period) });
  return {
    id: 'emerging',
    title,
    caption: t.caption,
    svg: rows.length ? barChart(rows.map((r) => ({ label: skillLabel(req, r), value: r.growth_3m, colour: COLOURS.tertiary })), { label: title, description: t.caption, xLabel: m.columns.growth_3m, formatValue: (v) => f.percent(v, 0) }) : '',
    empty: rows.length ? undefined : m.figures.emerging.none,
    table: table(t.tableCaption, [
      { label: m.columns.skill, value: (r: TrendRow) => skillLabel(req, r) },
      { label: m.columns.openings_last_3m, value: (r: TrendRow) => f.integer(r.openings_last_3m), numeric: true },
      { label: m.columns.growth_3m, value: (r: TrendRow) => f.percent(r.growth_3m, 0), numeric: true },
    ], rows),
    downloads: [download(datasetTitle(req, 'skill-trends'), 'skill-trends', filters, slice)],
  };
}

export function groupFigure(req: PageRequest, rows: GapRow[]): FigureView {
  const { m, f } = req;
  const t = m.figures.groups;
  const groups = new Map<string, { group: string; demand: number; skills: number }>();
  for (const r of rows) {
    const g = groups.get(r.skill_group) ?? { group: r.skill_group, demand: 0, skills: 0 };
    g.demand += r.demand;
    if (r.demand > 0) g.skills += 1;
    groups.set(r.skill_group, g);
  }
  const data = [...groups.values()].filter((g) => g.demand > 0).sort((a, b) => b.demand - a.demand);
  const label = (g: string) => m.skillGroups[g as keyof typeof m.skillGroups] ?? g;
  const title = fill(t.title, { period: f.month(req.filters.period) });
  return {
    id: 'skill-groups',
    title,
    caption: t.caption,
    svg: data.length ? barChart(data.map((g) => ({ label: label(g.group), value: g.demand, colour: COLOURS.quaternary })), { label: title, description: t.caption, xLabel: m.columns.demand, formatValue: f.integer, width: WIDTH.wide }) : '',
    empty: data.length ? undefined : m.common.noData,
    table: table(t.tableCaption, [
      { label: m.columns.skill_group, value: (g: (typeof data)[number]) => label(g.group) },
      { label: m.columns.demand, value: (g) => f.integer(g.demand), numeric: true },
      { label: m.columns.skills_in_demand, value: (g) => f.integer(g.skills), numeric: true },
    ], data),
    downloads: [download(datasetTitle(req, 'skill-gaps'), 'skill-gaps', gapFilters(req))],
    wide: true,
  };
}
