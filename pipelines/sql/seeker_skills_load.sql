-- work.stage_skill holds each (line, skill) once and each seeker_key of work.good is one
-- line (duplicates are quarantined), so no DISTINCT over the long pseudonyms is needed.
INSERT INTO seeker_skill BY NAME
SELECT g.seeker_key, k.skill_id
FROM work.stage_skill k JOIN work.good g USING (line);
