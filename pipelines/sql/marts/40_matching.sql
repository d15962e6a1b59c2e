-- Skill-based matching (DESIGN §4): matching-quality, upskilling-leverage and
-- training-recommendations. Parameters: $theta; $matching_enabled (false leaves the three
-- marts empty, when the work would exceed SINERGI_MATCHING_MAX_PAIRS).
--
-- Matching is within a scope: the province for national and province rows, the regency
-- for regency rows. Transversal skills are left out. Everything is exact:
-- * Pairs (vacancy, seeker) that share at least one skill, are in the same scope, are
--   active together and meet the education rule are built once (m = shared skills), with
--   the months they overlap; pairs sharing no skill are never built.
-- * What pairs sharing no skill contribute is counted set-wise: with θ > 0.5 only a
--   vacancy asking for one skill (need = 1) makes a seeker without it a near miss, and only
--   a programme covering `need` of a vacancy's skills can qualify a seeker who holds none.
--   A seeker counts there when the eligible vacancies of that kind outnumber those the
--   seeker shares a skill with.

-- Education order: SMA = SMK, D4 = S1; unknown on either side counts as met (vacancy 0, seeker 99).
CREATE OR REPLACE TEMP TABLE mt_vac AS
SELECT row_number() OVER (ORDER BY source, vacancy_id) AS vid, * FROM (
  SELECT v.source, v.vacancy_id, v.province_code, v.regency_code, v.openings, v.posted_m, v.end_m,
         coalesce(e.rank, 0) AS erank, count(*) AS k_count,
         -- need: the fewest shared skills with need / |K| ≥ θ
         ceil($theta::DOUBLE * count(*) - 1e-9)::INTEGER AS need
  FROM f_vacancy v
  JOIN vacancy_skill vs USING (source, vacancy_id)
  JOIN dim_skill d ON d.skill_id = vs.skill_id AND NOT d.transversal
  LEFT JOIN dim_education e ON e.code = v.education_min
  WHERE $matching_enabled::BOOLEAN
  GROUP BY v.source, v.vacancy_id, v.province_code, v.regency_code, v.openings, v.posted_m, v.end_m, e.rank
);

CREATE OR REPLACE TEMP TABLE mt_vskill AS
SELECT v.vid, vs.skill_id FROM mt_vac v JOIN vacancy_skill vs USING (source, vacancy_id) JOIN dim_skill d ON d.skill_id = vs.skill_id AND NOT d.transversal;

CREATE OR REPLACE TEMP TABLE mt_seek AS
SELECT row_number() OVER (ORDER BY s.seeker_key) AS sid, s.seeker_key, s.province_code, s.regency_code, s.registered_m, s.end_m,
       coalesce(e.rank, 99) AS srank
FROM f_seeker s LEFT JOIN dim_education e ON e.code = s.education_level
WHERE $matching_enabled::BOOLEAN;

CREATE OR REPLACE TEMP TABLE mt_sskill AS
SELECT s.sid, ss.skill_id FROM mt_seek s JOIN seeker_skill ss USING (seeker_key) JOIN dim_skill d ON d.skill_id = ss.skill_id AND NOT d.transversal;

-- Scopes: every vacancy and seeker in its province; those with a regency also in it.
CREATE OR REPLACE TEMP TABLE mt_vac_scope AS
SELECT 'province' AS scope, province_code AS scope_code, * FROM mt_vac
UNION ALL SELECT 'regency', regency_code, * FROM mt_vac WHERE regency_code IS NOT NULL;

CREATE OR REPLACE TEMP TABLE mt_seek_scope AS
SELECT 'province' AS scope, province_code AS scope_code, * FROM mt_seek
UNION ALL SELECT 'regency', regency_code, * FROM mt_seek WHERE regency_code IS NOT NULL;

-- Pairs sharing ≥ 1 skill, with m and the months both are active.
CREATE OR REPLACE TEMP TABLE mt_pair AS
SELECT v.scope, v.scope_code, v.vid, s.sid, count(*)::INTEGER AS m, any_value(v.need) AS need, any_value(v.k_count) AS k_count,
       greatest(any_value(v.posted_m), any_value(s.registered_m)) AS from_m, least(any_value(v.end_m), any_value(s.end_m)) AS to_m
