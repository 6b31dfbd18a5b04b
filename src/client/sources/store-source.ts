/**
 * Pulling straight from the object store (s3:// or file://): latest.json, manifests and key
 * retirement records as stored, shards fetched whole.
 */
import { keyRetirementKey } from '../../core/epoch/key-retirement.ts';
import { epochPrefix, LATEST_POINTER_KEY, manifestKey } from '../../core/epoch/pointer.ts';
import { StorageError } from '../../core/errors.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
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
    return pointerObject.body;
  }

  async manifest(epoch: string): Promise<Uint8Array | null> {
    return (await this.#store.get(manifestKey(epoch)))?.body ?? null;
  }

  async retirement(fingerprint: string): Promise<Uint8Array | null> {
    return (await this.#store.get(keyRetirementKey(fingerprint)))?.body ?? null;
  }

  async epochFile(epoch: string, file: string): Promise<Uint8Array> {
    const object = await this.#store.get(`${epochPrefix(epoch)}${file}`);
    if (!object)
      throw new StorageError('NOT_FOUND', `${file} of epoch ${epoch} is missing from ${this.description}`);
    return object.body;
  }

  close(): void {
    (this.#store as { close?: () => void }).close?.();
  }
}
