/**
 * A secret-mode epoch of `size` synthetic NANP numbers, built from the project's own pieces without
 * the row pipeline: each number is already canonical E.164 and its own only reading's key (checked on a
 * sample against the shared reader, so the filter holds exactly the digests a check derives), so the
 * only per-number work is the keyed hash (core/digest) and the Bloom insert (core/filter). Digest heads
 * are bucketed by shard in temporary files, each shard is sized and filled as the builder sizes and fills it
 * (core/filter/sizing.ts, allocateFilterFile), and the epoch is signed and published with the builder's
 * own publishEpoch. At 250M numbers the row pipeline spends about 10 µs per number parsing NANP
 * numbers; this path spends about 1.2 µs, which is what makes a US-sized epoch buildable on two cores.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { publishEpoch } from '../../src/builder/publish-epoch.ts';
import { GEOMETRY_HEADROOM } from '../../src/builder/shard-geometry.ts';
import { createKeyedHasher, HASH_SCHEME, hashKeyId } from '../../src/core/digest/keyed-hash.ts';
import { sha256Hex } from '../../src/core/encoding/bytes.ts';
import { newEpochId } from '../../src/core/epoch/epoch-id.ts';
import { type Manifest, type SignedManifest, signManifest } from '../../src/core/epoch/manifest.ts';
import type { SigningKeyPair } from '../../src/core/epoch/signing.ts';
import { DIGEST_MIN_BYTES } from '../../src/core/filter/bloom-filter.ts';
import { allocateFilterFile } from '../../src/core/filter/format.ts';
import { shardFileName, shardOf } from '../../src/core/filter/sharding.ts';
import { bloomParameters, shardPrefixBits } from '../../src/core/filter/sizing.ts';
import {
  NORMALIZATION_LIBRARY,
  NORMALIZATION_SCHEME,
  NORMALIZATION_VERSION,
  readPhone,
} from '../../src/core/phone/normalize.ts';
import type { ObjectStore } from '../../src/storage/object-store.ts';
import type { SyntheticNanpNumbers } from '../support/nanp-numbers.ts';

const RATE = 1e-6;
const BUFFER_RECORDS = 65_536;
const CANONICAL_SAMPLE = 10_000;

export interface DirectEpochJob {
  numbers: SyntheticNanpNumbers;
  size: number;
  hashKey: Uint8Array;
  signingKeys: SigningKeyPair;
  store: ObjectStore;
  tempDirectory: string;
  log: (line: string) => void;
}

/** Buffered writers of 12-byte digest heads, one temporary file per shard. */
class ShardBuckets {
  readonly #directory: string;
  readonly #fds: number[];
  readonly #buffers: Buffer[];
  readonly #used: number[];
  readonly counts: number[];

