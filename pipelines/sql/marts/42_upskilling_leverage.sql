-- upskilling-leverage (DESIGN §4): per period, region and skill, the seekers and vacancies
-- the skill unlocks. Reads the matching kernel's mt_lev (pipelines/matching/kernel.ts).

-- Upskilling leverage of skill k (the kernel's mt_lev): seekers for whom k unlocks a
-- vacancy, vacancies k unlocks for some seeker, and their openings.
CREATE OR REPLACE TEMP TABLE mt_leverage AS
SELECT c.scope, c.scope_code, l.mnum, k.skill_id, l.seekers_unlocked, l.vacancies_unlocked, l.openings_unlocked
FROM mt_lev l JOIN mt_scope c USING (sc) JOIN mt_skill k USING (sx);
DROP TABLE mt_lev;

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
