/**
 * The additions `check` and `scrub` answer with (docs/CLIENT.md, "Live lists"): what the last `pull`
 * cached for the installed epoch, verified again, expired entries dropped at the instant of the run.
 * A live epoch with no additions cached is refused (ADDITIONS_STALE, "pull again"): answering from the
 * filter alone would answer "not listed" a number objected to since the build. Additions older than
 * the run's bound draw a warning naming their age: pull refreshes them.
 */
import { AdditionSet } from '../../core/additions/addition-set.ts';
import { type AdditionsStatus, chainEntries, chainStatus } from '../../core/additions/additions-chain.ts';
import { QuietlistError } from '../../core/errors.ts';
import type { CachedEpoch } from '../cache/cached-epoch.ts';
import { loadCachedAdditions } from './cached-additions.ts';

/** Additions fetched longer ago than this draw a warning (the bound: live within a minute). */
export const ADDITIONS_WARN_AFTER_MS = 10 * 60_000;

export interface HeldListAdditions {
  /** Unexpired digests on top of the filter (empty for a list without live additions). */
  set: AdditionSet;
  /** What a client shows and a receipt names; null: the list takes no live additions. */
  status: (AdditionsStatus & { fetchedAt: string }) | null;
  warnings: string[];
}

export async function openHeldAdditions(epoch: CachedEpoch, now: Date): Promise<HeldListAdditions> {
  const { manifest } = epoch;
  if (!manifest.additions) return { set: AdditionSet.of([], now.getTime()), status: null, warnings: [] };
  const held = await loadCachedAdditions(epoch.layout.root, {
    manifest,
    manifestSha256: epoch.manifestSha256,
  });
  if (!held) {
    throw new QuietlistError(
      'ADDITIONS_STALE',
      `epoch ${manifest.epoch} of ${epoch.layout.root} takes live additions, but none are cached for it: run \`quietlist pull\` again`,
    );
  }
  const age = now.getTime() - held.fetchedAt;
  const warnings =
    age > ADDITIONS_WARN_AFTER_MS
      ? [
          `the live additions of ${epoch.layout.root} were fetched ${Math.round(age / 60_000)} min ago: run \`quietlist pull\` for the objections recorded since`,
        ]
      : [];
  return {
    set: AdditionSet.of(chainEntries(held.chain), now.getTime()),
    status: { ...chainStatus(held.chain), fetchedAt: new Date(held.fetchedAt).toISOString() },
    warnings,
  };
}

/** "additions through #12 (published …)", for a summary line. */
export function describeAdditions(status: AdditionsStatus | null): string {
  if (!status) return 'no live additions';
  return status.publishedAt
    ? `live additions through #${status.through} (published ${status.publishedAt}, ${status.entries} on top of the filter)`
    : `live additions through #${status.through} (none since the build)`;
}
