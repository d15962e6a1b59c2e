// One figure of a page from one dataset: its rows (core/query.ts through req.rows), its chart
// or the sentence saying truthfully why there is none (server/pages/empty.ts), its data table
// with the column labels and number formats of the declaration (core/datasets.ts) and the
// download links of exactly the rows shown (same filters, same slice).
import { findColumn, findDataset, type ColumnDef, type ColumnName, type DatasetName, type Row } from '../../core/datasets.ts';
import type { Filters, Slice } from '../../core/filters.ts';
import type { Format } from '../i18n.ts';
import { chartOrEmpty, type EmptyCheck } from './empty.ts';
import { datasetTitle, download, table, type ChartKind, type Column, type DownloadLink, type FigureView, type LegendItem, type PageRequest, type Section } from './page.ts';

/** A cell as its column's format writes it (ratio 2 decimals, percent 1, days whole, month "Maret 2025"). */
export function formatValue(f: Format, column: Pick<ColumnDef, 'format' | 'digits'>, value: unknown): string {
  const n = value as number | null | undefined;
  switch (column.format) {
    case 'integer': case 'days': return f.integer(n);
    case 'decimal': return f.decimal(n, column.digits ?? 1);
    case 'ratio': return f.decimal(n, column.digits ?? 2);
    case 'percent': return f.percent(n, column.digits ?? 1);
    case 'month': return typeof value === 'string' ? f.month(value) : '';
    default: return value === null || value === undefined ? '' : String(value);
  }
}

const NUMERIC = new Set<ColumnDef['format']>(['integer', 'days', 'decimal', 'ratio', 'percent']);

/** A table column: a declared column by name, or one with its own label/value/link (a skill name linked to its page). */
export type FigureColumn<N extends DatasetName> = ColumnName<N> | FigureColumnSpec<N>;
export type FigureColumnSpec<N extends DatasetName> = { column?: ColumnName<N> } & Partial<Column<Row<N>>>;

/** The table columns of a figure, labels and formats from the declaration unless a column says otherwise. */
export function columnsOf<N extends DatasetName>(req: Pick<PageRequest, 'm' | 'f' | 'lang'>, dataset: N, columns: readonly FigureColumn<N>[]): Column<Row<N>>[] {
  const def = findDataset(dataset)!;
  return columns.map((c) => {
    const spec = (typeof c === 'string' ? { column: c } : c) as FigureColumnSpec<N>;
    const declared = spec.column ? findColumn(def, spec.column) : undefined;
    if (spec.column && !declared) throw new Error(`dataset ${dataset} has no column ${spec.column}`);
    const name = spec.column as string | undefined;
    return {
      label: spec.label ?? declared?.label[req.lang] ?? '',
      value: spec.value ?? ((r: Row<N>) => formatValue(req.f, declared!, (r as Record<string, unknown>)[name!])),
      numeric: spec.numeric ?? (declared ? NUMERIC.has(declared.format) : false),
      ...(spec.href ? { href: spec.href } : {}),
      // The mark of an empty cell comes from the column shown; key '' writes the value as given instead.
      ...((spec.key ?? name) ? { key: spec.key ?? name } : {}),
    };
  });
}

/** A further query of the same dataset whose rows the figure also shows (e.g. the most abundant skills after the scarcest), with its own download. */
export interface FigurePart { label: string; filters: Filters; slice?: Slice }

