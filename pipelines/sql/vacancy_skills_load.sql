-- A skill named in the skills column and in the description counts once, as 'list'.
-- Grouped by the row's line (an integer) before the join: each (source, vacancy_id) of
-- `good` is one line, duplicates being quarantined.
INSERT INTO vacancy_skill
SELECT g.source, g.vacancy_id, k.skill_id, k.origin
FROM (SELECT line, skill_id, max(origin) AS origin FROM stage_skill GROUP BY line, skill_id) k  -- 'list' > 'description'
JOIN good g USING (line);
