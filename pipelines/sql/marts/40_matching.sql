-- Skill-based matching (DESIGN §4): matching-quality, upskilling-leverage and
-- training-recommendations. Parameter: $theta (> 0.5). Always computed: no step grows
-- with 2^|K| beyond K of 10 skills.
--
-- Matching is within a scope: the province for national and province rows, the regency
-- for regency rows; in a month t; transversal skills left out. Everything is exact, and no
-- (vacancy, seeker) pair is built but the candidates of prefix filtering (see README.md,
-- "Skill matching"):
-- * Vacancies are grouped into vacancy signatures (scope, month, K, education rank asked)
--   and seekers into seeker signatures (scope, active months, H, education rank).
-- * Each distinct K takes one route (mt_kroute): subset counts up to 10 skills, prefix
--   filtering above.
-- * Subset counts: each seeker signature is expanded into the subsets of H that are
--   subsets of some such K of its scope (mt_sub). Pool depth and "some seeker is a near
--   miss for v lacking k" are additive: counts N(T) of seekers holding a set T, combined
--   by inclusion-exclusion over the subsets of K. "Seeker s is a near miss / unlocked by k
--   / unlocked by p" need the seeker: they come from joining its subsets with what
--   vacancies need (witnesses), never from pairs that share a skill but cannot be near misses.
-- * Prefix filtering: the seeker signatures that can share enough skills with K (they
--   hold one of its rarest skills and have enough skills) are compared with K exactly
--   (mt_lpair), and feed the same tables as the witnesses.
-- * θ > 0.5 makes need = 1 exactly for one-skill vacancies; those make every eligible
--   seeker without the skill a near miss and are counted from rank histograms.

-- Matching's temporary tables are big and their row order does not matter (every mart below
-- has its ORDER BY): let DuckDB write them in any order, which needs less memory. Reset at the end.
SET preserve_insertion_order = false;

-- |a ∩ b| for lists without repeats. (list_intersect, list_has_any and list_has_all build
-- a hash set per call: 3–6 times slower on these short lists, README "Skill matching".)
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
SELECT row_number() OVER (ORDER BY source, vacancy_id) AS vid, dense_rank() OVER (ORDER BY kset) AS kid, * FROM (
  SELECT v.source, v.vacancy_id, v.province_code, v.regency_code, v.openings, v.posted_m, v.end_m,
         coalesce(e.rank, 0) AS erank, list(k.sx ORDER BY k.sx) AS kset, count(*)::INTEGER AS k_count,
         -- need: the fewest shared skills with need / |K| ≥ θ
         ceil($theta::DOUBLE * count(*) - 1e-9)::INTEGER AS need
  FROM f_vacancy v
  JOIN vacancy_skill vs USING (source, vacancy_id)
  JOIN mt_skill k USING (skill_id)
  LEFT JOIN dim_education e ON e.code = v.education_min
  GROUP BY ALL
);

CREATE OR REPLACE TEMP TABLE mt_seek AS
SELECT s.seeker_key, s.province_code, s.regency_code, s.registered_m, s.end_m, coalesce(e.rank, 99) AS srank,
       coalesce(h.hset, []::SMALLINT[]) AS hset
FROM f_seeker s
LEFT JOIN dim_education e ON e.code = s.education_level
LEFT JOIN (SELECT ss.seeker_key, list(k.sx ORDER BY k.sx) AS hset FROM seeker_skill ss JOIN mt_skill k USING (skill_id) GROUP BY ALL) h USING (seeker_key);

-- Active vacancy-months in each scope (every vacancy in its province, and in its regency when it has one).
CREATE OR REPLACE TEMP TABLE mt_vm AS
SELECT c.sc, v.scope, v.scope_code, t.m AS mnum, v.vid, v.province_code, v.regency_code, v.openings, v.erank, v.kid, v.kset, v.k_count, v.need
FROM (SELECT 'province' AS scope, province_code AS scope_code, * FROM mt_vac
      UNION ALL SELECT 'regency', regency_code, * FROM mt_vac WHERE regency_code IS NOT NULL) v
JOIN mt_scope c USING (scope, scope_code), unnest(range(v.posted_m, v.end_m + 1)) AS t(m);

-- Vacancy signatures: what matching needs to know of an active vacancy; n vacancies each.
CREATE OR REPLACE TEMP TABLE mt_vsig AS
SELECT row_number() OVER (ORDER BY sc, mnum, kid, erank) AS vg, sc, mnum, kid, erank,
       any_value(kset) AS kset, any_value(k_count) AS k_count, any_value(need) AS need, count(*) AS n, sum(openings) AS openings
FROM mt_vm GROUP BY sc, mnum, kid, erank;

-- … and per (scope, month, K): the lowest rank asked.
CREATE OR REPLACE TEMP TABLE mt_kmon AS
SELECT sc, mnum, kid, any_value(need) AS need, min(erank) AS min_rank FROM mt_vsig GROUP BY sc, mnum, kid;

-- Each distinct K goes one of two ways (README "Skill matching"): subset counts while its
-- 2^|K| − 1 subsets stay few (|K| ≤ 10), prefix filtering above, whose cost does not grow
-- with 2^|K|. Training programmes overlapping K, with q = |K ∩ P|, for both.
CREATE OR REPLACE TEMP TABLE mt_kroute AS
SELECT kid, any_value(kset) AS kset, any_value(k_count) AS k_count, any_value(need) AS need, any_value(k_count) <= 10 AS by_subsets
FROM mt_vac GROUP BY kid;

