/**
 * The worker's view of the published data. `current()` returns the latest epoch whose manifest
 * verified against the pinned key and whose hash matches `latest.json`; it re-reads the pointer at
 * most once per TTL and switches atomically: a request holds one LoadedEpoch from start to end, and a
 * new epoch replaces the old one only once its manifest has verified. Shards load on demand, are
 * checked against the manifest's size and SHA-256 and the file's own header before use, and are kept
 * in a byte-bounded LRU. Any failure throws: nothing is ever answered from unverified data.
 */

import { fromBase64 } from '../core/base64.ts';
import type { BloomFilter } from '../core/bloom-filter.ts';
import {
  type EpochPointer,
  epochPrefix,
  LATEST_POINTER_KEY,
  manifestKey,
  parseEpochPointer,
} from '../core/epoch-pointer.ts';
import { QuietlistError } from '../core/errors.ts';
import { parseFilter } from '../core/filter-format.ts';
import { createKeyedHasher, hashKeyId, type KeyedHasher } from '../core/keyed-hash.ts';
import { type Manifest, manifestSha256, verifySignedManifest } from '../core/manifest.ts';
import { shardHeaderDisagreement } from '../core/shard-header-check.ts';
import { publicKeyFingerprint } from '../core/signing.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { ApiError } from './api-error.ts';
import { ByteLru } from './byte-lru.ts';
import { EpochFreshness, type FreshnessStatus } from './epoch-freshness.ts';
import { MemoryHighWater } from './high-water.ts';
import { sha256Hex } from './sha256.ts';

export interface LoadedEpoch {
  pointer: EpochPointer;
  manifest: Manifest;
  /** manifest.json exactly as stored (verified), served by GET /v1/manifest. */
  manifestBytes: Uint8Array;
  manifestSha256: string;
  /** null when this server cannot hash for the epoch's mode (oprf). */
  hasher: KeyedHasher | null;
}

export interface EpochCacheOptions {
  publicKey: Uint8Array;
  hashKey?: Uint8Array;
  pointerTtlMs: number;
  shardCacheBytes: number;
  now?: () => number;
  /** Refuses older pointers (default: an in-memory high-water mark, alerts on stdout). */
  freshness?: EpochFreshness;
  /** Told when a shard fails to load (shard-readiness.ts checks it again). */
  onShardFailure?: (epoch: string, index: number) => void;
}

export class EpochCache {
  readonly signingKeyFingerprint: string;
  readonly #store: ObjectStore;
  readonly #options: EpochCacheOptions;
  readonly #now: () => number;
  readonly #shards: ByteLru<BloomFilter>;
  readonly #loadingShards = new Map<string, Promise<BloomFilter>>();
  #state: LoadedEpoch | null = null;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #refreshing: Promise<LoadedEpoch> | null = null;
  readonly #freshness: EpochFreshness;

  constructor(store: ObjectStore, options: EpochCacheOptions) {
    this.#store = store;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#shards = new ByteLru(options.shardCacheBytes);
    this.signingKeyFingerprint = publicKeyFingerprint(options.publicKey);
    this.#freshness =
      options.freshness ??
      new EpochFreshness({
        highWater: new MemoryHighWater(),
        alert: (entry) => console.log(JSON.stringify(entry)),
        now: this.#now,
      });
  }

  /** Whether the server refuses an older latest.json, and its high-water mark (for /healthz, /readyz, /). */
  get freshness(): FreshnessStatus {
    return this.#freshness.status();
  }

