/**
 * The lookup paths of POST /v1/check on Node (src/api/shards): shard holders (the code each
 * shard-resident Durable Object runs, here in-process) answer exactly as the whole-epoch classifier
 * (createNumberClassifier over every verified shard, the scrub's path) for members, non-members,
 * invalid values and values with several readings (each reading asked of its own shard, listed if
 * any is); they answer only from a shard
 * verified against the manifest whose SHA-256 they were addressed by; a batch started before an epoch
 * switch answers wholly from its own epoch; and the `serve` app (the in-memory path) agrees too.
 * test/worker/shard-residents.test.ts runs the same through real Durable Objects inside workerd.
 */
import { DatabaseSync } from 'node:sqlite';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/app.ts';
import { generateApiKey, hashApiKey, writeSubscriber } from '../../../src/api/auth/subscribers.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import { EpochCache, type LoadedEpoch } from '../../../src/api/epochs/epoch-cache.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { CachedShardLookup } from '../../../src/api/shards/cached-shard-lookup.ts';
import {
  DurableObjectShardLookup,
  type ResidentShardDirectory,
} from '../../../src/api/shards/durable-object-lookup.ts';
import { packDigestHeads } from '../../../src/api/shards/packed-digests.ts';
import { ResidentShard } from '../../../src/api/shards/resident-shard.ts';
import { COPY_PART_BYTES, SqlShardCopies } from '../../../src/api/shards/shard-copies.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { sha256Hex } from '../../../src/core/encoding/bytes.ts';
import { epochPrefix, LATEST_POINTER_KEY } from '../../../src/core/epoch/pointer.ts';
import { crc32 } from '../../../src/core/filter/crc32.ts';
import { FilterSet } from '../../../src/core/filter/shard-set.ts';
import { verifyShard } from '../../../src/core/filter/shard-verifier.ts';
import { shardOf } from '../../../src/core/filter/sharding.ts';
import {
  type CheckResult,
  checkNumbersByShard,
  createNumberClassifier,
  keyNumber,
} from '../../../src/core/membership.ts';
import { REJECT_REASON_TEXT } from '../../../src/core/phone/reject-reasons.ts';
import type { ObjectStore } from '../../../src/storage/object-store.ts';
import { MemoryStore } from '../../worker/helpers/memory-store.ts';
import { seedEpoch, syntheticNumbers, testKeys } from './helpers/seed-epoch.ts';

const keys = testKeys();

/** The shard with one bit of its array flipped and its CRC-32 recomputed: only the SHA-256 can tell. */
function withValidCrc(file: Uint8Array, byte: number): Uint8Array {
  const tampered = file.slice();
  tampered[byte]! ^= 0x10;
  new DataView(tampered.buffer).setUint32(
    tampered.length - 4,
    crc32(tampered.subarray(0, tampered.length - 4)),
    true,
  );
  return tampered;
}
const listedFirst = syntheticNumbers(600, 0);
const listedSecond = syntheticNumbers(600, 40_000);
const unlisted = syntheticNumbers(300, 80_000);
const invalid = ['', 'not a number', '0199', '+3361200000000000', '06 12 / 07 13 14 15 16'];
// "5084NNNNN" reads as +508 4N NN NN (its "+" lost) and as 05 08 4N NN NN (its 0 lost): the first
// epoch registers some under one spelling, some under the other; the rest are listed under neither.
const twoReadings = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `5084${String(from + i).padStart(5, '0')}`);
const registeredAsSpm = twoReadings(10_000, 40).map((value) => `+508 ${value.slice(3)}`);
const registeredAsFrench = twoReadings(20_000, 40).map((value) => `0${value}`);
const ambiguous = [...twoReadings(10_000, 40), ...twoReadings(20_000, 40), ...twoReadings(30_000, 40)];
const mixed = [
  ...listedFirst.slice(0, 200),
  ...unlisted,
  ...invalid,
  ...ambiguous,
  '+33 0 99 00 12 34', // no valid reading
  ...listedSecond.slice(0, 50),
];

const store = new MemoryStore();
let firstLatest: Uint8Array;
let secondLatest: Uint8Array;

beforeAll(async () => {
  await seedEpoch(store, {
    keys,
    numbers: [...listedFirst, ...registeredAsSpm, ...registeredAsFrench],
    mode: 'secret',
    shardMaxBytes: 4096,
    now: new Date('2026-11-27T02:00:00Z'),
  });
  firstLatest = (await store.get(LATEST_POINTER_KEY))!.body;
  await seedEpoch(store, {
    keys,
    numbers: listedSecond,
    mode: 'secret',
    shardMaxBytes: 4096,
    now: new Date('2026-11-28T02:00:00Z'),
  });
  secondLatest = (await store.get(LATEST_POINTER_KEY))!.body;
  await store.put(LATEST_POINTER_KEY, firstLatest);
});

