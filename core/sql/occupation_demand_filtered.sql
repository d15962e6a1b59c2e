-- occupation-demand for the vacancies of one employment type (issue 16), computed at request
-- time with the rules of 30_occupations_seekers.sql: openings from vacancies of that type (each
-- duplicate group once), seekers preferring the occupation from the mart (every seeker:
-- seekers have no employment type). Rows where both are zero are left out, as in the mart.
-- Parameters: $employment_type, $from, $to (periods).
WITH meta_values AS (
  SELECT max(value) FILTER (WHERE key = 'vacancy_validity_days')::INTEGER AS vdays FROM meta
), months AS (
  SELECT mnum, period FROM dim_period WHERE period BETWEEN $from AND $to
), v AS (
  SELECT v.province_code, v.regency_code, v.occupation_code, v.openings,
         s_month(v.posted_date) AS posted_m, s_month(v.posted_date) AS from_m,
         least((SELECT max(mnum) FROM dim_period), s_month(coalesce(v.closed_date, v.expiry_date, v.posted_date + m.vdays))) AS to_m
  FROM vacancy v, meta_values m
  WHERE v.employment_type = $employment_type AND v.occupation_code IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM vacancy_duplicate d WHERE d.source = v.source AND d.vacancy_id = v.vacancy_id AND NOT d.representative)
), base AS (
  -- the months asked of each window, the three region levels in one pass (pipelines/sql/macros.sql)
  SELECT mnum, province_code, regency_code, left(occupation_code, l) AS isco_code,
         sum(openings) FILTER (WHERE mnum = posted_m) AS new_openings, sum(openings) AS active_openings
  FROM s_active_months(v, (SELECT min(mnum) FROM months), (SELECT max(mnum) FROM months)), range(1, 5) AS r(l)
  WHERE l <= length(occupation_code)
  GROUP BY ALL
), levels AS (
  SELECT mnum, region_code, isco_code, sum(new_openings) AS new_openings, sum(active_openings) AS active_openings FROM s_regions(base) GROUP BY ALL
)
SELECT od.period, od.region_code, od.isco_code, od.isco_level, od.title_id, od.title_en,
       coalesce(l.new_openings, 0)::BIGINT AS new_openings, coalesce(l.active_openings, 0)::BIGINT AS active_openings,
       od.active_applicants_preferring
FROM mart_occupation_demand od
JOIN months t ON t.period = od.period
LEFT JOIN levels l ON l.mnum = t.mnum AND l.region_code = od.region_code AND l.isco_code = od.isco_code
WHERE coalesce(l.active_openings, 0) > 0 OR od.active_applicants_preferring > 0
