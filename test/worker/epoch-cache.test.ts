/**
 * The invariants in src/api/epochs/epoch-cache.ts's header, one by one, with shard loads held back so that
 * they overlap an epoch switch: each request answers from its own epoch's shards, whichever load ends
 * first, and nothing of a replaced epoch is cached.
 */
import { describe, expect, inject, it } from 'vitest';
import { EpochCache, type LoadedEpoch } from '../../src/api/epochs/epoch-cache.ts';
import { fromBase64 } from '../../src/core/encoding/base64.ts';
import { checkNumbers, type KeyedValue, keyNumber } from '../../src/core/membership.ts';
import { putSeed } from './helpers/fixture.ts';
import { GatedStore } from './helpers/gated-store.ts';
import { MemoryStore } from './helpers/memory-store.ts';

const seed = inject('workerSeed');

function setUp() {
  const memory = new MemoryStore();
  const store = new GatedStore(memory);
  let clock = 1_000_000;
  const cache = new EpochCache(store, {
    publicKey: fromBase64(seed.publicKey),
    pointerTtlMs: 1000,
    shardCacheBytes: 1e9,
    now: () => clock,
  });
  return { memory, store, cache, advance: () => (clock += 2000) };
}

/** The shard a number falls in for an epoch, and every sample number of `numbers` in that shard. */
function sameShard(epoch: LoadedEpoch, numbers: string[]): { index: number; members: string[] } {
  const membership = epoch.membership!;
  const shard = (raw: string) => (keyNumber(membership, raw) as KeyedValue).lookups[0]!.position;
  const index = shard(numbers[0]!);
  return { index, members: numbers.filter((raw) => shard(raw) === index) };
}

const statuses = async (cache: EpochCache, epoch: LoadedEpoch, numbers: string[]) =>
  (await checkNumbers(epoch.membership!, numbers, (index) => cache.filter(epoch, index))).map(
    (result) => result.status,
  );

describe('epoch cache invariants', () => {
  it('answers an old-epoch request from the old shard when its slow load ends after the switch', async () => {
    const { memory, store, cache, advance } = setUp();
    await putSeed(memory, seed.first);
    const first = await cache.current();
    const { index, members } = sameShard(first, seed.listedFirst);
    const release = store.hold((key) => key.startsWith(`epochs/${seed.first.epoch}/shard-`));
    const oldAnswer = statuses(cache, first, members);

    await putSeed(memory, seed.second);
    advance();
    const second = await cache.current();
    expect(second.manifest.epoch).toBe(seed.second.epoch);
    // The new epoch's shard of the same index loads and answers while the old load is still held.
    const newShard = await cache.filter(second, index);
    expect(await statuses(cache, second, members)).toEqual(members.map(() => 'not_listed'));
    const secondMembers = sameShard(second, seed.listedSecond).members;
    expect(await statuses(cache, second, secondMembers)).toEqual(secondMembers.map(() => 'listed'));

    release();
    expect(await oldAnswer).toEqual(members.map(() => 'listed'));
    expect(await cache.filter(second, index)).toBe(newShard);
    // The old shard, loaded too late, was not cached: asking again reads the store again.
    const gets = store.gets;
    await cache.filter(first, index);
    expect(store.gets).toBe(gets + 1);
  });

  it('answers a new-epoch request from the new shard while an old-epoch request still loads', async () => {
    const { memory, store, cache, advance } = setUp();
    await putSeed(memory, seed.first);
    const first = await cache.current();
    const { index, members } = sameShard(first, seed.listedFirst);
    await cache.filter(first, index); // cached for the first epoch

    await putSeed(memory, seed.second);
    advance();
    const release = store.hold((key) => key.startsWith(`epochs/${seed.second.epoch}/shard-`));
    const second = await cache.current();
    const newAnswer = statuses(cache, second, members);
    // A request still holding the first epoch gets the first epoch's shard (reloaded: the switch
    // dropped it), never the second's.
    release();
    expect(await statuses(cache, first, members)).toEqual(members.map(() => 'listed'));
    expect(await newAnswer).toEqual(members.map(() => 'not_listed'));
    expect(cache.shardCache.count).toBe(1);
  });

  it('keeps serving the verified epoch when the new pointer names a manifest that fails', async () => {
    const { memory, cache, advance } = setUp();
    await putSeed(memory, seed.first);
    const first = await cache.current();
    await putSeed(memory, seed.second);
    await memory.delete([`epochs/${seed.second.epoch}/manifest.json`]);
    advance();
    // One bad pointer never takes the server down: the verified epoch stays, the refusal is reported.
    expect(await cache.current()).toBe(first);
    expect(cache.freshness).toMatchObject({
      state: 'pointer-unverifiable',
      refused: { code: 'POINTER_UNVERIFIABLE', epoch: seed.second.epoch },
    });
    expect((await statuses(cache, first, seed.listedFirst.slice(0, 20))).every((s) => s === 'listed')).toBe(
      true,
    );
  });

  it('refuses a shard whose bytes are not the signed ones, and a missing shard, without caching either', async () => {
    const { memory, cache } = setUp();
    await putSeed(memory, seed.first);
    const first = await cache.current();
    const entry = first.manifest.shards[0]!;
    const key = `epochs/${seed.first.epoch}/${entry.path}`;
    const bytes = (await memory.get(key))!.body;
    bytes[bytes.length - 10]! ^= 1;
    await memory.put(key, bytes);
    await expect(cache.filter(first, 0)).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH' });
    await memory.delete([key]);
    await expect(cache.filter(first, 0)).rejects.toMatchObject({ code: 'SHARD_MISSING' });
    expect(cache.shardCache.count).toBe(0);
  });
});
