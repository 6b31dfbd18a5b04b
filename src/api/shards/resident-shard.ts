/**
 * One verified shard held in memory, answering lookups of digest heads routed to it: the state of a
 * shard-resident Durable Object (worker/shard-object.ts), runtime-neutral so Node tests run it too.
 *
 * Trust: the holder is addressed by (list, epoch id, manifest SHA-256, shard index), which the worker
 * takes from an epoch whose signature its epoch cache verified (a list's files are under its prefix,
 * storage/list-store.ts; its manifest must name it). The holder reads that epoch's manifest from
 * storage and uses it only if its SHA-256 is the one it was addressed by (so it is the verified
 * manifest, byte for byte in its canonical form), then verifies the shard against it
 * (core/filter/shard-verifier.ts: size, SHA-256, header). Nothing is answered before both checks pass;
 * a failed load is not kept, so the next request tries again. A holder serves one address for its
 * life: a request for another is refused, as is a digest whose prefix belongs to another shard (a
 * routing error answered "not listed" would be a false negative).
 *
 * Waking: a holder given `copies` (its Durable Object's own SQLite storage, shard-copies.ts) keeps the
 * two files it verified there, and after a hibernation reads them from there rather than from the
 * bucket, through the very same checks; a copy that fails them is dropped and the bucket read again.
 */
import type { Sha256Hex } from '../../core/encoding/bytes.ts';
import { type Manifest, manifestSha256, parseSignedManifest } from '../../core/epoch/manifest.ts';
import { epochPrefix, manifestKey } from '../../core/epoch/pointer.ts';
import { groupOfPosition } from '../../core/epoch/shard-layout.ts';
import { type ErrorCode, QuietlistError } from '../../core/errors.ts';
import type { BloomFilter } from '../../core/filter/bloom-filter.ts';
import { shardEntry, shardMissing, verifyShard } from '../../core/filter/shard-verifier.ts';
import { shardOf } from '../../core/filter/sharding.ts';
import { assertListName, assertManifestList, DEFAULT_LIST } from '../../core/lists/list-name.ts';
import { listStore } from '../../storage/list-store.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { unpackDigestHeads } from './packed-digests.ts';
import type { ShardCopies } from './shard-copies.ts';

export interface ShardAddress {
  /** The list the epoch belongs to (absent: the root list, `default`): where its files are in the store. */
  list?: string;
  epoch: string;
  manifestSha256: string;
  /** The shard's manifest position (core/epoch/shard-layout.ts: its index unless partitioned). */
  index: number;
}

export interface ResidentRequest extends ShardAddress {
  /** 12-byte digest heads, packed (packed-digests.ts); empty to load and verify only (warm-up). */
  heads: Uint8Array;
}

/** Plain data, so it crosses Workers RPC as is (an error's code would not). */
export type ResidentAnswer =
  | { ok: true; listed: Uint8Array; bytesRead: number }
  | { ok: false; code: ErrorCode; message: string };

/** The name of the holder of an address: one Durable Object per (manifest, shard). */
export function residentName(address: ShardAddress): string {
  const list = address.list ?? DEFAULT_LIST;
  return list === DEFAULT_LIST
    ? `${address.manifestSha256}/${address.index}`
    : `${list}/${address.manifestSha256}/${address.index}`;
}

interface Loaded {
  filter: BloomFilter;
  /** The prefix bits of the shard's group (its partition's in a partitioned epoch), and its index there. */
  prefixBits: number;
  indexInGroup: number;
  /** Bytes read from the bucket to load it (0 from the holder's own copy). */
  bytesRead: number;
}

export interface ResidentShardOptions {
  /** Where the verified files are kept across hibernations (absent: memory only). */
  copies?: ShardCopies;
  /** Told once the files were copied (the Durable Object schedules the copies' clean-up). */
  onCopied?: () => void;
}

export class ResidentShard {
  readonly #store: ObjectStore;
  readonly #sha256: Sha256Hex;
  readonly #options: ResidentShardOptions;
  #address: ShardAddress | null = null;
  #loaded: Loaded | null = null;
  #loading: Promise<Loaded> | null = null;

  constructor(store: ObjectStore, sha256: Sha256Hex, options: ResidentShardOptions = {}) {
    this.#store = store;
    this.#sha256 = sha256;
    this.#options = options;
  }

  /** Whether the shard is in memory (tests, and the object's own accounting). */
  get resident(): boolean {
    return this.#loaded !== null;
  }

