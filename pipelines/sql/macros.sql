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

-- Numbers as a locale writes them. s_num_core: the digits and separators of a count or a
-- number of years ("1.000", "2,5 tahun" → "2,5"; '' when not a number). A form such as
-- 1.000 or 1,000 is one thousand in Indonesian (id) and one in English (en): ambiguous.
-- Other forms show their locale themselves: 1.234.567, 2,5 and 1.234,5 are id; 1,234,567,
-- 2.5 and 1,234.5 are en; a plain integer shows none.
CREATE OR REPLACE TEMP MACRO s_num_core(v) AS (coalesce(regexp_extract(v, '^\s*-?(\d[\d.,]*)\s*[a-zA-Z ]*$', 1), ''));
CREATE OR REPLACE TEMP MACRO s_num_ambiguous(v) AS (v IS NOT NULL AND regexp_full_match(s_num_core(v), '[1-9]\d{0,2}[.,]\d{3}'));
CREATE OR REPLACE TEMP MACRO s_num_locale(v) AS (
  CASE
    WHEN v IS NULL OR s_num_ambiguous(v) THEN NULL
    WHEN regexp_full_match(s_num_core(v), '\d{1,3}(\.\d{3})+,\d+|\d{1,3}(\.\d{3}){2,}|\d+,\d+') THEN 'id'
    WHEN regexp_full_match(s_num_core(v), '\d{1,3}(,\d{3})+\.\d+|\d{1,3}(,\d{3}){2,}|\d+\.\d+') THEN 'en'
  END);
-- The value of such a number under the column's locale (NULL when it is not a number, or
-- when it is ambiguous and the locale is unknown: the validation then says so).
CREATE OR REPLACE TEMP MACRO s_count(v, locale) AS (
  CASE
    WHEN v IS NULL OR s_num_core(v) = '' THEN NULL
    ELSE (CASE WHEN regexp_matches(v, '^\s*-') THEN -1 ELSE 1 END) * TRY_CAST(
      CASE
        WHEN regexp_full_match(s_num_core(v), '\d+') THEN s_num_core(v)
        WHEN coalesce(s_num_locale(v), CASE WHEN s_num_ambiguous(v) THEN locale END) = 'id' THEN replace(replace(s_num_core(v), '.', ''), ',', '.')
        WHEN coalesce(s_num_locale(v), CASE WHEN s_num_ambiguous(v) THEN locale END) = 'en' THEN replace(s_num_core(v), ',', '')
      END AS DOUBLE)
  END);
-- The locale of a column: the one declared (mapping number_locale), else the only one its values show.
CREATE OR REPLACE TEMP MACRO s_column_locale(declared, shown) AS (
  coalesce(nullif(declared, ''), CASE WHEN count(DISTINCT shown) = 1 THEN min(shown) END));

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

-- Free text as stored: as written, whitespace collapsed. Markup is kept ("<b>Kasir</b>",
-- "<script>alert('x')</script>" are titles as the source wrote them): every page, chart and
-- download escapes it, and stripping it turned present values into missing ones.
CREATE OR REPLACE TEMP MACRO s_text(v) AS (
  CASE WHEN v IS NULL THEN NULL ELSE nullif(trim(regexp_replace(v, '\s+', ' ', 'g')), '') END);

-- An enumerated value as the lookups compare it (pipelines/ingest/lookups.ts enumKey):
-- lowercase, every run of spaces, _ and - one space ("Full_Time" = "full-time" = "full time").
CREATE OR REPLACE TEMP MACRO s_enum_key(v) AS (trim(regexp_replace(lower(v), '[\s_-]+', ' ', 'g')));

-- Text a spreadsheet would run as a formula (=cmd|' /C calc'!A0, +SUM(...), @HYPERLINK(...)).
CREATE OR REPLACE TEMP MACRO s_formula(v) AS (v IS NOT NULL AND regexp_matches(v, '^\s*[=+\-@].*[(|!]'));

-- Text as the skill matcher compares it (core/text.ts normalizeText): lowercase, no
-- accents, C++ / C# / .NET kept as words, every run of other characters one space.
CREATE OR REPLACE TEMP MACRO s_norm(v) AS (
  trim(regexp_replace(
    CASE WHEN regexp_matches(v, '[+#]|\.(net|NET)')
      THEN regexp_replace(regexp_replace(regexp_replace(strip_accents(lower(v)),
        '(^|[^a-z0-9])c\+\+', '\1 cpp ', 'g'), '(^|[^a-z0-9])c#', '\1 csharp ', 'g'), '(^|[^a-z0-9])\.net\b', '\1 dotnet ', 'g')
      ELSE strip_accents(lower(v)) END,
    '[^a-z0-9]+', ' ', 'g')));

