/**
 * The oprf-mode "hash": a number's digest is its RFC 9497 OPRF output under the operator's key, the
 * same bytes a client obtains through blind → evaluate → finalize; in a partitioned epoch, the POPRF
 * output with the key's partition as public input (docs/FORMAT.md §1.4), which is what lets the worker
 * evaluate only a subscriber's partitions. Outputs of numbers already in the previous build come from
 * the private state; only new numbers are evaluated, so a nightly run costs in proportion to the
 * day's changes.
 */
import type { KeyedHasher } from '../core/digest/keyed-hash.ts';
import { QuietlistError } from '../core/errors.ts';
import { partitionOf } from '../core/partitions/partition-rule.ts';
import type { PartitionRule } from '../core/registers/profile.ts';
import type { OprfBackend } from '../oprf/types.ts';
import { lookupKey, type OprfStateTable, type OprfStateWriter, stateKeyOf } from './oprf-state.ts';

export interface OprfHasherStats {
  evaluated: number;
  reused: number;
}

const utf8 = new TextEncoder();

export function createOprfStateHasher(options: {
  backend: OprfBackend;
  secretKey: Uint8Array;
  previous: OprfStateTable | null;
  next: OprfStateWriter;
  /** Partitioned epochs: POPRF under each key's partition. */
  partition?: PartitionRule;
}): KeyedHasher & { stats: OprfHasherStats } {
  const { backend, secretKey, previous, next, partition } = options;
  const stateKey = stateKeyOf(secretKey, partition !== undefined);
  const evaluate = (key: string) => {
    if (!partition) return backend.evaluate(secretKey, utf8.encode(key));
    const id = partitionOf(key, partition);
    if (id === null)
      throw new QuietlistError('INVALID_ARGUMENT', 'a key outside the partition rule was hashed');
    return backend.evaluate(secretKey, utf8.encode(key), { info: utf8.encode(id) });
  };
  const stats: OprfHasherStats = { evaluated: 0, reused: 0 };
  return {
    stats,
    digest(e164) {
      const key = lookupKey(stateKey, e164);
      let head: Uint8Array | undefined = previous?.find(key);
      if (head) {
        stats.reused++;
      } else {
        head = evaluate(e164);
        stats.evaluated++;
      }
      next.add(key, head);
      return head;
    },
  };
}
