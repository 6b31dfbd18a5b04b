/**
 * The client half of an oprf-mode check: blind numbers in batches (at most 1,000, the worker's limit),
 * send several batches to POST /v1/oprf/evaluate at once, verify each batch's DLEQ proof against the
 * OPRF public key of the signed manifest, and unblind. The worker sees only random group elements.
 * In a partitioned epoch (docs/FORMAT.md §1.4) each batch holds one partition's keys, blinded for the
 * POPRF with the partition as public input and sent with it: the worker sees the partition (the area
 * code) of each number and nothing else of it, and refuses partitions the key is not entitled to.
 * Blinding and finalising run where `crypto` says: this thread by default, every core with an
 * OprfThreadPool (oprf-threads.ts, Node); this module only does the requests.
 */
import { FormatError, QuietlistError } from '../../core/errors.ts';
import { DEFAULT_LIST, listApiPrefix } from '../../core/lists/list-name.ts';
import type { OprfBackend } from '../../oprf/types.ts';
import { decodeElements, decodeProof, encodeElements } from '../../oprf/wire.ts';
import type { RetryHooks, RetryPolicy } from '../http/fetch-retry.ts';
import { describeBatch, postToWorker, workerEndpoint } from '../http/worker-post.ts';
import { workerFailure } from '../online/worker-failure.ts';
import { inProcessCrypto, type OprfClientCrypto } from './client-crypto.ts';

export const MAX_OPRF_BATCH = 1000;

export interface OprfEvaluatorOptions {
  /** The worker's base URL. */
  url: string;
  apiKey: string;
  backend: OprfBackend;
  /** Where blinding and finalising run (default: this thread, with `backend`); the caller closes it. */
  crypto?: OprfClientCrypto;
  /** The manifest's `hash.publicKey`: proofs made with any other key are refused. */
  publicKey: Uint8Array;
  /** The epoch whose key must answer: a worker already on another key is refused, never mixed in. */
  epoch: string;
  /**
   * The manifest's `hash.keyId`, sent with each batch: during an OPRF key rotation the worker evaluates
   * under this key even once it serves a newer epoch, so a scrub straddling the switch finishes.
   */
  keyId?: string;
  /** The list whose key evaluates (default `default`): POST /v1/lists/<list>/oprf/evaluate. */
  list?: string;
  batchSize?: number;
  /**
   * Batches in flight at once (the worker evaluates while this side blinds and unblinds); default 4,
   * and at least two per thread of `crypto`.
   */
  concurrency?: number;
  /**
   * Partitioned epochs (POPRF): the partition of each key, its batch's public input. Every key passed
   * must have one (the caller evaluates only keys whose partition the epoch lists and it may check).
   */
  partitionOf?: (key: string) => string | null;
  retry?: RetryPolicy;
  hooks?: RetryHooks;
}

/** Evaluates numbers; `onBatch` sees each verified batch as soon as it is done (to journal it). */
export type OprfEvaluator = (
  e164s: readonly string[],
  onBatch?: (e164s: readonly string[], outputs: Uint8Array[]) => void,
) => Promise<Uint8Array[]>;

