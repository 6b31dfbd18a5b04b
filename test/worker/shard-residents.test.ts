/// <reference types="@cloudflare/vitest-plugin/types" />
/**
 * POST /v1/check through shard-resident Durable Objects (worker/shard-object.ts) inside workerd: the
 * same answers as the in-isolate path for members, non-members and invalid values, batches and single
 * numbers; a tampered shard or a manifest that is not the verified one never answers; a batch started
 * before an epoch switch answers wholly from its own epoch; a shard is read from R2 once per object.
 * A scoped epoch's scope digests and a partitioned epoch's partition shards go through the objects
 * too, answering as the isolate does. The objects read the bucket's root (as deployed), so epochs go
 * there without a pointer, and each app reads its pointer from its own prefix.
 */
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { generateApiKey, hashApiKey, writeSubscriber } from '../../src/api/auth/subscribers.ts';
import { EpochCache } from '../../src/api/epochs/epoch-cache.ts';
import {
  DurableObjectShardLookup,
  type ResidentShardDirectory,
} from '../../src/api/shards/durable-object-lookup.ts';
import { residentName } from '../../src/api/shards/resident-shard.ts';
import { fromBase64 } from '../../src/core/encoding/base64.ts';
import { parseSignedPointer } from '../../src/core/epoch/pointer.ts';
import { crc32 } from '../../src/core/filter/crc32.ts';
import { R2Store } from '../../src/storage/r2-store.ts';
import { durableObjectShardDirectory } from '../../worker/shard-client.ts';
import { addSubscriber, bearer, type CheckBody, checkRequest, putSeed, testApp } from './helpers/fixture.ts';
import { PrefixedStore } from './helpers/prefixed-store.ts';
import type { SeedEpoch } from './helpers/seed-types.ts';

const seed = inject('workerSeed');

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
const root = new R2Store(env.STORE);
const directory = durableObjectShardDirectory(env.SHARDS);
const settings = { QUIETLIST_PUBLIC_KEY: seed.publicKey, QUIETLIST_HASH_KEY: seed.hashKey };
const invalid = ['', 'not a number', '0199', '+3361200000000000', '06 12 / 07 13 14 15 16'];
const mixed = [...seed.listedFirst.slice(0, 300), ...seed.listedSecond.slice(0, 200), ...invalid];

/** The epoch and manifest hash its signed latest.json names. */
function pointerOf(epoch: SeedEpoch): { epoch: string; manifestSha256: string } {
  return parseSignedPointer(fromBase64(epoch.objects['latest.json']!)).pointer;
}

function residentStub(epoch: SeedEpoch, index: number) {
  const name = residentName({ epoch: epoch.epoch, manifestSha256: pointerOf(epoch).manifestSha256, index });
  return env.SHARDS.get(env.SHARDS.idFromName(name));
}

function manifestOf(epoch: SeedEpoch): { shards: { path: string; bytes: number }[] } {
  const file = JSON.parse(
    new TextDecoder().decode(fromBase64(epoch.objects[`epochs/${epoch.epoch}/manifest.json`]!)),
  );
  return file.manifest;
}

async function setUp(prefix: string, epoch: SeedEpoch, lookup: ResidentShardDirectory = directory) {
  const store = new PrefixedStore(root, prefix);
  await putSeed(store, epoch);
  const subscriber = await addSubscriber(store);
  const cached = testApp(store, settings);
  const resident = testApp(store, settings, { shards: () => new DurableObjectShardLookup(lookup) });
  const check = async (app: ReturnType<typeof testApp>, numbers: string[]) => {
    const response = await app.app.request('/v1/check', checkRequest(numbers, bearer(subscriber.key)));
    return { status: response.status, body: (await response.json()) as CheckBody };
  };
  return { store, cached, resident, check };
}

beforeAll(async () => {
  for (const epoch of [seed.resident, seed.first, seed.second])
    await putSeed(root, epoch, { withPointer: false });
});

