-- Vacancies from work.good: the rows without errors replace the records with the same
-- (source, vacancy_id) — the latest extract wins — and bring their skills (work.stage_skill,
-- vacancy_skills_load.sql). Parameters: $file_sha256, $run_id.

DELETE FROM vacancy USING work.good g WHERE vacancy.source = g.source AND vacancy.vacancy_id = g.vacancy_id;
DELETE FROM vacancy_skill USING work.good g WHERE vacancy_skill.source = g.source AND vacancy_skill.vacancy_id = g.vacancy_id;

INSERT INTO vacancy BY NAME
SELECT source, vacancy_id, posted_date, closed_date, expiry_date, status, employment_type, applications::INTEGER AS applications,
       job_title, occupation_code, occupation_coded_by, occupation_confidence, sector_code, province_code, regency_code,
       education_min, experience_min_years, openings::INTEGER AS openings, salary_min, salary_max,
       $file_sha256 AS file_sha256, $run_id AS run_id, employer,
       -- A bottom-k sketch of the description's words (00_duplicates.sql compares two by their overlap).
       CASE WHEN description IS NOT NULL THEN
         list_slice(list_sort(list_distinct(list_transform(list_filter(string_split(s_norm(description), ' '), w -> length(w) > 2), w -> (hash(w) % 4294967296)::UINTEGER))), 1, 48) END AS description_sketch
FROM work.good;
