/**
 * Who may use a list, as middleware of every per-list route (docs/API.md, "Lists"): the list named by
 * the path (`/v1/lists/{list}/…`; the `/v1/…` routes are the default list), a key with the route's
 * scope that the subscriber record entitles to that list (api/lists/entitlements.ts), and for posting
 * additions the list's `owner` right. The default list's downloads stay anonymous where the server
 * allows public downloads; every other list's never are: an advertiser's objection list is shared
 * with the call centres it names, not with their competitors. Sets the request's list.
 */
import type { MiddlewareHandler } from 'hono';
import { DEFAULT_LIST, isListName } from '../../core/lists/list-name.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { requireScope } from '../auth/authenticate.ts';
import type { Scope, SubscriberRecord } from '../auth/subscribers.ts';
import { ApiError } from '../errors/api-error.ts';
import { mayAdd, mayUse } from './entitlements.ts';

export function listAccess(
  services: AppServices,
  scope: Scope,
  options: {
    owner?: boolean;
    anyScope?: boolean;
    /** A key even for the default list where anonymous downloads are allowed (a partition is sold per key). */
    keyRequired?: boolean;
    /** false: not rate limited (a night's hundreds of immutable partition files). */
    rateLimited?: boolean;
    /** The handler checks the entitlement itself, once it has read which lists the body names (POST /v1/check). */
    entitlementInHandler?: boolean;
  } = {},
): MiddlewareHandler<AppEnv> {
  const publicDefault =
    scope === 'download' && services.config.publicDownloads && !options.owner && !options.keyRequired;
  const limits = { anyScope: options.anyScope, rateLimited: options.rateLimited };
  const anonymous = requireScope(services.auth, scope, { anonymous: true, ...limits });
  const keyed = requireScope(services.auth, scope, limits);
  return async (c, next) => {
    const name = c.req.param('list') ?? DEFAULT_LIST;
    if (!isListName(name)) {
      throw new ApiError('INVALID_PATH', {
        message: 'the path names no valid list (lower-case letters, digits, hyphens)',
      });
    }
    const open = name === DEFAULT_LIST && publicDefault;
    return (open ? anonymous : keyed)(c, async () => {
      const subscriber = c.get('subscriber');
      // A key never gets less than no key: where anonymous downloads are allowed, any valid key is too.
      if (subscriber && !open && !options.entitlementInHandler) assertMayUse(subscriber, name);
      if (options.owner && !(subscriber && mayAdd(subscriber, name))) {
        throw new ApiError('FORBIDDEN', { message: `only a key that owns list ${name} may add to it` });
      }
      c.set('list', services.lists.get(name));
      await next();
    });
  };
}

/** 403 FORBIDDEN unless the key may use `list`. */
export function assertMayUse(subscriber: SubscriberRecord, list: string): void {
  if (!mayUse(subscriber, list)) {
    throw new ApiError('FORBIDDEN', { message: `this API key may not use list ${list}` });
  }
}
