// Random rounding to base k, the operator's alternative to withholding (SINERGI_DISCLOSURE=round;
// core/privacy/index.ts has both rules, /methodology documents them).
//
// Every published person count v is rounded to a multiple of k: with q = v mod k, down to
// v − q with probability 1 − q/k, up to v − q + k with probability q/k (unbiased: the
// expected published value is v; 0 and multiples of k stay as they are; 1..k−1 become 0 or
// k). The draw is a keyed hash (SHA-256 of a secret key and the cell's id), so a rebuild
// publishes the same value, the same count published twice (a seeker-profile total and the
// labour-market count) is rounded alike, and nobody without the key can tell which way a
// cell went: a published 5 may be a 3 or a 7. Cells are rounded each on its own (not
// "controlled" rounding), so totals no longer equal the sum of their rounded parts; where
// that lets interval propagation pin a small count, unpinRounding turns one cell of the sum.
//
// Derived columns are recomputed from the rounded counts (rates, ratios, the skill-gap
// index and statuses, per-100-hour figures, openings fillable, ranks), so they say nothing
// the rounded counts do not. A mean or median over persons (days to placement, match
// coverage) would describe the few persons behind a small cell: it is withheld where the
// rounded count it is taken over is at most k, a condition on the published value only.
import crypto from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows, run } from '../duckdb.ts';
import type { DatasetDef } from '../datasets.ts';

export type DisclosureMethod = 'suppress' | 'round';

/** How a derived column is recomputed from rounded person counts (SQL over the row's columns), or `over`: a mean/median over that count. */
type Recompute = string | { over: string };

/**
 * Per dataset and derived column. In a formula, person columns hold the rounded value,
 * t_<column> the true one, and factor_ref_<n> the rounded-over-true factor (v_r + 0.5)/(v + 0.5)
 * of the n-th other-dataset count the row depends on. Same formulas as the marts.
 */
const RECOMPUTE: Record<string, Record<string, Recompute>> = {
  'labour-market-monthly': {
    active_ratio: 'active_openings / nullif(active_applicants, 0)',
    new_ratio: 'new_openings / nullif(new_applicants, 0)',
    placement_rate: 'placements / nullif(new_applicants, 0)',
    fill_rate: 'placements / nullif(new_openings, 0)',
    median_days_to_placement: { over: 'placed_seekers' },
  },
  'skill-gaps': {
    skill_ratio: 'demand / nullif(supply, 0)',
    // I = ln((D+½)/(AO+½)) − ln(S+½) + ln(AA+½): the same index with rounded S and AA
    imbalance_index: 'imbalance_index + ln(t_supply + 0.5) - ln(supply + 0.5) + ln(factor_ref_0)',
    status: `s_skill_status(demand, supply, ${meta('insufficient_below', 'INTEGER')}, ${meta('status_min_count', 'INTEGER')}, ${meta('imbalance_threshold', 'DOUBLE')})`,
    relative_status: `s_relative_status(demand, supply, imbalance_index, ${meta('ranking_min_volume', 'INTEGER')}, ${meta('status_min_count', 'INTEGER')}, ${meta('imbalance_threshold', 'DOUBLE')})`,
    unmet_openings: 'greatest(demand - supply, 0)::BIGINT',
  },
  'seeker-profile': {
    placement_rate: 'placements / nullif(new_applicants, 0)',
  },
  'matching-quality': {
    placement_match_coverage: { over: 'placements_matched' },
  },
  'training-recommendations': {
    seekers_unlocked_per_100h: 'seekers_unlocked * 100.0 / hours',
    openings_fillable: 'least(seekers_unlocked, openings_unlocked)::BIGINT',
    // rank: recomputed over the published (rounded) rows by its rankBy (publish.ts)
  },
};

function meta(key: string, type: string): string {
  return `(SELECT max(value)::${type} FROM meta WHERE key = '${key}')`;
}

/** The rounding key: derived from the pseudonymisation key (secret, stable across builds), never the key itself. */
export function roundingKey(pseudonymPads: { ipad: string; opad: string }): string {
  return crypto.createHmac('sha256', Buffer.from(pseudonymPads.ipad + pseudonymPads.opad, 'hex')).update('sinergi/disclosure-rounding/v1').digest('hex');
}

/**
 * The rounded value of the cells of `cells` (cid, v, measure, period, region_code, key1, key2)
 * as r. Parameters $k and $rkey (roundingKey). The uniform draw: the first 48 bits of
 * SHA-256(key | cell id in words) over 2^48.
 */
