-- Base of every mart (DESIGN §4): the months, the regions, and the facts with their
-- activity windows as month numbers (year * 12 + month - 1).
-- Parameters: $vacancy_validity_days, $seeker_validity_days.

-- The region roll-up and the activity windows are the building blocks of
-- pipelines/sql/macros.sql (s_regions, s_active_months, s_window_edges).

-- The marts are stored in the order of their text keys (period, region, skill or ISCO
-- code): these ranks give the same order as integers, which sort several times faster
-- than strings.
CREATE OR REPLACE TEMP TABLE o_region AS SELECT region_code, row_number() OVER (ORDER BY region_code) AS region_rank FROM dim_region;
CREATE OR REPLACE TEMP TABLE o_skill AS SELECT skill_id, row_number() OVER (ORDER BY skill_id) AS skill_rank FROM dim_skill;
CREATE OR REPLACE TEMP TABLE o_isco AS SELECT code AS isco_code, row_number() OVER (ORDER BY code) AS isco_rank FROM dim_isco;

-- Every month from the first to the last month of data.
CREATE OR REPLACE TABLE dim_period AS
WITH bounds AS (
  SELECT date_trunc('month', least((SELECT min(posted_date) FROM vacancy), (SELECT min(registered_date) FROM seeker)))::DATE AS first_month,
         date_trunc('month', greatest((SELECT max(posted_date) FROM vacancy), (SELECT max(registered_date) FROM seeker)))::DATE AS last_month
)
SELECT strftime(m, '%Y-%m') AS period,
       m::DATE AS period_start,
       (m + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS period_end,
       s_month(m)::INTEGER AS mnum
FROM bounds, generate_series(first_month, last_month, INTERVAL 1 MONTH) AS g(m)
WHERE first_month IS NOT NULL;

-- A vacancy is active in t when posted_date ≤ end(t) and vend ≥ start(t), vend being the
-- first present of closed_date, expiry_date, posted_date + validity: in month numbers,
-- t between the month of posting and the month of vend (vend ≥ posted: rows closed or
-- expiring before posting are quarantined on arrival).
CREATE OR REPLACE TEMP TABLE f_vacancy AS
SELECT v.source, v.vacancy_id, v.province_code, v.regency_code, v.sector_code, v.occupation_code, v.education_min,
       v.employment_type, v.openings, v.applications, v.status, v.posted_date, v.closed_date,
       s_month(v.posted_date)::INTEGER AS posted_m,
       least(
         (SELECT max(mnum) FROM dim_period),
         s_month(coalesce(v.closed_date, v.expiry_date, v.posted_date + $vacancy_validity_days::INTEGER))
       )::INTEGER AS end_m
FROM vacancy v
-- A vacancy posted twice counts once: only its group's representative (00_duplicates.sql).
WHERE NOT EXISTS (SELECT 1 FROM vacancy_duplicate d WHERE d.source = v.source AND d.vacancy_id = v.vacancy_id AND NOT d.representative);

-- A seeker is active in t when registered_date ≤ end(t) and send ≥ start(t), send being
-- the first present of placed_date, deregistered_date, registered_date + window.
CREATE OR REPLACE TEMP TABLE f_seeker AS
SELECT s.seeker_key, s.province_code, s.regency_code, s.gender, s.birth_year, s.education_level, s.disability,
       s.preferred_occupation_code, s.registered_date, s.placed_date,
       s_month(s.registered_date)::INTEGER AS registered_m,
       least(
         (SELECT max(mnum) FROM dim_period),
         s_month(coalesce(s.placed_date, s.deregistered_date, s.registered_date + $seeker_validity_days::INTEGER))
       )::INTEGER AS end_m
FROM seeker s;

-- Placements: the placements extract, and for seekers it does not cover, their own
-- placed_date (DESIGN §2); counted once per (seeker, vacancy), in the seeker's region.
-- The earliest date per (seeker, vacancy) by a hash aggregate, not a sort of every
-- placement by its long pseudonym (DISTINCT ON … ORDER BY); region and registration are
-- the seeker's, the same on every row of a seeker. A NULL vacancy_id is one group (no
-- staged value is '': empty cells are NULL).
-- A placement on a record that is a duplicate of another (00_duplicates.sql) is a placement
-- into its group's representative, the vacancy f_vacancy counts: it is matched against that
-- vacancy, and a seeker placed on two records of one group (the job on two boards) is
-- placed once. Placements name a vacancy_id, not its source, as they are joined everywhere.
CREATE OR REPLACE TEMP TABLE f_placement AS
WITH counted_as AS (
  SELECT d.vacancy_id AS member_id, any_value(r.vacancy_id) AS representative_id
  FROM vacancy_duplicate d JOIN vacancy_duplicate r ON r.group_id = d.group_id AND r.representative
  WHERE NOT d.representative
  GROUP BY d.vacancy_id
)
SELECT seeker_key, vacancy_id, min(placement_date) AS placement_date, any_value(province_code) AS province_code,
       any_value(regency_code) AS regency_code, any_value(registered_date) AS registered_date,
       s_month(min(placement_date))::INTEGER AS placed_m
FROM (
  SELECT x.seeker_key, coalesce(c.representative_id, x.vacancy_id) AS vacancy_id, x.placement_date, x.province_code, x.regency_code, x.registered_date
  FROM (
    SELECT p.seeker_key, p.vacancy_id, p.placement_date, s.province_code, s.regency_code, s.registered_date
    FROM placement p JOIN seeker s USING (seeker_key)
    UNION ALL
    SELECT s.seeker_key, s.placed_vacancy_id, s.placed_date, s.province_code, s.regency_code, s.registered_date
    FROM seeker s
    WHERE s.placed_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM placement p WHERE p.seeker_key = s.seeker_key)
  ) x LEFT JOIN counted_as c ON c.member_id = x.vacancy_id
)
GROUP BY seeker_key, vacancy_id;
