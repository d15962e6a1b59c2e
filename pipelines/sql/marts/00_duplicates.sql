-- Duplicate vacancies (issue 16): the same job posted on two sources, or re-posted on one,
-- counts once in every published figure. Runs before 01_base.sql, whose f_vacancy keeps only
-- each group's representative. Set-based, never all pairs: candidates come from blocks.
-- Parameters: $vacancy_validity_days, $duplicate_slack_days, $duplicate_title_similarity,
-- $duplicate_description_similarity, $duplicate_title_only_similarity.
--
-- Rule (core/methodology.ts, definition "duplicates"):
-- 1. candidates share the place (regency, else province, else the whole country) and have
--    overlapping activity windows [posted_date, vend + $duplicate_slack_days] (vend as for
--    active vacancies: a board often shows a job for days after the register closed it), and
--    either the same normalised employer (legal forms PT, CV, Tbk… and punctuation dropped)
--    or, when one of the two names no employer, the same normalised title (its words sorted,
--    without noise such as "Dibutuhkan", "Urgent" and without its place's name);
--    two different employers are never duplicates;
-- 2. they are duplicates when their titles are similar (soft word Jaccard: matching words
--    over all distinct words, a misspelt word matching its word) at least $duplicate_title_similarity
--    ($duplicate_title_only_similarity when an employer is missing), and, when both have a
--    description, the descriptions' word sketches overlap at least $duplicate_description_similarity
--    (overlap = shared sketch hashes over all distinct ones). When an employer is missing, both
--    must have such descriptions: the same title in the same city in the same weeks is, in a
--    register without employers, as often two employers' vacancies as one;
-- 3. groups are the connected pairs; the representative is the earliest posted record
--    (then by source and id), and only it is counted.

-- Words that say nothing about the job ("Dibutuhkan", "Lowongan", "Urgent", "Hiring").
CREATE OR REPLACE TEMP TABLE dup_noise AS
SELECT unnest(['dibutuhkan', 'dicari', 'lowongan', 'loker', 'hiring', 'urgent', 'urgently', 'segera', 'cepat', 'butuh',
               'vacancy', 'job', 'kerja', 'open', 'recruitment', 'rekrutmen', 'untuk', 'for', 'di', 'at', 'in', 'the', 'a',
               'kab', 'kabupaten', 'kota', 'adm', 'administrasi', 'regency', 'city', 'wfo', 'hybrid', 'hibrid']) AS word;

-- Words of each region's name: a title's place suffix ("Operator - Bekasi") is not the job.
CREATE OR REPLACE TEMP TABLE dup_place_word AS
SELECT DISTINCT region_code, word FROM (
  SELECT r.region_code, unnest(string_split(trim(regexp_replace(strip_accents(lower(n.region_name)), '[^a-z0-9]+', ' ', 'g')), ' ')) AS word
  FROM dim_region r JOIN dim_region n ON n.region_code IN (r.region_code, r.parent_code)
) WHERE word <> '';

-- Employers and titles normalised once per distinct name, not per record (a register repeats them).
-- "PT. Sinar Jaya Tbk" = "Sinar Jaya" = "SINAR JAYA, PT"
CREATE OR REPLACE TEMP TABLE dup_employer AS
SELECT employer, nullif(array_to_string(list_filter(string_split(trim(regexp_replace(strip_accents(lower(employer)), '[^a-z0-9]+', ' ', 'g')), ' '),
         w -> w NOT IN ('pt', 'cv', 'ud', 'tbk', 'persero', 'perseroda', 'ltd', 'inc', 'corp', 'co', 'indonesia', '')), ''), '') AS employer_key
FROM (SELECT DISTINCT employer FROM vacancy WHERE employer IS NOT NULL);

CREATE OR REPLACE TEMP TABLE dup_base AS
SELECT row_number() OVER (ORDER BY v.posted_date, v.source, v.vacancy_id) AS rid,   -- rid order = representative preference
       v.source, v.vacancy_id, v.posted_date,
       coalesce(v.closed_date, v.expiry_date, v.posted_date + $vacancy_validity_days::INTEGER) AS end_date,
       coalesce(v.regency_code, v.province_code, 'ID') AS place,
       e.employer_key, v.job_title, v.description_sketch
FROM vacancy v LEFT JOIN dup_employer e USING (employer);

-- A title's words without noise and without the words of its own place, distinct and sorted.
-- Misspelt noise and place words ("Dibuthukan", "Kabpuaten") count as those words: words
-- of six letters or more match at a Jaro-Winkler similarity of 0.9. Decided once per
-- distinct word (and per distinct place and title, and place and word), not per record.
CREATE OR REPLACE TEMP TABLE dup_word AS
SELECT place, job_title, word FROM (
  SELECT place, job_title,
         unnest(string_split(trim(regexp_replace(regexp_replace(strip_accents(lower(job_title)), '[^a-z0-9]+', ' ', 'g'), '\bstaff\b', 'staf', 'g')), ' ')) AS word
  FROM (SELECT DISTINCT place, job_title FROM dup_base WHERE job_title IS NOT NULL)
) WHERE word <> '';

CREATE OR REPLACE TEMP TABLE dup_vocab AS
SELECT v.word, EXISTS (SELECT 1 FROM dup_noise n WHERE n.word = v.word
         OR (length(v.word) >= 6 AND length(n.word) >= 6 AND jaro_winkler_similarity(v.word, n.word) >= 0.9)) AS noise
FROM (SELECT DISTINCT word FROM dup_word) v;

CREATE OR REPLACE TEMP TABLE dup_place_vocab AS
SELECT DISTINCT w.place, w.word
FROM (SELECT DISTINCT place, word FROM dup_word) w JOIN dup_place_word p ON p.region_code = w.place
WHERE p.word = w.word OR (length(w.word) >= 6 AND length(p.word) >= 6 AND jaro_winkler_similarity(w.word, p.word) >= 0.9);

CREATE OR REPLACE TEMP TABLE dup_title AS
SELECT w.place, w.job_title, list_sort(list_distinct(list(w.word))) AS title_words
FROM dup_word w JOIN dup_vocab v USING (word)
WHERE NOT v.noise AND NOT EXISTS (SELECT 1 FROM dup_place_vocab p WHERE p.place = w.place AND p.word = w.word)
GROUP BY w.place, w.job_title;

CREATE OR REPLACE TEMP TABLE dup_record AS
SELECT b.rid, b.source, b.vacancy_id, b.posted_date, b.end_date, b.place, b.employer_key, b.description_sketch,
       coalesce(t.title_words, []) AS title_words, coalesce(array_to_string(t.title_words, ' '), '') AS title_key
FROM dup_base b LEFT JOIN dup_title t ON t.place = b.place AND t.job_title = b.job_title;

-- Exact copies (same place, employer, title words and description sketch, windows overlapping
-- in a chain: an island of posting dates) are one group without comparing them pairwise: a
-- register that posts the same advert thousands of times costs one sort, not n² pairs. Only
-- copies the pair rule below would link take this path (title words, and an employer or a
-- description); each island's first record stands for it among the candidates.
-- The copy key is a 64-bit hash of employer, title words and sketch: partitioning by one
-- integer, not by a list of 48 (two different adverts colliding in one place: ~n²/2⁶⁵, nil).
CREATE OR REPLACE TEMP TABLE dup_exact AS
WITH keyed AS (
  SELECT rid, posted_date, end_date, place, hash(employer_key, title_key, description_sketch) AS copy_key,
         len(title_words) > 0 AND (employer_key IS NOT NULL OR len(description_sketch) > 0) AS eligible
  FROM dup_record
), windows AS (
  SELECT *, max(end_date) OVER (PARTITION BY place, copy_key ORDER BY posted_date, rid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_end
  FROM keyed
), islands AS (
  SELECT *, sum(CASE WHEN previous_end IS NULL OR posted_date > previous_end + $duplicate_slack_days::INTEGER THEN 1 ELSE 0 END)
              OVER (PARTITION BY place, copy_key ORDER BY posted_date, rid) AS island
  FROM windows
)
SELECT rid, CASE WHEN eligible THEN min(rid) OVER (PARTITION BY place, copy_key, island) ELSE rid END AS exact_rep
FROM islands;

CREATE OR REPLACE TEMP TABLE dup_lead AS
SELECT r.* FROM dup_record r JOIN dup_exact e ON e.rid = r.rid AND e.exact_rep = r.rid;

-- Words of a that match a word of b: equal, or a misspelling (Jaro-Winkler ≥ 0.94: "Operaotr" = "Operator",
-- never "Product" = "Project", 0.87).
CREATE OR REPLACE TEMP MACRO s_soft_match(a, b) AS (
  len(list_filter(a, x -> len(list_filter(b, y -> y = x OR jaro_winkler_similarity(x, y) >= 0.94)) > 0)));

-- Candidate pairs from the two blocking keys; rid_a < rid_b.
CREATE OR REPLACE TEMP TABLE dup_candidate AS
SELECT DISTINCT least(a.rid, b.rid) AS rid_a, greatest(a.rid, b.rid) AS rid_b FROM (
  SELECT a.rid AS ra, b.rid AS rb FROM dup_lead a JOIN dup_lead b
    ON a.place = b.place AND a.employer_key = b.employer_key AND a.rid < b.rid
   AND a.posted_date <= b.end_date + $duplicate_slack_days::INTEGER AND b.posted_date <= a.end_date + $duplicate_slack_days::INTEGER
  UNION ALL
  SELECT a.rid, b.rid FROM dup_lead a JOIN dup_lead b
    ON a.place = b.place AND a.title_key = b.title_key AND a.rid <> b.rid
   AND a.posted_date <= b.end_date + $duplicate_slack_days::INTEGER AND b.posted_date <= a.end_date + $duplicate_slack_days::INTEGER
  -- without an employer a pair needs descriptions on both sides (below): only those are paired
  WHERE a.employer_key IS NULL AND a.title_key <> '' AND len(a.description_sketch) > 0 AND len(b.description_sketch) > 0
) p JOIN dup_record a ON a.rid = p.ra JOIN dup_record b ON b.rid = p.rb;

CREATE OR REPLACE TABLE duplicate_pair AS
WITH scored AS (
  SELECT a.rid AS rid_a, b.rid AS rid_b, a.source AS source_a, a.vacancy_id AS vacancy_id_a, b.source AS source_b, b.vacancy_id AS vacancy_id_b,
         a.employer_key IS NOT NULL AND b.employer_key IS NOT NULL AS same_employer,
         -- soft word Jaccard: a word matches an equal word or a misspelling of it (Jaro-Winkler ≥ 0.94)
         s_soft_match(a.title_words, b.title_words) / nullif(len(a.title_words) + len(b.title_words) - s_soft_match(a.title_words, b.title_words), 0) AS title_similarity,
         CASE WHEN len(a.description_sketch) > 0 AND len(b.description_sketch) > 0
              THEN len(list_intersect(a.description_sketch, b.description_sketch)) / len(list_distinct(list_concat(a.description_sketch, b.description_sketch))) END AS description_similarity
  FROM (SELECT rid_a, rid_b FROM dup_candidate
        UNION ALL SELECT exact_rep, rid FROM dup_exact WHERE rid <> exact_rep) c
  JOIN dup_record a ON a.rid = c.rid_a JOIN dup_record b ON b.rid = c.rid_b
)
SELECT * FROM scored
WHERE title_similarity >= CASE WHEN same_employer THEN $duplicate_title_similarity::DOUBLE ELSE $duplicate_title_only_similarity::DOUBLE END
  -- descriptions that differ say two jobs; without an employer on both sides, similar descriptions are required
  AND CASE WHEN same_employer THEN coalesce(description_similarity >= $duplicate_description_similarity::DOUBLE, true)
           ELSE coalesce(description_similarity >= $duplicate_description_similarity::DOUBLE, false) END;

-- Connected components by label propagation (each record takes the smallest rid it is
-- linked to); four rounds join chains of up to sixteen re-posts, far beyond real groups.
CREATE OR REPLACE TEMP TABLE dup_edge AS
SELECT rid_a AS x, rid_b AS y FROM duplicate_pair UNION ALL SELECT rid_b, rid_a FROM duplicate_pair;
CREATE OR REPLACE TEMP TABLE dup_label AS SELECT x AS rid, least(x, min(y)) AS label FROM dup_edge GROUP BY x;
CREATE OR REPLACE TEMP TABLE dup_label AS SELECT l.rid, least(l.label, min(n.label)) AS label FROM dup_label l JOIN dup_edge e ON e.x = l.rid JOIN dup_label n ON n.rid = e.y GROUP BY l.rid, l.label;
CREATE OR REPLACE TEMP TABLE dup_label AS SELECT l.rid, least(l.label, min(n.label)) AS label FROM dup_label l JOIN dup_edge e ON e.x = l.rid JOIN dup_label n ON n.rid = e.y GROUP BY l.rid, l.label;
CREATE OR REPLACE TEMP TABLE dup_label AS SELECT l.rid, least(l.label, min(n.label)) AS label FROM dup_label l JOIN dup_edge e ON e.x = l.rid JOIN dup_label n ON n.rid = e.y GROUP BY l.rid, l.label;

-- One row per vacancy in a group of two or more: its group, and whether it is counted.
CREATE OR REPLACE TABLE vacancy_duplicate AS
SELECT r.source, r.vacancy_id, l.label AS group_id, l.rid = l.label AS representative
FROM dup_label l JOIN dup_record r USING (rid);

-- The links: which record represents each group, how many records it has, which sources saw it.
CREATE OR REPLACE TABLE duplicate_group AS
SELECT d.group_id,
       any_value(d.source) FILTER (WHERE d.representative) AS representative_source,
       any_value(d.vacancy_id) FILTER (WHERE d.representative) AS representative_vacancy_id,
       count(*)::INTEGER AS members,
       list(DISTINCT d.source ORDER BY d.source) AS sources,
       min(r.posted_date) AS first_posted, max(r.posted_date) AS last_posted
FROM vacancy_duplicate d JOIN dup_record r USING (source, vacancy_id)
GROUP BY d.group_id;
