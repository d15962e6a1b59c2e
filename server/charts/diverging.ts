// Diverging bars around zero: positive values (scarcer among seekers than employers ask
// for) to the right in vermillion, negative to the left in blue. On a phone the labels go
// above their bars, so both halves fit the screen.
import * as Plot from '@observablehq/plot';
import { WIDTH, COLOURS, clip, renderPlot, responsive, type ChartText } from './plot.ts';

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
  return responsive((narrow) => (narrow ? narrowDiverging(data, options) : wideDiverging(data, options)));
}

/** The x domain: room for a value label (about `labelPx` px) beyond the longest bar on either side. */
function domainOf(data: DivergingBar[], plotWidth: number, labelPx: number): [number, number] {
  const extent = Math.max(0.5, ...data.map((b) => Math.abs(b.value)));
  const twoSided = data.some((b) => b.value < 0);
  const half = plotWidth / (twoSided ? 2 : 1);
  const reach = extent * (1 + labelPx / Math.max(60, half - labelPx));
  return twoSided ? [-reach, reach] : [0, reach];
}

function valueMarks(data: DivergingBar[], options: DivergingOptions, dy: number): Plot.Markish[] {
  return [
    Plot.barX(data, { x: 'value', y: 'label', ...(dy ? { insetTop: 17 } : {}), fill: (d: DivergingBar) => (d.value >= 0 ? options.positiveLabel : options.negativeLabel), title: (d: DivergingBar) => `${d.label}: ${options.formatValue(d.value)}` }),
    Plot.text(data.filter((d) => d.value >= 0), { x: 'value', y: 'label', text: (d: DivergingBar) => options.formatValue(d.value), textAnchor: 'start', dx: 4, dy, fill: '#1b1b1b' }),
    Plot.text(data.filter((d) => d.value < 0), { x: 'value', y: 'label', text: (d: DivergingBar) => options.formatValue(d.value), textAnchor: 'end', dx: -4, dy, fill: '#1b1b1b' }),
    Plot.ruleX([0], { stroke: '#1b1b1b' }),
  ];
}

const colour = (options: DivergingOptions) => ({ domain: [options.negativeLabel, options.positiveLabel], range: [COLOURS.surplus, COLOURS.shortage] });

function wideDiverging(data: DivergingBar[], options: DivergingOptions): string {
  const longest = Math.max(8, ...data.map((b) => b.label.length));
  const width = options.width ?? WIDTH.normal;
  const marginLeft = Math.min(300, longest * 7.2 + 14);
  // About one tick per 90 px of plot, so formatted numbers never run into each other.
  const ticks = Math.max(2, Math.floor((width - marginLeft - 64) / 90));
  // Room for a value label beyond the longest bar on either side (about 52 px), so a
  // negative label never runs into the skill names.
  const domain = domainOf(data, width - marginLeft - 48, 52);
  return renderPlot({
    width,
    height: Math.max(110, data.length * 26 + 70),
    marginLeft,
    marginRight: 48,
    marginBottom: 44,
    x: { label: options.xLabel, labelAnchor: 'center', labelOffset: 38, domain, grid: true, tickFormat: options.formatValue, ticks },
    y: { label: null, domain: data.map((b) => b.label), tickFormat: (label: string) => clip(label, 40) },
    color: colour(options),
    marks: valueMarks(data, options, 0),
  }, options);
}

function narrowDiverging(data: DivergingBar[], options: DivergingOptions): string {
  const domain = domainOf(data, WIDTH.narrow - 28, 40);
  return renderPlot({
    width: WIDTH.narrow,
    height: Math.max(110, data.length * 38 + 56),
    marginLeft: 18,
    marginRight: 10,
    marginTop: 6,
    marginBottom: 44,
    x: { label: options.xLabel, labelAnchor: 'center', labelOffset: 38, domain, grid: true, tickFormat: options.formatValue, ticks: 3 },
    y: { axis: null, domain: data.map((b) => b.label), padding: 0.1 },
    color: colour(options),
    marks: [
      ...valueMarks(data, options, 8),
      Plot.text(data, { y: 'label', text: (d: DivergingBar) => clip(d.label, 44), frameAnchor: 'left', textAnchor: 'start', dy: -8, fill: '#1b1b1b', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' }),
    ],
  }, options);
}
