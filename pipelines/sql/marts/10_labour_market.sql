-- labour-market-monthly: period × region (national ID, province, regency).
-- Additive counts are summed per (month, province, regency) first, then rolled up.

-- Vacancies, one row per month each is active in; "new" in the month of posting. Summed
-- per employment type first (mart_labour_market_type below), then over the types.
CREATE OR REPLACE TEMP TABLE lm_vacancy_type AS
SELECT m AS mnum, province_code, regency_code, employment_type,
       sum(openings) FILTER (WHERE m = posted_m) AS new_openings,
       sum(openings) AS active_openings,
       -- applications per opening, only over postings from sources that count applications
       sum(applications) FILTER (WHERE m = posted_m AND applications IS NOT NULL) AS applications,
       sum(openings) FILTER (WHERE m = posted_m AND applications IS NOT NULL) AS openings_counting_applications
FROM (SELECT province_code, regency_code, employment_type, openings, applications, posted_m, unnest(range(posted_m, end_m + 1)) AS m FROM f_vacancy)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE lm_vacancy AS
SELECT mnum, province_code, regency_code,
       sum(new_openings) AS new_openings, sum(active_openings) AS active_openings,
       sum(applications) AS applications, sum(openings_counting_applications) AS openings_counting_applications
FROM lm_vacancy_type GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE lm_seeker AS
SELECT m AS mnum, province_code, regency_code,
       count(*) FILTER (WHERE m = registered_m) AS new_applicants,
       count(*) AS active_applicants
FROM (SELECT *, unnest(range(registered_m, end_m + 1)) AS m FROM f_seeker)
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
SELECT mnum, 'ID' AS region_code, sum(COLUMNS(* EXCLUDE (mnum, province_code, regency_code))) FROM lm_base GROUP BY mnum
UNION ALL
SELECT mnum, province_code, sum(COLUMNS(* EXCLUDE (mnum, province_code, regency_code))) FROM lm_base WHERE province_code IS NOT NULL GROUP BY mnum, province_code
UNION ALL
SELECT mnum, regency_code, sum(COLUMNS(* EXCLUDE (mnum, province_code, regency_code))) FROM lm_base WHERE regency_code IS NOT NULL GROUP BY mnum, regency_code;

-- Days to fill: filled vacancies, by month of closing. Not persons.
CREATE OR REPLACE TEMP TABLE lm_fill AS
SELECT s_month(closed_date)::INTEGER AS mnum,
       CASE WHEN GROUPING(province_code) = 1 THEN 'ID' WHEN GROUPING(regency_code) = 1 THEN province_code ELSE regency_code END AS region_code,
       median(closed_date - posted_date) AS median_days_to_fill,
       quantile_cont(closed_date - posted_date, 0.75) AS p75_days_to_fill,
       count(*) AS filled_vacancies
FROM f_vacancy WHERE status = 'filled' AND closed_date IS NOT NULL
GROUP BY GROUPING SETS ((mnum), (mnum, province_code), (mnum, province_code, regency_code))
HAVING NOT (GROUPING(regency_code) = 0 AND regency_code IS NULL) AND NOT (GROUPING(province_code) = 0 AND province_code IS NULL);

-- Days to placement: placed seekers, by month of placement. Persons: placed_seekers.
CREATE OR REPLACE TEMP TABLE lm_placement_days AS
SELECT placed_m AS mnum,
       CASE WHEN GROUPING(province_code) = 1 THEN 'ID' WHEN GROUPING(regency_code) = 1 THEN province_code ELSE regency_code END AS region_code,
       median(placement_date - registered_date) AS median_days_to_placement,
       count(*) AS placed_seekers
FROM f_placement
GROUP BY GROUPING SETS ((placed_m), (placed_m, province_code), (placed_m, province_code, regency_code))
HAVING NOT (GROUPING(regency_code) = 0 AND regency_code IS NULL);

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
SELECT s_month(closed_date)::INTEGER AS mnum, employment_type,
       CASE WHEN GROUPING(province_code) = 1 THEN 'ID' WHEN GROUPING(regency_code) = 1 THEN province_code ELSE regency_code END AS region_code,
       median(closed_date - posted_date) AS median_days_to_fill,
       quantile_cont(closed_date - posted_date, 0.75) AS p75_days_to_fill,
       count(*) AS filled_vacancies
FROM f_vacancy WHERE status = 'filled' AND closed_date IS NOT NULL AND employment_type IS NOT NULL
GROUP BY GROUPING SETS ((mnum, employment_type), (mnum, employment_type, province_code), (mnum, employment_type, province_code, regency_code))
HAVING NOT (GROUPING(regency_code) = 0 AND regency_code IS NULL) AND NOT (GROUPING(province_code) = 0 AND province_code IS NULL);

CREATE OR REPLACE TEMP TABLE lm_type_placed AS
SELECT p.placed_m AS mnum, t.employment_type,
       CASE WHEN GROUPING(p.province_code) = 1 THEN 'ID' WHEN GROUPING(p.regency_code) = 1 THEN p.province_code ELSE p.regency_code END AS region_code,
       count(*) AS placements
FROM f_placement p JOIN (SELECT DISTINCT vacancy_id, employment_type FROM f_vacancy WHERE employment_type IS NOT NULL) t USING (vacancy_id)
GROUP BY GROUPING SETS ((p.placed_m, t.employment_type), (p.placed_m, t.employment_type, p.province_code), (p.placed_m, t.employment_type, p.province_code, p.regency_code))
HAVING NOT (GROUPING(p.regency_code) = 0 AND p.regency_code IS NULL);

CREATE OR REPLACE TABLE mart_labour_market_type AS
WITH levels AS (
  SELECT mnum, employment_type, 'ID' AS region_code, sum(COLUMNS(* EXCLUDE (mnum, employment_type, province_code, regency_code))) FROM lm_vacancy_type WHERE employment_type IS NOT NULL GROUP BY ALL
  UNION ALL
  SELECT mnum, employment_type, province_code, sum(COLUMNS(* EXCLUDE (mnum, employment_type, province_code, regency_code))) FROM lm_vacancy_type WHERE employment_type IS NOT NULL AND province_code IS NOT NULL GROUP BY ALL
  UNION ALL
  SELECT mnum, employment_type, regency_code, sum(COLUMNS(* EXCLUDE (mnum, employment_type, province_code, regency_code))) FROM lm_vacancy_type WHERE employment_type IS NOT NULL AND regency_code IS NOT NULL GROUP BY ALL
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
