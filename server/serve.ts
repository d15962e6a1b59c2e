// Start the HTTP server on the configured port over the configured warehouse. The admin
// pages are on when an admin token is configured and the caller can run the inbox. Full
// downloads are kept as files in downloads/ beside the warehouse. With `warm`, each
// publish (noticed within a few seconds) is followed by a background warm-up of the main
// pages and the full downloads.
import type { Server } from 'node:http';
import path from 'node:path';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/log.ts';
import { createApp } from './app.ts';
import { createPageCache, type PageCache } from './cache.ts';
import { createDownloadStore } from './downloads.ts';
import { getBundle } from './routes/catalogue.ts';
import { createWarmer } from './warm.ts';
import { createWarehouseReader } from './warehouse.ts';

type ServeConfig = Pick<Config, 'db' | 'port' | 'minCell'> & Partial<Pick<Config, 'apiRateLimit' | 'adminToken' | 'inbox' | 'matchDesk'>>;

export interface ServeOptions {
  /** Warm the page cache and build the full downloads after each publish (off in tests unless asked). */
  warm?: boolean;
  /** How often to look for a newly published warehouse when warming (ms). */
  watchMs?: number;
}

export async function startServer(config: ServeConfig, logger: Logger, runInbox?: () => Promise<unknown>, options: ServeOptions = {}): Promise<{ server: Server; url: string; cache: PageCache; close(): Promise<void>; warmed(): Promise<void> }> {
  const warehouse = createWarehouseReader(config.db, logger);
  const downloads = createDownloadStore(path.join(path.dirname(config.db), 'downloads'), logger);
  const admin = config.adminToken && config.inbox && runInbox
    ? { token: config.adminToken, inbox: config.inbox, runsDir: path.join(path.dirname(config.db), 'runs'), runNow: runInbox }
    : undefined;
  const cache = createPageCache();
  const app = createApp({ warehouse, minCell: config.minCell, logger, requestsPerMinute: config.apiRateLimit, admin, matchDesk: config.matchDesk, adminToken: config.adminToken, downloads, cache });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  // The full CSVs, one after the other, then the bundle of them (the other formats are built when first asked).
  const buildDownloads = async () => {
    const { version } = await warehouse.snapshot();
    await getBundle(downloads, { warehouse, minCell: config.minCell, logger }, version, 'id');
  };
  const warmer = createWarmer({ url: () => url, logger, afterPages: buildDownloads });
  let stopWatching = () => {};
  if (options.warm) {
    warehouse.onPublish(() => warmer.warm());
    stopWatching = warehouse.watch(options.watchMs ?? 5000);
    warehouse.snapshot().catch(() => { /* nothing published yet: the watch will see the first run */ });
  }
  logger.info({ url, db: config.db, admin: admin ? 'on' : 'off (set SINERGI_ADMIN_TOKEN)' }, 'serving');
  return {
    server, url, cache,
    // Opening the current file is what starts its warm-up (onPublish), so a caller who asks
    // right after start, or right after a publish, waits for that round and not just a running one.
    warmed: async () => { if (options.warm) await warehouse.snapshot(); while (warmer.running) await warmer.running; },
    close: () => new Promise<void>((resolve) => { stopWatching(); server.close(() => { warehouse.close().then(resolve, resolve); }); }),
  };
}