FROM (SELECT v.*, k.skill_id FROM mt_vac_scope v JOIN mt_vskill k USING (vid)) v
JOIN (SELECT s.*, k.skill_id FROM mt_seek_scope s JOIN mt_sskill k USING (sid)) s
  ON s.scope = v.scope AND s.scope_code = v.scope_code AND s.skill_id = v.skill_id
 AND s.registered_m <= v.end_m AND v.posted_m <= s.end_m
 AND s.srank >= v.erank
GROUP BY v.scope, v.scope_code, v.vid, s.sid;

-- Active vacancy-months and seeker-months in each scope.
CREATE OR REPLACE TEMP TABLE mt_vac_month AS
SELECT v.scope, v.scope_code, v.vid, v.province_code, v.regency_code, v.openings, v.erank, v.need, v.k_count, m AS mnum
FROM mt_vac_scope v, unnest(range(v.posted_m, v.end_m + 1)) AS t(m);

CREATE OR REPLACE TEMP TABLE mt_seek_month AS
SELECT s.scope, s.scope_code, s.sid, s.province_code, s.regency_code, s.srank, m AS mnum
FROM mt_seek_scope s, unnest(range(s.registered_m, s.end_m + 1)) AS t(m);

CREATE OR REPLACE TEMP TABLE mt_pair_month AS
SELECT p.scope, p.scope_code, p.vid, p.sid, p.m, p.need, t.month AS mnum
FROM mt_pair p, unnest(range(p.from_m, p.to_m + 1)) AS t(month);

-- Pool depth: qualified active seekers (m ≥ need) of each active vacancy.
CREATE OR REPLACE TEMP TABLE mt_pool AS
SELECT v.scope, v.scope_code, v.province_code, v.regency_code, v.vid, v.mnum, v.openings,
       coalesce(q.pool, 0) AS pool
FROM mt_vac_month v
LEFT JOIN (SELECT scope, vid, mnum, count(*) AS pool FROM mt_pair_month WHERE m >= need GROUP BY ALL) q USING (scope, vid, mnum);

-- Near misses among pairs sharing skills: m = need − 1 (≥ 1).
CREATE OR REPLACE TEMP TABLE mt_near AS
SELECT scope, scope_code, vid, sid, mnum FROM mt_pair_month WHERE m = need - 1;

-- Seekers per scope, month and education rank, and the one-skill vacancies (need = 1):
-- a seeker is a near miss through them when the one-skill vacancies they are eligible for
-- outnumber those whose skill they hold (those are pairs with m = 1).
CREATE OR REPLACE TEMP TABLE mt_seek_hist AS
SELECT scope, scope_code, mnum, srank, count(*) AS n FROM mt_seek_month GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE mt_one_skill AS
SELECT v.scope, v.scope_code, v.mnum, v.vid, v.erank, k.skill_id
FROM mt_vac_month v JOIN mt_vskill k USING (vid) WHERE v.k_count = 1;

-- Eligible one-skill vacancies of a seeker-month (by rank), for the seekers that hold some.
CREATE OR REPLACE TEMP TABLE mt_one_held AS
WITH held AS (
  SELECT p.scope, p.scope_code, p.sid, p.mnum, count(*) AS held
  FROM mt_pair_month p JOIN mt_vac v USING (vid) WHERE v.k_count = 1 GROUP BY ALL
)
SELECT h.scope, h.scope_code, h.sid, h.mnum, h.held, s.srank,
       (SELECT count(*) FROM mt_one_skill o WHERE o.scope = h.scope AND o.scope_code = h.scope_code AND o.mnum = h.mnum AND o.erank <= s.srank) AS eligible
FROM held h JOIN mt_seek_month s USING (scope, sid, mnum);

CREATE OR REPLACE TEMP TABLE mt_one_min AS
SELECT scope, scope_code, mnum, min(erank) AS min_rank FROM mt_one_skill GROUP BY ALL;

