/**
 * GET /v1/quota: what the API key may still have evaluated today and this month, and when each count
 * starts again (docs/API.md). Read before a large oprf-mode scrub, so the scrub can say how much of
 * the file can be checked today instead of stopping half-way on a 429. Asking charges nothing.
 */
import { z } from 'zod';
import { parseStrictJson } from '../../core/encoding/strict-json.ts';
import { FormatError } from '../../core/errors.ts';
import { requestWithRetry } from '../http/fetch-retry.ts';
import { httpFailure } from '../http/http-failure.ts';
import { workerEndpoint } from '../http/worker-post.ts';

const period = z.object({
  limit: z.number().int().min(0),
  remaining: z.number().int().min(0),
  resetsAt: z.iso.datetime(),
});

const quotaSchema = z.object({
  remaining: z.number().int().min(0),
  day: period,
  month: period.nullable(),
  at: z.iso.datetime(),
});

export type WorkerQuota = z.infer<typeof quotaSchema>;

export async function fetchWorkerQuota(url: string, apiKey: string): Promise<WorkerQuota> {
  const endpoint = workerEndpoint(url, '/v1/quota');
  const what = 'GET /v1/quota';
  const result = await requestWithRetry(
    endpoint,
    { headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' } },
    what,
  );
  if (result.status !== 200) throw httpFailure(result, what);
  const parsed = quotaSchema.safeParse(parseStrictJson(result.body, 'quota answer'));
  if (!parsed.success) throw new FormatError(`${what}: the answer is not a quota`);
  return parsed.data;
}

/**
 * When the quota that binds (the smaller remainder) starts again: the month's end when the month is
 * what is short, else the day's.
 */
export function quotaResetsAt(quota: WorkerQuota): string {
  return quota.month !== null && quota.month.remaining < quota.day.remaining
    ? quota.month.resetsAt
    : quota.day.resetsAt;
}
