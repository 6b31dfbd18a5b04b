/**
 * `check --online`: numbers sent to the worker's POST /v1/check in batches of at most 1,000 (its
 * limit), one batch at a time, each retried on 429 and 5xx as fetch-retry.ts does. For epochs whose
 * hash key is secret, or when no filter is pulled. The numbers leave the machine: only this mode.
 */
import { z } from 'zod';
import { FormatError, QuietlistError } from '../../core/errors.ts';
import type { CheckResult } from '../../core/membership.ts';
import type { ScopeQuery } from '../../core/scopes/scope-labels.ts';
import type { RetryHooks, RetryPolicy } from '../http/fetch-retry.ts';
import { describeBatch, postToWorker, workerEndpoint } from '../http/worker-post.ts';
import { workerFailure } from './worker-failure.ts';

export const MAX_CHECK_BATCH = 1000;

export interface OnlineCheckOptions {
  /** The worker's base URL. */
  url: string;
  apiKey: string;
  /** Scoped epochs: the channel and sector asked about (the worker's default: any of either). */
  scope?: ScopeQuery;
  batchSize?: number;
  retry?: RetryPolicy;
  hooks?: RetryHooks;
  onBatch?: (done: number, total: number) => void;
}

export interface OnlineCheckReport {
  /** The epoch of each batch's answer (normally one). */
  epochs: string[];
  falsePositiveRate: number | undefined;
  results: CheckResult[];
  /** Scoped epochs: the channel and sector the worker answered for (null: any). */
  scope?: ScopeQuery;
}

const responseSchema = z.object({
  epoch: z.string(),
  falsePositiveRate: z.number().optional(),
  scope: z.object({ channel: z.string().nullable(), sector: z.string().nullable() }).optional(),
  results: z.array(
    z.union([
      z.object({ status: z.enum(['listed', 'not_listed']) }),
      z.object({ status: z.literal('invalid'), reason: z.string(), message: z.string().optional() }),
    ]),
  ),
});

export async function checkOnline(
  numbers: readonly string[],
  options: OnlineCheckOptions,
): Promise<OnlineCheckReport> {
  const size = options.batchSize ?? MAX_CHECK_BATCH;
  if (!(size >= 1 && size <= MAX_CHECK_BATCH)) {
    throw new QuietlistError('INVALID_ARGUMENT', `batch size must be from 1 to ${MAX_CHECK_BATCH}`);
  }
  const endpoint = workerEndpoint(options.url, '/v1/check');
  const batches = Math.ceil(numbers.length / size);
  const report: OnlineCheckReport = { epochs: [], falsePositiveRate: undefined, results: [] };
  for (let b = 0; b < batches; b++) {
    const batch = numbers.slice(b * size, (b + 1) * size);
    const what = describeBatch(endpoint, b, batches);
    const result = await postToWorker(
      endpoint,
      options.apiKey,
      { numbers: batch, ...(options.scope ? { scope: scopeBody(options.scope) } : {}) },
      what,
      options.retry,
      options.hooks,
    );
    if (result.status !== 200) throw workerFailure(result, what);
    const answer = parseAnswer(result.body, what);
    if (answer.results.length !== batch.length) {
      throw new FormatError(`${what}: ${answer.results.length} results for ${batch.length} numbers`);
    }
    if (!report.epochs.includes(answer.epoch)) report.epochs.push(answer.epoch);
    report.falsePositiveRate = answer.falsePositiveRate ?? report.falsePositiveRate;
    if (answer.scope) report.scope = answer.scope;
    for (const result of answer.results) {
      report.results.push(
        result.status === 'invalid'
          ? ({ ...result, message: result.message ?? result.reason } as CheckResult)
          : { status: result.status },
      );
    }
    options.onBatch?.(b + 1, batches);
  }
  return report;
}

/** The API's `scope`: the codes asked for, "any" left out. */
function scopeBody(scope: ScopeQuery): { channel?: string; sector?: string } {
  return {
    ...(scope.channel === null ? {} : { channel: scope.channel }),
    ...(scope.sector === null ? {} : { sector: scope.sector }),
  };
}

function parseAnswer(body: Uint8Array, what: string): z.infer<typeof responseSchema> {
  try {
    return responseSchema.parse(JSON.parse(new TextDecoder().decode(body)));
  } catch {
    throw new FormatError(`${what}: the answer is not a check response`);
  }
}
