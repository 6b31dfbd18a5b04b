/**
 * ObjectStore over the S3 API: AWS S3, R2's S3 API, MinIO, and the local R2 of wrangler/miniflare.
 *
 * Conditional writes map to S3's If-None-Match / If-Match; a lost race (412, or 409
 * ConditionalRequestConflict when two conditional writes overlap) becomes PreconditionFailedError.
 * Every other failure becomes StorageError('STORAGE_UNAVAILABLE') naming the operation and the key,
 * with the credentials redacted from any text the SDK or the server produced.
 */
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { PreconditionFailedError, QuietlistError, StorageError } from '../core/errors.ts';
import { assertValidKey, assertValidPrefix } from './object-key.ts';
import type { ObjectStore, PutOptions, StoredObject } from './object-store.ts';

export interface S3StoreConfig {
  bucket: string;
  /** Key prefix inside the bucket ("quietlist/prod"); keys are stored as "<prefix>/<key>". */
  prefix?: string;
  /** Custom endpoint (R2, MinIO, local R2); AWS S3 when absent. */
  endpoint?: string;
  /** Defaults to "auto" with a custom endpoint (what R2 expects), else the SDK's region chain. */
  region?: string;
  /** Both or neither; without them the SDK's default credential chain applies. */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Path-style URLs (endpoint/bucket/key), needed by MinIO and the local R2. */
  forcePathStyle?: boolean;
  /** ListObjectsV2 page size (S3 maximum and default 1000); smaller values exercise pagination. */
  listPageSize?: number;
  /** SDK attempts per request, retries included (SDK default 3). */
  maxAttempts?: number;
  /**
   * A request whose connection sends nothing for this long fails (and is retried): without it, a
   * storage endpoint that stops answering would hang a build, a pull or every API request on it.
   * Default 30 s; connecting is given 5 s.
   */
  idleTimeoutMs?: number;
}

const DELETE_BATCH = 1000; // DeleteObjects maximum

interface SdkError {
  name?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

function statusOf(error: unknown): number | undefined {
  return (error as SdkError | null)?.$metadata?.httpStatusCode;
}

function nameOf(error: unknown): string | undefined {
  const e = error as SdkError | null;
  return e?.Code ?? e?.name;
}

function normalisePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  if (trimmed !== '') assertValidPrefix(`${trimmed}/`);
  return trimmed === '' ? '' : `${trimmed}/`;
}

export class S3Store implements ObjectStore {
  readonly description: string;
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;
  readonly #pageSize: number;
  readonly #secrets: string[];

