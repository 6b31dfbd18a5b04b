/**
 * The operator's timestamp key (docs/FORMAT.md §13.5): an Ed25519 key of its own that countersigns
 * receipt hashes (POST /v1/receipts), so a server that timestamps never holds the key that signs the
 * list. The signing key vouches for it once, offline, in a small certificate that `keygen` writes
 * (`timestamp.cert`) and the server hands out inside every countersignature; a verifier who pinned the
 * signing key therefore trusts the timestamp key through it, and a leaked timestamp key can forge
 * times but never a list. The signed bytes start with their own label, so a certificate never reads
 * as a manifest, a countersignature, or the other way round.
 */
import { z } from 'zod';
import { fromBase64, toBase64 } from '../encoding/base64.ts';
import { canonicalJson } from '../encoding/canonical-json.ts';
import { timestampSchema } from '../epoch/manifest.ts';
import { publicKeyFingerprint, SIGNATURE_ALGORITHM, sign, verifySignature } from '../epoch/signing.ts';
import { FormatError } from '../errors.ts';

export const TIMESTAMP_KEY_LABEL = 'quietlist-timestamp-key-v1\n';

const base64Key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be the base64 of a 32-byte key');

export const timestampKeyCertificateSchema = z.strictObject({
  format: z.literal('quietlist-timestamp-key'),
  version: z.literal(1),
  key: z.strictObject({ publicKey: base64Key, createdAt: timestampSchema }),
  signature: z.strictObject({
    algorithm: z.literal(SIGNATURE_ALGORITHM),
    keyFingerprint: z.string().regex(/^[0-9a-f]{32}$/),
    value: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
  }),
});

export type TimestampKeyCertificate = z.infer<typeof timestampKeyCertificateSchema>;

/** What a server needs to countersign: the timestamp key pair and the signing key's certificate of it. */
export interface TimestampKey {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  certificate: TimestampKeyCertificate;
}

const utf8 = new TextEncoder();

/** The signed bytes: the label, then the canonical JSON (RFC 8785) of `key`, in UTF-8. */
export function timestampKeySignedBytes(key: TimestampKeyCertificate['key']): Uint8Array {
  return utf8.encode(`${TIMESTAMP_KEY_LABEL}${canonicalJson(key)}`);
}

/** The signing key's certificate of a timestamp public key (keygen). */
export function certifyTimestampKey(
  timestampPublicKey: Uint8Array,
  createdAt: Date,
  signing: { secretKey: Uint8Array; publicKey: Uint8Array },
): TimestampKeyCertificate {
  const key = { publicKey: toBase64(timestampPublicKey), createdAt: createdAt.toISOString() };
  return {
    format: 'quietlist-timestamp-key',
    version: 1,
    key,
    signature: {
      algorithm: SIGNATURE_ALGORITHM,
      keyFingerprint: publicKeyFingerprint(signing.publicKey),
      value: sign(timestampKeySignedBytes(key), signing.secretKey),
    },
  };
}

/** Structure only (a FormatError names the field); whether a signing key made it is certifiedBy's. */
export function parseTimestampKeyCertificate(
  value: unknown,
  where = 'timestamp key certificate',
): TimestampKeyCertificate {
  const parsed = timestampKeyCertificateSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FormatError(
      `invalid ${where}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      'FORMAT_INVALID',
    );
  }
  return parsed.data;
}

/** Whether `signingPublicKey` signed this certificate. */
export function certifiedBy(certificate: TimestampKeyCertificate, signingPublicKey: Uint8Array): boolean {
  return (
    certificate.signature.keyFingerprint === publicKeyFingerprint(signingPublicKey) &&
    verifySignature(certificate.signature.value, timestampKeySignedBytes(certificate.key), signingPublicKey)
  );
}

/** The certified timestamp public key's bytes. */
export function certifiedKey(certificate: TimestampKeyCertificate): Uint8Array {
  return fromBase64(certificate.key.publicKey, 'timestamp public key');
}
