/**
 * The object-storage contract the builder, the worker and the client share. Implementations:
 * file-store.ts (a local directory, the embedded default), s3-store.ts (AWS S3, R2's S3 API, MinIO,
 * the local R2 of wrangler), and the worker's R2 binding adapter.
 *
 * Keys are '/'-separated relative paths ("epochs/20261128T020000Z/manifest.json", "latest.json").
 * ETags are opaque strings compared for equality only.
 */
export interface StoredObject {
  body: Uint8Array;
  etag: string;
}

export interface PutOptions {
  contentType?: string;
  /** Create only: fails with PreconditionFailedError if the key already exists. */
  ifNoneMatch?: '*';
  /** Replace only this version: fails with PreconditionFailedError if the current ETag differs. */
  ifMatch?: string;
  cacheControl?: string;
}

export interface ObjectStore {
  /** A short description for messages, without credentials ("file:///srv/ql", "s3://bucket/prefix"). */
  readonly description: string;
  get(key: string): Promise<StoredObject | null>;
  /** The object's size in bytes without reading it (HEAD), or null if absent. Optional: callers fall back to get. */
  size?(key: string): Promise<number | null>;
  /** Returns the new ETag. */
  put(key: string, body: Uint8Array, options?: PutOptions): Promise<string>;
  /** Every key under the prefix, in lexicographic order. */
  list(prefix: string): Promise<string[]>;
  delete(keys: string[]): Promise<void>;
  /**
   * Removes the store's own leftovers of crashed writers (a FileStore's `.ql-tmp-*`, `.ql-lock`,
   * `.ql-stale-*` files) last modified before `olderThan`; returns how many. Optional: S3 has none.
   */
  sweepDebris?(olderThan: Date): Promise<number>;
}
