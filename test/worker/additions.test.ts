/// <reference types="@cloudflare/vitest-plugin/types" />
/**
 * Live additions inside workerd: the list's ListSequencer Durable Object (SQLite storage) is the one
 * writer whatever app instance takes the POST: concurrent posts get distinct numbers, one chain of
 * signed batches lands in R2 and verifies, POST …/check answers the additions "listed", and the
 * numbering survives the object being evicted. A list's check through shard-resident Durable Objects
 * (SHARD_LOOKUP durable-objects) answers as the isolate path does, its objects named by the list and
 * reading the list's own prefix of the bucket.
 */
import { evictDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DurableObjectShardLookup } from '../../src/api/shards/durable-object-lookup.ts';
import { residentName } from '../../src/api/shards/resident-shard.ts';
import { advanceAdditionsChain, chainStatus } from '../../src/core/additions/additions-chain.ts';
import { manifestSha256, parseSignedManifest } from '../../src/core/epoch/manifest.ts';
import { LATEST_POINTER_KEY, manifestKey } from '../../src/core/epoch/pointer.ts';
import { storeAdditionsSource } from '../../src/storage/additions-source.ts';
import { listStore } from '../../src/storage/list-store.ts';
import { R2Store } from '../../src/storage/r2-store.ts';
import { durableObjectSequencer } from '../../worker/sequencer-client.ts';
import { durableObjectShardDirectory } from '../../worker/shard-client.ts';
import { addSubscriber, bearer, putSeed, testApp } from './helpers/fixture.ts';

const seed = inject('workerSeed');
const root = new R2Store(env.STORE);
const settings = {
  QUIETLIST_PUBLIC_KEY: seed.publicKey,
  QUIETLIST_LIST_SEED: seed.listSeed,
  QUIETLIST_ADDITIONS_KEY: seed.additionsKey,
  ADDITIONS_REFRESH_MS: '0',
  RATE_LIMIT_REQUESTS: '100000',
};
const sequencer = durableObjectSequencer(env.SEQUENCERS);
let owner = '';
let reader = '';
const fiction = (i: number) => `+33199${String(100_000 + i).padStart(6, '0')}`;

beforeAll(async () => {
  await putSeed(root, seed.live);
  owner = (await addSubscriber(root, {})).key;
  reader = (await addSubscriber(root, {})).key;
  // Entitlements: the owner of do-acme, and a call centre that uses it.
  for (const [key, lists] of [
    [owner, { 'do-acme': { owner: true } }],
    [reader, { 'do-acme': {} }],
  ] as const) {
    const id = key.split('_')[1]!;
    const record = JSON.parse(new TextDecoder().decode((await root.get(`subscribers/${id}.json`))!.body));
    await root.put(`subscribers/${id}.json`, new TextEncoder().encode(JSON.stringify({ ...record, lists })));
  }
});

function post(app: ReturnType<typeof testApp>['app'], numbers: string[]) {
  return app.request('/v1/lists/do-acme/additions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(owner) },
    body: JSON.stringify({ numbers, ttlSeconds: 86_400 }),
  });
}

describe('the list sequencer Durable Object', () => {
  it('numbers concurrent additions from several app instances once each, in one verified chain', async () => {
    const apps = [0, 1, 2].map(() => testApp(root, settings, { additions: sequencer }).app);
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => post(apps[i % apps.length]!, [fiction(i)])),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(12).fill(200));
    const numbers = (await Promise.all(responses.map((r) => r.json() as Promise<{ sequences: number[] }>)))
      .flatMap((body) => body.sequences)
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const acme = listStore(root, 'do-acme');
    const pointer = JSON.parse(new TextDecoder().decode((await acme.get(LATEST_POINTER_KEY))!.body));
    const { manifest } = parseSignedManifest((await acme.get(manifestKey(pointer.pointer.epoch)))!.body);
    const chain = await advanceAdditionsChain(null, {
      source: storeAdditionsSource(acme),
      current: { manifest, manifestSha256: manifestSha256(manifest) },
    });
    expect(chainStatus(chain!)).toMatchObject({ through: 12, entries: 12 });
  });

  it('answers them listed, and keeps numbering after the object is evicted', async () => {
    const app = testApp(root, settings, { additions: sequencer }).app;
    const check = await app.request('/v1/lists/do-acme/check', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(reader) },
      body: JSON.stringify({ numbers: [fiction(3), fiction(500)] }),
    });
    const body = (await check.json()) as { results: { status: string }[]; additions: { through: number } };
    expect(body.results.map((result) => result.status)).toEqual(['listed', 'not_listed']);
    expect(body.additions.through).toBe(12);
    await evictDurableObject(env.SEQUENCERS.get(env.SEQUENCERS.idFromName('do-acme')));
    const next = await post(app, [fiction(13)]);
    expect(((await next.json()) as { sequences: number[] }).sequences).toEqual([13]);
  });
});

describe("a list's checks through shard-resident Durable Objects", () => {
  it('answer as the isolate path, additions included, from objects named by the list', async () => {
    const cached = testApp(root, settings, { additions: sequencer });
    const resident = testApp(root, settings, {
      additions: sequencer,
      shards: () => new DurableObjectShardLookup(durableObjectShardDirectory(env.SHARDS)),
    });
    const numbers = [...seed.listedFirst.slice(90, 110), fiction(3), fiction(700), 'not a number'];
    const ask = async (app: ReturnType<typeof testApp>) => {
      const response = await app.app.request('/v1/lists/do-acme/check', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(reader) },
        body: JSON.stringify({ numbers }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as {
        epoch: string;
        manifestSha256: string;
        results: { status: string }[];
      };
    };
    const expected = await ask(cached);
    // The list holds listedFirst[0..100) and the additions posted above (fiction(3) among them).
    expect(expected.results.map((result) => result.status)).toEqual([
      ...Array(10).fill('listed'),
      ...Array(10).fill('not_listed'),
      'listed',
      'not_listed',
      'invalid',
    ]);
    const got = await ask(resident);
    expect(got).toEqual(expected);
    expect(resident.audit.at(-1)!.shardBytesRead).toBeGreaterThan(0); // loaded by the objects, from R2
    // The object of the list's shard 0 reads the list's prefix; the root list's name for the same
    // epoch reads the bucket's root, where this epoch is not.
    const address = {
      epoch: got.epoch,
      manifestSha256: got.manifestSha256,
      index: 0,
      heads: new Uint8Array(0),
    };
    const named = (name: string) => env.SHARDS.get(env.SHARDS.idFromName(name));
    expect(
      await named(residentName({ ...address, list: 'do-acme' })).lookup({ ...address, list: 'do-acme' }),
    ).toMatchObject({ ok: true });
    expect(await named(residentName(address)).lookup(address)).toMatchObject({
      ok: false,
      code: 'MANIFEST_INVALID',
    });
  });
});
