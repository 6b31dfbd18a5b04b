/**
 * Lists of scoped and partitioned registers behind the API (docs/API.md, "Lists", "Partitioned
 * lists"): a list sold by area code answers `/v1/lists/{list}/check` NOT_ENTITLED outside the key's
 * partitions of that list and serves its entitlement and partition files to it alone; a scoped live
 * list answers per scope, and an objection its owner posts is listed in every scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteSequencer } from '../../../src/api/additions/sqlite-sequencer.ts';
import { runBuild } from '../../../src/builder/run-build.ts';
import { listHashKey } from '../../../src/core/lists/list-keys.ts';
import { listStore } from '../../../src/storage/list-store.ts';
import { rowsOf } from '../../helpers/build-fixture.ts';
import {
  ES_RULES,
  nanpNumbers,
  recordsOf,
  robinsonRows,
  rowCovers,
  spanishNumbers,
  US_RULES,
} from '../../helpers/register-fixtures.ts';
import { removeTempDirs } from '../client/helpers/client-fixture.ts';
import {
  addSubscriber,
  type Deployment,
  type ListApp,
  listApp,
  newDeployment,
} from './helpers/deployment.ts';

let deployment: Deployment;
let sequencer: SqliteSequencer;
let app: ListApp;
let usEpoch: string;
const keys: Record<'areaCode212' | 'esCentre' | 'esOwner' | 'defaultOnly', string> = {} as never;
const nanp = nanpNumbers(['212', '646'], 20);
const robinson = robinsonRows(spanishNumbers(120, 5));
const filed = robinson.slice(0, 100);
const objection = robinson[110]!.phone;

beforeAll(async () => {
  deployment = await newDeployment();
  const base = {
    mode: 'secret' as const,
    signingKeys: deployment.signing,
    falsePositiveRate: 1e-6,
    shardMaxBytes: 8192,
    dryRun: false,
    keepEpochs: 5,
    maxRejectRate: 0.5,
    maxShrink: 1,
    now: new Date(),
  };
  const us = await runBuild({
    ...base,
    rows: rowsOf(nanp),
    region: 'US',
    register: US_RULES,
    list: 'us-acme',
    hashKey: listHashKey(deployment.listSeed, 'us-acme'),
    store: listStore(deployment.store, 'us-acme'),
  });
  usEpoch = us.signed.manifest.epoch;
  await runBuild({
    ...base,
    rows: recordsOf(filed),
    region: 'ES',
    register: ES_RULES,
    list: 'es-acme',
    additionsKey: deployment.additions.publicKey,
    hashKey: listHashKey(deployment.listSeed, 'es-acme'),
    store: listStore(deployment.store, 'es-acme'),
  });
  keys.areaCode212 = await addSubscriber(deployment, 'Centre 212', { 'us-acme': { partitions: ['212'] } });
  keys.esCentre = await addSubscriber(deployment, 'Centro', { 'es-acme': {} });
  keys.esOwner = await addSubscriber(deployment, 'ACME ES', { 'es-acme': { owner: true } });
  keys.defaultOnly = await addSubscriber(deployment, 'Before lists');
  ({ app, sequencer } = listApp(deployment));
});

afterAll(async () => {
  sequencer.close();
  await removeTempDirs();
});

async function call(path: string, key: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  const response = await app.request(
    path,
    body === undefined
      ? { headers }
      : {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
  );
  return {
    status: response.status,
    body: (await response.json().catch(() => null)) as Record<string, unknown>,
  };
}

type Results = { results: { status: string; reason?: string }[]; scope?: unknown };

describe('lists of scoped and partitioned registers behind the API', () => {
  it("a partitioned list answers within the key's partitions of that list", async () => {
    const entitlement = await call('/v1/lists/us-acme/entitlement', keys.areaCode212);
    expect(entitlement).toEqual({ status: 200, body: { list: 'us-acme', partitions: ['212'] } });
    const checked = await call('/v1/lists/us-acme/check', keys.areaCode212, {
      numbers: [nanp[0], nanp[20], nanpNumbers(['212'], 1, 90)[0]],
    });
    expect(checked.status).toBe(200);
    expect((checked.body as unknown as Results).results.map((r) => r.reason ?? r.status)).toEqual([
      'listed',
      'NOT_ENTITLED',
      'not_listed',
    ]);
    const file = (partition: string) => `/v1/lists/us-acme/epochs/${usEpoch}/p/${partition}/shard-00000.qlbf`;
    expect(
      (await app.request(file('212'), { headers: { authorization: `Bearer ${keys.areaCode212}` } })).status,
    ).toBe(200);
    expect((await call(file('646'), keys.areaCode212)).body).toMatchObject({
      error: { code: 'PARTITION_NOT_ENTITLED' },
    });
    // The default list's key may not use the list at all.
    expect((await call('/v1/lists/us-acme/entitlement', keys.defaultOnly)).status).toBe(403);
    expect((await call('/v1/lists/us-acme/check', keys.defaultOnly, { numbers: [nanp[0]] })).status).toBe(
      403,
    );
  });

  it('a scoped live list answers per scope, and lists an objection in every scope', async () => {
    const scopes = [
      { channel: 'call', sector: 'energy' },
      { channel: 'sms', sector: 'travel' },
    ];
    for (const scope of scopes) {
      const answer = await call('/v1/lists/es-acme/check', keys.esCentre, {
        numbers: filed.map((row) => row.phone),
        scope,
      });
      expect(answer.status).toBe(200);
      const { results, scope: answered } = answer.body as unknown as Results;
      expect(answered).toEqual(scope);
      // A registration is listed exactly where it covers the scope (a false positive at 1e-6 aside).
      expect(results.map((r) => r.status)).toEqual(
        filed.map((row) => (rowCovers(row, scope.channel, scope.sector) ? 'listed' : 'not_listed')),
      );
    }
    const posted = await call('/v1/lists/es-acme/additions', keys.esOwner, { numbers: [objection] });
    expect(posted.status).toBe(200);
    for (const scope of [...scopes, undefined]) {
      const answer = await call('/v1/lists/es-acme/check', keys.esCentre, {
        numbers: [objection],
        ...(scope ? { scope } : {}),
      });
      expect((answer.body as unknown as Results).results[0]!.status, JSON.stringify(scope)).toBe('listed');
    }
  });
});
