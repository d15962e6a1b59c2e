// Demand against supply on log scales, one dot per skill coloured by status, with the
// parity line where demand equals supply.
import * as Plot from '@observablehq/plot';
import { WIDTH, COLOURS, renderPlot, responsive, type ChartText } from './plot.ts';

export interface ScatterPoint { label: string; demand: number; supply: number; status: string; statusLabel: string }

export interface ScatterOptions extends ChartText {
  xLabel: string;
  yLabel: string;
  parityLabel: string;
  /** The market's (AO + 0.5)/(AA + 0.5): the line the imbalance index compares D/S against. */
  marketRatio?: number;
  marketLabel?: string;
  formatValue: (v: number) => string;
  statusLabels: Record<string, string>;
  width?: number;
}

export function demandSupplyScatter(points: ScatterPoint[], options: ScatterOptions): string {
  return responsive((narrow) => drawScatter(points, options, narrow));
}

/** On a phone: a square at the phone's width with three ticks per axis. */
function drawScatter(points: ScatterPoint[], options: ScatterOptions, narrow: boolean): string {
  const data = points.filter((p) => p.demand > 0 && p.supply > 0);
  const max = Math.max(10, ...data.map((p) => Math.max(p.demand, p.supply)));
  const statuses = ['shortage', 'balanced', 'surplus', 'insufficient'];
  return renderPlot({
    width: narrow ? WIDTH.narrow : options.width ?? WIDTH.wide,
    height: narrow ? 340 : 460,
    marginLeft: narrow ? 46 : 60,
    marginRight: narrow ? 14 : 20,
    x: { type: 'log', label: options.xLabel, domain: [1, max * 1.2], grid: true, tickFormat: options.formatValue, ticks: narrow ? 3 : 4 },
    y: { type: 'log', label: options.yLabel, domain: [1, max * 1.2], grid: true, tickFormat: options.formatValue, ticks: narrow ? 3 : 4 },
    color: { domain: statuses.map((s) => options.statusLabels[s]), range: statuses.map((s) => COLOURS[s as keyof typeof COLOURS]) },
    marks: [
      Plot.line([[1, 1], [max * 1.2, max * 1.2]], { stroke: '#444', strokeDasharray: '4 3' }),
      Plot.text([[max, max]], { text: [options.parityLabel], textAnchor: 'end', dy: -8, fill: '#1b1b1b' }),
      ...marketLine(options, max * 1.2),
      Plot.dot(data, { x: 'supply', y: 'demand', fill: 'statusLabel', r: 4, fillOpacity: 0.85, stroke: 'white', strokeWidth: 0.5, title: (p: ScatterPoint) => `${p.label}\n${options.yLabel}: ${options.formatValue(p.demand)}\n${options.xLabel}: ${options.formatValue(p.supply)}\n${p.statusLabel}` }),
    ],
  }, options);
}

/** D = S × AO/AA, clipped to the plotted square: above it a skill is relatively scarce. */
function marketLine(options: ScatterOptions, top: number): Plot.Markish[] {
  const r = options.marketRatio;
  if (r === undefined || !Number.isFinite(r) || r <= 0) return [];
  const from: [number, number] = r >= 1 ? [1, r] : [1 / r, 1];
  const to: [number, number] = r >= 1 ? [top / r, top] : [top, top * r];
  // Labelled at the geometric middle of the segment, inside the plot.
  const label: [number, number] = [Math.sqrt(from[0] * to[0]), Math.sqrt(from[1] * to[1])];
  return [
    Plot.line([from, to], { stroke: COLOURS.secondary, strokeWidth: 1.5, strokeDasharray: '8 3' }),
    Plot.text([label], { text: [options.marketLabel ?? ''], textAnchor: 'start', dx: 6, dy: 12, fill: '#8a3a00' }),
  ];
}
