// Progress of long work: a bar on a terminal, structured log lines (every 10 %) otherwise.
import cliProgress from 'cli-progress';
import type { Logger } from '../core/log.ts';

export interface ProgressReporter {
  update(step: string, done: number, total: number): void;
  stop(): void;
}

export function createProgress(logger: Logger, interactive: boolean = Boolean(process.stderr.isTTY)): ProgressReporter {
  if (interactive) {
    const bars = new cliProgress.MultiBar(
      { format: ' {step} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}', hideCursor: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    const byStep = new Map<string, cliProgress.SingleBar>();
    return {
      update(step, done, total) {
        let bar = byStep.get(step);
        if (!bar) byStep.set(step, (bar = bars.create(total, 0, { step: step.padEnd(10) })));
        bar.update(done);
      },
      stop: () => bars.stop(),
    };
  }
  const lastDecile = new Map<string, number>();
  return {
    update(step, done, total) {
      const decile = Math.floor((done / total) * 10);
      if (decile === lastDecile.get(step)) return;
      lastDecile.set(step, decile);
      logger.info({ step, done, total, percent: Math.round((done / total) * 100) }, 'progress');
    },
    stop: () => {},
  };
}
