/**
 * Inside workerd, over the R2 binding, with the trust state where worker/index.ts keeps it
 * (`state/high-water.json` in the bucket): after a signing-key rotation, an epoch signed again by the
 * retired key is refused by the running isolate and by a new one (an isolate restart, which on
 * Cloudflare happens constantly), which serves the last trusted epoch from the saved state with a 503
 * health; a state file from before the key fields keeps its mark; an unannounced key never turns the
 * other routes into 503s.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { parseApiConfig } from '../../src/api/config.ts';
import type { FreshnessAlert } from '../../src/api/epochs/freshness.ts';
import { HIGH_WATER_KEY, ObjectHighWater } from '../../src/api/epochs/high-water.ts';
import { MemoryQuotaCounter } from '../../src/api/quota/memory.ts';
import { R2Store } from '../../src/storage/r2-store.ts';
import { putSeed } from './helpers/fixture.ts';
import { PrefixedStore } from './helpers/prefixed-store.ts';

const { rotation } = inject('workerSeed');

/** A fresh isolate: a new app (its caches and memory empty) over the same bucket. */
function isolate(store: PrefixedStore, alerts: FreshnessAlert[] = []) {
  return createApp({
    store,
    config: parseApiConfig({ QUIETLIST_PUBLIC_KEY: rotation.oldPublicKey, POINTER_TTL_SECONDS: '0' }),
    highWater: new ObjectHighWater(store),
    quotas: new MemoryQuotaCounter(),
    audit: () => {},
    log: () => {},
    alert: (entry) => alerts.push(entry),
  });
}

interface Health {
  status: string;
  epoch: string;
  freshness: { state: string; refused: { code: string } | null };
  signing: { current: string };
}

async function health(app: ReturnType<typeof isolate>) {
  const response = await app.request('/healthz');
  return { status: response.status, body: (await response.json()) as Health };
}

describe('trust state on R2', () => {
  it('refuses the retired key while running and after an isolate restart, serving the last trusted epoch', async () => {
    const store = new PrefixedStore(new R2Store(env.STORE), 'trust-1/');
    await putSeed(store, rotation.chain);
    const alerts: FreshnessAlert[] = [];
    const first = isolate(store, alerts);
    const before = await health(first);
    expect(before.status).toBe(200);
    expect(before.body.epoch).toBe(rotation.chain.epoch);
    expect(before.body.signing.current).toBe(rotation.successorFingerprint);
    const saved = JSON.parse(new TextDecoder().decode((await store.get(HIGH_WATER_KEY))!.body));
    expect(saved).toMatchObject({ epoch: rotation.chain.epoch, retiredKeys: [rotation.oldPublicKey] });

    await putSeed(store, rotation.retiredLate);
    const running = await health(first);
    expect(running.status).toBe(503);
    expect(running.body).toMatchObject({ status: 'refused', epoch: rotation.chain.epoch });
    expect(running.body.freshness.state).toBe('key-retired');

    const restarted = isolate(store, alerts);
    const after = await health(restarted);
    expect(after.status).toBe(503);
    expect(after.body).toMatchObject({ status: 'refused', epoch: rotation.chain.epoch });
    expect(after.body.freshness.state).toBe('key-retired');
    expect((await restarted.request('/')).status).toBe(200);
    expect((await restarted.request(`/v1/epochs/${rotation.chain.epoch}/manifest`)).status).toBe(200);
    expect(alerts.map((alert) => alert.code)).toEqual(['KEY_RETIRED', 'KEY_RETIRED']);
  });

  it('upgrades a state file from before the key fields without losing its mark', async () => {
    const store = new PrefixedStore(new R2Store(env.STORE), 'trust-2/');
    await putSeed(store, rotation.chain);
    await isolate(store).request('/healthz');
    const saved = JSON.parse(new TextDecoder().decode((await store.get(HIGH_WATER_KEY))!.body));
    const { signingKey: _, retiredKeys: __, ...older } = saved;
    await store.put(HIGH_WATER_KEY, new TextEncoder().encode(`${JSON.stringify(older)}\n`));

    await putSeed(store, rotation.retiredLate);
    // The old file names no key; the pinned K1 is walked forward through its retirement record.
    const restarted = await health(isolate(store));
    expect(restarted.status).toBe(503);
    expect(restarted.body).toMatchObject({
      epoch: rotation.chain.epoch,
      freshness: { state: 'key-retired' },
    });
  });

  it('keeps the other routes answering when latest.json names an unannounced key', async () => {
    const store = new PrefixedStore(new R2Store(env.STORE), 'trust-3/');
    await putSeed(store, rotation.chain);
    const app = isolate(store);
    expect((await app.request('/healthz')).status).toBe(200);
    await putSeed(store, rotation.unannounced);
    for (let i = 0; i < 5; i++) {
      for (const path of ['/', '/v1/manifest', '/v1/latest', `/v1/epochs/${rotation.chain.epoch}/manifest`]) {
        const response = await app.request(path);
        expect(response.status, path).toBe(200);
        await response.arrayBuffer();
      }
      const refused = await health(app);
      expect(refused.status).toBe(503);
      expect(refused.body.freshness.state).toBe('pointer-unverifiable');
      expect((await app.request('/readyz')).status).toBe(503);
    }
  });
});
