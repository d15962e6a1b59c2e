// Bench step: one page of rows from the API over HTTP, many times; p50/p95.
import { silentLogger } from '../../core/log.ts';
import { startServer } from '../../server/serve.ts';
import { reportStep } from '../measure.ts';

const { db, requests } = JSON.parse(process.argv[2]) as { db: string; requests: number };
const server = await startServer({ db, port: 0, minCell: 5, apiRateLimit: 1_000_000 }, silentLogger());
const urls = ['/api/v1/skill-gaps?period=2025-06&region=32&limit=100', '/api/v1/labour-market-monthly?from=2025-01&to=2025-12&limit=100', '/api/v1/seeker-profile?period=2025-06&limit=100'];
const times: number[] = [];
for (let i = 0; i < requests; i++) {
  const started = performance.now();
  const res = await fetch(`${server.url}${urls[i % urls.length]}`);
  await res.json();
  times.push(performance.now() - started);
}
await server.close();
times.sort((a, b) => a - b);
reportStep({ p50: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] });