describe('shard-resident Durable Objects answer as the isolate path', () => {
  it('gives the same results for members, non-members and invalid values, in a batch and one by one', async () => {
    const { cached, resident, check } = await setUp('shards-same/', seed.resident);
    const expected = await check(cached, mixed);
    expect(expected.status).toBe(200);
    expect(expected.body.results.filter((r) => r.status === 'listed')).toHaveLength(300);
    expect(expected.body.results.filter((r) => r.status === 'invalid')).toHaveLength(invalid.length);
    const got = await check(resident, mixed);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(expected.body);
    for (const raw of [...mixed.slice(295, 305), ...invalid]) {
      expect((await check(resident, [raw])).body.results).toEqual((await check(cached, [raw])).body.results);
    }
  });

  it('reads R2 once per object, wakes from its own copy, and reads R2 again once the copy is cleaned up', async () => {
    const { resident, check } = await setUp('shards-bytes/', seed.resident);
    const shards = manifestOf(seed.resident).shards;
    const shardBytes = shards.reduce((sum, shard) => sum + shard.bytes, 0);
    const stubs = shards.map((_, index) => residentStub(seed.resident, index));
    const evictAll = () => Promise.all(stubs.map((stub) => evictDurableObject(stub)));
    const batch = async () => {
      const { status, body } = await check(resident, mixed);
      expect(status).toBe(200);
      return { bytes: resident.audit.at(-1)!.shardBytesRead, results: body.results };
    };
    // No copy (the clean-up alarm ran, or none was ever set), no memory: every shard from R2.
    await Promise.all(stubs.map((stub) => runDurableObjectAlarm(stub)));
    await evictAll();
    const cold = await batch();
    expect(cold.bytes).toBeGreaterThan(shardBytes); // every shard, plus each object's manifest
    expect((await batch()).bytes).toBe(0); // resident
    // Hibernated (memory lost): woken from the copies, nothing read from R2, the same answers.
    await evictAll();
    const woken = await batch();
    expect(woken.bytes).toBe(0);
    expect(woken.results).toEqual(cold.results);
    // The daily clean-up drops the copies: the next wake reads R2 again.
    expect((await Promise.all(stubs.map((stub) => runDurableObjectAlarm(stub)))).every(Boolean)).toBe(true);
    await evictAll();
    expect((await batch()).bytes).toBeGreaterThan(shardBytes);
  });
});

describe('warm-up', () => {
  it('loads every shard of an epoch once per isolate: the next batch reads nothing from R2', async () => {
    const { store, resident, check } = await setUp('shards-warm/', seed.resident);
    const stubs = manifestOf(seed.resident).shards.map((_, index) => residentStub(seed.resident, index));
    await Promise.all(stubs.map((stub) => runDurableObjectAlarm(stub)));
    await Promise.all(stubs.map((stub) => evictDurableObject(stub)));
    let asked = 0;
    const lookup = new DurableObjectShardLookup((name) => {
      asked++;
      return directory(name);
    });
    const epoch = await new EpochCache(store, {
      publicKey: fromBase64(seed.publicKey),
      hashKey: fromBase64(seed.hashKey),
      pointerTtlMs: 0,
      shardCacheBytes: 0,
    }).current();
    await lookup.warm(epoch);
    expect(asked).toBe(stubs.length);
    await lookup.warm(epoch);
    expect(asked).toBe(stubs.length);
    expect((await check(resident, mixed)).status).toBe(200);
    expect(resident.audit.at(-1)!.shardBytesRead).toBe(0);
  });
});

describe('only verified shards answer', () => {
  it('refuses a tampered shard (503), keeps nothing of it, and answers once the signed bytes are back', async () => {
    const { resident, check } = await setUp('shards-tamper/', seed.resident);
    const index = 2;
    const key = `epochs/${seed.resident.epoch}/${manifestOf(seed.resident).shards[index]!.path}`;
    const signed = fromBase64(seed.resident.objects[key]!);
    const tampered = withValidCrc(signed, 100);
    try {
      await root.put(key, tampered);
      // Neither in memory nor in its copies: the object must read the (tampered) shard from R2.
      await runDurableObjectAlarm(residentStub(seed.resident, index));
      await evictDurableObject(residentStub(seed.resident, index));
      const refused = await check(resident, seed.listedFirst);
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('INTEGRITY_FAILURE');
      expect(refused.body).not.toHaveProperty('results');
    } finally {
      await root.put(key, signed);
    }
    const answered = await check(resident, seed.listedFirst);
    expect(answered.status).toBe(200);
    expect(answered.body.results.every((r) => r.status === 'listed')).toBe(true);
  });

  it('a copy that fails the checks is dropped and the shard read from R2 again', async () => {
    const { resident, check } = await setUp('shards-copy/', seed.resident);
    const stub = residentStub(seed.resident, 3);
    expect((await check(resident, seed.listedFirst)).status).toBe(200); // loaded and copied
    await runInDurableObject(stub, (_, state: DurableObjectState) => {
      const part = state.storage.sql
        .exec("SELECT bytes FROM shard_copies WHERE key LIKE '%/shard' AND part = 0")
        .one();
      const bytes = new Uint8Array(part.bytes as ArrayBuffer);
      state.storage.sql.exec(
        "UPDATE shard_copies SET bytes = ? WHERE key LIKE '%/shard' AND part = 0",
        withValidCrc(bytes, 90).buffer,
      );
    });
    await evictDurableObject(stub);
    const answered = await check(resident, seed.listedFirst);
    expect(answered.status).toBe(200);
    expect(answered.body.results.every((r) => r.status === 'listed')).toBe(true);
    expect(resident.audit.at(-1)!.shardBytesRead).toBeGreaterThan(manifestOf(seed.resident).shards[3]!.bytes);
  });

  it('an object never answers from a manifest other than the one it is addressed by', async () => {
    const stub = directory(
      residentName({ epoch: seed.first.epoch, manifestSha256: 'b'.repeat(64), index: 0 }),
    );
    const answer = await stub.lookup({
      epoch: seed.first.epoch,
      manifestSha256: 'b'.repeat(64),
      index: 0,
      heads: new Uint8Array(12),
    });
    expect(answer).toMatchObject({ ok: false, code: 'MANIFEST_INVALID' });
  });
});

