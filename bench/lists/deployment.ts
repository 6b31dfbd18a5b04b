/**
 * The deployment the live-additions bench measures: one store holding the root list (a
 * small national register) and an advertiser's live list `acme` (its customers, open mode), built by
 * the real builder with keys derived from the list seed as `build --list acme --live` derives them;
 * the operator's signing and additions keys; the list's owner and one call centre as subscribers
 * with a quota no run reaches. Numbers are from the fiction blocks (scripts/fictional-numbers.ts):
 * even indices are customers, odd ones are the objections posted during the run.
 */
import { randomBytes } from 'node:crypto';
import { fictionalNumber } from '../../scripts/fictional-numbers.ts';
import type { SubscriberRecord } from '../../src/api/auth/subscribers.ts';
import { generateApiKey, hashApiKey, writeSubscriber } from '../../src/api/auth/subscribers.ts';
import type { InputRecord } from '../../src/builder/input/record.ts';
import { runBuild } from '../../src/builder/run-build.ts';
import { toBase64 } from '../../src/core/encoding/base64.ts';
import { generateSigningKeyPair, type SigningKeyPair } from '../../src/core/epoch/signing.ts';
import { listHashKey } from '../../src/core/lists/list-keys.ts';
import { listStore } from '../../src/storage/list-store.ts';
import type { ObjectStore } from '../../src/storage/object-store.ts';

export const LIVE_LIST = 'acme';

export interface ListsDeployment {
  signing: SigningKeyPair;
  /** Settings of the server (parseApiConfig), rate limits raised for the bench's loops. */
  settings: Record<string, string>;
  ownerKey: string;
  centreKey: string;
}

/** Customers of the list: fictional numbers of even index. */
export function customerNumbers(count: number): string[] {
  return Array.from({ length: count }, (_, i) => fictionalNumber(2 * i));
}

/** Objections posted during a run: fictional numbers of odd index, `from` onwards, none a customer. */
export function objectionNumbers(count: number, from: number): string[] {
  return Array.from({ length: count }, (_, i) => fictionalNumber(2 * (from + i) + 1));
}

async function* rowsOf(values: string[]): AsyncGenerator<InputRecord[]> {
  yield values.map((phone, i) => ({ line: i + 1, phone }));
}

export interface ListKeys {
  signing: SigningKeyPair;
  listSeed: Uint8Array;
  additions: SigningKeyPair;
}

export function newListKeys(): ListKeys {
  return {
    signing: generateSigningKeyPair(),
    listSeed: new Uint8Array(randomBytes(32)),
    additions: generateSigningKeyPair(),
  };
}

/** Builds the lists into `store` (a file:// store for serve, the local R2 for the Worker). */
export async function createListsDeployment(
  store: ObjectStore,
  sizes: { national: number; customers: number },
  keys: ListKeys = newListKeys(),
): Promise<ListsDeployment> {
  const { signing, listSeed, additions } = keys;
  const build = (list: string, numbers: string[], live: boolean) =>
    runBuild({
      rows: rowsOf(numbers),
      list,
      ...(live ? { additionsKey: additions.publicKey } : {}),
      region: 'FR',
      mode: 'open',
      hashKey: list === 'default' ? new Uint8Array(randomBytes(32)) : listHashKey(listSeed, list),
      signingKeys: signing,
      falsePositiveRate: 1e-6,
      store: listStore(store, list),
      dryRun: false,
      keepEpochs: 3,
      maxRejectRate: 0.5,
      maxShrink: 1,
      allowEmpty: false,
      now: new Date(),
    });
  // The national register: numbers of the last fiction block, apart from the list's.
  await build(
    'default',
    Array.from({ length: sizes.national }, (_, i) => fictionalNumber(60_000 + i)),
    false,
  );
  await build(LIVE_LIST, customerNumbers(sizes.customers), true);
  return {
    signing,
    settings: {
      QUIETLIST_PUBLIC_KEY: toBase64(signing.publicKey),
      QUIETLIST_LIST_SEED: toBase64(listSeed),
      QUIETLIST_ADDITIONS_KEY: toBase64(additions.secretKey),
      RATE_LIMIT_REQUESTS: '1000000000',
    },
    ownerKey: await addSubscriber(store, 'ACME', { [LIVE_LIST]: { owner: true } }),
    centreKey: await addSubscriber(store, 'call centre', { [LIVE_LIST]: {} }),
  };
}

async function addSubscriber(
  store: ObjectStore,
  name: string,
  lists: NonNullable<SubscriberRecord['lists']>,
): Promise<string> {
  const { id, key } = generateApiKey();
  await writeSubscriber(
    store,
    {
      ...{ version: 1, id, name, keyHash: await hashApiKey(key), scopes: ['download', 'check'] },
      ...{ dailyQuota: Number.MAX_SAFE_INTEGER, createdAt: new Date().toISOString(), revokedAt: null },
      lists,
    },
    { create: true },
  );
  return key;
}
