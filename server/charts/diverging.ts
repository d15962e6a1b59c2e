// Diverging bars around zero: positive values (scarcer among seekers than employers ask
// for) to the right in vermillion, negative to the left in blue.
import * as Plot from '@observablehq/plot';
import { WIDTH, COLOURS, renderPlot, type ChartText } from './plot.ts';

export interface DivergingBar { label: string; value: number }

export interface DivergingOptions extends ChartText {
  xLabel: string;
  formatValue: (v: number) => string;
  positiveLabel: string;
  negativeLabel: string;
  width?: number;
}

export function divergingBars(bars: DivergingBar[], options: DivergingOptions): string {
  const data = [...bars].sort((a, b) => b.value - a.value);
  const longest = Math.max(8, ...data.map((b) => b.label.length));
  const width = options.width ?? WIDTH.normal;
  const marginLeft = Math.min(300, longest * 7.2 + 14);
  // About one tick per 90 px of plot, so formatted numbers never run into each other.
  const ticks = Math.max(2, Math.floor((width - marginLeft - 64) / 90));
  const extent = Math.max(0.5, ...data.map((b) => Math.abs(b.value)));
  // Room for a value label beyond the longest bar on either side (about 52 px), so a
  // negative label never runs into the skill names.
  const half = (width - marginLeft - 48) / (data.some((b) => b.value < 0) ? 2 : 1);
  const reach = extent * (1 + 52 / Math.max(60, half - 52));
  const domain = data.some((b) => b.value < 0) ? [-reach, reach] : [0, reach];
  return renderPlot({
    width,
    height: Math.max(110, data.length * 26 + 70),
    marginLeft,
    marginRight: 48,
    marginBottom: 44,
    x: { label: options.xLabel, labelAnchor: 'center', labelOffset: 38, domain, grid: true, tickFormat: options.formatValue, ticks },
    y: { label: null, domain: data.map((b) => b.label), tickFormat: (label: string) => (label.length > 40 ? `${label.slice(0, 38)}…` : label) },
    color: { domain: [options.negativeLabel, options.positiveLabel], range: [COLOURS.surplus, COLOURS.shortage] },
    marks: [
      Plot.barX(data, { x: 'value', y: 'label', fill: (d: DivergingBar) => (d.value >= 0 ? options.positiveLabel : options.negativeLabel), title: (d: DivergingBar) => `${d.label}: ${options.formatValue(d.value)}` }),
      Plot.text(data.filter((d) => d.value >= 0), { x: 'value', y: 'label', text: (d: DivergingBar) => options.formatValue(d.value), textAnchor: 'start', dx: 4, fill: '#1b1b1b' }),
      Plot.text(data.filter((d) => d.value < 0), { x: 'value', y: 'label', text: (d: DivergingBar) => options.formatValue(d.value), textAnchor: 'end', dx: -4, fill: '#1b1b1b' }),
      Plot.ruleX([0], { stroke: '#1b1b1b' }),
    ],
  }, options);
}
