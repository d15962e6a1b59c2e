INSERT INTO seeker_skill
SELECT DISTINCT g.seeker_key, k.skill_id
FROM stage_skill k JOIN good g USING (line);
