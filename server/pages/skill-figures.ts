// Figures built from skill-gaps and skill-trends: shortages and surpluses as diverging
// bars, demand against supply, most demanded skills, their trend, emerging skills and
// demand by skill group.
import type { Row } from '../../core/datasets.ts';
import type { Filters } from '../../core/filters.ts';
import { barChart } from '../charts/bars.ts';
import { divergingBars } from '../charts/diverging.ts';
import { lineChart } from '../charts/line.ts';
import { COLOURS, SERIES_COLOURS, WIDTH } from '../charts/plot.ts';
import { demandSupplyScatter } from '../charts/scatter.ts';
import { fill } from '../i18n.ts';
import { METHODOLOGY } from '../../core/methodology.ts';
import { addMonths, chartOrEmpty } from './empty.ts';
import { skillUrl } from '../urls.ts';
import { figure, type FigureColumn } from './figure.ts';
import { datasetTitle, download, table, yearTo, type FigureView, type PageRequest, withHowTo } from './page.ts';

/** A published skill-gaps row (core/datasets.ts): demand, supply, ratio, index and both statuses. */
export type GapRow = Row<'skill-gaps'>;

export const statusLabel = (req: PageRequest, r: GapRow) => (r.status === null ? req.m.marks.withheld : req.m.status[r.status as keyof PageRequest['m']['status']] ?? r.status);
export const relativeLabel = (req: PageRequest, r: GapRow) => (r.relative_status === null ? req.m.marks.withheld : req.m.relativeStatus[r.relative_status as keyof PageRequest['m']['relativeStatus']] ?? r.relative_status);

/** The page's filters a skill-trends figure cannot follow (the dataset has no sector or occupation). */
export function ignoredTrendFilters(req: PageRequest): string | undefined {
  const ignored = [req.filters.sector ? req.m.common.sector : undefined, req.filters.occupation ? req.m.common.occupation : undefined].filter(Boolean);
  return ignored.length ? fill(req.m.empty.ignores, { filters: ignored.join(', ') }) : undefined;
}

export type TrendRow = Row<'skill-trends'>;

export const skillLabel = (req: PageRequest, r: { skill_label_id: string; skill_label_en: string }) => (req.lang === 'id' ? r.skill_label_id : r.skill_label_en);

/** The page's employment type, for the datasets that take it (skill-trends, occupation-demand). */
export function typeFilter(req: PageRequest): Filters {
  return req.filters.employment_type ? { employment_type: req.filters.employment_type } : {};
}

/** The link of a skill name on every page: its page (/skills/<id>), for the month and region being looked at. */
export const skillHref = (req: Pick<PageRequest, 'filters'>, id: string): string => skillUrl(id, { period: req.filters.period, region: req.filters.region === 'ID' ? undefined : req.filters.region });

/** The skill name column of a table, linked to the skill's page. */
export function skillColumn<R extends { skill_id: string; skill_label_id: string; skill_label_en: string }>(req: PageRequest) {
  return { label: req.m.columns.skill, value: (r: R) => skillLabel(req, r), href: (r: R) => skillHref(req, r.skill_id) };
}

/** period, region, and sector/occupation when the page has them. */
export function gapFilters(req: PageRequest): Filters {
  const { period, region, sector, occupation, employment_type } = req.filters;
  return { period, region, ...(sector ? { sector } : {}), ...(occupation ? { occupation } : {}), ...(employment_type ? { employment_type } : {}) };
}

/** The columns of a skill-gaps table: the skill linked to its page, demand, supply, ratio and both statuses. */
function gapColumns(req: PageRequest): FigureColumn<'skill-gaps'>[] {
  return [
    skillColumn<GapRow>(req), 'demand', 'supply', 'skill_ratio',
    { column: 'status', value: (r) => statusLabel(req, r) },
    'imbalance_index',
    { column: 'relative_status', value: (r) => relativeLabel(req, r) },
  ];
}

