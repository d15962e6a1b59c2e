-- What the vacancies asking for one skill are (the skill page, /skills/<id>): the vacancies
-- active in $period (DESIGN §4 window: posted by the end of the month, vend = closed, else
-- expiry, else posted + validity days from meta, not before its start) in $region ('ID',
-- a province '32' or a regency '32.73') that require $skill, and their openings
--   by ISCO major group (kind 'occupation', code '' when not coded),
--   by KBLI section (kind 'sector', code '' when not given),
--   by the other skills they require (kind 'skill').
-- Openings count vacancies, not persons: nothing here is withheld. The occupation rows sum
-- to the skill's demand D_k in mart_skill_gaps for the same month and region: both count
-- the vacancies of fs_vacancy_skill (pipelines/sql/marts/21_skill_facts.sql: duplicates
-- left out, f_vacancy's windows), read here in skill order, with no join on text keys.
WITH month AS (
  SELECT mnum FROM dim_period WHERE period = $period
), v AS MATERIALIZED (
  SELECT p.vx, p.openings, coalesce(p.sector_code, '') AS sector, coalesce(left(p.occupation_code, 1), '') AS major
  FROM fs_vacancy_skill p, month t
  WHERE p.skill_id = $skill AND p.posted_m <= t.mnum AND p.end_m >= t.mnum
    AND ($region = 'ID' OR p.province_code = $region OR p.regency_code = $region)
), other AS (
  -- Only the rows of the vacancies above (a small build side probed by fs_vacancy_skill); a skill is listed once per vacancy.
  SELECT o.skill_id, v.openings
  FROM fs_vacancy_skill o JOIN v USING (vx)
  WHERE o.skill_id <> $skill
)
SELECT 'occupation' AS kind, major AS code, sum(openings)::BIGINT AS openings FROM v GROUP BY major
UNION ALL
SELECT 'sector', sector, sum(openings)::BIGINT FROM v GROUP BY sector
UNION ALL
SELECT 'skill', skill_id, sum(openings)::BIGINT FROM other GROUP BY skill_id
ORDER BY kind, openings DESC, code
