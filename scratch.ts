import { openWarehouse } from './core/warehouse.ts';
import { rows } from './core/duckdb.ts';
const w = await openWarehouse(process.argv[2], { readOnly: true });
const t = performance.now();
console.log(await rows(w.connection, `
  WITH vs AS (SELECT v.province_code, vs.skill_id, count(*) AS n FROM vacancy v JOIN vacancy_skill vs USING (source, vacancy_id) JOIN dim_skill d ON d.skill_id = vs.skill_id AND NOT d.transversal GROUP BY ALL),
       ss AS (SELECT s.province_code, ss.skill_id, count(*) AS n FROM seeker s JOIN seeker_skill ss USING (seeker_key) JOIN dim_skill d ON d.skill_id = ss.skill_id AND NOT d.transversal GROUP BY ALL)
  SELECT sum(vs.n * ss.n)::DOUBLE AS upper_pairs FROM vs JOIN ss USING (province_code, skill_id)`), performance.now() - t);
