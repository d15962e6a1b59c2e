// The one place errors become responses: HttpError keeps its status and message (JSON on
// API paths; an HTML page in the page's language for dashboards, admin and browsers;
// plain text for other clients of downloads); anything else is logged and answered with a
// 500 that carries no stack trace.
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { HttpError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { messages, resolveLang, translateError } from './i18n.ts';
import type { Renderer } from './render.ts';
import { layoutContext } from './routes/layout.ts';

interface RouteLayer { route?: { methods: Record<string, boolean> }; handle?: { stack?: RouteLayer[] }; match(path: string): boolean }

/** The methods the app's routes answer at path (GET brings HEAD), looked up in Express' own route table. */
export function allowedMethods(stack: RouteLayer[], path: string, found = new Set<string>()): Set<string> {
  for (const layer of stack) {
    if (layer.route) {
      if (!layer.match(path)) continue;
      for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') found.add(method.toUpperCase());
    } else if (layer.handle?.stack && layer.match(path)) allowedMethods(layer.handle.stack, path, found);
  }
  if (found.has('GET')) found.add('HEAD');
  return found;
}

/** 404 for a path no route has; 405 with Allow for a path that exists under other methods. */
export function notFoundHandler(): RequestHandler {
  return (req, res, next) => {
    const stack = (req.app as unknown as { router?: { stack: RouteLayer[] } }).router?.stack ?? [];
    const allowed = allowedMethods(stack, req.path);
    if (allowed.size > 0 && !allowed.has(req.method)) {
      res.set('Allow', [...allowed].sort().join(', '));
      return next(new HttpError(405, `${req.method} is not allowed on ${req.path} (allowed: ${[...allowed].sort().join(', ')})`));
    }
    next(new HttpError(404, `not found: ${req.path}`));
  };
}

/** Dashboard and admin paths always answer HTML; downloads only to a browser asking for it. */
function wantsHtml(req: Request): boolean {
  if (!/^\/(data|api)(\/|$)/.test(req.path) && !req.path.startsWith('/static/')) return true;
  return req.accepts(['text/plain', 'application/json', 'text/html']) === 'text/html';
}

export function errorHandler(logger: Logger, renderer: Renderer, minCell: number): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const known = error instanceof HttpError;
    const status = known ? error.status : (error as { status?: number }).status === 400 ? 400 : 500;
    const message = known ? error.message : status === 400 ? 'bad request' : 'internal error; it has been logged';
    if (!known && status === 500) logger.error({ err: error, path: req.path }, 'request failed');
    if (res.headersSent) { res.destroy(); return; }
    // Headers a page or download set before failing (its ETag, its encoding and file name)
    // must not make an error page revalidate as current or pass for the file.
    for (const header of ['ETag', 'Content-Encoding', 'Content-Disposition', 'Content-Length', 'Last-Modified']) res.removeHeader(header);
    // A 503 for a full queue says when to come back (BusyError in warehouse.ts).
    const extra = (error as { headers?: Record<string, string> }).headers;
    if (known && extra) res.set(extra);
    if (req.path.startsWith('/api/')) {
      res.status(status).json({ error: { status, message, parameter: known ? error.parameter : null } });
    } else if (wantsHtml(req)) {
      const lang = resolveLang(req, res);
      const e = messages(lang).errors;
      const heading = status === 400 ? e.badRequest : status === 404 ? e.notFound : status === 405 ? e.methodNotAllowed : status === 503 ? (extra ? e.busy : e.unavailable) : status === 429 ? e.tooMany : status === 401 || status === 403 ? e.unauthorized : e.server;
      const context = { ...layoutContext(lang, req, '', `${status} ${heading}`, minCell), status, heading: `${status} · ${heading}`, message: status === 500 ? e.serverText : translateError(message, lang) };
      res.status(status).set('Cache-Control', 'no-store').type('html').send(renderer.render('error', context));
    } else {
      res.status(status).type('text/plain; charset=utf-8').send(`${status} ${message}\n`);
    }
  };
}
