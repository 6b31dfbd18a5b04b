/**
 * Every list the server serves, each with what it needs of its own (docs/API.md, "Lists"): the list's
 * view of the store (storage/list-store.ts), an epoch cache with its own trust state (pointer, key
 * chain, high-water mark), the published chain, shard readiness, its additions view, and its keys
 * (the default list's configured ones; the others derived from the list seed, core/lists/list-keys.ts).
 * The default list is made at start; the others when first asked for (a list not built yet answers
 * 503 NO_EPOCH like an empty store). Verified shards of every list share one memory budget.
 */
import type { VerifiedEpoch } from '../../core/additions/additions-chain.ts';
import type { BloomFilter } from '../../core/filter/bloom-filter.ts';
import { listHashKey, listOprfKeyInfo } from '../../core/lists/list-keys.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import type { OprfBackend } from '../../oprf/types.ts';
import { listStore } from '../../storage/list-store.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { AdditionsView } from '../additions/additions-view.ts';
import type { AdditionsSequencer } from '../additions/sequencer.ts';
import type { ApiConfig } from '../config.ts';
import { ByteLru } from '../epochs/byte-lru.ts';
import { EpochCache } from '../epochs/epoch-cache.ts';
import { EpochFreshness, type FreshnessAlert } from '../epochs/freshness.ts';
import type { HighWaterStore } from '../epochs/high-water.ts';
import type { HeldOprfKeys } from '../epochs/oprf-keys.ts';
import { PublishedEpochs } from '../epochs/published.ts';
import { ShardReadiness } from '../epochs/shard-readiness.ts';
import { CachedShardLookup } from '../shards/cached-shard-lookup.ts';
import type { ShardLookup } from '../shards/shard-lookup.ts';

export interface ListContext {
  name: string;
  /** The list's view of the store. */
  store: ObjectStore;
  epochs: EpochCache;
  published: PublishedEpochs;
  readiness: ShardReadiness;
  additions: AdditionsView;
  /** Where POST …/check looks this list's shards up (memory, or shard-resident Durable Objects). */
  shards: ShardLookup;
  /** The OPRF keys that evaluate this list's elements (null: none configured for it). */
  oprfKeys(backend: OprfBackend): HeldOprfKeys | null;
}

export interface ListRegistryDependencies {
  store: ObjectStore;
  config: ApiConfig;
  now: () => number;
  /** The trust state of a list (default list: the deployment's existing one). */
  highWater: (list: string) => HighWaterStore;
  alert: (entry: FreshnessAlert) => void;
  additions?: AdditionsSequencer;
  /** A list's shard lookups over its epoch cache (default: that cache's verified shards in memory). */
  shards?: (epochs: EpochCache, list: string) => ShardLookup;
  log: (line: string) => void;
}

/** Lists held at once: each costs a few small objects (its shards share the one budget). */
const MAX_LISTS = 10_000;

export class ListRegistry {
  readonly default: ListContext;
  readonly #deps: ListRegistryDependencies;
  readonly #lists = new Map<string, ListContext>();
  readonly #shards: ByteLru<BloomFilter>;

  constructor(deps: ListRegistryDependencies) {
    this.#deps = deps;
    this.#shards = new ByteLru(deps.config.shardCacheBytes);
    this.default = this.get(DEFAULT_LIST);
  }

  /** The list `name` (a valid list name: callers check it, and whether the caller may use it). */
  get(name: string): ListContext {
    let list = this.#lists.get(name);
    if (!list) {
      if (this.#lists.size >= MAX_LISTS) this.#lists.clear();
      list = this.#create(name);
      this.#lists.set(name, list);
    }
    return list;
  }

  #create(name: string): ListContext {
    const { config, now } = this.#deps;
    const store = listStore(this.#deps.store, name);
    const readiness = new ShardReadiness(store);
    const seed = config.listSeed;
    const derived = name !== DEFAULT_LIST;
    const sequencer = this.#deps.additions;
    let oprfKey: Uint8Array | undefined;
    const epochs = new EpochCache(store, {
      list: name,
      publicKey: config.publicKey,
      hashKey: derived ? (seed ? listHashKey(seed, name) : undefined) : config.hashKey,
      pointerTtlMs: config.pointerTtlMs,
      shardCacheBytes: config.shardCacheBytes,
      shards: this.#shards,
      now,
      freshness: new EpochFreshness({
        highWater: this.#deps.highWater(name),
        alert: this.#deps.alert,
        now,
      }),
      onShardFailure: (epoch, index) => readiness.shardFailed(epoch, index),
    });
    return {
      name,
      store,
      readiness,
      published: new PublishedEpochs(store),
      epochs,
      shards: this.#deps.shards?.(epochs, name) ?? new CachedShardLookup(epochs),
      additions: new AdditionsView(store, {
        refreshMs: config.additionsRefreshMs,
        now,
        log: this.#deps.log,
        ...(sequencer && config.additionsKey
          ? { onEpoch: (epoch: VerifiedEpoch) => sequencer.sync(epoch) }
          : {}),
      }),
      oprfKeys: (backend) => {
        if (!derived) return config.oprfKey ? config : null;
        if (!seed) return null;
        oprfKey ??= backend.deriveKeyPair(seed, listOprfKeyInfo(seed, name)).secretKey;
        return { oprfKey };
      },
    };
  }
}
