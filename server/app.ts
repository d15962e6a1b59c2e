// The read side (DESIGN §7): Express over the published warehouse — dashboards, downloads,
// the API and the admin pages — with one Content-Security-Policy and one error handler.
import path from 'node:path';
import express from 'express';
import type { Logger } from '../core/log.ts';
import { loadReference, type Reference } from '../core/reference.ts';
import { createPageCache, type PageCache } from './cache.ts';
import type { DownloadStore } from './downloads.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { createRenderer, VIEWS_DIR, type Renderer } from './render.ts';
import { adminRoutes, type AdminOptions } from './routes/admin.ts';
import { apiRoutes, sendCachedApi } from './routes/api.ts';
import { catalogueRoutes } from './routes/catalogue.ts';
import { dataRoutes } from './routes/data.ts';
import { exploreRoutes } from './routes/explore.ts';
import { matchDesk, type MatchDeskMode } from './routes/match.ts';
import { pageRoutes } from './routes/pages.ts';
import { sendCachedPage } from './routes/page-response.ts';
import { exportRoutes } from './routes/export.ts';
import { rateLimiter } from './ratelimit.ts';
import type { WarehouseReader } from './warehouse.ts';

export interface AppDeps {
  warehouse: WarehouseReader;
  minCell: number;
  logger: Logger;
  requestsPerMinute?: number;
  /** The admin pages; off when absent (no SINERGI_ADMIN_TOKEN). */
  admin?: AdminOptions;
  renderer?: Renderer;
  cache?: PageCache;
  /** The counsellor's desk (/match, /api/v1/match): SINERGI_MATCH_DESK, public by default. */
  matchDesk?: MatchDeskMode;
  reference?: Reference;
  /** The admin token; staff sign in with it on /admin (and so open the desk in staff mode). */
  adminToken?: string;
  /** Where full downloads are kept as files per data version; built on every request when absent. */
  downloads?: DownloadStore;
}

/** No inline script anywhere; styles only from our stylesheet (Plot's inline <style> is removed). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
  "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  const renderer = deps.renderer ?? createRenderer();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use((_req, res, next) => {
    res.set({ 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
    next();
  });
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/static/favicon.svg'));
  app.use('/static', express.static(path.join(VIEWS_DIR, 'static'), { maxAge: '1h', fallthrough: true }));
  const cache = deps.cache ?? createPageCache();
  // Every API request counts against its client's limit once, cached or not.
  app.use('/api/v1', rateLimiter(deps.requestsPerMinute ?? 600));
  // Cached pages and API answers go out here, before the routers: no connection, no await,
  // no route matching (under 200 connections these are nearly all the requests).
  app.use((req, res, next) => { if (!sendCachedPage({ warehouse: deps.warehouse, cache }, req, res) && !sendCachedApi(deps.warehouse, cache, req, res)) next(); });
  const reference = deps.reference ?? loadReference();
  // Months, regions, ISCO groups and skill ids, read once per data version (server/warehouse.ts).
  const { dimensions } = deps.warehouse;
  const desk = matchDesk({ warehouse: deps.warehouse, renderer, reference, minCell: deps.minCell, mode: deps.matchDesk ?? 'public', adminToken: deps.adminToken ?? deps.admin?.token, logger: deps.logger });
  app.use(desk.pages);
  app.use(pageRoutes({ warehouse: deps.warehouse, minCell: deps.minCell, renderer, cache, dimensions }));
  app.use(exportRoutes({ warehouse: deps.warehouse, minCell: deps.minCell, cache, dimensions }));
  app.use(exploreRoutes({ warehouse: deps.warehouse, minCell: deps.minCell, renderer, cache, reference, dimensions }));
  app.use(catalogueRoutes(deps.warehouse, deps.minCell, renderer, deps.logger, deps.downloads));
  app.use(dataRoutes({ warehouse: deps.warehouse, minCell: deps.minCell, logger: deps.logger, downloads: deps.downloads }));
  app.use(apiRoutes(deps.warehouse, { minCell: deps.minCell, cache, match: desk.api }));
  app.use(adminRoutes({ warehouse: deps.warehouse, renderer, logger: deps.logger, minCell: deps.minCell, options: deps.admin }));
  app.use(notFoundHandler());
  app.use(errorHandler(deps.logger, renderer, deps.minCell));
  return app;
}
