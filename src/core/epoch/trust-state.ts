/**
 * Trust is state (docs/FORMAT.md §6.3, §7): what a reader has learnt and must not forget across a
 * restart. The newest epoch it accepted (id, manifest hash, signed creation time: the high-water mark,
 * so it never goes back to an older list) and where the signing-key chain has moved (the key in force
 * and the keys it moved away from, so a retired key is refused even after a restart). Servers keep it
 * in `state/high-water.json` (the Worker's bucket, `serve --state-dir`), the CLI's cache in its
 * `current` pointer, the scrub page in IndexedDB; every one moves it only forward.
 */
import { z } from 'zod';
import { toBase64 } from '../encoding/base64.ts';
import { QuietlistError } from '../errors.ts';
import { EPOCH_ID_PATTERN } from './epoch-id.ts';
import type { Manifest } from './manifest.ts';

export interface EpochMark {
  epoch: string;
  manifestSha256: string;
  /** The manifest's signed `createdAt`: epochs are ordered by it. */
  createdAt: string;
}

export interface TrustState extends EpochMark {
  /** The signing key in force, base64. */
  signingKey: string;
  /** Keys the chain moved away from, base64, oldest first: a manifest signed by one is refused. */
  retiredKeys: string[];
  /**
   * Keys abandoned by an emergency re-key (a pin outside the chain: the old keys may be compromised),
   * base64. Refused like retired keys, and unlike them never trusted for anything signed in the past
   * (receipts): whoever holds one could sign a receipt dated before the re-key. Absent: none.
   */
  revokedKeys?: string[];
}

export const trustStateSchema = z.strictObject({
  epoch: z.string().regex(EPOCH_ID_PATTERN),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.iso.datetime(),
  signingKey: z.string().min(1),
  retiredKeys: z.array(z.string()),
  revokedKeys: z.array(z.string()).optional(),
});

/** The later of two marks by signed creation time (the first on a tie). */
export function newerMark<M extends EpochMark>(a: M | null, b: M | null): M | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b.createdAt) > Date.parse(a.createdAt) ? b : a;
}

/**
 * Two states of the same reader (two processes, two isolates) as one: the newer mark and its key,
 * and every key either retired. A state never loses a retired key by being merged.
 */
export function mergeTrustStates(a: TrustState | null, b: TrustState | null): TrustState | null {
  const newer = newerMark(a, b);
  if (!newer || !a || !b) return newer;
  const revoked = [...new Set([...revokedKeysOf(a), ...revokedKeysOf(b)])];
  const retired = [...new Set([...a.retiredKeys, ...b.retiredKeys])].filter(
    (key) => key !== newer.signingKey && !revoked.includes(key),
  );
  return { ...newer, retiredKeys: retired, ...(revoked.length > 0 ? { revokedKeys: revoked } : {}) };
}

export function revokedKeysOf(state: TrustState): string[] {
  return state.revokedKeys ?? [];
}

/** Whether `next` says something `before` did not: a newer mark or another retired key. */
export function trustStateMoved(before: TrustState | null, next: TrustState): boolean {
  if (!before) return true;
  if (next.manifestSha256 !== before.manifestSha256 && newerMark(before, next) === next) return true;
  if (revokedKeysOf(next).some((key) => !revokedKeysOf(before).includes(key))) return true;
  return next.retiredKeys.some((key) => !before.retiredKeys.includes(key));
}

/** The chain's keys: the key in force and the keys it handed over from (revoked keys are not in it). */
export function keysOf(state: TrustState): string[] {
  return [state.signingKey, ...state.retiredKeys];
}

export function base64Keys(keys: Uint8Array[]): string[] {
  return keys.map((key) => toBase64(key));
}

/** A signed manifest refused because it does not move the reader forward. */
export class RollbackError extends QuietlistError {
  constructor(message: string) {
    super('MANIFEST_INVALID', message);
  }
}

/**
 * Rollback protection. Every epoch is validly signed forever, so an attacker (or a stale mirror) could
 * replay an old one: a number registered since would then read "not listed". 'same' when the offer
 * is the marked manifest, 'newer' when it may replace it: created strictly after it, and, when it
 * names the marked epoch as its predecessor, with that manifest's exact hash. Throws RollbackError.
 * `held` names the mark in messages ("the cached epoch", "the epoch already served").
 */
export function judgeAgainstMark(
  mark: EpochMark | null,
  offered: Manifest,
  offeredSha256: string,
  held = 'the cached epoch',
): 'same' | 'newer' {
  if (!mark) return 'newer';
  if (offeredSha256 === mark.manifestSha256) return 'same';
  if (offered.epoch === mark.epoch) {
    throw new RollbackError(`the source offers a different manifest for ${held} ${mark.epoch}: refused`);
  }
  if (!(Date.parse(offered.createdAt) > Date.parse(mark.createdAt))) {
    throw new RollbackError(
      `rollback refused: the source offers epoch ${offered.epoch} (created ${offered.createdAt}), ` +
        `not newer than ${held} ${mark.epoch} (created ${mark.createdAt})`,
    );
  }
  const link = offered.previous;
  if (link && link.epoch === mark.epoch && link.manifestSha256 !== mark.manifestSha256) {
    throw new RollbackError(
      `epoch ${offered.epoch} names ${held} ${mark.epoch} as its predecessor with another ` +
        'manifest hash (a forked history): refused',
    );
  }
  return 'newer';
}
