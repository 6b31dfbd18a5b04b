/**
 * Where `quietlist keys list` reads usage, per runtime: on Node the quota database of `serve`
 * (`--state-dir`, read-only use: nothing is charged); on Workers the usage snapshots that each
 * subscriber's Durable Object writes to the store at most a minute after it was used; with several
 * hosts (`serve --shared-quota`) the units leased from the shared ledger, an upper bound of their use.
 */
import { existsSync } from 'node:fs';
import { readLeasedUsage } from '../../api/quota/lease-ledger.ts';
import type { QuotaUsage } from '../../api/quota/quota.ts';
import { readUsageSnapshot } from '../../api/quota/snapshot.ts';
import { quotaDatabasePath, SqliteQuotaCounter } from '../../api/quota/sqlite.ts';
import { QuietlistError } from '../../core/errors.ts';
import type { ObjectStore } from '../../storage/object-store.ts';

export interface UsageSource {
  description: string;
  read(subscriberId: string, at: number): Promise<(QuotaUsage & { asOf?: string }) | null>;
  close(): void;
}

export function openUsageSource(choice: string, stateDirectory: string, store: ObjectStore): UsageSource {
  if (!['auto', 'state', 'store', 'leases'].includes(choice))
    throw new QuietlistError('INVALID_ARGUMENT', '--usage takes auto, state, store or leases');
  if (choice === 'leases') {
    return {
      description: `the quota leased by every host in ${store.description} (state/quota/; at most one unused block per host above what was used)`,
      read: (id, at) => readLeasedUsage(store, id, at),
      close: () => {},
    };
  }
  const database = quotaDatabasePath(stateDirectory);
  if (choice === 'state' || (choice === 'auto' && existsSync(database))) {
    if (!existsSync(database))
      throw new QuietlistError('NOT_FOUND', `no quota database at ${database} (see --state-dir)`);
    const counter = new SqliteQuotaCounter(stateDirectory);
    return {
      description: `the quota database ${database}`,
      read: (id, at) => counter.usage(id, at),
      close: () => counter.close(),
    };
  }
  return {
    description: `the usage snapshots in ${store.description} (written by the Workers quota objects)`,
    async read(id, at) {
      const snapshot = await readUsageSnapshot(store, id, at);
      return snapshot ? { ...snapshot.usage, asOf: snapshot.takenAt } : null;
    },
    close: () => {},
  };
}
