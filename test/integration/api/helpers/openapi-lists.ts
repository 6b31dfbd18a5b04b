/**
 * The deployment the OpenAPI test drives the list routes with (docs/API.md, "Lists"): one store with a
 * live root list, a live secret list (acme), a live oprf list (beta), a list that is not live (plain),
 * and keys entitled to them, to none of them, or to one more list that was never built (ghost). Built
 * by the real builder; numbers from the fiction blocks.
 */
import { createApp } from '../../../../src/api/app.ts';
import {
  generateApiKey,
  hashApiKey,
  type Scope,
  type SubscriberRecord,
  writeSubscriber,
} from '../../../../src/api/auth/subscribers.ts';
import { parseApiConfig } from '../../../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../../../src/api/quota/memory.ts';
import type { OprfBackend } from '../../../../src/oprf/types.ts';
import type { ObjectStore } from '../../../../src/storage/object-store.ts';
import {
  addSubscriber,
  buildList,
  type Deployment,
  memorySequencer,
  newDeployment,
} from '../../lists/helpers/deployment.ts';

export interface ListsFixture {
  deployment: Deployment;
  /** The epochs of acme and of the root list, and a shard file of acme's. */
  acmeEpoch: string;
  acmeShard: string;
  rootEpoch: string;
  keys: Record<'centre' | 'owner' | 'outsider' | 'tiny' | 'checkOnly', string>;
  /** An app of the deployment; `additions: false` leaves the sequencer out (ADDITIONS_DISABLED). */
  app(settings?: Record<string, string>, options?: { additions?: boolean; store?: ObjectStore }): App;
  close(): void;
}

type App = ReturnType<typeof createApp>;

export async function listsFixture(numbers: string[], backend: OprfBackend): Promise<ListsFixture> {
  const deployment = await newDeployment();
  const root = await buildList(deployment, 'default', {
    mode: 'secret',
    numbers: numbers.slice(0, 50),
    live: true,
  });
  const acme = await buildList(deployment, 'acme', {
    mode: 'secret',
    numbers: numbers.slice(50, 100),
    live: true,
  });
  await buildList(deployment, 'beta', { mode: 'oprf', numbers: numbers.slice(100, 120), live: true });
  await buildList(deployment, 'plain', { mode: 'secret', numbers: numbers.slice(120, 130) });
  // The scopes record shape: `default` kept beside the lists a key names.
  const all: SubscriberRecord['lists'] = { default: {}, acme: {}, beta: {}, plain: {}, ghost: {} };
  const owned = { owner: true };
  const keys = {
    centre: await addSubscriber(deployment, 'centre', all),
    owner: await addSubscriber(deployment, 'owner', { default: owned, acme: owned, plain: owned }),
    outsider: await addSubscriber(deployment, 'outsider', { default: {} }),
    tiny: await subscriber(deployment, ['check'], 1, all),
    checkOnly: await subscriber(deployment, ['check'], 1_000_000, all),
  };
  const sequencer = memorySequencer(deployment);
  return {
    deployment,
    acmeEpoch: acme.signed.manifest.epoch,
    acmeShard: acme.signed.manifest.shards[0]!.path,
    rootEpoch: root.signed.manifest.epoch,
    keys,
    app: (settings = {}, options = {}) =>
      createApp({
        store: options.store ?? deployment.store,
        quotas: new MemoryQuotaCounter(),
        config: parseApiConfig({
          ...deployment.settings,
          SUBSCRIBER_CACHE_SECONDS: '0',
          POINTER_TTL_SECONDS: '0',
          ADDITIONS_REFRESH_MS: '0',
          ...settings,
        }),
        ...(options.additions === false ? {} : { additions: sequencer }),
        oprfBackend: async () => backend,
        audit: () => {},
        log: () => {},
      }),
    close: () => sequencer.close(),
  };
}

async function subscriber(
  deployment: Deployment,
  scopes: Scope[],
  dailyQuota: number,
  lists: SubscriberRecord['lists'],
): Promise<string> {
  const { id, key } = generateApiKey();
  await writeSubscriber(deployment.store, {
    ...{ version: 1, id, name: `lists ${scopes.join('+')}`, keyHash: await hashApiKey(key), scopes },
    ...{ dailyQuota, createdAt: new Date().toISOString(), revokedAt: null, lists },
  });
  return key;
}
