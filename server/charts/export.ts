// A chart as an image for slides: the desktop variant of a figure's chart inside an SVG of
// its own with the title, what it is of (region · month), the source and the as-of line
// written into the picture, and the same drawn to PNG on the server by resvg. resvg gets
// DejaVu Sans from the dejavu-fonts-ttf package (a TrueType file in node_modules, so the text
// renders the same on any machine, whatever fonts the system has) and no system fonts.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { withQuery } from '../urls.ts';

export type ImageFormat = 'svg' | 'png';

/** The text written into the exported image, in the page's language. */
export interface ImageText { title: string; scope: string; source: string; asOf: string; /** The figure's legend (colour keys), drawn under the scope line. */ legend?: { label: string; colour: string; dashed?: boolean }[] }

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => path.join(FONT_DIR, f));
const FAMILY = 'DejaVu Sans';

/** The links under a figure: its chart as SVG and PNG, for the same query as the page. */
export function chartLinks(req: { path: string; query: unknown }, id: string): { svg: string; png: string } {
  const base = `${req.path === '/' ? '' : req.path.replace(/\/$/, '')}/chart/${encodeURIComponent(id)}`;
  const query = req.query as Record<string, string | undefined>;
  return { svg: withQuery(`${base}.svg`, query), png: withQuery(`${base}.png`, query) };
}

/** The desktop chart of a figure's markup (server/charts/plot.ts responsive), or the markup's only SVG. */
export function wideSvg(markup: string): string | undefined {
  const wide = /<div class="chart-wide">(<svg[\s\S]*?<\/svg>)<\/div>/.exec(markup);
  return wide?.[1] ?? /<svg[\s\S]*<\/svg>/.exec(markup)?.[0];
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Words broken into lines of about `max` characters. */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const PAD = 24;
const INSET = 16;

/** A standalone SVG: title and scope above the chart, source and as-of line below, on white. */
export function chartImage(chart: string, text: ImageText): string {
  const chartWidth = Number(/\bwidth="([\d.]+)"/.exec(chart)?.[1] ?? 580);
  // A margin round the chart: Plot draws its axis labels up to its own edge.
  const width = chartWidth + 2 * INSET;
  const height = Number(/\bheight="([\d.]+)"/.exec(chart)?.[1] ?? 300);
  // DejaVu Sans is about 0.6 em a character on average: lines that fit the chart's width.
  const titleLines = wrap(text.title, Math.floor((width - 2 * PAD) / (20 * 0.6)));
  const scopeLines = text.scope ? wrap(text.scope, Math.floor((width - 2 * PAD) / (14 * 0.58))) : [];
  const footLines = [text.source, text.asOf].filter(Boolean).flatMap((t) => wrap(t, Math.floor((width - 2 * PAD) / (12 * 0.58))));
  const parts: string[] = [];
  let y = PAD;
  for (const line of titleLines) { y += 24; parts.push(`<text x="${PAD}" y="${y}" font-size="20" font-weight="bold" fill="#1b1b1b">${escapeXml(line)}</text>`); }
  for (const line of scopeLines) { y += 19; parts.push(`<text x="${PAD}" y="${y}" font-size="14" fill="#454545">${escapeXml(line)}</text>`); }
  if (text.legend?.length) {
    y += 12;
    let x = PAD;
    for (const item of text.legend) {
      const w = 22 + item.label.length * 13 * 0.58 + 18;
      if (x > PAD && x + w > width - PAD) { x = PAD; y += 20; }
      parts.push(`<rect x="${x + 0.5}" y="${y + 2.5}" width="13" height="13" fill="${escapeXml(item.colour)}" stroke="#555"${item.dashed ? ' stroke-dasharray="2 2"' : ''}/><text x="${x + 20}" y="${y + 13}" font-size="13" fill="#1b1b1b">${escapeXml(item.label)}</text>`);
      x += w;
    }
    y += 18;
  }
  y += 14;
  // The chart keeps its own size; its text at 12 px as on the page (site.css .plot).
  const inner = chart
    .replace(/^<svg\b/, `<svg x="${INSET}" y="${y}"`)
    .replace(/\sfont-family="[^"]*"/, ` font-family="${FAMILY}, sans-serif"`)
    .replace(/\sfont-size="[^"]*"/, ' font-size="12"')
    .replace(/\s(role|focusable|aria-label|aria-description|class)="[^"]*"/g, '');
  y += height + 8;
  for (const line of footLines) { y += 16; parts.push(`<text x="${PAD}" y="${y}" font-size="12" fill="#454545">${escapeXml(line)}</text>`); }
  const total = Math.ceil(y + PAD);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}" font-family="${FAMILY}, sans-serif">`
    + `<title>${escapeXml(text.title)}</title><rect width="100%" height="100%" fill="#ffffff"/>${parts.join('')}${inner}</svg>\n`;
}

/** The SVG drawn to PNG at twice its size (sharp on a projector), with the shipped font only. */
export function chartPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FAMILY, sansSerifFamily: FAMILY },
  });
  return resvg.render().asPng();
}
