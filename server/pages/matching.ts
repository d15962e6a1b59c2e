// `/matching`: how well openings and applicants meet: both ratios over time, placement
// and fill rates, days to fill, pool depth and the hard-to-fill share.
import { lineChart } from '../charts/line.ts';
import { SERIES_COLOURS, WIDTH } from '../charts/plot.ts';
import { fill } from '../i18n.ts';
import { chartOrEmpty, matchingComputed } from './empty.ts';
import { headlineValue, labourSeries, ratioFigure, type LabourRow } from './labour.ts';
import { changes, datasetTitle, download, table, type ChangeKind, type FigureView, type PageDef, type PageRequest } from './page.ts';

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
    const h = m.headlines;
    const computed = await matchingComputed(req);
    const item = (label: string, key: keyof MatchingRow, kind: ChangeKind | undefined, show: (v: number) => string) => ({
      label, value: headlineValue(req, now, key, show),
      ...(kind ? changes(matching, req.filters.period, (r) => r?.[key] as number | null | undefined, f, m, kind) : {}),
    });
    return {
      title: m.pages.matching.title,
      intro: fill(m.pages.matching.intro, { period: f.month(req.filters.period) }),
      headlines: [
        item(h.activeVacancies, 'active_vacancies', 'count', f.integer),
        item(h.medianPoolDepth, 'median_pool_depth', 'ratio', (v) => f.decimal(v, 1)),
        item(h.hardToFill, 'hard_to_fill_share', 'rate', (v) => f.percent(v)),
        item(h.nearMiss, 'near_miss_seekers', 'count', f.integer),
        item(h.matchCoverage, 'placement_match_coverage', undefined, (v) => f.percent(v)),
      ],
      figures: [
        ratioFigure(req, labour, true),
        labourLinesFigure(req, labour, { id: 'rates', yLabel: m.common.rate, lines: ['placement_rate', 'fill_rate'], tableOnly: ['placements'], show: (v) => f.percent(v), tick: (v) => f.percent(v, 0) }),
        labourLinesFigure(req, labour, { id: 'days', yLabel: m.common.days, lines: ['median_days_to_fill', 'p75_days_to_fill', 'median_days_to_placement'], show: f.integer, tick: f.integer }),
        poolFigure(req, matching, computed),
      ],
    };
  },
};

type LabourKey = 'placements' | 'placement_rate' | 'fill_rate' | 'median_days_to_fill' | 'p75_days_to_fill' | 'median_days_to_placement';

/** Monthly lines of labour-market-monthly columns, with the columns (and any more) in its table. */
function labourLinesFigure(req: PageRequest, series: LabourRow[], options: {
  id: 'rates' | 'days'; yLabel: string; lines: LabourKey[]; tableOnly?: LabourKey[]; show: (v: number | null) => string; tick: (v: number) => string;
}): FigureView {
  const { m, f } = req;
  const t = m.figures[options.id];
  const columns = [...(options.tableOnly ?? []), ...options.lines];
  const points = options.lines.flatMap((key) => series.map((r) => ({ period: r.period, value: r[key], series: m.columns[key] })));
  return {
    id: options.id,
    title: t.title,
    caption: t.caption,
    ...chartOrEmpty(req, { rows: series, shown: points.filter((p) => p.value !== null).length, column: options.lines[0] },
      () => lineChart(points, { label: t.title, description: t.caption, yLabel: options.yLabel, formatValue: options.tick, formatMonth: f.monthShort, width: WIDTH.normal })),
    legend: options.lines.map((key, i) => ({ label: m.columns[key], colour: SERIES_COLOURS[i] })),
    table: table(t.tableCaption, [
      { label: m.common.period, value: (r: LabourRow) => f.month(r.period) },
      ...columns.map((key) => ({ label: m.columns[key], key, value: (r: LabourRow) => (key === 'placements' ? f.integer(r[key]) : options.show(r[key])), numeric: true })),
    ], series, req),
    downloads: [download(datasetTitle(req, 'labour-market-monthly'), 'labour-market-monthly', { region: req.filters.region })],
  };
}

function poolFigure(req: PageRequest, series: MatchingRow[], computed: boolean): FigureView {
  const { m, f } = req;
  const t = m.figures.pool;
  const known = series.filter((r) => r.hard_to_fill_share !== null).length;
  return {
    id: 'pool',
    title: t.title,
    caption: t.caption,
    ...chartOrEmpty(req, { rows: series, shown: known, column: 'hard_to_fill_share', computed }, () => lineChart(series.map((r) => ({ period: r.period, value: r.hard_to_fill_share, series: m.columns.hard_to_fill_share })),
      { label: t.title, description: t.caption, yLabel: m.columns.hard_to_fill_share, formatValue: (v) => f.percent(v, 0), formatMonth: f.monthShort })),
    table: table(t.tableCaption, [
      { label: m.common.period, value: (r: MatchingRow) => f.month(r.period) },
      { label: m.columns.active_vacancies, key: 'active_vacancies', value: (r) => f.integer(r.active_vacancies), numeric: true },
      { label: m.columns.median_pool_depth, key: 'median_pool_depth', value: (r) => f.decimal(r.median_pool_depth, 1), numeric: true },
      { label: m.columns.hard_to_fill_share, key: 'hard_to_fill_share', value: (r) => f.percent(r.hard_to_fill_share), numeric: true },
      { label: m.columns.near_miss_seekers, key: 'near_miss_seekers', value: (r) => f.integer(r.near_miss_seekers), numeric: true },
      { label: m.columns.placement_match_coverage, key: 'placement_match_coverage', value: (r) => f.percent(r.placement_match_coverage), numeric: true },
    ], series, req),
    downloads: [download(datasetTitle(req, 'matching-quality'), 'matching-quality', { region: req.filters.region })],
    wide: true,
  };
}
