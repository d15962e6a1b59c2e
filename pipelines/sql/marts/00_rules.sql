-- Rules of DESIGN §4 as macros stored in the warehouse: the marts and the read side's
-- filtered queries (core/sql/) use the same definitions, and tests hold them to their
-- boundaries.

-- Imbalance index I_k: the skill's share of demand against its share of supply,
-- each smoothed by 0.5; > 0 means scarcer among seekers than employers ask for.
CREATE OR REPLACE MACRO s_imbalance(d, s, ao, aa) AS (
  ln(((d + 0.5) / (ao + 0.5)) / ((s + 0.5) / (aa + 0.5))));

-- Status: insufficient when D + S is below the floor; else shortage when I ≥ ln 1.5 and
-- D is large enough; surplus when I ≤ −ln 1.5 and S is large enough; else balanced.
CREATE OR REPLACE MACRO s_skill_status(d, s, i, insufficient_below, min_count, threshold) AS (
  CASE WHEN d + s < insufficient_below THEN 'insufficient'
       WHEN i >= threshold AND d >= min_count THEN 'shortage'
       WHEN i <= -threshold AND s >= min_count THEN 'surplus'
       ELSE 'balanced' END);

-- A date's month number (year × 12 + month − 1): activity windows are ranges of these.
CREATE OR REPLACE MACRO s_month(d) AS (year(d) * 12 + month(d) - 1);
