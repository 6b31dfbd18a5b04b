/**
 * A list owner's live additions (docs/CLIENT.md, "Posting objections"): `POST /v1/lists/<list>/additions`
 * in batches of 1,000. An open or secret list takes the numbers (its server keys every reading, and
 * sees them, as its check does). An oprf list takes digests only: each reading is evaluated blinded
 * through the list's own key on the worker (the same path as `check --worker`), and the first 12 bytes
 * of each OPRF output are posted, so the host of the list never sees an objection's number. The list
 * must have been pulled (its verified manifest says its mode and OPRF public key).
 */
import { additionDigest } from '../../core/additions/addition-set.ts';
import { FormatError, QuietlistError } from '../../core/errors.ts';
import { listApiPrefix } from '../../core/lists/list-name.ts';
import { epochMembership, readingDigests } from '../../core/membership.ts';
import { REJECT_REASON_TEXT } from '../../core/phone/reject-reasons.ts';
import { openCachedEpoch } from '../cache/cached-epoch.ts';
import type { RetryHooks, RetryPolicy } from '../http/fetch-retry.ts';
import { describeBatch, postToWorker, workerEndpoint } from '../http/worker-post.ts';
import { workerFailure } from '../online/worker-failure.ts';
import { oprfHasherFor } from '../oprf/oprf-check.ts';

/** The API's limit per request (MAX_NUMBERS_PER_CHECK). */
const BATCH = 1_000;

export interface PostAdditionsOptions {
  url: string;
  apiKey: string;
  list: string;
  /** The list's own cache directory, pulled (client/additions/list-cache.ts). */
  cacheDirectory: string;
  /** Each entry stops listing its number this many seconds after the answer (a refusal: 60 days). */
  ttlSeconds?: number;
  retry?: RetryPolicy;
  hooks?: RetryHooks;
}

export interface PostedAdditions {
  list: string;
  epoch: string;
  /** Each number's addition number, in input order. */
  sequences: number[];
  /** The chain's newest number after the last batch. */
  through: number;
  publishedAt: string | null;
  /** What was sent: the numbers (open, secret) or only their readings' digests (oprf). */
  sent: 'numbers' | 'digests';
}

export async function postAdditions(
  numbers: readonly string[],
  options: PostAdditionsOptions,
): Promise<PostedAdditions> {
  if (numbers.length === 0) throw new QuietlistError('INVALID_ARGUMENT', 'give at least one number');
  const epoch = await openCachedEpoch(options.cacheDirectory);
  const { manifest } = epoch;
  if (!manifest.additions) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      `list ${options.list} takes no live additions (epoch ${manifest.epoch} announces no additions key): build it with --live`,
    );
  }
  const bodies =
    manifest.mode === 'oprf'
      ? await digestBodies(numbers, options, epoch.manifest)
      : chunk(numbers).map((batch) => ({ numbers: batch }));
  const endpoint = workerEndpoint(options.url, `${listApiPrefix(options.list)}/additions`);
  const posted: PostedAdditions = {
    list: options.list,
    epoch: manifest.epoch,
    sequences: [],
    through: 0,
    publishedAt: null,
    sent: manifest.mode === 'oprf' ? 'digests' : 'numbers',
  };
  for (const [b, body] of bodies.entries()) {
    const what = describeBatch(endpoint, b, bodies.length);
    const ttl = options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds };
    const result = await postToWorker(
      endpoint,
      options.apiKey,
      { ...body, ...ttl },
      what,
      options.retry,
      options.hooks,
    );
    if (result.status !== 200) throw workerFailure(result, what);
    const answer = parseAnswer(result.body, what);
    posted.epoch = answer.epoch;
    posted.sequences.push(...answer.sequences);
    posted.through = answer.through;
    posted.publishedAt = answer.publishedAt;
  }
  return posted;
}

/** Every reading's digest head, from blinded evaluations; a value that is not a number stops it, by position. */
async function digestBodies(
  numbers: readonly string[],
  options: PostAdditionsOptions,
  manifest: Parameters<typeof epochMembership>[0],
): Promise<{ digests: string[][] }[]> {
  const hasher = await oprfHasherFor(numbers, {
    manifest,
    cacheDirectory: options.cacheDirectory,
    url: options.url,
    apiKey: options.apiKey,
    list: options.list,
  });
  const membership = epochMembership(manifest, { oprfOutputs: hasher });
  const digests = numbers.map((raw, i) => {
    const key = readingDigests(membership, raw);
    if (typeof key === 'string') {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `number ${i + 1} is not a phone number: ${REJECT_REASON_TEXT[key]}`,
      );
    }
    return [...new Set(key.map(additionDigest))];
  });
  return chunk(digests).map((batch) => ({ digests: batch }));
}

function chunk<T>(values: readonly T[]): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < values.length; i += BATCH) batches.push(values.slice(i, i + BATCH));
  return batches;
}

function parseAnswer(
  body: Uint8Array,
  what: string,
): { epoch: string; sequences: number[]; through: number; publishedAt: string | null } {
  try {
    const answer = JSON.parse(new TextDecoder().decode(body)) as Record<string, unknown>;
    if (
      typeof answer.epoch === 'string' &&
      Array.isArray(answer.sequences) &&
      answer.sequences.every((n) => Number.isSafeInteger(n)) &&
      Number.isSafeInteger(answer.through) &&
      (answer.publishedAt === null || typeof answer.publishedAt === 'string')
    ) {
      return answer as never;
    }
  } catch {}
  throw new FormatError(`${what}: the answer is not an additions receipt`);
}
