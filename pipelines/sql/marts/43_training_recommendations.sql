-- training-recommendations (DESIGN §4): per period, region and training programme, the
-- seekers it unlocks and the openings it could fill, ranked. Reads the temporary tables of
-- 40_matching.sql (the step's prelude); the last of the step's files, so it drops them.

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

-- The step's temporary tables, this file's and the prelude's (40_matching.sql), once the last
-- matching mart is built; mt_kroute stays, read by pipelines/marts.ts.
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
