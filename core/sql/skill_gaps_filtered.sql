-- skill-gaps for the vacancies of one KBLI section and/or ISCO group (DESIGN §4: skills
-- "with optional sector/occupation filters"), computed at request time from the facts
-- with the same rules as mart_skill_gaps (macros s_imbalance, s_skill_status, s_relative_status, s_provisional; windows
-- and thresholds from the meta table of the run that built the warehouse).
-- Demand and AO: vacancies of the sector/occupation. Supply and AA: seekers preferring the
-- occupation group when one is given, else all seekers (seekers have no sector).
-- Parameters: $sector, $occupation, $employment_type (empty string = no filter), $from, $to (periods).
-- Withholding (core/privacy.ts) is applied to these rows in the query; the imbalance index
-- and relative status also use AA, another published cell: its id is given as
-- labour_market_monthly_active_applicants_cell (labour-market-monthly's AA, or with an
-- occupation the occupation-demand count of seekers preferring it, which is this AA, published
-- for the country and provinces only: labour_market_monthly_active_applicants_published).
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
  SELECT v.source, v.vacancy_id, v.province_code, v.regency_code, v.openings,
         s_month(v.posted_date) AS from_m,
         s_month(coalesce(v.closed_date, v.expiry_date, v.posted_date + m.vdays)) AS to_m
  FROM vacancy v, meta_values m
  WHERE ($sector = '' OR v.sector_code = $sector)
    -- a vacancy posted twice counts once (pipelines/sql/marts/00_duplicates.sql)
    AND NOT EXISTS (SELECT 1 FROM vacancy_duplicate d WHERE d.source = v.source AND d.vacancy_id = v.vacancy_id AND NOT d.representative)
    AND ($occupation = '' OR v.occupation_code LIKE $occupation || '%')
    AND ($employment_type = '' OR v.employment_type = $employment_type)  -- supply: all seekers, as for a sector
), s AS (
  SELECT s.seeker_key, s.province_code, s.regency_code,
         s_month(s.registered_date) AS from_m,
         s_month(coalesce(s.placed_date, s.deregistered_date, s.registered_date + m.sdays)) AS to_m
  FROM seeker s, meta_values m
  WHERE $occupation = '' OR s.preferred_occupation_code LIKE $occupation || '%'
), vk AS (
  -- The same vacancies and seekers with their skills, from the build's skill facts
  -- (pipelines/sql/marts/21_skill_facts.sql: duplicates left out, the same windows).
  SELECT p.province_code, p.regency_code, p.skill_id, p.openings, p.posted_m AS from_m, p.end_m AS to_m
  FROM fs_vacancy_skill p
  WHERE ($sector = '' OR p.sector_code = $sector)
    AND ($occupation = '' OR p.occupation_code LIKE $occupation || '%')
    AND ($employment_type = '' OR p.employment_type = $employment_type)
), sk AS (
  SELECT p.province_code, p.regency_code, p.skill_id, p.seekers, p.registered_m AS from_m, p.end_m AS to_m
  FROM fs_seeker_skill p
  WHERE $occupation = '' OR p.preferred_occupation_code LIKE $occupation || '%'
), totals_base AS (
  -- the months asked of each window (s_active_months, pipelines/sql/macros.sql)
  SELECT mnum, province_code, regency_code, sum(openings) AS ao, 0 AS aa FROM s_active_months(v, (SELECT min(mnum) FROM months), (SELECT max(mnum) FROM months)) GROUP BY ALL
  UNION ALL SELECT mnum, province_code, regency_code, 0, count(*) FROM s_active_months(s, (SELECT min(mnum) FROM months), (SELECT max(mnum) FROM months)) GROUP BY ALL
), skills_base AS (
  SELECT mnum, province_code, regency_code, skill_id, sum(openings) AS demand, 0 AS supply FROM s_active_months(vk, (SELECT min(mnum) FROM months), (SELECT max(mnum) FROM months)) GROUP BY ALL
  UNION ALL
  SELECT mnum, province_code, regency_code, skill_id, 0, sum(seekers) FROM s_active_months(sk, (SELECT min(mnum) FROM months), (SELECT max(mnum) FROM months)) GROUP BY ALL
), totals AS (
  -- the three region levels in one pass (s_regions)
  SELECT mnum, region_code, sum(ao) AS ao, sum(aa) AS aa FROM s_regions(totals_base) GROUP BY ALL
), skills AS (
  SELECT mnum, region_code, skill_id, sum(demand) AS demand, sum(supply) AS supply FROM s_regions(skills_base) GROUP BY ALL
), g AS (
  SELECT t.period, t.period_start, k.region_code, k.skill_id, k.demand::BIGINT AS demand, k.supply::BIGINT AS supply,
         s_imbalance(k.demand, k.supply, tt.ao, tt.aa) AS imbalance_index
  FROM skills k JOIN months t USING (mnum) JOIN totals tt USING (mnum, region_code)
)
SELECT g.period, g.region_code, g.skill_id, d.label_id AS skill_label_id, d.label_en AS skill_label_en, d.skill_group,
       g.demand, g.supply, g.demand / nullif(g.supply, 0) AS skill_ratio, g.imbalance_index,
       s_skill_status(g.demand, g.supply, m.floor_n, m.min_n, m.threshold) AS status,
       s_relative_status(g.demand, g.supply, g.imbalance_index, m.volume_n, m.min_n, m.threshold) AS relative_status,
       greatest(g.demand - g.supply, 0)::BIGINT AS unmet_openings,
       s_provisional(g.period_start, (SELECT min(period_start) FROM dim_period), m.vdays, m.sdays) AS provisional,
       CASE WHEN $occupation = '' THEN hash('labour-market-monthly.active_applicants', g.period, g.region_code, '', '')
            ELSE hash('occupation-demand.active_applicants_preferring', g.period, g.region_code, $occupation, '') END AS labour_market_monthly_active_applicants_cell,
       -- seekers preferring an occupation are published for the country and provinces only
       $occupation = '' OR g.region_code NOT LIKE '%.%' AS labour_market_monthly_active_applicants_published
FROM g JOIN dim_skill d USING (skill_id), meta_values m