export function roundedCellsSql(cells: string): string {
  return `
    SELECT *, v - q + CASE WHEN u * $k < q THEN $k ELSE 0 END AS r FROM (
      SELECT *, (v::BIGINT % $k) AS q,
             ('0x' || left(sha256($rkey || '|' || concat_ws('|', measure, period, region_code, key1, key2)), 12))::BIGINT / 281474976710656.0 AS u
      FROM ${cells})`;
}

/** Columns recomputed from what a derived column rests on: dependsOn, with ranks left to publish.ts. */
function recomputeOf(dataset: DatasetDef, column: string): Recompute | undefined {
  return RECOMPUTE[dataset.name]?.[column];
}

/** Derived columns that are means or medians over a person count (`over`), for publish.ts's withholding: column → the count's column. */
export function overColumns(dataset: DatasetDef): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of dataset.columns) {
    const r = recomputeOf(dataset, c.name);
    if (r && typeof r !== 'string') out[c.name] = r.over;
  }
  return out;
}

/**
 * `flagged` (publish.ts flaggedSql: rounded person columns, rd_<column> whether a column was
 * rounded, rd_ref_<n> for other datasets' counts) with every derived column recomputed where
 * anything it rests on was rounded, in declaration order (a column may rest on one before it).
 * Where nothing was rounded (and under withholding, where nothing ever is) values stay the mart's.
 */
export function recomputedSql(dataset: DatasetDef, flagged: string, references: string[]): string {
  const rounded = (column: string, seen: string[] = []): string => {
    const def = dataset.columns.find((c) => c.name === column);
    if (!def) throw new Error(`${dataset.name}: "${column}" is declared as a dependency but is no column of the dataset`);
    if (def.persons) return `rd_${column}`;
    if (seen.includes(column)) throw new Error(`${dataset.name}: circular dependsOn through "${column}"`);
    const parts = (def.dependsOn ?? []).map((d) => (d.includes('.') ? `rd_ref_${references.indexOf(d)}` : `(${rounded(d, [...seen, column])})`));
    return parts.length ? parts.join(' OR ') : 'false';
  };
  let sql = flagged;
  for (const c of dataset.columns.filter((x) => !x.persons && x.dependsOn?.length)) {
    const how = recomputeOf(dataset, c.name);
    if (how === undefined) {
      if (c.rankBy) continue;
      throw new Error(`${dataset.name}.${c.name} rests on person counts, but core/privacy/rounding.ts does not say how to recompute it from rounded counts`);
    }
    if (typeof how !== 'string') continue;
    sql = `(SELECT * REPLACE (CASE WHEN ${rounded(c.name)} THEN ${how} ELSE ${c.name} END AS ${c.name}) FROM ${sql})`;
  }
  return sql;
}

/** Rounds of interval propagation per check: as deep as the relations chain (ISCO digits over regions). */
const PROPAGATION_ROUNDS = 8;
/** Checks (each may re-round some cells the other way) before giving up. */
const REPAIR_PASSES = 8;

/**
 * What an attacker derives from the rounded values in pv_round (cid, v, r) over the relations
 * pv_member: each cell's interval starts at [r − k + 1, r + k − 1] (and ≥ 0), then each relation
 * "parent = Σ children" narrows the parent to [Σ lo, Σ hi] and each child to
 * [parent lo − others' hi, parent hi − others' lo], PROPAGATION_ROUNDS times (tests/helpers/
 * disclosure-attacker.ts does the same to the end). Leaves pv_bound (cid, lo, hi).
 */
async function propagate(connection: DuckDBConnection, k: number): Promise<void> {
  await run(connection, 'CREATE OR REPLACE TEMP TABLE pv_bound AS SELECT cid, greatest(r - $k + 1, 0) AS lo, r + $k - 1 AS hi FROM pv_round', { k });
  for (let i = 0; i < PROPAGATION_ROUNDS; i++) {
    await run(connection, `CREATE OR REPLACE TEMP TABLE pv_bound AS
      WITH m AS (
        SELECT m.rid, m.cid, m.parent, b.lo, b.hi FROM pv_member m JOIN pv_bound b USING (cid)
      ), rel AS (
        SELECT rid, sum(lo) FILTER (WHERE NOT parent) AS slo, sum(hi) FILTER (WHERE NOT parent) AS shi,
               max(lo) FILTER (WHERE parent) AS plo, max(hi) FILTER (WHERE parent) AS phi
        FROM m GROUP BY rid
      ), cand AS (
        SELECT m.cid, CASE WHEN m.parent THEN r.slo ELSE r.plo - (r.shi - m.hi) END AS lo,
                      CASE WHEN m.parent THEN r.shi ELSE r.phi - (r.slo - m.lo) END AS hi
        FROM m JOIN rel r USING (rid)
      )
      SELECT b.cid, greatest(b.lo, coalesce(max(c.lo), b.lo)) AS lo, least(b.hi, coalesce(min(c.hi), b.hi)) AS hi
      FROM pv_bound b LEFT JOIN cand c USING (cid) GROUP BY b.cid, b.lo, b.hi`);
  }
}