function epochCache(now = () => 0) {
  return new EpochCache(store, {
    publicKey: keys.signing.publicKey,
    hashKey: keys.hashKey,
    pointerTtlMs: 0,
    shardCacheBytes: 1e9,
    now,
  });
}

/**
 * The reference: every shard of the epoch read and verified directly into one FilterSet, each value
 * classified by createNumberClassifier (the scrub's path, which asks no shard by itself).
 */
async function oldAnswers(epoch: LoadedEpoch, numbers: string[], from: ObjectStore = store) {
  const filters = await Promise.all(
    epoch.manifest.shards.map(async (entry, index) => {
      const object = await from.get(`${epochPrefix(epoch.manifest.epoch)}${entry.path}`);
      return verifyShard(epoch.manifest, index, object!.body, sha256Hex);
    }),
  );
  const classify = createNumberClassifier(epoch.membership!, FilterSet.atPositions(filters));
  return numbers.map((raw): CheckResult => {
    const verdict = classify(raw);
    if (verdict === 'listed' || verdict === 'not_listed') return { status: verdict };
    return { status: 'invalid', reason: verdict, message: REJECT_REASON_TEXT[verdict] };
  });
}

/** The digest of a value with one reading (the synthetic +336120… numbers). */
function digestOf(epoch: LoadedEpoch, raw: string): Uint8Array {
  const keyed = keyNumber(epoch.membership!, raw);
  if (typeof keyed === 'string' || keyed.lookups.length !== 1) throw new Error('expected one reading');
  return keyed.lookups[0]!.digest;
}

/** In-process shard holders by name, as Durable Objects would be (one per manifest and shard). */
function localDirectory(from: ObjectStore = store) {
  const holders = new Map<string, ResidentShard>();
  const directory: ResidentShardDirectory = (name) => {
    let holder = holders.get(name);
    if (!holder) {
      holder = new ResidentShard(from, sha256Hex);
      holders.set(name, holder);
    }
    return { lookup: (request) => holder.answer(request) };
  };
  return { directory, holders };
}

async function residentAnswers(epoch: LoadedEpoch, numbers: string[], directory: ResidentShardDirectory) {
  const shards = new DurableObjectShardLookup(directory).forRequest(epoch);
  const results = await checkNumbersByShard(epoch.membership!, numbers, shards.lookup, {
    shardsInFlight: shards.inFlight,
  });
  return { results, bytesRead: shards.bytesRead };
}

describe('shard holders answer as the old path', () => {
  it('gives the same results for members, non-members, invalid values and values of two readings, over every shard', async () => {
    const epoch = await epochCache().current();
    expect(epoch.manifest.shards.length).toBeGreaterThan(2);
    const expected = await oldAnswers(epoch, mixed);
    // Listed: 200 members and the 80 values of two readings registered under one of them.
    expect(expected.filter((r) => r.status === 'listed')).toHaveLength(280);
    const start = mixed.indexOf(ambiguous[0]!);
    expect(expected.slice(start, start + 80).every((r) => r.status === 'listed')).toBe(true);
    expect(expected.slice(start + 80, start + 120).every((r) => r.status === 'not_listed')).toBe(true);
    expect(expected.filter((r) => r.status === 'invalid')).toHaveLength(invalid.length + 1);
    expect(expected[start + 120]).toMatchObject({ reason: 'NO_VALID_READING' });
    const { directory } = localDirectory();
    expect((await residentAnswers(epoch, mixed, directory)).results).toEqual(expected);
    // One number at a time (a dial-time check) gives the same as the batch.
    for (const [i, raw] of mixed.slice(190, 215).entries()) {
      expect((await residentAnswers(epoch, [raw], directory)).results).toEqual([expected[190 + i]]);
    }
  });

  it('the in-memory path of `serve` gives the same results, and reads each shard once', async () => {
    const cache = epochCache();
    const epoch = await cache.current();
    const lookup = new CachedShardLookup(cache);
    const first = lookup.forRequest(epoch);
    const results = await checkNumbersByShard(epoch.membership!, mixed, first.lookup);
    expect(results).toEqual(await oldAnswers(epoch, mixed));
    const shardBytes = epoch.manifest.shards.reduce((sum, shard) => sum + shard.bytes, 0);
    expect(first.bytesRead).toBe(shardBytes);
    const second = lookup.forRequest(epoch);
    await checkNumbersByShard(epoch.membership!, mixed, second.lookup);
    expect(second.bytesRead).toBe(0);
  });

  it('reads a shard from storage once per holder: the request that loads it counts the bytes', async () => {
    const epoch = await epochCache().current();
    const { directory } = localDirectory();
    const one = listedFirst.slice(0, 1);
    const cold = await residentAnswers(epoch, one, directory);
    const index = shardOf(digestOf(epoch, one[0]!), epoch.manifest.filter.shardPrefixBits!);
    expect(cold.bytesRead).toBeGreaterThan(epoch.manifest.shards[index]!.bytes);
    expect((await residentAnswers(epoch, one, directory)).bytesRead).toBe(0);
  });

  it('the app over Node answers POST /v1/check as the old path', async () => {
    const { key, id } = generateApiKey();
    await writeSubscriber(store, {
      ...{ version: 1, id, name: 'Test', keyHash: await hashApiKey(key), scopes: ['check'] },
      ...{ dailyQuota: 1_000_000, createdAt: new Date().toISOString(), revokedAt: null },
    });
    const app = createApp({
      store,
      config: parseApiConfig({
        QUIETLIST_PUBLIC_KEY: toBase64(keys.signing.publicKey),
        QUIETLIST_HASH_KEY: toBase64(keys.hashKey),
      }),
      quotas: new MemoryQuotaCounter(),
      audit: () => {},
    });
    const response = await app.request('/v1/check', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ numbers: mixed }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: CheckResult[] };
    expect(body.results).toEqual(await oldAnswers(await epochCache().current(), mixed));
  });
});