-- Near-miss seekers per scope and month: through one-skill vacancies (eligible seekers,
-- less those holding every such skill they are eligible for), plus near-miss pairs not
-- already counted that way.
CREATE OR REPLACE TEMP TABLE mt_near_count AS
WITH one_skill AS (
  SELECT h.scope, h.scope_code, h.mnum, sum(h.n) AS n
  FROM mt_seek_hist h JOIN mt_one_min o USING (scope, scope_code, mnum) WHERE h.srank >= o.min_rank GROUP BY ALL
), holding_all AS (
  SELECT scope, scope_code, mnum, count(*) AS n FROM mt_one_held WHERE held >= eligible AND eligible > 0 GROUP BY ALL
), pair_only AS (
  SELECT n.scope, n.scope_code, n.mnum, count(DISTINCT n.sid) AS n
  FROM mt_near n JOIN mt_seek_month s USING (scope, sid, mnum)
  LEFT JOIN mt_one_min o ON o.scope = n.scope AND o.scope_code = n.scope_code AND o.mnum = n.mnum
  LEFT JOIN mt_one_held h ON h.scope = n.scope AND h.sid = n.sid AND h.mnum = n.mnum
  WHERE o.min_rank IS NULL OR s.srank < o.min_rank OR h.held >= h.eligible
  GROUP BY ALL
)
SELECT scope, scope_code, mnum, coalesce(sum(n), 0) AS near_miss_seekers FROM (
  SELECT scope, scope_code, mnum, n FROM one_skill
  UNION ALL SELECT scope, scope_code, mnum, -n FROM holding_all
  UNION ALL SELECT scope, scope_code, mnum, n FROM pair_only
) GROUP BY ALL;

-- Placement match quality: coverage of each placed seeker against the vacancy of the placement.
CREATE OR REPLACE TEMP TABLE mt_placement AS
WITH placed AS (
  SELECT p.placed_m AS mnum, p.province_code, p.regency_code, v.vid, v.k_count, s.sid
  FROM f_placement p JOIN mt_seek s USING (seeker_key) JOIN mt_vac v ON v.vacancy_id = p.vacancy_id
), shared AS (
  SELECT pl.vid, pl.sid, count(*) AS m
  FROM (SELECT DISTINCT vid, sid FROM placed) pl JOIN mt_vskill vk USING (vid) JOIN mt_sskill sk ON sk.sid = pl.sid AND sk.skill_id = vk.skill_id
  GROUP BY ALL
)
SELECT p.mnum, p.province_code, p.regency_code, p.vid, p.k_count, coalesce(sh.m, 0) / p.k_count AS coverage
FROM placed p LEFT JOIN shared sh USING (vid, sid);

CREATE OR REPLACE TABLE mart_matching_quality AS
WITH vac AS (
  SELECT 'ID' AS region_code, mnum, pool, openings FROM mt_pool WHERE scope = 'province'
  UNION ALL SELECT province_code, mnum, pool, openings FROM mt_pool WHERE scope = 'province'
  UNION ALL SELECT regency_code, mnum, pool, openings FROM mt_pool WHERE scope = 'regency'
), vq AS (
  SELECT region_code, mnum, count(*) AS active_vacancies, median(pool) AS median_pool_depth,
         sum(openings) FILTER (WHERE pool = 0) / sum(openings) AS hard_to_fill_share
  FROM vac GROUP BY ALL
), near AS (
  SELECT 'ID' AS region_code, mnum, sum(near_miss_seekers) AS near_miss_seekers FROM mt_near_count WHERE scope = 'province' GROUP BY ALL
  UNION ALL SELECT scope_code, mnum, near_miss_seekers FROM mt_near_count
), placed AS (
  SELECT CASE WHEN GROUPING(province_code) = 1 THEN 'ID' WHEN GROUPING(regency_code) = 1 THEN province_code ELSE regency_code END AS region_code,
         mnum, avg(coverage) AS placement_match_coverage, count(*) AS placements_matched
  FROM mt_placement GROUP BY GROUPING SETS ((mnum), (mnum, province_code), (mnum, province_code, regency_code))
  HAVING NOT (GROUPING(regency_code) = 0 AND regency_code IS NULL)
)
SELECT p.period, r.region_code,
       coalesce(vq.active_vacancies, 0)::BIGINT AS active_vacancies,
       vq.median_pool_depth::DOUBLE AS median_pool_depth,
       vq.hard_to_fill_share::DOUBLE AS hard_to_fill_share,
       coalesce(near.near_miss_seekers, 0)::BIGINT AS near_miss_seekers,
       placed.placement_match_coverage::DOUBLE AS placement_match_coverage,
       coalesce(placed.placements_matched, 0)::BIGINT AS placements_matched