/**
 * Independent rounding can, rarely, be undone by interval propagation: a parent rounded down
 * as far as it goes over children all rounded up as far as they go leaves one value for each
 * (0 over four published 5s: each is 1). Where the attacker's propagation pins a count 1..k−1,
 * the relations that pin it are turned by re-rounding one of their cells the other way (the
 * parent, else the smallest child that was rounded towards the pin), each cell at most once;
 * a re-rounded value is still within k − 1 of the true one. Repeats until nothing is pinned.
 * Returns the cells re-rounded and those still pinned: not always 0 (15 of 2.2 M cells at 0.1 scale,
 * where no allowed flip was left); publishWithheld then refuses to publish (issue 19's open problem).
 */
export async function unpinRounding(connection: DuckDBConnection, k: number): Promise<{ rerounded: number; pinned: number }> {
  let rerounded = 0;
  for (let pass = 0; ; pass++) {
    await propagate(connection, k);
    const [{ pinned }] = await rows<{ pinned: number }>(connection, 'SELECT count(*) AS pinned FROM pv_bound b JOIN pv_round c USING (cid) WHERE b.lo = b.hi AND c.v > 0 AND c.v < $k', { k });
    if (pinned === 0 || pass === REPAIR_PASSES) return { rerounded, pinned };
    await run(connection, `CREATE OR REPLACE TEMP TABLE pv_flip AS
      WITH pinned AS (
        SELECT b.cid FROM pv_bound b JOIN pv_round c USING (cid) WHERE b.lo = b.hi AND c.v > 0 AND c.v < $k
      ), m AS (
        SELECT m.rid, m.cid, m.parent, b.lo, b.hi, c.v, c.r, c.flipped FROM pv_member m JOIN pv_bound b USING (cid) JOIN pv_round c USING (cid)
        WHERE m.rid IN (SELECT rid FROM pv_member WHERE cid IN (SELECT cid FROM pinned))
      ), rel AS (
        SELECT rid, sum(lo) FILTER (WHERE NOT parent) AS slo, sum(hi) FILTER (WHERE NOT parent) AS shi,
               max(lo) FILTER (WHERE parent) AS plo, max(hi) FILTER (WHERE parent) AS phi
        FROM m GROUP BY rid
      ), binding AS (
        -- a relation pinning a cell: the bound it gives the cell is the cell's own; "up" when it
        -- caps the cell from above (loosened by a larger parent or smaller siblings), else "down"
        SELECT p.rid, p.cid AS pin, p.parent AS pin_is_parent,
               CASE WHEN p.parent THEN r.shi = p.hi ELSE r.phi - (r.slo - p.lo) = p.hi END AS up,
               CASE WHEN p.parent THEN r.slo = p.lo ELSE r.plo - (r.shi - p.hi) = p.lo END AS down
        FROM m p JOIN rel r USING (rid) WHERE p.cid IN (SELECT cid FROM pinned)
      ), options AS (
        -- re-round the other way a cell that was rounded the binding way: the parent first
        SELECT m.rid, m.cid, m.parent, m.v, CASE WHEN m.r < m.v THEN $k ELSE -$k END AS step
        FROM binding b JOIN m ON m.rid = b.rid AND m.cid <> b.pin
        WHERE NOT m.flipped AND m.r <> m.v AND (
          -- the pin a child: up is loosened by the parent going up or a sibling going down; down the reverse
          (NOT b.pin_is_parent AND b.up AND ((m.parent AND m.r < m.v) OR (NOT m.parent AND m.r > m.v)))
          OR (NOT b.pin_is_parent AND b.down AND ((m.parent AND m.r > m.v) OR (NOT m.parent AND m.r < m.v)))
          -- the pin the parent: its cap is the children's upper bounds (a child up), its floor their lower ones (a child down)
          OR (b.pin_is_parent AND b.up AND NOT m.parent AND m.r < m.v)
          OR (b.pin_is_parent AND b.down AND NOT m.parent AND m.r > m.v))
      )
      SELECT DISTINCT ON (rid) rid, cid, step FROM options ORDER BY rid, parent DESC, v, cid`, { k });
    const [{ n }] = await rows<{ n: number }>(connection, 'SELECT count(DISTINCT cid) AS n FROM pv_flip');
    if (n === 0) return { rerounded, pinned };
    rerounded += n;
    await run(connection, `UPDATE pv_round SET r = pv_round.r + f.step, flipped = true
      FROM (SELECT cid, any_value(step) AS step FROM pv_flip GROUP BY cid) f WHERE pv_round.cid = f.cid`);
  }
}
