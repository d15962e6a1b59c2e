// Prints the plain closing line 'N passed, N failed, N skipped' that CI reads, and above it
// what did not finish: the files a crashed worker left (a native crash or an out-of-memory
// kill shows in Vitest only as "Worker exited unexpectedly", without the file) with the
// tests that never ran, and the unhandled errors.
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const unfinished: string[] = [];
    for (const module of modules) {
      const notRun: string[] = [];
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else {
          skipped++;
          if (state !== 'skipped') notRun.push(test.fullName);
        }
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
      if (notRun.length) unfinished.push(`${module.moduleId}: ${notRun.length} test(s) never finished (the worker stopped): ${notRun.slice(0, 5).join(' | ')}`);
    }
    for (const line of unfinished) process.stdout.write(`\nunfinished: ${line}`);
    for (const error of unhandledErrors) process.stdout.write(`\nunhandled error: ${error.name ?? 'Error'}: ${error.message}`);
    process.stdout.write(`\n${passed} passed, ${failed + unhandledErrors.length} failed, ${skipped} skipped\n`);
  }
}
