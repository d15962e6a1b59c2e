// What every dashboard page shares: the request it answers (language, formats, filters,
// the warehouse), the figure it builds (chart, caption, legend, data table, downloads),
// and the headline figures.
import type { DuckDBConnection } from '@duckdb/node-api';
import { findDataset, type FilterName } from '../../core/datasets.ts';
import type { Filters, Slice } from '../../core/filters.ts';
import { queryDataset } from '../../core/query.ts';
import type { Format, Lang, Messages } from '../i18n.ts';
import { apiUrl, dataUrl } from '../urls.ts';

/** The page's own filters after validation (period always set: the latest month by default). */
export interface PageFilters { period: string; region: string; sector?: string; occupation?: string }

export interface PageRequest {
  lang: Lang;
  m: Messages;
  f: Format;
  filters: PageFilters;
  /** Path parameter (/regions/:code, /occupations/:code). */
  code?: string;
  periods: string[];
  connection: DuckDBConnection;
  minCell: number;
  /** Rows of a published dataset, withheld cells already null (core/query.ts). */
  rows<T = Record<string, unknown>>(dataset: string, filters: Filters, slice?: Slice): Promise<T[]>;
}

export function createRowReader(connection: DuckDBConnection, minCell: number): PageRequest['rows'] {
  return async <T>(dataset: string, filters: Filters, slice: Slice = {}) =>
    (await queryDataset(connection, dataset, filters, { minCell, ...slice })).rows as T[];
}

export interface DownloadLink { label: string; csv: string; xlsx: string; json: string; api: string }

export interface TableView { caption: string; columns: { label: string; numeric: boolean }[]; rows: { cells: { text: string; href?: string; numeric: boolean }[] }[] }

export interface LegendItem { label: string; colour: string }

export interface FigureView {
  id: string;
  title: string;
  caption: string;
  svg: string;
  legend?: LegendItem[];
  table: TableView;
  downloads: DownloadLink[];
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: string;
  wide?: boolean;
}

export interface Headline { label: string; value: string; change?: string; trend?: 'up' | 'down' | 'flat'; note?: string }

export interface Section { title: string; intro?: string; table: TableView; downloads: DownloadLink[] }

/** What a page loader returns; the layout adds header, filters and footer. */
export interface PageBody {
  title: string;
  intro?: string;
  headlines?: Headline[];
  figures?: FigureView[];
  sections?: Section[];
  /** The methodology's definitions, each with its formula. */
  definitions?: { id: string; title: string; formula: string; text: string }[];
  /** Links to related pages (e.g. each province's profile). */
  links?: { label: string; href: string }[];
  linksTitle?: string;
}

export interface PageDef {
  path: string;
  /** Key of the page in messages.nav, for the menu. */
  nav: string;
  /** Filters the page's form offers (period and region on every page unless said otherwise). */
  filters: ('period' | 'region' | 'sector' | 'occupation')[];
  load(req: PageRequest): Promise<PageBody>;
}

export function datasetTitle(req: Pick<PageRequest, 'lang'>, name: string): string {
  return findDataset(name)?.title[req.lang] ?? name;
}

export function download(label: string, dataset: string, filters: Filters, slice: Slice = {}): DownloadLink {
  return { label, csv: dataUrl(dataset, filters, slice, 'csv'), xlsx: dataUrl(dataset, filters, slice, 'xlsx'), json: dataUrl(dataset, filters, slice, 'json'), api: apiUrl(dataset, filters, slice) };
}

export interface Column<R> { label: string; value: (row: R) => string; numeric?: boolean; href?: (row: R) => string | undefined }

export function table<R>(caption: string, columns: Column<R>[], rows: R[]): TableView {
  return {
    caption,
    columns: columns.map((c) => ({ label: c.label, numeric: c.numeric ?? false })),
    rows: rows.map((row) => ({ cells: columns.map((c) => ({ text: c.value(row), href: c.href?.(row), numeric: c.numeric ?? false })) })),
  };
}

/** The filters of a dataset query for the page's region (and sector/occupation where the dataset takes them). */
export function regionFilters(req: PageRequest, extra: Partial<Record<FilterName, string>> = {}): Filters {
  return { region: req.filters.region, ...extra };
}

/** The month before a period ("2025-01" → "2024-12"). */
export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Twelve months ending with the period, clipped to the months with data. */
export function yearTo(period: string, periods: string[]): { from: string; to: string } {
  let from = period;
  for (let i = 0; i < 11; i++) from = previousPeriod(from);
  return { from: periods.length > 0 && from < periods[0] ? periods[0] : from, to: period };
}

export function change(current: number | null | undefined, previous: number | null | undefined, f: Format, m: Messages): Pick<Headline, 'change' | 'trend'> {
  if (current == null || previous == null || previous === 0) return {};
  const ratio = current / previous - 1;
  const trend = Math.abs(ratio) < 0.0005 ? 'flat' : ratio > 0 ? 'up' : 'down';
  return { change: `${f.signedPercent(ratio)} ${m.common.vsPreviousMonth}`, trend };
}
