/**
 * The one shape of a metered POST endpoint (/v1/check, /v1/oprf/evaluate, each also at
 * /v1/lists/{list}/…): a `check`-scoped API key entitled to the list (api/lists/list-access.ts), a
 * JSON body under a size limit and validated by its schema, one epoch for the whole request, then the
 * daily and monthly quota charged per item after validation and before any work, with 429 +
 * Retry-After (seconds until the day or the month resets) when it would be exceeded, and an answer
 * that is never cached. A route supplies only what differs: its schemas, what one item is, and the
 * checks and work of its own (`prepare`). /openapi.json describes every such route alike.
 */

import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiErrorCode } from '../../core/api-errors.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { quotaLimitsOf } from '../auth/subscribers.ts';
import type { LoadedEpoch } from '../epochs/epoch-cache.ts';
import { ApiError } from '../errors/api-error.ts';
import type { AuditContext } from '../http/audit.ts';
import { assertMayUse, listAccess } from '../lists/list-access.ts';
import type { ListContext } from '../lists/list-registry.ts';
import { LIST_ROUTES, listParams } from '../lists/list-routes.ts';
import { jsonBodyDoc } from '../openapi/json-body.ts';
import {
  ANY_OPERATION_ERRORS,
  AUTH_ERRORS,
  EPOCH_ERRORS,
  errorResponses,
  HEADERS,
  JSON_BODY_ERRORS,
  QUOTA_HEADERS,
} from '../openapi/responses.ts';
import { type QuotaRemaining, remainingNow } from '../quota/quota.ts';

export interface MeteredPost<Request extends z.ZodType, Response extends z.ZodType> {
  path: `/v1/${string}`;
  operationId: string;
  summary: string;
  description: string;
  request: Request;
  response: Response;
  responseDescription: string;
  /** What one charged item is called in quota messages ("numbers", "evaluations"). */
  items: string;
  /** Codes about the body itself, beyond the schema's INVALID_REQUEST (too many numbers, a bad element). */
  requestErrors: ApiErrorCode[];
  /** Codes about the request against the epoch, besides UNSUPPORTED_MODE (a mode the route does not serve). */
  epochErrors: ApiErrorCode[];
  /** How many items the request asks for: its charge, and the audit line's count. */
  count(body: z.infer<Request>): number;
  /** The lists the body names instead of the path's (POST /v1/check `lists`); the key must be entitled to each. */
  lists?(body: z.infer<Request>): string[] | undefined;
  /**
   * Checks the request against the epoch, throwing an ApiError when it does not fit (nothing is charged
   * then), and returns the work, which runs only once the whole count is charged. The work may add
   * what it measured to the request's audit line (counts only: /v1/check's shard bytes read).
   */
  prepare(
    body: z.infer<Request>,
    epoch: LoadedEpoch,
    list: ListContext,
    context: Context<AppEnv>,
    audit: AuditContext,
  ): Promise<() => Promise<z.infer<Response>>>;
}

/** Registers `route` with every part the metered endpoints share (see the top of this file). */
export function registerMeteredPost<Request extends z.ZodType, Response extends z.ZodType>(
  app: OpenAPIHono<AppEnv>,
  services: AppServices,
  route: MeteredPost<Request, Response>,
): void {
  for (const place of LIST_ROUTES) registerIn(app, services, route, place);
}

function registerIn<Request extends z.ZodType, Response extends z.ZodType>(
  app: OpenAPIHono<AppEnv>,
  services: AppServices,
  route: MeteredPost<Request, Response>,
  place: (typeof LIST_ROUTES)[number],
): void {
  const definition = createRoute({
    method: 'post',
    path: route.path.replace(/^\/v1/, place.prefix),
    operationId: place.operation(route.operationId),
    summary: route.summary,
    description: route.description,
    security: [{ bearer: [] }],
    middleware: [
      listAccess(services, 'check', { entitlementInHandler: true }),
      jsonBodyLimit(services),
    ] as const,
    request: {
      ...(place.list ? { params: listParams(true) } : {}),
      body: jsonBodyDoc(route.request, services.config.maxBodyBytes),
    },
    responses: {
      200: {
        description: route.responseDescription,
        headers: { 'Cache-Control': HEADERS.noStore, ...QUOTA_HEADERS },
        content: { 'application/json': { schema: route.response } },
      },
      ...errorResponses(
        ANY_OPERATION_ERRORS,
        AUTH_ERRORS,
        JSON_BODY_ERRORS,
        route.requestErrors,
        EPOCH_ERRORS,
        'UNSUPPORTED_MODE',
        route.epochErrors,
        'QUOTA_EXCEEDED',
      ),
    },
  });
  const handler = async (c: Context<AppEnv>) => {
    const body = (c.req.valid as (target: 'json') => z.infer<Request>)('json');
    const count = route.count(body);
    const audit = c.get('audit');
    audit.numbers = count;
    const named = route.lists?.(body);
    for (const name of named ?? [c.get('list')!.name]) assertMayUse(c.get('subscriber')!, name);
    // The body's first list, when it names lists (the path's list may then have no epoch at all).
    const list = named ? services.lists.get(named[0]!) : c.get('list')!;
    const epoch = await list.epochs.current();
    audit.epoch = epoch.manifest.epoch;
    const work = await route.prepare(body, epoch, list, c, audit);
    await chargeQuota(c, services, count, route.items);
    const result = await work();
    c.header('Cache-Control', 'no-store');
    return c.json(result as object, 200);
  };
  // The route's types are generic here; the schemas above are what validates and documents it.
  app.openapi(definition, handler as never);
}

export function jsonBodyLimit(services: AppServices) {
  return bodyLimit({
    maxSize: services.config.maxBodyBytes,
    onError: () => {
      throw new ApiError('PAYLOAD_TOO_LARGE', {
        message: `the request body is larger than ${services.config.maxBodyBytes} bytes`,
      });
    },
  });
}

/** Headers that tell a client where its quota stands (success and 429 alike). */
function quotaHeaders(remaining: QuotaRemaining): Record<string, string> {
  return {
    'X-Quota-Remaining': String(remainingNow(remaining)),
    'X-Quota-Remaining-Day': String(remaining.day),
    ...(remaining.month === null ? {} : { 'X-Quota-Remaining-Month': String(remaining.month) }),
  };
}

/**
 * Charges `count` items ("numbers", "evaluations") to the request's subscriber, all or nothing. Call it
 * once the request is known valid and before doing the work: invalid requests are never charged.
 * Sets the quota headers, adds any quota alert to the audit line, and returns what may still be asked.
 */
async function chargeQuota(
  c: Context<AppEnv>,
  services: AppServices,
  count: number,
  items: string,
): Promise<number> {
  const subscriber = c.get('subscriber')!;
  const decision = await services.quotas.reserve({
    subscriberId: subscriber.id,
    amount: count,
    limits: quotaLimitsOf(subscriber),
    at: services.now(),
  });
  c.get('audit').quotaAlerts.push(...decision.alerts);
  const headers = quotaHeaders(decision.remaining);
  if (!decision.ok) {
    const left = remainingNow(decision.remaining);
    const resets = decision.period === 'day' ? 'at 00:00 UTC' : 'on the 1st of next month (UTC)';
    throw new ApiError('QUOTA_EXCEEDED', {
      message: `${decision.period === 'day' ? 'daily' : 'monthly'} quota exhausted: ${left} ${items} left, ${count} asked; it resets ${resets}`,
      headers: { 'Retry-After': String(decision.retryAfterSeconds), ...headers },
    });
  }
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return remainingNow(decision.remaining);
}
