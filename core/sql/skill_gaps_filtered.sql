-- skill-gaps for the vacancies of one KBLI section, ISCO group and/or employment type (DESIGN
-- §4: skills "with optional sector/occupation filters"), computed at request time with the
-- same rules as mart_skill_gaps (macros s_imbalance, s_skill_status, s_relative_status,
-- s_provisional; windows and thresholds from the meta table of the run that built the warehouse).
-- Demand and AO: openings of the vacancies of the sector/occupation/type, from the build's
-- skill facts (pipelines/sql/marts/21_skill_facts.sql). Supply and AA: every active seeker of
-- the region and month, as the marts publish them (mart_skill_gaps.supply,
-- mart_labour_market_monthly.active_applicants): a seeker has no sector, no occupation of a
-- vacancy and no employment type, so a filter on vacancies leaves the seeker side unfiltered.
-- The person counts are then the mart's cells and are withheld by the decision stored at build
-- (core/privacy), never afresh per request: no request, nor several (an ISCO code against its
-- sub-codes), gives a person count that the published tables do not.
-- Parameters: $sector, $occupation, $employment_type (empty string = no filter), $from, $to (periods).
WITH meta_values AS (
  SELECT max(value) FILTER (WHERE key = 'vacancy_validity_days')::INTEGER AS vdays,
         max(value) FILTER (WHERE key = 'seeker_validity_days')::INTEGER AS sdays,
         max(value) FILTER (WHERE key = 'insufficient_below')::INTEGER AS floor_n,
         max(value) FILTER (WHERE key = 'status_min_count')::INTEGER AS min_n,
         max(value) FILTER (WHERE key = 'imbalance_threshold')::DOUBLE AS threshold,
         max(value) FILTER (WHERE key = 'ranking_min_volume')::INTEGER AS volume_n
  FROM meta
), months AS (
  SELECT mnum, period, period_start FROM dim_period WHERE period BETWEEN $from AND $to
), v AS (
  SELECT v.province_code, v.regency_code, v.openings,
         s_month(v.posted_date) AS from_m,
         s_month(coalesce(v.closed_date, v.expiry_date, v.posted_date + m.vdays)) AS to_m
  FROM vacancy v, meta_values m
  WHERE ($sector = '' OR v.sector_code = $sector)
    -- a vacancy posted twice counts once (pipelines/sql/marts/00_duplicates.sql)
    AND NOT EXISTS (SELECT 1 FROM vacancy_duplicate d WHERE d.source = v.source AND d.vacancy_id = v.vacancy_id AND NOT d.representative)
    AND ($occupation = '' OR v.occupation_code LIKE $occupation || '%')
    AND ($employment_type = '' OR v.employment_type = $employment_type)
), vk AS (
  -- the same vacancies with their skills, from the build's skill facts (21_skill_facts.sql)
  SELECT p.province_code, p.regency_code, p.skill_id, p.openings, p.posted_m AS from_m, p.end_m AS to_m
  FROM fs_vacancy_skill p
  WHERE ($sector = '' OR p.sector_code = $sector)
    AND ($occupation = '' OR p.occupation_code LIKE $occupation || '%')
    AND ($employment_type = '' OR p.employment_type = $employment_type)
), ao_base AS (
  -- the months asked of each window (s_active_months, pipelines/sql/macros.sql)
  SELECT mnum, province_code, regency_code, sum(openings) AS ao FROM s_active_months(v, (SELECT min(mnum) FROM months), (SELECT max(mnum) FROM months)) GROUP BY ALL
), demand_base AS (
  SELECT mnum, province_code, regency_code, skill_id, sum(openings) AS demand FROM s_active_months(vk, (SELECT min(mnum) FROM months), (SELECT max(mnum) FROM months)) GROUP BY ALL
), ao AS (
  -- the three region levels in one pass (s_regions: a national vacancy, without province, counts in ID only)
  SELECT mnum, region_code, sum(ao) AS ao FROM s_regions(ao_base) GROUP BY ALL
), demand AS (
  SELECT mnum, region_code, skill_id, sum(demand) AS demand FROM s_regions(demand_base) GROUP BY ALL
), g AS (
  -- Every cell with filtered demand has a mart row (the mart's demand holds it); a skill
  -- the filtered vacancies do not ask for is kept where seekers hold it, as in the mart.
  SELECT s.period, t.period_start, s.region_code, s.skill_id, coalesce(d.demand, 0)::BIGINT AS demand, s.supply,
         s_imbalance(coalesce(d.demand, 0), s.supply, coalesce(a.ao, 0), lm.active_applicants) AS imbalance_index
  FROM mart_skill_gaps s
  JOIN months t USING (period)
  JOIN mart_labour_market_monthly lm USING (period, region_code)
  LEFT JOIN demand d ON d.mnum = t.mnum AND d.region_code = s.region_code AND d.skill_id = s.skill_id
  LEFT JOIN ao a ON a.mnum = t.mnum AND a.region_code = s.region_code
  WHERE d.demand > 0 OR s.supply > 0
)
SELECT g.period, g.region_code, g.skill_id, d.label_id AS skill_label_id, d.label_en AS skill_label_en, d.skill_group,
       g.demand, g.supply, g.demand / nullif(g.supply, 0) AS skill_ratio, g.imbalance_index,
       s_skill_status(g.demand, g.supply, m.floor_n, m.min_n, m.threshold) AS status,
       s_relative_status(g.demand, g.supply, g.imbalance_index, m.volume_n, m.min_n, m.threshold) AS relative_status,
       greatest(g.demand - g.supply, 0)::BIGINT AS unmet_openings,
       s_provisional(g.period_start, (SELECT min(period_start) FROM dim_period), m.vdays, m.sdays) AS provisional
FROM g JOIN dim_skill d USING (skill_id), meta_values m
