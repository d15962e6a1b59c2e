-- Placements: work.stage into work.typed, work.errors and work.good (the file's `work`
-- database); one per (seeker, vacancy). Parameters: $mdy, $today, $ipad, $opad.

-- Each distinct date spelling parsed once (macros.sql s_date), joined back.
CREATE OR REPLACE TABLE work.lk_date AS
SELECT v, s_date(v, $mdy) AS d FROM (SELECT DISTINCT placement_date AS v FROM work.stage WHERE placement_date IS NOT NULL);
CREATE OR REPLACE TABLE work.typed AS
SELECT
  s.line,
  s.__too_many_fields,
  -- A mapping path into a cell that is no JSON or Python-literal object (stage.ts).
  s.__unreadable, s.__unreadable_value,
  s.source,
  s_pseudonym(s.seeker_id, $ipad, $opad) AS seeker_key,
  s.seeker_id IS NULL AS seeker_id_missing,
  s.vacancy_id,
  s.placement_date AS placement_raw, dp.d AS placement_date
FROM work.stage s
LEFT JOIN work.lk_date dp ON dp.v = s.placement_date;

CREATE OR REPLACE TABLE work.errors AS
SELECT line, column_name, value, reason FROM (
  SELECT line, NULL AS column_name, NULL AS value, 'row has more fields than the header' AS reason FROM work.typed WHERE __too_many_fields
  UNION ALL SELECT line, __unreadable, CASE WHEN __unreadable = 'seeker_id' THEN '[seeker_id]' ELSE __unreadable_value END, 'not a JSON or Python-literal object (the mapping reads a path inside it)' FROM work.typed WHERE __unreadable IS NOT NULL
  UNION ALL SELECT line, 'seeker_id', NULL, 'missing required value' FROM work.typed WHERE seeker_id_missing
  UNION ALL SELECT line, 'vacancy_id', NULL, 'missing required value' FROM work.typed WHERE vacancy_id IS NULL
  UNION ALL SELECT line, 'placement_date', NULL, 'missing required value' FROM work.typed WHERE placement_raw IS NULL
  UNION ALL SELECT line, 'placement_date', placement_raw, 'invalid date (expected yyyy-mm-dd, dd/mm/yyyy or an Excel serial date)' FROM work.typed WHERE placement_raw IS NOT NULL AND placement_date IS NULL
  UNION ALL SELECT line, 'placement_date', placement_raw, 'date out of range (1990 to a year from now)' FROM work.typed WHERE NOT s_date_ok(placement_date, $today::DATE)
  UNION ALL SELECT line, 'vacancy_id', vacancy_id, 'duplicate placement of this seeker in this vacancy (first at line ' || first_line || ')'
            FROM work.typed JOIN (SELECT seeker_key, vacancy_id, min(line) AS first_line FROM work.typed WHERE seeker_key IS NOT NULL AND vacancy_id IS NOT NULL
                                  GROUP BY ALL HAVING count(*) > 1) USING (seeker_key, vacancy_id) WHERE line > first_line
);

-- The rows without errors: typed itself, less the few quarantined rows (no copy of the file).
ALTER TABLE work.typed RENAME TO good;
DELETE FROM work.good WHERE line IN (SELECT line FROM work.errors);
