-- labour-market-monthly: period × region (national ID, province, regency).
-- Additive counts are summed per (month, province, regency) first, then rolled up to the
-- three region levels in one pass (s_regions, pipelines/sql/macros.sql). Months active:
-- s_active_months over each window.

-- Vacancies, one row per month each is active in; "new" in the month of posting. Summed
-- per employment type first (mart_labour_market_type below), then over the types.
CREATE OR REPLACE TEMP TABLE lm_vacancy_type AS
WITH w AS (SELECT province_code, regency_code, employment_type, openings, applications, posted_m, posted_m AS from_m, end_m AS to_m FROM f_vacancy)
SELECT mnum, province_code, regency_code, employment_type,
       sum(openings) FILTER (WHERE mnum = posted_m) AS new_openings,
       sum(openings) AS active_openings,
       -- applications per opening, only over postings from sources that count applications
       sum(applications) FILTER (WHERE mnum = posted_m AND applications IS NOT NULL) AS applications,
       sum(openings) FILTER (WHERE mnum = posted_m AND applications IS NOT NULL) AS openings_counting_applications
FROM s_active_months(w)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE lm_vacancy AS
SELECT mnum, province_code, regency_code,
       sum(new_openings) AS new_openings, sum(active_openings) AS active_openings,
       sum(applications) AS applications, sum(openings_counting_applications) AS openings_counting_applications
FROM lm_vacancy_type GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE lm_seeker AS
WITH w AS (SELECT province_code, regency_code, registered_m, registered_m AS from_m, end_m AS to_m FROM f_seeker)
SELECT mnum, province_code, regency_code,
       count(*) FILTER (WHERE mnum = registered_m) AS new_applicants,
       count(*) AS active_applicants
FROM s_active_months(w)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE lm_placement AS
SELECT placed_m AS mnum, province_code, regency_code, count(*) AS placements
FROM f_placement GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE lm_base AS
SELECT mnum, province_code, regency_code,
       coalesce(sum(new_openings), 0) AS new_openings, coalesce(sum(active_openings), 0) AS active_openings,
       sum(applications) AS applications, sum(openings_counting_applications) AS openings_counting_applications,
       coalesce(sum(new_applicants), 0) AS new_applicants, coalesce(sum(active_applicants), 0) AS active_applicants,
       coalesce(sum(placements), 0) AS placements
FROM (
  SELECT mnum, province_code, regency_code, new_openings, active_openings, applications, openings_counting_applications,
         NULL::BIGINT AS new_applicants, NULL::BIGINT AS active_applicants, NULL::BIGINT AS placements FROM lm_vacancy
  UNION ALL BY NAME SELECT mnum, province_code, regency_code, new_applicants, active_applicants FROM lm_seeker
  UNION ALL BY NAME SELECT mnum, province_code, regency_code, placements FROM lm_placement
)
GROUP BY ALL;

-- Roll up to the three region levels. A national vacancy (no province: its location is
-- the whole country) counts in ID only.
CREATE OR REPLACE TEMP TABLE lm_levels AS
SELECT mnum, region_code, sum(COLUMNS(* EXCLUDE (mnum, region_code))) FROM s_regions(lm_base) GROUP BY mnum, region_code;

-- Days to fill: filled vacancies, by month of closing. Not persons.
CREATE OR REPLACE TEMP TABLE lm_fill AS
WITH filled AS (
  SELECT s_month(closed_date)::INTEGER AS mnum, province_code, regency_code, closed_date - posted_date AS days
  FROM f_vacancy WHERE status = 'filled' AND closed_date IS NOT NULL
)
SELECT mnum, region_code, median(days) AS median_days_to_fill, quantile_cont(days, 0.75) AS p75_days_to_fill, count(*) AS filled_vacancies
FROM s_regions(filled) GROUP BY mnum, region_code;

-- Days to placement: placed seekers, by month of placement. Persons: placed_seekers.
CREATE OR REPLACE TEMP TABLE lm_placement_days AS
WITH placed AS (SELECT placed_m AS mnum, province_code, regency_code, placement_date - registered_date AS days FROM f_placement)
SELECT mnum, region_code, median(days) AS median_days_to_placement, count(*) AS placed_seekers
FROM s_regions(placed) GROUP BY mnum, region_code;

