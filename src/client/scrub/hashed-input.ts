/** The input of a scrub as Buffers, hashed and counted as it is read (for the receipt). */
import { createHash } from 'node:crypto';

export interface HashedInput {
  chunks: AsyncIterable<Buffer>;
  bytes(): number;
  sha256(): string;
}

export function hashedInput(source: AsyncIterable<Uint8Array>): HashedInput {
  const sha = createHash('sha256');
  let bytes = 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      sha.update(chunk);
      bytes += chunk.length;
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  }
  return { chunks: chunks(), bytes: () => bytes, sha256: () => sha.digest('hex') };
}