CREATE OR REPLACE TEMP TABLE mt_programme AS
-- (numbered: programme ids are text, and integers join and group several times faster)
SELECT (row_number() OVER (ORDER BY programme_id))::SMALLINT AS px, programme_id, pset FROM (
  SELECT ps.programme_id, list(k.sx ORDER BY k.sx) AS pset FROM dim_programme_skill ps JOIN mt_skill k USING (skill_id) GROUP BY ALL);

CREATE OR REPLACE TEMP TABLE mt_kprog AS
SELECT d.kid, d.kset, p.px, p.pset, list_filter(d.kset, x -> list_contains(p.pset, x)) AS pk, mt_shared(d.kset, p.pset) AS q
FROM mt_kroute d JOIN mt_programme p ON mt_shared(d.kset, p.pset) > 0;

-- Seeker signatures: seekers of a scope with the same active months, education rank and skills.
CREATE OR REPLACE TEMP TABLE mt_sg AS
SELECT row_number() OVER (ORDER BY sc, a, b, srank, hset) AS sg, * FROM (
  SELECT c.sc, s.registered_m AS a, s.end_m AS b, s.srank, s.hset, count(*) AS n
  FROM (SELECT 'province' AS scope, province_code AS scope_code, * FROM mt_seek
        UNION ALL SELECT 'regency', regency_code, * FROM mt_seek WHERE regency_code IS NOT NULL) s
  JOIN mt_scope c USING (scope, scope_code)
  GROUP BY ALL
);

CREATE OR REPLACE TEMP TABLE mt_sg_skill AS SELECT sg, sc, unnest(hset) AS sx FROM mt_sg;

-- Seeker signature-months: active seekers per rank, and whether a one-skill vacancy makes
-- them a near miss: the skills of the one-skill vacancies they are eligible for (oset) are
-- not all theirs.
CREATE OR REPLACE TEMP TABLE mt_one AS
SELECT sc, mnum, kset[1] AS sx, min(erank) AS min_rank FROM mt_vsig WHERE k_count = 1 GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE mt_one_set AS
SELECT row_number() OVER (ORDER BY sc, mnum, srank) AS oid, *, len(oset) AS olen FROM (
  SELECT o.sc, o.mnum, r.srank, list(o.sx ORDER BY o.sx) AS oset
  FROM mt_one o JOIN (SELECT DISTINCT srank FROM mt_sg) r ON o.min_rank <= r.srank
  GROUP BY ALL);

-- (Without lists in the month rows, the largest table of matching: a seeker with fewer
-- skills than oset is a near miss without looking; the others are looked at after.)
CREATE OR REPLACE TEMP TABLE mt_sgm AS
SELECT g.sg, g.sc, g.mnum, g.srank, g.n, o.oid, CASE WHEN o.oid IS NULL THEN false WHEN o.olen > g.hlen THEN true END AS one_near
FROM (SELECT sg, sc, srank, n, len(hset) AS hlen, unnest(range(a, b + 1)) AS mnum FROM mt_sg) g
LEFT JOIN (SELECT oid, sc, mnum, srank, olen FROM mt_one_set) o ON o.sc = g.sc AND o.mnum = g.mnum AND o.srank = g.srank;

UPDATE mt_sgm m SET one_near = mt_shared(o.oset, g.hset) < o.olen
FROM mt_one_set o, mt_sg g WHERE m.one_near IS NULL AND o.oid = m.oid AND g.sg = m.sg;
DROP TABLE mt_one_set;

CREATE OR REPLACE TEMP TABLE mt_hist AS
SELECT sc, mnum, srank, sum(n) AS n FROM mt_sgm GROUP BY ALL;

-- Subsets. Every non-empty subset U of every K, numbered (uid), with the one-skill
-- extensions between them (parent ∪ {sx} = child, sx above every skill of parent).
CREATE OR REPLACE TEMP TABLE mt_ksub AS
SELECT kset, list_filter(kset, (x, i) -> (mask >> (i - 1)) & 1 = 1) AS uset
FROM (SELECT kset FROM mt_kroute WHERE by_subsets), range(1, 1 << len(kset)) AS r(mask);

CREATE OR REPLACE TEMP TABLE mt_uset AS
SELECT (row_number() OVER (ORDER BY uset))::INTEGER AS uid, uset, len(uset)::INTEGER AS size FROM (SELECT DISTINCT uset FROM mt_ksub);

-- (joined on kid from here on: integers join faster than lists)
CREATE OR REPLACE TEMP TABLE mt_ksub_id AS
SELECT r.kid, k.kset, u.uid, u.uset, u.size FROM mt_ksub k JOIN mt_uset u USING (uset) JOIN mt_kroute r USING (kset);
DROP TABLE mt_ksub;

CREATE OR REPLACE TEMP TABLE mt_uext AS
SELECT p.uid AS parent, c.uset[c.size] AS sx, c.uid AS child
FROM mt_uset c JOIN mt_uset p ON p.uset = list_slice(c.uset, 1, c.size - 1)
WHERE c.size >= 2;

-- The subsets of the vacancies of each scope, and each seeker signature's subsets among them.
CREATE OR REPLACE TEMP TABLE mt_cl AS
SELECT DISTINCT v.sc, k.uid FROM (SELECT DISTINCT sc, kid FROM mt_vsig) v JOIN mt_ksub_id k USING (kid);

