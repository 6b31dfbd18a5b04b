/**
 * Rollback protection for the cache: the rule is core's (core/epoch/trust-state.ts judgeAgainstMark),
 * shared with the server and the scrub page; `pull` applies it through core/epoch/trusted-latest.ts.
 */
import type { Manifest } from '../../core/epoch/manifest.ts';
import { type EpochMark, judgeAgainstMark, RollbackError } from '../../core/epoch/trust-state.ts';

export type InstalledEpoch = EpochMark;
export { RollbackError };

/** 'same' when the offer is the installed manifest, 'newer' when it may replace it; throws otherwise. */
export function judgeOffer(
  installed: InstalledEpoch | null,
  offered: Manifest,
  offeredSha256: string,
): 'same' | 'newer' {
  return judgeAgainstMark(installed, offered, offeredSha256, 'the cached epoch');
}
