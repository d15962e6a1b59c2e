// Horizontal bars, largest first, with the value written at the end of each bar.
import * as Plot from '@observablehq/plot';
import { WIDTH, COLOURS, renderPlot, type ChartText } from './plot.ts';

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
  const longest = Math.max(8, ...data.map((b) => b.label.length));
  const width = options.width ?? WIDTH.normal;
  const marginLeft = Math.min(300, longest * 7.2 + 14);
  // About one tick per 90 px of plot, so formatted numbers never run into each other.
  const ticks = Math.max(2, Math.floor((width - marginLeft - 64) / 90));
  // All zero: an axis from 0 to 1, not a zero-width domain Plot would stretch across the page.
  const max = Math.max(0, ...data.map((b) => b.value!));
  return renderPlot({
    width,
    height: Math.max(90, data.length * 26 + 60),
    marginLeft,
    marginRight: 64,
    marginBottom: 44,
    // The axis title centred under the ticks, so it never overprints the last tick label.
    x: { label: options.xLabel, labelAnchor: 'center', labelOffset: 38, grid: true, tickFormat: options.formatValue, ticks, domain: [0, max > 0 ? max : 1], nice: max > 0 },
    y: { label: null, domain: order, tickFormat: (label: string) => (label.length > 40 ? `${label.slice(0, 38)}…` : label) },
    marks: [
      Plot.barX(data, { x: 'value', y: 'label', fill: (d: Bar) => d.colour ?? COLOURS.primary, title: (d: Bar) => `${d.label}: ${options.formatValue(d.value!)}` }),
      Plot.text(data, { x: 'value', y: 'label', text: (d: Bar) => options.formatValue(d.value!), textAnchor: 'start', dx: 4, fill: '#1b1b1b' }),
      Plot.ruleX([0]),
    ],
  }, options);
}
