-- occupation-demand: period × region × ISCO group at each level present in the code.
-- Active openings and applicants preferring a group are stocks: each window adds its count
-- in its first month and takes it back the month after its last (s_window_edges), the
-- changes are rolled up to the three region levels in one pass (s_regions; national
-- vacancies count in ID only), and a running sum per region and group gives the stock
-- until the next change (as in 20_skills.sql). New openings are counted in the month of
-- posting.
CREATE OR REPLACE TEMP TABLE od_delta AS
WITH vw AS (
  SELECT v.province_code, v.regency_code, left(v.occupation_code, l) AS isco_code, v.openings, v.posted_m AS from_m, v.end_m AS to_m
  FROM f_vacancy v, range(1, 5) AS r(l)
  WHERE v.occupation_code IS NOT NULL AND l <= length(v.occupation_code)
), sw AS (
  SELECT s.province_code, s.regency_code, left(s.preferred_occupation_code, l) AS isco_code, s.registered_m AS from_m, s.end_m AS to_m
  FROM f_seeker s, range(1, 5) AS r(l)
  WHERE s.preferred_occupation_code IS NOT NULL AND l <= length(s.preferred_occupation_code)
), changes AS (
  SELECT province_code, regency_code, isco_code, m, CASE WHEN sign = 1 THEN openings ELSE 0 END AS new_openings, openings * sign AS openings, 0 AS seekers FROM s_window_edges(vw)
  UNION ALL
  SELECT province_code, regency_code, isco_code, m, 0, 0, sign FROM s_window_edges(sw)
)
-- summed per place first: the roll-up then reads one row per (place, group, month)
SELECT province_code, regency_code, isco_code, m, sum(new_openings) AS new_openings, sum(openings) AS openings, sum(seekers) AS seekers
FROM changes
GROUP BY ALL;

CREATE OR REPLACE TABLE mart_occupation_demand AS
WITH changes AS (
  SELECT region_code, isco_code, m, sum(new_openings) AS new_openings, sum(openings) AS openings, sum(seekers) AS seekers
  FROM s_regions(od_delta) GROUP BY ALL
), levels AS (
  SELECT m AS mnum, region_code, isco_code,
         CASE WHEN m = from_m THEN new_openings ELSE 0 END AS new_openings, active_openings, active_applicants_preferring
  FROM (
    SELECT region_code, isco_code, m AS from_m, new_openings,
           coalesce(lead(m) OVER w, (SELECT max(mnum) FROM dim_period) + 1) AS next_m,
           sum(openings) OVER w AS active_openings, sum(seekers) OVER w AS active_applicants_preferring
    FROM changes
    WINDOW w AS (PARTITION BY region_code, isco_code ORDER BY m)
  ), unnest(range(from_m, next_m)) AS t(m)
  WHERE active_openings <> 0 OR active_applicants_preferring <> 0
)
SELECT p.period, l.region_code, l.isco_code, length(l.isco_code) AS isco_level, i.title_id, i.title_en,
       l.new_openings::BIGINT AS new_openings, l.active_openings::BIGINT AS active_openings,
       l.active_applicants_preferring::BIGINT AS active_applicants_preferring
FROM levels l JOIN dim_period p USING (mnum) JOIN dim_isco i ON i.code = l.isco_code
LEFT JOIN o_region o_r ON o_r.region_code = l.region_code LEFT JOIN o_isco o_i ON o_i.isco_code = l.isco_code
ORDER BY p.mnum, o_r.region_rank, o_i.isco_rank;  -- period, region_code, isco_code

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
WITH w AS (SELECT *, registered_m AS from_m, end_m AS to_m FROM sp_seeker)
SELECT mnum, province_code, regency_code, gender, s_age_group((mnum // 12) - birth_year) AS age_group, education, disability, area_type,
       sum(seekers) AS active_applicants, sum(seekers) FILTER (WHERE mnum = registered_m) AS new_applicants
FROM s_active_months(w)
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
  SELECT mnum, region_code, dimension, category, sum(active_applicants) AS active_applicants, sum(new_applicants) AS new_applicants, sum(placements) AS placements
  FROM s_regions(sp_base) GROUP BY ALL
)
SELECT p.period, l.region_code, l.dimension, l.category,
       l.active_applicants::BIGINT AS active_applicants, l.new_applicants::BIGINT AS new_applicants, l.placements::BIGINT AS placements,
       l.placements / nullif(l.new_applicants, 0) AS placement_rate   -- PL / NA within the group
FROM levels l JOIN dim_period p USING (mnum)
ORDER BY p.period, l.region_code, l.dimension, l.category;