CREATE OR REPLACE TEMP TABLE mt_sub AS
WITH RECURSIVE sub(sg, sc, uid, last) AS (
  SELECT x.sg, x.sc, u.uid, x.sx
  FROM mt_sg_skill x JOIN mt_uset u ON u.size = 1 AND u.uset[1] = x.sx
  SEMI JOIN mt_cl c ON c.sc = x.sc AND c.uid = u.uid
  UNION ALL
  SELECT s.sg, s.sc, e.child, x.sx
  FROM sub s JOIN mt_sg_skill x ON x.sg = s.sg AND x.sx > s.last JOIN mt_uext e ON e.parent = s.uid AND e.sx = x.sx
  SEMI JOIN mt_cl c ON c.sc = s.sc AND c.uid = e.child
)
SELECT s.sg, s.sc, s.uid, g.a, g.b, g.srank, g.n FROM sub s JOIN mt_sg g USING (sg);
DROP TABLE mt_uext;
DROP TABLE mt_cl;

-- Prefix filtering (AllPairs) for the other K. lo = the fewest shared skills any figure
-- needs: need − 1 for a near miss, need − q for a programme with q = |K ∩ P| < need (one
-- with q ≥ need qualifies everyone eligible and is counted from histograms below). A seeker
-- sharing ≥ lo skills with K holds ≥ lo of them, hence one of any |K'| − lo + 1 skills of
-- K' = the skills of K that some seeker holds: the rarest ones, so few seekers are probed.
-- Seekers with fewer than lo skills cannot share lo.
CREATE OR REPLACE TEMP TABLE mt_sfreq AS SELECT sx, count(*) AS n FROM mt_sg_skill GROUP BY sx;

CREATE OR REPLACE TEMP TABLE mt_klong AS
SELECT r.kid, r.kset, r.need, r.need - greatest(1, coalesce(max(p.q) FILTER (WHERE p.q < r.need), 0)) AS lo
FROM mt_kroute r LEFT JOIN mt_kprog p USING (kid)
WHERE NOT r.by_subsets GROUP BY r.kid, r.kset, r.need;

CREATE OR REPLACE TEMP TABLE mt_lprefix AS
SELECT kid, sx FROM (
  SELECT k.kid, k.lo, k.sx, count(*) OVER (PARTITION BY k.kid) AS held,
         row_number() OVER (PARTITION BY k.kid ORDER BY f.n, k.sx) AS pos
  FROM (SELECT kid, lo, unnest(kset) AS sx FROM mt_klong) k JOIN mt_sfreq f USING (sx)
) WHERE pos <= held - lo + 1;
DROP TABLE mt_sfreq;

-- Candidates: seeker signatures of the scope holding a prefix skill, eligible, with ≥ lo
-- skills, active while a vacancy of the class is; m = |K ∩ H| exactly, kept when ≥ lo.
CREATE OR REPLACE TEMP TABLE mt_lclass AS
SELECT v.sc, v.kid, v.erank, min(v.mnum) AS m0, max(v.mnum) AS m1
FROM mt_vsig v SEMI JOIN mt_klong l USING (kid) GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE mt_lcand AS
WITH c AS (
  SELECT DISTINCT v.sc, v.kid, v.erank, g.sg
  FROM mt_lclass v JOIN mt_klong l USING (kid) JOIN mt_lprefix p USING (kid)
  JOIN mt_sg_skill x ON x.sc = v.sc AND x.sx = p.sx
  JOIN mt_sg g ON g.sg = x.sg
  WHERE g.srank >= v.erank AND g.a <= v.m1 AND v.m0 <= g.b AND len(g.hset) >= l.lo
)
SELECT c.sc, c.kid, c.erank, c.sg, g.a, g.b, g.srank, g.n, mt_shared(l.kset, g.hset) AS m
FROM c JOIN mt_sg g USING (sg) JOIN mt_klong l USING (kid)
WHERE mt_shared(l.kset, g.hset) >= l.lo;
DROP TABLE mt_sg_skill;

-- The candidates programme p makes newly qualified, m < need ≤ m + |(P ∩ K) \ H| (q < need;
-- q ≥ need is counted from histograms below), decided once per candidate, then spread over
-- the months.
CREATE OR REPLACE TEMP TABLE mt_ltrain AS
WITH u AS (
  SELECT c.sc, c.kid, c.erank, c.sg, c.a, c.b, c.srank, k.px
  FROM mt_lcand c JOIN mt_klong l USING (kid) JOIN mt_kprog k USING (kid) JOIN mt_sg g USING (sg)
  WHERE k.q < l.need AND c.m < l.need AND k.q >= l.need - c.m
    AND k.q - mt_shared(k.pk, g.hset) >= l.need - c.m
)
SELECT v.vg, u.sg, u.sc, v.mnum, u.srank, u.px
FROM u JOIN mt_vsig v ON v.sc = u.sc AND v.kid = u.kid AND v.erank = u.erank AND v.mnum BETWEEN u.a AND u.b;

-- … spread over the months both are active: (vacancy signature, seeker signature, m).
CREATE OR REPLACE TEMP TABLE mt_lpair AS
SELECT v.vg, v.sc, v.mnum, v.kid, v.kset, v.need, c.sg, c.srank, c.n, c.m
FROM mt_lcand c JOIN mt_vsig v ON v.sc = c.sc AND v.kid = c.kid AND v.erank = c.erank AND v.mnum BETWEEN c.a AND c.b;
DROP TABLE mt_lcand;

-- N(T): active seekers holding T, per scope, month and rank, for the T ⊆ K of size ≥ need − 1
-- of the vacancy signatures (pool depth and vacancies unlocked), and the T ⊆ K \ P of size
-- ≥ need − q that tell whether programme p (q = |K ∩ P| < need) unlocks the vacancy.
CREATE OR REPLACE TEMP TABLE mt_tsub AS
SELECT p.kid, p.px, u.uid, u.size, (r.need - p.q)::INTEGER AS r
FROM mt_kprog p JOIN mt_kroute r USING (kid) JOIN mt_ksub_id u ON u.kid = p.kid
WHERE r.by_subsets AND p.q < r.need AND u.size >= r.need - p.q AND mt_shared(u.uset, p.pset) = 0;

