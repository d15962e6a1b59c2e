// The read side (DESIGN §7): Express over the published warehouse.
import express from 'express';
import type { Logger } from '../core/log.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { apiRoutes } from './routes/api.ts';
import { catalogueRoutes } from './routes/catalogue.ts';
import { dataRoutes } from './routes/data.ts';
import { homeRoutes } from './routes/home.ts';
import type { WarehouseReader } from './warehouse.ts';

export interface AppDeps { warehouse: WarehouseReader; minCell: number; logger: Logger; requestsPerMinute?: number }

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(homeRoutes(deps.warehouse));
  app.use(catalogueRoutes(deps.warehouse, deps.minCell));
  app.use(dataRoutes(deps.warehouse, deps.minCell));
  app.use(apiRoutes(deps.warehouse, { minCell: deps.minCell, requestsPerMinute: deps.requestsPerMinute ?? 600 }));
  app.use(notFoundHandler());
  app.use(errorHandler(deps.logger));
  return app;
}
