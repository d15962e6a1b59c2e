// Start the HTTP server on the configured port over the configured warehouse. The admin
// pages are on when an admin token is configured and the caller can run the inbox.
import type { Server } from 'node:http';
import path from 'node:path';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/log.ts';
import { createApp } from './app.ts';
import { createWarehouseReader } from './warehouse.ts';

type ServeConfig = Pick<Config, 'db' | 'port' | 'minCell'> & Partial<Pick<Config, 'apiRateLimit' | 'adminToken' | 'inbox' | 'matchDesk'>>;

export async function startServer(config: ServeConfig, logger: Logger, runInbox?: () => Promise<unknown>): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const warehouse = createWarehouseReader(config.db, logger);
  const admin = config.adminToken && config.inbox && runInbox
    ? { token: config.adminToken, inbox: config.inbox, runsDir: path.join(path.dirname(config.db), 'runs'), runNow: runInbox }
    : undefined;
  const app = createApp({ warehouse, minCell: config.minCell, logger, requestsPerMinute: config.apiRateLimit, admin, matchDesk: config.matchDesk, adminToken: config.adminToken });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  logger.info({ url, db: config.db, admin: admin ? 'on' : 'off (set SINERGI_ADMIN_TOKEN)' }, 'serving');
  return {
    server, url,
    close: () => new Promise<void>((resolve) => server.close(() => { warehouse.close(); resolve(); })),
  };
}
