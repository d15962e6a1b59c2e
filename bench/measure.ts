// Runs one benchmark step in a child process, so its peak RSS is its own.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../core/config.ts';

export interface Measured { seconds: number; peakRssMb: number; output: unknown }

/** Run `bench/steps/<step>.ts` with a JSON argument; it prints a JSON result on its last stdout line. */
export function measureStep(step: string, argument: unknown): Promise<Measured> {
  const script = path.join(PROJECT_ROOT, 'bench', 'steps', `${step}.ts`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(argument)], {
      cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SINERGI_LOG_LEVEL: process.env.SINERGI_LOG_LEVEL ?? 'warn' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`bench step ${step} exited with ${code}`));
      const last = stdout.trim().split('\n').pop() ?? '{}';
      const result = JSON.parse(last) as { peakRssMb: number; output: unknown };
      resolve({ seconds: (performance.now() - started) / 1000, peakRssMb: result.peakRssMb, output: result.output });
    });
  });
}

/** For step scripts: print the result line with this process's peak RSS. */
export function reportStep(output: unknown): void {
  console.log(JSON.stringify({ peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), output }));
}
