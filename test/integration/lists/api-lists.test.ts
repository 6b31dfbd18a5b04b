/**
 * The API of several lists (docs/API.md, "Lists"): three lists in one store (a national register at
 * the root and two advertisers' objection lists), keys entitled to different lists, live additions
 * posted by a list's owner and answered "listed" by POST /v1/check (one list or several in one
 * request), read back as signed batches a client verifies, and an epoch of one list replayed as
 * another's refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteSequencer } from '../../../src/api/additions/sqlite-sequencer.ts';
import { additionsBatchKey } from '../../../src/core/additions/additions-batch.ts';
import {
  type AdditionsSource,
  advanceAdditionsChain,
  chainStatus,
} from '../../../src/core/additions/additions-chain.ts';
import { parseSignedManifest } from '../../../src/core/epoch/manifest.ts';
import { LATEST_POINTER_KEY, manifestKey } from '../../../src/core/epoch/pointer.ts';
import { listStore } from '../../../src/storage/list-store.ts';
import { freeNumbers, registeredNumbers, removeTempDirs } from '../client/helpers/client-fixture.ts';
import {
  addSubscriber,
  buildList,
  type Deployment,
  type ListApp,
  listApp,
  newDeployment,
} from './helpers/deployment.ts';

let deployment: Deployment;
let sequencer: SqliteSequencer;
let app: ListApp;
const keys: Record<'centreA' | 'centreB' | 'acmeOwner' | 'legacy', string> = {} as never;
const national = registeredNumbers(300);
const acmeExport = registeredNumbers(50, 1000);
const objection = freeNumbers(1, 7000)[0]!;
const errors: string[] = [];

beforeAll(async () => {
  deployment = await newDeployment();
  await buildList(deployment, 'default', { mode: 'secret', numbers: national });
  await buildList(deployment, 'acme', { mode: 'secret', numbers: acmeExport, live: true });
  await buildList(deployment, 'beta', { mode: 'oprf', numbers: [], live: true });
  keys.centreA = await addSubscriber(deployment, 'Centre A', { default: {}, acme: {} });
  keys.centreB = await addSubscriber(deployment, 'Centre B', { default: {}, beta: {} });
  keys.acmeOwner = await addSubscriber(deployment, 'ACME', { acme: { owner: true } });
  keys.legacy = await addSubscriber(deployment, 'Before lists');
  ({ app, sequencer } = listApp(deployment, (line) => errors.push(line)));
});

afterAll(async () => {
  sequencer.close();
  await removeTempDirs();
});

function call(path: string, key?: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  if (body === undefined) return Promise.resolve(app.request(path, { headers }));
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

describe('several lists behind one API', () => {
  it('names to each key the lists it may use, and no other', async () => {
    const listed = async (key: string) =>
      (
        (await (await call('/v1/lists', key)).json()) as {
          lists: { name: string; owner: boolean; live: boolean }[];
        }
      ).lists;
    expect(await listed(keys.centreA)).toEqual([
      expect.objectContaining({ name: 'acme', owner: false, live: true }),
      expect.objectContaining({ name: 'default', owner: false, live: false }),
    ]);
    expect((await listed(keys.acmeOwner)).map((list) => [list.name, list.owner])).toEqual([['acme', true]]);
    expect((await listed(keys.legacy)).map((list) => list.name)).toEqual(['default']);
    expect((await call('/v1/lists')).status).toBe(401);
  });

  it('serves a list to the keys entitled to it only; the default list stays public', async () => {
    expect((await call('/v1/manifest')).status).toBe(200);
    expect((await call('/v1/lists/default/manifest')).status).toBe(200);
    expect((await call('/v1/lists/acme/manifest')).status).toBe(401);
    expect((await call('/v1/lists/acme/manifest', keys.centreB)).status).toBe(403);
    const manifest = await call('/v1/lists/acme/manifest', keys.centreA);
    expect(manifest.status).toBe(200);
    expect(parseSignedManifest(new Uint8Array(await manifest.arrayBuffer())).manifest.list).toBe('acme');
    expect((await call('/v1/lists/beta/latest', keys.centreB)).status).toBe(200);
    expect((await call('/v1/lists/Not_A_List/latest', keys.centreB)).status).toBe(400);
    // A key from before lists keeps exactly what it had: the default list.
    expect((await call('/v1/check', keys.legacy, { numbers: [national[0]] })).status).toBe(200);
    expect((await call('/v1/lists/acme/check', keys.legacy, { numbers: [national[0]] })).status).toBe(403);
  });

  it("answers a live addition 'listed' once its owner posted it, on one list and across several", async () => {
    const before = await call('/v1/check', keys.centreA, {
      numbers: [objection],
      lists: ['default', 'acme'],
    });
    expect(((await before.json()) as { results: { status: string }[] }).results[0]!.status).toBe(
      'not_listed',
    );
    expect((await call('/v1/lists/acme/additions', keys.centreA, { numbers: [objection] })).status).toBe(403);
    const posted = await call('/v1/lists/acme/additions', keys.acmeOwner, {
      numbers: [objection],
      ttlSeconds: 60 * 86_400,
    });
    expect(posted.status).toBe(200);
    const added = (await posted.json()) as { sequences: number[]; through: number; epoch: string };
    expect(added.sequences).toEqual([1]);
    const single = (await (
      await call('/v1/lists/acme/check', keys.centreA, { numbers: [objection] })
    ).json()) as {
      results: { status: string }[];
      additions: { through: number };
    };
    expect(single.results[0]!.status).toBe('listed');
    expect(single.additions.through).toBe(1);
    const both = (await (
      await call('/v1/check', keys.centreA, {
        numbers: [objection, national[1], freeNumbers(1, 9000)[0]],
        lists: ['default', 'acme'],
      })
    ).json()) as { results: { status: string; lists: string[] }[]; lists: { list: string }[] };
    expect(both.results.map((result) => [result.status, result.lists])).toEqual([
      ['listed', ['acme']],
      ['listed', ['default']],
      ['not_listed', []],
    ]);
    expect(both.lists.map((list) => list.list)).toEqual(['default', 'acme']);
    // Centre B may not ask about acme, not even beside its own lists.
    expect((await call('/v1/check', keys.centreB, { numbers: [objection], lists: ['acme'] })).status).toBe(
      403,
    );
  });

  it('hands out the signed batches, which a client verifies against the manifest', async () => {
    const response = await call('/v1/lists/acme/additions', keys.centreA);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { epoch: string; batches: unknown[]; complete: boolean };
    expect(body.complete).toBe(true);
    const manifestBytes = (await deployment.store.get(`lists/acme/${manifestKey(body.epoch)}`))!.body;
    const { manifest } = parseSignedManifest(manifestBytes);
    const { manifestSha256 } = await import('../../../src/core/epoch/manifest.ts');
    const source: AdditionsSource = {
      batchesFrom: async (_epoch, first) =>
        first === 1
          ? {
              batches: body.batches.map((batch) => new TextEncoder().encode(JSON.stringify(batch))),
              complete: true,
            }
          : { batches: [], complete: true },
    };
    const chain = await advanceAdditionsChain(null, {
      source,
      current: { manifest, manifestSha256: manifestSha256(manifest) },
    });
    expect(chainStatus(chain!)).toMatchObject({ through: 1, entries: 1 });
    expect(await deployment.store.get(`lists/acme/${additionsBatchKey(body.epoch, 1)}`)).not.toBeNull();
  });

  it('takes digests only for an oprf list: its server never sees a number', async () => {
    const refused = await call('/v1/lists/beta/additions', keys.centreB, { digests: [['ab'.repeat(12)]] });
    expect(refused.status).toBe(403); // centre B may use beta, not add to it
    const owner = await addSubscriber(deployment, 'Beta', { beta: { owner: true } });
    const numbers = await call('/v1/lists/beta/additions', owner, { numbers: [objection] });
    expect(numbers.status).toBe(400);
    expect(((await numbers.json()) as { error: { message: string } }).error.message).toMatch(/oprf mode/);
    const digests = await call('/v1/lists/beta/additions', owner, {
      digests: [['ab'.repeat(12), 'cd'.repeat(12)]],
    });
    expect(digests.status).toBe(200);
    expect(((await digests.json()) as { sequences: number[] }).sequences).toEqual([1]);
  });

  it('refuses an epoch of one list replayed under another list', async () => {
    const acme = listStore(deployment.store, 'acme');
    const gamma = listStore(deployment.store, 'gamma');
    const pointer = (await acme.get(LATEST_POINTER_KEY))!.body;
    const epoch = (JSON.parse(new TextDecoder().decode(pointer)) as { pointer: { epoch: string } }).pointer
      .epoch;
    await gamma.put(manifestKey(epoch), (await acme.get(manifestKey(epoch)))!.body);
    await gamma.put(LATEST_POINTER_KEY, pointer);
    const owner = await addSubscriber(deployment, 'Gamma', { gamma: {} });
    const response = await call('/v1/lists/gamma/manifest', owner);
    expect(response.status).toBe(503);
    expect(errors.join('\n')).not.toContain(objection.slice(-6));
  });
});
