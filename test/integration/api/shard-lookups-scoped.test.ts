/**
 * POST /v1/check's lookup paths (src/api/shards) with scoped and partitioned epochs (docs/FORMAT.md
 * §1.3, §1.4): checkNumbersByShard groups a batch's lookups by manifest position, so a scope's digests
 * and a partition's shards go through the shard holders (the code of each shard-resident Durable
 * Object, here in-process) and the in-memory path alike. Both answer exactly as the whole-epoch
 * classifier (createNumberClassifier over every verified shard) for every scope, and for the
 * partitions a key holds (NOT_ENTITLED outside them); the served app answers a scoped check through
 * the shard holders as the truth of the registrations says. The status page names a scoped register's
 * channels and sectors and a partitioned one's count of parts, and links no part's file.
 */
import { randomBytes } from 'node:crypto';
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
import { ResidentShard } from '../../../src/api/shards/resident-shard.ts';
import type { ShardLookup } from '../../../src/api/shards/shard-lookup.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { sha256Hex } from '../../../src/core/encoding/bytes.ts';
import { epochPrefix } from '../../../src/core/epoch/pointer.ts';
import { generateSigningKeyPair } from '../../../src/core/epoch/signing.ts';
import { FilterSet } from '../../../src/core/filter/shard-set.ts';
import { verifyShard } from '../../../src/core/filter/shard-verifier.ts';
import {
  type CheckResult,
  checkNumbersByShard,
  createNumberClassifier,
  type EpochMembership,
  membershipFor,
} from '../../../src/core/membership.ts';
import { REJECT_REASON_TEXT } from '../../../src/core/phone/reject-reasons.ts';
import type { ScopeQuery } from '../../../src/core/scopes/scope-labels.ts';
import type { ObjectStore } from '../../../src/storage/object-store.ts';
import { buildInto, rowsOf } from '../../helpers/build-fixture.ts';
import {
  ES_RULES,
  nanpNumbers,
  recordsOf,
  robinsonRows,
  rowCovers,
  spanishNumbers,
  US_RULES,
} from '../../helpers/register-fixtures.ts';
import { MemoryStore } from '../../worker/helpers/memory-store.ts';

const keys = { signingKeys: generateSigningKeyPair(), hashKey: new Uint8Array(randomBytes(32)) };
const spanish = spanishNumbers(240, 5);
const rows = robinsonRows(spanish.slice(0, 160));
const notRegistered = spanish.slice(160);
const registeredUs = nanpNumbers(['212', '646', '718'], 30);
const usCalls = [...nanpNumbers(['212', '646', '718'], 40), '+1 212 not a number'];
const scoped = new MemoryStore();
const partitioned = new MemoryStore();

beforeAll(async () => {
  const common = { mode: 'secret' as const, shardMaxBytes: 1024 };
  await buildInto(scoped, keys, [], {
    ...common,
    region: 'ES',
    register: ES_RULES,
    rows: recordsOf(rows),
  });
  await buildInto(partitioned, keys, [], {
    ...common,
    region: 'US',
    register: US_RULES,
    rows: rowsOf(registeredUs),
  });
});

function loaded(store: ObjectStore): Promise<LoadedEpoch> {
  return new EpochCache(store, {
    publicKey: keys.signingKeys.publicKey,
    hashKey: keys.hashKey,
    pointerTtlMs: 0,
    shardCacheBytes: 1e9,
  }).current();
}

/** In-process shard holders by name, as Durable Objects would be (one per manifest and shard). */
function localDirectory(store: ObjectStore): ResidentShardDirectory {
  const holders = new Map<string, ResidentShard>();
  return (name) => {
    let holder = holders.get(name);
    if (!holder) {
      holder = new ResidentShard(store, sha256Hex);
      holders.set(name, holder);
    }
    const answering = holder;
    return { lookup: (request) => answering.answer(request) };
  };
}

/** The reference: every shard verified into one set by position, each value classified (scrub's path). */
async function wholeEpochAnswers(
  store: ObjectStore,
  epoch: LoadedEpoch,
  membership: EpochMembership,
  numbers: string[],
): Promise<CheckResult[]> {
  const filters = await Promise.all(
    epoch.manifest.shards.map(async (entry, position) => {
      const object = await store.get(`${epochPrefix(epoch.manifest.epoch)}${entry.path}`);
      return verifyShard(epoch.manifest, position, object!.body, sha256Hex);
    }),
  );
  const classify = createNumberClassifier(membership, FilterSet.atPositions(filters));
  return numbers.map((raw): CheckResult => {
    const verdict = classify(raw);
    if (verdict === 'listed' || verdict === 'not_listed') return { status: verdict };
    return { status: 'invalid', reason: verdict, message: REJECT_REASON_TEXT[verdict] };
  });
}

async function answersThrough(
  paths: ShardLookup,
  epoch: LoadedEpoch,
  membership: EpochMembership,
  numbers: string[],
) {
  const shards = paths.forRequest(epoch);
  return checkNumbersByShard(membership, numbers, shards.lookup, { shardsInFlight: shards.inFlight });
}

const SCOPES: ScopeQuery[] = [
  { channel: null, sector: null },
  { channel: 'sms', sector: 'energy' },
  { channel: 'call', sector: null },
  { channel: null, sector: 'travel' },
  { channel: 'post', sector: 'insurance' },
];

