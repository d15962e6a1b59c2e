// Cells and relations of statistical disclosure control (core/privacy/index.ts has the rule):
// one cell is one person count of one measure at a period, region and keys; a relation is
// "parent = Σ children" between cells, over every additive structure the datasets publish.
import { DATASETS, type ColumnDef, type DatasetDef } from '../datasets.ts';

export interface Measure { column: string; measure: string; regionSum: NonNullable<ColumnDef['regionSum']>; levels?: ColumnDef['levels'] }

export function personMeasures(dataset: DatasetDef): Measure[] {
  return dataset.columns.filter((c) => c.persons).map((c) => ({ column: c.name, measure: c.measure ?? `${dataset.name}.${c.name}`, regionSum: c.regionSum ?? 'regencies', levels: c.levels }));
}

/** Levels a person column is published at, as a condition on alias.region_code ('true' when all). */
export function columnLevelCondition(measure: Measure, alias: string): string {
  if (!measure.levels) return 'true';
  return `${alias}.region_code IN (SELECT region_code FROM dim_region WHERE region_level IN (${measure.levels.map(literal).join(', ')}))`;
}

export const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const inList = (items: string[]) => (items.length ? `measure IN (${items.map(literal).join(', ')})` : 'false');

/** The condition keeping only the region levels a dataset publishes (alias.region_code). */
export function levelCondition(dataset: DatasetDef, alias: string): string {
  if (!dataset.levels) return 'true';
  return `${alias}.region_code IN (SELECT region_code FROM dim_region WHERE region_level IN (${dataset.levels.map(literal).join(', ')}))`;
}

/** SQL expressions of a row's two cell keys: its first two dimensions ('' when none). */
export function keyExpressions(dataset: DatasetDef, alias: string): [string, string] {
  const [a, b] = dataset.dimensions;
  return [a ? `CAST(${alias}.${a} AS VARCHAR)` : "''", b ? `CAST(${alias}.${b} AS VARCHAR)` : "''"];
}

/** A cell's id: the same in every warehouse build and request, so ties are broken alike. */
export const cellId = (measure: string, period: string, region: string, key1: string, key2: string) => `hash(${measure}, ${period}, ${region}, ${key1}, ${key2})`;

/** The cells (one per person column) of a dataset's rows in `source`. */
export function cellRows(dataset: DatasetDef, source: string): string {
  const [k1, k2] = keyExpressions(dataset, 'x');
  return personMeasures(dataset).map((m) => `
    SELECT ${literal(m.measure)} AS measure, ${literal(m.regionSum)} AS region_sum, x.period, x.region_code, ${k1} AS key1, ${k2} AS key2, x.${m.column}::DOUBLE AS v
    FROM ${source} x WHERE x.${m.column} IS NOT NULL AND ${levelCondition(dataset, 'x')} AND ${columnLevelCondition(m, 'x')}`).join(' UNION ALL ');
}

/** Cells with their id and primary withholding (0 < v < k; nothing when k = 1). Parameter $k. */
export function cellTable(rowsSql: string): string {
  return `
    SELECT cid, any_value(measure) AS measure, any_value(region_sum) AS region_sum, any_value(period) AS period, any_value(region_code) AS region_code,
           any_value(key1) AS key1, any_value(key2) AS key2, max(v) AS v, ($k > 1 AND max(v) > 0 AND max(v) < $k) AS s, 1::DOUBLE AS lo
    FROM (SELECT ${cellId('measure', 'period', 'region_code', 'key1', 'key2')} AS cid, * FROM (${rowsSql})) GROUP BY cid`;
}

/**
 * The relations "parent = Σ children" between the cells of `cells`: (rid, cid, parent).
 * Only relations with their parent and at least one child present are kept.
 */
export function membersSql(cells: string): string {
  const measures = (adds: DatasetDef['adds']) => DATASETS.filter((d) => d.adds === adds).flatMap((d) => personMeasures(d).map((m) => m.measure));
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
export function lowerBoundSql(cells: string, members: string): string {
  return `
    SELECT c.* REPLACE (greatest(1, coalesce(x.lo, 1))::DOUBLE AS lo) FROM ${cells} c LEFT JOIN (
      SELECT p.cid, max(sub.lo) AS lo FROM (
        SELECT m.rid, sum(CASE WHEN c.s THEN c.lo ELSE c.v END) FILTER (WHERE c.v > 0) AS lo
        FROM ${members} m JOIN ${cells} c USING (cid) WHERE NOT m.parent GROUP BY m.rid
      ) sub JOIN ${members} p ON p.rid = sub.rid AND p.parent GROUP BY p.cid
    ) x USING (cid)`;
}
