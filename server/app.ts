// The read side (DESIGN §7): Express over the published warehouse.
import express from 'express';
import type { Logger } from '../core/log.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { dataRoutes } from './routes/data.ts';
import { homeRoutes } from './routes/home.ts';
import type { WarehouseReader } from './warehouse.ts';

export interface AppDeps { warehouse: WarehouseReader; minCell: number; logger: Logger }

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(homeRoutes(deps.warehouse));
  app.use(dataRoutes(deps.warehouse, deps.minCell));
  app.use(notFoundHandler());
  app.use(errorHandler(deps.logger));
  return app;
}
