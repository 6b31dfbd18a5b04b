/** SHA-256 for the API (the runtime-neutral one of core/encoding/bytes.ts) and a constant-time string comparison. */
export { sha256Hex } from '../../core/encoding/bytes.ts';

/** Compares two equal-length strings without an early exit (the lengths themselves are public). */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
