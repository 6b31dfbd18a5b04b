/**
 * Retention. Of a published epoch it removes the shards only: its manifest (a few kilobytes) is kept
 * forever, so a receipt naming it stays verifiable and the chain of signed `previous` links (and of
 * announced signing keys, core/epoch/key-chain.ts) stays walkable to the first epoch. It counts published epochs only: the one `latest.json` names and its predecessors along
 * the signed `previous` links (storage/published-chain.ts). It keeps the newest `keep` of them, and
 * never deletes an epoch superseded less than `supersededGraceMs` ago: servers hold the old pointer
 * for up to their POINTER_TTL_SECONDS and a client may still be pulling its shards. The moment an epoch
 * was superseded is recorded the first time retention sees it superseded (`state/retention.json`);
 * retention runs right after every publish, so that is at most the build's tail after the publish,
 * and never earlier than the real moment. Epoch directories that are not on the chain (a crashed or
 * beaten build) and a FileStore's `.ql-tmp`/`.ql-lock` debris are removed once older than
 * `debrisAgeMs` (48 h: longer than any build runs), never sooner, since a build may be writing them.
 */
import { epochIdTime } from '../core/epoch/epoch-id.ts';
import { type EpochPointer, epochPrefix } from '../core/epoch/pointer.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { readPublishedChain } from '../storage/published-chain.ts';

export const RETENTION_STATE_KEY = 'state/retention.json';
export const DEFAULT_SUPERSEDED_GRACE_MS = 10 * 60_000;
export const DEFAULT_DEBRIS_AGE_MS = 48 * 3600_000;

export interface RetentionOptions {
  keep: number;
  /** Manifests along the chain are verified against it. */
  publicKey: Uint8Array;
  /** Keep an epoch this long after it was superseded (default 10 min; at least the servers' pointer TTL). */
  supersededGraceMs?: number;
  /** Unpublished epochs and store debris younger than this are left alone (default 48 h). */
  debrisAgeMs?: number;
  now?: () => Date;
}

export interface RetentionResult {
  kept: string[];
  deleted: string[];
  /** Past `keep` but superseded less than the grace period ago: deleted by a later run. */
  deferred: string[];
  /** Never-published epochs removed (left by crashed or beaten builds). */
  unpublishedDeleted: string[];
  /** Temporary and lock files removed by the store. */
  debrisDeleted: number;
}

interface RetentionState {
  version: 1;
  /** Epoch id → when retention first saw it superseded (ISO). */
  superseded: Record<string, string>;
}

export async function applyRetention(
  store: ObjectStore,
  latest: Pick<EpochPointer, 'epoch' | 'manifestSha256'>,
  options: RetentionOptions,
): Promise<RetentionResult> {
  const now = options.now ?? (() => new Date());
  const grace = options.supersededGraceMs ?? DEFAULT_SUPERSEDED_GRACE_MS;
  const debrisAge = options.debrisAgeMs ?? DEFAULT_DEBRIS_AGE_MS;
  const chain = await readPublishedChain(store, latest, options.publicKey);
  if (chain[0]?.epoch !== latest.epoch) {
    // The current manifest does not verify: retention cannot know what is published, so it deletes nothing.
    return { kept: [], deleted: [], deferred: [], unpublishedDeleted: [], debrisDeleted: 0 };
  }
  const state = await readState(store);
  const seenAt = now().toISOString();
  const superseded: Record<string, string> = {};
  for (const { epoch } of chain.slice(1)) superseded[epoch] = state.superseded[epoch] ?? seenAt;
  if (JSON.stringify(superseded) !== JSON.stringify(state.superseded)) {
    await writeState(store, { version: 1, superseded });
  }

  const keys = await store.list('epochs/');
  const epochOf = (key: string) => key.split('/')[1];
  const stored = [...new Set(keys.map(epochOf).filter((id): id is string => !!id))];
  // A published epoch whose shards are gone (only its manifest is left) needs nothing more.
  const withShards = new Set(keys.filter((key) => !key.endsWith('/manifest.json')).map(epochOf));
  const kept = chain.slice(0, Math.max(1, options.keep)).map((entry) => entry.epoch);
  const deleted: string[] = [];
  const deferred: string[] = [];
  for (const { epoch } of chain.slice(kept.length)) {
    if (!withShards.has(epoch)) continue;
    const since = now().getTime() - Date.parse(superseded[epoch]!);
    (since >= grace ? deleted : deferred).push(epoch);
  }
  const onChain = new Set(chain.map((entry) => entry.epoch));
  const unpublishedDeleted = stored.filter((epoch) => {
    if (onChain.has(epoch)) return false;
    const created = epochIdTime(epoch);
    return created !== null && now().getTime() - created >= debrisAge;
  });
  for (const epoch of deleted) await deleteShards(store, keys, epoch);
  for (const epoch of unpublishedDeleted) await deleteEpoch(store, keys, epoch);
  const debrisDeleted = store.sweepDebris
    ? await store.sweepDebris(new Date(now().getTime() - debrisAge))
    : 0;
  return { kept, deleted, deferred, unpublishedDeleted, debrisDeleted };
}

/** A published epoch past retention: its shards go, its manifest stays (see the top of this file). */
async function deleteShards(store: ObjectStore, keys: string[], epoch: string): Promise<void> {
  const prefix = epochPrefix(epoch);
  await store.delete(keys.filter((key) => key.startsWith(prefix) && !key.endsWith('/manifest.json')));
}

/** An epoch that was never published: nothing of it may stay. */
async function deleteEpoch(store: ObjectStore, keys: string[], epoch: string): Promise<void> {
  const prefix = epochPrefix(epoch);
  // The manifest goes first: a half-deleted epoch is then visibly gone rather than subtly incomplete.
  const files = keys.filter((key) => key.startsWith(prefix));
  await store.delete(files.filter((key) => key.endsWith('manifest.json')));
  await store.delete(files.filter((key) => !key.endsWith('manifest.json')));
}

async function readState(store: ObjectStore): Promise<RetentionState> {
  const object = await store.get(RETENTION_STATE_KEY);
  if (!object) return { version: 1, superseded: {} };
  try {
    const parsed = JSON.parse(new TextDecoder().decode(object.body)) as RetentionState;
    if (parsed.version === 1 && typeof parsed.superseded === 'object' && parsed.superseded !== null) {
      return parsed;
    }
  } catch {}
  // Unreadable: start again; every superseded epoch is then "seen now", which only delays deletions.
  return { version: 1, superseded: {} };
}

async function writeState(store: ObjectStore, state: RetentionState): Promise<void> {
  await store.put(RETENTION_STATE_KEY, new TextEncoder().encode(`${JSON.stringify(state, null, 2)}\n`), {
    contentType: 'application/json',
    cacheControl: 'no-store',
  });
}
