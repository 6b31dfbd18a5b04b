/**
 * checkNumbersByShard (the API's path: one lookup per shard, which shard-resident Durable Objects
 * answer) against createNumberClassifier (every shard loaded in one FilterSet: the scrub's path), over
 * an epoch of many shards and values with several readings (normalisation scheme 3): each reading's
 * digest goes to its own shard, a value is listed if any reading is, and an answer does not depend on
 * the order shards answer in or on how many are asked at once. Synthetic French and
 * Saint-Pierre-et-Miquelon numbers only.
 */
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { parseFilter } from '../../../src/core/filter/format.ts';
import { FilterSet } from '../../../src/core/filter/shard-set.ts';
import { shardOf } from '../../../src/core/filter/sharding.ts';
import {
  type CheckResult,
  checkNumbers,
  checkNumbersByShard,
  createNumberClassifier,
  epochMembership,
  type KeyedValue,
  keyNumber,
  type ShardDigestLookup,
} from '../../../src/core/membership.ts';
import { epochInMemory } from '../../helpers/open-epoch.ts';

const digits = (i: number, width: number) => String(i).padStart(width, '0');

// "5084NNNNN" reads as +508 4N NN NN (its "+" lost) and as 05 08 4N NN NN (its 0 lost).
const listedAsSpm = Array.from({ length: 60 }, (_, i) => `+508 4${digits(10_000 + i, 5)}`);
const listedAsFrench = Array.from({ length: 60 }, (_, i) => `05 08 4${digits(20_000 + i, 5)}`);
const plain = Array.from({ length: 300 }, (_, i) => `+33 6 12 0${digits(i, 5)}`);
// No valid reading: listed only because the registry holds it (its metadata may be newer).
const noValidListed = Array.from({ length: 5 }, (_, i) => `+33 0 99 00 1${digits(i, 3)}`);
const registry = [...listedAsSpm, ...listedAsFrench, ...plain, ...noValidListed];

const values = [
  ...listedAsSpm.map((_, i) => `5084${digits(10_000 + i, 5)}`),
  ...listedAsFrench.map((_, i) => `5084${digits(20_000 + i, 5)}`),
  ...Array.from({ length: 60 }, (_, i) => `5084${digits(30_000 + i, 5)}`), // neither reading listed
  ...plain.slice(0, 100),
  ...Array.from({ length: 100 }, (_, i) => `06 12 1${digits(i, 5)}`), // not listed
  ...noValidListed,
  ...Array.from({ length: 5 }, (_, i) => `+33 0 99 00 2${digits(i, 3)}`), // NO_VALID_READING
  ...['', 'not a number', '0199', '-0612000001', '+3361200000000000'],
];

async function buildEpoch() {
  const key = new Uint8Array(32).fill(5);
  const { built, manifest, shards } = await epochInMemory(registry, { key, shardMaxBytes: 2048 });
  const filters = shards.map((shard) => parseFilter(shard).filter);
  const membership = epochMembership(manifest);
  const classify = createNumberClassifier(membership, new FilterSet(built.shardPrefixBits, filters));
  return { membership, filters, classify, prefixBits: built.shardPrefixBits };
}

let built: ReturnType<typeof buildEpoch> | undefined;
/** The epoch, built once for the file. */
const epoch = () => {
  built ??= buildEpoch();
  return built;
};

/** A result as the classifier words it: "listed", "not_listed" or the reason a value is invalid. */
const verdictOf = (result: CheckResult) => (result.status === 'invalid' ? result.reason : result.status);

/** A lookup over the built shards that answers after a pseudo-random delay, and records what it was asked. */
function recordingLookup(
  filters: ReturnType<typeof parseFilter>['filter'][],
  prefixBits: number,
  seed: number,
) {
  const asked: { shard: number; digests: Uint8Array[] }[] = [];
  let state = seed;
  const lookup: ShardDigestLookup = async (shard, digests) => {
    asked.push({ shard, digests: [...digests] });
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    await new Promise((resolve) => setTimeout(resolve, state % 5));
    for (const digest of digests) expect(shardOf(digest, prefixBits)).toBe(shard);
    return digests.map((digest) => filters[shard]!.has(digest));
  };
  return { lookup, asked };
}

