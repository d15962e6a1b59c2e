-- Skill matching (DESIGN §4), the prelude the three matching marts share: the signatures
-- the matching kernel (pipelines/matching/kernel.ts) reads. The kernel runs after this file
-- and writes mt_vpool, mt_near_count, mt_lev and mt_trn; the marts follow in
-- 41_matching_quality.sql, 42_upskilling_leverage.sql and 43_training_recommendations.sql,
-- one step with this file (pipelines/marts.ts MART_STEPS), the last dropping the tables.
-- Parameter: $theta (> 0.5, so need = 1 exactly for one-skill vacancies).
--
-- Matching is within a scope: the province for national and province rows, the regency
-- for regency rows; in a month t; transversal skills left out.
-- * Vacancies become vacancy signatures (scope, month, K, education rank asked), with the
--   vacancies and openings of each;
-- * seekers become seeker classes (scope, month, H, education rank) of the seekers active
--   in that month, H numbered (hid) so a class is four integers.

-- Matching's temporary tables are big and their row order does not matter (what is read is
-- read with an ORDER BY): let DuckDB write them in any order, which needs less memory.
SET preserve_insertion_order = false;

-- |a ∩ b| for lists without repeats (placement match quality).
CREATE OR REPLACE TEMP MACRO mt_shared(a, b) AS len(list_filter(a, x -> list_contains(b, x)));

-- Skills as small integers; K and H as sorted lists of them.
CREATE OR REPLACE TEMP TABLE mt_skill AS
SELECT skill_id, (row_number() OVER (ORDER BY skill_id))::SMALLINT AS sx FROM dim_skill WHERE NOT transversal;

CREATE OR REPLACE TEMP TABLE mt_scope AS
SELECT (row_number() OVER (ORDER BY scope, scope_code))::INTEGER AS sc, scope, scope_code FROM (
  SELECT 'province' AS scope, province_code AS scope_code FROM f_vacancy
  UNION SELECT 'regency', regency_code FROM f_vacancy WHERE regency_code IS NOT NULL
  UNION SELECT 'province', province_code FROM f_seeker
  UNION SELECT 'regency', regency_code FROM f_seeker WHERE regency_code IS NOT NULL);

-- Education order: SMA = SMK, D4 = S1; unknown on either side counts as met (vacancy 0, seeker 99).
CREATE OR REPLACE TEMP TABLE mt_vac AS
SELECT v.source, v.vacancy_id, v.province_code, v.regency_code, v.openings, v.posted_m, v.end_m,
       coalesce(e.rank, 0) AS erank, list(k.sx ORDER BY k.sx) AS kset, count(*)::INTEGER AS k_count
FROM f_vacancy v
JOIN vacancy_skill vs USING (source, vacancy_id)
JOIN mt_skill k USING (skill_id)
LEFT JOIN dim_education e ON e.code = v.education_min
GROUP BY ALL;

-- Distinct K, numbered (kid; integers join and group faster than lists), with
-- need: the fewest shared skills with need / |K| ≥ θ.
CREATE OR REPLACE TEMP TABLE mt_kset AS
SELECT (row_number() OVER (ORDER BY kset) - 1)::INTEGER AS kid, kset, len(kset)::INTEGER AS k_count,
       ceil($theta::DOUBLE * len(kset) - 1e-9)::INTEGER AS need
FROM (SELECT DISTINCT kset FROM mt_vac);

CREATE OR REPLACE TEMP TABLE mt_seek AS
SELECT s.seeker_key, s.province_code, s.regency_code, s.registered_m, s.end_m, coalesce(e.rank, 99) AS srank,
       coalesce(h.hset, []::SMALLINT[]) AS hset
FROM f_seeker s
LEFT JOIN dim_education e ON e.code = s.education_level
LEFT JOIN (SELECT ss.seeker_key, list(k.sx ORDER BY k.sx) AS hset FROM seeker_skill ss JOIN mt_skill k USING (skill_id) GROUP BY ALL) h USING (seeker_key);

