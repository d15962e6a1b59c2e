// Skills of the rows that passed validation (table `good`): from the skills column (a
// list) and, for vacancies, from the description (free text). Rows are read page by page
// and the (line, skill) pairs appended to the temporary table `stage_skill`.
import type { DuckDBConnection } from '@duckdb/node-api';
import { rows, run } from '../../core/duckdb.ts';
import type { SkillMatcher } from '../../core/skills.ts';

const PAGE_ROWS = 50_000;

export async function extractSkills(connection: DuckDBConnection, matcher: SkillMatcher, withDescription: boolean): Promise<number> {
  await run(connection, 'CREATE OR REPLACE TEMP TABLE stage_skill (line BIGINT, skill_id VARCHAR, origin VARCHAR)');
  const [range] = await rows<{ lo: number | null; hi: number | null }>(connection, 'SELECT min(line) AS lo, max(line) AS hi FROM good');
  if (range.lo === null || range.hi === null) return 0;
  let pairs = 0;
  for (let from = range.lo; from <= range.hi; from += PAGE_ROWS) {
    const page = await rows<{ line: number; skills: string | null; description: string | null }>(connection,
      `SELECT line, skills, ${withDescription ? 'description' : 'NULL'} AS description FROM good WHERE line >= $from AND line < $to`,
      { from, to: from + PAGE_ROWS });
    const appender = await connection.createAppender('stage_skill', 'main', 'temp');
    for (const row of page) {
      const listed = row.skills ? matcher.matchList(row.skills) : [];
      for (const skill of listed) { appender.appendBigInt(BigInt(row.line)); appender.appendVarchar(skill); appender.appendVarchar('list'); appender.endRow(); }
      if (row.description) {
        for (const skill of matcher.extract(row.description)) {
          if (listed.includes(skill)) continue;
          appender.appendBigInt(BigInt(row.line)); appender.appendVarchar(skill); appender.appendVarchar('description'); appender.endRow();
          pairs++;
        }
      }
      pairs += listed.length;
    }
    appender.flushSync();
    appender.closeSync();
  }
  return pairs;
}
