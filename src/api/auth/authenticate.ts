/**
 * API-key authentication and authorisation: `Authorization: Bearer ql_<id>_<secret>`. The record is
 * found by id; the SHA-256 of the presented key is compared with the stored hash in constant time.
 * Then the scope, then the per-subscriber rate limit. 401 for a missing, malformed, unknown, wrong
 * or revoked key (one message for all, so the response does not tell which); 403 for a missing
 * scope; 429 with Retry-After when rate limited. Failed authentications count per client address
 * (failed-attempts.ts): an address that keeps failing gets 429 before its unknown keys are looked up.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../errors/api-error.ts';
import type { RateLimiter } from '../quota/rate-limiter.ts';
import { type AddressResolver, type AuthFailureLimiter, clientAddress } from './failed-attempts.ts';
import { constantTimeEqual } from './sha256.ts';
import type { SubscriberDirectory } from './subscriber-directory.ts';
import { hashApiKey, parseApiKey, type Scope } from './subscribers.ts';

export interface AuthDependencies {
  directory: SubscriberDirectory;
  rateLimiter: RateLimiter;
  failures: AuthFailureLimiter;
  /** Node behind trusted proxies (`serve --trust-proxy`): the client address from X-Forwarded-For. */
  behindProxies?: AddressResolver;
}

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;
/** Compared against when the id is unknown, so both paths hash and compare. */
const NO_KEY_HASH = '0'.repeat(64);

function unauthorized(): ApiError {
  return new ApiError('UNAUTHORIZED', { headers: { 'WWW-Authenticate': 'Bearer realm="quietlist"' } });
}

function rateLimited(retryAfterSeconds: number): ApiError {
  return new ApiError('RATE_LIMITED', { headers: { 'Retry-After': String(retryAfterSeconds) } });
}

/**
 * Requires a key with `scope`; with `anonymous: true` a request without an Authorization header
 * passes as anonymous (public downloads), and so does a valid key of any scope (a key never gets
 * less than no key); a header that is present must still be valid. With `anyScope: true` a valid key
 * of any scope passes (endpoints every subscriber may use, such as receipt timestamps). With
 * `rateLimited: false` a valid key is not counted against its rate limit: a partition's immutable
 * files (routes/partitions.ts), which a subscriber of every area code fetches by the hundred each
 * night, and which public downloads never counted either.
 */
export function requireScope(
  deps: AuthDependencies,
  scope: Scope,
  options: { anonymous?: boolean; anyScope?: boolean; rateLimited?: boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const address = clientAddress(c, deps.behindProxies);
    const refuse = async (): Promise<never> => {
      const wait = await deps.failures.failed(address);
      throw wait > 0 ? rateLimited(wait) : unauthorized();
    };
    const header = c.req.header('authorization');
    if (header === undefined) {
      if (options.anonymous) return next();
      return refuse();
    }
    const key = BEARER.exec(header)?.[1];
    const claimed = key === undefined ? null : parseApiKey(key);
    if (key === undefined || claimed === null) return refuse();
    const blockedFor = deps.failures.blockedFor(address);
    // A blocked address costs no storage read: only keys already cached are checked.
    if (blockedFor > 0 && !deps.directory.cached(claimed.id)) throw rateLimited(blockedFor);
    const record = await deps.directory.get(claimed.id);
    const presented = await hashApiKey(key);
    const matches = constantTimeEqual(presented, record?.keyHash ?? NO_KEY_HASH);
    if (!record || !matches || record.revokedAt !== null) return refuse();
    c.get('audit').subscriber = record.id;
    if (!record.scopes.includes(scope) && !options.anyScope) {
      if (!options.anonymous) throw new ApiError('FORBIDDEN');
    }
    if (options.rateLimited !== false) {
      const decision = await deps.rateLimiter.limit(record.id);
      if (!decision.ok) throw rateLimited(decision.retryAfterSeconds);
    }
    c.set('subscriber', record);
    return next();
  };
}