/** The skills relatively scarcest (highest imbalance index; for /gaps also the most abundant), above the ranking volume. */
export function imbalanceFigure(req: PageRequest, options: { withSurplus: boolean; limit: number }): Promise<FigureView> {
  const { m, f } = req;
  const t = options.withSurplus ? m.figures.imbalance : m.figures.shortages;
  const base = gapFilters(req);
  const title = fill(t.title, { period: f.month(req.filters.period) });
  const caption = `${t.caption} ${fill(m.figures.rankingVolume, { n: METHODOLOGY.rankingMinVolume })}`;
  return figure(req, {
    id: options.withSurplus ? 'imbalance' : 'shortages',
    dataset: 'skill-gaps',
    filters: { ...base, relative_status: 'relatively_scarce' },
    slice: { sort: ['-imbalance_index'], limit: options.limit },
    downloadLabel: m.relativeStatus.relatively_scarce,
    also: options.withSurplus ? [{ label: m.relativeStatus.relatively_abundant, filters: { ...base, relative_status: 'relatively_abundant' }, slice: { sort: ['imbalance_index'], limit: options.limit } }] : [],
    title, caption, tableCaption: t.tableCaption,
    columns: gapColumns(req),
    shown: (rows) => rows.filter((r) => r.imbalance_index !== null),
    // Nothing ranked: every skill's row tells "withheld" from "none qualifies".
    empty: { column: 'relative_status', none: fill(m.figures.noneRanked, { n: METHODOLOGY.rankingMinVolume }), from: base },
    chart: {
      kind: 'diverging',
      draw: (rows) => divergingBars(rows.map((r) => ({ label: skillLabel(req, r), value: r.imbalance_index! })), {
        label: title, description: caption, xLabel: m.columns.imbalance_index, formatValue: (v) => f.decimal(v, 2),
        positiveLabel: m.relativeStatus.relatively_scarce, negativeLabel: m.relativeStatus.relatively_abundant, width: WIDTH.wide,
      }),
      legend: [{ label: m.relativeStatus.relatively_scarce, colour: COLOURS.shortage }, ...(options.withSurplus ? [{ label: m.relativeStatus.relatively_abundant, colour: COLOURS.surplus }] : [])],
    },
    wide: true,
  });
}

/**
 * The market's smoothed AO/AA, the line the imbalance index compares D/S against: from
 * any published row, (AO + 0.5)/(AA + 0.5) = ((D + 0.5)/(S + 0.5)) / e^I.
 */
export function marketRatio(rows: GapRow[]): number | undefined {
  const r = rows.find((g) => g.supply !== null && g.imbalance_index !== null);
  return r ? (r.demand + 0.5) / (r.supply! + 0.5) / Math.exp(r.imbalance_index!) : undefined;
}

/** Demand against supply of every skill, with the parity and market lines; its table lists every skill, most relatively scarce first. */
export function scatterFigure(req: PageRequest): Promise<FigureView> {
  const { m, f } = req;
  const t = m.figures.scatter;
  const title = fill(t.title, { period: f.month(req.filters.period) });
  return figure(req, {
    id: 'demand-supply',
    dataset: 'skill-gaps',
    filters: gapFilters(req),
    title, caption: t.caption, tableCaption: t.tableCaption,
    columns: gapColumns(req),
    shown: (rows) => rows.filter((r) => r.supply !== null && r.status !== null && r.demand > 0 && r.supply > 0),
    tableRows: (_, rows) => [...rows].sort((a, b) => (b.imbalance_index ?? -99) - (a.imbalance_index ?? -99)),
    empty: { column: 'supply', filteredBy: t.drawnRule },
    chart: {
      kind: 'scatter',
      draw: (points, rows) => {
        const market = marketRatio(rows);
        return demandSupplyScatter(points.map((r) => ({ label: skillLabel(req, r), demand: r.demand, supply: r.supply!, status: r.status!, statusLabel: statusLabel(req, r) })), {
          label: title, description: t.caption, xLabel: m.columns.supply, yLabel: m.columns.demand, parityLabel: t.parity, formatValue: f.compact, statusLabels: m.status,
          marketRatio: market, marketLabel: market === undefined ? undefined : fill(t.market, { ratio: f.decimal(market, 2) }),
        });
      },
      legend: (['shortage', 'balanced', 'surplus', 'insufficient'] as const).map((s) => ({ label: m.status[s], colour: COLOURS[s] })),
    },
    wide: true,
  });
}

