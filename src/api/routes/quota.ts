/**
 * GET /v1/quota: what the caller's API key may still use, today and this month, and when each count
 * starts again. A client reads it before a large scrub (the scrub page, `scrub --worker`) to say how
 * many rows can be checked today and when the rest can, instead of stopping half-way on a 429. Asking
 * charges nothing; any valid key may ask about itself (the per-subscriber rate limit applies).
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { requireScope } from '../auth/authenticate.ts';
import { quotaLimitsOf } from '../auth/subscribers.ts';
import { QuotaResponse } from '../openapi/quota-schemas.ts';
import { ANY_OPERATION_ERRORS, AUTH_ERRORS, errorResponses, HEADERS } from '../openapi/responses.ts';
import { remainingNow } from '../quota/quota.ts';
import { nextDayStartMs, nextMonthStartMs } from '../quota/rules.ts';

export function registerQuotaRoute(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/quota',
      operationId: 'getQuota',
      summary: "What is left of the caller's daily and monthly quota, and when each resets",
      description:
        'Counts of units (numbers of `POST /v1/check`, elements of `POST /v1/oprf/evaluate`) for the key in ' +
        '`Authorization`, as the metered endpoints charge them. Nothing is charged. Any valid key (any scope).',
      security: [{ bearer: [] }],
      middleware: [requireScope(services.auth, 'check', { anyScope: true })] as const,
      responses: {
        200: {
          description: "The key's quota",
          headers: { 'Cache-Control': HEADERS.noStore },
          content: { 'application/json': { schema: QuotaResponse } },
        },
        ...errorResponses(
          ANY_OPERATION_ERRORS,
          AUTH_ERRORS.filter((code) => code !== 'FORBIDDEN'), // any scope will do
          'STORAGE_UNAVAILABLE',
        ),
      },
    }),
    async (c) => {
      const subscriber = c.get('subscriber')!;
      const limits = quotaLimitsOf(subscriber);
      const at = services.now();
      const remaining = await services.quotas.remaining(subscriber.id, limits, at);
      c.header('Cache-Control', 'no-store');
      return c.json(
        {
          remaining: remainingNow(remaining),
          day: { limit: limits.daily, remaining: remaining.day, resetsAt: iso(nextDayStartMs(at)) },
          month:
            limits.monthly === null || remaining.month === null
              ? null
              : { limit: limits.monthly, remaining: remaining.month, resetsAt: iso(nextMonthStartMs(at)) },
          at: iso(at),
        },
        200,
      );
    },
  );
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