describe('checkNumbersByShard answers as the whole-epoch classifier', () => {
  it('for values with several readings, listed under either, across many shards and any concurrency', async () => {
    const { membership, filters, classify, prefixBits } = await epoch();
    expect(filters.length).toBeGreaterThanOrEqual(8);
    const expected = values.map(classify);
    // The set exercises every verdict, and ambiguous values listed under each reading.
    expect(expected.slice(0, 120).every((verdict) => verdict === 'listed')).toBe(true);
    expect(expected.slice(120, 180).every((verdict) => verdict === 'not_listed')).toBe(true);
    expect(new Set(expected)).toEqual(
      new Set([
        'listed',
        'not_listed',
        'NO_VALID_READING',
        'EMPTY',
        'NOT_A_NUMBER',
        'TOO_SHORT',
        'LEADING_MINUS',
        'TOO_LONG',
      ]),
    );
    for (const [seed, shardsInFlight] of [
      [1, 1],
      [2, 3],
      [3, 64],
    ] as const) {
      const { lookup } = recordingLookup(filters, prefixBits, seed);
      const results = await checkNumbersByShard(membership, values, lookup, { shardsInFlight });
      expect(results.map(verdictOf), `${shardsInFlight} in flight`).toEqual(expected);
    }
    const loaded = await checkNumbers(membership, values, async (index) => filters[index]!);
    expect(loaded.map(verdictOf)).toEqual(expected);
  });

  it('asks each shard once, with every reading that falls in it, and both shards of a split value', async () => {
    const { membership, filters, prefixBits } = await epoch();
    const { lookup, asked } = recordingLookup(filters, prefixBits, 7);
    await checkNumbersByShard(membership, values, lookup, { shardsInFlight: 4 });
    const shardsAsked = asked.map(({ shard }) => shard);
    expect(new Set(shardsAsked).size).toBe(shardsAsked.length);
    const sent = new Set(asked.flatMap(({ digests }) => digests.map((digest) => toBase64(digest))));
    let split = 0;
    let readings = 0;
    for (const value of values) {
      const keyed = keyNumber(membership, value);
      if (typeof keyed === 'string') continue;
      readings += keyed.lookups.length;
      for (const { digest } of keyed.lookups) expect(sent.has(toBase64(digest))).toBe(true);
      if (new Set(keyed.lookups.map(({ position }) => position)).size > 1) split++;
    }
    expect(asked.reduce((sum, { digests }) => sum + digests.length, 0)).toBe(readings);
    // Most two-reading values have their readings in two shards (1 in 2^prefixBits share one).
    expect(split).toBeGreaterThan(100);
  });

  it('a value is listed when only the last shard to answer holds its listed reading', async () => {
    const { membership, filters } = await epoch();
    const value = values.find((raw, i) => {
      const keyed = keyNumber(membership, raw);
      return (
        i < 120 &&
        typeof keyed !== 'string' &&
        new Set(keyed.lookups.map(({ position }) => position)).size === 2
      );
    })!;
    const keyed = keyNumber(membership, value) as KeyedValue;
    const listedShard = keyed.lookups.find(({ digest, position }) =>
      filters[position]!.has(digest),
    )!.position;
    let unblock = () => {};
    const otherAnswered = new Promise<void>((resolve) => {
      unblock = resolve;
    });
    const lookup: ShardDigestLookup = async (shard, digests) => {
      if (shard === listedShard) await otherAnswered;
      const answers = digests.map((digest) => filters[shard]!.has(digest));
      if (shard !== listedShard) unblock();
      return answers;
    };
    expect(await checkNumbersByShard(membership, [value], lookup, { shardsInFlight: 2 })).toEqual([
      { status: 'listed' },
    ]);
  });
});