export function createOprfEvaluator(options: OprfEvaluatorOptions): OprfEvaluator {
  const size = options.batchSize ?? MAX_OPRF_BATCH;
  if (!(size >= 1 && size <= MAX_OPRF_BATCH)) {
    throw new QuietlistError('INVALID_ARGUMENT', `batch size must be from 1 to ${MAX_OPRF_BATCH}`);
  }
  const endpoint = workerEndpoint(
    options.url,
    `${listApiPrefix(options.list ?? DEFAULT_LIST)}/oprf/evaluate`,
  );
  const crypto = options.crypto ?? inProcessCrypto(options.backend, options.publicKey);
  const concurrency = Math.max(options.concurrency ?? 4, 2 * crypto.parallelism);

  async function evaluateBatch(
    batch: readonly string[],
    what: string,
    partition: string | undefined,
  ): Promise<Uint8Array[]> {
    const info = partition === undefined ? undefined : utf8.encode(partition);
    const { ticket, blindedElements } = await crypto.blind(batch, info);
    let evaluation: { evaluatedElements: Uint8Array[]; proof: Uint8Array };
    try {
      evaluation = await requestEvaluation(batch.length, blindedElements, what, partition);
    } catch (error) {
      crypto.release(ticket);
      throw error;
    }
    // Throws SIGNATURE_INVALID unless the worker proved it used the manifest's key for every element.
    return crypto.finalize(ticket, evaluation);
  }

  async function requestEvaluation(
    count: number,
    blindedElements: Uint8Array[],
    what: string,
    partition: string | undefined,
  ) {
    const body = {
      elements: encodeElements(blindedElements),
      ...(options.keyId ? { keyId: options.keyId } : {}),
      ...(partition === undefined ? {} : { partition }),
    };
    const result = await postToWorker(endpoint, options.apiKey, body, what, options.retry, options.hooks);
    if (result.status !== 200) throw workerFailure(result, what);
    let answer: { epoch?: unknown; keyId?: unknown; evaluatedElements?: unknown; proof?: unknown };
    try {
      answer = JSON.parse(new TextDecoder().decode(result.body));
    } catch {
      throw new FormatError(`${what}: the answer is not JSON`);
    }
    // The key that evaluated must be ours (the proof below checks it too); a worker without key ids, the epoch.
    const sameKey =
      options.keyId !== undefined && answer.keyId !== undefined
        ? answer.keyId === options.keyId
        : answer.epoch === options.epoch;
    if (!sameKey) {
      throw new QuietlistError(
        'CONFLICT',
        `${what}: the worker answered for another epoch; pull the latest filter and retry`,
      );
    }
    if (!Array.isArray(answer.evaluatedElements) || answer.evaluatedElements.length !== count) {
      throw new FormatError(`${what}: expected ${count} evaluated elements`);
    }
    return {
      evaluatedElements: decodeElements(answer.evaluatedElements, 'evaluated element'),
      proof: decodeProof(answer.proof),
    };
  }

  return async (e164s, onBatch) => {
    const outputs: Uint8Array[] = new Array(e164s.length);
    const batches = batchesOf(e164s, size, options.partitionOf);
    let next = 0;
    const run = async () => {
      for (let b = next++; b < batches.length; b = next++) {
        const what = describeBatch(endpoint, b, batches.length);
        const { positions, partition } = batches[b]!;
        const batch = positions.map((position) => e164s[position]!);
        const batchOutputs = await evaluateBatch(batch, what, partition);
        onBatch?.(batch, batchOutputs);
        batchOutputs.forEach((output, i) => {
          outputs[positions[i]!] = output;
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, run));
    return outputs;
  };
}

const utf8 = new TextEncoder();

/** Batches of at most `size` keys; in a partitioned epoch, each of one partition (its public input). */
function batchesOf(
  keys: readonly string[],
  size: number,
  partitionOf: ((key: string) => string | null) | undefined,
): { positions: number[]; partition?: string }[] {
  const groups = new Map<string | undefined, number[]>();
  keys.forEach((key, position) => {
    let partition: string | undefined;
    if (partitionOf) {
      const id = partitionOf(key);
      if (id === null)
        throw new QuietlistError('INVALID_ARGUMENT', 'a key without a partition was sent for evaluation');
      partition = id;
    }
    const group = groups.get(partition);
    if (group) group.push(position);
    else groups.set(partition, [position]);
  });
  const batches: { positions: number[]; partition?: string }[] = [];
  for (const [partition, positions] of groups) {
    for (let start = 0; start < positions.length; start += size) {
      const slice = positions.slice(start, start + size);
      batches.push(partition === undefined ? { positions: slice } : { positions: slice, partition });
    }
  }
  return batches;
}
