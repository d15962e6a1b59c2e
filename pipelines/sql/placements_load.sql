-- A placement is counted once per (seeker, vacancy): a later extract replaces it.
DELETE FROM placement USING good WHERE placement.seeker_key = good.seeker_key AND placement.vacancy_id = good.vacancy_id;
INSERT INTO placement SELECT seeker_key, source, vacancy_id, placement_date, $file_sha256, $run_id FROM good;
