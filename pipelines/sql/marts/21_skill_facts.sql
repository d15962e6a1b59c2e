-- Skill facts shaped for the figures computed when a page asks for them (not published as
-- datasets): skill-gaps for a sector, an occupation group or an employment type
-- (core/sql/skill_gaps_filtered.sql) and what the vacancies asking for one skill are
-- (server/pages/sql/skill_context.sql). Each vacancy's and each seeker's skills carry the
-- columns those queries filter and count by, so a request reads one table instead of
-- joining 4 M vacancy-skill and 7 M seeker-skill rows to the facts on their text keys
-- (at full size that join alone took 0.5 s of the 1 s /occupations/72 needed).
-- Duplicates are left out and windows are f_vacancy's and f_seeker's (01_base.sql), as in
-- mart_skill_gaps, so these figures add up to the mart's.

-- One row per (vacancy, skill), in skill order (the skill page reads one skill's rows);
-- vx numbers the vacancies, for "the other skills these vacancies ask for".
CREATE OR REPLACE TABLE fs_vacancy_skill AS
WITH numbered AS (
  SELECT v.*, row_number() OVER (ORDER BY v.source, v.vacancy_id)::INTEGER AS vx FROM f_vacancy v
)
SELECT vs.skill_id, v.vx, v.occupation_code, v.sector_code, v.employment_type, v.province_code, v.regency_code,
       v.posted_m, v.end_m, v.openings
FROM numbered v JOIN vacancy_skill vs USING (source, vacancy_id)
ORDER BY vs.skill_id, v.vx;

-- Seekers holding a skill, counted per preferred occupation, place and window, in
-- occupation order (an occupation group is a prefix: its rows lie together).
CREATE OR REPLACE TABLE fs_seeker_skill AS
SELECT s.preferred_occupation_code, ss.skill_id, s.province_code, s.regency_code, s.registered_m, s.end_m,
       count(*)::INTEGER AS seekers
FROM f_seeker s JOIN seeker_skill ss USING (seeker_key)
GROUP BY ALL
ORDER BY s.preferred_occupation_code, ss.skill_id;
