/** Epoch ids sort by creation time: 20261128T020000Z-k3x9q2 (UTC second, then 6 random base-36 characters). */
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