  async answer(request: ResidentRequest): Promise<ResidentAnswer> {
    try {
      const address = this.#bind(request);
      let bytesRead = 0;
      let loaded = this.#loaded;
      if (!loaded) {
        const first = this.#loading === null;
        this.#loading ??= this.#load(address).finally(() => {
          this.#loading = null;
        });
        loaded = await this.#loading;
        // Only the request that started the load read the bytes (the others waited for it).
        if (first) bytesRead = loaded.bytesRead;
      }
      const heads = unpackDigestHeads(request.heads);
      const listed = new Uint8Array(heads.length);
      for (let i = 0; i < heads.length; i++) {
        const head = heads[i]!;
        if (shardOf(head, loaded.prefixBits) !== loaded.indexInGroup) {
          throw new QuietlistError(
            'INVALID_ARGUMENT',
            `digest ${i} belongs to another shard than ${address.index}`,
          );
        }
        listed[i] = loaded.filter.has(head) ? 1 : 0;
      }
      return { ok: true, listed, bytesRead };
    } catch (error) {
      if (error instanceof QuietlistError) return { ok: false, code: error.code, message: error.message };
      throw error;
    }
  }

  #bind(request: ResidentRequest): ShardAddress {
    const { epoch, manifestSha256: sha256, index } = request;
    const list = request.list ?? DEFAULT_LIST;
    if (!this.#address) this.#address = { list: assertListName(list), epoch, manifestSha256: sha256, index };
    const bound = this.#address;
    if (
      bound.list !== list ||
      bound.epoch !== epoch ||
      bound.manifestSha256 !== sha256 ||
      bound.index !== index
    ) {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `this shard holder serves ${residentName(bound)}, not ${residentName(request)}`,
      );
    }
    return bound;
  }

  async #load(address: ShardAddress): Promise<Loaded> {
    const { copies, onCopied } = this.#options;
    const names = { manifest: `${residentName(address)}/manifest`, shard: `${residentName(address)}/shard` };
    const copiedManifest = copies?.get(names.manifest);
    const copiedShard = copiedManifest && copies?.get(names.shard);
    if (copies && copiedManifest && copiedShard) {
      try {
        const manifest = this.#verifiedManifest(address, copiedManifest);
        return this.#keep(await this.#verifiedShard(address, manifest, copiedShard), 0);
      } catch {
        copies.clear(); // a copy that fails the checks is never used: the bucket is read again
      }
    }
    const store = listStore(this.#store, address.list ?? DEFAULT_LIST);
    const manifestObject = await store.get(manifestKey(address.epoch));
    if (!manifestObject) {
      throw new QuietlistError('MANIFEST_INVALID', `the manifest of epoch ${address.epoch} is missing`);
    }
    const manifest = this.#verifiedManifest(address, manifestObject.body);
    const entry = shardEntry(manifest, address.index);
    const object = await store.get(`${epochPrefix(manifest.epoch)}${entry.path}`);
    if (!object) throw shardMissing(manifest, entry);
    const verified = await this.#verifiedShard(address, manifest, object.body);
    if (copies) {
      try {
        copies.put(names.manifest, manifestObject.body);
        copies.put(names.shard, object.body);
        onCopied?.();
      } catch {
        copies.clear(); // only a faster wake is lost: the next one reads the bucket
      }
    }
    return this.#keep(verified, manifestObject.body.length + object.body.length);
  }

  #keep(verified: Omit<Loaded, 'bytesRead'>, bytesRead: number): Loaded {
    this.#loaded = { ...verified, bytesRead };
    return this.#loaded;
  }

  /** The manifest, parsed strictly, if it is the one addressed (its SHA-256 is the verified one's). */
  #verifiedManifest(address: ShardAddress, bytes: Uint8Array): Manifest {
    const { manifest } = parseSignedManifest(bytes);
    if (manifest.epoch !== address.epoch || manifestSha256(manifest) !== address.manifestSha256) {
      throw new QuietlistError(
        'MANIFEST_INVALID',
        `the manifest of epoch ${address.epoch} in storage is not the verified one`,
      );
    }
    assertManifestList(manifest, address.list ?? DEFAULT_LIST);
    return manifest;
  }

  async #verifiedShard(
    address: ShardAddress,
    manifest: Manifest,
    bytes: Uint8Array,
  ): Promise<Omit<Loaded, 'bytesRead'>> {
    const filter = await verifyShard(manifest, address.index, bytes, this.#sha256);
    // A partitioned epoch's shard is addressed by its manifest position; its digests are routed by its
    // partition's prefix bits to its index within the partition (docs/FORMAT.md §1.4).
    const group = groupOfPosition(manifest, address.index);
    return { filter, prefixBits: group.shardPrefixBits, indexInGroup: address.index - group.first };
  }
}
