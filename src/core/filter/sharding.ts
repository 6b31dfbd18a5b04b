/** The shard of a digest: its leading `prefixBits` bits (big-endian bytes 0..3); shard 0 when unsharded. */
export function shardOf(digest: Uint8Array, prefixBits: number): number {
  if (prefixBits === 0) return 0;
  const head = ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
  return head >>> (32 - prefixBits);
}

export function shardFileName(index: number): string {
  return `shard-${index.toString().padStart(5, '0')}.qlbf`;
}

/** The delta that patches the previous epoch's shard into this one (docs/FORMAT.md §12). */
export function deltaFileName(index: number): string {
  return `shard-${index.toString().padStart(5, '0')}.qldelta`;
}
