/**
 * Pulling from the worker: `GET /v1/manifest` with If-None-Match (a 304 means the cache is current and
 * nothing is downloaded), then `GET /v1/epochs/{id}/{file}` for the shards the cache lacks: small files
 * (manifests, deltas) read whole, shards streamed to disk and resumed with Range; every answer read
 * up to its limit (http/download-limits.ts). An optional API key goes in the Authorization header only.
 */
import { QuietlistError, StorageError } from '../../core/errors.ts';
import { describeLocation } from '../../storage/open-store.ts';
import { epochFileLimit, MANIFEST_LIMIT } from '../http/download-limits.ts';
import {
  DEFAULT_RETRY_POLICY,
  type RetryHooks,
  type RetryPolicy,
  requestWithRetry,
} from '../http/fetch-retry.ts';
import { httpFailure } from '../http/http-failure.ts';
import { type DownloadOutcome, downloadResumable, type PartialTarget } from '../http/resumable-download.ts';
import type { EpochSource, KnownManifest, LatestManifest } from './epoch-source.ts';

const FILE_TIMEOUT_MS = 15 * 60_000;

export interface HttpSourceOptions {
  apiKey?: string;
  retry?: RetryPolicy;
  hooks?: RetryHooks;
}

export class HttpEpochSource implements EpochSource {
  readonly description: string;
  readonly #base: string;
  readonly #options: HttpSourceOptions;

  constructor(baseUrl: string, options: HttpSourceOptions = {}) {
    const url = new URL(baseUrl);
    if (url.username || url.password) {
      throw new QuietlistError('INVALID_CONFIG', 'put no credentials in the worker URL: use --api-key');
    }
    url.search = '';
    url.hash = '';
    this.#base = url.href.replace(/\/+$/, '');
    this.description = describeLocation(this.#base);
    this.#options = options;
  }

  async latestManifest(known?: KnownManifest): Promise<LatestManifest> {
    const headers = this.#headers();
    if (known?.etag) headers.set('if-none-match', known.etag);
    const what = `GET ${this.description}/v1/manifest`;
    const result = await requestWithRetry(
      `${this.#base}/v1/manifest`,
      { headers },
      what,
      this.#retry,
      this.#options.hooks,
      MANIFEST_LIMIT,
    );
    if (result.status === 304) return { status: 'unchanged' };
    if (result.status === 404)
      throw new StorageError('NOT_FOUND', `${what}: no epoch published yet (HTTP 404)`);
    if (result.status !== 200) throw httpFailure(result, what);
    return { status: 'fetched', bytes: result.body, etag: result.headers.get('etag') ?? undefined };
  }

  async epochFile(epoch: string, file: string, signedBytes?: number): Promise<Uint8Array> {
    const path = this.#filePath(epoch, file);
    const what = `GET ${this.description}${path}`;
    const result = await requestWithRetry(
      `${this.#base}${path}`,
      { headers: this.#headers() },
      what,
      this.#fileRetry,
      this.#options.hooks,
      epochFileLimit(file, signedBytes),
    );
    if (result.status !== 200) throw httpFailure(result, what);
    return result.body;
  }

  /** A shard streamed to its `.part` file, resumed with Range / If-Range after a cut (resumable-download.ts). */
  downloadFile(epoch: string, file: string, target: PartialTarget): Promise<DownloadOutcome> {
    const path = this.#filePath(epoch, file);
    return downloadResumable(
      `${this.#base}${path}`,
      { headers: this.#headers() },
      `GET ${this.description}${path}`,
      target,
      this.#fileRetry,
      this.#options.hooks,
    );
  }

  #filePath(epoch: string, file: string): string {
    return `/v1/epochs/${encodeURIComponent(epoch)}/${encodeURIComponent(file)}`;
  }

  /** A shard may be hundreds of MB on a slow link: the per-attempt timeout covers the whole body. */
  get #fileRetry(): RetryPolicy {
    return { ...this.#retry, timeoutMs: Math.max(this.#retry.timeoutMs, FILE_TIMEOUT_MS) };
  }

  get #retry(): RetryPolicy {
    return this.#options.retry ?? DEFAULT_RETRY_POLICY;
  }

  #headers(): Headers {
    const headers = new Headers({ accept: 'application/json, application/octet-stream' });
    if (this.#options.apiKey) headers.set('authorization', `Bearer ${this.#options.apiKey}`);
    return headers;
  }
}
