// The inbox as an operator uses it: drop files, the scheduled run loads them and sorts
// them into processed/ and failed/ (with the reason beside a rejected file).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config.ts';
import { silentLogger } from '../core/log.ts';
import { loadReference } from '../core/reference.ts';
import { runInbox, startSchedule } from '../pipelines/schedule.ts';
import { TEST_KEY, createSandbox, queryWarehouse, vacanciesCsv, type Sandbox } from './helpers/pipeline.ts';

let sandbox: Sandbox;
let inbox: string;
beforeEach(() => {
  sandbox = createSandbox();
  inbox = path.join(sandbox.dir, 'inbox');
  fs.mkdirSync(inbox);
});
afterEach(() => sandbox.cleanup());

const depsWith = (env: Record<string, string> = {}) => ({
  config: loadConfig({ SINERGI_PSEUDONYM_KEY: TEST_KEY, SINERGI_INBOX: inbox, ...env }, { db: sandbox.db }),
  reference: loadReference(),
  logger: silentLogger(),
});

describe('inbox runs', () => {
  it('moves loaded files to processed/<run> and rejected ones to failed/<run> with an error note', async () => {
    fs.writeFileSync(path.join(inbox, 'lowongan_maret.csv'), vacanciesCsv([{}, {}]));
    fs.writeFileSync(path.join(inbox, 'lowongan_rusak.csv'), 'vacancy_id,jabatan\nV1,Welder\n');
    const result = await runInbox(depsWith());
    expect(result?.status).toBe('partial');
    const runId = result!.run_id;
    expect(fs.readdirSync(inbox).sort()).toEqual(['failed', 'processed']);
    expect(fs.readdirSync(path.join(inbox, 'processed', runId))).toEqual(['lowongan_maret.csv']);
    expect(fs.readdirSync(path.join(inbox, 'failed', runId)).sort()).toEqual(['lowongan_rusak.csv', 'lowongan_rusak.csv.error.txt']);
    expect(fs.readFileSync(path.join(inbox, 'failed', runId, 'lowongan_rusak.csv.error.txt'), 'utf8')).toMatch(/^lowongan_rusak\.csv: required column posted_date/);
    const [count] = await queryWarehouse<{ n: number }>(sandbox.db, 'SELECT count(*)::INTEGER AS n FROM vacancy');
    expect(count.n).toBe(2);
  });

  it('does nothing on an empty inbox', async () => {
    expect(await runInbox(depsWith())).toBeNull();
    expect(fs.existsSync(sandbox.db)).toBe(false);
  });

  it('runs on its cron schedule', async () => {
    fs.writeFileSync(path.join(inbox, 'vacancies_cron.csv'), vacanciesCsv([{}]));
    const stop = startSchedule(depsWith({ SINERGI_SCHEDULE: '* * * * * *' }));
    try {
      for (let i = 0; i < 40 && !fs.existsSync(path.join(inbox, 'processed')); i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      stop();
    }
    expect(fs.existsSync(path.join(inbox, 'vacancies_cron.csv'))).toBe(false);
    const [count] = await queryWarehouse<{ n: number }>(sandbox.db, 'SELECT count(*)::INTEGER AS n FROM vacancy');
    expect(count.n).toBe(1);
  });
});
