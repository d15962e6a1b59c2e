// The API's rate limit (server/ratelimit.ts): per client, per fixed minute, with the
// RateLimit headers and a 429 that says when to come back.
import { describe, expect, it } from 'vitest';
import type { Request, Response } from 'express';
import { HttpError } from '../core/errors.ts';
import { rateLimiter } from '../server/ratelimit.ts';

function call(limit: ReturnType<typeof rateLimiter>, ip: string): { error: unknown; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  let error: unknown = 'not called';
  limit({ ip } as Request, { setHeader: (k: string, v: string) => { headers[k] = v; } } as unknown as Response, (e?: unknown) => { error = e; });
  return { error, headers };
}

describe('rate limit', () => {
  it('lets each client make its number of requests a minute, then 429 with Retry-After until the minute is over', () => {
    let t = 1_000_000;
    const limit = rateLimiter(3, 60_000, () => t);
    expect([1, 2, 3].map(() => call(limit, 'a').error)).toEqual([undefined, undefined, undefined]);
    expect(call(limit, 'b').error).toBeUndefined();
    t += 20_000;
    const refused = call(limit, 'a');
    expect(refused.error).toBeInstanceOf(HttpError);
    expect(refused.error).toMatchObject({ status: 429, headers: { 'Retry-After': '40' }, message: expect.stringMatching(/at most 3 a minute/) });
    expect(refused.headers).toEqual({ 'RateLimit-Policy': '"minute";q=3;w=60', RateLimit: '"minute";r=0;t=40' });
    t += 40_000;
    const next = call(limit, 'a');
    expect(next.error).toBeUndefined();
    expect(next.headers.RateLimit).toBe('"minute";r=2;t=60');
  });
});
