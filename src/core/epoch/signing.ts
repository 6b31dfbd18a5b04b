/** Ed25519 signing keys: the operator signs manifests, clients pin the public key. */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64, toBase64 } from '../encoding/base64.ts';
import { toHex } from '../encoding/bytes.ts';
import { QuietlistError } from '../errors.ts';

export const SIGNATURE_ALGORITHM = 'Ed25519';

export interface SigningKeyPair {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export function generateSigningKeyPair(): SigningKeyPair {
  const secretKey = ed25519.utils.randomSecretKey();
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

export function signingKeyPairFromSecret(secretKey: Uint8Array): SigningKeyPair {
  if (secretKey.length !== 32) throw new QuietlistError('KEY_INVALID', 'Ed25519 secret key must be 32 bytes');
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

/** Accepts a public key as base64 (as `keygen` writes it) or hex; 32 bytes. */
export function parsePublicKey(text: string): Uint8Array {
  const trimmed = text.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Uint8Array.from(trimmed.match(/../g)!, (pair) => Number.parseInt(pair, 16))
    : fromBase64(trimmed, 'public key');
  if (bytes.length !== 32) throw new QuietlistError('KEY_INVALID', 'Ed25519 public key must be 32 bytes');
  return bytes;
}

/** A public key's fingerprint: hex SHA-256 of its 32 bytes, first 16 bytes. Shown on the status page. */
export function publicKeyFingerprint(publicKey: Uint8Array): string {
  return toHex(sha256(publicKey).subarray(0, 16));
}

export function sign(message: Uint8Array, secretKey: Uint8Array): string {
  return toBase64(ed25519.sign(message, secretKey));
}

export function verifySignature(
  signatureBase64: string,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  try {
    return ed25519.verify(fromBase64(signatureBase64, 'signature'), message, publicKey);
  } catch {
    return false;
  }
}
