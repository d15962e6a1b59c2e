// Charts are functions (rows, options) → SVG string: one mark per row, an accessible name,
// values in the page's number format, and no inline <style> (the CSP forbids it).
import { describe, expect, it } from 'vitest';
import { barChart } from '../server/charts/bars.ts';
import { divergingBars } from '../server/charts/diverging.ts';
import { lineChart } from '../server/charts/line.ts';
import { classOf, mapClasses, provinceMap } from '../server/charts/map.ts';
import { demandSupplyScatter } from '../server/charts/scatter.ts';
import { parsePage } from './helpers/html.ts';

const text = { label: 'Judul grafik', description: 'Apa yang ditunjukkan' };
const id = new Intl.NumberFormat('id-ID');
const svgOf = (markup: string) => parsePage(`<html><body>${markup}</body></html>`).querySelector('svg')!;

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

  it('scatter: skills with zero demand or supply cannot sit on log scales and are left out', () => {
    const svg = svgOf(demandSupplyScatter([
      { label: 'x', demand: 10, supply: 5, status: 'shortage', statusLabel: 'Kekurangan' },
      { label: 'y', demand: 0, supply: 5, status: 'surplus', statusLabel: 'Kelebihan' },
    ], { ...text, xLabel: 'S', yLabel: 'D', parityLabel: 'D = S', formatValue: String, statusLabels: { shortage: 'Kekurangan', surplus: 'Kelebihan', balanced: 'Seimbang', insufficient: 'Tidak cukup' } }));
    expect(svg.querySelectorAll('g[data-mark="dot"] circle')).toHaveLength(1);
  });

  it('map: a dot per province at its capital, coloured by quantile class; withheld provinces white', () => {
    expect(mapClasses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([3, 5, 7, 9]);
    expect(classOf(2.9, [3, 5, 7, 9])).toBe(0);
    expect(classOf(9, [3, 5, 7, 9])).toBe(4);
    const svg = svgOf(provinceMap([{ code: '31', name: 'DKI Jakarta', value: 1.2 }, { code: '91', name: 'Papua', value: null }, { code: '99', name: 'Nowhere', value: 1 }], { ...text, formatValue: String, missingLabel: 'disembunyikan' }));
    const dots = [...svg.querySelectorAll('g[data-mark="dot"] circle')];
    expect(dots).toHaveLength(2);
    expect(dots.map((d) => d.querySelector('title')?.textContent)).toEqual(['DKI Jakarta: 1.2', 'Papua: disembunyikan']);
    expect(dots[1].getAttribute('fill')).toBe('#ffffff');
    expect(svg.querySelector('g[data-mark="geo"] path')).toBeTruthy();
  });
});
