/**
 * `check` for oprf-mode epochs: the numbers are normalised as the builder does, the ones not in the
 * evaluation journal are evaluated blinded by the worker, and the resulting hasher looks the outputs
 * up like any other mode's keyed hash.
 */

import { availableParallelism } from 'node:os';
import type { KeyedHasher } from '../../core/digest/keyed-hash.ts';
import { fromBase64 } from '../../core/encoding/base64.ts';
import type { Manifest } from '../../core/epoch/manifest.ts';
import { QuietlistError } from '../../core/errors.ts';
import { epochMembership, keysToDigest, type MembershipOptions } from '../../core/membership.ts';
import { partitionOf } from '../../core/partitions/partition-rule.ts';
import { readPhone } from '../../core/phone/normalize.ts';
import { createOprfBackend } from '../../oprf/backend.ts';
import type { OprfBackend } from '../../oprf/types.ts';
import { EvaluationJournal } from './evaluation-journal.ts';
import { journalHasher, resolveOprfOutputs } from './oprf-digests.ts';
import { createOprfEvaluator, MAX_OPRF_BATCH } from './oprf-evaluator.ts';
import { OprfThreadPool } from './oprf-threads.ts';

export interface OprfCheckOptions {
  manifest: Manifest;
  /** The scope checked and the partitions held: only keys of partitions held are evaluated. */
  membershipOptions?: MembershipOptions;
  cacheDirectory: string;
  url: string | undefined;
  apiKey: string | undefined;
  backend?: OprfBackend;
  /** The list of the epoch (its own OPRF key on the worker); default `default`. */
  list?: string;
}

export async function oprfHasherFor(
  numbers: readonly string[],
  options: OprfCheckOptions,
): Promise<KeyedHasher> {
  const { manifest } = options;
  if (!options.url || !options.apiKey || !manifest.hash.publicKey) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      `epoch ${manifest.epoch} is in oprf mode: each number needs one blinded evaluation by the worker (--worker URL and an API key)`,
    );
  }
  const backend = options.backend ?? (await createOprfBackend({ prefer: 'fast' }));
  const rule = manifest.register?.partition;
  const journal = EvaluationJournal.open(options.cacheDirectory, manifest.hash.keyId, { poprf: !!rule });
  // Every reading of an ambiguous value is one evaluation: it is listed if any reading is. A reading
  // of a partition the epoch does not list, or the cache does not hold, needs none (nothing to look up).
  const membership = epochMembership(
    manifest,
    { oprfOutputs: journalHasher(journal) },
    undefined,
    options.membershipOptions,
  );
  const keys = keysToDigest(
    membership,
    numbers.flatMap((raw) => {
      const read = readPhone(raw, membership.plan);
      return read.ok ? read.readings.map((reading) => reading.key) : [];
    }),
  );
  const publicKey = fromBase64(manifest.hash.publicKey, 'manifest OPRF public key');
  // More than a batch: blind and unblind on every core (starting threads costs more than one batch).
  const crypto =
    keys.length > MAX_OPRF_BATCH
      ? new OprfThreadPool({ threads: availableParallelism(), backend: backend.name, publicKey })
      : undefined;
  try {
    await resolveOprfOutputs(
      keys,
      journal,
      createOprfEvaluator({
        url: options.url,
        apiKey: options.apiKey,
        backend,
        ...(crypto === undefined ? {} : { crypto }),
        publicKey,
        epoch: manifest.epoch,
        keyId: manifest.hash.keyId,
        ...(options.list ? { list: options.list } : {}),
        ...(rule ? { partitionOf: (key: string) => partitionOf(key, rule) } : {}),
      }),
    );
  } finally {
    journal.close();
    await crypto?.close();
  }
  return journalHasher(journal);
}

/**
 * The operator's own check: it holds the OPRF key and evaluates directly (a partitioned epoch: the
 * POPRF under each key's partition).
 */
export function operatorOprfHasher(
  backend: OprfBackend,
  secretKey: Uint8Array,
  manifest?: Manifest,
): KeyedHasher {
  const utf8 = new TextEncoder();
  const rule = manifest?.register?.partition;
  return {
    digest: (key) => {
      if (!rule) return backend.evaluate(secretKey, utf8.encode(key));
      const id = partitionOf(key, rule);
      if (id === null)
        throw new QuietlistError('INVALID_ARGUMENT', 'a key without a partition was evaluated');
      return backend.evaluate(secretKey, utf8.encode(key), { info: utf8.encode(id) });
    },
  };
}
