// Indonesia's provinces as symbols over the country outline (Natural Earth 1:50m via
// world-atlas): one dot per province at its capital, coloured by the value in five
// classes, so small provinces stay as visible as large ones.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as Plot from '@observablehq/plot';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { renderPlot, WIDTH, type ChartText } from './plot.ts';

export interface ProvinceValue { code: string; name: string; value: number | null }

export interface MapOptions extends ChartText {
  formatValue: (v: number) => string;
  /** Text for a province whose value is withheld or missing. */
  missingLabel: string;
  /** Five colours, low to high. */
  colours?: string[];
  width?: number;
}

/** Sequential blues, light to dark, readable on white; the classes are told apart by lightness. */
export const MAP_COLOURS = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];

interface Centroid { code: string; lat: number; lon: number }

let geography: { outline: unknown; centroids: Map<string, Centroid> } | null = null;

function loadGeography() {
  if (geography) return geography;
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
  geography = { outline, centroids };
  return geography;
}

/** Class breaks (quantiles of the known values) shared by the map and its legend. */
export function mapClasses(values: number[], n = 5): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks = Array.from({ length: n - 1 }, (_, i) => sorted[Math.floor(((i + 1) * sorted.length) / n)]);
  return [...new Set(breaks)];
}

export function classOf(value: number, breaks: number[]): number {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]) i++;
  return i;
}

export function provinceMap(rows: ProvinceValue[], options: MapOptions): string {
  const { outline, centroids } = loadGeography();
  const colours = options.colours ?? MAP_COLOURS;
  const breaks = mapClasses(rows.map((r) => r.value).filter((v): v is number => v !== null));
  const points = rows.flatMap((r) => {
    const c = centroids.get(r.code);
    if (!c) return [];
    const known = r.value !== null && Number.isFinite(r.value);
    return [{ ...r, lon: c.lon, lat: c.lat, colour: known ? colours[Math.min(colours.length - 1, classOf(r.value!, breaks))] : '#ffffff', known }];
  });
  const width = options.width ?? WIDTH.wide;
  return renderPlot({
    width,
    height: Math.round(width * 0.42),
    margin: 8,
    projection: { type: 'mercator', domain: outline as never, inset: 10 },
    marks: [
      Plot.geo(outline as never, { fill: '#ececec', stroke: '#9a9a9a', strokeWidth: 0.6 }),
      Plot.dot(points, {
        x: 'lon', y: 'lat', r: 7, fill: 'colour', stroke: '#1b1b1b', strokeWidth: 1,
        title: (p: (typeof points)[number]) => `${p.name}: ${p.known ? options.formatValue(p.value!) : options.missingLabel}`,
      }),
    ],
  }, options);
}
