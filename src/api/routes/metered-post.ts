/**
 * What the metered POST endpoints (/v1/check, /v1/oprf/evaluate) share: a body size limit, and the
 * daily and monthly quota charged per item after validation and before any work, with 429 +
 * Retry-After (seconds until the day or the month resets) when it would be exceeded.
 */

import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { quotaLimitsOf } from '../auth/subscribers.ts';
import { ApiError } from '../errors/api-error.ts';
import { type QuotaRemaining, remainingNow } from '../quota/quota.ts';

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
export async function chargeQuota(
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
