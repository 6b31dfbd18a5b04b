/**
 * The oprf-mode "hash": a number's digest is its RFC 9497 OPRF output under the operator's key, the
 * same bytes a client obtains through blind → evaluate → finalize. Outputs of numbers already in the
 * previous build come from the private state; only new numbers are evaluated, so a nightly run costs
 * in proportion to the day's changes.
 */
import type { KeyedHasher } from '../core/digest/keyed-hash.ts';
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
}): KeyedHasher & { stats: OprfHasherStats } {
  const { backend, secretKey, previous, next } = options;
  const stateKey = stateKeyOf(secretKey);
  const stats: OprfHasherStats = { evaluated: 0, reused: 0 };
  return {
    stats,
    digest(e164) {
      const key = lookupKey(stateKey, e164);
      let head: Uint8Array | undefined = previous?.find(key);
      if (head) {
        stats.reused++;
      } else {
        head = backend.evaluate(secretKey, utf8.encode(e164));
        stats.evaluated++;
      }
      next.add(key, head);
      return head;
    },
  };
}
