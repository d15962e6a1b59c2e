// Statistical disclosure control of every published dataset (DESIGN §4, privacy), decided
// once when the warehouse is built (publishWithheld, the last part of the marts step) and
// stored as one already-withheld table per dataset (pub_*), which is all the read side
// reads. Datasets computed at request time read the stored decision when their person counts
// are the mart's (labour-market, occupation-demand and skill-gaps by employment type or
// sector: seekers have neither), and are otherwise withheld by the same SQL in the query
// (skill-gaps by occupation: withheldComputedSql).
//
// The rule (documented on /methodology, core/methodology.ts):
// - primary: a person count c with 0 < c < k is withheld (a median of person counts too);
// - secondary, over every additive structure the datasets publish, each a relation
//   "parent = Σ children" between cells (one cell = one person count of one measure at a
//   period, region and category): regions (a province and its regencies, the country and
//   its provinces), the categories of each seeker-profile dimension against their total
//   (which is labour-market-monthly's count: the same cell), ISCO codes against their
//   prefix; the same count published twice (placements, placed_seekers) is one cell.
//   In every relation either no cell is withheld, or at least two children are and their
//   slack (each one's value less the lower bound an attacker derives for it: 1, zeros being
//   published, or for a cell with children its published children plus its withheld
//   children's own lower bounds, level by level) adds up to at least k − 1 when one of them is
//   a count below k, at least 1 otherwise: subtracting the published cells from the parent
//   then leaves each withheld count below k at least k possible values, and none exact.
// - the complement of a relation that breaks this is chosen by cost (the count it hides, as
//   tau-ARGUS weighs cells by their value): the cheapest single published child that mends
//   the relation, or the smallest children taken in order of size until it holds, whichever
//   hides fewer persons; failing that, children that will mend it once their own children
//   are withheld (prefer several small cells to one large total); the parent only when no
//   choice of children can. This repeats until nothing changes (a fixpoint), in SQL.
// - seeker-profile, and occupation-demand's seekers preferring an occupation, are published
//   for the country and the provinces only: regency × category (× ISCO code) cells are mostly
//   below k (a statistics office would not publish them); protecting them withheld the
//   provinces' categories and then their totals, and their 2-D blocks of tiny cells let
//   interval propagation pin some of them.
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

interface Measure { column: string; measure: string; regionSum: NonNullable<ColumnDef['regionSum']>; levels?: ColumnDef['levels'] }

function personMeasures(dataset: DatasetDef): Measure[] {
  return dataset.columns.filter((c) => c.persons).map((c) => ({ column: c.name, measure: c.measure ?? `${dataset.name}.${c.name}`, regionSum: c.regionSum ?? 'regencies', levels: c.levels }));
}

