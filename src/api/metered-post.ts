/**
 * What the metered POST endpoints (/v1/check, /v1/oprf/evaluate) share: a body size limit, and the
 * daily quota charged per item before any work, with 429 + Retry-After when it is spent.
 */
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './api-error.ts';
import type { AppServices } from './app-services.ts';
import type { SubscriberRecord } from './subscribers.ts';

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

/** Charges `count` items ("numbers", "evaluations") to the subscriber; returns what is left today. */
export async function chargeQuota(
  services: AppServices,
  subscriber: SubscriberRecord,
  count: number,
  items: string,
): Promise<number> {
  const quota = await services.quotas.consume(subscriber.id, count, subscriber.dailyQuota);
  if (!quota.ok) {
    throw new ApiError('QUOTA_EXCEEDED', {
      message: `daily quota exhausted: ${quota.remaining} ${items} left today, ${count} asked; it resets at 00:00 UTC`,
      headers: {
        'Retry-After': String(quota.retryAfterSeconds),
        'X-Quota-Remaining': String(quota.remaining),
      },
    });
  }
  return quota.remaining;
}
