/**
 * Inside workerd, over the R2 binding: the worker's high-water mark (state/high-water.json in the same
 * bucket, as worker/index.ts wires it) keeps a new isolate from serving an older latest.json.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { parseApiConfig } from '../../src/api/config.ts';
import type { FreshnessAlert } from '../../src/api/epochs/freshness.ts';
import { HIGH_WATER_KEY, ObjectHighWater } from '../../src/api/epochs/high-water.ts';
import { MemoryQuotaCounter } from '../../src/api/quota/memory.ts';
import { fromBase64 } from '../../src/core/encoding/base64.ts';
import { R2Store } from '../../src/storage/r2-store.ts';
import { putSeed } from './helpers/fixture.ts';
import { PrefixedStore } from './helpers/prefixed-store.ts';

const seed = inject('workerSeed');

function isolate(store: PrefixedStore, alerts: FreshnessAlert[]) {
  return createApp({
    store,
    config: parseApiConfig({ QUIETLIST_PUBLIC_KEY: seed.publicKey, POINTER_TTL_SECONDS: '0' }),
    highWater: new ObjectHighWater(store),
    quotas: new MemoryQuotaCounter(),
    audit: () => {},
    log: () => {},
    alert: (entry) => alerts.push(entry),
  });
}

describe('high-water mark on R2', () => {
  it('a fresh isolate refuses an older latest.json and serves the newest epoch ever served', async () => {
    const store = new PrefixedStore(new R2Store(env.STORE), 'freshness-1/');
    await putSeed(store, seed.first);
    await putSeed(store, seed.second);
    const alerts: FreshnessAlert[] = [];
    const first = await isolate(store, alerts).request('/healthz');
    expect(((await first.json()) as { epoch: string }).epoch).toBe(seed.second.epoch);
    expect(await store.get(HIGH_WATER_KEY)).not.toBeNull();

    await store.put('latest.json', fromBase64(seed.first.objects['latest.json']!));
    const restarted = await isolate(store, alerts).request('/healthz');
    const body = (await restarted.json()) as { epoch: string; freshness: { state: string } };
    expect(restarted.status).toBe(503);
    expect(body.epoch).toBe(seed.second.epoch);
    expect(body.freshness.state).toBe('rollback-refused');
    expect(alerts.map((alert) => alert.code)).toEqual(['ROLLBACK_REFUSED']);
  });
});