-- Distinct H, numbered (hid), the empty set too.
CREATE OR REPLACE TEMP TABLE mt_hset AS
SELECT (row_number() OVER (ORDER BY hset) - 1)::INTEGER AS hid, hset FROM (SELECT DISTINCT hset FROM mt_seek);

-- Education ranks renumbered 0, 1, … in order (rx), vacancies' and seekers' together.
CREATE OR REPLACE TEMP TABLE mt_rank AS
SELECT erank AS rank, (row_number() OVER (ORDER BY erank) - 1)::UTINYINT AS rx
FROM (SELECT DISTINCT erank FROM mt_vac UNION SELECT DISTINCT srank FROM mt_seek);

CREATE OR REPLACE TEMP TABLE mt_programme AS
SELECT (row_number() OVER (ORDER BY programme_id) - 1)::SMALLINT AS px, programme_id, pset FROM (
  SELECT ps.programme_id, list(k.sx ORDER BY k.sx) AS pset FROM dim_programme_skill ps JOIN mt_skill k USING (skill_id) GROUP BY ALL);

-- Active vacancy-months in each scope (every vacancy in its province, and in its regency when it has one).
CREATE OR REPLACE TEMP TABLE mt_vm AS
SELECT c.sc, v.scope, v.scope_code, t.m AS mnum, v.province_code, v.regency_code, v.openings, v.erank, d.kid
FROM (SELECT 'province' AS scope, province_code AS scope_code, * FROM mt_vac
      UNION ALL SELECT 'regency', regency_code, * FROM mt_vac WHERE regency_code IS NOT NULL) v
JOIN mt_kset d USING (kset)
JOIN mt_scope c USING (scope, scope_code), unnest(range(v.posted_m, v.end_m + 1)) AS t(m);

-- Vacancy signatures: what matching needs to know of an active vacancy; n vacancies each,
-- numbered in (scope, month) order, the order the kernel reads them in.
CREATE OR REPLACE TEMP TABLE mt_vsig AS
SELECT row_number() OVER (ORDER BY sc, mnum, kid, erank) AS vg, sc, mnum, kid, erank, count(*) AS n, sum(openings) AS openings
FROM mt_vm GROUP BY sc, mnum, kid, erank;

-- Seeker classes: the active seekers of a scope and month with the same skills and rank.
CREATE OR REPLACE TEMP TABLE mt_smon AS
WITH g AS (SELECT s.province_code, s.regency_code, s.registered_m, s.end_m, s.srank, h.hid FROM mt_seek s JOIN mt_hset h USING (hset))
SELECT c.sc, t.m AS mnum, s.hid, s.srank, count(*) AS n
FROM (SELECT 'province' AS scope, province_code AS scope_code, registered_m, end_m, srank, hid FROM g
      UNION ALL SELECT 'regency', regency_code, registered_m, end_m, srank, hid FROM g WHERE regency_code IS NOT NULL) s
JOIN mt_scope c USING (scope, scope_code), unnest(range(s.registered_m, s.end_m + 1)) AS t(m)
GROUP BY ALL;

-- Placement match quality: coverage of each placed seeker against the vacancy of the
-- placement. Computed here, so that the per-vacancy and per-seeker sets (mt_vac, mt_seek) are
-- dropped before the kernel reads the signatures: the memory goes to the kernel instead.
CREATE OR REPLACE TEMP TABLE mt_placement AS
SELECT p.placed_m AS mnum, p.province_code, p.regency_code, v.k_count,
       mt_shared(v.kset, s.hset) / v.k_count AS coverage
FROM f_placement p JOIN mt_seek s USING (seeker_key) JOIN mt_vac v ON v.vacancy_id = p.vacancy_id;
DROP TABLE mt_seek;
DROP TABLE mt_vac;
