-- A skill named in the skills column and in the description counts once, as 'list'.
INSERT INTO vacancy_skill
SELECT g.source, g.vacancy_id, k.skill_id, max(k.origin) AS origin  -- 'list' > 'description'
FROM stage_skill k JOIN good g USING (line)
GROUP BY ALL;