describe('one request, one epoch', () => {
  it('answers a batch started before an epoch switch wholly from its own epoch', async () => {
    const first = pointerOf(seed.first);
    let entered = () => {};
    const reached = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const gated: ResidentShardDirectory = (name) => ({
      lookup: async (request) => {
        if (request.manifestSha256 === first.manifestSha256) {
          entered();
          await held;
        }
        return directory(name).lookup(request);
      },
    });
    const { store, cached, resident, check } = await setUp('shards-switch/', seed.first, gated);
    const batch = [...seed.listedFirst.slice(0, 100), ...seed.listedSecond.slice(0, 100)];
    const expectedFirst = await check(cached, batch);
    expect(expectedFirst.body.epoch).toBe(seed.first.epoch);
    const before = check(resident, batch);
    try {
      await reached;
      await putSeed(store, seed.second);
      const after = await check(resident, batch);
      expect(after.body.epoch).toBe(seed.second.epoch);
      expect(after.body.results.slice(100).every((r) => r.status === 'listed')).toBe(true);
    } finally {
      release();
    }
    const answered = await before;
    expect(answered.status).toBe(200);
    expect(answered.body.epoch).toBe(seed.first.epoch);
    expect(answered.body.results.slice(0, 100).every((r) => r.status === 'listed')).toBe(true);
    expect(answered.body.results).toEqual(expectedFirst.body.results);
  });
});

describe('shard-resident Durable Objects with scopes and partitions (docs/FORMAT.md §1.3, §1.4)', () => {
  /** Whether a registration covers a check for (channel, sector): '' opts out of every one. */
  const covers = (row: { channels: string; sectors: string }, channel: string, sector: string) => {
    const codes = (cell: string) =>
      cell
        .split(/[|,;]/)
        .map((part) => part.trim())
        .filter(Boolean);
    const [channels, sectors] = [codes(row.channels), codes(row.sectors)];
    return (
      (channels.length === 0 || channels.includes(channel)) &&
      (sectors.length === 0 || sectors.includes(sector))
    );
  };

  it('a scoped epoch: the objects answer every scope as the isolate does, and as the registrations say', async () => {
    await putSeed(root, seed.scoped, { withPointer: false });
    const { cached, resident, store } = await setUp('shards-scoped/', seed.scoped);
    const subscriber = await addSubscriber(store);
    const numbers = seed.robinson.map((row) => row.phone);
    for (const [channel, sector] of [
      ['sms', 'energy'],
      ['call', 'travel'],
      ['post', 'insurance'],
    ] as const) {
      const ask = async (app: ReturnType<typeof testApp>) => {
        const response = await app.app.request('/v1/check', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...bearer(subscriber.key) },
          body: JSON.stringify({ numbers, scope: { channel, sector } }),
        });
        expect(response.status).toBe(200);
        return (await response.json()) as CheckBody;
      };
      const expected = await ask(cached);
      seed.robinson.forEach((row, i) => {
        if (covers(row, channel, sector)) expect(expected.results[i]!.status).toBe('listed');
      });
      expect((await ask(resident)).results).toEqual(expected.results);
    }
  });

  it('a partitioned epoch: the objects answer the area codes a key bought, NOT_ENTITLED outside them', async () => {
    await putSeed(root, seed.partitioned, { withPointer: false });
    const { cached, resident, store } = await setUp('shards-partitioned/', seed.partitioned);
    const { id, key } = generateApiKey();
    await writeSubscriber(store, {
      ...{ version: 1, id, name: 'Area codes', keyHash: await hashApiKey(key), scopes: ['check'] },
      ...{ dailyQuota: 1_000_000, createdAt: new Date().toISOString(), revokedAt: null },
      lists: { default: { partitions: ['212', '718'] } },
    });
    const calls = ['212', '646', '718'].flatMap((npa) =>
      Array.from({ length: 40 }, (_, i) => `+1${npa}55501${String(i).padStart(2, '0')}`),
    );
    const ask = async (app: ReturnType<typeof testApp>) => {
      const response = await app.app.request('/v1/check', checkRequest(calls, bearer(key)));
      expect(response.status).toBe(200);
      return (await response.json()) as CheckBody;
    };
    const expected = await ask(cached);
    calls.forEach((number, i) => {
      const result = expected.results[i]!;
      if (number.startsWith('+1646')) expect(result.reason).toBe('NOT_ENTITLED');
      else expect(result.status).toBe(seed.registeredNanp.includes(number) ? 'listed' : 'not_listed');
    });
    expect((await ask(resident)).results).toEqual(expected.results);
  });
});
