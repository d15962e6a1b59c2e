// Statistical disclosure control of every published dataset (DESIGN §4, privacy), decided
// once when the warehouse is built (publishWithheld, the last part of the marts step) and
// stored as one already-withheld table per dataset (pub_*), which is all the read side
// reads. Datasets computed at request time (labour-market, occupation-demand and skill-gaps by
// employment type, skill-gaps by sector or occupation) keep the marts' person counts (seekers
// have no sector, employment type or occupation of a vacancy) and read the stored decision:
// nothing is withheld afresh per request, so no set of requests can be subtracted apart.
// Files: cells.ts (cells and relations), secondary.ts (secondary withholding), publish.ts
// (the published rows).
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
import { rows, run } from '../duckdb.ts';
import { DATASETS } from '../datasets.ts';
import { cellRows, cellTable, membersSql } from './cells.ts';
import { dropPublished, publishedTable, storedWithholdingSql, WITHHELD_CELLS } from './publish.ts';
import { roundedCellsSql, unpinRounding, type DisclosureMethod } from './rounding.ts';
import { withholdSecondary } from './secondary.ts';

export { publishedTable, storedWithholdingSql, unwithheldSql, withheldCondition, WITHHELD_CELLS } from './publish.ts';
export { roundingKey, type DisclosureMethod } from './rounding.ts';

/** How person counts are protected (SINERGI_DISCLOSURE) and, for rounding, its secret key (roundingKey). */
export interface Disclosure { method: DisclosureMethod; key?: string }

/** What publishing did: cells, relations, withheld (suppress: primary, passes), rounded (round: rerounded by the interval check, pinned left: 0). */
export interface PublishResult { method: DisclosureMethod; cells: number; relations: number; primary: number; withheld: number; rounded: number; passes: number; rerounded: number; pinned: number }

/**
 * Decide withholding (or rounding) for the whole warehouse and write the published tables
 * (pub_*), one per dataset, and the decision per cell (privacy_withheld). Runs inside the run
 * that builds the warehouse, before it is published, so readers see the new marts and their
 * protection together.
 */
export async function publishWithheld(connection: DuckDBConnection, k: number, onStep: (name: string, seconds: number) => void = () => {}, disclosure: Disclosure = { method: 'suppress' }): Promise<PublishResult> {
  let mark = performance.now();
  const lap = (name: string) => { const now = performance.now(); onStep(name, (now - mark) / 1000); mark = now; };
  const withPersons = DATASETS.filter((d) => d.columns.some((c) => c.persons));
  const round = disclosure.method === 'round';
  // under rounding nothing is withheld: the cells' primary flag is off (k = 1 in cellTable)
  await run(connection, `CREATE OR REPLACE TEMP TABLE pv_cell AS ${cellTable(withPersons.map((d) => cellRows(d, d.table)).join(' UNION ALL '))}`, { k: round ? 1 : k });
  let counts = { cells: 0, primary: 0, relations: 0 };
  let passes = 0;
  let rerounded = 0;
  let pinned = 0;
  if (round) {
    if (!disclosure.key) throw new Error('SINERGI_DISCLOSURE=round needs the rounding key (roundingKey of the pseudonymisation key)');
    await run(connection, `CREATE OR REPLACE TEMP TABLE pv_round AS SELECT cid, v, CASE WHEN $k > 1 THEN r ELSE v END AS r, false AS flipped FROM (${roundedCellsSql('pv_cell')})`, { k, rkey: disclosure.key });
    await run(connection, `CREATE OR REPLACE TEMP TABLE pv_member AS ${membersSql('pv_cell')}`);
    lap('privacy: rounding');
    if (k > 1) ({ rerounded, pinned } = await unpinRounding(connection, k));
    if (pinned > 0) {
      throw new Error(`SINERGI_DISCLOSURE=round: ${pinned} person count(s) between 1 and ${k - 1} can still be recovered exactly from the rounded sums after ${rerounded} re-roundings; nothing was published. Use SINERGI_DISCLOSURE=suppress (the default) for this register`);
    }
    // a rounded value differing from the true one, or at most k (thin: means and medians over it are withheld)
    await run(connection, `CREATE OR REPLACE TABLE ${WITHHELD_CELLS} AS
      SELECT cid, false AS s, v::BIGINT AS v, r::BIGINT AS r, r <= $k AS thin FROM pv_round
      WHERE $k > 1 AND (r <> v OR (v > 0 AND r <= $k))`, { k });
    [counts] = await rows<typeof counts>(connection, 'SELECT (SELECT count(*) FROM pv_cell) AS cells, 0 AS primary, (SELECT count(DISTINCT rid) FROM pv_member) AS relations');
    lap(`privacy: interval check (${rerounded} re-rounded, ${pinned} pinned)`);
  } else {
    await run(connection, `CREATE OR REPLACE TEMP TABLE pv_member AS ${membersSql('pv_cell')}`);
    await run(connection, 'CREATE OR REPLACE TEMP TABLE pv_changed AS SELECT cid FROM pv_cell WHERE s');
    lap('privacy: cells and relations');
    [counts] = await rows<typeof counts>(connection,
      'SELECT (SELECT count(*) FROM pv_cell) AS cells, (SELECT count(*) FROM pv_changed) AS primary, (SELECT count(DISTINCT rid) FROM pv_member) AS relations');
    passes = await withholdSecondary(connection, k);
    lap(`privacy: secondary withholding (${passes} passes)`);
    await run(connection, `CREATE OR REPLACE TABLE ${WITHHELD_CELLS} AS SELECT cid, true AS s, v::BIGINT AS v, NULL::BIGINT AS r, false AS thin FROM pv_cell WHERE s`);
  }
  for (const dataset of DATASETS) {
    const name = publishedTable(dataset);
    const select = storedWithholdingSql(dataset, dataset.table);
    await dropPublished(connection, name);
    // A dataset that counts no persons (skill-trends, sources) has nothing to withhold: a view of its mart.
    if (withPersons.includes(dataset)) await run(connection, `CREATE TABLE ${name} AS SELECT * FROM ${select} ORDER BY period, region_sort`);
    else await run(connection, `CREATE VIEW ${name} AS SELECT * FROM ${select}`);
  }
  lap('privacy: published tables');
  const [{ withheld, rounded }] = await rows<{ withheld: number; rounded: number }>(connection,
    `SELECT count(*) FILTER (WHERE s) AS withheld, count(*) FILTER (WHERE r <> v) AS rounded FROM ${WITHHELD_CELLS}`);
  for (const table of ['pv_cell', 'pv_member', 'pv_changed', 'pv_pick', 'pv_bound', 'pv_moved', 'pv_frontier', 'pv_round', 'pv_flip']) await run(connection, `DROP TABLE IF EXISTS ${table}`);
  return { method: disclosure.method, ...counts, withheld, rounded, passes, rerounded, pinned };
}
