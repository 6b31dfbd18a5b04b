/**
 * A list's additions batches as a store holds them (docs/FORMAT.md §14.2), walked forward by number:
 * `epochs/<epoch>/additions/<first>.json`, the next one named by the `last` of the one before. Bytes
 * only: core/additions/additions-chain.ts verifies every batch (a `last` read here to find the next
 * file is checked there too). Each batch download is capped (MAX_BATCH_BYTES).
 */
import { additionsBatchKey, MAX_BATCH_BYTES } from '../core/additions/additions-batch.ts';
import type { AdditionsSource } from '../core/additions/additions-chain.ts';
import { FormatError } from '../core/errors.ts';
import type { ObjectStore } from './object-store.ts';

/** Batches read per call: the caller asks again from where it stopped. */
const BATCHES_PER_CALL = 1_000;

export function storeAdditionsSource(store: ObjectStore): AdditionsSource {
  return {
    async batchesFrom(epoch, first) {
      const batches: Uint8Array[] = [];
      let next = first;
      while (batches.length < BATCHES_PER_CALL) {
        const key = additionsBatchKey(epoch, next);
        const object = await store.get(key);
        if (!object) return { batches, complete: true };
        if (object.body.length > MAX_BATCH_BYTES) throw tooLarge(key);
        batches.push(object.body);
        next = lastOf(object.body, key) + 1;
      }
      return { batches, complete: false };
    },
  };
}

function tooLarge(key: string): FormatError {
  return new FormatError(`${key} is larger than ${MAX_BATCH_BYTES} bytes: refused`, 'MANIFEST_INVALID');
}

/** The batch's `last`, to find the next file (the chain reader verifies it with everything else). */
function lastOf(bytes: Uint8Array, key: string): number {
  try {
    const last = (JSON.parse(new TextDecoder().decode(bytes)) as { additions?: { last?: unknown } }).additions
      ?.last;
    if (typeof last === 'number' && Number.isSafeInteger(last) && last > 0) return last;
  } catch {}
  throw new FormatError(`${key} is not a valid additions batch`, 'MANIFEST_INVALID');
}
