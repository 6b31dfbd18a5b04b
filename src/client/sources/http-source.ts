/**
 * Pulling from the worker: `GET /v1/latest` (the signed pointer, a few hundred bytes: when it names the
 * cached epoch nothing else is downloaded), `GET /v1/key-retirements/{fingerprint}` (404 while the key
 * is in force), then `GET /v1/epochs/{id}/{file}` for the manifest and the shards the cache lacks:
 * small files (manifests, deltas) read whole, shards streamed to disk and resumed with Range. Every
 * answer is read up to its limit (http/download-limits.ts): the pointer 64 KiB, a retirement record
 * 16 KiB, a manifest 49 MiB, a shard or a delta its signed size (a partition's too, in `p/<id>/`), the
 * entitlement (`GET /v1/entitlement`) 1 MiB. An optional API key goes in the Authorization header only.
 * A list other than `default` is read under `/v1/lists/{list}/…` (the same routes), its live additions
 * from `…/additions` (several signed batches per answer, 7 MiB at most).
 */
import { FormatError, QuietlistError, StorageError } from '../../core/errors.ts';
import { listApiPrefix } from '../../core/lists/list-name.ts';
import { describeLocation } from '../../storage/open-store.ts';
import { parseAdditionsAnswer } from '../additions/additions-answer.ts';
import {
  ADDITIONS_LIMIT,
  API_ANSWER_LIMIT,
  type BodyLimit,
  MANIFEST_LIMIT,
  POINTER_LIMIT,
  RETIREMENT_LIMIT,
  signedLengthLimit,
} from '../http/download-limits.ts';
import {
  DEFAULT_RETRY_POLICY,
  type RetryHooks,
  type RetryPolicy,
  requestWithRetry,
} from '../http/fetch-retry.ts';
import { httpFailure } from '../http/http-failure.ts';
import { type DownloadOutcome, downloadResumable, type PartialTarget } from '../http/resumable-download.ts';
import type { EpochSource } from './epoch-source.ts';

const FILE_TIMEOUT_MS = 15 * 60_000;

export interface HttpSourceOptions {
  apiKey?: string;
  /** The list to read (default `default`, the `/v1/…` routes). */
  list?: string;
  retry?: RetryPolicy;
  hooks?: RetryHooks;
}

export class HttpEpochSource implements EpochSource {
  readonly description: string;
  readonly #base: string;
  /** `/v1`, or `/v1/lists/<list>`. */
  readonly #api: string;
  readonly #options: HttpSourceOptions;

  constructor(baseUrl: string, options: HttpSourceOptions = {}) {
    const url = new URL(baseUrl);
    if (url.username || url.password) {
      throw new QuietlistError(
        'INVALID_CONFIG',
        'put no credentials in the worker URL: use $QUIETLIST_API_KEY or --api-key-file',
      );
    }
    url.search = '';
    url.hash = '';
    this.#base = url.href.replace(/\/+$/, '');
    this.description = describeLocation(this.#base);
    this.#options = options;
    this.#api = listApiPrefix(options.list ?? 'default');
  }

  async latestPointer(): Promise<Uint8Array> {
    const what = `GET ${this.description}${this.#api}/latest`;
    const result = await this.#get(`${this.#api}/latest`, what, POINTER_LIMIT);
    if (result.status === 404) {
      throw new StorageError(
        'NOT_FOUND',
        `${what}: HTTP 404: this server publishes no signed latest.json (a quietlist server older than this client): the operator must upgrade it`,
      );
    }
    if (result.status !== 200) throw httpFailure(result, what);
    return result.body;
  }

  manifest(epoch: string): Promise<Uint8Array | null> {
    return this.#optional(`${this.#api}/epochs/${encodeURIComponent(epoch)}/manifest`, MANIFEST_LIMIT);
  }

  retirement(fingerprint: string): Promise<Uint8Array | null> {
    return this.#optional(
      `${this.#api}/key-retirements/${encodeURIComponent(fingerprint)}`,
      RETIREMENT_LIMIT,
    );
  }

  /** A JSON document read up to `limit`, or null on 404. */
  async #optional(path: string, limit: BodyLimit): Promise<Uint8Array | null> {
    const what = `GET ${this.description}${path}`;
    const result = await this.#get(path, what, limit);
    if (result.status === 404) return null;
    if (result.status !== 200) throw httpFailure(result, what);
    return result.body;
  }

  #get(path: string, what: string, limit: BodyLimit) {
    return requestWithRetry(
      `${this.#base}${path}`,
      { headers: this.#headers() },
      what,
      this.#retry,
      this.#options.hooks,
      limit,
    );
  }

  async epochFile(epoch: string, file: string, signedBytes: number): Promise<Uint8Array> {
    const path = this.#filePath(epoch, file);
    const what = `GET ${this.description}${path}`;
    const result = await requestWithRetry(
      `${this.#base}${path}`,
      { headers: this.#headers() },
      what,
      this.#fileRetry,
      this.#options.hooks,
      signedLengthLimit(signedBytes),
    );
    if (result.status !== 200) throw httpFailure(result, what);
    return result.body;
  }

  /** GET …/additions?epoch=&from=: the batches as the server holds them (verified by the caller). */
  async additionsFrom(epoch: string, first: number): Promise<{ batches: Uint8Array[]; complete: boolean }> {
    const path = `${this.#api}/additions?epoch=${encodeURIComponent(epoch)}&from=${first}`;
    const what = `GET ${this.description}${this.#api}/additions`;
    const result = await this.#get(path, what, ADDITIONS_LIMIT);
    if (result.status !== 200) throw httpFailure(result, what);
    return parseAdditionsAnswer(result.body, what);
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
    // A partition's files are in `p/<id>/` (docs/FORMAT.md §8): each segment is encoded, not the slashes.
    return `${this.#api}/epochs/${encodeURIComponent(epoch)}/${file.split('/').map(encodeURIComponent).join('/')}`;
  }

  /**
   * `GET /v1/entitlement`: the partitions the API key may download and have evaluated (null: every
   * one). Without a key there is none to ask for: a partitioned list is sold to subscribers only.
   */
  async entitlement(): Promise<string[] | null> {
    const what = `GET ${this.description}${this.#api}/entitlement`;
    if (!this.#options.apiKey) {
      throw new QuietlistError(
        'INVALID_CONFIG',
        `${this.description} sells this list by partition: pull needs your API key ($QUIETLIST_API_KEY or --api-key-file)`,
      );
    }
    const result = await this.#get(`${this.#api}/entitlement`, what, API_ANSWER_LIMIT);
    if (result.status !== 200) throw httpFailure(result, what);
    let answer: { partitions?: unknown };
    try {
      answer = JSON.parse(new TextDecoder().decode(result.body)) as { partitions?: unknown };
    } catch {
      throw new FormatError(`${what}: the answer is not JSON`);
    }
    const { partitions } = answer;
    if (partitions === null) return null;
    if (
      !Array.isArray(partitions) ||
      !partitions.every((id) => typeof id === 'string' && /^[0-9]{1,6}$/.test(id))
    )
      throw new FormatError(`${what}: no list of partitions in the answer`);
    return partitions as string[];
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
