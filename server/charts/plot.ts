// Observable Plot on the server: a chart is drawn into a linkedom document and returned as
// an SVG string. Plot's own <style> element is dropped (the Content-Security-Policy allows
// no inline style; views/static/site.css carries the same rules for `.plot`), and the SVG
// gets an accessible name and description.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

export interface ChartText {
  /** Accessible name of the chart (its title). */
  label: string;
  /** One sentence saying what the chart shows, for screen readers. */
  description: string;
}

/**
 * Chart widths in pixels: a figure across the page, one of two side by side, and the phone
 * variant (a 390 px screen leaves about 340 px inside a figure, so its 12 px text stays 12 px).
 */
export const WIDTH = { wide: 1160, normal: 580, narrow: 340 } as const;

/** Text of a narrow chart is never drawn smaller than this many pixels (the phone check in tests/browser.test.ts). */
export const MIN_TEXT_PX = 11;

/**
 * A chart in two variants: the desktop one and one drawn for a phone's width (fewer ticks,
 * labels above the bars, a map that fits). site.css shows one of them by a media query, so
 * it works without JavaScript; the desktop variant comes first.
 */
export function responsive(draw: (narrow: boolean) => string): string {
  return `<div class="chart-wide">${draw(false)}</div><div class="chart-narrow">${draw(true)}</div>`;
}

/** A label cut to `max` characters with an ellipsis (the full text stays in the tooltip and the table). */
export const clip = (label: string, max: number): string => (label.length > max ? `${label.slice(0, max - 2)}…` : label);

/** Colour-blind-safe colours (Okabe–Ito) used across charts. */
export const COLOURS = {
  primary: '#0072B2',
  secondary: '#D55E00',
  tertiary: '#009E73',
  quaternary: '#CC79A7',
  muted: '#8a8a8a',
  light: '#c8c8c8',
  shortage: '#D55E00',
  surplus: '#0072B2',
  balanced: '#6e6e6e',
  insufficient: '#bdbdbd',
} as const;

export const SERIES_COLOURS = [COLOURS.primary, COLOURS.secondary, COLOURS.tertiary, COLOURS.quaternary, '#E69F00', '#56B4E9'];

export function renderPlot(options: Plot.PlotOptions, text: ChartText): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const node = Plot.plot({
    ...options,
    document,
    className: 'plot',
    ariaLabel: text.label,
    ariaDescription: text.description,
    style: undefined,
  } as Plot.PlotOptions) as unknown as { outerHTML: string; setAttribute(n: string, v: string): void; querySelectorAll(s: string): { remove(): void }[] };
  for (const style of node.querySelectorAll('style')) style.remove();
  // Inside role="img" the parts are presentational, and ARIA labels on them are not allowed:
  // Plot's mark names move to data-mark (tests and styles can still find the marks).
  for (const part of node.querySelectorAll('[aria-label]') as unknown as { getAttribute(n: string): string; setAttribute(n: string, v: string): void; removeAttribute(n: string): void }[]) {
    part.setAttribute('data-mark', part.getAttribute('aria-label'));
    part.removeAttribute('aria-label');
  }
  node.setAttribute('role', 'img');
  node.setAttribute('focusable', 'false');
  return node.outerHTML;
}

/** A period "2025-03" as the first day of its month (UTC), for time axes. */
export const monthDate = (period: string): Date => new Date(`${period}-01T00:00:00Z`);
