// Values over months, one line per series, with dots so single months stay visible; on a
// phone narrower, with fewer month labels.
import * as Plot from '@observablehq/plot';
import { WIDTH, monthDate, renderPlot, responsive, SERIES_COLOURS, type ChartText } from './plot.ts';

export interface LinePoint {
  period: string; value: number | null; series: string;
  /** A provisional value (stocks incomplete at the series start): drawn dashed and pale. */
  provisional?: boolean;
}

export interface LineOptions extends ChartText {
  yLabel: string;
  formatValue: (v: number) => string;
  formatMonth: (d: Date) => string;
  /** A horizontal reference line (e.g. 1 for a ratio where openings equal applicants). */
  reference?: number;
  zero?: boolean;
  width?: number;
  height?: number;
  /** Said in the tooltip of a provisional month. */
  provisionalLabel?: string;
}

/**
 * The months to label: every month when there are few, else about `count` evenly spaced from
 * the first; on a phone counted back from the newest, so the month a reader looks for first
 * is labelled.
 */
function monthTicks(periods: string[], count: number, fromNewest: boolean): Date[] {
  const sorted = [...new Set(periods)].sort();
  const step = Math.max(1, Math.ceil(sorted.length / count));
  return sorted.filter((_, i) => (fromNewest ? sorted.length - 1 - i : i) % step === 0).map(monthDate);
}

/** Room for the longest y tick label (about 7 px a character at 12 px, and the tick), so "25.000" is not cut at the left edge. */
function tickLabelWidth(values: number[], format: (v: number) => string): number {
  if (values.length === 0) return 0;
  const extremes = [Math.max(...values), Math.min(0, ...values)];
  return Math.max(...extremes.map((v) => format(v).length)) * 7 + 14;
}

export function lineChart(points: LinePoint[], options: LineOptions): string {
  return responsive((narrow) => drawLines(points, options, narrow));
}

/** On a phone: the phone's width, a lower plot, three or four month labels. */
function drawLines(points: LinePoint[], options: LineOptions, narrow: boolean): string {
  const data = points.filter((p) => p.value !== null && Number.isFinite(p.value)).map((p) => ({ ...p, date: monthDate(p.period), provisional: p.provisional ?? false }));
  const series = [...new Set(points.map((p) => p.series))];
  // Each series' provisional stretch, joined to its first final month so the line stays continuous.
  const firstFinal = new Map<string, string>();
  for (const d of data) if (!d.provisional && (!firstFinal.has(d.series) || d.period < firstFinal.get(d.series)!)) firstFinal.set(d.series, d.period);
  const early = data.filter((d) => d.provisional || d.period === firstFinal.get(d.series));
  const final = data.filter((d) => !d.provisional);
  const anyProvisional = data.some((d) => d.provisional);
  return renderPlot({
    width: narrow ? WIDTH.narrow : options.width ?? WIDTH.wide,
    height: narrow ? 240 : options.height ?? 300,
    marginLeft: Math.max(narrow ? 46 : 56, tickLabelWidth(data.map((d) => d.value!), options.formatValue)),
    marginRight: narrow ? 22 : 30,
    x: { type: 'utc', label: null, tickFormat: options.formatMonth, ticks: monthTicks(data.map((d) => d.period), narrow ? 4 : 6, narrow) },
    y: { label: options.yLabel, grid: true, zero: options.zero ?? true, tickFormat: options.formatValue, ...(narrow ? { ticks: 4 } : {}) },
    color: { domain: series, range: SERIES_COLOURS.slice(0, series.length) },
    marks: [
      ...(options.reference !== undefined ? [Plot.ruleY([options.reference], { stroke: '#444', strokeDasharray: '4 3' })] : []),
      ...(anyProvisional ? [Plot.lineY(early, { x: 'date', y: 'value', z: 'series', stroke: 'series', strokeWidth: 2, strokeDasharray: '5 4', strokeOpacity: 0.55 })] : []),
      Plot.lineY(final, { x: 'date', y: 'value', stroke: 'series', strokeWidth: 2.5 }),
      // <title> on each dot: a tooltip without any script.
      Plot.dot(data, { x: 'date', y: 'value', fill: (d: { provisional: boolean; series: string }) => (d.provisional ? '#ffffff' : d.series), stroke: 'series', r: 3,
        title: (d: LinePoint & { date: Date; provisional: boolean }) => `${d.series}\n${options.formatMonth(d.date)}: ${options.formatValue(d.value!)}${d.provisional && options.provisionalLabel ? ` (${options.provisionalLabel})` : ''}` }),
    ],
  }, options);
}
