-- Seekers: the rows without errors replace the records with the same pseudonym (the
-- latest extract wins). Parameters: $file_sha256, $run_id.
DELETE FROM seeker USING good WHERE seeker.seeker_key = good.seeker_key;
DELETE FROM seeker_skill USING good WHERE seeker_skill.seeker_key = good.seeker_key;

INSERT INTO seeker
SELECT seeker_key, source, registered_date, birth_year::INTEGER, gender, province_code, regency_code, education_level,
       field_of_study, preferred_occupation_code, experience_years, disability, status, placed_date, deregistered_date,
       placed_vacancy_id, $file_sha256, $run_id
FROM good;
