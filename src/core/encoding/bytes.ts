/**
 * Byte helpers shared by every layer: hex both ways and constant-time equality (@noble's own), and
 * SHA-256 in hex. `Sha256Hex` is how a runtime supplies its fastest SHA-256 (node:crypto is several
 * times WebCrypto for large shards in Node); `sha256Hex` here is the runtime-neutral WebCrypto one.
 */
import { equalBytes } from '@noble/curves/utils.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { QuietlistError } from '../errors.ts';

export { equalBytes };

/** Lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

/** Hex (either case) to bytes; anything else is an INVALID_ARGUMENT error. */
export function fromHex(hex: string): Uint8Array {
  try {
    return hexToBytes(hex);
  } catch {
    throw new QuietlistError('INVALID_ARGUMENT', 'not a hex string');
  }
}

/** SHA-256 of some bytes as lowercase hex; sync or async, whatever the runtime's fastest is. */
export type Sha256Hex = (bytes: Uint8Array) => string | Promise<string>;

/** SHA-256 through WebCrypto, present in Node, Workers and browsers. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}
