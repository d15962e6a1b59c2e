// Requests per client per minute on the API: a fixed window shared by all clients (the
// counts are dropped each minute, so memory holds one number per client seen this minute).
// Written here rather than taken from express-rate-limit: under 200 connections of cached
// answers that middleware was 11 % of the server's CPU (an IPv6 subnet parse and a store
// round trip per request); this is a map lookup. The headers follow the IETF draft's
// RateLimit-Policy / RateLimit fields; a refused request is a 429 with Retry-After.
import type { RequestHandler } from 'express';
import { HttpError } from '../core/errors.ts';

export class TooManyRequests extends HttpError {
  readonly headers: Record<string, string>;
  constructor(limit: number, retryAfter: number) {
    super(429, `too many requests: at most ${limit} a minute per client; try again shortly`);
    this.headers = { 'Retry-After': String(retryAfter) };
  }
}

export function rateLimiter(perMinute: number, windowMs = 60_000, now = () => Date.now()): RequestHandler {
  let windowStart = now();
  let counts = new Map<string, number>();
  const policy = `"minute";q=${perMinute};w=${Math.round(windowMs / 1000)}`;
  return (req, res, next) => {
    const t = now();
    if (t - windowStart >= windowMs) { counts = new Map(); windowStart = t - ((t - windowStart) % windowMs); }
    const client = req.ip ?? '';
    const used = (counts.get(client) ?? 0) + 1;
    counts.set(client, used);
    const reset = Math.max(1, Math.ceil((windowStart + windowMs - t) / 1000));
    res.setHeader('RateLimit-Policy', policy);
    res.setHeader('RateLimit', `"minute";r=${Math.max(0, perMinute - used)};t=${reset}`);
    if (used > perMinute) { next(new TooManyRequests(perMinute, reset)); return; }
    next();
  };
}