describe('shard holders answer only from verified data', () => {
  it('refuses a tampered shard, keeps nothing of it, and answers once the signed bytes are back', async () => {
    const copy = new MemoryStore();
    for (const [key, object] of store.objects) await copy.put(key, object.body);
    const epoch = await epochCache().current();
    const entry = epoch.manifest.shards[1]!;
    const key = `${epochPrefix(epoch.manifest.epoch)}${entry.path}`;
    const signed = (await copy.get(key))!.body;
    const tampered = withValidCrc(signed, 100);
    await copy.put(key, tampered);
    const holder = new ResidentShard(copy, sha256Hex);
    const address = { epoch: epoch.manifest.epoch, manifestSha256: epoch.manifestSha256, index: 1 };
    const members = listedFirst.filter(
      (raw) => shardOf(digestOf(epoch, raw), epoch.manifest.filter.shardPrefixBits!) === 1,
    );
    const heads = packDigestHeads(members.map((raw) => digestOf(epoch, raw)));
    expect(await holder.answer({ ...address, heads })).toMatchObject({
      ok: false,
      code: 'CHECKSUM_MISMATCH',
    });
    expect(holder.resident).toBe(false);
    await copy.delete([key]);
    expect(await holder.answer({ ...address, heads })).toMatchObject({ ok: false, code: 'SHARD_MISSING' });
    await copy.put(key, signed);
    const answer = await holder.answer({ ...address, heads });
    expect(answer.ok && [...answer.listed].every((listed) => listed === 1)).toBe(true);
  });

  it('refuses a manifest that is not the one it was addressed by, and a request for another shard', async () => {
    const epoch = await epochCache().current();
    const holder = new ResidentShard(store, sha256Hex);
    const wrongHash = { epoch: epoch.manifest.epoch, manifestSha256: 'a'.repeat(64), index: 0 };
    expect(await holder.answer({ ...wrongHash, heads: new Uint8Array(0) })).toMatchObject({
      ok: false,
      code: 'MANIFEST_INVALID',
    });
    const other = new ResidentShard(store, sha256Hex);
    const address = { epoch: epoch.manifest.epoch, manifestSha256: epoch.manifestSha256, index: 0 };
    expect((await other.answer({ ...address, heads: new Uint8Array(0) })).ok).toBe(true);
    expect(await other.answer({ ...address, index: 1, heads: new Uint8Array(0) })).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
    });
  });

  it('refuses a digest routed to the wrong shard instead of answering it "not listed"', async () => {
    const epoch = await epochCache().current();
    const bits = epoch.manifest.filter.shardPrefixBits!;
    const digest = listedFirst.map((raw) => digestOf(epoch, raw)).find((d) => shardOf(d, bits) !== 0)!;
    const holder = new ResidentShard(store, sha256Hex);
    const address = { epoch: epoch.manifest.epoch, manifestSha256: epoch.manifestSha256, index: 0 };
    expect(await holder.answer({ ...address, heads: packDigestHeads([digest]) })).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
    });
  });

  it('never reads a lost answer as "not listed"', async () => {
    const epoch = await epochCache().current();
    await expect(
      checkNumbersByShard(epoch.membership!, listedFirst.slice(0, 10), async (_, digests) =>
        digests.slice(1).map(() => true),
      ),
    ).rejects.toMatchObject({ code: 'FORMAT_INVALID' });
  });
});

