// Statistical disclosure control of every published dataset (DESIGN §4, privacy), decided
// once when the warehouse is built (publishWithheld, the last part of the marts step) and
// stored as one already-withheld table per dataset (pub_*), which is all the read side
// reads. Datasets computed at request time (skill-gaps by sector or occupation) are
// withheld by the same SQL, generated here from the same declarations (withheldComputedSql).
//
// The rule (documented on /methodology, core/methodology.ts):
// - primary: a person count c with 0 < c < k is withheld (a median of person counts too);
// - secondary, over every additive structure the datasets publish, each a relation
//   "parent = Σ children" between cells (one cell = one person count of one measure at a
//   period, region and category): regions (a province and its regencies, the country and
//   its provinces), the categories of each seeker-profile dimension against their total
//   (which is labour-market-monthly's count: the same cell), ISCO codes against their
//   prefix; the same count published twice (placements, placed_seekers) is one cell.
//   In every relation either no cell is withheld, or at least two children are and each
//   keeps a range of at least k values once the published cells and the other withheld
//   children's lower bounds are subtracted from the parent (an attacker knows each withheld
//   cell is ≥ 1, zeros being published, and a withheld parent is ≥ its published children + 1
//   per withheld one): leaving out the child with the most slack above its lower bound, the
//   others' slack sums to at least k − 1. This holds even when the parent is itself withheld
//   but narrowed through its other relations. A relation that breaks this gets its smallest
//   non-zero published child withheld (or the parent when no child is left); this repeats
//   until no relation breaks it. It is the "at least two suppressed cells per
//   margin, with sufficient protection" heuristic of tau-ARGUS / sdcTable (SIMPLEHEURISTIC),
//   with protection intervals taken from the bounds an attacker can derive.
// - derived: a column declared with dependsOn (rates, ratios, medians, statuses, ranks,
//   flags) is withheld when anything it is computed from is; ranks are recomputed over the
//   published rows only, so neither a rank nor a sort order reveals a withheld value.
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows, run } from './duckdb.ts';
import { DATASETS, type ColumnDef, type DatasetDef } from './datasets.ts';

/** The already-withheld table of a dataset in the published warehouse. */
export function publishedTable(dataset: DatasetDef): string {
  return `pub_${dataset.name.replace(/-/g, '_')}`;
}

/** Suppressed cells of the published warehouse (their ids), for request-time datasets that depend on them. */
export const WITHHELD_CELLS = 'privacy_withheld';

interface Measure { column: string; measure: string; regionSum: NonNullable<ColumnDef['regionSum']> }