/** The most demanded skills; `wide` draws them across the page (where the figure has no neighbour beside it). */
export async function topDemandFigure(req: PageRequest, limit = 15, wide = false): Promise<{ figure: FigureView; rows: GapRow[] }> {
  const { m, f } = req;
  const t = m.figures.topDemand;
  const title = fill(t.title, { period: f.month(req.filters.period) });
  const top = await figure(req, {
    id: 'top-demand',
    dataset: 'skill-gaps',
    filters: gapFilters(req),
    slice: { sort: ['-demand'], limit },
    title, caption: t.caption, tableCaption: t.tableCaption,
    columns: gapColumns(req),
    shown: (rows) => rows.filter((r) => r.demand > 0),
    empty: { filteredBy: m.figures.demandRule },
    chart: { kind: 'bars', draw: (rows) => barChart(rows.map((r) => ({ label: skillLabel(req, r), value: r.demand })), { label: title, description: t.caption, xLabel: m.columns.demand, formatValue: f.integer, ...(wide ? { width: WIDTH.wide } : {}) }) },
    wide,
  });
  return { figure: top, rows: top.rows };
}

export async function trendFigure(req: PageRequest, skills: string[]): Promise<FigureView> {
  const { m, f } = req;
  const t = m.figures.trend;
  const filters = { region: req.filters.region, ...yearTo(req.filters.period, req.periods), skill: skills.join(','), ...typeFilter(req) };
  const rows = skills.length ? await req.rows<TrendRow>('skill-trends', filters) : [];
  return withHowTo(req, 'line', {
    id: 'trend',
    title: t.title,
    caption: t.caption,
    note: ignoredTrendFilters(req),
    ...chartOrEmpty(req, { rows, shown: rows.length, none: skills.length ? undefined : t.noSkills }, () => lineChart(rows.map((r) => ({ period: r.period, value: r.new_openings_requiring, series: skillLabel(req, r) })), {
      label: t.title, description: t.caption, yLabel: m.columns.new_openings_requiring, formatValue: f.integer, formatMonth: f.monthShort,
    })),
    legend: skills.map((id, i) => ({ label: skillLabel(req, rows.find((r) => r.skill_id === id) ?? { skill_label_id: id, skill_label_en: id }), colour: SERIES_COLOURS[i] })),
    table: table(t.tableCaption, [
      { label: m.common.period, value: (r: TrendRow) => f.month(r.period) },
      skillColumn<TrendRow>(req),
      { label: m.columns.new_openings_requiring, key: 'new_openings_requiring', value: (r: TrendRow) => f.integer(r.new_openings_requiring), numeric: true },
    ], rows, req),
    downloads: skills.length ? [download(datasetTitle(req, 'skill-trends'), 'skill-trends', filters)] : [],
    wide: true,
  });
}

export function emergingFigure(req: PageRequest, limit = 15): Promise<FigureView> {
  const { m, f } = req;
  const t = m.figures.emerging;
  const title = fill(t.title, { period: f.month(req.filters.period) });
  return figure(req, {
    id: 'emerging',
    dataset: 'skill-trends',
    filters: { period: req.filters.period, region: req.filters.region, emerging: 'true', ...typeFilter(req) },
    slice: { sort: ['-growth_3m'], limit },
    title, caption: t.caption, tableCaption: t.tableCaption,
    note: ignoredTrendFilters(req),
    columns: [skillColumn<TrendRow>(req), 'openings_last_3m', 'growth_3m'],
    // growth_3m needs the last three months and the three before: six months of data.
    empty: { availableFrom: req.periods.length ? addMonths(req.periods[0], METHODOLOGY.trendMonths - 1) : undefined, availableWhy: fill(t.needs, { months: METHODOLOGY.trendMonths }), none: t.none },
    chart: { kind: 'bars', draw: (rows) => barChart(rows.map((r) => ({ label: skillLabel(req, r), value: r.growth_3m, colour: COLOURS.tertiary })), { label: title, description: t.caption, xLabel: m.columns.growth_3m, formatValue: (v) => f.percent(v, 0) }) },
  });
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
  return withHowTo(req, 'bars', {
    id: 'skill-groups',
    title,
    caption: t.caption,
    ...chartOrEmpty(req, { rows, shown: data.length, filteredBy: m.figures.demandRule }, () => barChart(data.map((g) => ({ label: label(g.group), value: g.demand, colour: COLOURS.quaternary })), { label: title, description: t.caption, xLabel: m.columns.demand, formatValue: f.integer, width: WIDTH.wide })),
    table: table(t.tableCaption, [
      { label: m.columns.skill_group, value: (g: (typeof data)[number]) => label(g.group) },
      { label: m.columns.demand, value: (g) => f.integer(g.demand), numeric: true },
      { label: m.columns.skills_in_demand, value: (g) => f.integer(g.skills), numeric: true },
    ], data),
    downloads: [download(datasetTitle(req, 'skill-gaps'), 'skill-gaps', gapFilters(req))],
    wide: true,
  });
}
