/**
 * A server's receipt countersigning settings in tests: a fresh timestamp key and the signing key's
 * certificate of it (what `quietlist keygen` writes as timestamp.key and timestamp.cert), or the
 * settings read from a keygen directory. The signing key itself never goes to a server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toBase64 } from '../../src/core/encoding/base64.ts';
import { generateSigningKeyPair, type SigningKeyPair } from '../../src/core/epoch/signing.ts';
import { certifyTimestampKey } from '../../src/core/receipt/timestamp-key.ts';

export function timestampSettings(
  signing: SigningKeyPair,
  createdAt = new Date(Date.UTC(2026, 0, 1)),
): { QUIETLIST_TIMESTAMP_KEY: string; QUIETLIST_TIMESTAMP_CERT: string } {
  const timestamp = generateSigningKeyPair();
  return {
    QUIETLIST_TIMESTAMP_KEY: toBase64(timestamp.secretKey),
    QUIETLIST_TIMESTAMP_CERT: JSON.stringify(certifyTimestampKey(timestamp.publicKey, createdAt, signing)),
  };
}

/** The same settings from a directory written by `quietlist keygen`. */
export function timestampSettingsFrom(keysDirectory: string): {
  QUIETLIST_TIMESTAMP_KEY: string;
  QUIETLIST_TIMESTAMP_CERT: string;
} {
  return {
    QUIETLIST_TIMESTAMP_KEY: readFileSync(join(keysDirectory, 'timestamp.key'), 'utf8').trim(),
    QUIETLIST_TIMESTAMP_CERT: readFileSync(join(keysDirectory, 'timestamp.cert'), 'utf8'),
  };
}