FROM dim_period p CROSS JOIN dim_region r
LEFT JOIN vq ON vq.mnum = p.mnum AND vq.region_code = r.region_code
LEFT JOIN near ON near.mnum = p.mnum AND near.region_code = r.region_code
LEFT JOIN placed ON placed.mnum = p.mnum AND placed.region_code = r.region_code
ORDER BY p.period, r.sort_key;

-- Upskilling leverage of skill k: seekers for whom k unlocks a vacancy, vacancies k unlocks.
-- From near-miss pairs: every skill of K_v the seeker lacks unlocks v.
CREATE OR REPLACE TEMP TABLE mt_unlock_pair AS
SELECT n.scope, n.scope_code, n.vid, n.sid, n.mnum, vk.skill_id
FROM mt_near n JOIN mt_vskill vk USING (vid)
ANTI JOIN mt_sskill sk ON sk.sid = n.sid AND sk.skill_id = vk.skill_id;

-- From one-skill vacancies: k unlocks v = {k} for every eligible seeker without k.
-- Per scope, month and skill: the lowest education rank such a vacancy asks for.
CREATE OR REPLACE TEMP TABLE mt_one_skill_min AS
SELECT scope, scope_code, mnum, skill_id, min(erank) AS min_rank FROM mt_one_skill GROUP BY ALL;

-- Seekers holding each skill, per scope, month and rank.
CREATE OR REPLACE TEMP TABLE mt_skill_hist AS
SELECT s.scope, s.scope_code, s.mnum, k.skill_id, s.srank, count(*) AS n
FROM mt_seek_month s JOIN mt_sskill k USING (sid) GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE mt_leverage AS
WITH one_skill_seekers AS (
  -- eligible seekers lacking k: eligible by rank, minus those holding k
  SELECT o.scope, o.scope_code, o.mnum, o.skill_id,
         (SELECT coalesce(sum(h.n), 0) FROM mt_seek_hist h WHERE h.scope = o.scope AND h.scope_code = o.scope_code AND h.mnum = o.mnum AND h.srank >= o.min_rank)
         - (SELECT coalesce(sum(k.n), 0) FROM mt_skill_hist k WHERE k.scope = o.scope AND k.scope_code = o.scope_code AND k.mnum = o.mnum AND k.skill_id = o.skill_id AND k.srank >= o.min_rank) AS n
  FROM mt_one_skill_min o
), pair_only AS (
  -- near-miss-pair seekers not already counted there (not eligible for a one-skill vacancy of k)
  SELECT u.scope, u.scope_code, u.mnum, u.skill_id, count(DISTINCT u.sid) AS n
  FROM mt_unlock_pair u JOIN mt_seek_month s ON s.scope = u.scope AND s.sid = u.sid AND s.mnum = u.mnum
  LEFT JOIN mt_one_skill_min o ON o.scope = u.scope AND o.scope_code = u.scope_code AND o.mnum = u.mnum AND o.skill_id = u.skill_id
  WHERE o.min_rank IS NULL OR s.srank < o.min_rank
  GROUP BY ALL
), vac_pairs AS (
  SELECT scope, scope_code, mnum, skill_id, vid FROM mt_unlock_pair GROUP BY ALL
), one_groups AS (
  -- one-skill vacancies grouped by what decides the question: scope, month, skill, rank asked
  SELECT scope, scope_code, mnum, skill_id, erank, list(vid) AS vids FROM mt_one_skill GROUP BY ALL
), vac_one AS (
  -- … those with at least one eligible seeker lacking the skill
  SELECT g.scope, g.scope_code, g.mnum, g.skill_id, unnest(g.vids) AS vid
  FROM one_groups g
  WHERE (SELECT coalesce(sum(h.n), 0) FROM mt_seek_hist h WHERE h.scope = g.scope AND h.scope_code = g.scope_code AND h.mnum = g.mnum AND h.srank >= g.erank)
      > (SELECT coalesce(sum(k.n), 0) FROM mt_skill_hist k WHERE k.scope = g.scope AND k.scope_code = g.scope_code AND k.mnum = g.mnum AND k.skill_id = g.skill_id AND k.srank >= g.erank)
), vacancies AS (
  SELECT scope, scope_code, mnum, skill_id, count(DISTINCT vid) AS n FROM (SELECT * FROM vac_pairs UNION ALL SELECT * FROM vac_one) GROUP BY ALL
)
SELECT coalesce(a.scope, b.scope, c.scope) AS scope, coalesce(a.scope_code, b.scope_code, c.scope_code) AS scope_code,
       coalesce(a.mnum, b.mnum, c.mnum) AS mnum, coalesce(a.skill_id, b.skill_id, c.skill_id) AS skill_id,
       coalesce(a.n, 0) + coalesce(b.n, 0) AS seekers_unlocked, coalesce(c.n, 0) AS vacancies_unlocked
