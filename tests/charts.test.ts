// Charts are functions (rows, options) → SVG string: one mark per row, an accessible name,
// values in the page's number format, and no inline <style> (the CSP forbids it).
import { describe, expect, it } from 'vitest';
import { barChart } from '../server/charts/bars.ts';
import { divergingBars } from '../server/charts/diverging.ts';
import { lineChart } from '../server/charts/line.ts';
import { classOf, provinceMap, RATIO_BREAKS } from '../server/charts/map.ts';
import { demandSupplyScatter } from '../server/charts/scatter.ts';
import { parsePage } from './helpers/html.ts';

const text = { label: 'Judul grafik', description: 'Apa yang ditunjukkan' };
const id = new Intl.NumberFormat('id-ID');
const svgOf = (markup: string) => parsePage(`<html><body>${markup}</body></html>`).querySelector('svg')!;
/** The phone variant of a chart (the second SVG, in .chart-narrow). */
const narrowOf = (markup: string) => parsePage(`<html><body>${markup}</body></html>`).querySelector('.chart-narrow svg')!;
const xOf = (t: Element) => Number(/translate\(([-\d.]+)/.exec(t.getAttribute('transform') ?? '')?.[1] ?? t.getAttribute('x'));

describe('charts', () => {
  it('bars: one bar per known value, largest first, values written in the locale', () => {
    const svg = svgOf(barChart([{ label: 'Las', value: 1200 }, { label: 'Menjahit', value: 3400 }, { label: 'Disembunyikan', value: null }], { ...text, xLabel: 'Formasi', formatValue: (v) => id.format(v) }));
    expect(svg.getAttribute('aria-label')).toBe('Judul grafik');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.querySelectorAll('g[data-mark="bar"] rect')).toHaveLength(2);
    expect([...svg.querySelectorAll('g[data-mark="y-axis tick label"] text')].map((t) => t.textContent)).toEqual(['Menjahit', 'Las']);
    expect([...svg.querySelectorAll('g[data-mark="text"] text')].map((t) => t.textContent).sort()).toEqual(['1.200', '3.400']);
    expect(svg.querySelector('style')).toBeNull();
    expect(svg.querySelector('desc')?.textContent ?? svg.getAttribute('aria-description')).toBeTruthy();
  });

  it('diverging bars: positives right in vermillion, negatives left in blue', () => {
    const svg = svgOf(divergingBars([{ label: 'A', value: 1.5 }, { label: 'B', value: -0.8 }], { ...text, xLabel: 'I', formatValue: String, positiveLabel: 'Kekurangan', negativeLabel: 'Kelebihan' }));
    const fills = [...svg.querySelectorAll('g[data-mark="bar"] rect')].map((r) => r.getAttribute('fill'));
    expect(fills).toEqual(['#D55E00', '#0072B2']);
  });

  it('lines: one path per series, a dot per known month with its value as a tooltip', () => {
    const svg = svgOf(lineChart([
      { period: '2025-01', value: 1, series: 'a' }, { period: '2025-02', value: 2, series: 'a' },
      { period: '2025-01', value: 3, series: 'b' }, { period: '2025-02', value: null, series: 'b' },
    ], { ...text, yLabel: 'Rasio', formatValue: String, formatMonth: (d) => d.toISOString().slice(0, 7) }));
    expect(svg.querySelectorAll('g[data-mark="line"] path')).toHaveLength(2);
    expect([...svg.querySelectorAll('g[data-mark="dot"] title')].map((t) => t.textContent)).toEqual(['a\n2025-01: 1', 'a\n2025-02: 2', 'b\n2025-01: 3']);
  });

  it('lines: provisional months dashed and pale, joined to the first final month; a label for every month when there are few', () => {
    const svg = svgOf(lineChart([
      { period: '2024-01', value: 1.37, series: 'a', provisional: true }, { period: '2024-02', value: 1, series: 'a', provisional: true },
      { period: '2024-03', value: 0.8, series: 'a' }, { period: '2024-04', value: 0.7, series: 'a' },
    ], { ...text, yLabel: 'Rasio', formatValue: String, formatMonth: (d) => d.toISOString().slice(0, 7) }));
    const lines = [...svg.querySelectorAll('g[data-mark="line"]')];
    expect(lines).toHaveLength(2);
    expect(lines[0].getAttribute('stroke-dasharray')).toBe('5 4');
    expect(lines[1].getAttribute('stroke-dasharray')).toBeNull();
    expect([...svg.querySelectorAll('g[data-mark="x-axis tick label"] text')].map((t) => t.textContent)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
  });

  it('bars: all zero draws no bar across the page; the axis title sits under the ticks', () => {
    const svg = svgOf(barChart([{ label: 'Kota A', value: 0 }, { label: 'Kab B', value: 0 }], { ...text, xLabel: 'Rasio', formatValue: String }));
    const widths = [...svg.querySelectorAll('g[data-mark="bar"] rect')].map((r) => Number(r.getAttribute('width') ?? 0));
    expect(widths.every((w) => w === 0)).toBe(true);
    expect([...svg.querySelectorAll('g[data-mark="x-axis tick label"] text')][0]?.textContent).toBe('0');
    const at = (t: Element | null | undefined) => Number(/translate\(([\d.]+)/.exec(t?.getAttribute('transform') ?? '')?.[1]);
    const ticks = [...svg.querySelectorAll('g[data-mark="x-axis tick label"] text')];
    expect(at(svg.querySelector('g[data-mark="x-axis label"] text'))).toBeLessThan(at(ticks[ticks.length - 1]) - 100);
  });

  it('diverging bars: room beyond the longest negative bar, so its label stays inside the plot', () => {
    const svg = svgOf(divergingBars([{ label: 'A', value: 2 }, { label: 'B', value: -2 }], { ...text, xLabel: 'I', formatValue: String, positiveLabel: 'p', negativeLabel: 'n', width: 800 }));
    const bar = [...svg.querySelectorAll('g[data-mark="bar"] rect')][1];
    const left = Number(bar.getAttribute('x'));
    const marginLeft = Math.min(300, 8 * 7.2 + 14);
    expect(left - marginLeft).toBeGreaterThan(40);
  });

  it('scatter: the market line D = S × AO/AA beside the parity line', () => {
    const svg = svgOf(demandSupplyScatter([{ label: 'x', demand: 10, supply: 50, status: 'surplus', statusLabel: 'Kelebihan' }],
      { ...text, xLabel: 'S', yLabel: 'D', parityLabel: 'D = S', formatValue: String, statusLabels: {}, marketRatio: 0.25, marketLabel: 'pasar: D/S = 0,25' }));
    expect(svg.querySelectorAll('g[data-mark="line"]')).toHaveLength(2);
    expect([...svg.querySelectorAll('g[data-mark="text"] text')].map((t) => t.textContent)).toContain('pasar: D/S = 0,25');
  });

  it('scatter: skills with zero demand or supply cannot sit on log scales and are left out', () => {
    const svg = svgOf(demandSupplyScatter([
      { label: 'x', demand: 10, supply: 5, status: 'shortage', statusLabel: 'Kekurangan' },
      { label: 'y', demand: 0, supply: 5, status: 'surplus', statusLabel: 'Kelebihan' },
    ], { ...text, xLabel: 'S', yLabel: 'D', parityLabel: 'D = S', formatValue: String, statusLabels: { shortage: 'Kekurangan', surplus: 'Kelebihan', balanced: 'Seimbang', insufficient: 'Tidak cukup' } }));
    expect(svg.querySelectorAll('g[data-mark="dot"] circle')).toHaveLength(1);
  });

  it('map: a dot per province at its capital, coloured by fixed ratio classes; withheld provinces white and dashed', () => {
    expect(RATIO_BREAKS).toEqual([0.5, 1, 2]);
    expect([0.41, 0.5, 0.99, 1, 1.99, 2, 6.33].map((v) => classOf(v, RATIO_BREAKS))).toEqual([0, 1, 1, 2, 2, 3, 3]);
    const svg = svgOf(provinceMap([{ code: '31', name: 'DKI Jakarta', value: 1.2 }, { code: '91', name: 'Papua', value: null }, { code: '99', name: 'Nowhere', value: 1 }], { ...text, formatValue: String, missingLabel: 'disembunyikan' }));
    const dots = [...svg.querySelectorAll('g[data-mark="dot"] circle')];
    expect(dots).toHaveLength(2);
    expect(dots.map((d) => d.querySelector('title')?.textContent)).toEqual(['DKI Jakarta: 1.2', 'Papua: disembunyikan']);
    expect(dots[1].getAttribute('fill')).toBe('#ffffff');
    expect(dots[1].closest('g')?.getAttribute('stroke-dasharray')).toBe('2 2');
    expect(dots[0].getAttribute('fill')).toBe('#2171b5'); // 1.2: the class 1–2
    expect(svg.querySelector('g[data-mark="geo"] path')).toBeTruthy();
  });

  describe('phone variants (390 px screens: drawn 340 px wide, nothing to scroll sideways)', () => {
    const long = Array.from({ length: 12 }, (_, i) => ({ label: `Keterampilan dengan nama yang cukup panjang nomor ${i + 1}`, value: (i + 1) * 1000 }));

    it('every chart comes as a desktop SVG and a 340 px phone SVG, desktop first and unchanged in width', () => {
      const markup = barChart(long, { ...text, xLabel: 'Formasi', formatValue: (v) => id.format(v), width: 1160 });
      const page = parsePage(`<html><body>${markup}</body></html>`);
      expect(page.querySelectorAll('svg.plot')).toHaveLength(2);
      expect(page.querySelector('.chart-wide svg')!.getAttribute('width')).toBe('1160');
      expect(page.querySelector('.chart-narrow svg')!.getAttribute('width')).toBe('340');
      expect(page.querySelector('.chart-narrow svg')!.getAttribute('aria-label')).toBe('Judul grafik');
    });

    it('bars: labels above the bars (no left margin of names), values inside the 340 px, at most four ticks', () => {
      const svg = narrowOf(barChart(long, { ...text, xLabel: 'Formasi', formatValue: (v) => id.format(v) }));
      expect(svg.querySelector('g[data-mark="y-axis tick label"]')).toBeNull();
      const texts = [...svg.querySelectorAll('g[data-mark="text"] text')].map((t) => t.textContent);
      // Names longer than fits one line are cut to 44 characters (the full name is in the tooltip and the table).
      expect(texts).toContain(`${long[0].label.slice(0, 42)}…`);
      expect(texts).toContain('12.000');
      // The longest bar's value starts at most 340 − 60 px in: room for "12.000" at 12 px.
      const values = [...svg.querySelectorAll('g[data-mark="text"] text')].filter((t) => /^[\d.]+$/.test(t.textContent!));
      expect(Math.max(...values.map(xOf))).toBeLessThanOrEqual(280);
      expect(svg.querySelectorAll('g[data-mark="x-axis tick label"] text').length).toBeLessThanOrEqual(4);
      const bars = [...svg.querySelectorAll('g[data-mark="bar"] rect')];
      expect(Math.max(...bars.map((r) => Number(r.getAttribute('x')) + Number(r.getAttribute('width'))))).toBeLessThanOrEqual(330);
    });

    it('diverging bars: both halves inside the 340 px, the shortage half included', () => {
      const svg = narrowOf(divergingBars([{ label: 'Las TIG (GTAW)', value: 3.15 }, { label: 'Microsoft Office', value: -3.3 }], { ...text, xLabel: 'I', formatValue: (v) => v.toFixed(2), positiveLabel: 'p', negativeLabel: 'n' }));
      expect(svg.getAttribute('width')).toBe('340');
      const rects = [...svg.querySelectorAll('g[data-mark="bar"] rect')].map((r) => ({ x: Number(r.getAttribute('x')), w: Number(r.getAttribute('width')) }));
      expect(rects).toHaveLength(2);
      for (const r of rects) { expect(r.x).toBeGreaterThan(40); expect(r.x + r.w).toBeLessThan(300); }
    });

    it('lines: the newest month is labelled, and at most four months are', () => {
      const points = Array.from({ length: 24 }, (_, i) => ({ period: `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, value: i, series: 'a' }));
      const svg = narrowOf(lineChart(points, { ...text, yLabel: 'Rasio', formatValue: String, formatMonth: (d) => d.toISOString().slice(0, 7) }));
      const months = [...svg.querySelectorAll('g[data-mark="x-axis tick label"] text')].map((t) => t.textContent);
      expect(months.at(-1)).toBe('2025-12');
      expect(months.length).toBeLessThanOrEqual(4);
      // The desktop variant keeps its six labels from the first month.
      const wide = [...svgOf(lineChart(points, { ...text, yLabel: 'Rasio', formatValue: String, formatMonth: (d) => d.toISOString().slice(0, 7) })).querySelectorAll('g[data-mark="x-axis tick label"] text')].map((t) => t.textContent);
      expect(wide[0]).toBe('2024-01');
      expect(wide).toHaveLength(6);
    });

    it('lines: five-digit counts keep their whole tick labels inside the phone chart (room of ~7 px a character)', () => {
      const points = ['2025-01', '2025-02', '2025-03'].map((period, i) => ({ period, value: 9_500 + i * 8_000, series: 'a' }));
      const svg = narrowOf(lineChart(points, { ...text, yLabel: 'Jumlah', formatValue: (v) => id.format(v), formatMonth: (d) => d.toISOString().slice(0, 7) }));
      const labels = [...svg.querySelectorAll('g[data-mark="y-axis tick label"] text')].map((t) => t.textContent!);
      expect(labels).toContain('25.000');
      // The labels end at the axis (marginLeft minus the tick): the longest needs 6 × 7 px before it.
      const axis = svg.querySelector('g[data-mark="y-axis tick label"]')!;
      expect(xOf(axis) + xOf(axis.querySelector('text')!)).toBeGreaterThanOrEqual(6 * 7);
    });

    it('map: the whole country in 340 px, every province a dot inside it', () => {
      const svg = narrowOf(provinceMap([{ code: '11', name: 'Aceh', value: 0.3 }, { code: '94', name: 'Papua', value: 1.2 }], { ...text, formatValue: String, missingLabel: 'x' }));
      expect(svg.getAttribute('width')).toBe('340');
      const cx = [...svg.querySelectorAll('g[data-mark="dot"] circle')].map((c) => Number(c.getAttribute('cx') ?? xOf(c)));
      expect(cx).toHaveLength(2);
      for (const x of cx) { expect(x).toBeGreaterThan(0); expect(x).toBeLessThan(340); }
    });
  });
});
