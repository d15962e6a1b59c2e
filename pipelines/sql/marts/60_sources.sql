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
WITH skilled AS (SELECT DISTINCT source, vacancy_id FROM vacancy_skill)
SELECT strftime(v.posted_date, '%Y-%m') AS period,
       CASE WHEN GROUPING(v.province_code) = 1 THEN 'ID' ELSE v.province_code END AS region_code, v.source,
       count(*)::BIGINT AS vacancies_loaded,
       sum(v.openings)::BIGINT AS openings_loaded,
       (count(*) - count(*) FILTER (WHERE NOT coalesce(d.representative, true)))::BIGINT AS vacancies_counted,
       count(k.vacancy_id) / count(*) AS share_with_skills,
       count(v.occupation_code) / count(*) AS share_coded,
       count(v.regency_code) / count(*) AS share_placed_regency,
       count(v.employer) / count(*) AS share_with_employer,
       -- members of a duplicate group other than its representative: loaded, not counted
       count(*) FILTER (WHERE NOT coalesce(d.representative, true)) / count(*) AS share_duplicates,
       -- groups this source shares with another source
       count(*) FILTER (WHERE len(g.sources) > 1) / count(*) AS share_seen_elsewhere,
       strftime(min(v.posted_date), '%Y-%m-%d') AS first_posted,
       strftime(max(v.posted_date), '%Y-%m-%d') AS last_posted
FROM vacancy v
LEFT JOIN skilled k USING (source, vacancy_id)
LEFT JOIN vacancy_duplicate d USING (source, vacancy_id)
LEFT JOIN duplicate_group g USING (group_id)
GROUP BY GROUPING SETS ((period, v.source), (period, v.source, v.province_code))
HAVING NOT (GROUPING(v.province_code) = 0 AND v.province_code IS NULL)
ORDER BY period, region_code, v.source;
