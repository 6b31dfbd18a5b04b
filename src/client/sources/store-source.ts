/**
 * Pulling straight from the object store (s3:// or file://): latest.json is the cheap "has anything
 * changed" probe, the manifest is fetched only when the pointer names another manifest. The store
 * client reads an object whole, so the download limits (http/download-limits.ts) are checked once
 * it has arrived: a store is the operator's own, where the worker's answers may come from anyone.
 */
import { epochPrefix, LATEST_POINTER_KEY, manifestKey, parseEpochPointer } from '../../core/epoch/pointer.ts';
import { FormatError, StorageError } from '../../core/errors.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { type BodyLimit, epochFileLimit, MANIFEST_LIMIT, POINTER_LIMIT } from '../http/download-limits.ts';
import type { EpochSource, KnownManifest, LatestManifest } from './epoch-source.ts';

export class StoreEpochSource implements EpochSource {
  readonly description: string;
  readonly #store: ObjectStore;

  constructor(store: ObjectStore) {
    this.#store = store;
    this.description = store.description;
  }

  async latestManifest(known?: KnownManifest): Promise<LatestManifest> {
    const pointerObject = await this.#store.get(LATEST_POINTER_KEY);
    if (!pointerObject) {
      throw new StorageError(
        'NOT_FOUND',
        `no epoch published in ${this.description} yet (no ${LATEST_POINTER_KEY})`,
      );
    }
    assertWithin(pointerObject.body, POINTER_LIMIT, `${LATEST_POINTER_KEY} of ${this.description}`);
    const pointer = parseEpochPointer(pointerObject.body);
    if (known && pointer.epoch === known.epoch && pointer.manifestSha256 === known.manifestSha256) {
      return { status: 'unchanged' };
    }
    const manifest = await this.#store.get(manifestKey(pointer.epoch));
    if (!manifest) {
      throw new StorageError(
        'NOT_FOUND',
        `${LATEST_POINTER_KEY} of ${this.description} names epoch ${pointer.epoch}, whose manifest is missing`,
      );
    }
    assertWithin(manifest.body, MANIFEST_LIMIT, `the manifest of epoch ${pointer.epoch}`);
    return { status: 'fetched', bytes: manifest.body, pointer };
  }

  async epochFile(epoch: string, file: string, signedBytes?: number): Promise<Uint8Array> {
    const limit = epochFileLimit(file, signedBytes);
    const object = await this.#store.get(`${epochPrefix(epoch)}${file}`);
    if (!object)
      throw new StorageError('NOT_FOUND', `${file} of epoch ${epoch} is missing from ${this.description}`);
    assertWithin(object.body, limit, `${file} of epoch ${epoch} in ${this.description}`);
    return object.body;
  }

  close(): void {
    (this.#store as { close?: () => void }).close?.();
  }
}

/** An object longer than its limit is refused like an HTTP answer would be (the limits are the same). */
function assertWithin(bytes: Uint8Array, limit: BodyLimit, what: string): void {
  if (bytes.length > limit.maxBytes) {
    throw new FormatError(`${what} is longer than ${limit.describe}: refused`, limit.code);
  }
}
