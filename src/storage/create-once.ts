/**
 * A create-only write that survives a retried request: the SDK retries a request whose answer was
 * lost; if the first attempt had landed, the retry gets 412. The object is then ours if it holds
 * exactly our bytes; anything else is the PreconditionFailedError of another writer.
 */
import { PreconditionFailedError } from '../core/errors.ts';
import type { ObjectStore } from './object-store.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

export async function createOnce(
  store: ObjectStore,
  key: string,
  body: Uint8Array,
  contentType: string,
): Promise<void> {
  try {
    await store.put(key, body, { ifNoneMatch: '*', contentType, cacheControl: IMMUTABLE });
  } catch (error) {
    if (!(error instanceof PreconditionFailedError)) throw error;
    const existing = await store.get(key);
    if (!existing || !sameBytes(existing.body, body)) throw error;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