  constructor(tempDirectory: string, shards: number) {
    this.#directory = mkdtempSync(join(tempDirectory, 'quietlist-edge-epoch-'));
    this.#fds = Array.from({ length: shards }, (_, i) => openSync(this.#path(i), 'w+', 0o600));
    this.#buffers = Array.from({ length: shards }, () =>
      Buffer.allocUnsafe(BUFFER_RECORDS * DIGEST_MIN_BYTES),
    );
    this.#used = new Array(shards).fill(0);
    this.counts = new Array(shards).fill(0);
  }

  #path(shard: number): string {
    return join(this.#directory, `shard-${shard}.bin`);
  }

  append(shard: number, digest: Uint8Array): void {
    const buffer = this.#buffers[shard]!;
    if (this.#used[shard] === buffer.length) this.#flush(shard);
    buffer.set(digest.subarray(0, DIGEST_MIN_BYTES), this.#used[shard]);
    this.#used[shard]! += DIGEST_MIN_BYTES;
    this.counts[shard]!++;
  }

  #flush(shard: number): void {
    const buffer = this.#buffers[shard]!;
    let written = 0;
    while (written < this.#used[shard]!) {
      written += writeSync(this.#fds[shard]!, buffer, written, this.#used[shard]! - written);
    }
    this.#used[shard] = 0;
  }

  /** Every digest head of one shard, in insertion order. */
  replay(shard: number, visit: (head: Uint8Array) => void): void {
    this.#flush(shard);
    const buffer = this.#buffers[shard]!;
    for (let position = 0; ; ) {
      const read = readSync(this.#fds[shard]!, buffer, 0, buffer.length, position);
      if (read === 0) return;
      position += read;
      for (let offset = 0; offset + DIGEST_MIN_BYTES <= read; offset += DIGEST_MIN_BYTES) {
        visit(buffer.subarray(offset, offset + DIGEST_MIN_BYTES));
      }
    }
  }

  dispose(): void {
    for (const fd of this.#fds) closeSync(fd);
    rmSync(this.#directory, { recursive: true, force: true });
  }
}

export async function buildDirectEpoch(job: DirectEpochJob): Promise<SignedManifest> {
  const { numbers, size } = job;
  for (let i = 0; i < Math.min(size, CANONICAL_SAMPLE); i++) {
    const index = Math.floor((i * size) / Math.min(size, CANONICAL_SAMPLE));
    const e164 = numbers.e164(index);
    // Scheme 3: one valid reading whose key is the number itself (NANP is no shared plan).
    const read = readPhone(e164, 'US');
    if (!read.ok || !read.valid || read.readings.length !== 1 || read.readings[0]!.key !== e164) {
      throw new Error(`synthetic number ${index} is not its own only key in region US`);
    }
  }
  const hasher = createKeyedHasher(job.hashKey);
  const headroom = 1 + GEOMETRY_HEADROOM;
  const prefixBits = shardPrefixBits(size * headroom, RATE);
  const shardCount = 2 ** prefixBits;
  const buckets = new ShardBuckets(job.tempDirectory, shardCount);
  const started = performance.now();
  try {
    for (let i = 0; i < size; i++) {
      const digest = hasher.digest(numbers.e164(i));
      buckets.append(shardOf(digest, prefixBits), digest);
      if ((i + 1) % 10_000_000 === 0) {
        job.log(
          `edge epoch: ${(i + 1) / 1e6}M hashed in ${((performance.now() - started) / 1000).toFixed(0)} s`,
        );
      }
    }
    const shards = [];
    let duplicates = 0;
    for (let index = 0; index < shardCount; index++) {
      const parameters = bloomParameters(Math.ceil(buckets.counts[index]! * headroom), RATE);
      const { filter, finish } = allocateFilterFile(parameters);
      let distinct = 0;
      buckets.replay(index, (head) => {
        if (filter.add(head)) duplicates++;
        else distinct++;
      });
      const file = finish({
        filter,
        shardIndex: index,
        shardPrefixBits: prefixBits,
        entries: distinct,
        falsePositiveRate: RATE,
      });
      shards.push({ index, path: shardFileName(index), file, entries: distinct, ...parameters });
    }
    job.log(
      `edge epoch: ${shardCount} shards filled in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    const now = new Date();
    const epoch = newEpochId(now);
    const manifest: Manifest = {
      format: 'quietlist-manifest',
      version: 1,
      epoch,
      createdAt: now.toISOString(),
      previous: null,
      mode: 'secret',
      hash: { scheme: HASH_SCHEME, keyId: hashKeyId(job.hashKey) },
      normalization: {
        library: NORMALIZATION_LIBRARY,
        version: NORMALIZATION_VERSION,
        scheme: NORMALIZATION_SCHEME,
        defaultRegion: 'US',
      },
      filter: {
        type: 'bloom',
        formatVersion: 1,
        indexScheme: 'edh32',
        falsePositiveRate: RATE,
        shardPrefixBits: prefixBits,
        geometrySince: epoch,
      },
      shards: await Promise.all(
        shards.map(async (shard) => ({
          index: shard.index,
          path: shard.path,
          bytes: shard.file.length,
          entries: shard.entries,
          bitCount: shard.bitCount,
          hashCount: shard.hashCount,
          sha256: await sha256Hex(shard.file),
        })),
      ),
      counts: { rows: size, accepted: size, rejected: 0, duplicates, expired: 0, entries: size - duplicates },
      validity: null,
    };
    const signed = signManifest(manifest, job.signingKeys.secretKey, job.signingKeys.publicKey);
    await publishEpoch(job.store, { signed, shards }, null, { keys: job.signingKeys });
    return signed;
  } finally {
    buckets.dispose();
  }
}