  constructor(config: S3StoreConfig) {
    if (!config.bucket) throw new QuietlistError('INVALID_CONFIG', 'S3 store: bucket is required');
    if ((config.accessKeyId === undefined) !== (config.secretAccessKey === undefined)) {
      throw new QuietlistError(
        'INVALID_CONFIG',
        'S3 store: give both accessKeyId and secretAccessKey, or neither (to use the default chain)',
      );
    }
    this.#bucket = config.bucket;
    this.#prefix = normalisePrefix(config.prefix);
    this.#pageSize = config.listPageSize ?? 1000;
    // Real keys are 20+ characters; redacting a 1-character test key would garble every message.
    this.#secrets = [config.accessKeyId, config.secretAccessKey].filter(
      (s): s is string => (s?.length ?? 0) >= 8,
    );
    this.description = `s3://${this.#bucket}/${this.#prefix}`.replace(/\/$/, '');
    this.#client = new S3Client({
      endpoint: config.endpoint,
      region: config.region ?? (config.endpoint ? 'auto' : undefined),
      forcePathStyle: config.forcePathStyle,
      maxAttempts: config.maxAttempts,
      requestHandler: { connectionTimeout: 5_000, socketTimeout: config.idleTimeoutMs ?? 30_000 },
      credentials:
        config.accessKeyId !== undefined && config.secretAccessKey !== undefined
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
      // Only send and check checksums S3 requires: R2 and other S3-compatible servers reject or
      // mishandle the SDK's default CRC32 trailers on every request.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async get(key: string): Promise<StoredObject | null> {
    assertValidKey(key);
    try {
      const response = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: this.#prefix + key }),
      );
      if (!response.Body) throw new Error('response has no body');
      const body = await response.Body.transformToByteArray();
      return { body, etag: response.ETag ?? '' };
    } catch (error) {
      // NoSuchBucket is a 404 too, but a missing bucket is a misconfiguration, not a missing object.
      if (nameOf(error) === 'NoSuchKey' || (statusOf(error) === 404 && nameOf(error) !== 'NoSuchBucket')) {
        return null;
      }
      throw this.#failure('get', key, error);
    }
  }

  async size(key: string): Promise<number | null> {
    assertValidKey(key);
    try {
      const response = await this.#client.send(
        new HeadObjectCommand({ Bucket: this.#bucket, Key: this.#prefix + key }),
      );
      return response.ContentLength ?? null;
    } catch (error) {
      if (nameOf(error) === 'NotFound' || (statusOf(error) === 404 && nameOf(error) !== 'NoSuchBucket')) {
        return null;
      }
      throw this.#failure('get', key, error);
    }
  }

  async put(key: string, body: Uint8Array, options: PutOptions = {}): Promise<string> {
    assertValidKey(key);
    if (options.ifNoneMatch !== undefined && options.ifMatch !== undefined) {
      throw new QuietlistError('INVALID_ARGUMENT', 'put: ifNoneMatch and ifMatch are mutually exclusive');
    }
    try {
      const response = await this.#client.send(
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: this.#prefix + key,
          Body: body,
          ContentLength: body.byteLength,
          ContentType: options.contentType,
          CacheControl: options.cacheControl,
          IfNoneMatch: options.ifNoneMatch,
          IfMatch: options.ifMatch,
        }),
      );
      return response.ETag ?? '';
    } catch (error) {
      const status = statusOf(error);
      const name = nameOf(error);
      if (status === 412 || name === 'PreconditionFailed' || name === 'ConditionalRequestConflict') {
        throw new PreconditionFailedError(`put ${key} on ${this.description}: precondition failed (${name})`);
      }
      // AWS S3 answers If-Match on a missing object with 404 NoSuchKey (R2 with 412).
      if (
        options.ifMatch !== undefined &&
        (status === 404 || name === 'NoSuchKey') &&
        name !== 'NoSuchBucket'
      ) {
        throw new PreconditionFailedError(`put ${key} on ${this.description}: the object does not exist`);
      }
      throw this.#failure('put', key, error);
    }
  }

  async list(prefix: string): Promise<string[]> {
    assertValidPrefix(prefix);
    const keys: string[] = [];
    let continuationToken: string | undefined;
    try {
      do {
        const page = await this.#client.send(
          new ListObjectsV2Command({
            Bucket: this.#bucket,
            Prefix: this.#prefix + prefix,
            MaxKeys: this.#pageSize,
            ContinuationToken: continuationToken,
          }),
        );
        for (const object of page.Contents ?? []) {
          if (object.Key !== undefined) keys.push(object.Key.slice(this.#prefix.length));
        }
        continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (continuationToken !== undefined);
    } catch (error) {
      throw this.#failure('list', prefix, error);
    }
    return keys;
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) assertValidKey(key);
    for (let start = 0; start < keys.length; start += DELETE_BATCH) {
      const batch = keys.slice(start, start + DELETE_BATCH);
      const first = batch[0]!;
      let errors: { Key?: string; Code?: string }[] = [];
      try {
        const response = await this.#client.send(
          new DeleteObjectsCommand({
            Bucket: this.#bucket,
            Delete: { Objects: batch.map((key) => ({ Key: this.#prefix + key })), Quiet: true },
          }),
        );
        errors = response.Errors ?? [];
      } catch (error) {
        throw this.#failure(
          'delete',
          batch.length > 1 ? `${first} (+${batch.length - 1} more)` : first,
          error,
        );
      }
      const failed = errors[0];
      if (failed) {
        const key = failed.Key?.slice(this.#prefix.length) ?? first;
        throw new StorageError(
          'STORAGE_UNAVAILABLE',
          `delete ${key} on ${this.description} failed: ${failed.Code ?? 'error'}` +
            (errors.length > 1 ? ` (and ${errors.length - 1} more keys)` : ''),
        );
      }
    }
  }

  /** Releases the HTTP connections (the store is unusable afterwards). */
  close(): void {
    this.#client.destroy();
  }

  #failure(operation: string, key: string, error: unknown): StorageError {
    const status = statusOf(error);
    const name = nameOf(error) ?? 'Error';
    let message = error instanceof Error ? error.message : String(error);
    for (const secret of this.#secrets) message = message.split(secret).join('[redacted]');
    const http = status === undefined ? '' : ` (HTTP ${status})`;
    return new StorageError(
      'STORAGE_UNAVAILABLE',
      `${operation} ${key} on ${this.description} failed: ${name}${http}: ${message}`,
    );
  }
}
