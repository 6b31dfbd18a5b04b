/**
 * One verified shard held in memory, answering lookups of digest heads routed to it: the state of a
 * shard-resident Durable Object (worker/shard-object.ts), runtime-neutral so Node tests run it too.
 *
 * Trust: the holder is addressed by (epoch id, manifest SHA-256, shard index), which the worker takes
 * from an epoch whose signature its epoch cache verified. The holder reads that epoch's manifest from
 * storage and uses it only if its SHA-256 is the one it was addressed by (so it is the verified
 * manifest, byte for byte in its canonical form), then verifies the shard against it
 * (core/filter/shard-verifier.ts: size, SHA-256, header). Nothing is answered before both checks pass;
 * a failed load is not kept, so the next request tries again. A holder serves one address for its
 * life: a request for another is refused, as is a digest whose prefix belongs to another shard (a
 * routing error answered "not listed" would be a false negative).
 */
import type { Sha256Hex } from '../../core/encoding/bytes.ts';
import { manifestSha256, parseSignedManifest } from '../../core/epoch/manifest.ts';
import { epochPrefix, manifestKey } from '../../core/epoch/pointer.ts';
import { type ErrorCode, QuietlistError } from '../../core/errors.ts';
import type { BloomFilter } from '../../core/filter/bloom-filter.ts';
import { shardEntry, shardMissing, verifyShard } from '../../core/filter/shard-verifier.ts';
import { shardOf } from '../../core/filter/sharding.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { unpackDigestHeads } from './packed-digests.ts';

export interface ShardAddress {
  epoch: string;
  manifestSha256: string;
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
  return `${address.manifestSha256}/${address.index}`;
}

interface Loaded {
  filter: BloomFilter;
  prefixBits: number;
  bytesRead: number;
}

export class ResidentShard {
  readonly #store: ObjectStore;
  readonly #sha256: Sha256Hex;
  #address: ShardAddress | null = null;
  #loaded: Loaded | null = null;
  #loading: Promise<Loaded> | null = null;

  constructor(store: ObjectStore, sha256: Sha256Hex) {
    this.#store = store;
    this.#sha256 = sha256;
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
        if (shardOf(head, loaded.prefixBits) !== address.index) {
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
    if (!this.#address) this.#address = { epoch, manifestSha256: sha256, index };
    const bound = this.#address;
    if (bound.epoch !== epoch || bound.manifestSha256 !== sha256 || bound.index !== index) {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `this shard holder serves ${residentName(bound)}, not ${residentName(request)}`,
      );
    }
    return bound;
  }

  async #load(address: ShardAddress): Promise<Loaded> {
    const manifestObject = await this.#store.get(manifestKey(address.epoch));
    if (!manifestObject) {
      throw new QuietlistError('MANIFEST_INVALID', `the manifest of epoch ${address.epoch} is missing`);
    }
    // Parsed strictly (every field checked); trusted only as the manifest whose SHA-256 was verified.
    const { manifest } = parseSignedManifest(manifestObject.body);
    if (manifest.epoch !== address.epoch || manifestSha256(manifest) !== address.manifestSha256) {
      throw new QuietlistError(
        'MANIFEST_INVALID',
        `the manifest of epoch ${address.epoch} in storage is not the verified one`,
      );
    }
    const entry = shardEntry(manifest, address.index);
    const object = await this.#store.get(`${epochPrefix(manifest.epoch)}${entry.path}`);
    if (!object) throw shardMissing(manifest, entry);
    const filter = await verifyShard(manifest, address.index, object.body, this.#sha256);
    const loaded = {
      filter,
      prefixBits: manifest.filter.shardPrefixBits,
      bytesRead: manifestObject.body.length + object.body.length,
    };
    this.#loaded = loaded;
    return loaded;
  }
}
