/**
 * SHA-256 through node:crypto for the client's shard verification: several times WebCrypto's speed on
 * large buffers in Node (no copy to a worker thread), which matters for a 900 MB filter. Injected into
 * the runtime-neutral verifier (src/core/shard-verifier.ts); the API keeps WebCrypto (Workers have no
 * node:crypto hashing of this speed).
 */
import { createHash } from 'node:crypto';
import type { Sha256Hex } from '../core/bytes.ts';

export const nodeSha256Hex: Sha256Hex = (bytes) => createHash('sha256').update(bytes).digest('hex');
