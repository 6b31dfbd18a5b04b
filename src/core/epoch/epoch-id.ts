/**
 * Epoch ids, in one place: how a build names its epoch, the pattern every reader accepts (manifests,
 * pointers, receipts, request paths, caches) and the time an id starts with. Ids sort by creation
 * time: 20261128T020000Z-k3x9q2 (the UTC second, then up to 16 random base-36 characters; a build
 * writes 6). docs/FORMAT.md describes the store layout they name.
 */

/** What an epoch id may be, wherever one is read. */
export const EPOCH_ID_PATTERN = /^[0-9]{8}T[0-9]{6}Z(?:-[0-9a-z]{1,16})?$/;

/** A new id for an epoch built at `now`: its UTC second, then 6 random base-36 characters. */
export function newEpochId(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const random = Array.from(crypto.getRandomValues(new Uint8Array(6)), (byte) =>
    (byte % 36).toString(36),
  ).join('');
  return `${stamp}-${random}`;
}

/** The UTC second an epoch id starts with (20261128T020000Z-…), in ms, or null if it has no such stamp. */
export function epochIdTime(epoch: string): number | null {
  const match = /^([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})Z/.exec(epoch);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}