  /** Shards held in memory and their total size, for the status page and tests. */
  get shardCache(): { count: number; bytes: number } {
    return { count: this.#shards.size, bytes: this.#shards.bytes };
  }

  async current(): Promise<LoadedEpoch> {
    if (this.#state && this.#now() - this.#checkedAt < this.#options.pointerTtlMs) return this.#state;
    this.#refreshing ??= this.#refresh().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #refresh(): Promise<LoadedEpoch> {
    const pointerObject = await this.#store.get(LATEST_POINTER_KEY);
    if (!pointerObject) throw new ApiError('NO_EPOCH');
    const pointer = parseEpochPointer(pointerObject.body);
    const previous = this.#state;
    // >>> epoch-freshness hook (src/api/epoch-freshness.ts): the pointer's epoch is accepted only if it
    // is the one served or newer than it and than the high-water mark; otherwise `previous` stays.
    const loaded = await this.#freshness.accept(pointer, previous, (p) => this.#loadEpoch(p));
    if (loaded === previous) {
      this.#checkedAt = this.#now();
      return previous;
    }
    // <<< epoch-freshness hook
    this.#state = loaded;
    this.#checkedAt = this.#now();
    if (previous && previous.pointer.epoch !== loaded.pointer.epoch) {
      const stale = `${previous.pointer.epoch}/`;
      this.#shards.deleteWhere((key) => key.startsWith(stale));
    }
    return loaded;
  }

  async #loadEpoch(pointer: EpochPointer): Promise<LoadedEpoch> {
    const object = await this.#store.get(manifestKey(pointer.epoch));
    if (!object) {
      throw new QuietlistError(
        'MANIFEST_INVALID',
        `latest.json names epoch ${pointer.epoch}, whose manifest is missing`,
      );
    }
    const { manifest } = verifySignedManifest(object.body, this.#options.publicKey);
    const digest = manifestSha256(manifest);
    if (manifest.epoch !== pointer.epoch || digest !== pointer.manifestSha256) {
      throw new QuietlistError('MANIFEST_INVALID', `manifest of ${pointer.epoch} does not match latest.json`);
    }
    return {
      pointer,
      manifest,
      manifestBytes: object.body,
      manifestSha256: digest,
      hasher: this.#hasherFor(manifest),
    };
  }

  #hasherFor(manifest: Manifest): KeyedHasher | null {
    if (manifest.mode === 'oprf') return null;
    const key =
      manifest.mode === 'open' && manifest.hash.key !== undefined
        ? fromBase64(manifest.hash.key, 'manifest hash key')
        : this.#options.hashKey;
    if (key === undefined) {
      throw new QuietlistError(
        'INVALID_CONFIG',
        `epoch ${manifest.epoch} is in secret mode and no hash key is configured`,
      );
    }
    if (hashKeyId(key) !== manifest.hash.keyId) {
      throw new QuietlistError(
        'INVALID_CONFIG',
        `the hash key does not match epoch ${manifest.epoch}'s key id`,
      );
    }
    return createKeyedHasher(key);
  }

  /** The verified filter of one shard of `epoch`, from memory or loaded (once, however many ask). */
  async filter(epoch: LoadedEpoch, index: number): Promise<BloomFilter> {
    const cacheKey = `${epoch.manifest.epoch}/${index}`;
    const cached = this.#shards.get(cacheKey);
    if (cached) return cached;
    let loading = this.#loadingShards.get(cacheKey);
    if (!loading) {
      loading = this.#loadShard(epoch, index)
        .catch((error: unknown) => {
          this.#options.onShardFailure?.(epoch.manifest.epoch, index); // readiness hook (shard-readiness.ts)
          throw error;
        })
        .finally(() => this.#loadingShards.delete(cacheKey));
      this.#loadingShards.set(cacheKey, loading);
    }
    return loading;
  }

  async #loadShard(epoch: LoadedEpoch, index: number): Promise<BloomFilter> {
    const { manifest } = epoch;
    const entry = manifest.shards[index];
    if (!entry) throw new QuietlistError('MANIFEST_INVALID', `epoch ${manifest.epoch} has no shard ${index}`);
    const object = await this.#store.get(`${epochPrefix(manifest.epoch)}${entry.path}`);
    if (!object)
      throw new QuietlistError('MANIFEST_INVALID', `shard ${entry.path} of ${manifest.epoch} is missing`);
    if (object.body.length !== entry.bytes || (await sha256Hex(object.body)) !== entry.sha256) {
      throw new QuietlistError(
        'CHECKSUM_MISMATCH',
        `shard ${entry.path} of ${manifest.epoch} does not match its manifest SHA-256`,
      );
    }
    const shard = parseFilter(object.body);
    const disagreement = shardHeaderDisagreement(shard, manifest, index); // index, p, m, k, n, ε
    if (disagreement) {
      throw new QuietlistError('FORMAT_INVALID', `shard ${entry.path} of ${manifest.epoch}: ${disagreement}`);
    }
    // Only keep it if this epoch is still the current one (a slow load must not refill a stale epoch).
    if (this.#state?.manifest.epoch === manifest.epoch) {
      this.#shards.set(`${manifest.epoch}/${index}`, shard.filter, object.body.length);
    }
    return shard.filter;
  }
}
