/**
 * SHA-256 through node:crypto for the client's shard verification: several times WebCrypto's speed on
 * large buffers in Node (no copy to a worker thread), which matters for a 900 MB filter. Injected into
 * the runtime-neutral verifier (src/core/filter/shard-verifier.ts); the API keeps WebCrypto (Workers have no
 * node:crypto hashing of this speed).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { Sha256Hex } from '../core/encoding/bytes.ts';

export const nodeSha256Hex: Sha256Hex = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** SHA-256 of a file read in chunks: a shard of hundreds of MB is verified without holding it in memory. */
export async function fileSha256Hex(file: string | FileHandle): Promise<string> {
  const hash = createHash('sha256');
  const stream =
    typeof file === 'string'
      ? createReadStream(file, { highWaterMark: 1 << 20 })
      : file.createReadStream({ highWaterMark: 1 << 20, autoClose: false, start: 0 });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
