/**
 * Pulling straight from the object store (s3:// or file://): latest.json, manifests and key
 * retirement records as stored, shards fetched whole. The store client reads an object whole, so the
 * download limits (http/download-limits.ts) are checked once it has arrived: a store is the
 * operator's own, where the worker's answers may come from anyone.
 */
import { keyRetirementKey } from '../../core/epoch/key-retirement.ts';
import { epochPrefix, LATEST_POINTER_KEY, manifestKey } from '../../core/epoch/pointer.ts';
import { FormatError, StorageError } from '../../core/errors.ts';
import { storeAdditionsSource } from '../../storage/additions-source.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import {
  type BodyLimit,
  MANIFEST_LIMIT,
  POINTER_LIMIT,
  RETIREMENT_LIMIT,
  signedLengthLimit,
} from '../http/download-limits.ts';
import type { EpochSource } from './epoch-source.ts';

export class StoreEpochSource implements EpochSource {
  readonly description: string;
  readonly #store: ObjectStore;

  constructor(store: ObjectStore) {
    this.#store = store;
    this.description = store.description;
  }

  async latestPointer(): Promise<Uint8Array> {
    const pointerObject = await this.#store.get(LATEST_POINTER_KEY);
    if (!pointerObject) {
      throw new StorageError(
        'NOT_FOUND',
        `no epoch published in ${this.description} yet (no ${LATEST_POINTER_KEY})`,
      );
    }
    return within(pointerObject.body, POINTER_LIMIT, `${LATEST_POINTER_KEY} of ${this.description}`);
  }

  async manifest(epoch: string): Promise<Uint8Array | null> {
    const object = await this.#store.get(manifestKey(epoch));
    return object ? within(object.body, MANIFEST_LIMIT, `the manifest of epoch ${epoch}`) : null;
  }

  async retirement(fingerprint: string): Promise<Uint8Array | null> {
    const key = keyRetirementKey(fingerprint);
    const object = await this.#store.get(key);
    return object ? within(object.body, RETIREMENT_LIMIT, `${key} of ${this.description}`) : null;
  }

  async epochFile(epoch: string, file: string, signedBytes: number): Promise<Uint8Array> {
    const object = await this.#store.get(`${epochPrefix(epoch)}${file}`);
    if (!object)
      throw new StorageError('NOT_FOUND', `${file} of epoch ${epoch} is missing from ${this.description}`);
    return within(
      object.body,
      signedLengthLimit(signedBytes),
      `${file} of epoch ${epoch} in ${this.description}`,
    );
  }

  additionsFrom(epoch: string, first: number): Promise<{ batches: Uint8Array[]; complete: boolean }> {
    return storeAdditionsSource(this.#store).batchesFrom(epoch, first);
  }

  close(): void {
    (this.#store as { close?: () => void }).close?.();
  }
}

/** An object longer than its limit is refused like an HTTP answer would be (the limits are the same). */
function within(bytes: Uint8Array, limit: BodyLimit, what: string): Uint8Array {
  if (bytes.length > limit.maxBytes) {
    throw new FormatError(`${what} is longer than ${limit.describe}: refused`, limit.code);
  }
  return bytes;
}
