/**
 * The freshness rule as clients apply it. A register with a rescrub window (US 31 days, Belgium 5:
 * core/registers/epoch-rules.ts) makes an older epoch unusable, so `scrub` and `check` refuse it; a
 * list without a window is only warned about after `maxAgeDays` (30 by default). `pull` never refuses
 * (pulling is how a cache gets fresh): it warns when even the newest epoch is already too old.
 */
import { QuietlistError } from '../../core/errors.ts';
import { type EpochWithRules, judgeEpochAge } from '../../core/registers/epoch-rules.ts';
import { DEFAULT_RESCRUB_DAYS } from '../../core/registers/profile.ts';

export const DEFAULT_MAX_AGE_DAYS = DEFAULT_RESCRUB_DAYS;

/** scrub, check: throws EPOCH_TOO_OLD past the register's window; a warning line past `maxAgeDays`. */
export function usableEpochWarning(
  manifest: EpochWithRules,
  now: Date,
  maxAgeDays: number = DEFAULT_MAX_AGE_DAYS,
): string | undefined {
  return judgeEpochAge(manifest, now, maxAgeDays);
}

/** pull: a warning line when the epoch is past its register's window or older than `maxAgeDays`. */
export function staleEpochWarning(
  manifest: EpochWithRules,
  now: Date,
  maxAgeDays: number = DEFAULT_MAX_AGE_DAYS,
): string | undefined {
  try {
    return judgeEpochAge(manifest, now, maxAgeDays);
  } catch (error) {
    if (error instanceof QuietlistError && error.code === 'EPOCH_TOO_OLD')
      return `${error.message.replace(/: pull a newer epoch first$/, '')}: the server has nothing newer, so scrub and check will refuse it until the operator publishes`;
    throw error;
  }
}
