// Links with a query string: page URLs with their filters and the language switch
// (withQuery), data downloads and API URLs for exactly the rows a figure shows, a skill's
// page. Not every link yet: the navigation (server/routes/pages.ts) and a few pages' plain
// links to other pages (regions, skill, seekers, compare, search in server/pages/) are
// written where they are used.
import type { Filters } from '../core/filters.ts';
import type { Slice } from '../core/filters.ts';

type Query = Record<string, string | number | undefined>;

export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export type DataFormat = 'csv' | 'xlsx' | 'json' | 'parquet' | 'arrow';

export function dataUrl(dataset: string, filters: Filters, slice: Slice = {}, format: DataFormat = 'csv'): string {
  return withQuery(`/data/${dataset}.${format}`, { ...filters, sort: slice.sort?.join(','), limit: slice.limit });
}

export function apiUrl(dataset: string, filters: Filters, slice: Slice = {}): string {
  return withQuery(`/api/v1/${dataset}`, { ...filters, sort: slice.sort?.join(','), limit: slice.limit });
}

/** A skill's page (/skills/<id>), for a month and region. */
export function skillUrl(id: string, query: Query = {}): string {
  return withQuery(`/skills/${encodeURIComponent(id)}`, query);
}
