-- upskilling-leverage (DESIGN §4): per period, region and skill, the seekers and vacancies
-- the skill unlocks. Reads the temporary tables of 40_matching.sql (the step's prelude).

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
