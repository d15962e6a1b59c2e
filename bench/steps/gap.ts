// Bench step: the bare DuckDB gap query an analyst would write instead of Sinergi (the
// peer of issue 18): both extracts read with read_csv, the skills lists split, and per
// skill the demand (openings of active vacancies asking for it) and supply (active seekers
// holding it) by province × month, with the activity windows of DESIGN §4. No validation,
// no pseudonyms, no regency level, no skills from descriptions: the floor of the marts'
// skill work. Rows are grouped by window before the months are expanded, as any careful
// analyst does (and as 20_skills.sql does).
import { DuckDBInstance } from '@duckdb/node-api';
import { reportStep } from '../measure.ts';

const { vacancies, seekers, vacancyValidityDays, seekerValidityDays } = JSON.parse(process.argv[2]) as {
  vacancies: string; seekers: string; vacancyValidityDays: number; seekerValidityDays: number;
};
const instance = await DuckDBInstance.create(':memory:', { memory_limit: '3GB' });
const connection = await instance.connect();
const started = performance.now();
await connection.run(`CREATE TEMP TABLE v AS SELECT * FROM read_csv($file, header = true, all_varchar = true)`, { file: vacancies });
await connection.run(`CREATE TEMP TABLE s AS SELECT * FROM read_csv($file, header = true, all_varchar = true)`, { file: seekers });
const loaded = performance.now();
const month = (d: string) => `(year(${d}) * 12 + month(${d}) - 1)`;
await connection.run(`CREATE TEMP TABLE gap AS
WITH vw AS (
  SELECT province_code, ${month('p')} AS from_m, ${month(`coalesce(c, e, p + ${Number(vacancyValidityDays)})`)} AS to_m, openings, skills
  FROM (SELECT province_code, try_cast(posted_date AS DATE) AS p, try_cast(closed_date AS DATE) AS c, try_cast(expiry_date AS DATE) AS e,
               coalesce(try_cast(openings AS INTEGER), 1) AS openings, skills FROM v)
  WHERE p IS NOT NULL
), vk AS (
  SELECT province_code, from_m, to_m, k AS skill, sum(openings) AS openings
  FROM (SELECT *, lower(trim(unnest(string_split(skills, ',')))) AS k FROM vw WHERE skills IS NOT NULL) WHERE k <> ''
  GROUP BY ALL
), demand AS (
  SELECT m, province_code, skill, sum(openings) AS demand FROM vk, unnest(range(from_m, to_m + 1)) AS t(m) GROUP BY ALL
), sw AS (
  SELECT province_code, ${month('r')} AS from_m, ${month(`coalesce(pl, d, r + ${Number(seekerValidityDays)})`)} AS to_m, skills
  FROM (SELECT province_code, try_cast(registered_date AS DATE) AS r, try_cast(placed_date AS DATE) AS pl, try_cast(deregistered_date AS DATE) AS d, skills FROM s)
  WHERE r IS NOT NULL
), sk AS (
  SELECT province_code, from_m, to_m, k AS skill, count(*) AS seekers
  FROM (SELECT *, lower(trim(unnest(string_split(skills, ',')))) AS k FROM sw WHERE skills IS NOT NULL) WHERE k <> ''
  GROUP BY ALL
), supply AS (
  SELECT m, province_code, skill, sum(seekers) AS supply FROM sk, unnest(range(from_m, to_m + 1)) AS t(m) GROUP BY ALL
)
SELECT m, province_code, skill, coalesce(demand, 0) AS demand, coalesce(supply, 0) AS supply
FROM demand FULL JOIN supply USING (m, province_code, skill)`);
const reader = await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM gap');
const rows = Number(reader.getRowObjects()[0].n);
const finished = performance.now();
reportStep({ rows, seconds: (finished - started) / 1000, loadSeconds: (loaded - started) / 1000, querySeconds: (finished - loaded) / 1000 });
