/**
 * Rollback protection. Every epoch is validly signed forever, so an attacker (or a stale mirror) could
 * replay an old one: a number registered since would then read "not listed". A client therefore only
 * moves forward: the offered manifest must be created after the cached one, and when it names the
 * cached epoch as its predecessor, the link must carry the cached manifest's exact hash.
 */

import type { Manifest } from '../../core/epoch/manifest.ts';
import { QuietlistError } from '../../core/errors.ts';

export interface InstalledEpoch {
  epoch: string;
  manifestSha256: string;
  createdAt: string;
}

/** A signed manifest refused because it does not move the cache forward. */
export class RollbackError extends QuietlistError {
  constructor(message: string) {
    super('MANIFEST_INVALID', message);
  }
}

/** 'same' when the offer is the installed manifest, 'newer' when it may replace it; throws otherwise. */
export function judgeOffer(
  installed: InstalledEpoch | null,
  offered: Manifest,
  offeredSha256: string,
): 'same' | 'newer' {
  if (!installed) return 'newer';
  if (offeredSha256 === installed.manifestSha256) return 'same';
  if (offered.epoch === installed.epoch) {
    throw new RollbackError(
      `the source offers a different manifest for the cached epoch ${installed.epoch}: refused`,
    );
  }
  const offeredAt = Date.parse(offered.createdAt);
  const installedAt = Date.parse(installed.createdAt);
  if (!(offeredAt > installedAt)) {
    throw new RollbackError(
      `rollback refused: the source offers epoch ${offered.epoch} (created ${offered.createdAt}), ` +
        `not newer than the cached epoch ${installed.epoch} (created ${installed.createdAt})`,
    );
  }
  const link = offered.previous;
  if (link && link.epoch === installed.epoch && link.manifestSha256 !== installed.manifestSha256) {
    throw new RollbackError(
      `epoch ${offered.epoch} names the cached epoch ${installed.epoch} as its predecessor with another ` +
        'manifest hash (a forked history): refused',
    );
  }
  return 'newer';
}
