/**
 * Child process: one round of the side-by-side comparison over the same n E.164 strings:
 * - a bare HMAC-SHA-256 loop (node:crypto, one core): the cost floor of any keyed build;
 * - the keyed hash alone, side by side: node:crypto's createHmac, our JavaScript HMAC (short-hmac.ts)
 *   and the native batch HMAC (OpenSSL inside Node, when the addon is built), on the same strings;
 * - our BloomFilter with the keyed hash (digest + add, digest + has), as the builder and clients use it;
 * - our BloomFilter alone, from digests computed beforehand and stored in one block (add, has);
 * - the npm `bloom-filters` BloomFilter.create(n, ε) (add, has on the strings).
 * Lookups query members, so ours probes all k bits (its slowest case). Rates are per CPU second.
 */
import { createHmac, createSecretKey } from 'node:crypto';
import bloomFilters from 'bloom-filters';
import { createBatchHmac } from '../../src/builder/hashing/batch-hmac.ts';
import { createKeyedHasher } from '../../src/core/digest/keyed-hash.ts';
import { BloomFilter } from '../../src/core/filter/bloom-filter.ts';
import { bloomParameters } from '../../src/core/filter/sizing.ts';
import { BENCH_HASH_KEY } from '../support/bench-key.ts';
import { SyntheticNumbers } from '../support/synthetic-numbers.ts';
import { collectGarbage, type Timing, timeOf } from '../support/timing.ts';
import { serveChild } from './child-process.ts';

const FILTER_ONLY_REPEATS = 3;

export interface PeersTask {
  size: number;
  seed: number;
  falsePositiveRate: number;
  /** Lookups timed on the peer (a prefix of the members): it is slow, and a rate needs no more. */
  peerLookups: number;
}

export interface PeersOutcome {
  hmac: Timing;
  /** The keyed hash alone over the same strings: JavaScript, and native when built (else undefined). */
  keyedHash: { javascript: Timing; native?: Timing };
  oursKeyed: { add: Timing; has: Timing };
  /** Repeated FILTER_ONLY_REPEATS times, each time into a new filter. */
  oursFilterOnly: { add: Timing[]; has: Timing[] };
  peer: { add: Timing; has: Timing; lookups: number; bitCount: number; hashCount: number };
  /** Members found, per structure: must equal the queries (no false negatives). */
  membersFound: { oursKeyed: number; oursFilterOnly: number; peer: number };
}

async function runPeers(task: PeersTask): Promise<PeersOutcome> {
  const numbers = new SyntheticNumbers(task.seed);
  const strings = Array.from({ length: task.size }, (_, i) => numbers.e164(i));
  const parameters = bloomParameters(strings.length, task.falsePositiveRate);
  // The key imported once, as the builder's hasher does: the fastest plain createHmac loop.
  const secret = createSecretKey(BENCH_HASH_KEY);
  const hasher = createKeyedHasher(BENCH_HASH_KEY);
  let sink = 0;
  const piece = (work: () => void) => {
    collectGarbage();
    return timeOf(work);
  };

  const hmac = piece(() => {
    for (const s of strings) sink ^= createHmac('sha256', secret).update(s).digest()[0]!;
  });

  const javascriptHash = piece(() => {
    for (const s of strings) sink ^= hasher.digest(s)[0]!;
  });
  const batch = createBatchHmac(BENCH_HASH_KEY);
  const out = new Uint8Array(4096 * 32);
  const nativeHash =
    batch.backend === 'openssl'
      ? piece(() => {
          // In batches of 4,096, as the builder's threads hash.
          for (let start = 0; start < strings.length; start += 4096) {
            const slice = strings.slice(start, start + 4096);
            batch.digestMany(slice, slice.length, out);
            sink ^= out[0]!;
          }
        })
      : undefined;

  const keyed = new BloomFilter(parameters);
  const keyedAdd = piece(() => {
    for (const s of strings) keyed.add(hasher.digest(s));
  });
  let keyedFound = 0;
  const keyedHas = piece(() => {
    for (const s of strings) if (keyed.has(hasher.digest(s))) keyedFound++;
  });

  const digests = contiguousDigests(strings.map((s) => hasher.digest(s)));
  // These pieces take well under a second: repeated, so that a busy moment does not decide them.
  const plainAdd: Timing[] = [];
  const plainHas: Timing[] = [];
  let plainFound = 0;
  for (let repeat = 0; repeat < FILTER_ONLY_REPEATS; repeat++) {
    const plain = new BloomFilter(parameters);
    plainAdd.push(
      piece(() => {
        for (const digest of digests) plain.add(digest);
      }),
    );
    plainFound = 0;
    plainHas.push(
      piece(() => {
        for (const digest of digests) if (plain.has(digest)) plainFound++;
      }),
    );
  }

  const peer = bloomFilters.BloomFilter.create(strings.length, task.falsePositiveRate);
  const peerAdd = piece(() => {
    for (const s of strings) peer.add(s);
  });
  const lookups = strings.slice(0, Math.min(strings.length, task.peerLookups));
  let peerFound = 0;
  const peerHas = piece(() => {
    for (const s of lookups) if (peer.has(s)) peerFound++;
  });

  if (sink === -1) console.log(sink);
  return {
    hmac,
    keyedHash: { javascript: javascriptHash, ...(nativeHash ? { native: nativeHash } : {}) },
    oursKeyed: { add: keyedAdd, has: keyedHas },
    oursFilterOnly: { add: plainAdd, has: plainHas },
    peer: {
      add: peerAdd,
      has: peerHas,
      lookups: lookups.length,
      bitCount: peer.size,
      hashCount: peer._nbHashes,
    },
    membersFound: { oursKeyed: keyedFound, oursFilterOnly: plainFound, peer: peerFound },
  };
}

/**
 * Precomputed digests as Buffer views into one block, as the builder replays them (digest-spill.ts).
 * Buffers like the hasher's own output, so add/has stay monomorphic as they are in the builder.
 */
function contiguousDigests(digests: Uint8Array[]): Uint8Array[] {
  const width = digests[0]?.length ?? 0;
  const block = Buffer.alloc(digests.length * width);
  return digests.map((digest, i) => {
    block.set(digest, i * width);
    return block.subarray(i * width, (i + 1) * width);
  });
}

serveChild(runPeers);
