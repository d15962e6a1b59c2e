// The nightly run of the inbox (DESIGN §7): extracts dropped into the inbox are loaded
// on a node-cron schedule (default 02:00 Asia/Jakarta); loaded and skipped files move to
// inbox/processed/<run_id>/, rejected ones to inbox/failed/<run_id>/ with an error note
// beside them. After a failed run the files stay in the inbox for the next one.
import fs from 'node:fs';
import path from 'node:path';
import cron from 'node-cron';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/log.ts';
import type { Reference } from '../core/reference.ts';
import { RunRefused } from '../core/warehouse.ts';
import { listInputs, runPipeline, type RunResult } from './run.ts';

export interface ScheduleDeps { config: Config; reference: Reference; logger: Logger; now?: () => Date }

export async function runInbox(deps: ScheduleDeps): Promise<RunResult | null> {
  const { inbox, db } = deps.config;
  fs.mkdirSync(inbox, { recursive: true });
  const files = listInputs([inbox]);
  if (files.length === 0) {
    deps.logger.info({ inbox }, 'inbox is empty; nothing to run');
    return null;
  }
  const result = await runPipeline({ inputs: files, db }, deps);
  if (result.status === 'failed') return result;
  for (const file of result.files) {
    const source = files.find((f) => path.basename(f) === file.file);
    if (!source) continue;
    // A rejected file, and one that failed (too few of its rows loaded), go back to the operator.
    const failed = file.status === 'rejected' || file.status === 'failed';
    const target = path.join(inbox, failed ? 'failed' : 'processed', result.run_id);
    fs.mkdirSync(target, { recursive: true });
    fs.renameSync(source, path.join(target, file.file));
    if (failed) {
      fs.writeFileSync(path.join(target, `${file.file}.error.txt`), `${file.error}\nrun ${result.run_id}\n`);
    }
  }
  deps.logger.info({ run_id: result.run_id, status: result.status, files: result.files.length }, 'inbox run finished');
  return result;
}

/** Start the schedule; the returned function stops it. */
export function startSchedule(deps: ScheduleDeps): () => void {
  const { schedule, timezone } = deps.config;
  const task = cron.schedule(schedule, async () => {
    try {
      await runInbox(deps);
    } catch (error) {
      if (error instanceof RunRefused) deps.logger.warn({ reason: error.message }, 'scheduled run skipped');
      else deps.logger.error({ err: error }, 'scheduled run failed');
    }
  }, { timezone, name: 'sinergi-inbox', noOverlap: true });
  deps.logger.info({ schedule, timezone, inbox: deps.config.inbox, next_run: task.getNextRun()?.toISOString() ?? null }, 'inbox schedule started');
  return () => { void task.stop(); };
}
