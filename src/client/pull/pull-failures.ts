/**
 * How a failed pull is worded: what failed, from which source, and what the cache still holds (the
 * previous epoch stays in place; an epoch without its live additions is refused by check and scrub).
 */
import { QuietlistError } from '../../core/errors.ts';
import type { CurrentPointer } from '../cache/cache-layout.ts';
import type { EpochSource } from '../sources/epoch-source.ts';

/** The epoch is in place, its additions are not: check and scrub refuse the list until a pull reads them. */
export function additionsFailure(error: unknown, source: EpochSource, epoch: string): QuietlistError {
  const reason = error instanceof Error ? error.message : String(error);
  return new QuietlistError(
    error instanceof QuietlistError ? error.code : 'STORAGE_UNAVAILABLE',
    `pull from ${source.description}: epoch ${epoch} is installed, but its live additions could not be read: ${reason}; check and scrub refuse this list until a pull reads them`,
    { cause: error },
  );
}

/** A failure before anything was installed: the message says the cache is as it was. */
export function pullFailure(
  error: unknown,
  source: EpochSource,
  installed: CurrentPointer | null,
): QuietlistError {
  const kept = installed
    ? `the cached epoch ${installed.epoch} stays in place`
    : 'the cache still holds no epoch';
  if (error instanceof QuietlistError) {
    return new QuietlistError(
      error.code,
      `pull from ${source.description} failed: ${error.message}; ${kept}`,
      {
        cause: error,
      },
    );
  }
  const reason = (error as NodeJS.ErrnoException)?.code ?? (error as Error)?.message ?? String(error);
  return new QuietlistError(
    'STORAGE_UNAVAILABLE',
    `pull from ${source.description} failed: ${reason}; ${kept}`,
    {
      cause: error,
    },
  );
}
