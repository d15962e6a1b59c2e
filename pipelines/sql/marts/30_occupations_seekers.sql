-- occupation-demand: period × region × ISCO group at each level present in the code.
CREATE OR REPLACE TEMP TABLE od_vacancy AS
SELECT m AS mnum, province_code, regency_code, isco_code,
       sum(openings) FILTER (WHERE m = posted_m) AS new_openings, sum(openings) AS active_openings
FROM (
  SELECT v.posted_m, v.end_m, v.province_code, v.regency_code, left(v.occupation_code, l) AS isco_code, sum(v.openings) AS openings
  FROM f_vacancy v, range(1, 5) AS r(l)
  WHERE v.occupation_code IS NOT NULL AND l <= length(v.occupation_code)
  GROUP BY ALL
), unnest(range(posted_m, end_m + 1)) AS t(m)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE od_seeker AS
SELECT m AS mnum, province_code, regency_code, isco_code, sum(seekers) AS active_applicants_preferring
FROM (
  SELECT s.registered_m, s.end_m, s.province_code, s.regency_code, left(s.preferred_occupation_code, l) AS isco_code, count(*) AS seekers
  FROM f_seeker s, range(1, 5) AS r(l)
  WHERE s.preferred_occupation_code IS NOT NULL AND l <= length(s.preferred_occupation_code)
  GROUP BY ALL
), unnest(range(registered_m, end_m + 1)) AS t(m)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE od_base AS
SELECT mnum, province_code, regency_code, isco_code,
       coalesce(sum(new_openings), 0) AS new_openings, coalesce(sum(active_openings), 0) AS active_openings,
       coalesce(sum(active_applicants_preferring), 0) AS active_applicants_preferring
FROM (SELECT * FROM od_vacancy UNION ALL BY NAME SELECT * FROM od_seeker)
GROUP BY ALL;

CREATE OR REPLACE TABLE mart_occupation_demand AS
WITH levels AS (
  SELECT mnum, 'ID' AS region_code, isco_code, sum(COLUMNS(* EXCLUDE (mnum, province_code, regency_code, isco_code))) FROM od_base GROUP BY mnum, isco_code
  UNION ALL
  -- national vacancies (no province) count in ID only
  SELECT mnum, province_code, isco_code, sum(COLUMNS(* EXCLUDE (mnum, province_code, regency_code, isco_code))) FROM od_base WHERE province_code IS NOT NULL GROUP BY mnum, province_code, isco_code
  UNION ALL
  SELECT mnum, regency_code, isco_code, sum(COLUMNS(* EXCLUDE (mnum, province_code, regency_code, isco_code))) FROM od_base WHERE regency_code IS NOT NULL GROUP BY mnum, regency_code, isco_code
)
SELECT p.period, l.region_code, l.isco_code, length(l.isco_code) AS isco_level, i.title_id, i.title_en,
       l.new_openings::BIGINT AS new_openings, l.active_openings::BIGINT AS active_openings,
       l.active_applicants_preferring::BIGINT AS active_applicants_preferring
FROM levels l JOIN dim_period p USING (mnum) JOIN dim_isco i ON i.code = l.isco_code
ORDER BY p.period, l.region_code, l.isco_code;

-- seeker-profile: period × region × dimension × category. Age is the age reached in the
-- period's year; area type is that of the seeker's regency (KOTA urban, KABUPATEN rural).
CREATE OR REPLACE TEMP TABLE sp_seeker AS
SELECT s.registered_m, s.end_m, s.province_code, s.regency_code,
       coalesce(s.gender, 'unknown') AS gender, s.birth_year,
       s.education_level AS education,
       CASE WHEN s.disability THEN 'yes' WHEN NOT s.disability THEN 'no' ELSE 'unknown' END AS disability,
       coalesce(r.area_type, 'unknown') AS area_type,
       count(*) AS seekers
FROM f_seeker s LEFT JOIN dim_region r ON r.region_code = s.regency_code
GROUP BY ALL;

CREATE OR REPLACE TEMP MACRO s_age_group(age) AS (
  CASE WHEN age IS NULL OR age < 15 THEN 'unknown' WHEN age < 25 THEN '15-24' WHEN age < 35 THEN '25-34'
       WHEN age < 45 THEN '35-44' WHEN age < 55 THEN '45-54' ELSE '55+' END);

CREATE OR REPLACE TEMP TABLE sp_months AS
SELECT m AS mnum, province_code, regency_code, gender, s_age_group((m // 12) - birth_year) AS age_group, education, disability, area_type,
       sum(seekers) AS active_applicants, sum(seekers) FILTER (WHERE m = registered_m) AS new_applicants
FROM sp_seeker, unnest(range(registered_m, end_m + 1)) AS t(m)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE sp_placed AS
SELECT p.placed_m AS mnum, s.province_code, s.regency_code, coalesce(s.gender, 'unknown') AS gender,
       s_age_group((p.placed_m // 12) - s.birth_year) AS age_group, s.education_level AS education,
       CASE WHEN s.disability THEN 'yes' WHEN NOT s.disability THEN 'no' ELSE 'unknown' END AS disability,
       coalesce(r.area_type, 'unknown') AS area_type, count(*) AS placements
FROM f_placement p JOIN f_seeker s USING (seeker_key) LEFT JOIN dim_region r ON r.region_code = s.regency_code
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE sp_base AS
SELECT mnum, province_code, regency_code, dimension, category,
       coalesce(sum(active_applicants), 0) AS active_applicants, coalesce(sum(new_applicants), 0) AS new_applicants, coalesce(sum(placements), 0) AS placements
FROM (
  SELECT mnum, province_code, regency_code, active_applicants, new_applicants, NULL::BIGINT AS placements,
         unnest(['gender', 'age_group', 'education', 'disability', 'area_type']) AS dimension,
         unnest([gender, age_group, education, disability, area_type]) AS category
  FROM sp_months
  UNION ALL
  SELECT mnum, province_code, regency_code, NULL, NULL, placements,
         unnest(['gender', 'age_group', 'education', 'disability', 'area_type']),
         unnest([gender, age_group, education, disability, area_type])
  FROM sp_placed
)
GROUP BY ALL;

CREATE OR REPLACE TABLE mart_seeker_profile AS
WITH levels AS (
  SELECT mnum, 'ID' AS region_code, dimension, category, sum(active_applicants) AS active_applicants, sum(new_applicants) AS new_applicants, sum(placements) AS placements FROM sp_base GROUP BY ALL
  UNION ALL
  SELECT mnum, province_code, dimension, category, sum(active_applicants), sum(new_applicants), sum(placements) FROM sp_base GROUP BY mnum, province_code, dimension, category
  UNION ALL
  SELECT mnum, regency_code, dimension, category, sum(active_applicants), sum(new_applicants), sum(placements) FROM sp_base WHERE regency_code IS NOT NULL GROUP BY mnum, regency_code, dimension, category
)
SELECT p.period, l.region_code, l.dimension, l.category,
       l.active_applicants::BIGINT AS active_applicants, l.new_applicants::BIGINT AS new_applicants, l.placements::BIGINT AS placements,
       l.placements / nullif(l.new_applicants, 0) AS placement_rate   -- PL / NA within the group
FROM levels l JOIN dim_period p USING (mnum)
ORDER BY p.period, l.region_code, l.dimension, l.category;
