/**
 * Retention keeps the newest N epochs up to and including the one `latest.json` names, and never
 * touches an epoch newer than it (a concurrent build may be writing one). Epoch ids sort by time.
 */
import { epochPrefix } from '../core/epoch-pointer.ts';
import type { ObjectStore } from '../storage/object-store.ts';

export interface RetentionResult {
  kept: string[];
  deleted: string[];
}

export async function applyRetention(
  store: ObjectStore,
  latestEpoch: string,
  keep: number,
): Promise<RetentionResult> {
  const keys = await store.list('epochs/');
  const epochs = [...new Set(keys.map((key) => key.split('/')[1]).filter((id): id is string => !!id))].sort();
  const published = epochs.filter((epoch) => epoch <= latestEpoch);
  const kept = published.slice(-Math.max(1, keep));
  const deleted = published.filter((epoch) => !kept.includes(epoch));
  for (const epoch of deleted) {
    const prefix = epochPrefix(epoch);
    // The manifest goes first: a half-deleted epoch is then visibly gone rather than subtly incomplete.
    const files = keys.filter((key) => key.startsWith(prefix));
    await store.delete(files.filter((key) => key.endsWith('manifest.json')));
    await store.delete(files.filter((key) => !key.endsWith('manifest.json')));
  }
  return { kept, deleted };
}