function personMeasures(dataset: DatasetDef): Measure[] {
  return dataset.columns.filter((c) => c.persons).map((c) => ({ column: c.name, measure: c.measure ?? `${dataset.name}.${c.name}`, regionSum: c.regionSum ?? 'regencies' }));
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const inList = (items: string[]) => (items.length ? `measure IN (${items.map(literal).join(', ')})` : 'false');

/** SQL expressions of a row's two cell keys: its first two dimensions ('' when none). */
function keyExpressions(dataset: DatasetDef, alias: string): [string, string] {
  const [a, b] = dataset.dimensions;
  return [a ? `CAST(${alias}.${a} AS VARCHAR)` : "''", b ? `CAST(${alias}.${b} AS VARCHAR)` : "''"];
}

/** A cell's id: the same in every warehouse build and request, so ties are broken alike. */
const cellId = (measure: string, period: string, region: string, key1: string, key2: string) => `hash(${measure}, ${period}, ${region}, ${key1}, ${key2})`;

/** The cells (one per person column) of a dataset's rows in `source`. */
function cellRows(dataset: DatasetDef, source: string): string {
  const [k1, k2] = keyExpressions(dataset, 'x');
  return personMeasures(dataset).map((m) => `
    SELECT ${literal(m.measure)} AS measure, ${literal(m.regionSum)} AS region_sum, x.period, x.region_code, ${k1} AS key1, ${k2} AS key2, x.${m.column}::DOUBLE AS v
    FROM ${source} x WHERE x.${m.column} IS NOT NULL`).join(' UNION ALL ');
}

/** Cells with their id and primary withholding (0 < v < k; nothing when k = 1). Parameter $k. */
function cellTable(rowsSql: string): string {
  return `
    SELECT cid, any_value(measure) AS measure, any_value(region_sum) AS region_sum, any_value(period) AS period, any_value(region_code) AS region_code,
           any_value(key1) AS key1, any_value(key2) AS key2, max(v) AS v, ($k > 1 AND max(v) > 0 AND max(v) < $k) AS s
    FROM (SELECT ${cellId('measure', 'period', 'region_code', 'key1', 'key2')} AS cid, * FROM (${rowsSql})) GROUP BY cid`;
}

/**
 * The relations "parent = Σ children" between the cells of `cells`: (rid, cid, parent).
 * Only relations with their parent and at least one child present are kept.
 */
function membersSql(cells: string): string {
  const parts = DATASETS.filter((d) => d.adds === 'parts').flatMap((d) => personMeasures(d).map((m) => m.measure));
  const prefix = DATASETS.filter((d) => d.adds === 'prefix').flatMap((d) => personMeasures(d).map((m) => m.measure));
  return `
    WITH c AS (
      SELECT c.cid, c.measure, c.region_sum, c.period, c.region_code, c.key1, c.key2, r.parent_code, r.region_level
      FROM ${cells} c JOIN dim_region r USING (region_code)
    ), dims AS (
      SELECT DISTINCT measure, key1 FROM c WHERE ${inList(parts)} AND key1 <> ''
    ), m AS (
      -- a region is the sum of its child regions (same measure, period and keys)
      SELECT hash('region', measure, period, parent_code, key1, key2) AS rid, cid, false AS parent FROM c
      WHERE parent_code IS NOT NULL AND (region_sum = 'regencies' OR (region_sum = 'provinces' AND region_level = 'province'))
      UNION ALL
      SELECT hash('region', measure, period, region_code, key1, key2), cid, true FROM c
      WHERE (region_sum = 'regencies' AND region_level <> 'regency') OR (region_sum = 'provinces' AND region_level = 'national')
      UNION ALL
      -- the categories of a dimension (key1) add up to the measure's total (the cell without keys)
      SELECT hash('parts', measure, period, region_code, key1), cid, false FROM c WHERE ${inList(parts)} AND key1 <> ''
      UNION ALL
      SELECT hash('parts', c.measure, c.period, c.region_code, d.key1), c.cid, true FROM c JOIN dims d USING (measure) WHERE c.key1 = ''
      UNION ALL
      -- a code is the sum of its one-digit-longer codes
      SELECT hash('prefix', measure, period, region_code, left(key1, length(key1) - 1)), cid, false FROM c WHERE ${inList(prefix)} AND length(key1) >= 2
      UNION ALL
      SELECT hash('prefix', measure, period, region_code, key1), cid, true FROM c WHERE ${inList(prefix)}
    )
    SELECT rid, cid, parent FROM m
    WHERE rid IN (SELECT rid FROM m GROUP BY rid HAVING count(*) FILTER (WHERE parent) = 1 AND count(*) FILTER (WHERE NOT parent) >= 1)`;
}

/**
 * One pass of secondary withholding: the cells to withhold next. An attacker knows a lower
 * bound of every withheld cell: 1, or for the parent of a relation its published children
 * plus 1 per withheld one; its slack is its value less that bound. A relation holds when none
 * of its cells is withheld, or when at least two children are and, leaving out the one with
 * the most slack, the others' slack is still at least k − 1: subtracting the published cells
 * and the others' lower bounds from the parent then leaves every withheld child a range of at
 * least k values, even when the parent itself is withheld but narrowed elsewhere. A relation
 * that does not hold gets its smallest non-zero published child (ties: the cell id), or its
 * parent when no child is left. Parameter $k.
 */
function pickSql(cells: string, members: string, changed?: string): string {
  // With `changed` (the cells withheld in the last pass), only the relations whose state can
  // have changed: those holding a changed cell, or the parent of a relation holding one (its
  // lower bound moved). The others were settled, or had nothing left to withhold.
  const only = (alias: string) => (changed ? `WHERE ${alias}.rid IN (SELECT rid FROM dirty)` : '');
  return `
    WITH ${changed ? `changed_rel AS (
      SELECT DISTINCT rid FROM ${members} WHERE cid IN (SELECT cid FROM ${changed})
    ), touched AS (
      SELECT cid FROM ${changed} UNION SELECT m.cid FROM ${members} m SEMI JOIN changed_rel USING (rid) WHERE m.parent
    ), dirty AS (
      SELECT DISTINCT rid FROM ${members} WHERE cid IN (SELECT cid FROM touched)
    ), ` : ''}everything AS (
      SELECT m.rid, m.cid, m.parent, c.v, c.s FROM ${members} m JOIN ${cells} c USING (cid) ${only('m')}
    ), bound AS (
      SELECT p.cid, max(x.lo) AS lo FROM (
        SELECT m.rid, sum(CASE WHEN c.s THEN 1 ELSE c.v END) FILTER (WHERE NOT m.parent AND c.v > 0) AS lo
        FROM ${members} m JOIN ${cells} c USING (cid)
        ${changed ? `WHERE m.rid IN (SELECT rid FROM ${members} WHERE parent AND cid IN (SELECT cid FROM everything))` : ''}
        GROUP BY m.rid
      ) x JOIN ${members} p ON p.rid = x.rid AND p.parent GROUP BY p.cid
    ), m AS (
      SELECT e.*, CASE WHEN e.s THEN e.v - coalesce(b.lo, 1) END AS slack FROM everything e LEFT JOIN bound b USING (cid)
    ), broken AS (
      SELECT rid FROM m GROUP BY rid
      HAVING bool_or(s) AND NOT (count(*) FILTER (WHERE s AND NOT parent) >= 2
             AND sum(slack) FILTER (WHERE s AND NOT parent) - max(slack) FILTER (WHERE s AND NOT parent) >= $k - 1)
    )
    SELECT DISTINCT arg_min(cid, (parent, v, cid)) AS cid FROM m SEMI JOIN broken USING (rid) WHERE NOT s AND v > 0 GROUP BY rid`;
}

/**
 * The rows of `source` with the region columns and a flag per person column (w_<column>)
 * and per other-dataset dependency (w_ref_<n>): whether that cell is withheld, from the
 * cells in `cells` (cid, s). In a request-time source, the id of each other-dataset cell is a
 * column <dependency with _ for punctuation>_cell; otherwise the cell at the row's period
 * and region.
 */
function flaggedSql(dataset: DatasetDef, source: string, cells: string, refCells: string, computed: boolean): string {
  const [k1, k2] = keyExpressions(dataset, 'src');
  const joins: string[] = [];
  const flags: string[] = [];
  personMeasures(dataset).forEach((m, i) => {
    joins.push(`LEFT JOIN ${cells} w${i} ON w${i}.cid = ${cellId(literal(m.measure), 'src.period', 'src.region_code', k1, k2)} AND w${i}.s`);
    flags.push(`w${i}.cid IS NOT NULL AS w_${m.column}`);
  });
  references(dataset).forEach((ref, i) => {
    const id = computed ? `src.${ref.replace(/[^a-z0-9]+/gi, '_')}_cell` : cellId(literal(ref), 'src.period', 'src.region_code', "''", "''");
    joins.push(`LEFT JOIN ${refCells} f${i} ON f${i}.cid = ${id} AND f${i}.s`);
    flags.push(`f${i}.cid IS NOT NULL AS w_ref_${i}`);
  });
  return `(
    SELECT src.*, r.region_name, r.region_level, r.parent_code, r.sort_key AS region_sort${flags.map((f) => `, ${f}`).join('')}
    FROM ${source} src JOIN dim_region r USING (region_code) ${joins.join(' ')})`;
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
function withholdSelectSql(dataset: DatasetDef, flagged: string): string {
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
    FROM ${source} src JOIN dim_region r USING (region_code))`;
}

/** Passes of secondary withholding unrolled in a request-time query: a region tree of one measure settles in a few. */
const REQUEST_PASSES = 10;

/**
 * A request-time source withheld like the published tables (parameter $k): primary and
 * secondary withholding over the regions, by the same passes, and derived columns; other
 * datasets' cells it depends on are read from the published warehouse's withheld cells.
 */
export function withheldComputedSql(dataset: DatasetDef, source: string): string {
  const ctes = [
    `pv_src AS MATERIALIZED (SELECT * FROM ${source})`,
    `pv_c0 AS MATERIALIZED (${cellTable(cellRows(dataset, 'pv_src'))})`,
    `pv_m AS MATERIALIZED (${membersSql('pv_c0')})`,
  ];
  for (let i = 1; i <= REQUEST_PASSES; i++) {
    ctes.push(`pv_c${i} AS MATERIALIZED (SELECT * REPLACE (s OR cid IN (${pickSql(`pv_c${i - 1}`, 'pv_m')}) AS s) FROM pv_c${i - 1})`);
  }
  return `(WITH ${ctes.join(',\n')}
    ${withholdSelectSql(dataset, flaggedSql(dataset, 'pv_src', `pv_c${REQUEST_PASSES}`, WITHHELD_CELLS, true))})`;
}

export interface PublishResult { cells: number; relations: number; primary: number; withheld: number; passes: number }

/**
 * Decide withholding for the whole warehouse and write the published tables (pub_*), one
 * per dataset, and the withheld cells (privacy_withheld). Runs inside the run that builds the
 * warehouse, before it is published, so readers see the new marts and their withholding together.
 */
export async function publishWithheld(connection: DuckDBConnection, k: number, onStep: (name: string, seconds: number) => void = () => {}): Promise<PublishResult> {
  let mark = performance.now();
  const lap = (name: string) => { const now = performance.now(); onStep(name, (now - mark) / 1000); mark = now; };
  const withPersons = DATASETS.filter((d) => d.columns.some((c) => c.persons));
  await run(connection, `CREATE OR REPLACE TEMP TABLE pv_cell AS ${cellTable(withPersons.map((d) => cellRows(d, d.table)).join(' UNION ALL '))}`, { k });
  await run(connection, `CREATE OR REPLACE TEMP TABLE pv_member AS ${membersSql('pv_cell')}`);
  await run(connection, 'CREATE OR REPLACE TEMP TABLE pv_changed AS SELECT cid FROM pv_cell WHERE s');
  lap('cells and relations');
  const [counts] = await rows<{ cells: number; primary: number; relations: number }>(connection,
    'SELECT (SELECT count(*) FROM pv_cell) AS cells, (SELECT count(*) FROM pv_changed) AS primary, (SELECT count(DISTINCT rid) FROM pv_member) AS relations');
  let passes = 0;
  for (;;) {
    await run(connection, `CREATE OR REPLACE TEMP TABLE pv_pick AS ${pickSql('pv_cell', 'pv_member', 'pv_changed')}`, { k });
    const [{ n }] = await rows<{ n: number }>(connection, 'SELECT count(*) AS n FROM pv_pick');
    if (n === 0) break;
    passes++;
    await run(connection, 'UPDATE pv_cell SET s = true WHERE cid IN (SELECT cid FROM pv_pick)');
    await run(connection, 'CREATE OR REPLACE TEMP TABLE pv_changed AS SELECT cid FROM pv_pick');
  }
  lap(`secondary withholding (${passes} passes)`);
  await run(connection, `CREATE OR REPLACE TABLE ${WITHHELD_CELLS} AS SELECT cid, s FROM pv_cell WHERE s`);
  for (const dataset of DATASETS) {
    const name = publishedTable(dataset);
    const select = withholdSelectSql(dataset, flaggedSql(dataset, dataset.table, WITHHELD_CELLS, WITHHELD_CELLS, false));
    await dropPublished(connection, name);
    // A dataset that counts no persons (skill-trends) has nothing to withhold: a view of its mart.
    if (withPersons.includes(dataset)) await run(connection, `CREATE TABLE ${name} AS ${select} ORDER BY period, region_sort`);
    else await run(connection, `CREATE VIEW ${name} AS ${select}`);
    lap(name);
  }
  const [{ withheld }] = await rows<{ withheld: number }>(connection, `SELECT count(*) AS withheld FROM ${WITHHELD_CELLS}`);
  for (const table of ['pv_cell', 'pv_member', 'pv_changed', 'pv_pick']) await run(connection, `DROP TABLE IF EXISTS ${table}`);
  return { ...counts, withheld, passes };
}

/** Drop a published table or view of an earlier build (the building file starts as a copy of the published one). */
async function dropPublished(connection: DuckDBConnection, name: string): Promise<void> {
  const [found] = await rows<{ type: string }>(connection, "SELECT table_type AS type FROM information_schema.tables WHERE table_name = $name AND table_schema = 'main'", { name });
  if (found) await run(connection, `DROP ${found.type === 'VIEW' ? 'VIEW' : 'TABLE'} ${name}`);
}