describe('scoped and partitioned epochs on the shard lookup paths', () => {
  it('a scoped epoch: shard holders and the in-memory path answer every scope as the whole epoch does', async () => {
    const epoch = await loaded(scoped);
    const numbers = [...rows.map((row) => row.phone), ...notRegistered, 'not a number'];
    const paths = {
      holders: new DurableObjectShardLookup(localDirectory(scoped)),
      memory: new CachedShardLookup(
        new EpochCache(scoped, {
          publicKey: keys.signingKeys.publicKey,
          hashKey: keys.hashKey,
          pointerTtlMs: 0,
          shardCacheBytes: 1e9,
        }),
      ),
    };
    for (const scope of SCOPES) {
      const membership = membershipFor(epoch.membership!, { scope });
      const expected = await wholeEpochAnswers(scoped, epoch, membership, numbers);
      // The truth: a registration covering the scope is listed (never a false negative).
      rows.forEach((row, i) => {
        if (rowCovers(row, scope.channel, scope.sector)) expect(expected[i]!.status).toBe('listed');
      });
      const covered = rows.filter((row) => rowCovers(row, scope.channel, scope.sector)).length;
      const listed = expected.filter((result) => result.status === 'listed').length;
      expect(listed).toBeGreaterThanOrEqual(covered);
      expect(listed).toBeLessThanOrEqual(covered + 1); // ε = 1e-6 over a few hundred lookups
      expect(await answersThrough(paths.holders, epoch, membership, numbers)).toEqual(expected);
      expect(await answersThrough(paths.memory, epoch, membership, numbers)).toEqual(expected);
    }
  });

  it('a partitioned epoch: both paths answer the partitions held, NOT_ENTITLED outside them', async () => {
    const epoch = await loaded(partitioned);
    expect(epoch.manifest.partitions?.map((partition) => partition.id)).toEqual(['212', '646', '718']);
    const membership = membershipFor(epoch.membership!, { partitions: new Set(['212', '718']) });
    const expected = await wholeEpochAnswers(partitioned, epoch, membership, usCalls);
    const status = (n: string) => expected[usCalls.indexOf(n)]!;
    for (const number of usCalls.slice(0, -1)) {
      if (number.startsWith('+1646')) expect(status(number)).toMatchObject({ reason: 'NOT_ENTITLED' });
      else expect(status(number).status).toBe(registeredUs.includes(number) ? 'listed' : 'not_listed');
    }
    const holders = new DurableObjectShardLookup(localDirectory(partitioned));
    expect(await answersThrough(holders, epoch, membership, usCalls)).toEqual(expected);
    const memory = new CachedShardLookup(
      new EpochCache(partitioned, {
        publicKey: keys.signingKeys.publicKey,
        hashKey: keys.hashKey,
        pointerTtlMs: 0,
        shardCacheBytes: 1e9,
      }),
    );
    expect(await answersThrough(memory, epoch, membership, usCalls)).toEqual(expected);
  });

  it('the app answers a scoped check through the shard holders as the whole epoch does', async () => {
    const { key, id } = generateApiKey();
    await writeSubscriber(scoped, {
      ...{ version: 1, id, name: 'Test', keyHash: await hashApiKey(key), scopes: ['check'] },
      ...{ dailyQuota: 1_000_000, createdAt: new Date().toISOString(), revokedAt: null },
    });
    const app = createApp({
      store: scoped,
      config: parseApiConfig({
        QUIETLIST_PUBLIC_KEY: toBase64(keys.signingKeys.publicKey),
        QUIETLIST_HASH_KEY: toBase64(keys.hashKey),
      }),
      quotas: new MemoryQuotaCounter(),
      audit: () => {},
      shards: () => new DurableObjectShardLookup(localDirectory(scoped)),
    });
    const numbers = rows.map((row) => row.phone);
    const response = await app.request('/v1/check', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ numbers, scope: { channel: 'sms', sector: 'energy' } }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: CheckResult[]; scope: ScopeQuery };
    expect(body.scope).toEqual({ channel: 'sms', sector: 'energy' });
    const epoch = await loaded(scoped);
    const membership = membershipFor(epoch.membership!, { scope: body.scope });
    expect(body.results).toEqual(await wholeEpochAnswers(scoped, epoch, membership, numbers));
  });

  it('the status page names the channels and sectors, and the count of parts, linking no part', async () => {
    const page = async (store: ObjectStore) => {
      const app = createApp({
        store,
        config: parseApiConfig({
          QUIETLIST_PUBLIC_KEY: toBase64(keys.signingKeys.publicKey),
          QUIETLIST_HASH_KEY: toBase64(keys.hashKey),
        }),
        quotas: new MemoryQuotaCounter(),
        audit: () => {},
      });
      const response = await app.request('/', { headers: { 'accept-language': 'en' } });
      expect(response.status).toBe(200);
      return response.text();
    };
    const scopedPage = await page(scoped);
    expect(scopedPage).toMatch(/id="register-scopes">[^<]*\(call, sms, email, post\)/);
    expect(scopedPage).not.toContain('register-partitions');
    const partitionedPage = await page(partitioned);
    expect(partitionedPage).toMatch(/id="register-partitions">The list is sold in 3 parts/);
    // A part's files are for the keys that bought it: none is linked.
    expect(partitionedPage).not.toMatch(/href="[^"]*\/p\/212\//);
  });
});
