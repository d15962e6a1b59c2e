// Skill extraction from descriptions on a second thread (pipelines/ingest/extract-thread.ts):
// the thread's matcher is built from the ingest matcher's recipe, so a file read mostly on
// the thread, page after page, gets exactly the skills it gets on one.
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, run, runSqlFile, textList } from '../core/duckdb.ts';
import { loadReference } from '../core/reference.ts';
import { createSkillMatcher } from '../core/skills.ts';
import { startExtractionThread } from '../pipelines/ingest/extract-thread.ts';
import { SQL_DIR } from '../pipelines/ingest/file.ts';
import { createSkillNameLookup, extractSkills } from '../pipelines/ingest/skills.ts';

const adverts = fs.readFileSync(path.join(import.meta.dirname, 'fixtures', 'descriptions_labelled.jsonl'), 'utf8')
  .split('\n').filter((line) => line.trim()).map((line) => (JSON.parse(line) as { text: string }).text);
const matcher = createSkillMatcher(loadReference().skills);

describe('skill extraction on a second thread', () => {
  it('finds in each advert what the ingest matcher finds, in order', async () => {
    const thread = startExtractionThread(matcher);
    try {
      const found = await thread.extract(adverts);
      expect(found).toEqual(adverts.map((text) => matcher.extract(text)));
      // the adverts do name skills (a thread answering [] for each would not pass)
      expect(found.filter((skills) => skills.length > 0).length).toBeGreaterThan(adverts.length * 0.9);
      expect(await thread.extract(['Dibutuhkan operator forklift berpengalaman'])).toEqual([matcher.extract('Dibutuhkan operator forklift berpengalaman')]);
    } finally {
      await thread.close();
    }
  });

  describe('in the ingest: descriptions read page by page, two thirds on the thread', () => {
    let instance: DuckDBInstance;
    const stageSkills = async (threadFrom: number, pageRows?: number) => {
      const connection = await instance.connect();
      await run(connection, "ATTACH IF NOT EXISTS ':memory:' AS work");
      await runSqlFile(connection, path.join(SQL_DIR, 'macros.sql'));
      await createSkillNameLookup(connection, matcher);
      // every advert on two rows (read once), and rows with a skills list too
      await run(connection, `CREATE OR REPLACE TABLE work.good AS
        SELECT (row_number() OVER ())::INTEGER AS line, CASE WHEN i % 3 = 0 THEN 'excel, komunikasi' END AS skills, text AS description
        FROM (SELECT unnest($texts) AS text), range(2) AS r(i)`, { texts: textList(adverts) });
      await extractSkills(connection, matcher, true, { threadFrom, pageRows });
      const result = await rows<{ line: number; skill_id: string; origin: string }>(connection, 'SELECT line, skill_id, origin FROM work.stage_skill ORDER BY ALL');
      connection.closeSync();
      return result;
    };
    beforeAll(async () => { instance = await DuckDBInstance.create(':memory:'); });
    afterAll(() => instance.closeSync());

    it('stages the same skills as on one thread', async () => {
      const one = await stageSkills(Number.POSITIVE_INFINITY);
      expect(await stageSkills(1)).toEqual(one);
      // pages of 50 (the thread reads the next page while this one appends), and a last page of one
      expect(await stageSkills(1, 50)).toEqual(one);
      expect(await stageSkills(1, adverts.length - 1)).toEqual(one);
      expect(one.filter((r) => r.origin === 'description').length).toBeGreaterThan(adverts.length);
    });
  });
});
