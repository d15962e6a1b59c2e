-- skill-gaps and skill-trends: period × region × skill (DESIGN §4, "Skills").
-- Parameters: $insufficient_below, $status_min_count, $imbalance_threshold (ln 1.5),
-- $ranking_min_volume.

-- Demand D_k: Σ openings of active vacancies requiring k; supply S_k: active seekers
-- holding k. A stock is not expanded row by month: each window adds its count in its
-- first month and takes it back the month after its last (s_window_edges), the changes
-- are summed per place, skill and month (sg_delta), rolled up to the three region levels
-- in one pass (s_regions; a national vacancy, no province, counts in ID only), and a
-- running sum per region and skill gives the stock, which holds until the next change
-- (sg_levels). The work grows with rows, not with rows × months active.
CREATE OR REPLACE TEMP TABLE sg_delta AS
WITH vw AS (
  SELECT v.province_code, v.regency_code, vs.skill_id, v.openings, v.posted_m AS from_m, v.end_m AS to_m
  FROM f_vacancy v JOIN vacancy_skill vs USING (source, vacancy_id)
), sw AS (
  SELECT s.province_code, s.regency_code, ss.skill_id, s.registered_m AS from_m, s.end_m AS to_m
  FROM f_seeker s JOIN seeker_skill ss USING (seeker_key)
)
SELECT province_code, regency_code, skill_id, m, sum(demand) AS demand, sum(supply) AS supply
FROM (
  SELECT province_code, regency_code, skill_id, m, openings * sign AS demand, 0 AS supply FROM s_window_edges(vw)
  UNION ALL
  SELECT province_code, regency_code, skill_id, m, 0, sign FROM s_window_edges(sw)
)
GROUP BY ALL;

-- Per (month, region, skill) where anything is active.
CREATE OR REPLACE TEMP TABLE sg_levels AS
WITH changes AS (
  SELECT region_code, skill_id, m, sum(demand) AS demand, sum(supply) AS supply FROM s_regions(sg_delta) GROUP BY ALL
)
SELECT m AS mnum, region_code, skill_id, demand, supply
FROM (
  SELECT region_code, skill_id, m AS from_m,
         coalesce(lead(m) OVER w, (SELECT max(mnum) FROM dim_period) + 1) AS next_m,
         sum(demand) OVER w AS demand, sum(supply) OVER w AS supply
  FROM changes
  WINDOW w AS (PARTITION BY region_code, skill_id ORDER BY m)
), unnest(range(from_m, next_m)) AS t(m)
WHERE demand <> 0 OR supply <> 0;

CREATE OR REPLACE TABLE mart_skill_gaps AS
WITH g AS (
  SELECT p.period, p.mnum, s.region_code, s.skill_id, s.demand::BIGINT AS demand, s.supply::BIGINT AS supply,
         lm.active_openings AS ao, lm.active_applicants AS aa, lm.provisional,
         s_imbalance(s.demand, s.supply, lm.active_openings, lm.active_applicants) AS imbalance_index
  FROM sg_levels s
  JOIN dim_period p USING (mnum)
  JOIN mart_labour_market_monthly lm ON lm.period = p.period AND lm.region_code = s.region_code
)
SELECT g.period, g.region_code, g.skill_id, k.label_id AS skill_label_id, k.label_en AS skill_label_en, k.skill_group,
       g.demand, g.supply,
       g.demand / nullif(g.supply, 0) AS skill_ratio,                 -- R_k = D_k / S_k, empty when S_k = 0
       g.imbalance_index,
       s_skill_status(g.demand, g.supply, $insufficient_below::INTEGER, $status_min_count::INTEGER, $imbalance_threshold::DOUBLE) AS status,
       s_relative_status(g.demand, g.supply, g.imbalance_index, $ranking_min_volume::INTEGER, $status_min_count::INTEGER, $imbalance_threshold::DOUBLE) AS relative_status,
       greatest(g.demand - g.supply, 0)::BIGINT AS unmet_openings,
       g.provisional
FROM g JOIN dim_skill k USING (skill_id)
LEFT JOIN o_region o_r ON o_r.region_code = g.region_code LEFT JOIN o_skill o_k ON o_k.skill_id = g.skill_id
ORDER BY g.mnum, o_r.region_rank, o_k.skill_rank;  -- period, region_code, skill_id

-- skill-trends: new openings requiring k by month of posting; growth_3m compares the last
-- three months (t-2..t) with the three before (t-5..t-3). Each month's value is spread to
-- the six periods whose windows contain it, so no dense grid is needed.
-- Parameters also: $emerging_growth, $emerging_min_openings.
CREATE OR REPLACE TEMP TABLE st_base AS
SELECT v.posted_m AS mnum, v.province_code, v.regency_code, vs.skill_id, sum(v.openings) AS openings
FROM f_vacancy v JOIN vacancy_skill vs USING (source, vacancy_id)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE st_levels AS
SELECT mnum, region_code, skill_id, sum(openings) AS openings FROM s_regions(st_base) GROUP BY ALL;

CREATE OR REPLACE TABLE mart_skill_trends AS
WITH spread AS (
  SELECT l.region_code, l.skill_id, l.mnum AS source_m, l.openings, l.mnum + d AS mnum
  FROM st_levels l, range(0, 6) AS r(d)
), w AS (
  SELECT mnum, region_code, skill_id,
         sum(openings) FILTER (WHERE mnum = source_m) AS this_month,
         sum(openings) FILTER (WHERE mnum - source_m <= 2) AS last3,
         sum(openings) FILTER (WHERE mnum - source_m >= 3) AS prev3
  FROM spread GROUP BY ALL
)
SELECT p.period, w.region_code, w.skill_id, k.label_id AS skill_label_id, k.label_en AS skill_label_en, k.skill_group,
       coalesce(w.this_month, 0)::BIGINT AS new_openings_requiring,
       coalesce(w.last3, 0)::BIGINT AS openings_last_3m,
       coalesce(w.prev3, 0)::BIGINT AS openings_previous_3m,
       -- defined once six months of history exist and the three months before had openings
       CASE WHEN p.mnum - (SELECT min(mnum) FROM dim_period) >= 5 AND coalesce(w.prev3, 0) > 0
            THEN coalesce(w.last3, 0) / w.prev3 - 1 END AS growth_3m,
       coalesce(p.mnum - (SELECT min(mnum) FROM dim_period) >= 5 AND coalesce(w.prev3, 0) > 0
                AND coalesce(w.last3, 0) / w.prev3 - 1 >= $emerging_growth::DOUBLE
                AND coalesce(w.last3, 0) >= $emerging_min_openings::INTEGER, false) AS emerging
FROM w JOIN dim_period p USING (mnum) JOIN dim_skill k USING (skill_id)
LEFT JOIN o_region o_r ON o_r.region_code = w.region_code LEFT JOIN o_skill o_k ON o_k.skill_id = w.skill_id
WHERE coalesce(w.last3, 0) + coalesce(w.prev3, 0) > 0
ORDER BY p.mnum, o_r.region_rank, o_k.skill_rank;  -- period, region_code, skill_id
