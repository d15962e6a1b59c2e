// The server the desk bench measures (bench/steps/match.ts): the app over a warehouse,
// opened at start as `sinergi serve` opens it (which builds the desk's index), without the
// publish warm-up of pages and full downloads (that runs for minutes at full size and
// would write downloads/ beside a warehouse the bench only reads).
//   node --import tsx bench/steps/match-server.ts DB PORT
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/log.ts';
import { createApp } from '../../server/app.ts';
import { createWarehouseReader } from '../../server/warehouse.ts';

const [db, port] = process.argv.slice(2);
const config = loadConfig(process.env, { db, port });
const logger = createLogger(config.logLevel);
const warehouse = createWarehouseReader(config.db, logger);
const app = createApp({ warehouse, minCell: config.minCell, logger, requestsPerMinute: config.apiRateLimit, matchDesk: config.matchDesk });
app.listen(config.port, () => {
  console.log(`serving ${config.db} on http://localhost:${config.port}`);
  warehouse.snapshot().catch((error: unknown) => logger.error({ err: error }, 'could not open the warehouse'));
});
