-- stage_skill holds each (line, skill) once and each seeker_key of `good` is one line
-- (duplicates are quarantined), so no DISTINCT over the long pseudonyms is needed.
INSERT INTO seeker_skill
SELECT g.seeker_key, k.skill_id
FROM stage_skill k JOIN good g USING (line);
