// The published rows of a dataset from the decision stored at build (core/privacy/index.ts
// has the rule): withheld values null, derived columns withheld with what they rest on,
// ranks over published rows, and the `withheld` column listing what a row withholds.
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows, run } from '../duckdb.ts';
import type { DatasetDef } from '../datasets.ts';
import { cellId, columnLevelCondition, keyExpressions, levelCondition, literal, personMeasures } from './cells.ts';
import { overColumns, recomputedSql } from './rounding.ts';

/** The already-withheld table of a dataset in the published warehouse. */
export function publishedTable(dataset: DatasetDef): string {
  return `pub_${dataset.name.replace(/-/g, '_')}`;
}

/** The stored decision: the cells withheld (s) or rounded (r, with their true v and thin: r ≤ k), by id; read by request-time datasets too. */
export const WITHHELD_CELLS = 'privacy_withheld';

/**
 * The rows of `source` with the region columns and, from the stored decision `cells`
 * (cid, s, v, r, thin; index.ts), per person column: its published value (the rounded r where
 * there is one), t_<column> the true value, w_<column> whether it is withheld, rd_<column>
 * whether it was rounded, th_<column> whether its rounded value is at most k; per
 * other-dataset count a derived column rests on (the cell at the row's period and region):
 * w_ref_<n>, rd_ref_<n> and factor_ref_<n> ((r + ½)/(v + ½), 1 when not rounded).
 */
export function flaggedSql(dataset: DatasetDef, source: string, cells: string): string {
  const [k1, k2] = keyExpressions(dataset, 'src');
  const joins: string[] = [];
  const flags: string[] = [];
  const replaced: string[] = [];
  personMeasures(dataset).forEach((m, i) => {
    joins.push(`LEFT JOIN ${cells} w${i} ON w${i}.cid = ${cellId(literal(m.measure), 'src.period', 'src.region_code', k1, k2)}`);
    // at a level the column is not published at, it is withheld whatever its value
    flags.push(`(coalesce(w${i}.s, false) OR NOT ${columnLevelCondition(m, 'src')}) AS w_${m.column}`,
      `w${i}.r IS NOT NULL AS rd_${m.column}`, `coalesce(w${i}.thin, false) AS th_${m.column}`, `src.${m.column} AS t_${m.column}`);
    replaced.push(`coalesce(w${i}.r, src.${m.column}) AS ${m.column}`);
  });
  references(dataset).forEach((ref, i) => {
    joins.push(`LEFT JOIN ${cells} f${i} ON f${i}.cid = ${cellId(literal(ref), 'src.period', 'src.region_code', "''", "''")}`);
    flags.push(`coalesce(f${i}.s, false) AS w_ref_${i}`, `f${i}.r IS NOT NULL AS rd_ref_${i}`, `coalesce((f${i}.r + 0.5) / (f${i}.v + 0.5), 1) AS factor_ref_${i}`);
  });
  return `(
    SELECT src.*${replaced.length ? ` REPLACE (${replaced.join(', ')})` : ''}, r.region_name, r.region_level, r.parent_code, r.sort_key AS region_sort${flags.map((f) => `, ${f}`).join('')}
    FROM ${source} src JOIN dim_region r USING (region_code) ${joins.join(' ')}
    WHERE ${levelCondition(dataset, 'src')})`;
}

/** Other datasets' person counts the dataset's derived columns depend on ("<dataset>.<column>"). */
export function references(dataset: DatasetDef): string[] {
  return [...new Set(dataset.columns.flatMap((c) => (c.dependsOn ?? []).filter((d) => d.includes('.'))))];
}

/** The SQL condition under which a column is withheld: its own flag, or any of what it is computed from. */
export function withheldCondition(dataset: DatasetDef, column: string, seen: string[] = []): string {
  const def = dataset.columns.find((c) => c.name === column);
  if (!def) throw new Error(`${dataset.name}: "${column}" is declared as a dependency but is no column of the dataset`);
  if (def.persons) return `w_${column}`;
  if (seen.includes(column)) throw new Error(`${dataset.name}: circular dependsOn through "${column}"`);
  const refs = references(dataset);
  const parts = (def.dependsOn ?? []).map((d) => (d.includes('.') ? `w_ref_${refs.indexOf(d)}` : `(${withheldCondition(dataset, d, [...seen, column])})`));
  return parts.length ? parts.join(' OR ') : 'false';
}

/** The published rows of a dataset from its flagged rows: withheld values null, ranks over published rows, the withheld column. */
export function withholdSelectSql(dataset: DatasetDef, flagged: string): string {
  // a mean or median over persons is also withheld where its count is rounded to at most k (rounding.ts)
  const over = overColumns(dataset);
  const conditions = dataset.columns.map((c) => ({ column: c, condition: withheldCondition(dataset, c.name) + (over[c.name] ? ` OR th_${over[c.name]}` : '') }));
  const inner = conditions.map(({ column, condition }) => (condition === 'false' ? column.name : `CASE WHEN ${condition} THEN NULL ELSE ${column.name} END AS ${column.name}, (${condition}) AS x_${column.name}`));
  const listed = conditions.filter((c) => c.condition !== 'false').map((c) => `CASE WHEN ${c.condition} THEN ${literal(c.column.name)} END`);
  const outer = conditions.map(({ column, condition }) => {
    if (!column.rankBy) return column.name;
    if (condition === 'false') throw new Error(`${dataset.name}.${column.name}: a rank must declare what it is computed from (dependsOn)`);
    const order = column.rankBy.map((r) => `${r.replace(/^-/, '')} ${r.startsWith('-') ? 'DESC' : 'ASC'} NULLS LAST`).join(', ');
    return `CASE WHEN x_${column.name} THEN NULL ELSE rank() OVER (PARTITION BY period, region_code, x_${column.name} ORDER BY ${order}) END::${column.type === 'integer' ? 'INTEGER' : 'DOUBLE'} AS ${column.name}`;
  });
  return `
    SELECT period, region_code, region_name, region_level, parent_code, region_sort, ${outer.join(', ')}, withheld
    FROM (
      SELECT period, region_code, region_name, region_level, parent_code, region_sort, ${inner.join(', ')},
             ${listed.length ? `concat_ws(';', ${listed.join(', ')})` : "''"} AS withheld
      FROM ${flagged})`;
}

/** The rows of a mart (or request-time source) with no withholding at all (k = 1), in the published layout. */
export function unwithheldSql(dataset: DatasetDef, source: string): string {
  return `(
    SELECT src.*, r.region_name, r.region_level, r.parent_code, r.sort_key AS region_sort, '' AS withheld
    FROM ${source} src JOIN dim_region r USING (region_code) WHERE ${levelCondition(dataset, 'src')})`;
}

/**
 * The published rows of `source` (a mart, or a request-time source whose person counts are the
 * mart's) by the decision stored at build: withheld or rounded person counts, derived columns
 * recomputed from rounded ones or withheld with what they rest on.
 */
export function storedWithholdingSql(dataset: DatasetDef, source: string): string {
  return `(${withholdSelectSql(dataset, recomputedSql(dataset, flaggedSql(dataset, source, WITHHELD_CELLS), references(dataset)))})`;
}

/** Drop a published table or view of an earlier build (the building file starts as a copy of the published one). */
export async function dropPublished(connection: DuckDBConnection, name: string): Promise<void> {
  const [found] = await rows<{ type: string }>(connection, "SELECT table_type AS type FROM information_schema.tables WHERE table_name = $name AND table_schema = 'main'", { name });
  if (found) await run(connection, `DROP ${found.type === 'VIEW' ? 'VIEW' : 'TABLE'} ${name}`);
}
