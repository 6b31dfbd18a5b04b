/**
 * The worker's view of the published data: the current epoch, verified, and its shards, verified.
 *
 * Invariants (test/worker/epoch-cache.test.ts holds each one):
 *  1. Nothing is answered from unverified data. An epoch becomes current only once its manifest has
 *     verified against the pinned key, its hash and id equal `latest.json`'s, and its keying is built
 *     (core/membership.ts); every shard is checked by core/filter/shard-verifier.ts before use. Any failure
 *     throws (the API answers 503), and the epoch served before stays current.
 *  2. One request, one epoch. `current()` hands out an immutable LoadedEpoch; a request answers
 *     entirely from it and the shards of its manifest, however long it takes and whatever switches
 *     meanwhile. The pointer is re-read at most once per TTL, by one refresh at a time.
 *  3. Shards never cross epochs. Loaded and in-flight shards are keyed by the manifest's SHA-256 (not
 *     the epoch id, which a re-publish could reuse), so a slow load for the old epoch can only answer
 *     the old epoch's request, and a load for the new epoch only the new one's.
 *  4. Memory follows the current epoch: a switch drops the old epoch's shards, and a load that ends
 *     after its epoch was replaced answers its own request but is not cached.
 * A newly read pointer and manifest are accepted in one place, `#accept`.
 */

import { sha256Hex } from '../../core/encoding/bytes.ts';
import { verifyAlongKeyChain } from '../../core/epoch/key-chain.ts';
import { type Manifest, manifestSha256 } from '../../core/epoch/manifest.ts';
import {
  type EpochPointer,
  epochPrefix,
  LATEST_POINTER_KEY,
  manifestKey,
  parseEpochPointer,
} from '../../core/epoch/pointer.ts';
import { publicKeyFingerprint } from '../../core/epoch/signing.ts';
import { QuietlistError } from '../../core/errors.ts';
import type { BloomFilter } from '../../core/filter/bloom-filter.ts';
import { shardEntry, shardMissing, verifyShard } from '../../core/filter/shard-verifier.ts';
import { type EpochMembership, epochMembership } from '../../core/membership.ts';
import { assertSchemeApplies } from '../../core/phone/normalize.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { ApiError } from '../errors/api-error.ts';
import { ByteLru } from './byte-lru.ts';
import { EpochFreshness, type FreshnessStatus } from './freshness.ts';
import { MemoryHighWater } from './high-water.ts';

export interface LoadedEpoch {
  readonly pointer: EpochPointer;
  readonly manifest: Manifest;
  /** manifest.json exactly as stored (verified), served by GET /v1/manifest. */
  readonly manifestBytes: Uint8Array;
  readonly manifestSha256: string;
  /** How this server answers POST /v1/check for the epoch; null in oprf mode (clients check locally). */
  readonly membership: EpochMembership | null;
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
  /** The key manifests are verified with: the configured one, then each successor followed (core/epoch/key-chain.ts). */
  #trustedKey: Uint8Array;
  readonly #store: ObjectStore;
  readonly #options: EpochCacheOptions;
  readonly #now: () => number;
  /** Verified filters by `${manifestSha256}/${index}` (invariant 3). */
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
    this.#trustedKey = options.publicKey;
    this.#freshness =
      options.freshness ??
      new EpochFreshness({
        highWater: new MemoryHighWater(),
        alert: (entry) => console.log(JSON.stringify(entry)),
        now: this.#now,
      });
  }

  /** Fingerprint of the key the served epoch is signed by (the configured one, or a successor it announced). */
  get signingKeyFingerprint(): string {
    return publicKeyFingerprint(this.#trustedKey);
  }

  /** That key itself (the status page shows it: the value clients pin). */
  get signingKey(): Uint8Array {
    return this.#trustedKey;
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
    // >>> epoch-freshness hook (src/api/epochs/freshness.ts): the pointer's epoch is accepted only if it
    // is the one served or newer than it and than the high-water mark; otherwise `previous` stays.
    const loaded = await this.#freshness.accept(pointer, previous, (p) => this.#loadEpoch(p));
    if (loaded === previous) {
      this.#checkedAt = this.#now();
      return previous;
    }
    // <<< epoch-freshness hook
    return this.#accept(loaded);
  }

  /** The one place a verified epoch becomes (or stays) current. */
  #accept(loaded: LoadedEpoch): LoadedEpoch {
    const previous = this.#state;
    this.#state = loaded;
    this.#checkedAt = this.#now();
    if (previous && previous.manifestSha256 !== loaded.manifestSha256) {
      const stale = `${previous.manifestSha256}/`;
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
    // Signed by the trusted key, or by a successor announced along the chain (old manifests are kept).
    const chain = await verifyAlongKeyChain(object.body, this.#trustedKey, async (link) => {
      const older = await this.#store.get(manifestKey(link.epoch));
      return older?.body ?? null;
    });
    const { manifest } = chain.signed;
    assertSchemeApplies(manifest);
    const digest = manifestSha256(manifest);
    if (manifest.epoch !== pointer.epoch || digest !== pointer.manifestSha256) {
      throw new QuietlistError('MANIFEST_INVALID', `manifest of ${pointer.epoch} does not match latest.json`);
    }
    // The new pin is recorded only for an epoch that is about to be served (freshness decides).
    const key = chain.key;
    const loaded = Object.freeze({
      pointer,
      manifest,
      manifestBytes: object.body,
      manifestSha256: digest,
      membership:
        manifest.mode === 'oprf' ? null : epochMembership(manifest, { hashKey: this.#options.hashKey }),
    });
    this.#trustedKey = key;
    return loaded;
  }

  /**
   * The verified filter of one shard of `epoch`, from memory or loaded (once, however many ask).
   * `onLoaded` is told the bytes read when this call is the one that loads it (api/shards' accounting).
   */
  async filter(epoch: LoadedEpoch, index: number, onLoaded?: (bytes: number) => void): Promise<BloomFilter> {
    const cacheKey = `${epoch.manifestSha256}/${index}`;
    const cached = this.#shards.get(cacheKey);
    if (cached) return cached;
    let loading = this.#loadingShards.get(cacheKey);
    if (!loading) {
      loading = this.#loadShard(epoch, index, cacheKey, onLoaded)
        .catch((error: unknown) => {
          this.#options.onShardFailure?.(epoch.manifest.epoch, index); // readiness hook (shard-readiness.ts)
          throw error;
        })
        .finally(() => this.#loadingShards.delete(cacheKey));
      this.#loadingShards.set(cacheKey, loading);
    }
    return loading;
  }

  async #loadShard(
    epoch: LoadedEpoch,
    index: number,
    cacheKey: string,
    onLoaded?: (bytes: number) => void,
  ): Promise<BloomFilter> {
    const { manifest } = epoch;
    const entry = shardEntry(manifest, index);
    const object = await this.#store.get(`${epochPrefix(manifest.epoch)}${entry.path}`);
    if (!object) throw shardMissing(manifest, entry);
    const filter = await verifyShard(manifest, index, object.body, sha256Hex);
    onLoaded?.(object.body.length);
    // Cached only while its epoch is current (invariant 4): a slow load must not refill a stale epoch.
    if (this.#state?.manifestSha256 === epoch.manifestSha256) {
      this.#shards.set(cacheKey, filter, object.body.length);
    }
    return filter;
  }
}
