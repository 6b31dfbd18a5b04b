/**
 * `check --online`: numbers sent to the worker's POST /v1/check in batches of at most 1,000 (its
 * limit), one batch at a time, each retried on 429 and 5xx as fetch-retry.ts does. For epochs whose
 * hash key is secret, or when no filter is pulled. The numbers leave the machine: only this mode.
 * With `lists`, the worker answers each number against each list in one request (docs/API.md, "One
 * check, several lists"): listed when any list lists it, naming which.
 */
import { z } from 'zod';
import type { AdditionsStatus } from '../../core/additions/additions-chain.ts';
import { FormatError, QuietlistError } from '../../core/errors.ts';
import type { CheckResult } from '../../core/membership.ts';
import type { ScopeQuery } from '../../core/scopes/scope-labels.ts';
import type { RetryHooks, RetryPolicy } from '../http/fetch-retry.ts';
import { describeBatch, postToWorker, workerEndpoint } from '../http/worker-post.ts';
import { workerFailure } from './worker-failure.ts';

export const MAX_CHECK_BATCH = 1000;
/** The worker's limit on lists per check (POST /v1/check `lists`). */
export const MAX_ONLINE_LISTS = 8;

export interface OnlineCheckOptions {
  /** The worker's base URL. */
  url: string;
  apiKey: string;
  /** Scoped epochs: the channel and sector asked about (the worker's default: any of either). */
  scope?: ScopeQuery;
  /** Lists to check every number against in one request (1 to 8 the key may use); absent: the default list. */
  lists?: readonly string[];
  batchSize?: number;
  retry?: RetryPolicy;
  hooks?: RetryHooks;
  onBatch?: (done: number, total: number) => void;
}

export interface OnlineCheckReport {
  /** The epoch of each batch's answer (normally one). */
  epochs: string[];
  falsePositiveRate: number | undefined;
  /** With `lists`: a listed result names the lists that hold the number. */
  results: (CheckResult & { lists?: string[] })[];
  /** Scoped epochs: the channel and sector the worker answered for (null: any). */
  scope?: ScopeQuery;
  /** With `lists`: each list as the last batch's answer gave it (its epoch, live additions, scope). */
  lists?: OnlineListAnswer[];
}

export interface OnlineListAnswer {
  list: string;
  epoch: string;
  falsePositiveRate: number | undefined;
  additions: AdditionsStatus | null;
  scope?: ScopeQuery;
}

const additionsSchema = z.object({
  through: z.number(),
  publishedAt: z.string().nullable(),
  batchSha256: z.string().nullable(),
  entries: z.number(),
});
const scopeSchema = z.object({ channel: z.string().nullable(), sector: z.string().nullable() });
const resultSchema = z.union([
  z.object({ status: z.enum(['listed', 'not_listed']), lists: z.array(z.string()).optional() }),
  z.object({ status: z.literal('invalid'), reason: z.string(), message: z.string().optional() }),
]);

const responseSchema = z.object({
  epoch: z.string(),
  falsePositiveRate: z.number().optional(),
  scope: scopeSchema.optional(),
  results: z.array(resultSchema),
  lists: z
    .array(
      z.object({
        list: z.string(),
        epoch: z.string(),
        falsePositiveRate: z.number().optional(),
        additions: additionsSchema.nullable().optional(),
        scope: scopeSchema.optional(),
        results: z.array(resultSchema),
      }),
    )
    .optional(),
});

export async function checkOnline(
  numbers: readonly string[],
  options: OnlineCheckOptions,
): Promise<OnlineCheckReport> {
  const size = options.batchSize ?? MAX_CHECK_BATCH;
  if (!(size >= 1 && size <= MAX_CHECK_BATCH)) {
    throw new QuietlistError('INVALID_ARGUMENT', `batch size must be from 1 to ${MAX_CHECK_BATCH}`);
  }
  const lists = options.lists;
  if (lists !== undefined && !(lists.length >= 1 && lists.length <= MAX_ONLINE_LISTS)) {
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `the worker checks 1 to ${MAX_ONLINE_LISTS} lists at once (${lists.length} given)`,
    );
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
      {
        numbers: batch,
        ...(options.scope ? { scope: scopeBody(options.scope) } : {}),
        ...(lists ? { lists } : {}),
      },
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
    if (lists) report.lists = listAnswers(answer, lists, what);
    for (const result of answer.results) {
      report.results.push(
        result.status === 'invalid'
          ? ({ ...result, message: result.message ?? result.reason } as CheckResult)
          : {
              status: result.status,
              ...(result.status === 'listed' && result.lists ? { lists: result.lists } : {}),
            },
      );
    }
    options.onBatch?.(b + 1, batches);
  }
  return report;
}

/** Each list asked about, as the answer gives it: all of them, in the order asked, or the answer is refused. */
function listAnswers(
  answer: z.infer<typeof responseSchema>,
  asked: readonly string[],
  what: string,
): OnlineListAnswer[] {
  const given = answer.lists ?? [];
  if (given.length !== asked.length || given.some((each, i) => each.list !== asked[i])) {
    throw new FormatError(`${what}: the answer does not give each list asked (${asked.join(', ')})`);
  }
  return given.map((each) => ({
    list: each.list,
    epoch: each.epoch,
    falsePositiveRate: each.falsePositiveRate,
    additions: each.additions ? { list: each.list, epoch: each.epoch, ...each.additions } : null,
    ...(each.scope ? { scope: each.scope } : {}),
  }));
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
