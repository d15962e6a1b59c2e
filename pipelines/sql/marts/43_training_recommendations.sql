-- training-recommendations (DESIGN §4): per period, region and training programme, the
-- seekers it unlocks and the openings it could fill, ranked. Reads the temporary tables of
-- the matching kernel (mt_trn); the last of the step's files, so it drops the step's tables.

-- Training programme p unlocks seeker s when adding p's skills makes s qualified for an
-- active vacancy s was not qualified for (the kernel's mt_trn): the seekers it unlocks, and
-- the openings of the vacancies it unlocks for some seeker.
CREATE OR REPLACE TEMP TABLE mt_train AS
SELECT c.scope, c.scope_code, t.mnum, g.programme_id, t.seekers_unlocked, t.openings_unlocked
FROM mt_trn t JOIN mt_scope c USING (sc) JOIN mt_programme g USING (px);
DROP TABLE mt_trn;

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

-- The step's temporary tables, once the last matching mart is built; mt_kset stays, read
-- by pipelines/marts.ts (the run record's matching figures).
DROP TABLE mt_train;
DROP TABLE mt_leverage;
DROP TABLE mt_pool;
DROP TABLE mt_near_count;
DROP TABLE mt_placement;
DROP TABLE mt_vsig;
DROP TABLE mt_smon;
DROP TABLE mt_hset;
DROP TABLE mt_rank;
DROP TABLE mt_programme;
DROP TABLE mt_scope;
DROP TABLE mt_skill;
RESET preserve_insertion_order;
