// Values over months, one line per series, with dots so single months stay visible.
import * as Plot from '@observablehq/plot';
import { WIDTH, monthDate, renderPlot, SERIES_COLOURS, type ChartText } from './plot.ts';

export interface LinePoint { period: string; value: number | null; series: string }

export interface LineOptions extends ChartText {
  yLabel: string;
  formatValue: (v: number) => string;
  formatMonth: (d: Date) => string;
  /** A horizontal reference line (e.g. 1 for a ratio where openings equal applicants). */
  reference?: number;
  zero?: boolean;
  width?: number;
  height?: number;
}

export function lineChart(points: LinePoint[], options: LineOptions): string {
  const data = points.filter((p) => p.value !== null && Number.isFinite(p.value)).map((p) => ({ ...p, date: monthDate(p.period) }));
  const series = [...new Set(points.map((p) => p.series))];
  return renderPlot({
    width: options.width ?? WIDTH.wide,
    height: options.height ?? 300,
    marginLeft: 56,
    marginRight: 16,
    x: { type: 'utc', label: null, tickFormat: options.formatMonth, ticks: 6 },
    y: { label: options.yLabel, grid: true, zero: options.zero ?? true, tickFormat: options.formatValue },
    color: { domain: series, range: SERIES_COLOURS.slice(0, series.length) },
    marks: [
      ...(options.reference !== undefined ? [Plot.ruleY([options.reference], { stroke: '#444', strokeDasharray: '4 3' })] : []),
      Plot.lineY(data, { x: 'date', y: 'value', stroke: 'series', strokeWidth: 2.5 }),
      // <title> on each dot: a tooltip without any script.
      Plot.dot(data, { x: 'date', y: 'value', fill: 'series', r: 3, title: (d: LinePoint & { date: Date }) => `${d.series}\n${options.formatMonth(d.date)}: ${options.formatValue(d.value!)}` }),
    ],
  }, options);
}
