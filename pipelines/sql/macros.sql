-- Parsers shared by the validation queries. Each returns NULL for what it cannot read;
-- the validation query then quarantines the row with the raw value and a reason.

-- A date: ISO 8601 (yyyy-mm-dd, optionally with a time), d/m/yyyy with / - or . (the
-- Indonesian convention; m/d/yyyy when the source's mapping says date_order: mdy), or an
-- Excel serial day number (days since 1899-12-30). 31/02 and 2025-13-01 are not dates.
CREATE OR REPLACE TEMP MACRO s_date(v, mdy) AS (
  CASE
    WHEN v IS NULL THEN NULL
    WHEN regexp_full_match(v, '\d{4}-\d{1,2}-\d{1,2}([T ].*)?') THEN TRY_CAST(regexp_extract(v, '^\d{4}-\d{1,2}-\d{1,2}') AS DATE)
    WHEN regexp_full_match(v, '\d{1,2}[/.-]\d{1,2}[/.-]\d{4}([ T].*)?') THEN TRY_CAST(
      regexp_extract(v, '^\d{1,2}[/.-]\d{1,2}[/.-](\d{4})', 1) || '-' ||
      regexp_extract(v, CASE WHEN mdy THEN '^(\d{1,2})' ELSE '^\d{1,2}[/.-](\d{1,2})' END, 1) || '-' ||
      regexp_extract(v, CASE WHEN mdy THEN '^\d{1,2}[/.-](\d{1,2})' ELSE '^(\d{1,2})' END, 1) AS DATE)
    WHEN regexp_full_match(v, '\d{5}(\.\d+)?') THEN DATE '1899-12-30' + CAST(floor(CAST(v AS DOUBLE)) AS INTEGER)
    ELSE NULL
  END);

-- A date is plausible for a register between 1990 and a year after the run.
CREATE OR REPLACE TEMP MACRO s_date_ok(d, today) AS (d IS NULL OR (d >= DATE '1990-01-01' AND d <= today + INTERVAL 366 DAY));

-- An amount as written in Indonesia: "Rp 5.000.000", "5,000,000", "5000000.50", "4,5 juta".
CREATE OR REPLACE TEMP MACRO s_amount(v) AS (
  CASE
    WHEN v IS NULL THEN NULL
    WHEN regexp_full_match(lower(v), '\s*(rp\.?)?\s*\d+([.,]\d+)?\s*(juta|jt)\s*') THEN
      TRY_CAST(replace(regexp_extract(lower(v), '(\d+([.,]\d+)?)', 1), ',', '.') AS DOUBLE) * 1000000
    WHEN regexp_full_match(regexp_replace(lower(v), '[\s]|^rp\.?|,-$|\.-$', '', 'g'), '\d{1,3}(\.\d{3})+(,\d+)?') THEN
      TRY_CAST(replace(replace(regexp_replace(lower(v), '[\s]|^rp\.?|,-$|\.-$', '', 'g'), '.', ''), ',', '.') AS DOUBLE)
    WHEN regexp_full_match(regexp_replace(lower(v), '[\s]|^rp\.?|,-$|\.-$', '', 'g'), '\d{1,3}(,\d{3})+(\.\d+)?') THEN
      TRY_CAST(replace(regexp_replace(lower(v), '[\s]|^rp\.?|,-$|\.-$', '', 'g'), ',', '') AS DOUBLE)
    ELSE TRY_CAST(regexp_replace(lower(v), '[\s]|^rp\.?', '', 'g') AS DOUBLE)
  END);

-- A count or a number of years: "3", "3.0", "3 tahun", "2,5 years".
CREATE OR REPLACE TEMP MACRO s_number(v) AS (
  CASE WHEN v IS NULL THEN NULL
       ELSE TRY_CAST(replace(regexp_extract(v, '^\s*(-?\d+([.,]\d+)?)\s*[a-zA-Z ]*$', 1), ',', '.') AS DOUBLE) END);

-- Free text as stored: HTML tags removed, whitespace collapsed.
CREATE OR REPLACE TEMP MACRO s_text(v) AS (
  CASE WHEN v IS NULL THEN NULL ELSE nullif(trim(regexp_replace(regexp_replace(v, '<[^>]*>', ' ', 'g'), '\s+', ' ', 'g')), '') END);

-- Text a spreadsheet would run as a formula (=cmd|' /C calc'!A0, +SUM(...), @HYPERLINK(...)).
CREATE OR REPLACE TEMP MACRO s_formula(v) AS (v IS NOT NULL AND regexp_matches(v, '^\s*[=+\-@].*[(|!]'));

-- An enumerated value through its synonyms (lk_enum); the first item of "fullTime,contract".
CREATE OR REPLACE TEMP MACRO s_enum(domain_name, v) AS (
  (SELECT canonical FROM lk_enum e WHERE e.domain = domain_name AND e.value = lower(trim(split_part(v, ',', 1)))));

-- An ISCO-08 code as text of 1-4 digits if it exists ("7212", "0110"; "7212.1" is not one).
CREATE OR REPLACE TEMP MACRO s_isco(v) AS (
  (SELECT code FROM lk_isco i WHERE i.code = trim(v)));

-- A KBLI 2020 section letter, from a letter or a 2-5 digit KBLI code.
CREATE OR REPLACE TEMP MACRO s_kbli(v) AS (
  (SELECT section FROM lk_kbli k WHERE k.code = CASE WHEN regexp_full_match(trim(v), '\d{2,5}') THEN left(trim(v), 2) ELSE upper(trim(v)) END));
