// Bench step: dataset requests for one province and one month, as pages and the API make
// them, against a built warehouse; reports p50/p95 per dataset.
import { DATASETS } from '../../core/datasets.ts';
import { loadDimensions } from '../../core/dimensions.ts';
import { queryDataset } from '../../core/query.ts';
import { openWarehouse } from '../../core/warehouse.ts';
import { reportStep } from '../measure.ts';

const { db, requests } = JSON.parse(process.argv[2]) as { db: string; requests: number };
const warehouse = await openWarehouse(db, { readOnly: true });
// The data version's dimensions, read once as the server's cache does.
const dims = await loadDimensions(warehouse.connection);
const { periods } = dims;
const provinces = dims.regions.filter((r) => r.region_level === 'province').map((r) => r.region_code).sort();
const result: Record<string, { p50: number; p95: number; rows: number }> = {};
let seed = 7;
const next = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
for (const dataset of DATASETS) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    const answer = await queryDataset(warehouse.connection, dataset.name, { period: periods[next(periods.length)], region: provinces[next(provinces.length)] }, { minCell: 5, dims });
    times.push(performance.now() - started);
    total += answer.rows.length;
  }
  times.sort((a, b) => a - b);
  result[dataset.name] = { p50: times[Math.floor(times.length * 0.5)], p95: times[Math.floor(times.length * 0.95)], rows: Math.round(total / requests) };
}
warehouse.close();
reportStep(result);
