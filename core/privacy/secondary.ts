// Secondary withholding (core/privacy/index.ts has the rule): passes over the relations,
// each withholding the cheapest complement of every relation an attacker could still
// subtract, with the attacker's lower bounds kept up to date, until nothing changes.
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows, run } from '../duckdb.ts';
import { lowerBoundSql } from './cells.ts';

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
export function pickSql(cells: string, members: string, changed?: string): string {
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
 * Withhold in pv_cell (cid, v, s, lo; relations pv_member; primary cells in pv_changed) until
 * every relation holds. Parameter k. Returns the passes that withheld something.
 */
export async function withholdSecondary(connection: DuckDBConnection, k: number): Promise<number> {
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
  return passes;
}

/**
 * Recompute the lower bounds of pv_cell until they settle (at most BOUND_LEVELS levels); the
 * cells whose bound moved join pv_changed, so the relations they are in are looked at again.
 * The first time, level 0 is over every cell; every later level (and every later pass) only
 * over the parents of relations holding a cell that changed (withheld, or its bound moved),
 * level by level up: a bound moves only when a child's did, so these are the same bounds as
 * recomputing every cell each level, for far less work.
 */
async function updateLowerBounds(connection: DuckDBConnection, first: boolean): Promise<void> {
  if (first) {
    await run(connection, `CREATE OR REPLACE TEMP TABLE pv_bound AS ${lowerBoundSql('pv_cell', 'pv_member')}`);
    await run(connection, 'CREATE OR REPLACE TEMP TABLE pv_frontier AS SELECT b.cid FROM pv_bound b JOIN pv_cell c USING (cid) WHERE b.lo <> c.lo');
    await run(connection, 'CREATE OR REPLACE TEMP TABLE pv_cell AS SELECT * FROM pv_bound');
    await run(connection, 'INSERT INTO pv_changed SELECT cid FROM pv_frontier');
  } else {
    await run(connection, 'CREATE OR REPLACE TEMP TABLE pv_frontier AS SELECT DISTINCT cid FROM pv_changed');
  }
  for (let level = first ? 1 : 0; level < BOUND_LEVELS; level++) {
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
