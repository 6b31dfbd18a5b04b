/**
 * The operator's countersignature of a scrub receipt (docs/FORMAT.md §13): "at `time`, a receipt of
 * SHA-256 `receiptSha256` was presented, while epoch `epoch` (manifest `manifestSha256`) was current",
 * signed with the operator's Ed25519 signing key. The operator sees only the hash, never a file.
 * The signed bytes start with a domain-separation label, so they can never be read as a manifest
 * (whose canonical bytes start with `{`) or as anything else the same key signs.
 */
import { z } from 'zod';
import { canonicalJson } from '../encoding/canonical-json.ts';
import { EPOCH_ID_PATTERN } from '../epoch/epoch-id.ts';
import { timestampSchema } from '../epoch/manifest.ts';
import { publicKeyFingerprint, SIGNATURE_ALGORITHM, sign, verifySignature } from '../epoch/signing.ts';
import { FormatError } from '../errors.ts';

export const TIMESTAMP_LABEL = 'quietlist-receipt-timestamp-v1\n';
const HEX64 = /^[0-9a-f]{64}$/;

export const timestampClaimSchema = z.strictObject({
  receiptSha256: z.string().regex(HEX64),
  epoch: z.string().regex(EPOCH_ID_PATTERN),
  manifestSha256: z.string().regex(HEX64),
  time: timestampSchema,
});

export const receiptTimestampSchema = z.strictObject({
  format: z.literal('quietlist-receipt-timestamp'),
  version: z.literal(1),
  claim: timestampClaimSchema,
  signature: z.strictObject({
    algorithm: z.literal(SIGNATURE_ALGORITHM),
    keyFingerprint: z.string().regex(/^[0-9a-f]{32}$/),
    value: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
  }),
});

export type TimestampClaim = z.infer<typeof timestampClaimSchema>;
export type ReceiptTimestamp = z.infer<typeof receiptTimestampSchema>;

const utf8 = new TextEncoder();

/** The signed bytes: the label, then the claim's canonical JSON (RFC 8785), in UTF-8. */
export function timestampSignedBytes(claim: TimestampClaim): Uint8Array {
  return utf8.encode(`${TIMESTAMP_LABEL}${canonicalJson(claim)}`);
}

export function signReceiptTimestamp(
  claim: TimestampClaim,
  secretKey: Uint8Array,
  publicKey: Uint8Array,
): ReceiptTimestamp {
  const checked = timestampClaimSchema.parse(claim);
  return {
    format: 'quietlist-receipt-timestamp',
    version: 1,
    claim: checked,
    signature: {
      algorithm: SIGNATURE_ALGORITHM,
      keyFingerprint: publicKeyFingerprint(publicKey),
      value: sign(timestampSignedBytes(checked), secretKey),
    },
  };
}

/** Structure first (a FormatError names the field), then whether `publicKey` made the signature. */
export function parseReceiptTimestamp(value: unknown): ReceiptTimestamp {
  const parsed = receiptTimestampSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FormatError(
      `invalid receipt timestamp: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      'FORMAT_INVALID',
    );
  }
  return parsed.data;
}

export function timestampSignatureValid(timestamp: ReceiptTimestamp, publicKey: Uint8Array): boolean {
  return (
    timestamp.signature.keyFingerprint === publicKeyFingerprint(publicKey) &&
    verifySignature(timestamp.signature.value, timestampSignedBytes(timestamp.claim), publicKey)
  );
}
