// Why a figure or a cell has nothing to show, said truthfully and in one place: no data,
// withheld for privacy (fewer than k persons), not yet computable (and from which month),
// filtered out by the figure's own selection, or not computed in this warehouse; and the
// distinct mark of an empty cell: withheld, not computable (division by zero), no data.
import { DATASETS } from '../../core/datasets.ts';
import { rows as readRows } from '../../core/duckdb.ts';
import { fill } from '../i18n.ts';
import type { PageRequest } from './page.ts';

export type Mark = 'withheld' | 'notComputable' | 'noData';

/** Ratio columns (unit "ratio" in core/datasets.ts): empty when their denominator is zero. */
const RATIO_COLUMNS = new Set(DATASETS.flatMap((d) => d.columns.filter((c) => c.unit?.en === 'ratio' || c.name === 'imbalance_index').map((c) => c.name)));

/** The columns a published row says are withheld (its `withheld` column). */
export function withheldColumns(row: object | undefined): string[] {
  const value = (row as { withheld?: unknown } | undefined)?.withheld;
  return typeof value === 'string' && value !== '' ? value.split(';') : [];
}

/** Why row[key] is empty, or undefined when it has a value. */
export function markOf(row: object | undefined, key: string): Mark | undefined {
  const value = (row as Record<string, unknown> | undefined)?.[key];
  if (value !== null && value !== undefined && !(typeof value === 'number' && !Number.isFinite(value))) return undefined;
  if (row === undefined) return 'noData';
  if (withheldColumns(row).includes(key)) return 'withheld';
  return RATIO_COLUMNS.has(key) ? 'notComputable' : 'noData';
}

/** The symbol shown for an empty cell (legend: marksLegend). */
export function markText(req: Pick<PageRequest, 'm'>, mark: Mark): string {
  return req.m.marks[mark];
}

/** One legend line per mark used, e.g. "x = disembunyikan (kurang dari 5 orang)". */
export function marksLegend(req: Pick<PageRequest, 'm' | 'minCell'>, used: Iterable<Mark>): string[] {
  const set = new Set(used);
  return (['withheld', 'notComputable', 'noData'] as const).filter((k) => set.has(k))
    .map((k) => `${req.m.marks[k]} = ${fill(req.m.marks.legend[k], { k: req.minCell })}`);
}

export interface EmptyCheck {
  /** The rows the figure's query returned. */
  rows: readonly object[];
  /** How many of them the figure would draw. */
  shown: number;
  /** The value drawn: "withheld" when every row that has one is withheld. */
  column?: string;
  /** First period the figure can be computed for (e.g. six months into the series). */
  availableFrom?: string;
  /** Why it cannot be computed before availableFrom (one sentence). */
  availableWhy?: string;
  /** False when the warehouse did not compute the figure's mart (skill matching skipped). */
  computed?: boolean;
  /** What the figure's own selection keeps, when rows exist but none passes it. */
  filteredBy?: string;
  /** The message for "nothing matches" when that is an answer (e.g. no emerging skill). */
  none?: string;
}

/** Some rows withheld and every other one without a value to draw (0 or empty): withholding is why nothing shows. */
function allWithheld(rows: readonly object[], column: string): boolean {
  const withheld = (r: object) => withheldColumns(r).includes(column);
  const nothing = (r: object) => { const v = (r as Record<string, unknown>)[column]; return v === null || v === undefined || v === 0; };
  return rows.some(withheld) && rows.every((r) => withheld(r) || nothing(r));
}

/** The sentence to show instead of the chart, or undefined when there is something to draw. */
export function emptyReason(req: Pick<PageRequest, 'm' | 'f' | 'minCell' | 'filters'>, check: EmptyCheck): string | undefined {
  const e = req.m.empty;
  if (check.shown > 0) return undefined;
  if (check.computed === false) return e.notComputed;
  if (check.availableFrom && req.filters.period < check.availableFrom) return fill(e.notYet, { from: req.f.month(check.availableFrom), why: check.availableWhy ?? '' });
  if (check.rows.length > 0 && check.column && allWithheld(check.rows, check.column)) return fill(e.withheld, { k: req.minCell });
  if (check.rows.length > 0 && check.filteredBy) return fill(e.filtered, { rule: check.filteredBy });
  return check.none ?? e.noData;
}

/** The chart, or the reason it is not drawn: what every figure's `svg` and `empty` come from. */
export function chartOrEmpty(req: Pick<PageRequest, 'm' | 'f' | 'minCell' | 'filters'>, check: EmptyCheck, draw: () => string): { svg: string; empty?: string } {
  const empty = emptyReason(req, check);
  return empty ? { svg: '', empty } : { svg: draw() };
}

/** Whether this warehouse computed skill matching (meta.matching). */
export async function matchingComputed(req: Pick<PageRequest, 'connection'>): Promise<boolean> {
  const [row] = await readRows<{ value: string }>(req.connection, "SELECT value FROM meta WHERE key = 'matching'");
  return row?.value !== 'skipped';
}

/** The month `months` after a period ("2024-01", 5 → "2024-06"). */
export function addMonths(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number);
  const n = y * 12 + (m - 1) + months;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}
