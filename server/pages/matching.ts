// `/matching`: how well openings and applicants meet: both ratios over time, placement
// and fill rates, days to fill, pool depth and the hard-to-fill share.
import { lineChart } from '../charts/line.ts';
import { COLOURS, WIDTH } from '../charts/plot.ts';
import { fill } from '../i18n.ts';
import { labourSeries, ratioFigure, type LabourRow } from './labour.ts';
import { datasetTitle, change, download, previousPeriod, table, type FigureView, type PageDef, type PageRequest } from './page.ts';

interface MatchingRow { period: string; region_name: string; active_vacancies: number; median_pool_depth: number | null; hard_to_fill_share: number | null; near_miss_seekers: number | null; placement_match_coverage: number | null }

export const matchingPage: PageDef = {
  path: '/matching',
  nav: 'matching',
  filters: ['period', 'region'],
  async load(req) {
    const { m, f } = req;
    const labour = await labourSeries(req);
    const matching = await req.rows<MatchingRow>('matching-quality', { region: req.filters.region });
    const now = matching.find((r) => r.period === req.filters.period);
    const before = matching.find((r) => r.period === previousPeriod(req.filters.period));
    const h = m.headlines;
    return {
      title: m.pages.matching.title,
      intro: fill(m.pages.matching.intro, { period: f.month(req.filters.period) }),
      headlines: [
        { label: h.activeVacancies, value: f.integer(now?.active_vacancies), ...change(now?.active_vacancies, before?.active_vacancies, f, m) },
        { label: h.medianPoolDepth, value: f.decimal(now?.median_pool_depth, 1), ...change(now?.median_pool_depth, before?.median_pool_depth, f, m) },
        { label: h.hardToFill, value: f.percent(now?.hard_to_fill_share), ...change(now?.hard_to_fill_share, before?.hard_to_fill_share, f, m) },
        { label: h.nearMiss, value: f.integer(now?.near_miss_seekers), ...change(now?.near_miss_seekers, before?.near_miss_seekers, f, m) },
        { label: h.matchCoverage, value: f.percent(now?.placement_match_coverage) },
      ],
      figures: [
        ratioFigure(req, labour, true),
        ratesFigure(req, labour),
        daysFigure(req, labour),
        poolFigure(req, matching),
      ],
    };
  },
};

function ratesFigure(req: PageRequest, series: LabourRow[]): FigureView {
  const { m, f } = req;
  const t = m.figures.rates;
  return {
    id: 'rates',
    title: t.title,
    caption: t.caption,
    svg: lineChart([
      ...series.map((r) => ({ period: r.period, value: r.placement_rate, series: m.columns.placement_rate })),
      ...series.map((r) => ({ period: r.period, value: r.fill_rate, series: m.columns.fill_rate })),
    ], { label: t.title, description: t.caption, yLabel: m.common.rate, formatValue: (v) => f.percent(v, 0), formatMonth: f.monthShort, width: WIDTH.normal }),
    legend: [{ label: m.columns.placement_rate, colour: COLOURS.primary }, { label: m.columns.fill_rate, colour: COLOURS.secondary }],
    table: table(t.tableCaption, [
      { label: m.common.period, value: (r: LabourRow) => f.month(r.period) },
      { label: m.columns.placements, value: (r) => f.integer(r.placements), numeric: true },
      { label: m.columns.placement_rate, value: (r) => f.percent(r.placement_rate), numeric: true },
      { label: m.columns.fill_rate, value: (r) => f.percent(r.fill_rate), numeric: true },
    ], series),
    downloads: [download(datasetTitle(req, 'labour-market-monthly'), 'labour-market-monthly', { region: req.filters.region })],
  };
}

function daysFigure(req: PageRequest, series: LabourRow[]): FigureView {
  const { m, f } = req;
  const t = m.figures.days;
  return {
    id: 'days',
    title: t.title,
    caption: t.caption,
    svg: lineChart([
      ...series.map((r) => ({ period: r.period, value: r.median_days_to_fill, series: m.columns.median_days_to_fill })),
      ...series.map((r) => ({ period: r.period, value: r.p75_days_to_fill, series: m.columns.p75_days_to_fill })),
      ...series.map((r) => ({ period: r.period, value: r.median_days_to_placement, series: m.columns.median_days_to_placement })),
    ], { label: t.title, description: t.caption, yLabel: m.common.days, formatValue: f.integer, formatMonth: f.monthShort, width: WIDTH.normal }),
    legend: [{ label: m.columns.median_days_to_fill, colour: COLOURS.primary }, { label: m.columns.p75_days_to_fill, colour: COLOURS.secondary }, { label: m.columns.median_days_to_placement, colour: COLOURS.tertiary }],
    table: table(t.tableCaption, [
      { label: m.common.period, value: (r: LabourRow) => f.month(r.period) },
      { label: m.columns.median_days_to_fill, value: (r) => f.integer(r.median_days_to_fill), numeric: true },
      { label: m.columns.p75_days_to_fill, value: (r) => f.integer(r.p75_days_to_fill), numeric: true },
      { label: m.columns.median_days_to_placement, value: (r) => f.integer(r.median_days_to_placement), numeric: true },
    ], series),
    downloads: [download(datasetTitle(req, 'labour-market-monthly'), 'labour-market-monthly', { region: req.filters.region })],
  };
}

function poolFigure(req: PageRequest, series: MatchingRow[]): FigureView {
  const { m, f } = req;
  const t = m.figures.pool;
  const known = series.some((r) => r.median_pool_depth !== null || r.hard_to_fill_share !== null);
  return {
    id: 'pool',
    title: t.title,
    caption: t.caption,
    svg: known ? lineChart(series.map((r) => ({ period: r.period, value: r.hard_to_fill_share, series: m.columns.hard_to_fill_share })),
      { label: t.title, description: t.caption, yLabel: m.columns.hard_to_fill_share, formatValue: (v) => f.percent(v, 0), formatMonth: f.monthShort }) : '',
    empty: known ? undefined : m.figures.pool.notComputed,
    table: table(t.tableCaption, [
      { label: m.common.period, value: (r: MatchingRow) => f.month(r.period) },
      { label: m.columns.active_vacancies, value: (r) => f.integer(r.active_vacancies), numeric: true },
      { label: m.columns.median_pool_depth, value: (r) => f.decimal(r.median_pool_depth, 1), numeric: true },
      { label: m.columns.hard_to_fill_share, value: (r) => f.percent(r.hard_to_fill_share), numeric: true },
      { label: m.columns.near_miss_seekers, value: (r) => f.integer(r.near_miss_seekers), numeric: true },
      { label: m.columns.placement_match_coverage, value: (r) => f.percent(r.placement_match_coverage), numeric: true },
    ], series),
    downloads: [download(datasetTitle(req, 'matching-quality'), 'matching-quality', { region: req.filters.region })],
    wide: true,
  };
}
