// The one place errors become responses: HttpError keeps its status and message (JSON on
// API paths, plain text otherwise); anything else is logged and answered with a 500 that
// carries no stack trace.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';

export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new HttpError(404, `not found: ${req.path}`));
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = error instanceof HttpError;
    const status = known ? error.status : (error as { status?: number }).status === 400 ? 400 : 500;
    const message = known ? error.message : status === 400 ? 'bad request' : 'internal error; it has been logged';
    if (!known && status === 500) logger.error({ err: error, path: req.path }, 'request failed');
    if (res.headersSent) { res.destroy(); return; }
    if (req.path.startsWith('/api/')) {
      res.status(status).json({ error: { status, message, parameter: known ? error.parameter : null } });
    } else {
      res.status(status).type('text/plain; charset=utf-8').send(`${status} ${message}\n`);
    }
  };
}
