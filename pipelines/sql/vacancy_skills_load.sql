-- A skill named in the skills column and in the description counts once, as 'list'.
-- Grouped by the row's line (an integer) before the join: each (source, vacancy_id) of
-- work.good is one line, duplicates being quarantined.
INSERT INTO vacancy_skill BY NAME
SELECT g.source, g.vacancy_id, k.skill_id, k.origin
FROM (SELECT line, skill_id, max(origin) AS origin FROM work.stage_skill GROUP BY line, skill_id) k  -- 'list' > 'description'
JOIN work.good g USING (line);
