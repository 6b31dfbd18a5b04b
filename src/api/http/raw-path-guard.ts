/**
 * Dot segments in the raw request path answer 400 INVALID_PATH. A URL parser resolves
 * `/v1/epochs/%2e%2e/manifest` to `/v1/manifest` before the router sees it (WHATWG URL treats `%2e`
 * as a dot), so a traversal would quietly reach another resource. On Node the raw request line is
 * available (@hono/node-server passes the IncomingMessage) and is checked here; on Workers,
 * Cloudflare normalises the URL before the worker runs, so only the resolved path exists there.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors/api-error.ts';

/** A path segment that is ".", "..", or either with dots percent-encoded; or an encoded "/" or "\". */
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)|%2f|%5c/i;

export function rawPathGuard(): MiddlewareHandler {
  return async (c, next) => {
    const raw = (c.env as { incoming?: { url?: string } } | undefined)?.incoming?.url;
    if (typeof raw === 'string') {
      const path = raw.split('?')[0] ?? '';
      if (DOT_SEGMENT.test(path)) throw new ApiError('INVALID_PATH');
    }
    await next();
  };
}
