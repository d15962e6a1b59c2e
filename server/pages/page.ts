// What every dashboard page shares: the request it answers (language, formats, filters,
// the warehouse), the figure it builds (chart, caption, legend, data table, downloads),
// and the headline figures.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Dimensions } from '../../core/dimensions.ts';
import { findDataset } from '../../core/datasets.ts';
import type { Filters, Slice } from '../../core/filters.ts';
import { queryDataset } from '../../core/query.ts';
import type { Format, Lang, Messages } from '../i18n.ts';
import { badRequest } from '../../core/errors.ts';
import { fill } from '../i18n.ts';
import { apiUrl, dataUrl, withQuery } from '../urls.ts';
import { METHODOLOGY } from '../../core/methodology.ts';
import { marksLegend, markOf, type Mark } from './empty.ts';

/** The page's own filters after validation (period always set: the latest month by default). */
export interface PageFilters { period: string; region: string; sector?: string; occupation?: string; employment_type?: string }

export interface PageRequest {
  lang: Lang;
  m: Messages;
  f: Format;
  filters: PageFilters;
  /** Path parameter (/regions/:code, /occupations/:code). */
  code?: string;
  periods: string[];
  connection: DuckDBConnection;
  /** The data version's months, regions, ISCO groups and skill ids (core/dimensions.ts). */
  dims: Dimensions;
  minCell: number;
  /** The page's own extra query parameters (PageDef.params, e.g. sort), as given; absent when not. */
  query?: Record<string, string>;
  /** Rows of a published dataset, withheld cells already null (core/query.ts). */
  rows<T = Record<string, unknown>>(dataset: string, filters: Filters, slice?: Slice): Promise<T[]>;
}

/** A request's reader of published rows: the same query asked twice (a figure and the headlines of its page) runs once. */
export function createRowReader(connection: DuckDBConnection, minCell: number, dims?: Dimensions): PageRequest['rows'] {
  const asked = new Map<string, Promise<Record<string, unknown>[]>>();
  return <T>(dataset: string, filters: Filters, slice: Slice = {}) => {
    const key = JSON.stringify([dataset, filters, slice]);
    let rows = asked.get(key);
    if (!rows) {
      rows = queryDataset(connection, dataset, filters, { minCell, dims, ...slice }).then((r) => r.rows);
      asked.set(key, rows);
    }
    return rows as Promise<T[]>;
  };
}

export interface DownloadLink { label: string; csv: string; xlsx: string; json: string; api: string }

export interface TableView {
  caption: string; columns: { label: string; numeric: boolean; /** A link re-sorting the table on the server. */ sortHref?: string; /** aria-sort of the column the rows are sorted by. */ sort?: 'ascending' | 'descending' }[]; rows: { cells: { text: string; href?: string; numeric: boolean }[] }[];
  /** What the marks of empty cells mean (one line per mark used). */
  marks?: string[];
}

export interface LegendItem { label: string; colour: string; /** Drawn as a dashed line (a provisional segment). */ dashed?: boolean }

export interface FigureView {
  id: string;
  title: string;
  caption: string;
  svg: string;
  legend?: LegendItem[];
  table: TableView;
  downloads: DownloadLink[];
  /** Shown instead of the chart when there is nothing to draw: why (server/pages/empty.ts). */
  empty?: string;
  /** "How to read this": the reading of its kind of chart (howToRead). */
  howTo?: string;
  /** Which of the page's filters the figure ignores, said plainly. */
  note?: string;
  wide?: boolean;
  /** The chart as an image for slides (SVG, PNG), added by the page route when there is a chart. */
  image?: { svg: string; png: string };
  /** The data table shown open (where the table is what a reader came for, e.g. the occupation drill-down). */
  tableOpen?: boolean;
}

export interface Headline { label: string; value: string; change?: string; trend?: 'up' | 'down' | 'flat'; changeYear?: string; trendYear?: 'up' | 'down' | 'flat'; note?: string }

/** A GET form choosing another region for the same page (redirected by /region). */
export interface RegionSwitcher { action: string; label: string; button: string; period: string; options: { value: string; label: string; selected: boolean }[] }

