/**
 * The worker's view of the published data: the current epoch, verified, and its shards, verified.
 *
 * Invariants (test/worker/epoch-cache.test.ts holds each one):
 *  1. Nothing is answered from unverified data. An epoch becomes current only once the signed
 *     `latest.json` and its manifest have been accepted (core/epoch/trusted-latest.ts: key chain,
 *     retired keys, rollback, expiry; freshness.ts) and its keying is built (core/membership.ts);
 *     every shard is checked by core/filter/shard-verifier.ts before use. A refused pointer leaves the
 *     epoch served before current (freshness.ts); a storage failure throws (the API answers 503).
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

import { fromBase64, toBase64 } from '../../core/encoding/base64.ts';
import { sha256Hex } from '../../core/encoding/bytes.ts';
import { verifyAlongKeyChain } from '../../core/epoch/key-chain.ts';
import {
  type Manifest,
  manifestSha256,
  parseSignedManifest,
  verifyManifestSignature,
} from '../../core/epoch/manifest.ts';
import { type EpochPointer, epochPrefix, LATEST_POINTER_KEY, manifestKey } from '../../core/epoch/pointer.ts';
import { publicKeyFingerprint } from '../../core/epoch/signing.ts';
import { keysOf, type TrustState } from '../../core/epoch/trust-state.ts';
import { acceptLatest, type TrustedLatest, type TrustSource } from '../../core/epoch/trusted-latest.ts';
import type { BloomFilter } from '../../core/filter/bloom-filter.ts';
import { shardEntry, shardMissing, verifyShard } from '../../core/filter/shard-verifier.ts';
import { assertManifestList, DEFAULT_LIST } from '../../core/lists/list-name.ts';
import { type EpochMembership, epochMembership } from '../../core/membership.ts';
import { assertSchemeApplies } from '../../core/phone/normalize.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { storeTrustSource } from '../../storage/trust-source.ts';
import { ByteLru } from './byte-lru.ts';
import { EpochFreshness, type FreshnessStatus } from './freshness.ts';
import { MemoryHighWater } from './high-water.ts';

export interface LoadedEpoch {
  /** The signed pointer it was accepted with; null for the saved state's epoch restored after a restart. */
  readonly pointer: EpochPointer | null;
  /** latest.json exactly as accepted (GET /v1/latest), or null (restored). */
  readonly pointerBytes: Uint8Array | null;
  /** The key the manifest is signed by: the key in force while it is served. */
  readonly signingKey: Uint8Array;
  readonly manifest: Manifest;
  /** manifest.json exactly as stored (verified), served by GET /v1/manifest. */
  readonly manifestBytes: Uint8Array;
  readonly manifestSha256: string;
  /** How this server answers POST /v1/check for the epoch; null in oprf mode (clients check locally). */
  readonly membership: EpochMembership | null;
}

export interface EpochCacheOptions {
  /** The list this cache serves (its store is that list's view); an epoch of another list is refused. */
  list?: string;
  publicKey: Uint8Array;
  hashKey?: Uint8Array;
  pointerTtlMs: number;
  shardCacheBytes: number;
  now?: () => number;
  /** Refuses older pointers (default: an in-memory high-water mark, alerts on stdout). */
  freshness?: EpochFreshness;
  /** Told when a shard fails to load (shard-readiness.ts checks it again). */
  onShardFailure?: (epoch: string, index: number) => void;
  /** Verified shards shared by every list's cache (keys are manifest hashes, so lists never mix); default: its own. */
  shards?: ByteLru<BloomFilter>;
}

export class EpochCache {
  readonly #store: ObjectStore;
  readonly #source: TrustSource;
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
    this.#shards = options.shards ?? new ByteLru(options.shardCacheBytes);
    this.#source = storeTrustSource(store);
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
    return publicKeyFingerprint(this.signingKey);
  }

  /** That key itself (the status page shows it: the value clients pin): the served epoch's, else the saved state's. */
  get signingKey(): Uint8Array {
    if (this.#state) return this.#state.signingKey;
    const saved = this.#freshness.trustState;
    return saved ? fromBase64(saved.signingKey, 'saved signing key') : this.#options.publicKey;
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
    const previous = this.#state;
    // The trust guard (freshness.ts): the pointer is accepted, or refused while `previous` (or after a
    // restart, the saved state's epoch) stays served.
    const pinned = this.#options.publicKey;
    const loaded = await this.#freshness.accept(pointerObject?.body ?? null, previous, toBase64(pinned), {
      verify: (pointerBytes, state) =>
        acceptLatest({
          pointerBytes,
          pinned,
          state,
          source: this.#source,
          now: this.#now(),
          held: 'the epoch already served',
          list: this.#options.list,
        }),
      load: (trusted, pointerBytes) => this.#loadEpoch(trusted, pointerBytes, previous),
      restore: (state) => this.#restore(state),
    });
    if (loaded === previous) {
      this.#checkedAt = this.#now();
      return previous;
    }
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

  /** An accepted pointer's epoch: the served one with its renewed pointer, or the new one, keyed. */
  async #loadEpoch(
    trusted: TrustedLatest,
    pointerBytes: Uint8Array,
    served: LoadedEpoch | null,
  ): Promise<LoadedEpoch> {
    if (served && served.manifestSha256 === trusted.manifestSha256) {
      return Object.freeze({ ...served, pointer: trusted.pointer, pointerBytes, signingKey: trusted.key });
    }
    const { manifest } = trusted.signed;
    assertSchemeApplies(manifest);
    return Object.freeze({
      pointer: trusted.pointer,
      pointerBytes,
      signingKey: trusted.key,
      manifest,
      manifestBytes: trusted.manifestBytes,
      manifestSha256: trusted.manifestSha256,
      membership:
        manifest.mode === 'oprf' ? null : epochMembership(manifest, { hashKey: this.#options.hashKey }),
    });
  }

  /**
   * After a restart with latest.json refused: the saved state's epoch, its manifest matched to the
   * saved hash and verified under the saved key that signed it (or along the chain from the saved key).
   * Null when it cannot be.
   */
  async #restore(state: TrustState): Promise<LoadedEpoch | null> {
    const object = await this.#store.get(manifestKey(state.epoch));
    if (!object) return null;
    const signed = parseSignedManifest(object.body);
    if (signed.manifest.epoch !== state.epoch || manifestSha256(signed.manifest) !== state.manifestSha256) {
      return null;
    }
    assertManifestList(signed.manifest, this.#options.list ?? DEFAULT_LIST);
    const saved = keysOf(state)
      .map((text) => fromBase64(text, 'saved key'))
      .find((candidate) => publicKeyFingerprint(candidate) === signed.signature.keyFingerprint);
    let key: Uint8Array;
    if (saved) {
      verifyManifestSignature(signed, saved);
      key = saved;
    } else {
      // A state saved before its key fields names only the configured key: follow the chain from it.
      const pinned = fromBase64(state.signingKey, 'saved key');
      key = (await verifyAlongKeyChain(signed, pinned, this.#source.manifest)).key;
    }
    const { manifest } = signed;
    assertSchemeApplies(manifest);
    return Object.freeze({
      pointer: null,
      pointerBytes: null,
      signingKey: key,
      manifest,
      manifestBytes: object.body,
      manifestSha256: state.manifestSha256,
      membership:
        manifest.mode === 'oprf' ? null : epochMembership(manifest, { hashKey: this.#options.hashKey }),
    });
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