FROM one_skill_seekers a
FULL JOIN pair_only b USING (scope, scope_code, mnum, skill_id)
FULL JOIN vacancies c USING (scope, scope_code, mnum, skill_id);

CREATE OR REPLACE TABLE mart_upskilling_leverage AS
WITH levels AS (
  SELECT 'ID' AS region_code, mnum, skill_id, sum(seekers_unlocked) AS seekers_unlocked, sum(vacancies_unlocked) AS vacancies_unlocked FROM mt_leverage WHERE scope = 'province' GROUP BY ALL
  UNION ALL SELECT scope_code, mnum, skill_id, seekers_unlocked, vacancies_unlocked FROM mt_leverage
)
SELECT p.period, l.region_code, l.skill_id, k.label_id AS skill_label_id, k.label_en AS skill_label_en, k.skill_group,
       l.seekers_unlocked::BIGINT AS seekers_unlocked, l.vacancies_unlocked::BIGINT AS vacancies_unlocked
FROM levels l JOIN dim_period p USING (mnum) JOIN dim_skill k USING (skill_id)
WHERE l.seekers_unlocked > 0 OR l.vacancies_unlocked > 0
ORDER BY p.period, l.region_code, l.skill_id;

-- Training programme p unlocks seeker s when adding p's skills makes s qualified for an
-- active vacancy s was not qualified for: m < need ≤ m + |(K_v \ H_s) ∩ P|.
CREATE OR REPLACE TEMP TABLE mt_vac_programme AS
SELECT vk.vid, ps.programme_id, count(*) AS q FROM mt_vskill vk JOIN dim_programme_skill ps USING (skill_id) GROUP BY ALL;

-- (i) pairs sharing a skill: count the missing skills the programme covers.
CREATE OR REPLACE TEMP TABLE mt_train_pair AS
WITH unlocked AS (   -- decided once per pair, then spread over the months the pair overlaps
  SELECT p.scope, p.scope_code, p.vid, p.sid, p.from_m, p.to_m, ps.programme_id
  FROM mt_pair p
  JOIN mt_vskill vk ON vk.vid = p.vid
  JOIN dim_programme_skill ps ON ps.skill_id = vk.skill_id
  ANTI JOIN mt_sskill sk ON sk.sid = p.sid AND sk.skill_id = vk.skill_id
  WHERE p.m < p.need
  GROUP BY p.scope, p.scope_code, p.vid, p.sid, p.from_m, p.to_m, ps.programme_id, p.m, p.need
  HAVING p.m + count(*) >= p.need
)
SELECT DISTINCT u.scope, u.scope_code, u.sid, t.month AS mnum, u.programme_id
FROM unlocked u, unnest(range(u.from_m, u.to_m + 1)) AS t(month);