export interface Section { title: string; intro?: string; table: TableView; downloads: DownloadLink[] }

/** What a page loader returns; the layout adds header, filters and footer. */
export interface PageBody {
  title: string;
  intro?: string;
  headlines?: Headline[];
  /** Under the headlines: how changes are written and what the marks mean. */
  headlineNotes?: string[];
  figures?: FigureView[];
  sections?: Section[];
  /** The methodology's definitions, each with its formula. */
  definitions?: { id: string; title: string; formula: string; text: string }[];
  /** A profile page's region switcher. */
  switcher?: RegionSwitcher;
  /** Links to related pages (e.g. each province's profile). */
  links?: { label: string; href: string }[];
  linksTitle?: string;
}

export interface PageDef {
  path: string;
  /** Key of the page in messages.nav, for the menu. */
  nav: string;
  /** Filters the page's form offers (period and region on every page unless said otherwise). */
  filters: ('period' | 'region' | 'sector' | 'occupation' | 'employment_type')[];
  /** Query parameters the page reads itself besides the filters (e.g. sort): validated by its loader. */
  params?: string[];
  load(req: PageRequest): Promise<PageBody>;
}

export function datasetTitle(req: Pick<PageRequest, 'lang'>, name: string): string {
  return findDataset(name)?.title[req.lang] ?? name;
}

export function download(label: string, dataset: string, filters: Filters, slice: Slice = {}): DownloadLink {
  return { label, csv: dataUrl(dataset, filters, slice, 'csv'), xlsx: dataUrl(dataset, filters, slice, 'xlsx'), json: dataUrl(dataset, filters, slice, 'json'), api: apiUrl(dataset, filters, slice) };
}

export interface Column<R> {
  label: string; value: (row: R) => string; numeric?: boolean; href?: (row: R) => string | undefined;
  /** The published column shown: an empty value gets the mark saying why (withheld, not computable, no data). */
  key?: string;
}

