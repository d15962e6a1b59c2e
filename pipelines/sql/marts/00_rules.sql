-- Rules of DESIGN §4 as macros stored in the warehouse: the marts and the read side's
-- filtered queries (core/sql/) use the same definitions, and tests hold them to their
-- boundaries.

-- Imbalance index I_k: the skill's share of demand against its share of supply,
-- each smoothed by 0.5; > 0 means scarcer among seekers than employers ask for.
CREATE OR REPLACE MACRO s_imbalance(d, s, ao, aa) AS (
  ln(((d + 0.5) / (ao + 0.5)) / ((s + 0.5) / (aa + 0.5))));

-- Absolute status: demand against supply in openings and persons (the gap a reader means
-- by "shortage"). insufficient when D + S is below the floor; shortage only when demand
-- exceeds supply, by the factor e^threshold (1.5) and with D large enough; surplus when
-- supply exceeds demand by the same factor with S large enough; else balanced.
CREATE OR REPLACE MACRO s_skill_status(d, s, insufficient_below, min_count, threshold) AS (
  CASE WHEN d + s < insufficient_below THEN 'insufficient'
       WHEN d >= min_count AND d > s AND d >= exp(threshold) * s THEN 'shortage'
       WHEN s >= min_count AND s > d AND s >= exp(threshold) * d THEN 'surplus'
       ELSE 'balanced' END);

-- Relative status from the imbalance index, which compares the skill's shares of demand
-- and supply (i.e. D/S against the market's AO/AA), not demand with supply: insufficient
-- below the ranking volume (D + S); relatively_scarce when I ≥ ln 1.5 and D is large
-- enough; relatively_abundant when I ≤ −ln 1.5 and S is large enough; else balanced.
CREATE OR REPLACE MACRO s_relative_status(d, s, i, min_volume, min_count, threshold) AS (
  CASE WHEN d + s < min_volume THEN 'insufficient'
       WHEN i >= threshold AND d >= min_count THEN 'relatively_scarce'
       WHEN i <= -threshold AND s >= min_count THEN 'relatively_abundant'
       ELSE 'balanced' END);

-- Provisional months of a stock: a month is incomplete while a vacancy (seeker) active in
-- it may have been posted (registered) before the first month of data, i.e. while the
-- month starts less than a validity window after the first month's start. The reason:
-- 'stocks_incomplete' (active openings and applicants), 'applicants_incomplete' (active
-- applicants only), '' when complete.
CREATE OR REPLACE MACRO s_provisional(period_start, first_start, vacancy_days, seeker_days) AS (
  CASE WHEN period_start - vacancy_days::INTEGER < first_start THEN 'stocks_incomplete'
       WHEN period_start - seeker_days::INTEGER < first_start THEN 'applicants_incomplete'
       ELSE '' END);

-- A date's month number (year × 12 + month − 1): activity windows are ranges of these.
CREATE OR REPLACE MACRO s_month(d) AS (year(d) * 12 + month(d) - 1);
