/** Byte helpers of RFC 9497: I2OSP framing, canonical scalar checks (equality: core/encoding/bytes.ts). */
import { concatBytes } from '@noble/hashes/utils.js';
import { GROUP_ORDER_LE, SCALAR_BYTES } from './suite.ts';

/** I2OSP(n, 2). */
export function i2osp2(value: number): Uint8Array {
  return new Uint8Array([(value >>> 8) & 0xff, value & 0xff]);
}

/** I2OSP(len(x), 2) || x for each byte string, labels (plain ASCII suffixes) as they are. */
export function framed(values: readonly Uint8Array[], label?: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const value of values) parts.push(i2osp2(value.length), value);
  if (label !== undefined) parts.push(label);
  return concatBytes(...parts);
}

export function isAllZero(bytes: Uint8Array): boolean {
  let acc = 0;
  for (const byte of bytes) acc |= byte;
  return acc === 0;
}

/**
 * A 32-byte little-endian value strictly below the group order (RFC 9497 DeserializeScalar). It runs
 * on secret keys and blinds, so it subtracts ℓ over every byte instead of stopping at the first difference.
 */
export function isCanonicalScalar(bytes: Uint8Array): boolean {
  if (bytes.length !== SCALAR_BYTES) return false;
  let borrow = 0;
  for (let i = 0; i < SCALAR_BYTES; i++) borrow = (bytes[i]! - GROUP_ORDER_LE[i]! - borrow) >>> 31;
  return borrow === 1;
}

/** Canonical and non-zero: what a blind or a secret key must be. */
export function isNonZeroScalar(bytes: Uint8Array): boolean {
  return isCanonicalScalar(bytes) && !isAllZero(bytes);
}
