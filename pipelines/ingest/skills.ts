// Skills of the rows that passed validation (work.good) into work.stage_skill (line,
// skill_id, origin), all joins in SQL and every text read once, not once per row:
// - skills columns: each row's list split in SQL, each distinct item normalised once and
//   matched whole against every skill name (lk_skill_name); the few distinct items that
//   match no name whole are scanned for skill phrases by the matcher in JavaScript;
// - descriptions (vacancies): each distinct description of the file numbered once and read
//   by the matcher (phrase matching with longest-first and list-only rules is a token
//   walk, not a join) page by page, two thirds of each page on a second thread when there are many
//   (extract-thread.ts); its skills join back to the rows in SQL, so a text reposted a
//   thousand times is read once and no row passes through JavaScript.
import type { DuckDBConnection } from '@duckdb/node-api';
import { appendRows, rows, run } from '../../core/duckdb.ts';
import type { SkillMatcher } from '../../core/skills.ts';
import { startExtractionThread } from './extract-thread.ts';

const PAGE_ROWS = 100_000;
/** Distinct descriptions from which a file's extraction takes a second thread (below, starting one costs more than it saves). */
export const THREADED_DESCRIPTIONS = 20_000;

/** Every normalised skill name, for whole-item matching in SQL. Once per run. */
export async function createSkillNameLookup(connection: DuckDBConnection, matcher: SkillMatcher): Promise<void> {
  await run(connection, 'CREATE OR REPLACE TEMP TABLE lk_skill_name (name VARCHAR PRIMARY KEY, skill_id VARCHAR)');
  await appendRows(connection, 'lk_skill_name', matcher.wholeItems());
}

/** `threadFrom`: the distinct descriptions from which a second thread reads most of each page (THREADED_DESCRIPTIONS); `pageRows`: descriptions per page. */
export async function extractSkills(connection: DuckDBConnection, matcher: SkillMatcher, withDescription: boolean, { threadFrom = THREADED_DESCRIPTIONS, pageRows = PAGE_ROWS } = {}): Promise<void> {
  // The items as written, per row; then each distinct spelling once: normalised, matched whole, else by the matcher.
  await run(connection, `CREATE OR REPLACE TABLE work.skill_item AS
    SELECT line, unnest(s_items(skills)) AS written FROM work.good WHERE skills IS NOT NULL`);
  await run(connection, `CREATE OR REPLACE TABLE work.lk_skill_written AS
    SELECT written, s_norm(written) AS item FROM (SELECT DISTINCT written FROM work.skill_item WHERE written IS NOT NULL)`);
  const unmatched = await rows<{ item: string }>(connection,
    `SELECT DISTINCT item FROM work.lk_skill_written WHERE item <> '' AND item NOT IN (SELECT name FROM lk_skill_name)`);
  await run(connection, 'CREATE OR REPLACE TABLE work.lk_skill_item (item VARCHAR, skill_id VARCHAR)');
  await appendRows(connection, 'work.lk_skill_item', unmatched.flatMap(({ item }) => matcher.extract(item).map((skill) => [item, skill])));
  await run(connection, `CREATE OR REPLACE TABLE work.stage_skill AS
    SELECT DISTINCT line, skill_id, 'list' AS origin
    FROM work.skill_item JOIN (
      SELECT written, skill_id FROM work.lk_skill_written JOIN lk_skill_name ON name = item
      UNION ALL
      SELECT written, skill_id FROM work.lk_skill_written JOIN work.lk_skill_item USING (item)
    ) USING (written)`);
  if (withDescription) await extractFromDescriptions(connection, matcher, threadFrom, pageRows);
}

/** Each distinct description once, by the matcher (two thirds of each page on a second thread for a large file); its skills join back to every row that has it. */
async function extractFromDescriptions(connection: DuckDBConnection, matcher: SkillMatcher, threadFrom: number, pageRows: number): Promise<void> {
  await run(connection, `CREATE OR REPLACE TABLE work.description_text AS
    SELECT (row_number() OVER ())::BIGINT AS text_id, description FROM (SELECT DISTINCT description FROM work.good WHERE description IS NOT NULL)`);
  await run(connection, 'CREATE OR REPLACE TABLE work.description_skill (text_id BIGINT, skill_id VARCHAR)');
  const [{ n }] = await rows<{ n: number }>(connection, 'SELECT count(*)::BIGINT AS n FROM work.description_text');
  const thread = n >= threadFrom ? startExtractionThread(matcher) : null;
  const page = async (from: number) => {
    const reader = await connection.runAndReadAll('SELECT text_id, description FROM work.description_text WHERE text_id >= $from AND text_id < $to ORDER BY text_id', { from, to: from + pageRows });
    const [ids = [], texts = []] = reader.getColumnsJS() as [bigint[]?, string[]?];
    // with a thread, it reads the last two thirds: this one also reads the pages out and appends
    const mine = thread ? Math.ceil(texts.length / 3) : texts.length;
    const theirs = thread?.extract(texts.slice(mine));
    theirs?.catch(() => {});   // (awaited with the page; a page left unread on a failure is no unhandled rejection)
    return { ids, texts, mine, theirs };
  };
  try {
    // The thread works on the next page while this one appends the last one's skills.
    for (let next = n >= 1 ? await page(1) : null, from = 1; next; from += pageRows) {
      const { ids, texts, mine, theirs } = next;
      const found = texts.slice(0, mine).map((text) => matcher.extract(text));
      if (theirs) found.push(...await theirs);
      next = from + pageRows <= n ? await page(from + pageRows) : null;
      const appender = await connection.createAppender('description_skill', 'main', 'work');
      for (let i = 0; i < ids.length; i++) {
        for (const skill of found[i]) {
          appender.appendBigInt(ids[i]);
          appender.appendVarchar(skill);
          appender.endRow();
        }
      }
      appender.flushSync();
      appender.closeSync();
    }
  } finally {
    await thread?.close();
  }
  await run(connection, `INSERT INTO work.stage_skill
    SELECT g.line, k.skill_id, 'description' AS origin
    FROM work.good g JOIN work.description_text t USING (description) JOIN work.description_skill k USING (text_id)`);
}