-- (ii) seekers sharing no skill with a vacancy the programme covers (q ≥ need): counted
-- from the rank histogram (eligible for some covered vacancy) less the seekers who share a
-- skill with every covered vacancy they are eligible for; plus the pair-based seekers of
-- (i) not counted that way.
CREATE OR REPLACE TEMP TABLE mt_covered AS
SELECT v.scope, v.scope_code, v.mnum, v.vid, v.erank, c.programme_id
FROM mt_vac_month v JOIN mt_vac_programme c USING (vid) WHERE c.q >= v.need;

CREATE OR REPLACE TEMP TABLE mt_covered_min AS
SELECT scope, scope_code, mnum, programme_id, min(erank) AS min_rank FROM mt_covered GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE mt_covered_sharing AS
WITH sharing AS (
  SELECT p.scope, p.scope_code, p.sid, p.mnum, c.programme_id, count(*) AS shared
  FROM mt_pair_month p JOIN mt_covered c ON c.scope = p.scope AND c.vid = p.vid AND c.mnum = p.mnum
  GROUP BY ALL
)
SELECT h.*, s.srank,
       (SELECT count(*) FROM mt_covered c WHERE c.scope = h.scope AND c.scope_code = h.scope_code AND c.mnum = h.mnum
          AND c.programme_id = h.programme_id AND c.erank <= s.srank) AS eligible
FROM sharing h JOIN mt_seek_month s USING (scope, sid, mnum);

CREATE OR REPLACE TEMP TABLE mt_train AS
WITH covered_seekers AS (
  SELECT m.scope, m.scope_code, m.mnum, m.programme_id, sum(h.n) AS n
  FROM mt_covered_min m JOIN mt_seek_hist h ON h.scope = m.scope AND h.scope_code = m.scope_code AND h.mnum = m.mnum AND h.srank >= m.min_rank
  GROUP BY ALL
), sharing_all AS (
  SELECT scope, scope_code, mnum, programme_id, count(*) AS n FROM mt_covered_sharing WHERE shared >= eligible AND eligible > 0 GROUP BY ALL
), pair_only AS (
  SELECT t.scope, t.scope_code, t.mnum, t.programme_id, count(DISTINCT t.sid) AS n
  FROM mt_train_pair t JOIN mt_seek_month s USING (scope, sid, mnum)
  LEFT JOIN mt_covered_min m ON m.scope = t.scope AND m.scope_code = t.scope_code AND m.mnum = t.mnum AND m.programme_id = t.programme_id
  LEFT JOIN mt_covered_sharing c ON c.scope = t.scope AND c.sid = t.sid AND c.mnum = t.mnum AND c.programme_id = t.programme_id
  WHERE m.min_rank IS NULL OR s.srank < m.min_rank OR c.shared >= c.eligible
  GROUP BY ALL
)
SELECT scope, scope_code, mnum, programme_id, sum(n) AS seekers_unlocked FROM (
  SELECT * FROM covered_seekers
  UNION ALL SELECT scope, scope_code, mnum, programme_id, -n FROM sharing_all
  UNION ALL SELECT * FROM pair_only
) GROUP BY ALL;

CREATE OR REPLACE TABLE mart_training_recommendations AS
WITH levels AS (
  SELECT 'ID' AS region_code, mnum, programme_id, sum(seekers_unlocked) AS seekers_unlocked FROM mt_train WHERE scope = 'province' GROUP BY ALL
  UNION ALL SELECT scope_code, mnum, programme_id, seekers_unlocked FROM mt_train
)
SELECT p.period, l.region_code, l.programme_id, d.name_id, d.name_en, d.hours,
       l.seekers_unlocked::BIGINT AS seekers_unlocked,
       l.seekers_unlocked * 100.0 / d.hours AS seekers_unlocked_per_100h,
       rank() OVER (PARTITION BY p.period, l.region_code ORDER BY l.seekers_unlocked DESC, l.seekers_unlocked * 100.0 / d.hours DESC)::INTEGER AS rank
FROM levels l JOIN dim_period p USING (mnum) JOIN dim_programme d USING (programme_id)
WHERE l.seekers_unlocked > 0
ORDER BY p.period, l.region_code, rank, l.programme_id;