-- Every region and month, zeros where nothing happened.
CREATE OR REPLACE TABLE mart_labour_market_monthly AS
SELECT p.period, r.region_code,
       coalesce(l.new_openings, 0)::BIGINT AS new_openings,
       coalesce(l.active_openings, 0)::BIGINT AS active_openings,
       coalesce(l.new_applicants, 0)::BIGINT AS new_applicants,
       coalesce(l.active_applicants, 0)::BIGINT AS active_applicants,
       l.active_openings / nullif(l.active_applicants, 0) AS active_ratio,   -- AO / AA
       l.new_openings / nullif(l.new_applicants, 0) AS new_ratio,            -- NO / NA
       coalesce(l.placements, 0)::BIGINT AS placements,
       l.placements / nullif(l.new_applicants, 0) AS placement_rate,          -- PL / NA
       l.placements / nullif(l.new_openings, 0) AS fill_rate,                 -- PL / NO
       f.median_days_to_fill::DOUBLE AS median_days_to_fill,
       f.p75_days_to_fill::DOUBLE AS p75_days_to_fill,
       coalesce(f.filled_vacancies, 0)::BIGINT AS filled_vacancies,
       d.median_days_to_placement::DOUBLE AS median_days_to_placement,
       coalesce(d.placed_seekers, 0)::BIGINT AS placed_seekers,
       -- empty where no source in the region counts applications
       l.applications / nullif(l.openings_counting_applications, 0) AS applications_per_opening,
       -- stocks still missing what was active before the first month of data
       s_provisional(p.period_start, (SELECT min(period_start) FROM dim_period), $vacancy_validity_days, $seeker_validity_days) AS provisional
FROM dim_period p
CROSS JOIN dim_region r
LEFT JOIN lm_levels l ON l.mnum = p.mnum AND l.region_code = r.region_code
LEFT JOIN lm_fill f ON f.mnum = p.mnum AND f.region_code = r.region_code
LEFT JOIN lm_placement_days d ON d.mnum = p.mnum AND d.region_code = r.region_code
ORDER BY p.period, r.sort_key;

-- The vacancy side of labour-market-monthly per employment type (issue 16), for the
-- employment_type filter (core/sql/labour_market_monthly_filtered.sql, which takes the
-- seeker side from the mart above: seekers have no employment type). Only the cells where
-- vacancies of the type are active, filled or placed into; vacancies naming no type are in
-- no row. placements: placements into vacancies of the type, in the seeker's region.
CREATE OR REPLACE TEMP TABLE lm_type_fill AS
WITH filled AS (
  SELECT s_month(closed_date)::INTEGER AS mnum, employment_type, province_code, regency_code, closed_date - posted_date AS days
  FROM f_vacancy WHERE status = 'filled' AND closed_date IS NOT NULL AND employment_type IS NOT NULL
)
SELECT mnum, employment_type, region_code, median(days) AS median_days_to_fill, quantile_cont(days, 0.75) AS p75_days_to_fill, count(*) AS filled_vacancies
FROM s_regions(filled) GROUP BY mnum, employment_type, region_code;

CREATE OR REPLACE TEMP TABLE lm_type_placed AS
WITH placed AS (
  SELECT p.placed_m AS mnum, t.employment_type, p.province_code, p.regency_code
  FROM f_placement p JOIN (SELECT DISTINCT vacancy_id, employment_type FROM f_vacancy WHERE employment_type IS NOT NULL) t USING (vacancy_id)
)
SELECT mnum, employment_type, region_code, count(*) AS placements FROM s_regions(placed) GROUP BY mnum, employment_type, region_code;

CREATE OR REPLACE TABLE mart_labour_market_type AS
WITH typed AS (SELECT * FROM lm_vacancy_type WHERE employment_type IS NOT NULL), levels AS (
  SELECT mnum, employment_type, region_code, sum(COLUMNS(* EXCLUDE (mnum, employment_type, region_code))) FROM s_regions(typed) GROUP BY mnum, employment_type, region_code
), cells AS (
  SELECT mnum, employment_type, region_code FROM levels
  UNION SELECT mnum, employment_type, region_code FROM lm_type_fill
  UNION SELECT mnum, employment_type, region_code FROM lm_type_placed
)
SELECT p.period, c.region_code, c.employment_type,
       coalesce(l.new_openings, 0)::BIGINT AS new_openings,
       coalesce(l.active_openings, 0)::BIGINT AS active_openings,
       l.applications::BIGINT AS applications,
       l.openings_counting_applications::BIGINT AS openings_counting_applications,
       f.median_days_to_fill::DOUBLE AS median_days_to_fill,
       f.p75_days_to_fill::DOUBLE AS p75_days_to_fill,
       coalesce(f.filled_vacancies, 0)::BIGINT AS filled_vacancies,
       coalesce(d.placements, 0)::BIGINT AS placements
FROM cells c
JOIN dim_period p ON p.mnum = c.mnum
LEFT JOIN levels l ON l.mnum = c.mnum AND l.employment_type = c.employment_type AND l.region_code = c.region_code
LEFT JOIN lm_type_fill f ON f.mnum = c.mnum AND f.employment_type = c.employment_type AND f.region_code = c.region_code
LEFT JOIN lm_type_placed d ON d.mnum = c.mnum AND d.employment_type = c.employment_type AND d.region_code = c.region_code
ORDER BY p.period, c.employment_type, c.region_code;
