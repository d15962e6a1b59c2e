// Start the HTTP server on the configured port over the configured warehouse.
import type { Server } from 'node:http';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/log.ts';
import { createApp } from './app.ts';
import { createWarehouseReader } from './warehouse.ts';

export async function startServer(config: Pick<Config, 'db' | 'port' | 'minCell'> & Partial<Pick<Config, 'apiRateLimit'>>, logger: Logger): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const warehouse = createWarehouseReader(config.db, logger);
  const app = createApp({ warehouse, minCell: config.minCell, logger, requestsPerMinute: config.apiRateLimit });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  logger.info({ url, db: config.db }, 'serving');
  return {
    server, url,
    close: () => new Promise<void>((resolve) => server.close(() => { warehouse.close(); resolve(); })),
  };
}
