/**
 * How a build turns numbers into digests, per mode: HMAC-SHA-256 under the hash key (open, secret),
 * or the OPRF output under the operator's OPRF key, with the private state that makes nightly oprf
 * builds incremental. Both hash the same strings per registration, its keys (registration-keys.ts).
 */

import { createKeyedHasher, HASH_SCHEME, hashKeyId, type KeyedHasher } from '../core/digest/keyed-hash.ts';
import { toBase64 } from '../core/encoding/base64.ts';
import type { Manifest } from '../core/epoch/manifest.ts';
import { QuietlistError } from '../core/errors.ts';
import type { PartitionRule } from '../core/registers/profile.ts';
import type { OprfBackend } from '../oprf/types.ts';
import { createOprfStateHasher, type OprfHasherStats } from './oprf-hasher.ts';
import { OprfStateTable, OprfStateWriter } from './oprf-state.ts';

export type HashMode = 'open' | 'secret' | 'oprf';

/** The manifest's name for RFC 9497 VOPRF outputs, ristretto255-SHA512. */
export const OPRF_HASH_SCHEME = 'oprf-ristretto255-sha512';
/** The same suite's POPRF outputs, the partition as public input (partitioned epochs, docs/FORMAT.md §1.4). */
export const POPRF_HASH_SCHEME = 'poprf-ristretto255-sha512';

export interface OprfHashing {
  backend: OprfBackend;
  secretKey: Uint8Array;
  /** Private directory (never the published bucket) holding the incremental state. */
  stateDirectory: string;
  /** Ignore the state: required after an OPRF key rotation. */
  fullRebuild: boolean;
}

export interface OprfBuildStats extends OprfHasherStats {
  backend: string;
  stateEntries?: number;
}

export interface PreparedHashing {
  hasher: KeyedHasher;
  /**
   * Open and secret modes: the HMAC key behind `hasher`, so worker threads can hash (natively where
   * the addon is built) instead of this thread. Absent in oprf mode, whose outputs come from the state.
   */
  hmacKey?: Uint8Array;
  manifestHash: Manifest['hash'];
  /** After a successful publish: saves the next oprf state. */
  commit(): OprfBuildStats | undefined;
  stats(): OprfBuildStats | undefined;
  dispose(): void;
}

export function prepareHashing(
  mode: HashMode,
  hashKey: Uint8Array | undefined,
  oprf: OprfHashing | undefined,
  /** A partitioned register: oprf mode evaluates the POPRF under each key's partition. */
  partition?: PartitionRule,
): PreparedHashing {
  if (mode !== 'oprf') {
    if (!hashKey) throw new QuietlistError('INVALID_CONFIG', `a hash key is needed in ${mode} mode`);
    return {
      hasher: createKeyedHasher(hashKey),
      hmacKey: hashKey,
      manifestHash: {
        scheme: HASH_SCHEME,
        keyId: hashKeyId(hashKey),
        ...(mode === 'open' ? { key: toBase64(hashKey) } : {}),
      },
      commit: () => undefined,
      stats: () => undefined,
      dispose: () => {},
    };
  }
  if (!oprf) throw new QuietlistError('INVALID_CONFIG', 'an OPRF key is needed in oprf mode');
  const publicKey = oprf.backend.publicKeyOf(oprf.secretKey);
  const keyId = hashKeyId(publicKey);
  let previous = oprf.fullRebuild ? null : OprfStateTable.load(oprf.stateDirectory);
  if (previous && previous.keyId !== keyId) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      `the oprf state in ${oprf.stateDirectory} was built with another OPRF key (${previous.keyId}); a key rotation is an explicit full rebuild: pass --full-rebuild`,
    );
  }
  if (oprf.fullRebuild) previous = null;
  const next = new OprfStateWriter(oprf.stateDirectory);
  const hasher = createOprfStateHasher({
    backend: oprf.backend,
    secretKey: oprf.secretKey,
    previous,
    next,
    ...(partition ? { partition } : {}),
  });
  const stats = (): OprfBuildStats => ({ backend: oprf.backend.name, ...hasher.stats });
  return {
    hasher,
    manifestHash: {
      scheme: partition ? POPRF_HASH_SCHEME : OPRF_HASH_SCHEME,
      keyId,
      publicKey: toBase64(publicKey),
    },
    commit: () => ({ ...stats(), stateEntries: next.commit(keyId) }),
    stats,
    dispose: () => next.dispose(),
  };
}