/** Levels a person column is published at, as a condition on alias.region_code ('true' when all). */
function columnLevelCondition(measure: Measure, alias: string): string {
  if (!measure.levels) return 'true';
  return `${alias}.region_code IN (SELECT region_code FROM dim_region WHERE region_level IN (${measure.levels.map(literal).join(', ')}))`;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const inList = (items: string[]) => (items.length ? `measure IN (${items.map(literal).join(', ')})` : 'false');

/** The condition keeping only the region levels a dataset publishes (alias.region_code). */
function levelCondition(dataset: DatasetDef, alias: string): string {
  if (!dataset.levels) return 'true';
  return `${alias}.region_code IN (SELECT region_code FROM dim_region WHERE region_level IN (${dataset.levels.map(literal).join(', ')}))`;
}

/** SQL expressions of a row's two cell keys: its first two dimensions ('' when none). */
function keyExpressions(dataset: DatasetDef, alias: string): [string, string] {
  const [a, b] = dataset.dimensions;
  return [a ? `CAST(${alias}.${a} AS VARCHAR)` : "''", b ? `CAST(${alias}.${b} AS VARCHAR)` : "''"];
}

/** A cell's id: the same in every warehouse build and request, so ties are broken alike. */
const cellId = (measure: string, period: string, region: string, key1: string, key2: string) => `hash(${measure}, ${period}, ${region}, ${key1}, ${key2})`;

/** The cells (one per person column) of a dataset's rows in `source`; `scope` names request-time cells apart. */
function cellRows(dataset: DatasetDef, source: string, scope = ''): string {
  const [k1, k2] = keyExpressions(dataset, 'x');
  return personMeasures(dataset).map((m) => `
    SELECT ${literal(m.measure + scope)} AS measure, ${literal(m.regionSum)} AS region_sum, x.period, x.region_code, ${k1} AS key1, ${k2} AS key2, x.${m.column}::DOUBLE AS v
    FROM ${source} x WHERE x.${m.column} IS NOT NULL AND ${levelCondition(dataset, 'x')} AND ${columnLevelCondition(m, 'x')}`).join(' UNION ALL ');
}

/** Cells with their id and primary withholding (0 < v < k; nothing when k = 1). Parameter $k. */
function cellTable(rowsSql: string): string {
  return `
    SELECT cid, any_value(measure) AS measure, any_value(region_sum) AS region_sum, any_value(period) AS period, any_value(region_code) AS region_code,
           any_value(key1) AS key1, any_value(key2) AS key2, max(v) AS v, ($k > 1 AND max(v) > 0 AND max(v) < $k) AS s, 1::DOUBLE AS lo
    FROM (SELECT ${cellId('measure', 'period', 'region_code', 'key1', 'key2')} AS cid, * FROM (${rowsSql})) GROUP BY cid`;
}

/**
 * The relations "parent = Σ children" between the cells of `cells`: (rid, cid, parent).
 * Only relations with their parent and at least one child present are kept.
 */
function membersSql(cells: string, scope = ''): string {
  const measures = (adds: DatasetDef['adds']) => DATASETS.filter((d) => d.adds === adds).flatMap((d) => personMeasures(d).map((m) => m.measure + scope));
  const parts = measures('parts');
  const prefix = measures('prefix');
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
 * The cells of `cells` with their lower bound as an attacker derives it one level further:
 * 1 for a cell without children (zeros are published), else the most, over the relations it
 * is the parent of, of its published children plus its withheld children's own lower bounds.
 * Applied until nothing changes, this is what interval propagation gives from below.
 */
function lowerBoundSql(cells: string, members: string): string {
  return `
    SELECT c.* REPLACE (greatest(1, coalesce(x.lo, 1))::DOUBLE AS lo) FROM ${cells} c LEFT JOIN (
      SELECT p.cid, max(sub.lo) AS lo FROM (
        SELECT m.rid, sum(CASE WHEN c.s THEN c.lo ELSE c.v END) FILTER (WHERE c.v > 0) AS lo
        FROM ${members} m JOIN ${cells} c USING (cid) WHERE NOT m.parent GROUP BY m.rid
      ) sub JOIN ${members} p ON p.rid = sub.rid AND p.parent GROUP BY p.cid
    ) x USING (cid)`;
}

/** Levels of lower bounds recomputed per pass: the deepest chain of relations (ISCO digits over regions). */
const BOUND_LEVELS = 8;

/**
 * One pass of secondary withholding: the cells to withhold next. An attacker knows a lower
 * bound of every withheld cell (lo, lowerBoundSql); its slack is its value less that bound. A
 * relation holds when none of its cells is withheld, or when at least two children are and
 * their slack adds up to k − 1 (1 when none is below k). For a relation that does not
 * hold, the complement hiding the fewest persons: the cheapest single child that mends it,
 * or the smallest children in order of size until it holds (all of them, or only those with
 * slack); failing that, children that will mend it once their own children are withheld
 * (their relations do that in the next passes; meanwhile a relation resting on such a child
 * waits); the parent only when no children can, and when the parent is withheld already,
 * every child left. Parameter $k.
 */
function pickSql(cells: string, members: string, changed?: string): string {
  // With `changed` (the cells withheld or whose lower bound moved in the last pass), only the
  // relations whose state can have changed: those holding a changed cell, or the parent of a
  // relation holding one. The others were settled, or had nothing left to withhold.
  const only = (alias: string) => (changed ? `WHERE ${alias}.rid IN (SELECT rid FROM dirty)` : '');
  return `
    WITH ${changed ? `changed_rel AS (
      SELECT DISTINCT rid FROM ${members} WHERE cid IN (SELECT cid FROM ${changed})
    ), touched AS (
      SELECT cid FROM ${changed} UNION SELECT m.cid FROM ${members} m SEMI JOIN changed_rel USING (rid) WHERE m.parent
    ), dirty AS (
      SELECT DISTINCT rid FROM ${members} WHERE cid IN (SELECT cid FROM touched)
    ), ` : ''}everything AS (
      SELECT m.rid, m.cid, m.parent, c.v, c.s, c.lo FROM ${members} m JOIN ${cells} c USING (cid) ${only('m')}
    ), m AS (
      -- slack: what the cell keeps above the attacker's lower bound once withheld
      SELECT e.*, greatest(e.v - e.lo, 0) AS slack FROM everything e
    ), state AS (
      -- at least two withheld children (one alone is the parent less the published ones), and
      -- their slack is the range an attacker is left with: at least k − 1 (k possible values)
      -- when a count below k is among them, at least 1 (not exact) otherwise
      SELECT rid, count(*) FILTER (WHERE s AND NOT parent) AS nw, coalesce(sum(slack) FILTER (WHERE s AND NOT parent), 0) AS ssum,
             bool_or(s AND parent) AS ps,
             CASE WHEN bool_or(s AND NOT parent AND v < $k) THEN $k - 1 ELSE 1 END AS need
      FROM m GROUP BY rid
      HAVING bool_or(s) AND (count(*) FILTER (WHERE s AND NOT parent) < 2
             OR coalesce(sum(slack) FILTER (WHERE s AND NOT parent), 0) < CASE WHEN bool_or(s AND NOT parent AND v < $k) THEN $k - 1 ELSE 1 END)
    ), cand AS (
      -- published non-zero children of broken relations, smallest first, with running sums:
      -- over all of them (ja) and over those with slack only (jb); pot: the slack the cell
      -- would have once its own children are withheld enough (v − 1)
      SELECT m.rid, m.cid, m.v, m.slack, m.v - 1 AS pot, st.nw, st.ssum, st.need,
             row_number() OVER wa AS ja, sum(m.v) OVER wa AS va, sum(m.slack) OVER wa AS sa, sum(m.v - 1) OVER wa AS spa,
             CASE WHEN m.slack > 0 THEN row_number() OVER wb END AS jb, sum(m.v) OVER wb AS vb, sum(m.slack) OVER wb AS sb
      FROM m JOIN state st USING (rid)
      WHERE NOT m.parent AND NOT m.s AND m.v > 0
      WINDOW wa AS (PARTITION BY m.rid ORDER BY m.v, m.cid), wb AS (PARTITION BY m.rid, m.slack > 0 ORDER BY m.v, m.cid)
    ), mends AS (
      -- whether withholding the cell (or the cells up to it) mends the relation
      SELECT *, nw + 1 >= 2 AND ssum + slack >= need AS single, nw + ja >= 2 AND ssum + sa >= need AS prefix_a,
             jb IS NOT NULL AND nw + jb >= 2 AND ssum + sb >= need AS prefix_b,
             nw + 1 >= 2 AND ssum + pot >= need AS single_p, nw + ja >= 2 AND ssum + spa >= need AS prefix_p
      FROM cand
    ), options AS (
      SELECT rid, min(v) FILTER (WHERE single) AS single_cost, arg_min(cid, (v, cid)) FILTER (WHERE single) AS single_cid,
             min(va) FILTER (WHERE prefix_a) AS a_cost, min(ja) FILTER (WHERE prefix_a) AS a_upto,
             min(vb) FILTER (WHERE prefix_b) AS b_cost, min(jb) FILTER (WHERE prefix_b) AS b_upto,
             min(v) FILTER (WHERE single_p) AS sp_cost, arg_min(cid, (v, cid)) FILTER (WHERE single_p) AS sp_cid,
             min(va) FILTER (WHERE prefix_p) AS p_cost, min(ja) FILTER (WHERE prefix_p) AS p_upto
      FROM mends GROUP BY rid
    ), choice AS (
      -- children that mend the relation now, the cheapest; else children that will once their
      -- own children are withheld (their relations see to it); the parent only when none can
      SELECT s.rid, s.ps, o.single_cid, o.a_upto, o.b_upto, o.sp_cid, o.p_upto,
             CASE WHEN coalesce(o.single_cost, o.a_cost, o.b_cost) IS NOT NULL THEN
                    CASE WHEN o.single_cost IS NOT NULL AND o.single_cost <= least(coalesce(o.a_cost, o.single_cost), coalesce(o.b_cost, o.single_cost)) THEN 'single'
                         WHEN o.a_cost IS NOT NULL AND o.a_cost <= coalesce(o.b_cost, o.a_cost) THEN 'prefix_a'
                         ELSE 'prefix_b' END
                  WHEN coalesce(o.sp_cost, o.p_cost) IS NOT NULL THEN
                    CASE WHEN o.sp_cost IS NOT NULL AND o.sp_cost <= coalesce(o.p_cost, o.sp_cost) THEN 'single_p' ELSE 'prefix_p' END
                  ELSE 'parent' END AS how
      FROM state s LEFT JOIN options o USING (rid)
    ), picks AS (
      SELECT rid, single_cid AS cid, how FROM choice WHERE how = 'single'
      UNION ALL SELECT rid, sp_cid, how FROM choice WHERE how = 'single_p'
      UNION ALL SELECT c.rid, c.cid, h.how FROM cand c JOIN choice h USING (rid) WHERE h.how = 'prefix_a' AND c.ja <= h.a_upto
      UNION ALL SELECT c.rid, c.cid, h.how FROM cand c JOIN choice h USING (rid) WHERE h.how = 'prefix_b' AND c.jb <= h.b_upto
      UNION ALL SELECT c.rid, c.cid, h.how FROM cand c JOIN choice h USING (rid) WHERE h.how = 'prefix_p' AND c.ja <= h.p_upto
      -- the parent; when it is withheld already, every child left (so none equals it exactly)
      UNION ALL SELECT m.rid, m.cid, h.how FROM m JOIN choice h USING (rid) WHERE h.how = 'parent' AND (m.parent OR h.ps) AND NOT m.s AND m.v > 0
    ), pending AS (
      -- parents of relations withholding more in this pass: their slack is still growing
      SELECT DISTINCT m.cid FROM m SEMI JOIN picks USING (rid) WHERE m.parent
    ), deferred AS (
      -- relations resting on a withheld child that is still pending wait for the next pass
      SELECT DISTINCT m.rid FROM m SEMI JOIN state USING (rid) WHERE m.s AND NOT m.parent AND m.cid IN (SELECT cid FROM pending)
    )
    SELECT cid, rid, how FROM picks WHERE rid NOT IN (SELECT rid FROM deferred)`;
}

/**
 * The rows of `source` with the region columns and a flag per person column (w_<column>)
 * and per other-dataset dependency (w_ref_<n>): whether that cell is withheld, from the
 * cells in `cells` (cid, s). In a request-time source computed afresh, the id of each
 * other-dataset cell is a column <dependency with _ for punctuation>_cell (and whether that
 * cell is published at the row's level, <…>_published); otherwise the cell at the row's
 * period and region.
 */
function flaggedSql(dataset: DatasetDef, source: string, cells: string, refCells: string, options: { scope?: string; refColumns?: boolean } = {}): string {
  const [k1, k2] = keyExpressions(dataset, 'src');
  const joins: string[] = [];
  const flags: string[] = [];
  personMeasures(dataset).forEach((m, i) => {
    joins.push(`LEFT JOIN ${cells} w${i} ON w${i}.cid = ${cellId(literal(m.measure + (options.scope ?? '')), 'src.period', 'src.region_code', k1, k2)} AND w${i}.s`);
    // at a level the column is not published at, it is withheld whatever its value
    flags.push(`(w${i}.cid IS NOT NULL OR NOT ${columnLevelCondition(m, 'src')}) AS w_${m.column}`);
  });
  references(dataset).forEach((ref, i) => {
    const column = ref.replace(/[^a-z0-9]+/gi, '_');
    const id = options.refColumns ? `src.${column}_cell` : cellId(literal(ref), 'src.period', 'src.region_code', "''", "''");
    joins.push(`LEFT JOIN ${refCells} f${i} ON f${i}.cid = ${id} AND f${i}.s`);
    // a request-time source also says whether that cell is published at the row's level at all (<ref>_published)
    flags.push(`(f${i}.cid IS NOT NULL${options.refColumns ? ` OR NOT src.${column}_published` : ''}) AS w_ref_${i}`);
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
    FROM ${source} src JOIN dim_region r USING (region_code) WHERE ${levelCondition(dataset, 'src')})`;
}

/** A request-time source whose person counts are the mart's: withheld by the stored decision. */
export function storedWithholdingSql(dataset: DatasetDef, source: string): string {
  return `(${withholdSelectSql(dataset, flaggedSql(dataset, source, WITHHELD_CELLS, WITHHELD_CELLS))})`;
}

/** Passes of secondary withholding unrolled in a request-time query: a region tree of one measure settles in a few. */
const REQUEST_PASSES = 10;

/**
 * A request-time source whose person counts are new cells (skill-gaps by occupation),
 * withheld like the published tables (parameter $k): primary and secondary withholding over
 * the regions, by the same passes, and derived columns; other datasets' cells it depends on
 * are read from the published warehouse's withheld cells.
 */
export function withheldComputedSql(dataset: DatasetDef, source: string): string {
  const scope = '@request';
  const ctes = [
    `pv_src AS MATERIALIZED (SELECT * FROM ${source})`,
    `pv_c0 AS MATERIALIZED (${cellTable(cellRows(dataset, 'pv_src', scope))})`,
    `pv_m AS MATERIALIZED (${membersSql('pv_c0', scope)})`,
  ];
  for (let i = 1; i <= REQUEST_PASSES; i++) {
    // a region tree: lower bounds two levels deep (regencies → province → country)
    ctes.push(`pv_b${i}a AS MATERIALIZED (${lowerBoundSql(`pv_c${i - 1}`, 'pv_m')})`, `pv_b${i} AS MATERIALIZED (${lowerBoundSql(`pv_b${i}a`, 'pv_m')})`);
    ctes.push(`pv_c${i} AS MATERIALIZED (SELECT * REPLACE (s OR cid IN (SELECT cid FROM (${pickSql(`pv_b${i}`, 'pv_m')})) AS s) FROM pv_b${i})`);
  }
  return `(WITH ${ctes.join(',\n')}
    ${withholdSelectSql(dataset, flaggedSql(dataset, 'pv_src', `pv_c${REQUEST_PASSES}`, WITHHELD_CELLS, { scope, refColumns: true }))})`;
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
  lap('privacy: cells and relations');
  const [counts] = await rows<{ cells: number; primary: number; relations: number }>(connection,
    'SELECT (SELECT count(*) FROM pv_cell) AS cells, (SELECT count(*) FROM pv_changed) AS primary, (SELECT count(DISTINCT rid) FROM pv_member) AS relations');
  let passes = 0;
  for (; k > 1;) {
    await updateLowerBounds(connection, passes === 0);
    await run(connection, `CREATE OR REPLACE TEMP TABLE pv_pick AS ${pickSql('pv_cell', 'pv_member', 'pv_changed')}`, { k });
    const [{ n }] = await rows<{ n: number }>(connection, 'SELECT count(*) AS n FROM pv_pick');
    if (n === 0) break;
    passes++;
    await run(connection, 'UPDATE pv_cell SET s = true WHERE cid IN (SELECT cid FROM pv_pick)');
    await run(connection, 'CREATE OR REPLACE TEMP TABLE pv_changed AS SELECT DISTINCT cid FROM pv_pick');
  }
  lap(`privacy: secondary withholding (${passes} passes)`);
  await run(connection, `CREATE OR REPLACE TABLE ${WITHHELD_CELLS} AS SELECT cid, s FROM pv_cell WHERE s`);
  for (const dataset of DATASETS) {
    const name = publishedTable(dataset);
    const select = withholdSelectSql(dataset, flaggedSql(dataset, dataset.table, WITHHELD_CELLS, WITHHELD_CELLS));
    await dropPublished(connection, name);
    // A dataset that counts no persons (skill-trends, sources) has nothing to withhold: a view of its mart.
    if (withPersons.includes(dataset)) await run(connection, `CREATE TABLE ${name} AS ${select} ORDER BY period, region_sort`);
    else await run(connection, `CREATE VIEW ${name} AS ${select}`);
  }
  lap('privacy: published tables');
  const [{ withheld }] = await rows<{ withheld: number }>(connection, `SELECT count(*) AS withheld FROM ${WITHHELD_CELLS}`);
  for (const table of ['pv_cell', 'pv_member', 'pv_changed', 'pv_pick', 'pv_bound', 'pv_moved', 'pv_frontier']) await run(connection, `DROP TABLE IF EXISTS ${table}`);
  return { ...counts, withheld, passes };
}

/**
 * Recompute the lower bounds of pv_cell until they settle (at most BOUND_LEVELS levels); the
 * cells whose bound moved join pv_changed, so the relations they are in are looked at again.
 * The first time over every cell; then only the parents of relations holding a cell that
 * changed (withheld, or its bound moved), level by level up: the same bounds, far less work.
 */
async function updateLowerBounds(connection: DuckDBConnection, first: boolean): Promise<void> {
  if (first) {
    for (let level = 0; level < BOUND_LEVELS; level++) {
      await run(connection, `CREATE OR REPLACE TEMP TABLE pv_bound AS ${lowerBoundSql('pv_cell', 'pv_member')}`);
      await run(connection, 'CREATE OR REPLACE TEMP TABLE pv_moved AS SELECT b.cid FROM pv_bound b JOIN pv_cell c USING (cid) WHERE b.lo <> c.lo');
      const [{ n }] = await rows<{ n: number }>(connection, 'SELECT count(*) AS n FROM pv_moved');
      if (n === 0) break;
      await run(connection, 'CREATE OR REPLACE TEMP TABLE pv_cell AS SELECT * FROM pv_bound');
      await run(connection, 'INSERT INTO pv_changed SELECT cid FROM pv_moved');
    }
    return;
  }
  await run(connection, 'CREATE OR REPLACE TEMP TABLE pv_frontier AS SELECT DISTINCT cid FROM pv_changed');
  for (let level = 0; level < BOUND_LEVELS; level++) {
    await run(connection, `CREATE OR REPLACE TEMP TABLE pv_moved AS
      WITH affected AS (
        SELECT DISTINCT p.cid FROM pv_member f JOIN pv_member p ON p.rid = f.rid AND p.parent
        WHERE NOT f.parent AND f.cid IN (SELECT cid FROM pv_frontier)
      ), rels AS (
        SELECT rid FROM pv_member WHERE parent AND cid IN (SELECT cid FROM affected)
      ), sub AS (
        SELECT m.rid, sum(CASE WHEN c.s THEN c.lo ELSE c.v END) FILTER (WHERE c.v > 0) AS lo
        FROM pv_member m JOIN pv_cell c USING (cid) WHERE NOT m.parent AND m.rid IN (SELECT rid FROM rels) GROUP BY m.rid
      ), fresh AS (
        SELECT p.cid, greatest(1, coalesce(max(sub.lo), 1))::DOUBLE AS lo FROM sub JOIN pv_member p ON p.rid = sub.rid AND p.parent GROUP BY p.cid
      )
      SELECT f.cid, f.lo FROM fresh f JOIN pv_cell c USING (cid) WHERE f.lo <> c.lo`);
    const [{ n }] = await rows<{ n: number }>(connection, 'SELECT count(*) AS n FROM pv_moved');
    if (n === 0) break;
    await run(connection, 'UPDATE pv_cell SET lo = m.lo FROM pv_moved m WHERE pv_cell.cid = m.cid');
    await run(connection, 'INSERT INTO pv_changed SELECT cid FROM pv_moved');
    await run(connection, 'CREATE OR REPLACE TEMP TABLE pv_frontier AS SELECT cid FROM pv_moved');
  }
}

/** Drop a published table or view of an earlier build (the building file starts as a copy of the published one). */
async function dropPublished(connection: DuckDBConnection, name: string): Promise<void> {
  const [found] = await rows<{ type: string }>(connection, "SELECT table_type AS type FROM information_schema.tables WHERE table_name = $name AND table_schema = 'main'", { name });
  if (found) await run(connection, `DROP ${found.type === 'VIEW' ? 'VIEW' : 'TABLE'} ${name}`);
}