-- The items of a skills list: separated by ; , | or new lines, or a Python list literal "['a', 'b']".
CREATE OR REPLACE TEMP MACRO s_items(v) AS (
  string_split_regex(
    CASE WHEN regexp_full_match(trim(v), '\[.*\]') THEN regexp_replace(trim(v), '^\[|\]$|[''"]', '', 'g') ELSE v END,
    '[;,|\n\r•·]+'));

-- A seeker's pseudonym: HMAC-SHA-256 of the id, from the key's inner and outer pads
-- (pipelines/ingest/pseudonym.ts); NULL for a missing id.
CREATE OR REPLACE TEMP MACRO s_pseudonym(id, ipad, opad) AS (
  CASE WHEN id IS NOT NULL THEN sha256(unhex(opad) || unhex(sha256(unhex(ipad) || encode(id)))) END);

-- A cell as JSON: JSON as it is; a Python literal ({'kab': 'KAB. TANGERANG', 'ok': True,
-- 'x': None}, ['a', "b's"]) converted token by token: a '…' string becomes "…" (\' unescaped,
-- " escaped), a "…" string stays, and True/False/None outside strings become true/false/null.
-- What is neither stays invalid JSON (json_valid false), and the validation says so.
CREATE OR REPLACE TEMP MACRO s_pyjson(v) AS (
  CASE WHEN v IS NULL THEN NULL WHEN json_valid(v) THEN v ELSE array_to_string(list_transform(
    regexp_extract_all(v, '''(?:[^''\\]|\\.)*''|"(?:[^"\\]|\\.)*"|[^''"]+'),
    t -> CASE WHEN t[1] = '''' THEN '"' || replace(replace(t[2:-2], '\''', ''''), '"', '\"') || '"'
              WHEN t[1] = '"' THEN t
              ELSE regexp_replace(regexp_replace(regexp_replace(t, '\bTrue\b', 'true', 'g'), '\bFalse\b', 'false', 'g'), '\bNone\b', 'null', 'g') END), '') END);

-- Building blocks of the marts (pipelines/sql/marts/*.sql) and of the figures computed at
-- request time (core/sql/*_filtered.sql). Stored in the warehouse (not TEMP), as the
-- rules of 00_rules.sql, so the read side uses the same definitions; pipelines/marts.ts
-- creates them before the marts. Table macros read a table or CTE by name (query_table).

-- The region roll-up. A row counts in the whole country (ID), in its province when it has
-- one and in its regency when it has one: a national vacancy (no province) counts in ID
-- only, a row without regency in its province and ID.
CREATE OR REPLACE MACRO s_region_codes(province, regency) AS (list_filter(['ID', province, regency], r -> r IS NOT NULL));
-- Every row of t once per region it counts in, as region_code instead of its province_code
-- and regency_code; the caller aggregates (GROUP BY ALL) in one pass over the three levels.
CREATE OR REPLACE MACRO s_regions(t) AS TABLE
  SELECT * EXCLUDE (province_code, regency_code), unnest(s_region_codes(province_code, regency_code)) AS region_code
  FROM query_table(t);

-- Activity windows (DESIGN §4): a row of t with the window from_m..to_m (month numbers,
-- s_month; 01_base.sql gives each vacancy's and seeker's) is active in every month between.
-- Every row of t once per month it is active in, as mnum, within first_m..last_m when given.
CREATE OR REPLACE MACRO s_active_months(t, first_m := NULL, last_m := NULL) AS TABLE
  SELECT * EXCLUDE (from_m, to_m), unnest(range(greatest(from_m, first_m), least(to_m, last_m) + 1)) AS mnum
  FROM query_table(t);
-- A stock without a row per active month: every row of t twice, as m, with sign +1 in the
-- first month of its window and −1 in the month after its last. Summed per key and month
-- (sum(n * sign)), a running sum over m gives the stock, which holds until the next change.
CREATE OR REPLACE MACRO s_window_edges(t) AS TABLE
  SELECT * EXCLUDE (from_m, to_m), unnest([from_m, to_m + 1]) AS m, unnest([1, -1]) AS sign
  FROM query_table(t);
