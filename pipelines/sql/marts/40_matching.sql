-- Skill-based matching (DESIGN §4), the prelude the three matching marts share:
-- signatures, routes, subset counts, prefix-filtering candidates, pool depth and the
-- near-miss witnesses. The marts follow in 41_matching_quality.sql, 42_upskilling_leverage.sql
-- and 43_training_recommendations.sql, one step with this file (pipelines/marts.ts
-- MART_STEPS: they read this file's temporary tables, and the last drops them).
-- Parameter: $theta (> 0.5). Always computed: no step grows with 2^|K| beyond K of 10 skills.
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
