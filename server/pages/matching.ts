// `/matching`: how well openings and applicants meet: both ratios over time, placement
// and fill rates, days to fill, pool depth and the hard-to-fill share.
import { lineChart } from '../charts/line.ts';
import { SERIES_COLOURS, WIDTH } from '../charts/plot.ts';
import { fill } from '../i18n.ts';
import type { Row } from '../../core/datasets.ts';
import { matchingComputed } from './empty.ts';
import { figure } from './figure.ts';
import { headlineValue, labourSeries, ratioFigure } from './labour.ts';
import { changes, type ChangeKind, type FigureView, type PageDef, type PageRequest } from './page.ts';

type MatchingRow = Row<'matching-quality'>;

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
        await labourLinesFigure(req, { id: 'rates', yLabel: m.common.rate, lines: ['placement_rate', 'fill_rate'], tableOnly: ['placements'], tick: (v) => f.percent(v, 0) }),
        await labourLinesFigure(req, { id: 'days', yLabel: m.common.days, lines: ['median_days_to_fill', 'p75_days_to_fill', 'median_days_to_placement'], tick: f.integer }),
        await poolFigure(req, computed),
      ],
    };
  },
};

type LabourKey = 'placements' | 'placement_rate' | 'fill_rate' | 'median_days_to_fill' | 'p75_days_to_fill' | 'median_days_to_placement';

/** Monthly lines of labour-market-monthly columns, with the columns (and any more) in its table. */
function labourLinesFigure(req: PageRequest, options: { id: 'rates' | 'days'; yLabel: string; lines: LabourKey[]; tableOnly?: LabourKey[]; tick: (v: number) => string }): Promise<FigureView> {
  const { m, f } = req;
  const t = m.figures[options.id];
  return figure(req, {
    id: options.id,
    dataset: 'labour-market-monthly',
    filters: { region: req.filters.region },
    title: t.title, caption: t.caption, tableCaption: t.tableCaption,
    columns: ['period', ...(options.tableOnly ?? []), ...options.lines],
    // Drawn when any month has a value; the table lists every month, an empty cell marked.
    shown: (rows) => (rows.some((r) => options.lines.some((key) => r[key] !== null)) ? rows : []),
    tableRows: (_, rows) => rows,
    empty: { column: options.lines[0] },
    chart: {
      kind: 'line',
      draw: (rows) => lineChart(options.lines.flatMap((key) => rows.map((r) => ({ period: r.period, value: r[key], series: m.columns[key] }))),
        { label: t.title, description: t.caption, yLabel: options.yLabel, formatValue: options.tick, formatMonth: f.monthShort, width: WIDTH.normal }),
      legend: options.lines.map((key, i) => ({ label: m.columns[key], colour: SERIES_COLOURS[i] })),
    },
  });
}

/** The hard-to-fill share over time, with the pool depth and near misses in its table. */
function poolFigure(req: PageRequest, computed: boolean): Promise<FigureView> {
  const { m, f } = req;
  const t = m.figures.pool;
  return figure(req, {
    id: 'pool',
    dataset: 'matching-quality',
    filters: { region: req.filters.region },
    title: t.title, caption: t.caption, tableCaption: t.tableCaption,
    columns: ['period', 'active_vacancies', 'median_pool_depth', 'hard_to_fill_share', 'near_miss_seekers', 'placement_match_coverage'],
    shown: (rows) => (rows.some((r) => r.hard_to_fill_share !== null) ? rows : []),
    tableRows: (_, rows) => rows,
    empty: { column: 'hard_to_fill_share', computed },
    chart: {
      kind: 'line',
      draw: (rows) => lineChart(rows.map((r) => ({ period: r.period, value: r.hard_to_fill_share, series: m.columns.hard_to_fill_share })),
        { label: t.title, description: t.caption, yLabel: m.columns.hard_to_fill_share, formatValue: (v) => f.percent(v, 0), formatMonth: f.monthShort }),
    },
    wide: true,
  });
}
