/**
 * API-key authentication and authorisation: `Authorization: Bearer ql_<id>_<secret>`. The record is
 * found by id; the SHA-256 of the presented key is compared with the stored hash in constant time.
 * Then the scope, then the per-subscriber rate limit. 401 for a missing, malformed, unknown, wrong
 * or revoked key (one message for all, so the response does not tell which); 403 for a missing
 * scope; 429 with Retry-After when rate limited.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './api-error.ts';
import type { AppEnv } from './app-env.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { constantTimeEqual } from './sha256.ts';
import type { SubscriberDirectory } from './subscriber-directory.ts';
import { hashApiKey, parseApiKey, type Scope } from './subscribers.ts';

export interface AuthDependencies {
  directory: SubscriberDirectory;
  rateLimiter: RateLimiter;
}

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;
/** Compared against when the id is unknown, so both paths hash and compare. */
const NO_KEY_HASH = '0'.repeat(64);

function unauthorized(): ApiError {
  return new ApiError('UNAUTHORIZED', { headers: { 'WWW-Authenticate': 'Bearer realm="quietlist"' } });
}

/**
 * Requires a key with `scope`; with `anonymous: true` a request without an Authorization header
 * passes as anonymous (public downloads), but a header that is present must still be valid.
 */
export function requireScope(
  deps: AuthDependencies,
  scope: Scope,
  options: { anonymous?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined) {
      if (options.anonymous) return next();
      throw unauthorized();
    }
    const key = BEARER.exec(header)?.[1];
    const claimed = key === undefined ? null : parseApiKey(key);
    if (key === undefined || claimed === null) throw unauthorized();
    const record = await deps.directory.get(claimed.id);
    const presented = await hashApiKey(key);
    const matches = constantTimeEqual(presented, record?.keyHash ?? NO_KEY_HASH);
    if (!record || !matches || record.revokedAt !== null) throw unauthorized();
    c.get('audit').subscriber = record.id;
    if (!record.scopes.includes(scope)) throw new ApiError('FORBIDDEN');
    const decision = await deps.rateLimiter.limit(record.id);
    if (!decision.ok) {
      throw new ApiError('RATE_LIMITED', { headers: { 'Retry-After': String(decision.retryAfterSeconds) } });
    }
    c.set('subscriber', record);
    return next();
  };
}
