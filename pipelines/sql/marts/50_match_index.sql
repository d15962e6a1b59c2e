-- The counsellor's desk (/match, /api/v1/match): every vacancy with the skills matching
-- uses, built once per published warehouse so a search reads it and never the facts.
-- The read side loads it into memory once per data version (core/match.ts) and matches
-- one person against the vacancies active in a month with the rule of 40_matching.sql:
-- transversal skills left out, K non-empty, education rank as there (unknown = 0), and
-- need = the fewest shared skills with need / |K| ≥ θ. Parameters: $theta.

-- Skills matching uses, numbered (the index keeps K as lists of these small numbers).
CREATE OR REPLACE TABLE match_skill AS
SELECT (row_number() OVER (ORDER BY skill_id))::SMALLINT AS sx, skill_id, label_id, label_en
FROM dim_skill WHERE NOT transversal;

-- One row per vacancy with a non-empty K, ordered by place so that a region's vacancies
-- are neighbours, and within a place by posting date, so that the vacancies active in a
-- month (posted in it or in the few months before) lie close together: a search reads
-- their arrays in the memory of a few runs instead of spread over every vacancy.
-- posted_m / end_m: the months it is active in (01_base.sql).
CREATE OR REPLACE TABLE match_vacancy AS
WITH k AS (
  -- K per vacancy, from the narrow skill rows alone (grouping the wide rows by every column cost twice as much)
  SELECT vs.source, vs.vacancy_id, list(k.sx ORDER BY k.sx) AS kset, count(*)::SMALLINT AS k_count
  FROM vacancy_skill vs JOIN match_skill k USING (skill_id)
  GROUP BY vs.source, vs.vacancy_id
)
SELECT (row_number() OVER (ORDER BY v.province_code, v.regency_code NULLS LAST, v.posted_date, v.source, v.vacancy_id))::INTEGER AS vid, * FROM (
  SELECT v.source, v.vacancy_id, x.job_title, v.occupation_code, v.sector_code, v.province_code, v.regency_code,
         v.employment_type, v.openings, x.salary_min, x.salary_max, v.posted_date, x.expiry_date, v.closed_date,
         v.posted_m, v.end_m, coalesce(e.rank, 0)::TINYINT AS erank,
         k.kset, k.k_count,
         ceil($theta::DOUBLE * k.k_count - 1e-9)::SMALLINT AS need
  FROM f_vacancy v
  JOIN k USING (source, vacancy_id)
  JOIN vacancy x USING (source, vacancy_id)
  LEFT JOIN dim_education e ON e.code = v.education_min
) v;