/** The copies over node:sqlite, as a Durable Object's storage keeps them. */
function sqliteCopies() {
  const database = new DatabaseSync(':memory:');
  const bind = (params: (string | number | ArrayBuffer)[]) =>
    params.map((param) => (param instanceof ArrayBuffer ? new Uint8Array(param) : param));
  return new SqlShardCopies({
    all: (query, ...params) => database.prepare(query).all(...bind(params)) as Record<string, unknown>[],
    run: (query, ...params) => {
      database.prepare(query).run(...bind(params));
    },
  });
}

describe('a holder woken from its own copy', () => {
  it('answers the same without reading the bucket, and drops a copy that fails the checks', async () => {
    const epoch = await epochCache().current();
    const copies = sqliteCopies();
    const address = { epoch: epoch.manifest.epoch, manifestSha256: epoch.manifestSha256, index: 0 };
    const bits = epoch.manifest.filter.shardPrefixBits!;
    const digests = [...listedFirst, ...unlisted]
      .map((raw) => digestOf(epoch, raw))
      .filter((digest) => shardOf(digest, bits) === 0);
    const heads = packDigestHeads(digests);
    let copied = 0;
    const first = await new ResidentShard(store, sha256Hex, { copies, onCopied: () => copied++ }).answer({
      ...address,
      heads,
    });
    expect(first).toMatchObject({ ok: true });
    expect(first.ok && first.bytesRead).toBeGreaterThan(epoch.manifest.shards[0]!.bytes);
    expect(copied).toBe(1);
    // A new holder (a woken object) with the same storage: nothing from the bucket, the same answers.
    const gets = store.gets;
    const woken = await new ResidentShard(store, sha256Hex, { copies }).answer({ ...address, heads });
    expect(store.gets).toBe(gets);
    expect(woken).toEqual({ ...first, bytesRead: 0 });
    // A copy altered (CRC made valid again) fails its SHA-256: dropped, the bucket read and verified.
    const key = `${epoch.manifestSha256}/0/shard`;
    copies.put(key, withValidCrc(copies.get(key)!, 100));
    const repaired = await new ResidentShard(store, sha256Hex, { copies }).answer({ ...address, heads });
    expect(repaired).toEqual(first);
    expect(store.gets).toBeGreaterThan(gets);
  });

  it('splits a file into parts under the row limit and reads it back whole', () => {
    const copies = sqliteCopies();
    const file = Uint8Array.from({ length: 2 * COPY_PART_BYTES + 17 }, (_, i) => (i * 31) & 0xff);
    copies.put('a', file);
    copies.put('b', new Uint8Array(0));
    expect(copies.get('a')).toEqual(file);
    expect(copies.get('b')).toEqual(new Uint8Array(0));
    copies.clear();
    expect(copies.get('a')).toBeNull();
  });
});

describe('one request, one epoch', () => {
  it('answers a batch started before an epoch switch wholly from its own epoch', async () => {
    let clock = 0;
    const cache = epochCache(() => clock);
    const first = await cache.current();
    const { directory: real } = localDirectory();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Every lookup of the first epoch waits until the switch has happened and been answered.
    const gated: ResidentShardDirectory = (name) => ({
      lookup: async (request) => {
        if (request.manifestSha256 === first.manifestSha256) await held;
        return real(name).lookup(request);
      },
    });
    const lookup = new DurableObjectShardLookup(gated);
    const batch = [...listedFirst.slice(0, 100), ...listedSecond.slice(0, 100)];
    const before = lookup.forRequest(first);
    const pending = checkNumbersByShard(first.membership!, batch, before.lookup, {
      shardsInFlight: before.inFlight,
    });

    try {
      await store.put(LATEST_POINTER_KEY, secondLatest);
      clock += 1;
      const second = await cache.current();
      expect(second.manifestSha256).not.toBe(first.manifestSha256);
      const after = lookup.forRequest(second);
      const secondResults = await checkNumbersByShard(second.membership!, batch, after.lookup);
      expect(secondResults).toEqual(await oldAnswers(second, batch));
      release();
      const firstResults = await pending;
      expect(firstResults).toEqual(await oldAnswers(first, batch));
      expect(firstResults.slice(0, 100).every((r) => r.status === 'listed')).toBe(true);
    } finally {
      release();
      await store.put(LATEST_POINTER_KEY, firstLatest);
    }
  });
});
