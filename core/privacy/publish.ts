// The published rows of a dataset from the decision stored at build (core/privacy/index.ts
// has the rule): withheld values null, derived columns withheld with what they rest on,
// ranks over published rows, and the `withheld` column listing what a row withholds.
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows, run } from '../duckdb.ts';
import type { DatasetDef } from '../datasets.ts';
import { cellId, columnLevelCondition, keyExpressions, levelCondition, literal, personMeasures } from './cells.ts';

/** The already-withheld table of a dataset in the published warehouse. */
export function publishedTable(dataset: DatasetDef): string {
  return `pub_${dataset.name.replace(/-/g, '_')}`;
}

/** Suppressed cells of the published warehouse (their ids), for request-time datasets that depend on them. */
export const WITHHELD_CELLS = 'privacy_withheld';

/**
 * The rows of `source` with the region columns and a flag per person column (w_<column>)
 * and per other-dataset dependency (w_ref_<n>, the cell at the row's period and region):
 * whether that cell is withheld, from the cells in `cells` (cid, s).
 */
export function flaggedSql(dataset: DatasetDef, source: string, cells: string): string {
  const [k1, k2] = keyExpressions(dataset, 'src');
  const joins: string[] = [];
  const flags: string[] = [];
  personMeasures(dataset).forEach((m, i) => {
    joins.push(`LEFT JOIN ${cells} w${i} ON w${i}.cid = ${cellId(literal(m.measure), 'src.period', 'src.region_code', k1, k2)} AND w${i}.s`);
    // at a level the column is not published at, it is withheld whatever its value
    flags.push(`(w${i}.cid IS NOT NULL OR NOT ${columnLevelCondition(m, 'src')}) AS w_${m.column}`);
  });
  references(dataset).forEach((ref, i) => {
    joins.push(`LEFT JOIN ${cells} f${i} ON f${i}.cid = ${cellId(literal(ref), 'src.period', 'src.region_code', "''", "''")} AND f${i}.s`);
    flags.push(`(f${i}.cid IS NOT NULL) AS w_ref_${i}`);
  });
  return `(
    SELECT src.*, r.region_name, r.region_level, r.parent_code, r.sort_key AS region_sort${flags.map((f) => `, ${f}`).join('')}
    FROM ${source} src JOIN dim_region r USING (region_code) ${joins.join(' ')}
    WHERE ${levelCondition(dataset, 'src')})`;
}

/** Other datasets' person counts the dataset's derived columns depend on ("<dataset>.<column>"). */
function references(dataset: DatasetDef): string[] {
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
  const conditions = dataset.columns.map((c) => ({ column: c, condition: withheldCondition(dataset, c.name) }));
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

/** A request-time source whose person counts are the mart's: withheld by the stored decision. */
export function storedWithholdingSql(dataset: DatasetDef, source: string): string {
  return `(${withholdSelectSql(dataset, flaggedSql(dataset, source, WITHHELD_CELLS))})`;
}

/** Drop a published table or view of an earlier build (the building file starts as a copy of the published one). */
export async function dropPublished(connection: DuckDBConnection, name: string): Promise<void> {
  const [found] = await rows<{ type: string }>(connection, "SELECT table_type AS type FROM information_schema.tables WHERE table_name = $name AND table_schema = 'main'", { name });
  if (found) await run(connection, `DROP ${found.type === 'VIEW' ? 'VIEW' : 'TABLE'} ${name}`);
}
