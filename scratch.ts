import { DuckDBInstance } from '@duckdb/node-api';
import { rows } from './core/duckdb.ts';
const db = await DuckDBInstance.create(':memory:'); const c = await db.connect();
await c.run("ATTACH '/tmp/wh/s.duckdb' AS a (READ_ONLY); ATTACH '/tmp/wh2/s.duckdb' AS b (READ_ONLY)");
for (const t of ['mart_upskilling_leverage', 'mart_training_recommendations']) console.log(t, await rows(c, `SELECT (SELECT count(*) FROM (SELECT * FROM a.${t} EXCEPT SELECT * FROM b.${t}))::INTEGER AS a_not_b, (SELECT count(*) FROM (SELECT * FROM b.${t} EXCEPT SELECT * FROM a.${t}))::INTEGER AS b_not_a`));
console.log(await rows(c, `SELECT max(abs(a.hard_to_fill_share - b.hard_to_fill_share)) h, max(abs(a.placement_match_coverage - b.placement_match_coverage)) p, count(*) FILTER (WHERE a.active_vacancies <> b.active_vacancies OR a.placements_matched <> b.placements_matched OR a.near_miss_seekers <> b.near_miss_seekers OR a.median_pool_depth <> b.median_pool_depth) n FROM a.mart_matching_quality a JOIN b.mart_matching_quality b USING (period, region_code)`));
