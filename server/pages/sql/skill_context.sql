-- What the vacancies asking for one skill are (the skill page, /skills/<id>): the vacancies
-- active in $period (DESIGN §4 window: posted by the end of the month, vend = closed, else
-- expiry, else posted + validity days from meta, not before its start) in $region ('ID',
-- a province '32' or a regency '32.73') that require $skill, and their openings
--   by ISCO major group (kind 'occupation', code '' when not coded),
--   by KBLI section (kind 'sector', code '' when not given),
--   by the other skills they require (kind 'skill').
-- Openings count vacancies, not persons: nothing here is withheld. The occupation rows sum
-- to the skill's demand D_k in mart_skill_gaps for the same month and region.
WITH meta_values AS (
  SELECT max(value) FILTER (WHERE key = 'vacancy_validity_days')::INTEGER AS vdays FROM meta
), month AS (
  SELECT mnum FROM dim_period WHERE period = $period
), asking AS (
  SELECT DISTINCT source, vacancy_id FROM vacancy_skill WHERE skill_id = $skill
), v AS MATERIALIZED (
  SELECT v.source, v.vacancy_id, v.openings, coalesce(v.sector_code, '') AS sector, coalesce(left(v.occupation_code, 1), '') AS major
  FROM vacancy v JOIN asking USING (source, vacancy_id), meta_values m, month t
  WHERE s_month(v.posted_date) <= t.mnum
    AND s_month(coalesce(v.closed_date, v.expiry_date, v.posted_date + m.vdays)) >= t.mnum
    AND ($region = 'ID' OR v.province_code = $region OR v.regency_code = $region)
), other AS (
  -- Only the rows of the vacancies above (a small build side probed by vacancy_skill), each skill once per vacancy.
  SELECT DISTINCT o.source, o.vacancy_id, o.skill_id, v.openings
  FROM vacancy_skill o JOIN v ON o.source = v.source AND o.vacancy_id = v.vacancy_id
  WHERE o.skill_id <> $skill
)
SELECT 'occupation' AS kind, major AS code, sum(openings)::BIGINT AS openings FROM v GROUP BY major
UNION ALL
SELECT 'sector', sector, sum(openings)::BIGINT FROM v GROUP BY sector
UNION ALL
SELECT 'skill', skill_id, sum(openings)::BIGINT FROM other GROUP BY skill_id
ORDER BY kind, openings DESC, code
