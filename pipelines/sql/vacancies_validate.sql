-- Vacancies: parse the staged text (work.stage) into work.typed, then list every broken
-- rule in work.errors (one row per problem; a row with any problem is quarantined whole)
-- and keep the other rows in work.good. Work tables live in the file's `work` database;
-- lk_enum, lk_isco and lk_kbli are the run's (lookups.ts createStaticLookups).
-- Parameters: $mdy (date order), $today (the run's date), $number_locale ('id', 'en' or ''),
-- $expected_<enum> (the stored values of core/enums.ts, as a message names them).

-- How each numeric column writes its numbers (macros.sql s_count): declared, or shown by its values.
CREATE OR REPLACE TABLE work.number_locale AS
SELECT s_column_locale($number_locale, s_num_locale(applications)) AS applications,
       s_column_locale($number_locale, s_num_locale(openings)) AS openings,
       s_column_locale($number_locale, s_num_locale(experience_min_years)) AS experience_min_years
FROM (SELECT DISTINCT applications, openings, experience_min_years FROM work.stage);

-- Each distinct spelling of a date, number, amount, title, code or enumerated value parsed
-- once, then joined back: the regular expressions of macros.sql cost far more per row
-- than a hash join on a table of a few thousand values.
CREATE OR REPLACE TABLE work.lk_date AS
SELECT v, s_date(v, $mdy) AS d FROM (SELECT DISTINCT unnest([posted_date, closed_date, expiry_date]) AS v FROM work.stage) WHERE v IS NOT NULL;

CREATE OR REPLACE TABLE work.lk_count AS
SELECT c, v, s_count(v, CASE c WHEN 'applications' THEN nl.applications WHEN 'openings' THEN nl.openings ELSE nl.experience_min_years END) AS n,
       s_num_ambiguous(v) AS ambiguous
FROM (SELECT DISTINCT unnest(['applications', 'openings', 'experience_min_years']) AS c, unnest([applications, openings, experience_min_years]) AS v FROM work.stage)
CROSS JOIN work.number_locale nl WHERE v IS NOT NULL;

CREATE OR REPLACE TABLE work.lk_amount AS
SELECT v, s_amount(v) AS amount FROM (SELECT DISTINCT unnest([salary_min, salary_max]) AS v FROM work.stage) WHERE v IS NOT NULL;

-- Titles and employers: each distinct text's spaces collapsed, and whether it looks like a formula, once.
CREATE OR REPLACE TABLE work.lk_text AS
SELECT v, s_text(v) AS t, s_formula(v) AS formula FROM (SELECT DISTINCT unnest([job_title, employer]) AS v FROM work.stage) WHERE v IS NOT NULL;

-- Enumerations through their synonyms; "fullTime,contract" counts as its first item.
CREATE OR REPLACE TABLE work.lk_enum_written AS
SELECT w.domain, w.v, e.canonical
FROM (SELECT DISTINCT unnest(['vacancy_status', 'employment_type']) AS domain, unnest([status, employment_type]) AS v FROM work.stage) w
JOIN lk_enum e ON e.domain = w.domain AND e.value = s_enum_key(split_part(w.v, ',', 1));

-- A KBLI section letter, or the section of a 2-5 digit KBLI code's division.
CREATE OR REPLACE TABLE work.lk_sector AS
SELECT v, kb.section FROM (SELECT DISTINCT sector_code AS v FROM work.stage WHERE sector_code IS NOT NULL)
JOIN lk_kbli kb ON kb.code = CASE WHEN regexp_full_match(trim(v), '\d{2,5}') THEN left(trim(v), 2) ELSE upper(trim(v)) END;

CREATE OR REPLACE TABLE work.typed AS
SELECT
  s.line,
  s.__too_many_fields,
  -- A mapping path into a cell that is no JSON or Python-literal object (stage.ts).
  s.__unreadable, s.__unreadable_value,
  s.source,
  s.vacancy_id,
  s.posted_date AS posted_raw,   dp.d AS posted_date,
  s.closed_date AS closed_raw,   dc.d AS closed_date,
  s.expiry_date AS expiry_raw,   dx.d AS expiry_date,
  s.status AS status_raw,        st.canonical AS status,
  s.employment_type AS employment_raw, et.canonical AS employment_type,
  s.applications AS applications_raw, na.n AS applications,
  coalesce(na.ambiguous, false) AND nl.applications IS NULL AS applications_ambiguous,
  s.job_title AS title_raw,      tt.t AS job_title,             coalesce(tt.formula, false) AS title_formula,
  s.occupation_code AS occupation_raw,
  -- The source's code when it gives a valid one; otherwise the title coded with its
  -- description when the title alone is weak (lk_title_text), else the title alone (lk_title).
  coalesce(oc.code, CASE WHEN s.occupation_code IS NULL THEN coalesce(td.code, t.code) END) AS occupation_code,
  oc.code AS occupation_valid,
  CASE WHEN s.occupation_code IS NOT NULL THEN 'source' WHEN td.code IS NOT NULL THEN td.method ELSE t.method END AS occupation_coded_by,
  CASE WHEN s.occupation_code IS NOT NULL THEN 1.0 WHEN td.code IS NOT NULL THEN td.confidence ELSE t.confidence END AS occupation_confidence,
  s.sector_code AS sector_raw,   kb.section AS sector_code,
  s.province_code AS province_raw, s.regency_code AS regency_raw, s.location AS location_raw,
  -- Region: a regency (from its own column or the location) fixes the province; a
  -- province column that names another province is a conflict, not a guess.
  coalesce(rr.province_code, lr.province_code, pr.province_code) AS province_code,
  coalesce(rr.regency_code, lr.regency_code, CASE WHEN pr.regency_code IS NOT NULL AND s.regency_code IS NULL THEN pr.regency_code END) AS regency_code,
  pr.province_code AS province_from_column,
  -- National: no value names a province or regency and every value given names the whole
  -- country ("Indonesia", "Remote", "WFH"): loaded with no province, counted in ID only.
  (coalesce(rr.province_code, lr.province_code, pr.province_code) IS NULL
    AND coalesce(s.province_code, s.regency_code, s.location) IS NOT NULL
    AND coalesce(pr.national, true) AND coalesce(rr.national, true) AND coalesce(lr.national, true)) AS national,
  coalesce(rr.province_code, lr.province_code) AS province_from_regency,
  s.education_min AS education_raw, CASE WHEN s.education_min IS NULL THEN 'unknown' ELSE e.code END AS education_min,
  s.experience_min_years AS experience_raw, nx.n AS experience_min_years,
  coalesce(nx.ambiguous, false) AND nl.experience_min_years IS NULL AS experience_ambiguous,
  s.openings AS openings_raw,    CASE WHEN s.openings IS NULL THEN 1 ELSE nop.n END AS openings,
  coalesce(nop.ambiguous, false) AND nl.openings IS NULL AS openings_ambiguous,
  s.salary_min AS salary_min_raw, am.amount AS salary_min,
  s.salary_max AS salary_max_raw, ax.amount AS salary_max,
  s.skills,
  s.description,
  s.employer AS employer_raw, te.t AS employer
FROM work.stage s
CROSS JOIN work.number_locale nl
LEFT JOIN work.lk_title t ON t.title = s.job_title
-- (the description hashed only for a weak title: hashing every row's text cost 5 s at 1 M rows)
LEFT JOIN work.lk_title_text td ON td.title = s.job_title AND td.description_hash = CASE WHEN t.weak THEN hash(s.description)::VARCHAR END
LEFT JOIN work.lk_region pr ON pr.value = s.province_code
LEFT JOIN work.lk_region rr ON rr.value = s.regency_code
LEFT JOIN work.lk_region lr ON lr.value = s.location
LEFT JOIN work.lk_education e ON e.value = s.education_min
LEFT JOIN work.lk_enum_written st ON st.domain = 'vacancy_status' AND st.v = s.status
LEFT JOIN work.lk_enum_written et ON et.domain = 'employment_type' AND et.v = s.employment_type
LEFT JOIN lk_isco oc ON oc.code = trim(s.occupation_code)
LEFT JOIN work.lk_sector kb ON kb.v = s.sector_code
LEFT JOIN work.lk_date dp ON dp.v = s.posted_date
LEFT JOIN work.lk_date dc ON dc.v = s.closed_date
LEFT JOIN work.lk_date dx ON dx.v = s.expiry_date
LEFT JOIN work.lk_count na ON na.c = 'applications' AND na.v = s.applications
LEFT JOIN work.lk_count nop ON nop.c = 'openings' AND nop.v = s.openings
LEFT JOIN work.lk_count nx ON nx.c = 'experience_min_years' AND nx.v = s.experience_min_years
LEFT JOIN work.lk_amount am ON am.v = s.salary_min
LEFT JOIN work.lk_amount ax ON ax.v = s.salary_max
LEFT JOIN work.lk_text tt ON tt.v = s.job_title
LEFT JOIN work.lk_text te ON te.v = s.employer;

CREATE OR REPLACE TABLE work.errors AS
SELECT line, column_name, value, reason FROM (
  SELECT line, NULL AS column_name, NULL AS value, 'row has more fields than the header' AS reason FROM work.typed WHERE __too_many_fields
  UNION ALL SELECT line, __unreadable, __unreadable_value, 'not a JSON or Python-literal object (the mapping reads a path inside it)' FROM work.typed WHERE __unreadable IS NOT NULL
  UNION ALL SELECT line, 'vacancy_id', NULL, 'missing required value' FROM work.typed WHERE vacancy_id IS NULL
  -- Duplicates found by a GROUP BY (a hash table), not a window over every row (a sort).
  UNION ALL SELECT line, 'vacancy_id', vacancy_id, 'duplicate vacancy_id in this file (first at line ' || first_line || ')'
            FROM work.typed JOIN (SELECT source, vacancy_id, min(line) AS first_line FROM work.typed WHERE vacancy_id IS NOT NULL GROUP BY ALL HAVING count(*) > 1) USING (source, vacancy_id)
            WHERE line > first_line
  UNION ALL SELECT line, 'vacancy_id', left(vacancy_id, 200), 'value too long (' || length(vacancy_id) || ' characters, at most 100)' FROM work.typed WHERE length(vacancy_id) > 100
  UNION ALL SELECT line, 'posted_date', NULL, 'missing required value' FROM work.typed WHERE posted_raw IS NULL
  UNION ALL SELECT line, 'posted_date', posted_raw, 'invalid date (expected yyyy-mm-dd, dd/mm/yyyy or an Excel serial date)' FROM work.typed WHERE posted_raw IS NOT NULL AND posted_date IS NULL
  UNION ALL SELECT line, 'closed_date', closed_raw, 'invalid date (expected yyyy-mm-dd, dd/mm/yyyy or an Excel serial date)' FROM work.typed WHERE closed_raw IS NOT NULL AND closed_date IS NULL
  UNION ALL SELECT line, 'expiry_date', expiry_raw, 'invalid date (expected yyyy-mm-dd, dd/mm/yyyy or an Excel serial date)' FROM work.typed WHERE expiry_raw IS NOT NULL AND expiry_date IS NULL
  UNION ALL SELECT line, 'posted_date', posted_raw, 'date out of range (1990 to a year from now)' FROM work.typed WHERE NOT s_date_ok(posted_date, $today::DATE)
  UNION ALL SELECT line, 'closed_date', closed_raw, 'date out of range (1990 to a year from now)' FROM work.typed WHERE NOT s_date_ok(closed_date, $today::DATE)
  UNION ALL SELECT line, 'expiry_date', expiry_raw, 'date out of range (1990 to a year from now)' FROM work.typed WHERE NOT s_date_ok(expiry_date, $today::DATE)
  UNION ALL SELECT line, 'closed_date', closed_raw, 'closed before posted (posted ' || posted_date || ')' FROM work.typed WHERE closed_date < posted_date
  UNION ALL SELECT line, 'expiry_date', expiry_raw, 'expiry before posted (posted ' || posted_date || ')' FROM work.typed WHERE expiry_date < posted_date
  UNION ALL SELECT line, 'status', status_raw, 'unknown status (expected ' || $expected_vacancy_status || ')' FROM work.typed WHERE status_raw IS NOT NULL AND status IS NULL
  UNION ALL SELECT line, 'employment_type', employment_raw, 'unknown employment type (expected ' || $expected_employment_type || ')' FROM work.typed WHERE employment_raw IS NOT NULL AND employment_type IS NULL
  UNION ALL SELECT line, 'applications', applications_raw, 'not a whole number ≥ 0' FROM work.typed WHERE applications_raw IS NOT NULL AND NOT applications_ambiguous AND (applications IS NULL OR applications < 0 OR applications <> floor(applications))
  UNION ALL SELECT line, 'applications', applications_raw, 'too large (at most 2147483647)' FROM work.typed WHERE applications > 2147483647
  UNION ALL SELECT line, 'applications', applications_raw, $ambiguous FROM work.typed WHERE applications_ambiguous
  UNION ALL SELECT line, 'job_title', NULL, 'missing required value' FROM work.typed WHERE job_title IS NULL AND NOT title_formula
  UNION ALL SELECT line, 'job_title', left(title_raw, 200), 'formula-like text (starts with = + - or @)' FROM work.typed WHERE title_formula
  UNION ALL SELECT line, 'job_title', left(title_raw, 200), 'value too long (' || length(title_raw) || ' characters, at most 300)' FROM work.typed WHERE length(title_raw) > 300
  UNION ALL SELECT line, 'occupation_code', occupation_raw, 'unknown ISCO-08 code' FROM work.typed WHERE occupation_raw IS NOT NULL AND occupation_valid IS NULL
  UNION ALL SELECT line, 'sector_code', sector_raw, 'unknown KBLI 2020 section or code' FROM work.typed WHERE sector_raw IS NOT NULL AND sector_code IS NULL
  UNION ALL SELECT line, coalesce(CASE WHEN province_raw IS NOT NULL THEN 'province_code' END, CASE WHEN regency_raw IS NOT NULL THEN 'regency_code' END, 'location'),
                   coalesce(province_raw, regency_raw, location_raw), 'unknown region (not a province or regency of Indonesia)'
            FROM work.typed WHERE province_code IS NULL AND coalesce(province_raw, regency_raw, location_raw) IS NOT NULL AND NOT national
  UNION ALL SELECT line, 'province_code', NULL, 'missing required value (province, regency or location)' FROM work.typed WHERE coalesce(province_raw, regency_raw, location_raw) IS NULL
  UNION ALL SELECT line, 'regency_code', regency_raw, 'regency is not in the province given (' || province_raw || ')' FROM work.typed
            WHERE province_from_column IS NOT NULL AND province_from_regency IS NOT NULL AND province_from_column <> province_from_regency
  UNION ALL SELECT line, 'education_min', education_raw, 'unknown education level' FROM work.typed WHERE education_raw IS NOT NULL AND education_min IS NULL
  UNION ALL SELECT line, 'experience_min_years', experience_raw, $ambiguous FROM work.typed WHERE experience_ambiguous
  UNION ALL SELECT line, 'experience_min_years', experience_raw, 'not a number of years between 0 and 60' FROM work.typed WHERE experience_raw IS NOT NULL AND NOT experience_ambiguous AND (experience_min_years IS NULL OR experience_min_years < 0 OR experience_min_years > 60)
  UNION ALL SELECT line, 'openings', openings_raw, 'not a whole number ≥ 1' FROM work.typed WHERE NOT openings_ambiguous AND (openings IS NULL OR openings < 1 OR openings <> floor(openings))
  UNION ALL SELECT line, 'openings', openings_raw, 'too large (at most 2147483647)' FROM work.typed WHERE openings > 2147483647
  UNION ALL SELECT line, 'openings', openings_raw, $ambiguous FROM work.typed WHERE openings_ambiguous
  UNION ALL SELECT line, 'salary_min', salary_min_raw, 'not an amount' FROM work.typed WHERE salary_min_raw IS NOT NULL AND (salary_min IS NULL OR salary_min < 0)
  UNION ALL SELECT line, 'salary_max', salary_max_raw, 'not an amount' FROM work.typed WHERE salary_max_raw IS NOT NULL AND (salary_max IS NULL OR salary_max < 0)
  UNION ALL SELECT line, 'salary_max', salary_max_raw, 'salary_max below salary_min (' || salary_min_raw || ')' FROM work.typed WHERE salary_max < salary_min
  UNION ALL SELECT line, 'skills', left(skills, 200), 'value too long (' || length(skills) || ' characters, at most 10000)' FROM work.typed WHERE length(skills) > 10000
  UNION ALL SELECT line, 'employer', left(employer_raw, 200), 'value too long (' || length(employer_raw) || ' characters, at most 300)' FROM work.typed WHERE length(employer_raw) > 300
  UNION ALL SELECT line, 'description', left(description, 200), 'value too long (' || length(description) || ' characters, at most 50000)' FROM work.typed WHERE length(description) > 50000
);

-- The rows without errors: typed itself, less the few quarantined rows (no copy of the file).
ALTER TABLE work.typed RENAME TO good;
DELETE FROM work.good WHERE line IN (SELECT line FROM work.errors);
