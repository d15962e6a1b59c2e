// Horizontal bars, largest first, with the value written at the end of each bar. On a phone
// the labels go above their bars (the whole width is left for the bars), with three ticks.
import * as Plot from '@observablehq/plot';
import { WIDTH, COLOURS, clip, renderPlot, responsive, type ChartText } from './plot.ts';

export interface Bar { label: string; value: number | null; colour?: string }

export interface BarOptions extends ChartText {
  xLabel: string;
  formatValue: (v: number) => string;
  width?: number;
  /** Keep the rows' order instead of sorting by value. */
  keepOrder?: boolean;
}

export function barChart(bars: Bar[], options: BarOptions): string {
  const data = bars.filter((b) => b.value !== null && Number.isFinite(b.value));
  const order = options.keepOrder ? data.map((b) => b.label) : [...data].sort((a, b) => b.value! - a.value!).map((b) => b.label);
  return responsive((narrow) => (narrow ? narrowBars(data, order, options) : wideBars(data, order, options)));
}

/** All zero: an axis from 0 to 1, not a zero-width domain Plot would stretch across the page. */
const maxOf = (data: Bar[]) => Math.max(0, ...data.map((b) => b.value!));

function wideBars(data: Bar[], order: string[], options: BarOptions): string {
  const longest = Math.max(8, ...data.map((b) => b.label.length));
  const width = options.width ?? WIDTH.normal;
  // Names get up to 300 px, or 40 % of a chart across the page (an ISCO title of 80 characters stays readable).
  const marginLeft = Math.min(Math.max(300, width * 0.4), longest * 7.2 + 14);
  const chars = Math.max(40, Math.floor((marginLeft - 14) / 7.2));
  // About one tick per 90 px of plot, so formatted numbers never run into each other.
  const ticks = Math.max(2, Math.floor((width - marginLeft - 64) / 90));
  const max = maxOf(data);
  return renderPlot({
    width,
    height: Math.max(90, data.length * 26 + 60),
    marginLeft,
    marginRight: 64,
    marginBottom: 44,
    // The axis title centred under the ticks, so it never overprints the last tick label.
    x: { label: options.xLabel, labelAnchor: 'center', labelOffset: 38, grid: true, tickFormat: options.formatValue, ticks, domain: [0, max > 0 ? max : 1], nice: max > 0 },
    y: { label: null, domain: order, tickFormat: (label: string) => clip(label, chars) },
    marks: [
      Plot.barX(data, { x: 'value', y: 'label', fill: (d: Bar) => d.colour ?? COLOURS.primary, title: (d: Bar) => `${d.label}: ${options.formatValue(d.value!)}` }),
      Plot.text(data, { x: 'value', y: 'label', text: (d: Bar) => options.formatValue(d.value!), textAnchor: 'start', dx: 4, fill: '#1b1b1b' }),
      Plot.ruleX([0]),
    ],
  }, options);
}

/** Height of one row of a narrow bar chart: a label line above a bar. */
export const NARROW_ROW = 38;

function narrowBars(data: Bar[], order: string[], options: BarOptions): string {
  const max = maxOf(data);
  // A third of the axis beyond the longest bar for its value, so no value is cut off.
  const reach = max > 0 ? max * 1.32 : 1;
  return renderPlot({
    width: WIDTH.narrow,
    height: Math.max(100, data.length * NARROW_ROW + 56),
    marginLeft: 18,
    marginRight: 10,
    marginTop: 6,
    marginBottom: 44,
    x: { label: options.xLabel, labelAnchor: 'center', labelOffset: 38, grid: true, tickFormat: options.formatValue, ticks: 3, domain: [0, reach] },
    y: { axis: null, domain: order, padding: 0.1 },
    marks: [
      Plot.barX(data, { x: 'value', y: 'label', insetTop: 17, fill: (d: Bar) => d.colour ?? COLOURS.primary, title: (d: Bar) => `${d.label}: ${options.formatValue(d.value!)}` }),
      Plot.text(data, { y: 'label', text: (d: Bar) => clip(d.label, 44), frameAnchor: 'left', textAnchor: 'start', dy: -8, fill: '#1b1b1b', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' }),
      Plot.text(data, { x: 'value', y: 'label', text: (d: Bar) => options.formatValue(d.value!), textAnchor: 'start', dx: 4, dy: 8, fill: '#1b1b1b' }),
      Plot.ruleX([0]),
    ],
  }, options);
}
