/** The real API (createApp via `quietlist serve`'s startApiServer) over a store, recording its audit lines. */

import { generateApiKey, hashApiKey, writeSubscriber } from '../../../../src/api/auth/subscribers.ts';
import { parseApiConfig } from '../../../../src/api/config.ts';
import type { AuditEntry } from '../../../../src/api/http/audit.ts';
import { MemoryQuotaCounter } from '../../../../src/api/quota/memory.ts';
import { type RunningServer, startApiServer } from '../../../../src/cli/commands/serve.ts';
import type { ObjectStore } from '../../../../src/storage/object-store.ts';

export interface RealWorker {
  server: RunningServer;
  url: string;
  audit: AuditEntry[];
  close(): Promise<void>;
}

export async function startRealWorker(
  store: ObjectStore,
  publicKeyBase64: string,
  settings: Record<string, string> = {},
): Promise<RealWorker> {
  const audit: AuditEntry[] = [];
  const config = parseApiConfig({
    QUIETLIST_PUBLIC_KEY: publicKeyBase64,
    POINTER_TTL_SECONDS: '0',
    SUBSCRIBER_CACHE_SECONDS: '0',
    ...settings,
  });
  const server = await startApiServer(
    { store, config, audit: (entry) => audit.push(entry), log: () => {}, quotas: new MemoryQuotaCounter() },
    { port: 0, host: '127.0.0.1' },
  );
  return { server, url: server.url, audit, close: () => server.close() };
}

/**
 * A subscriber with the check scope; returns its API key (shown once, as `quietlist keys add` does).
 * `partitions`: the partitions of the default list it may use (docs/API.md; default every one).
 */
export async function addSubscriber(
  store: ObjectStore,
  dailyQuota = 1_000_000,
  partitions?: string[],
): Promise<string> {
  const { id, key } = generateApiKey();
  await writeSubscriber(
    store,
    {
      version: 1,
      id,
      name: 'Test Calls',
      keyHash: await hashApiKey(key),
      scopes: ['download', 'check'],
      dailyQuota,
      createdAt: new Date().toISOString(),
      revokedAt: null,
      ...(partitions ? { lists: { default: { partitions } } } : {}),
    },
    { create: true },
  );
  return key;
}
