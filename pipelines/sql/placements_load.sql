-- Placements from work.good: counted once per (seeker, vacancy), a later extract replacing
-- the earlier record. Parameters: $file_sha256, $run_id.
DELETE FROM placement USING work.good g WHERE placement.seeker_key = g.seeker_key AND placement.vacancy_id = g.vacancy_id;

INSERT INTO placement BY NAME
SELECT seeker_key, source, vacancy_id, placement_date, $file_sha256 AS file_sha256, $run_id AS run_id
FROM work.good;