export interface FigureSpec<N extends DatasetName> {
  id: string;
  dataset: N;
  filters: Filters;
  slice?: Slice;
  /** More queries shown in the same figure, each with its download link. */
  also?: FigurePart[];
  /** The label of the main download (default: the dataset's title). */
  downloadLabel?: string;
  /** Title and table caption: text, or made from the rows returned (e.g. naming their region). */
  title: string | ((rows: Row<N>[]) => string);
  caption: string;
  tableCaption: string | ((rows: Row<N>[]) => string);
  columns: readonly FigureColumn<N>[];
  /** Each returned row as the figure uses it (e.g. with a value computed from the published ones). */
  rows?: (row: Row<N>) => Row<N>;
  /** The rows drawn and listed (default: all returned). */
  shown?: (rows: Row<N>[]) => Row<N>[];
  /** The rows of the table (default: those drawn), from those drawn and all returned. */
  tableRows?: (shown: Row<N>[], returned: Row<N>[]) => Row<N>[];
  chart: {
    kind: ChartKind;
    draw: (shown: Row<N>[], returned: Row<N>[]) => string;
    legend?: LegendItem[] | ((returned: Row<N>[]) => LegendItem[]);
    /** false: no "How to read this" (a figure whose open table is what a reader came for). */
    howTo?: boolean;
  };
  /** Why nothing is drawn (empty.ts): the value drawn, when it becomes computable, the figure's own rule, the "none" answer. */
  empty?: Omit<EmptyCheck, 'rows' | 'shown'> & {
    /** Filters of the rows that tell "withheld" from "none" when no row is shown (e.g. every skill's). */
    from?: Filters;
  };
  note?: string;
  wide?: boolean;
  tableOpen?: boolean;
}

/** The figure: chart or why not, data table, downloads; `rows` are the rows shown. */
export async function figure<N extends DatasetName>(req: PageRequest, spec: FigureSpec<N>): Promise<FigureView & { rows: Row<N>[] }> {
  const parts = [{ label: spec.downloadLabel ?? datasetTitle(req, spec.dataset), filters: spec.filters, slice: spec.slice ?? {} }, ...(spec.also ?? []).map((p) => ({ ...p, slice: p.slice ?? {} }))];
  // One after the other: they share the request's connection (and its time limit).
  const read: Row<N>[] = [];
  for (const p of parts) read.push(...await req.rows<Row<N>>(spec.dataset, p.filters, p.slice));
  const returned = spec.rows ? read.map(spec.rows) : read;
  const shown = spec.shown ? spec.shown(returned) : returned;
  const { from, ...check } = spec.empty ?? {};
  const rows = shown.length === 0 && from ? await req.rows<Row<N>>(spec.dataset, from) : returned;
  const downloads: DownloadLink[] = parts.map((p) => download(p.label, spec.dataset, p.filters, p.slice));
  const fromRows = <T>(v: T | ((rows: Row<N>[]) => T)): T => (typeof v === 'function' ? (v as (rows: Row<N>[]) => T)(returned) : v);
  const view: FigureView = {
    id: spec.id,
    title: fromRows(spec.title),
    caption: spec.caption,
    ...(spec.note ? { note: spec.note } : {}),
    ...chartOrEmpty(req, { ...check, rows, shown: shown.length }, () => spec.chart.draw(shown, returned)),
    ...(spec.chart.legend ? { legend: fromRows(spec.chart.legend) } : {}),
    table: table(fromRows(spec.tableCaption), columnsOf(req, spec.dataset, spec.columns), spec.tableRows ? spec.tableRows(shown, returned) : shown, req),
    downloads,
    ...(spec.wide ? { wide: true } : {}),
    ...(spec.tableOpen ? { tableOpen: true } : {}),
  };
  if (view.svg && spec.chart.howTo !== false) view.howTo = req.m.explore.howTo[spec.chart.kind];
  return Object.defineProperty(view, 'rows', { value: shown, enumerable: false }) as FigureView & { rows: Row<N>[] };
}

/** A section of a page that is a table of one dataset query, with its download. */
export async function dataSection<N extends DatasetName>(req: PageRequest, spec: { dataset: N; filters: Filters; slice?: Slice; title: string; intro?: string; columns: readonly FigureColumn<N>[]; rows?: (row: Row<N>) => Row<N> }): Promise<Section> {
  const read = await req.rows<Row<N>>(spec.dataset, spec.filters, spec.slice);
  const rows = spec.rows ? read.map(spec.rows) : read;
  return {
    title: spec.title,
    ...(spec.intro ? { intro: spec.intro } : {}),
    table: table(spec.title, columnsOf(req, spec.dataset, spec.columns), rows, req),
    downloads: [download(datasetTitle(req, spec.dataset), spec.dataset, spec.filters, spec.slice)],
  };
}
