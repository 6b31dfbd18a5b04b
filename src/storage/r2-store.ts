/**
 * ObjectStore over a Workers R2 binding, for the worker (worker/index.ts). Typed structurally with
 * the few R2 methods it uses, so this file compiles without the Workers runtime types and tests can
 * hand it any compatible bucket. Binding failures become StorageError('STORAGE_UNAVAILABLE');
 * R2's 412 on a failed condition becomes PreconditionFailedError.
 */
import { PreconditionFailedError, StorageError } from '../core/errors.ts';
import { assertValidKey, assertValidPrefix } from './object-key.ts';
import type { ObjectStore, PutOptions, StoredObject } from './object-store.ts';

export interface R2ObjectLike {
  key: string;
  httpEtag: string;
  size?: number;
}
export interface R2ObjectBodyLike extends R2ObjectLike {
  arrayBuffer(): Promise<ArrayBuffer>;
}
export interface R2BucketLike {
  get(key: string): Promise<R2ObjectBodyLike | null>;
  head?(key: string): Promise<R2ObjectLike | null>;
  put(
    key: string,
    value: ArrayBuffer | ArrayBufferView,
    options?: {
      onlyIf?: { etagMatches?: string; etagDoesNotMatch?: string } | Headers;
      httpMetadata?: { contentType?: string; cacheControl?: string };
    },
  ): Promise<R2ObjectLike | null>;
  list(options?: { prefix?: string; cursor?: string; limit?: number }): Promise<{
    objects: R2ObjectLike[];
    truncated: boolean;
    cursor?: string;
  }>;
  delete(keys: string | string[]): Promise<void>;
}

const DELETE_BATCH = 1000;

export class R2Store implements ObjectStore {
  readonly description: string;
  readonly #bucket: R2BucketLike;

  constructor(bucket: R2BucketLike, name = 'binding') {
    this.#bucket = bucket;
    this.description = `r2://${name}`;
  }

  async get(key: string): Promise<StoredObject | null> {
    assertValidKey(key);
    return this.#call('get', key, async () => {
      const object = await this.#bucket.get(key);
      if (!object) return null;
      return { body: new Uint8Array(await object.arrayBuffer()), etag: object.httpEtag };
    });
  }

  async size(key: string): Promise<number | null> {
    assertValidKey(key);
    return this.#call('get', key, async () => {
      const bucket = this.#bucket;
      if (bucket.head) {
        const object = await bucket.head(key);
        if (object?.size !== undefined) return object.size;
        if (!object) return null;
      }
      const object = await bucket.get(key);
      return object ? (await object.arrayBuffer()).byteLength : null;
    });
  }

  async put(key: string, body: Uint8Array, options: PutOptions = {}): Promise<string> {
    assertValidKey(key);
    const onlyIf =
      options.ifNoneMatch === '*' || options.ifMatch !== undefined
        ? new Headers({
            ...(options.ifNoneMatch === '*' ? { 'if-none-match': '*' } : {}),
            ...(options.ifMatch !== undefined ? { 'if-match': options.ifMatch } : {}),
          })
        : undefined;
    const written = await this.#call('put', key, () =>
      this.#bucket.put(key, body, {
        ...(onlyIf ? { onlyIf } : {}),
        httpMetadata: { contentType: options.contentType, cacheControl: options.cacheControl },
      }),
    );
    // With onlyIf, R2 returns null when the condition fails.
    if (written === null)
      throw new PreconditionFailedError(`${key} on ${this.description}: condition failed`);
    return written.httpEtag;
  }

  async list(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix);
    const keys: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#call('list', prefix, () => this.#bucket.list({ prefix, cursor, limit: 1000 }));
      for (const object of page.objects) keys.push(object.key);
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor !== undefined);
    return keys.sort();
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) assertValidKey(key);
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH);
      await this.#call('delete', batch[0] ?? '', () => this.#bucket.delete(batch));
    }
  }

  async #call<T>(operation: string, key: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      if (error instanceof StorageError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      if (/precondition|412/i.test(message)) {
        throw new PreconditionFailedError(`${operation} ${key} on ${this.description}: condition failed`);
      }
      throw new StorageError(
        'STORAGE_UNAVAILABLE',
        `${operation} ${key} on ${this.description} failed: ${message}`,
        {
          cause: error,
        },
      );
    }
  }
}
