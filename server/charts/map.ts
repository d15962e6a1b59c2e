// Indonesia's provinces as symbols over the country outline (Natural Earth 1:50m via
// world-atlas): one dot per province at its capital, coloured by the value in fixed
// classes, so small provinces stay as visible as large ones.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as Plot from '@observablehq/plot';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { renderPlot, responsive, WIDTH, type ChartText } from './plot.ts';

export interface ProvinceValue { code: string; name: string; value: number | null }

export interface MapOptions extends ChartText {
  formatValue: (v: number) => string;
  /** Text for a province whose value is withheld or missing. */
  missingLabel: string;
  /** One colour per class, low to high. */
  colours?: string[];
  /** Class breaks (RATIO_BREAKS by default). */
  breaks?: number[];
  width?: number;
}

/** Sequential blues, light to dark, each class clearly lighter or darker than its neighbours. */
export const MAP_COLOURS = ['#c6dbef', '#6baed6', '#2171b5', '#08306b'];

/**
 * Class breaks of the openings-to-applicants ratio, fixed over the whole series so a colour
 * means the same in every month: < 0.5, 0.5–1, 1–2, ≥ 2 (1 = as many openings as applicants).
 */
export const RATIO_BREAKS = [0.5, 1, 2];

interface Centroid { code: string; lat: number; lon: number }

/** The outline and the capitals, read when the module loads: the first map drawn after a start would otherwise pay for it (about 180 ms). */
const geography = loadGeography();

function loadGeography(): { outline: unknown; centroids: Map<string, Centroid> } {
  const require = createRequire(import.meta.url);
  const world = require('world-atlas/countries-50m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const indonesia = { ...world, objects: { countries: { ...world.objects.countries, geometries: world.objects.countries.geometries.filter((g) => g.id === '360') } } };
  const outline = feature(indonesia, indonesia.objects.countries);
  const file = path.join(import.meta.dirname, '../../data/reference/province_centroids.csv');
  const centroids = new Map<string, Centroid>();
  for (const line of fs.readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
    const [code, , , lat, lon] = line.split(',');
    centroids.set(code, { code, lat: Number(lat), lon: Number(lon) });
  }
  return { outline, centroids };
}

export function classOf(value: number, breaks: number[]): number {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]) i++;
  return i;
}

export function provinceMap(rows: ProvinceValue[], options: MapOptions): string {
  const { outline, centroids } = geography;
  const colours = options.colours ?? MAP_COLOURS;
  const breaks = options.breaks ?? RATIO_BREAKS;
  const points = rows.flatMap((r) => {
    const c = centroids.get(r.code);
    if (!c) return [];
    const known = r.value !== null && Number.isFinite(r.value);
    return [{ ...r, lon: c.lon, lat: c.lat, colour: known ? colours[Math.min(colours.length - 1, classOf(r.value!, breaks))] : '#ffffff', known }];
  });
  return responsive((narrow) => {
    const width = narrow ? WIDTH.narrow : options.width ?? WIDTH.wide;
    return drawMap(outline, points, options, width, narrow ? 4.5 : 7);
  });
}

/** The whole country at the given width; dots of radius r (smaller on a phone, so Java's provinces stay apart). */
function drawMap(outline: unknown, points: (ProvinceValue & { lon: number; lat: number; colour: string; known: boolean })[], options: MapOptions, width: number, r: number): string {
  return renderPlot({
    width,
    height: Math.round(width * 0.42),
    margin: width < 500 ? 4 : 8,
    projection: { type: 'mercator', domain: outline as never, inset: width < 500 ? 4 : 10 },
    marks: [
      Plot.geo(outline as never, { fill: '#ececec', stroke: '#9a9a9a', strokeWidth: 0.6 }),
      ...[true, false].map((known) => Plot.dot(points.filter((p) => p.known === known), {
        x: 'lon', y: 'lat', r, fill: 'colour', stroke: '#1b1b1b', strokeWidth: 1,
        // withheld or missing: white with a dashed outline, unlike the lightest class
        strokeDasharray: known ? undefined : '2 2',
        title: (p: (typeof points)[number]) => `${p.name}: ${p.known ? options.formatValue(p.value!) : options.missingLabel}`,
      })),
    ],
  }, options);
}
