-- Seekers: parse the staged text (work.stage) into work.typed, list broken rules in
-- work.errors and keep the other rows in work.good (the file's `work` database); the id
-- becomes its pseudonym here (HMAC-SHA-256 computed in SQL from the key's inner and outer
-- pads, $ipad and $opad), and no error ever carries the clear id.
-- Parameters: $mdy, $today, $ipad, $opad, $number_locale ('id', 'en' or ''), $expected_seeker_status.

CREATE OR REPLACE TABLE work.number_locale AS
SELECT s_column_locale($number_locale, s_num_locale(experience_years)) AS experience_years FROM (SELECT DISTINCT experience_years FROM work.stage);

-- Each distinct spelling of a date, number, text or enumerated value parsed once, then
-- joined back: the regular expressions of macros.sql cost far more per row than a hash
-- join on a table of a few thousand values.
CREATE OR REPLACE TABLE work.lk_date AS
SELECT v, s_date(v, $mdy) AS d FROM (SELECT DISTINCT unnest([registered_date, birth_date, placed_date, deregistered_date]) AS v FROM work.stage) WHERE v IS NOT NULL;

CREATE OR REPLACE TABLE work.lk_count AS
SELECT v, s_count(v, nl.experience_years) AS n, s_num_ambiguous(v) AS ambiguous
FROM (SELECT DISTINCT experience_years AS v FROM work.stage WHERE experience_years IS NOT NULL) CROSS JOIN work.number_locale nl;

CREATE OR REPLACE TABLE work.lk_number AS
SELECT v, s_number(v) AS n FROM (SELECT DISTINCT unnest([birth_year, age]) AS v FROM work.stage) WHERE v IS NOT NULL;

CREATE OR REPLACE TABLE work.lk_text AS
SELECT v, s_text(v) AS t FROM (SELECT DISTINCT field_of_study AS v FROM work.stage) WHERE v IS NOT NULL;

CREATE OR REPLACE TABLE work.lk_enum_written AS
SELECT w.domain, w.v, e.canonical
FROM (SELECT DISTINCT unnest(['gender', 'disability', 'seeker_status']) AS domain, unnest([gender, disability, status]) AS v FROM work.stage) w
JOIN lk_enum e ON e.domain = w.domain AND e.value = s_enum_key(w.v);

CREATE OR REPLACE TABLE work.typed AS
SELECT
  s.line,
  s.__too_many_fields,
  -- A mapping path into a cell that is no JSON or Python-literal object (stage.ts).
  s.__unreadable, s.__unreadable_value,
  s.source,
  s_pseudonym(s.seeker_id, $ipad, $opad) AS seeker_key,
  s.seeker_id IS NULL AS seeker_id_missing,
  length(s.seeker_id) AS seeker_id_length,
  s.registered_date AS registered_raw, dr.d AS registered_date,
  s.birth_year AS birth_year_raw, s.age AS age_raw, s.birth_date AS birth_date_raw,
  -- Birth year from the year, else from the age at registration, else from a date of birth (read for its year only).
  coalesce(nb.n, year(dr.d) - na.n, year(db.d)) AS birth_year,
  s.gender AS gender_raw, g.canonical AS gender,
  s.province_code AS province_raw, s.regency_code AS regency_raw, s.location AS location_raw,
  coalesce(rr.province_code, lr.province_code, pr.province_code) AS province_code,
  coalesce(rr.regency_code, lr.regency_code, CASE WHEN pr.regency_code IS NOT NULL AND s.regency_code IS NULL THEN pr.regency_code END) AS regency_code,
  pr.province_code AS province_from_column,
  coalesce(rr.province_code, lr.province_code) AS province_from_regency,
  -- Every value given names the whole country ("Indonesia"): no place for a seeker, who is
  -- counted where they registered (vacancies may be national, seekers not).
  (coalesce(pr.national, true) AND coalesce(rr.national, true) AND coalesce(lr.national, true)) AS national_only,
  s.education_level AS education_raw, CASE WHEN s.education_level IS NULL THEN 'unknown' ELSE e.code END AS education_level,
  tf.t AS field_of_study,
  s.preferred_occupation_code AS occupation_raw, oc.code AS preferred_occupation_code,
  s.experience_years AS experience_raw, ne.n AS experience_years,
  coalesce(ne.ambiguous, false) AND nl.experience_years IS NULL AS experience_ambiguous,
  s.disability AS disability_raw, d.canonical::BOOLEAN AS disability,
  s.status AS status_raw, st.canonical AS status,
  s.placed_date AS placed_raw, dp.d AS placed_date,
  s.deregistered_date AS deregistered_raw, dd.d AS deregistered_date,
  s.placed_vacancy_id,
  s.skills
FROM work.stage s
CROSS JOIN work.number_locale nl
LEFT JOIN work.lk_region pr ON pr.value = s.province_code
LEFT JOIN work.lk_region rr ON rr.value = s.regency_code
LEFT JOIN work.lk_region lr ON lr.value = s.location
LEFT JOIN work.lk_education e ON e.value = s.education_level
LEFT JOIN work.lk_enum_written g ON g.domain = 'gender' AND g.v = s.gender
LEFT JOIN work.lk_enum_written d ON d.domain = 'disability' AND d.v = s.disability
LEFT JOIN work.lk_enum_written st ON st.domain = 'seeker_status' AND st.v = s.status
LEFT JOIN lk_isco oc ON oc.code = trim(s.preferred_occupation_code)
LEFT JOIN work.lk_date dr ON dr.v = s.registered_date
LEFT JOIN work.lk_date db ON db.v = s.birth_date
LEFT JOIN work.lk_date dp ON dp.v = s.placed_date
LEFT JOIN work.lk_date dd ON dd.v = s.deregistered_date
LEFT JOIN work.lk_number nb ON nb.v = s.birth_year
LEFT JOIN work.lk_number na ON na.v = s.age
LEFT JOIN work.lk_count ne ON ne.v = s.experience_years
LEFT JOIN work.lk_text tf ON tf.v = s.field_of_study;

CREATE OR REPLACE TABLE work.errors AS
SELECT line, column_name, value, reason FROM (
  SELECT line, NULL AS column_name, NULL AS value, 'row has more fields than the header' AS reason FROM work.typed WHERE __too_many_fields
  UNION ALL SELECT line, __unreadable, CASE WHEN __unreadable = 'seeker_id' THEN '[seeker_id]' ELSE __unreadable_value END, 'not a JSON or Python-literal object (the mapping reads a path inside it)' FROM work.typed WHERE __unreadable IS NOT NULL
  UNION ALL SELECT line, 'seeker_id', NULL, 'missing required value' FROM work.typed WHERE seeker_id_missing
  UNION ALL SELECT line, 'seeker_id', NULL, 'value too long (at most 100 characters)' FROM work.typed WHERE seeker_id_length > 100
  UNION ALL SELECT line, 'seeker_id', NULL, 'duplicate seeker_id in this file (first at line ' || first_line || ')'
            FROM work.typed JOIN (SELECT seeker_key, min(line) AS first_line FROM work.typed WHERE seeker_key IS NOT NULL GROUP BY ALL HAVING count(*) > 1) USING (seeker_key)
            WHERE line > first_line
  UNION ALL SELECT line, 'registered_date', NULL, 'missing required value' FROM work.typed WHERE registered_raw IS NULL
  UNION ALL SELECT line, 'registered_date', registered_raw, 'invalid date (expected yyyy-mm-dd, dd/mm/yyyy or an Excel serial date)' FROM work.typed WHERE registered_raw IS NOT NULL AND registered_date IS NULL
  UNION ALL SELECT line, 'registered_date', registered_raw, 'date out of range (1990 to a year from now)' FROM work.typed WHERE NOT s_date_ok(registered_date, $today::DATE)
  UNION ALL SELECT line, 'placed_date', placed_raw, 'invalid date (expected yyyy-mm-dd, dd/mm/yyyy or an Excel serial date)' FROM work.typed WHERE placed_raw IS NOT NULL AND placed_date IS NULL
  UNION ALL SELECT line, 'deregistered_date', deregistered_raw, 'invalid date (expected yyyy-mm-dd, dd/mm/yyyy or an Excel serial date)' FROM work.typed WHERE deregistered_raw IS NOT NULL AND deregistered_date IS NULL
  UNION ALL SELECT line, 'placed_date', placed_raw, 'placed before registered (registered ' || registered_date || ')' FROM work.typed WHERE placed_date < registered_date
  UNION ALL SELECT line, 'deregistered_date', deregistered_raw, 'deregistered before registered (registered ' || registered_date || ')' FROM work.typed WHERE deregistered_date < registered_date
  UNION ALL SELECT line, 'placed_date', placed_raw, 'date out of range (1990 to a year from now)' FROM work.typed WHERE NOT s_date_ok(placed_date, $today::DATE)
  UNION ALL SELECT line, coalesce(CASE WHEN birth_year_raw IS NOT NULL THEN 'birth_year' END, CASE WHEN age_raw IS NOT NULL THEN 'age' END, 'birth_date'),
                   coalesce(birth_year_raw, age_raw, '(date of birth withheld)'), 'implausible birth year or age (a seeker is 14 to 80 at registration)'
            FROM work.typed WHERE coalesce(birth_year_raw, age_raw, birth_date_raw) IS NOT NULL
              AND (birth_year IS NULL OR (registered_date IS NOT NULL AND (year(registered_date) - birth_year < 14 OR year(registered_date) - birth_year > 80)))
  UNION ALL SELECT line, 'gender', gender_raw, 'unknown gender (expected L/P, M/F, laki-laki/perempuan)' FROM work.typed WHERE gender_raw IS NOT NULL AND gender IS NULL
  UNION ALL SELECT line, coalesce(CASE WHEN province_raw IS NOT NULL THEN 'province_code' END, CASE WHEN regency_raw IS NOT NULL THEN 'regency_code' END, 'location'),
                   coalesce(province_raw, regency_raw, location_raw),
                   CASE WHEN national_only THEN 'the whole country is no region for a job seeker (expected the province or regency where they registered)'
                        ELSE 'unknown region (not a province or regency of Indonesia)' END
            FROM work.typed WHERE province_code IS NULL AND coalesce(province_raw, regency_raw, location_raw) IS NOT NULL
  UNION ALL SELECT line, 'province_code', NULL, 'missing required value (province, regency or location)' FROM work.typed WHERE coalesce(province_raw, regency_raw, location_raw) IS NULL
  UNION ALL SELECT line, 'regency_code', regency_raw, 'regency is not in the province given (' || province_raw || ')' FROM work.typed
            WHERE province_from_column IS NOT NULL AND province_from_regency IS NOT NULL AND province_from_column <> province_from_regency
  UNION ALL SELECT line, 'education_level', education_raw, 'unknown education level' FROM work.typed WHERE education_raw IS NOT NULL AND education_level IS NULL
  UNION ALL SELECT line, 'preferred_occupation_code', occupation_raw, 'unknown ISCO-08 code' FROM work.typed WHERE occupation_raw IS NOT NULL AND preferred_occupation_code IS NULL
  UNION ALL SELECT line, 'experience_years', experience_raw, $ambiguous FROM work.typed WHERE experience_ambiguous
  UNION ALL SELECT line, 'experience_years', experience_raw, 'not a number of years between 0 and 60' FROM work.typed WHERE experience_raw IS NOT NULL AND NOT experience_ambiguous AND (experience_years IS NULL OR experience_years < 0 OR experience_years > 60)
  UNION ALL SELECT line, 'disability', disability_raw, 'not a yes/no value' FROM work.typed WHERE disability_raw IS NOT NULL AND disability IS NULL
  UNION ALL SELECT line, 'status', status_raw, 'unknown status (expected ' || $expected_seeker_status || ')' FROM work.typed WHERE status_raw IS NOT NULL AND status IS NULL
  UNION ALL SELECT line, 'skills', left(skills, 200), 'value too long (' || length(skills) || ' characters, at most 10000)' FROM work.typed WHERE length(skills) > 10000
);

-- The rows without errors: typed itself, less the few quarantined rows (no copy of the file).
ALTER TABLE work.typed RENAME TO good;
DELETE FROM work.good WHERE line IN (SELECT line FROM work.errors);
