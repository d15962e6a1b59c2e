-- Seekers from work.good: the rows without errors replace the records with the same
-- pseudonym (the latest extract wins). Parameters: $file_sha256, $run_id.
DELETE FROM seeker USING work.good g WHERE seeker.seeker_key = g.seeker_key;
DELETE FROM seeker_skill USING work.good g WHERE seeker_skill.seeker_key = g.seeker_key;

INSERT INTO seeker BY NAME
SELECT seeker_key, source, registered_date, birth_year::INTEGER AS birth_year, gender, province_code, regency_code, education_level,
       field_of_study, preferred_occupation_code, experience_years, disability, status, placed_date, deregistered_date,
       placed_vacancy_id, $file_sha256 AS file_sha256, $run_id AS run_id
FROM work.good;
