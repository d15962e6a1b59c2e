-- sources: what each figure is made of (issue 16). Per source and month of posting, the
-- vacancies and openings loaded (every record, duplicates included), and the shares of them
-- with a skill, coded to an occupation, placed to a regency, naming an employer, and not
-- counted because another record of the same job represents it (00_duplicates.sql).
-- At national level (ID) and per province (a national vacancy, placed nowhere, counts in ID only).

-- Every source with what was loaded from it (loaded_file) and its vacancy records.
CREATE OR REPLACE TABLE dim_source AS
SELECT s.source,
       coalesce(v.vacancies, 0)::BIGINT AS vacancies,
       coalesce(f.files, 0)::BIGINT AS files,
       f.kinds, f.first_loaded_at, f.last_loaded_at
FROM (SELECT source FROM loaded_file UNION SELECT source FROM vacancy) s
LEFT JOIN (SELECT source, count(*) AS files, list(DISTINCT kind ORDER BY kind) AS kinds, min(loaded_at) AS first_loaded_at, max(loaded_at) AS last_loaded_at
           FROM loaded_file GROUP BY source) f USING (source)
LEFT JOIN (SELECT source, count(*) AS vacancies FROM vacancy GROUP BY source) v USING (source)
ORDER BY s.source;

CREATE OR REPLACE TABLE mart_sources AS
WITH skilled AS (SELECT DISTINCT source, vacancy_id FROM vacancy_skill), records AS (
  -- every record with what the shares count; rolled up to ID and its province (s_regions,
  -- no regency level here)
  SELECT strftime(v.posted_date, '%Y-%m') AS period, v.province_code, NULL::VARCHAR AS regency_code, v.source,
         v.openings, v.posted_date, k.vacancy_id AS skilled_id, v.occupation_code, v.regency_code AS placed_regency, v.employer,
         NOT coalesce(d.representative, true) AS duplicate, len(g.sources) > 1 AS seen_elsewhere
  FROM vacancy v
  LEFT JOIN skilled k USING (source, vacancy_id)
  LEFT JOIN vacancy_duplicate d USING (source, vacancy_id)
  LEFT JOIN duplicate_group g USING (group_id)
)
SELECT period, region_code, source,
       count(*)::BIGINT AS vacancies_loaded,
       sum(openings)::BIGINT AS openings_loaded,
       (count(*) - count(*) FILTER (WHERE duplicate))::BIGINT AS vacancies_counted,
       count(skilled_id) / count(*) AS share_with_skills,
       count(occupation_code) / count(*) AS share_coded,
       count(placed_regency) / count(*) AS share_placed_regency,
       count(employer) / count(*) AS share_with_employer,
       -- members of a duplicate group other than its representative: loaded, not counted
       count(*) FILTER (WHERE duplicate) / count(*) AS share_duplicates,
       -- groups this source shares with another source
       count(*) FILTER (WHERE seen_elsewhere) / count(*) AS share_seen_elsewhere,
       strftime(min(posted_date), '%Y-%m-%d') AS first_posted,
       strftime(max(posted_date), '%Y-%m-%d') AS last_posted
FROM s_regions(records)
GROUP BY period, region_code, source
ORDER BY period, region_code, source;
