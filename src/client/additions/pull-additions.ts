/**
 * The last step of `pull` for a live list (docs/CLIENT.md, "Live lists"): the installed epoch's
 * additions batches read forward from where the cache stopped, each verified under the additions key
 * the signed manifest announces, chained to the epoch and to the batch before it
 * (core/additions/additions-chain.ts), and cached in `additions.json`. A cache file that no longer
 * verifies is read again from the start, never trusted.
 */
import { type AdditionsStatus, chainStatus } from '../../core/additions/additions-chain.ts';
import type { CachedEpoch } from '../cache/cached-epoch.ts';
import type { EpochSource } from '../sources/epoch-source.ts';
import { loadCachedAdditions, refreshAdditions } from './cached-additions.ts';

export async function pullAdditions(
  epoch: CachedEpoch,
  source: EpochSource,
  now: () => Date,
): Promise<AdditionsStatus | null> {
  const current = { manifest: epoch.manifest, manifestSha256: epoch.manifestSha256 };
  if (!current.manifest.additions) return null;
  const held = await loadCachedAdditions(epoch.layout.root, current).catch(() => null);
  const fresh = await refreshAdditions(epoch.layout.root, current, source, held, now);
  return chainStatus(fresh.chain);
}