export function table<R>(caption: string, columns: Column<R>[], rows: R[], req?: Pick<PageRequest, 'm' | 'minCell'>): TableView {
  const used = new Set<Mark>();
  const text = (c: Column<R>, row: R) => {
    const mark = req && c.key ? markOf(row as object, c.key) : undefined;
    if (!mark) return c.value(row);
    used.add(mark);
    return req!.m.marks[mark];
  };
  const view: TableView = {
    caption,
    columns: columns.map((c) => ({ label: c.label, numeric: c.numeric ?? false })),
    rows: rows.map((row) => ({ cells: columns.map((c) => ({ text: text(c, row), href: c.href?.(row), numeric: c.numeric ?? false })) })),
  };
  if (req && used.size > 0) view.marks = marksLegend(req, used);
  return view;
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

/** How a headline value changes: counts and ratios relatively, rates in percentage points. */
export type ChangeKind = 'count' | 'ratio' | 'rate';

/**
 * The change of a headline value on an earlier month, one precision for all (one decimal):
 * a rate in percentage points ("▼ 9,2 pp"), a count or ratio in per cent, except on a small
 * base (a count below METHODOLOGY.smallBase: the difference, "▲ 12").
 */
export function change(current: number | null | undefined, previous: number | null | undefined, f: Format, m: Messages, kind: ChangeKind = 'count', against = m.common.vsPreviousMonth): Pick<Headline, 'change' | 'trend'> {
  if (current == null || previous == null || !Number.isFinite(current) || !Number.isFinite(previous)) return {};
  const difference = current - previous;
  const arrow = (v: number) => (v > 0 ? '▲' : v < 0 ? '▼' : '=');
  let amount: number;
  let text: string;
  if (kind === 'rate') {
    amount = difference * 100;
    text = `${f.decimal(Math.abs(amount), 1)} ${m.changes.pp}`;
  } else if (kind === 'count' && previous < METHODOLOGY.smallBase) {
    amount = difference;
    text = f.integer(Math.abs(amount));
  } else {
    if (previous === 0) return {};
    amount = current / previous - 1;
    text = f.percent(Math.abs(amount), 1);
  }
  const shown = Number(Math.abs(amount).toFixed(kind === 'count' && previous < METHODOLOGY.smallBase ? 0 : 3)) === 0 ? 0 : amount;
  const trend = shown === 0 ? 'flat' : shown > 0 ? 'up' : 'down';
  return { change: `${arrow(shown)} ${text} ${against}`, trend };
}

/** The same month a year before ("2025-03" → "2024-03"). */
export function yearBefore(period: string): string {
  const [y, mm] = period.split('-');
  return `${Number(y) - 1}-${mm}`;
}

/** The change on the month before and, where the series has it, on the same month a year before. */
export function changes<R extends { period: string }>(series: R[], period: string, value: (row: R | undefined) => number | null | undefined, f: Format, m: Messages, kind: ChangeKind = 'count'): Pick<Headline, 'change' | 'trend' | 'changeYear' | 'trendYear'> {
  const now = value(series.find((r) => r.period === period));
  const month = change(now, value(series.find((r) => r.period === previousPeriod(period))), f, m, kind);
  const lastYear = series.find((r) => r.period === yearBefore(period));
  const year = lastYear ? change(now, value(lastYear), f, m, kind, m.changes.vsYearBefore) : {};
  return { ...month, ...(year.change ? { changeYear: year.change, trendYear: year.trend } : {}) };
}

/** A column a table can be sorted by: its key in ?sort=key (ascending) or ?sort=-key (descending), and the value compared. */
export interface SortColumn<R> extends Column<R> { sortKey?: string; sortValue?: (row: R) => number | string | null | undefined }

/**
 * A table sortable without JavaScript: each sortable header is a link to the same page with
 * ?sort=key, or -key when it is already sorted ascending; the rows are sorted here on the
 * server (empty values last). A sort naming no sortable column is a 400.
 */
export function sortedTable<R>(req: PageRequest, caption: string, columns: SortColumn<R>[], rows: R[], options: { path: string; query: Record<string, string | undefined>; fallback: string }): TableView {
  const keys = columns.flatMap((c) => (c.sortKey ? [c.sortKey] : []));
  const asked = req.query?.sort ?? options.fallback;
  const key = asked.replace(/^-/, '');
  if (!keys.includes(key)) throw badRequest(fill(req.m.explore.sort.bad, { value: asked, allowed: keys.flatMap((k) => [k, `-${k}`]).join(', ') }), 'sort');
  const descending = asked.startsWith('-');
  const column = columns.find((c) => c.sortKey === key)!;
  const value = column.sortValue ?? ((r: R) => (r as Record<string, unknown>)[key] as number | string | null);
  const sorted = [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x == null || (typeof x === 'number' && !Number.isFinite(x))) return y == null ? 0 : 1;
    if (y == null || (typeof y === 'number' && !Number.isFinite(y))) return -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), req.lang);
    return descending ? -order : order;
  });
  const view = table(caption, columns, sorted, req);
  view.columns = view.columns.map((c, i) => {
    const k = columns[i].sortKey;
    if (!k) return c;
    const current = k === key ? (descending ? 'descending' : 'ascending') : undefined;
    // The column sorted ascending turns descending; any other column starts with the order a reader expects (numbers largest first).
    const next = current === 'ascending' ? `-${k}` : current === 'descending' ? k : columns[i].numeric ? `-${k}` : k;
    return { ...c, sortHref: withQuery(options.path, { ...options.query, sort: next }), ...(current ? { sort: current } : {}) };
  });
  return view;
}

/** The kinds of chart, each with its "How to read this" text (messages explore.howTo). */
export type ChartKind = 'line' | 'bars' | 'diverging' | 'map' | 'scatter';

/** A figure with its "How to read this" text, when it has a chart to read. */
export function withHowTo(req: Pick<PageRequest, 'm'>, kind: ChartKind, figure: FigureView): FigureView {
  return figure.svg ? { ...figure, howTo: req.m.explore.howTo[kind] } : figure;
}