CREATE OR REPLACE TEMP TABLE mt_vsub AS
WITH k AS (
  SELECT r.kid, u.uid, u.size FROM mt_kroute r JOIN mt_ksub_id u USING (kid) WHERE u.size >= r.need - 1
  UNION SELECT kid, uid, size FROM mt_tsub
)
SELECT v.vg, v.kid, v.sc, v.mnum, v.erank, v.need, k.uid, k.size
FROM mt_vsig v JOIN k USING (kid);

CREATE OR REPLACE TEMP TABLE mt_n AS
SELECT k.sc, k.mnum, k.uid, s.srank, sum(s.n) AS n
FROM (SELECT DISTINCT sc, mnum, uid FROM mt_vsub) k
JOIN mt_sub s ON s.sc = k.sc AND s.uid = k.uid AND k.mnum BETWEEN s.a AND s.b
GROUP BY ALL;

-- … and per vacancy signature: eligible seekers (rank ≥ the rank asked) holding each T.
CREATE OR REPLACE TEMP TABLE mt_vsub_n AS
SELECT v.vg, v.kid, v.need, v.uid, v.size, coalesce(sum(n.n), 0) AS n
FROM mt_vsub v LEFT JOIN mt_n n ON n.sc = v.sc AND n.mnum = v.mnum AND n.uid = v.uid AND n.srank >= v.erank
GROUP BY ALL;
DROP TABLE mt_vsub;

