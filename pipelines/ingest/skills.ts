// Skills of the rows that passed validation (table `good`) into `stage_skill`:
// - skills columns in SQL: items split and normalised, matched whole against every
//   skill name (lk_skill_name); the few distinct items that match no name whole are
//   scanned for skill phrases by the matcher in JavaScript;
// - descriptions (vacancies) by the matcher, page by page, since phrase matching with
//   longest-first and list-only rules is a token walk, not a join; each distinct
//   description of a page is read once.
import type { DuckDBConnection } from '@duckdb/node-api';
import { appendRows, rows, run } from '../../core/duckdb.ts';
import type { SkillMatcher } from '../../core/skills.ts';

const PAGE_ROWS = 100_000;

/** Every normalised skill name, for whole-item matching in SQL. Once per run. */
export async function createSkillNameLookup(connection: DuckDBConnection, matcher: SkillMatcher): Promise<void> {
  await run(connection, 'CREATE OR REPLACE TEMP TABLE lk_skill_name (name VARCHAR PRIMARY KEY, skill_id VARCHAR)');
  await appendRows(connection, 'lk_skill_name', matcher.wholeItems());
}

export async function extractSkills(connection: DuckDBConnection, matcher: SkillMatcher, withDescription: boolean): Promise<void> {
  await run(connection, `CREATE OR REPLACE TEMP TABLE skill_item AS
    SELECT line, item FROM (SELECT line, s_norm(unnest(s_items(skills))) AS item FROM good WHERE skills IS NOT NULL) WHERE item <> ''`);
  const unmatched = await rows<{ item: string }>(connection,
    'SELECT DISTINCT item FROM skill_item WHERE item NOT IN (SELECT name FROM lk_skill_name)');
  await run(connection, 'CREATE OR REPLACE TEMP TABLE lk_skill_item (item VARCHAR, skill_id VARCHAR)');
  await appendRows(connection, 'lk_skill_item', unmatched.flatMap(({ item }) => matcher.extract(item).map((skill) => [item, skill])));
  await run(connection, `CREATE OR REPLACE TEMP TABLE stage_skill AS
    SELECT line, skill_id, 'list' AS origin FROM skill_item JOIN lk_skill_name ON name = item
    UNION ALL
    SELECT line, skill_id, 'list' AS origin FROM skill_item JOIN lk_skill_item USING (item)`);
  if (withDescription) await extractFromDescriptions(connection, matcher);
}

async function extractFromDescriptions(connection: DuckDBConnection, matcher: SkillMatcher): Promise<void> {
  const [range] = await rows<{ lo: number | null; hi: number | null }>(connection, 'SELECT min(line) AS lo, max(line) AS hi FROM good');
  if (range.lo === null || range.hi === null) return;
  for (let from = range.lo; from <= range.hi; from += PAGE_ROWS) {
    const reader = await connection.runAndReadAll('SELECT line, description FROM good WHERE description IS NOT NULL AND line >= $from AND line < $to', { from, to: from + PAGE_ROWS });
    const [lines = [], descriptions = []] = reader.getColumnsJS() as [bigint[]?, string[]?];
    const appender = await connection.createAppender('stage_skill', 'main', 'temp');
    // Reposted adverts repeat their text: each distinct description of the page is read once.
    const seen = new Map<string, string[]>();
    for (let i = 0; i < lines.length; i++) {
      let skills = seen.get(descriptions[i]);
      if (!skills) seen.set(descriptions[i], (skills = matcher.extract(descriptions[i])));
      for (const skill of skills) {
        appender.appendBigInt(lines[i]);
        appender.appendVarchar(skill);
        appender.appendVarchar('description');
        appender.endRow();
      }
    }
    appender.flushSync();
    appender.closeSync();
  }
}
