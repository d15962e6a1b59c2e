-- The warehouse's facts (DESIGN §7). Every table is created if absent, so a run can start
-- from an empty file or from a copy of the published warehouse.
-- No column holds a clear seeker identifier or any direct identifier: seekers are keyed by
-- an HMAC-SHA-256 pseudonym (seeker_key) and identifier columns are never loaded.

-- One row per run, written when it ends (pipelines/run.ts recordRun): a run that is cut
-- off leaves none.
CREATE TABLE IF NOT EXISTS run (
  run_id      VARCHAR PRIMARY KEY,
  started_at  TIMESTAMP NOT NULL,
  ended_at    TIMESTAMP,
  status      VARCHAR NOT NULL,          -- succeeded | partial | failed
  steps       JSON,                      -- [{step, seconds}], marts as "marts/<file>"
  files       JSON,                      -- per-file counts, as printed by `sinergi run --json`
  coverage    JSON                       -- shares coded, placed to a regency, with skills… (pipelines/run.ts measureCoverage)
);

CREATE TABLE IF NOT EXISTS loaded_file (
  content_sha256   VARCHAR NOT NULL,     -- a file whose content was loaded once is skipped
  file_name        VARCHAR NOT NULL,
  kind             VARCHAR NOT NULL,
  source           VARCHAR NOT NULL,
  run_id           VARCHAR NOT NULL,
  rows_read        BIGINT NOT NULL,
  rows_loaded      BIGINT NOT NULL,
  rows_quarantined BIGINT NOT NULL,
  dropped_columns  VARCHAR[],
  loaded_at        TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS quarantine (
  run_id      VARCHAR NOT NULL,
  file_name   VARCHAR NOT NULL,
  line        BIGINT,                    -- line in the file (header = 1)
  column_name VARCHAR,
  value       VARCHAR,                   -- never a seeker identifier (withheld as '[seeker_id]')
  reason      VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS vacancy (
  source                VARCHAR NOT NULL,
  vacancy_id            VARCHAR NOT NULL,
  posted_date           DATE NOT NULL,
  closed_date           DATE,
  expiry_date           DATE,
  status                VARCHAR,          -- open | filled | cancelled | expired
  employment_type       VARCHAR,          -- full-time | part-time | contract | apprenticeship | internship
  applications          INTEGER,
  job_title             VARCHAR NOT NULL,
  occupation_code       VARCHAR,          -- ISCO-08, 1-4 digits
  occupation_coded_by   VARCHAR,          -- source | dictionary | similarity (coded from the title)
  occupation_confidence DOUBLE,
  sector_code           VARCHAR,          -- KBLI 2020 section letter
  province_code         VARCHAR,          -- NULL for a national vacancy (location "Indonesia", "Remote"): counted in ID only
  regency_code          VARCHAR,
  education_min         VARCHAR NOT NULL, -- SD … S3 or unknown
  experience_min_years  DOUBLE,
  openings              INTEGER NOT NULL,
  salary_min            DOUBLE,
  salary_max            DOUBLE,
  file_sha256           VARCHAR NOT NULL,
  run_id                VARCHAR NOT NULL,
  employer              VARCHAR,          -- company name or id as the source writes it (never a person); for duplicates only
  description_sketch    UINTEGER[]        -- hashes of the description's 48 lowest-hashing distinct words (duplicate similarity)
);

-- Warehouses built before employers and duplicate detection.
ALTER TABLE vacancy ADD COLUMN IF NOT EXISTS employer VARCHAR;
ALTER TABLE vacancy ADD COLUMN IF NOT EXISTS description_sketch UINTEGER[];

-- Warehouses built before national vacancies had province_code NOT NULL.
ALTER TABLE vacancy ALTER COLUMN province_code DROP NOT NULL;

CREATE TABLE IF NOT EXISTS vacancy_skill (
  source     VARCHAR NOT NULL,
  vacancy_id VARCHAR NOT NULL,
  skill_id   VARCHAR NOT NULL,
  origin     VARCHAR NOT NULL            -- list (skills column) | description
);

CREATE TABLE IF NOT EXISTS seeker (
  seeker_key                VARCHAR NOT NULL,  -- HMAC-SHA-256 of the seeker id
  source                    VARCHAR NOT NULL,
  registered_date           DATE NOT NULL,
  birth_year                INTEGER,
  gender                    VARCHAR,           -- L | P
  province_code             VARCHAR NOT NULL,
  regency_code              VARCHAR,
  education_level           VARCHAR NOT NULL,
  field_of_study            VARCHAR,
  preferred_occupation_code VARCHAR,
  experience_years          DOUBLE,
  disability                BOOLEAN,
  status                    VARCHAR,           -- active | placed | inactive
  placed_date               DATE,
  deregistered_date         DATE,
  placed_vacancy_id         VARCHAR,
  file_sha256               VARCHAR NOT NULL,
  run_id                    VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS seeker_skill (
  seeker_key VARCHAR NOT NULL,
  skill_id   VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS placement (
  seeker_key     VARCHAR NOT NULL,
  source         VARCHAR,
  vacancy_id     VARCHAR NOT NULL,
  placement_date DATE NOT NULL,
  file_sha256    VARCHAR NOT NULL,
  run_id         VARCHAR NOT NULL
);