-- Pool depth: seekers with |K ∩ H| ≥ need. A seeker with m = |K ∩ H| is in N(T) for C(m, i)
-- sets T of size i, and Σ_{i=need..m} (−1)^(i−need) C(i−1, need−1) C(m, i) = 1 for m ≥ need.
-- By prefix filtering: the qualified candidates.
CREATE OR REPLACE TEMP TABLE mt_coef AS   -- (−1)^(size − r) C(size − 1, r − 1), computed once
SELECT size, r, (CASE WHEN (size - r) % 2 = 0 THEN 1 ELSE -1 END * (factorial(size - 1) // (factorial(r - 1) * factorial(size - r))))::BIGINT AS coef
FROM (SELECT a.size::INTEGER AS size, b.r::INTEGER AS r FROM range(1, 11) AS a(size), range(1, 11) AS b(r)) WHERE r <= size;

CREATE OR REPLACE TEMP TABLE mt_vpool AS
SELECT v.vg, coalesce(sum(c.coef * s.n), 0)::BIGINT + coalesce(any_value(l.pool), 0)::BIGINT AS pool
FROM mt_vsig v LEFT JOIN mt_vsub_n s ON s.vg = v.vg AND s.size >= s.need
LEFT JOIN mt_coef c ON c.size = s.size AND c.r = s.need
LEFT JOIN (SELECT vg, sum(n) AS pool FROM mt_lpair WHERE m >= need GROUP BY vg) l ON l.vg = v.vg
GROUP BY v.vg;

CREATE OR REPLACE TEMP TABLE mt_pool AS
SELECT m.scope, m.scope_code, m.province_code, m.regency_code, m.vid, m.mnum, m.openings, p.pool
FROM mt_vm m JOIN mt_vsig v USING (sc, mnum, kid, erank) JOIN mt_vpool p USING (vg);
DROP TABLE mt_vm;

-- Near misses. s is a near miss for v (need ≥ 2) when K ∩ H = U with |U| = need − 1: H holds U
-- and none of E = K \ U. Per scope and month, each K with the lowest rank asked, and its U.
-- (Skills of E with an eligible one-skill vacancy are counted from histograms and left out
-- at the end; pruning (U, E) whose every skill has one removed under 10 % of the rows at 0.1
-- scale and cost more than it saved.)
CREATE OR REPLACE TEMP TABLE mt_kne AS
SELECT u.kid, u.uid, list_filter(u.kset, x -> NOT list_contains(u.uset, x)) AS eset
FROM mt_kroute r JOIN mt_ksub_id u ON u.kid = r.kid AND u.size = r.need - 1 WHERE r.need >= 2;

-- cap: a seeker of rank ≥ cap gains nothing from this (U, E): E = {y} and an eligible
-- one-skill vacancy asks for y, so the seeker lacking y is counted from histograms (as a
-- near miss and as unlocked by y). Dropping those rows in the join is exact and, at full
-- size where one-skill vacancies cover most skills, removes most of the join's output.
-- (For |E| > 1 no cap: 1000.)
CREATE OR REPLACE TEMP TABLE mt_coll AS
SELECT sc, mnum, uid, eset, min_rank, cap FROM (
  SELECT k.sc, k.mnum, n.uid, n.eset, k.min_rank, CASE WHEN len(n.eset) = 1 THEN coalesce(o.min_rank, 1000) ELSE 1000 END AS cap
  FROM mt_kmon k JOIN mt_kne n USING (kid)
  LEFT JOIN mt_one o ON o.sc = k.sc AND o.mnum = k.mnum AND o.sx = n.eset[1]
  WHERE k.need >= 2
) WHERE cap > min_rank;

-- Seeker signature-months and the skills that unlock a vacancy of need ≥ 2 for them, where
-- no eligible one-skill vacancy asks for that skill.
CREATE OR REPLACE TEMP TABLE mt_wit AS
WITH w AS (
  SELECT s.sg, s.sc, c.mnum, s.srank, c.eset
  FROM mt_sub s JOIN mt_coll c ON c.sc = s.sc AND c.uid = s.uid AND c.mnum BETWEEN s.a AND s.b AND c.min_rank <= s.srank AND s.srank < c.cap
  JOIN mt_sg g ON g.sg = s.sg
  WHERE mt_shared(c.eset, g.hset) = 0
)
SELECT DISTINCT w.sg, w.mnum, w.sx
FROM (SELECT sg, sc, mnum, srank, unnest(eset) AS sx FROM w) w
LEFT JOIN mt_one o ON o.sc = w.sc AND o.mnum = w.mnum AND o.sx = w.sx
WHERE o.min_rank IS NULL OR o.min_rank > w.srank;
DROP TABLE mt_coll;

-- … and, for K by prefix filtering, the near-miss candidates (m = need − 1) and the skills
-- of K they lack, with the same rule for one-skill vacancies.
INSERT INTO mt_wit
SELECT DISTINCT w.sg, w.mnum, w.sx
FROM (SELECT p.sg, p.sc, p.mnum, p.srank, unnest(list_filter(p.kset, x -> NOT list_contains(g.hset, x))) AS sx
      FROM mt_lpair p JOIN mt_sg g USING (sg) WHERE p.m = p.need - 1) w
LEFT JOIN mt_one o ON o.sc = w.sc AND o.mnum = w.mnum AND o.sx = w.sx
WHERE o.min_rank IS NULL OR o.min_rank > w.srank
EXCEPT SELECT w.* FROM mt_wit w SEMI JOIN mt_lpair p USING (sg);

-- Near-miss seekers per scope and month: through a one-skill vacancy, or through a witness.
CREATE OR REPLACE TEMP TABLE mt_near_count AS
-- (The witnesses are looked up only for the seeker signature-months no one-skill vacancy
-- makes near misses: a join whose hash table is those, not the far larger witness table.)
WITH rest AS (SELECT sg, mnum, sc, n FROM mt_sgm WHERE NOT one_near),
found AS (SELECT DISTINCT r.sg, r.mnum, r.sc, r.n FROM rest r JOIN mt_wit w ON w.sg = r.sg AND w.mnum = r.mnum)
SELECT c.scope, c.scope_code, m.mnum, sum(m.n) AS near_miss_seekers
FROM (SELECT sc, mnum, n FROM mt_sgm WHERE one_near UNION ALL SELECT sc, mnum, n FROM found) m JOIN mt_scope c USING (sc)
GROUP BY ALL;
DROP TABLE mt_sgm;

-- Placement match quality: coverage of each placed seeker against the vacancy of the placement.
CREATE OR REPLACE TEMP TABLE mt_placement AS
SELECT p.placed_m AS mnum, p.province_code, p.regency_code, v.vid, v.k_count,
       mt_shared(v.kset, s.hset) / v.k_count AS coverage
FROM f_placement p JOIN mt_seek s USING (seeker_key) JOIN mt_vac v ON v.vacancy_id = p.vacancy_id;
DROP TABLE mt_seek;

CREATE OR REPLACE TABLE mart_matching_quality AS
WITH vac AS (
  SELECT 'ID' AS region_code, mnum, pool, openings FROM mt_pool WHERE scope = 'province'
  UNION ALL SELECT province_code, mnum, pool, openings FROM mt_pool WHERE scope = 'province'
  UNION ALL SELECT regency_code, mnum, pool, openings FROM mt_pool WHERE scope = 'regency'
), vq AS (
  -- the lower median (quantile_disc): a pool depth counts persons, so its median is one of
  -- the pools, never a half person between two (median() gives 0.5 for pools 0 and 1)
  SELECT region_code, mnum, count(*) AS active_vacancies, quantile_disc(pool, 0.5) AS median_pool_depth,
         -- 0, not empty, where no vacancy is hard to fill (a FILTERed sum of no rows is NULL)
         coalesce(sum(openings) FILTER (WHERE pool = 0), 0) / sum(openings) AS hard_to_fill_share
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
DROP TABLE mt_pool;
DROP TABLE mt_near_count;
DROP TABLE mt_placement;

-- Upskilling leverage of skill k: seekers for whom k unlocks a vacancy, vacancies k unlocks.
-- Vacancies: v (need ≥ 2) is unlocked by every k ∈ E = K \ U when some eligible seeker holds
-- U (|U| = need − 1) and none of E: Σ_{U ⊆ T ⊆ K} (−1)^|T \ U| N(T) > 0. A one-skill vacancy
-- {k}: some eligible seeker lacks k.
-- The sets U ⊆ T ⊆ K that this needs, once per distinct K.
CREATE OR REPLACE TEMP TABLE mt_kut AS
SELECT d.kid, u.uid AS u_uid, t.uid AS t_uid, CASE WHEN (t.size - u.size) % 2 = 0 THEN 1 ELSE -1 END AS sign
FROM (SELECT kid, any_value(kset) AS kset, any_value(need) AS need FROM mt_vac GROUP BY kid) d
JOIN mt_ksub_id u ON u.kid = d.kid AND u.size = d.need - 1
JOIN mt_ksub_id t ON t.kid = d.kid AND t.size >= u.size AND mt_shared(u.uset, t.uset) = u.size
WHERE d.need >= 2;
DROP TABLE mt_vac;

CREATE OR REPLACE TEMP TABLE mt_vac_unlock AS
WITH unlocked AS (
  SELECT n.vg, k.u_uid FROM mt_vsub_n n JOIN mt_kut k ON k.kid = n.kid AND k.t_uid = n.uid
  GROUP BY n.vg, k.u_uid HAVING sum(k.sign * n.n) > 0
)
SELECT DISTINCT v.vg, v.sc, v.mnum, v.n, v.openings, unnest(list_filter(v.kset, x -> NOT list_contains(u.uset, x))) AS sx
FROM unlocked l JOIN mt_vsig v USING (vg) JOIN mt_uset u ON u.uid = l.u_uid
UNION
SELECT v.vg, v.sc, v.mnum, v.n, v.openings, v.kset[1]
FROM mt_vsig v JOIN mt_vsub_n s ON s.vg = v.vg
WHERE v.k_count = 1
  AND (SELECT coalesce(sum(h.n), 0) FROM mt_hist h WHERE h.sc = v.sc AND h.mnum = v.mnum AND h.srank >= v.erank) > s.n
UNION  -- K by prefix filtering: the skills a near-miss candidate lacks
SELECT p.vg, p.sc, p.mnum, v.n, v.openings, unnest(list_filter(p.kset, x -> NOT list_contains(g.hset, x)))
FROM mt_lpair p JOIN mt_sg g USING (sg) JOIN mt_vsig v USING (vg) WHERE p.m = p.need - 1;
DROP TABLE mt_kut;

CREATE OR REPLACE TEMP TABLE mt_leverage AS
WITH one_skill_seekers AS (
  -- eligible for a one-skill vacancy of k and lacking k: eligible by rank, minus those holding k
  SELECT o.sc, o.mnum, o.sx,
         (SELECT coalesce(sum(h.n), 0) FROM mt_hist h WHERE h.sc = o.sc AND h.mnum = o.mnum AND h.srank >= o.min_rank)
         - (SELECT coalesce(sum(n.n), 0) FROM mt_n n JOIN mt_uset u ON u.uid = n.uid AND u.size = 1
            WHERE n.sc = o.sc AND n.mnum = o.mnum AND u.uset[1] = o.sx AND n.srank >= o.min_rank) AS n
  FROM mt_one o
), witness_seekers AS (
  SELECT g.sc, w.mnum, w.sx, sum(g.n) AS n FROM mt_wit w JOIN mt_sg g ON g.sg = w.sg GROUP BY ALL
), vacancies AS (
  SELECT sc, mnum, sx, sum(n) AS n, sum(openings) AS openings FROM mt_vac_unlock GROUP BY ALL
)
SELECT c.scope, c.scope_code, x.mnum, k.skill_id, x.seekers_unlocked, x.vacancies_unlocked, x.openings_unlocked
FROM (
  SELECT coalesce(a.sc, b.sc, v.sc) AS sc, coalesce(a.mnum, b.mnum, v.mnum) AS mnum, coalesce(a.sx, b.sx, v.sx) AS sx,
         coalesce(a.n, 0) + coalesce(b.n, 0) AS seekers_unlocked, coalesce(v.n, 0) AS vacancies_unlocked, coalesce(v.openings, 0) AS openings_unlocked
  FROM one_skill_seekers a
  FULL JOIN witness_seekers b USING (sc, mnum, sx)
  FULL JOIN vacancies v USING (sc, mnum, sx)
) x JOIN mt_scope c USING (sc) JOIN mt_skill k USING (sx);
DROP TABLE mt_wit;
DROP TABLE mt_vac_unlock;
DROP TABLE mt_n;

CREATE OR REPLACE TABLE mart_upskilling_leverage AS
WITH levels AS (
  SELECT 'ID' AS region_code, mnum, skill_id, sum(seekers_unlocked) AS seekers_unlocked, sum(vacancies_unlocked) AS vacancies_unlocked,
         sum(openings_unlocked) AS openings_unlocked FROM mt_leverage WHERE scope = 'province' GROUP BY ALL
  UNION ALL SELECT scope_code, mnum, skill_id, seekers_unlocked, vacancies_unlocked, openings_unlocked FROM mt_leverage
)
SELECT p.period, l.region_code, l.skill_id, k.label_id AS skill_label_id, k.label_en AS skill_label_en, k.skill_group,
       l.seekers_unlocked::BIGINT AS seekers_unlocked, l.vacancies_unlocked::BIGINT AS vacancies_unlocked,
       l.openings_unlocked::BIGINT AS openings_unlocked
FROM levels l JOIN dim_period p USING (mnum) JOIN dim_skill k USING (skill_id)
WHERE l.seekers_unlocked > 0 OR l.vacancies_unlocked > 0
ORDER BY p.period, l.region_code, l.skill_id;

-- Training programme p unlocks seeker s when adding p's skills makes s qualified for an
-- active vacancy s was not qualified for: m < need ≤ q + |(K \ P) ∩ H|, q = |K ∩ P|
-- (mt_kprog above).

-- (i) q ≥ need ("covered"): p qualifies every eligible seeker for v, so s is unlocked unless
-- s is already qualified for every covered vacancy s is eligible for. Distinct covered K per
-- scope, month and programme, with the lowest rank asked; how many a rank is eligible for.
CREATE OR REPLACE TEMP TABLE mt_cov AS
SELECT v.sc, v.mnum, p.px, v.kid, v.kset, any_value(v.need) AS need, min(v.erank) AS min_rank
FROM mt_vsig v JOIN mt_kprog p USING (kid) WHERE p.q >= v.need GROUP BY v.sc, v.mnum, p.px, v.kid, v.kset;

CREATE OR REPLACE TEMP TABLE mt_cov_rank AS
SELECT c.sc, c.mnum, c.px, r.srank, count(*) AS eligible
FROM mt_cov c JOIN (SELECT DISTINCT srank FROM mt_sg) r ON c.min_rank <= r.srank GROUP BY ALL;

-- Seeker signature-months qualified for covered vacancies, counted per (seeker signature,
-- month, programme) in one aggregation: through the subsets T ⊆ K ∩ H of size ≥ need, each
-- weighted (−1)^(|T|−need) C(|T|−1, need−1) as in pool depth, so a qualified seeker counts
-- exactly 1 per K without a DISTINCT over the subsets that witness it; or (K by prefix
-- filtering) a qualified candidate.
CREATE OR REPLACE TEMP TABLE mt_cov_qualified AS
WITH q AS (
  SELECT s.sg, s.sc, c.mnum, c.px, s.srank, f.coef AS w
  FROM mt_cov c JOIN mt_ksub_id u ON u.kid = c.kid AND u.size >= c.need
  JOIN mt_coef f ON f.size = u.size AND f.r = c.need
  JOIN mt_sub s ON s.sc = c.sc AND s.uid = u.uid AND c.mnum BETWEEN s.a AND s.b AND c.min_rank <= s.srank
  UNION ALL  -- (each K takes one route)
  SELECT sg, sc, mnum, px, srank, 1 AS w FROM (
    SELECT DISTINCT p.sg, c.sc, c.mnum, c.px, p.srank, c.kid
    FROM mt_cov c JOIN mt_lpair p ON p.sc = c.sc AND p.mnum = c.mnum AND p.kid = c.kid AND p.m >= p.need AND c.min_rank <= p.srank)
)
SELECT sg, any_value(sc) AS sc, mnum, px, any_value(srank) AS srank, sum(w) AS qualified
FROM q GROUP BY sg, mnum, px HAVING sum(w) > 0;
DROP TABLE mt_lpair;
DROP TABLE mt_ksub_id;

-- (ii) 1 ≤ q < need: s holds need − q skills of K \ P (U ⊆ H) and is not qualified. Needed
-- only for seekers (i) does not count: those eligible for no covered vacancy of p (rank
-- below the lowest asked, cov_rank), and those qualified for all they are eligible for.
-- (The U are the T of mt_tsub of size exactly need − q.)
CREATE OR REPLACE TEMP TABLE mt_train_need AS
SELECT k.sc, k.mnum, k.kid, t.uid, t.px, k.need, k.min_rank, coalesce(c.cov_rank, 1000) AS cov_rank
FROM mt_kmon k JOIN mt_tsub t ON t.kid = k.kid AND t.size = t.r
LEFT JOIN (SELECT sc, mnum, px, min(min_rank) AS cov_rank FROM mt_cov GROUP BY ALL) c
  ON c.sc = k.sc AND c.mnum = k.mnum AND c.px = t.px;

CREATE OR REPLACE TEMP TABLE mt_qualified_all AS
SELECT q.sg, q.sc, q.mnum, q.px
FROM mt_cov_qualified q JOIN mt_cov_rank r ON r.sc = q.sc AND r.mnum = q.mnum AND r.px = q.px AND r.srank = q.srank
WHERE q.qualified >= r.eligible;
DROP TABLE mt_cov_qualified;

CREATE OR REPLACE TEMP TABLE mt_train_wit AS
SELECT DISTINCT s.sg, c.mnum, c.px
FROM mt_sub s
JOIN (SELECT * FROM mt_train_need WHERE min_rank < cov_rank) c
  ON c.sc = s.sc AND c.uid = s.uid AND c.mnum BETWEEN s.a AND s.b AND c.min_rank <= s.srank AND s.srank < c.cov_rank
JOIN mt_sg g ON g.sg = s.sg JOIN mt_kroute r ON r.kid = c.kid
WHERE mt_shared(r.kset, g.hset) < c.need;

INSERT INTO mt_train_wit
SELECT DISTINCT s.sg, c.mnum, c.px
FROM mt_qualified_all a
JOIN mt_sub s ON s.sg = a.sg
JOIN mt_train_need c ON c.sc = s.sc AND c.uid = s.uid AND c.mnum = a.mnum AND c.px = a.px AND c.min_rank <= s.srank
JOIN mt_sg g ON g.sg = s.sg JOIN mt_kroute r ON r.kid = c.kid
WHERE mt_shared(r.kset, g.hset) < c.need;
DROP TABLE mt_sub;
DROP TABLE mt_train_need;

-- K by prefix filtering: the candidates p makes newly qualified (mt_ltrain), counted as
-- witnesses under the same rule.
INSERT INTO mt_train_wit
SELECT DISTINCT l.sg, l.mnum, l.px
FROM mt_ltrain l
LEFT JOIN (SELECT sc, mnum, px, min(min_rank) AS cov_rank FROM mt_cov GROUP BY ALL) c USING (sc, mnum, px)
WHERE l.srank < coalesce(c.cov_rank, 1000)
   OR EXISTS (SELECT 1 FROM mt_qualified_all a WHERE a.sg = l.sg AND a.mnum = l.mnum AND a.px = l.px)
EXCEPT SELECT w.* FROM mt_train_wit w SEMI JOIN mt_ltrain l USING (sg);

-- Openings p unlocks: Σ openings of the vacancies for which p makes at least one eligible
-- seeker newly qualified. Covered (q ≥ need): some eligible seeker is not qualified
-- (eligible > pool depth). Otherwise, with K' = K \ P and r = need − q: some eligible seeker
-- shares ≥ r skills with K' and < need with K. Whoever shares ≥ need with K shares ≥ r with
-- K', so that is C_r(K') > pool depth, C_r(K') = eligible seekers sharing ≥ r skills with K'
-- from N(T), T ⊆ K', as pool depth is. K by prefix filtering: an unlocked candidate.
CREATE OR REPLACE TEMP TABLE mt_train_vac AS
WITH eligible AS (
  SELECT v.vg, coalesce(sum(h.n), 0) AS n
  FROM mt_vsig v LEFT JOIN mt_hist h ON h.sc = v.sc AND h.mnum = v.mnum AND h.srank >= v.erank GROUP BY v.vg
), reach AS (
  SELECT n.vg, t.px,
         sum(c.coef * n.n) AS n
  FROM mt_vsub_n n JOIN mt_tsub t ON t.kid = n.kid AND t.uid = n.uid JOIN mt_coef c ON c.size = t.size AND c.r = t.r
  GROUP BY n.vg, t.px
), unlocked AS (
  SELECT v.vg, k.px FROM mt_vsig v JOIN mt_kprog k USING (kid) JOIN eligible e USING (vg) JOIN mt_vpool p USING (vg)
  WHERE k.q >= v.need AND e.n > p.pool
  UNION SELECT r.vg, r.px FROM reach r JOIN mt_vpool p USING (vg) WHERE r.n > p.pool
  UNION SELECT vg, px FROM mt_ltrain
)
SELECT v.sc, v.mnum, u.px, sum(v.openings) AS openings FROM unlocked u JOIN mt_vsig v USING (vg) GROUP BY ALL;
DROP TABLE mt_vsub_n;
DROP TABLE mt_ltrain;

CREATE OR REPLACE TEMP TABLE mt_train AS
WITH covered_seekers AS (   -- eligible for a covered vacancy …
  SELECT r.sc, r.mnum, r.px, sum(h.n) AS n
  FROM mt_cov_rank r JOIN mt_hist h ON h.sc = r.sc AND h.mnum = r.mnum AND h.srank = r.srank GROUP BY ALL
), qualified_all AS (       -- … less those qualified for every one they are eligible for
  SELECT a.sc, a.mnum, a.px, sum(g.n) AS n FROM mt_qualified_all a JOIN mt_sg g ON g.sg = a.sg GROUP BY ALL
), witness_only AS (        -- (ii): none of them counted in (i)
  SELECT g.sc, w.mnum, w.px, sum(g.n) AS n FROM mt_train_wit w JOIN mt_sg g ON g.sg = w.sg GROUP BY ALL
)
SELECT c.scope, c.scope_code, x.mnum, g.programme_id, x.seekers_unlocked, coalesce(o.openings, 0) AS openings_unlocked FROM (
  SELECT sc, mnum, px, sum(n) AS seekers_unlocked FROM (
    SELECT * FROM covered_seekers
    UNION ALL SELECT sc, mnum, px, -n FROM qualified_all
    UNION ALL SELECT * FROM witness_only
  ) GROUP BY ALL
) x JOIN mt_scope c USING (sc)
JOIN mt_programme g USING (px)
LEFT JOIN mt_train_vac o USING (sc, mnum, px);

CREATE OR REPLACE TABLE mart_training_recommendations AS
WITH levels AS (
  SELECT 'ID' AS region_code, mnum, programme_id, sum(seekers_unlocked) AS seekers_unlocked, sum(openings_unlocked) AS openings_unlocked
  FROM mt_train WHERE scope = 'province' GROUP BY ALL
  UNION ALL SELECT scope_code, mnum, programme_id, seekers_unlocked, openings_unlocked FROM mt_train
)
-- Ranked by the openings the programme could fill: no more than the seekers it unlocks,
-- nor than the openings of the vacancies it unlocks them for.
SELECT p.period, l.region_code, l.programme_id, d.name_id, d.name_en, d.hours,
       l.seekers_unlocked::BIGINT AS seekers_unlocked,
       l.seekers_unlocked * 100.0 / d.hours AS seekers_unlocked_per_100h,
       l.openings_unlocked::BIGINT AS openings_unlocked,
       least(l.seekers_unlocked, l.openings_unlocked)::BIGINT AS openings_fillable,
       rank() OVER (PARTITION BY p.period, l.region_code
                    ORDER BY least(l.seekers_unlocked, l.openings_unlocked) DESC, l.seekers_unlocked DESC, l.programme_id)::INTEGER AS rank
FROM levels l JOIN dim_period p USING (mnum) JOIN dim_programme d USING (programme_id)
WHERE l.seekers_unlocked > 0
ORDER BY p.period, l.region_code, rank, l.programme_id;

-- (temporary tables of matching not needed by the marts after it; mt_kroute is read by pipelines/marts.ts)
DROP TABLE mt_train;
DROP TABLE mt_train_vac;
DROP TABLE mt_train_wit;
DROP TABLE mt_qualified_all;
DROP TABLE mt_cov;
DROP TABLE mt_cov_rank;
DROP TABLE mt_leverage;
DROP TABLE mt_vpool;
DROP TABLE mt_tsub;
DROP TABLE mt_coef;
DROP TABLE mt_hist;
DROP TABLE mt_one;
DROP TABLE mt_sg;
DROP TABLE mt_kprog;
DROP TABLE mt_programme;
DROP TABLE mt_kmon;
DROP TABLE mt_vsig;
DROP TABLE mt_uset;
DROP TABLE mt_kne;
DROP TABLE mt_klong;
DROP TABLE mt_lprefix;
DROP TABLE mt_lclass;
DROP TABLE mt_scope;
DROP TABLE mt_skill;
RESET preserve_insertion_order;
