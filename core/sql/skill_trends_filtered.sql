-- skill-trends for the vacancies of one employment type (issue 16), computed at request time
-- with the rules of 20_skills.sql (growth over the last three months against the three before,
-- emerging) from vacancies of that type, each duplicate group once. The five months before
-- `from` are read too, so growth_3m is defined from the first period asked.
-- Parameters: $employment_type, $from, $to (periods).
WITH meta_values AS (
  SELECT max(value) FILTER (WHERE key = 'emerging_growth')::DOUBLE AS growth_n,
         max(value) FILTER (WHERE key = 'emerging_min_openings')::INTEGER AS min_n
  FROM meta
), months AS (
  SELECT mnum, period FROM dim_period WHERE period BETWEEN $from AND $to
), base AS (
  SELECT s_month(v.posted_date) AS mnum, v.province_code, v.regency_code, vs.skill_id, sum(v.openings) AS openings
  FROM vacancy v JOIN vacancy_skill vs USING (source, vacancy_id)
  WHERE v.employment_type = $employment_type
    AND s_month(v.posted_date) BETWEEN (SELECT min(mnum) - 5 FROM months) AND (SELECT max(mnum) FROM months)
    AND NOT EXISTS (SELECT 1 FROM vacancy_duplicate d WHERE d.source = v.source AND d.vacancy_id = v.vacancy_id AND NOT d.representative)
  GROUP BY ALL
), levels AS (
  -- the three region levels in one pass (s_regions, pipelines/sql/macros.sql)
  SELECT mnum, region_code, skill_id, sum(openings) AS openings FROM s_regions(base) GROUP BY ALL
), w AS (
  SELECT l.mnum + d AS mnum, l.region_code, l.skill_id,
         sum(l.openings) FILTER (WHERE d = 0) AS this_month,
         sum(l.openings) FILTER (WHERE d <= 2) AS last3,
         sum(l.openings) FILTER (WHERE d >= 3) AS prev3
  FROM levels l, range(0, 6) AS r(d)
  GROUP BY ALL
)
SELECT t.period, w.region_code, w.skill_id, k.label_id AS skill_label_id, k.label_en AS skill_label_en, k.skill_group,
       coalesce(w.this_month, 0)::BIGINT AS new_openings_requiring,
       coalesce(w.last3, 0)::BIGINT AS openings_last_3m,
       coalesce(w.prev3, 0)::BIGINT AS openings_previous_3m,
       CASE WHEN w.mnum - (SELECT min(mnum) FROM dim_period) >= 5 AND coalesce(w.prev3, 0) > 0
            THEN coalesce(w.last3, 0) / w.prev3 - 1 END AS growth_3m,
       coalesce(w.mnum - (SELECT min(mnum) FROM dim_period) >= 5 AND coalesce(w.prev3, 0) > 0
                AND coalesce(w.last3, 0) / w.prev3 - 1 >= m.growth_n
                AND coalesce(w.last3, 0) >= m.min_n, false) AS emerging
FROM w JOIN months t USING (mnum) JOIN dim_skill k USING (skill_id), meta_values m
WHERE coalesce(w.last3, 0) + coalesce(w.prev3, 0) > 0
