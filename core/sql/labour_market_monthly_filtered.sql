-- labour-market-monthly for the vacancies of one employment type (issue 16), computed at
-- request time with the rules of 10_labour_market.sql. The vacancy side (new and active
-- openings, days to fill, applications per opening) comes from vacancies of that type, each
-- duplicate group counted once (00_duplicates.sql); the seeker side (applicants, placements,
-- days to placement, provisional) is every seeker's, read from the mart, as for a sector:
-- seekers have no employment type. fill_rate counts the placements into vacancies of the type.
-- Parameters: $employment_type, $from, $to (periods).
WITH meta_values AS (
  SELECT max(value) FILTER (WHERE key = 'vacancy_validity_days')::INTEGER AS vdays FROM meta
), months AS (
  SELECT mnum, period FROM dim_period WHERE period BETWEEN $from AND $to
), v AS (
  SELECT v.source, v.vacancy_id, v.province_code, v.regency_code, v.openings, v.applications, v.status, v.posted_date, v.closed_date,
         s_month(v.posted_date) AS posted_m,
         least((SELECT max(mnum) FROM dim_period), s_month(coalesce(v.closed_date, v.expiry_date, v.posted_date + m.vdays))) AS end_m
  FROM vacancy v, meta_values m
  WHERE v.employment_type = $employment_type
    AND NOT EXISTS (SELECT 1 FROM vacancy_duplicate d WHERE d.source = v.source AND d.vacancy_id = v.vacancy_id AND NOT d.representative)
), base AS (
  SELECT t.mnum, v.province_code, v.regency_code,
         sum(v.openings) FILTER (WHERE t.mnum = v.posted_m) AS new_openings,
         sum(v.openings) AS active_openings,
         sum(v.applications) FILTER (WHERE t.mnum = v.posted_m AND v.applications IS NOT NULL) AS applications,
         sum(v.openings) FILTER (WHERE t.mnum = v.posted_m AND v.applications IS NOT NULL) AS openings_counting_applications
  FROM v JOIN months t ON t.mnum BETWEEN v.posted_m AND v.end_m
  GROUP BY ALL
), levels AS (
  SELECT mnum, 'ID' AS region_code, sum(COLUMNS(* EXCLUDE (mnum, province_code, regency_code))) FROM base GROUP BY mnum
  UNION ALL SELECT mnum, province_code, sum(COLUMNS(* EXCLUDE (mnum, province_code, regency_code))) FROM base WHERE province_code IS NOT NULL GROUP BY mnum, province_code
  UNION ALL SELECT mnum, regency_code, sum(COLUMNS(* EXCLUDE (mnum, province_code, regency_code))) FROM base WHERE regency_code IS NOT NULL GROUP BY mnum, regency_code
), fill AS (
  SELECT s_month(closed_date) AS mnum,
         CASE WHEN GROUPING(province_code) = 1 THEN 'ID' WHEN GROUPING(regency_code) = 1 THEN province_code ELSE regency_code END AS region_code,
         median(closed_date - posted_date) AS median_days_to_fill, quantile_cont(closed_date - posted_date, 0.75) AS p75_days_to_fill, count(*) AS filled_vacancies
  FROM v WHERE status = 'filled' AND closed_date IS NOT NULL AND s_month(closed_date) IN (SELECT mnum FROM months)
  GROUP BY GROUPING SETS ((mnum), (mnum, province_code), (mnum, province_code, regency_code))
  HAVING NOT (GROUPING(regency_code) = 0 AND regency_code IS NULL) AND NOT (GROUPING(province_code) = 0 AND province_code IS NULL)
), placed AS (
  -- placements into vacancies of the type, in the seeker's region (as the mart counts placements);
  -- a placement on a duplicate is one into its group's representative (01_base.sql, f_placement)
  SELECT s_month(p.placement_date) AS mnum,
         CASE WHEN GROUPING(s.province_code) = 1 THEN 'ID' WHEN GROUPING(s.regency_code) = 1 THEN s.province_code ELSE s.regency_code END AS region_code,
         count(DISTINCT (p.seeker_key, p.vacancy_id)) AS placements
  FROM (SELECT x.seeker_key, coalesce(c.representative_id, x.vacancy_id) AS vacancy_id, x.placement_date
        FROM (SELECT seeker_key, vacancy_id, placement_date FROM placement
              UNION SELECT seeker_key, placed_vacancy_id, placed_date FROM seeker WHERE placed_date IS NOT NULL AND placed_vacancy_id IS NOT NULL) x
        LEFT JOIN (SELECT d.vacancy_id AS member_id, any_value(r.vacancy_id) AS representative_id
                   FROM vacancy_duplicate d JOIN vacancy_duplicate r ON r.group_id = d.group_id AND r.representative
                   WHERE NOT d.representative GROUP BY d.vacancy_id) c ON c.member_id = x.vacancy_id) p
  JOIN seeker s USING (seeker_key)
  WHERE p.vacancy_id IN (SELECT vacancy_id FROM v) AND s_month(p.placement_date) IN (SELECT mnum FROM months)
  GROUP BY GROUPING SETS ((mnum), (mnum, s.province_code), (mnum, s.province_code, s.regency_code))
  HAVING NOT (GROUPING(s.regency_code) = 0 AND s.regency_code IS NULL)
)
SELECT lm.period, lm.region_code,
       coalesce(l.new_openings, 0)::BIGINT AS new_openings,
       coalesce(l.active_openings, 0)::BIGINT AS active_openings,
       lm.new_applicants, lm.active_applicants,
       l.active_openings / nullif(lm.active_applicants, 0) AS active_ratio,
       l.new_openings / nullif(lm.new_applicants, 0) AS new_ratio,
       lm.placements, lm.placement_rate,
       coalesce(pl.placements, 0) / nullif(l.new_openings, 0) AS fill_rate,
       f.median_days_to_fill::DOUBLE AS median_days_to_fill,
       f.p75_days_to_fill::DOUBLE AS p75_days_to_fill,
       coalesce(f.filled_vacancies, 0)::BIGINT AS filled_vacancies,
       lm.median_days_to_placement, lm.placed_seekers,
       l.applications / nullif(l.openings_counting_applications, 0) AS applications_per_opening,
       lm.provisional
FROM mart_labour_market_monthly lm
JOIN months t ON t.period = lm.period
LEFT JOIN levels l ON l.mnum = t.mnum AND l.region_code = lm.region_code
LEFT JOIN fill f ON f.mnum = t.mnum AND f.region_code = lm.region_code
LEFT JOIN placed pl ON pl.mnum = t.mnum AND pl.region_code = lm.region_code
