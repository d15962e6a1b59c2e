import { silentLogger } from '/work/wt/honest-pages/core/log.ts';
import { startServer } from '/work/wt/honest-pages/server/serve.ts';
import { createSandbox, runSample } from '/work/wt/honest-pages/tests/helpers/pipeline.ts';
import fs from 'node:fs';
const db = '/tmp/hp/sample/warehouse/sinergi.duckdb';
if (!fs.existsSync(db)) {
  const sandbox = createSandbox();
  await runSample(sandbox);
  fs.mkdirSync('/tmp/hp/sample/warehouse', { recursive: true });
  fs.copyFileSync(sandbox.db, db);
  sandbox.cleanup();
}
const server = await startServer({ db, port: 47123, minCell: 5 }, silentLogger());
console.log('ready', server.url);
