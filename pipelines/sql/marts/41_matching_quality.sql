-- matching-quality (DESIGN §4): per period and region, active vacancies, median pool depth,
-- the share of openings hard to fill, near-miss seekers and the placements' match coverage.
-- Reads the temporary tables of 40_matching.sql (the step's prelude; placement match quality
-- is computed there) and of the matching kernel (pipelines/matching/kernel.ts); rules there.

-- Pool depth per active vacancy-month, from the kernel's pool per vacancy signature (mt_vpool).
CREATE OR REPLACE TEMP TABLE mt_pool AS
SELECT m.scope, m.scope_code, m.province_code, m.regency_code, m.mnum, m.openings, p.pool
FROM mt_vm m JOIN mt_vsig v USING (sc, mnum, kid, erank) JOIN mt_vpool p USING (vg);
DROP TABLE mt_vm;
DROP TABLE mt_vpool;

-- Near-miss seekers per scope and month (the kernel's mt_near).
CREATE OR REPLACE TEMP TABLE mt_near_count AS
SELECT c.scope, c.scope_code, n.mnum, n.near_miss_seekers FROM mt_near n JOIN mt_scope c USING (sc);
DROP TABLE mt_near;

CREATE OR REPLACE TABLE mart_matching_quality AS
WITH vac AS (
  SELECT 'ID' AS region_code, mnum, pool, openings FROM mt_pool WHERE scope = 'province'
  UNION ALL SELECT province_code, mnum, pool, openings FROM mt_pool WHERE scope = 'province'
  UNION ALL SELECT regency_code, mnum, pool, openings FROM mt_pool WHERE scope = 'regency'
), vq AS (
  -- the lower median (quantile_disc): a pool depth counts persons, so its median is one of
  -- the pools, never a half person between two (median() gives 0.5 for pools 0 and 1)
  SELECT region_code, mnum, count(*) AS active_vacancies, quantile_disc(pool, 0.5) AS median_pool_depth,
         -- 0, not empty, where no vacancy is hard to fill (a FILTERed sum of no rows is NULL)
         coalesce(sum(openings) FILTER (WHERE pool = 0), 0) / sum(openings) AS hard_to_fill_share
  FROM vac GROUP BY ALL
), near AS (
  SELECT 'ID' AS region_code, mnum, sum(near_miss_seekers) AS near_miss_seekers FROM mt_near_count WHERE scope = 'province' GROUP BY ALL
  UNION ALL SELECT scope_code, mnum, near_miss_seekers FROM mt_near_count
), placed AS (
  SELECT region_code, mnum, avg(coverage) AS placement_match_coverage, count(*) AS placements_matched
  FROM s_regions(mt_placement) GROUP BY region_code, mnum
)
SELECT p.period, r.region_code,
       coalesce(vq.active_vacancies, 0)::BIGINT AS active_vacancies,
       vq.median_pool_depth::DOUBLE AS median_pool_depth,
       vq.hard_to_fill_share::DOUBLE AS hard_to_fill_share,
       coalesce(near.near_miss_seekers, 0)::BIGINT AS near_miss_seekers,
       placed.placement_match_coverage::DOUBLE AS placement_match_coverage,
       coalesce(placed.placements_matched, 0)::BIGINT AS placements_matched
FROM dim_period p CROSS JOIN dim_region r
LEFT JOIN vq ON vq.mnum = p.mnum AND vq.region_code = r.region_code
LEFT JOIN near ON near.mnum = p.mnum AND near.region_code = r.region_code
LEFT JOIN placed ON placed.mnum = p.mnum AND placed.region_code = r.region_code
ORDER BY p.period, r.sort_key;
