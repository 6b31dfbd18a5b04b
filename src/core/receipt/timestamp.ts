/**
 * The operator's countersignature of a scrub receipt (docs/FORMAT.md §13): "at `time`, a receipt of
 * SHA-256 `receiptSha256` was presented, while epoch `epoch` (manifest `manifestSha256`) was current",
 * signed with the operator's timestamp key (version 2; timestamp-key.ts), whose certificate by the
 * signing key it carries, so it verifies from the signing key alone. Version 1, signed by the signing
 * key itself, is what servers before the timestamp key gave: still verified, never made. The operator
 * sees only the hash, never a file. The signed bytes start with a domain-separation label, so they can
 * never be read as a manifest (whose canonical bytes start with `{`) or as a key certificate.
 */
import { z } from 'zod';
import { canonicalJson } from '../encoding/canonical-json.ts';
import { EPOCH_ID_PATTERN } from '../epoch/epoch-id.ts';
import { timestampSchema } from '../epoch/manifest.ts';
import { publicKeyFingerprint, SIGNATURE_ALGORITHM, sign, verifySignature } from '../epoch/signing.ts';
import { FormatError } from '../errors.ts';
import {
  certifiedBy,
  certifiedKey,
  type TimestampKey,
  timestampKeyCertificateSchema,
} from './timestamp-key.ts';

export const TIMESTAMP_LABEL = 'quietlist-receipt-timestamp-v1\n';
const HEX64 = /^[0-9a-f]{64}$/;

export const timestampClaimSchema = z.strictObject({
  receiptSha256: z.string().regex(HEX64),
  epoch: z.string().regex(EPOCH_ID_PATTERN),
  manifestSha256: z.string().regex(HEX64),
  time: timestampSchema,
});

const signatureSchema = z.strictObject({
  algorithm: z.literal(SIGNATURE_ALGORITHM),
  keyFingerprint: z.string().regex(/^[0-9a-f]{32}$/),
  value: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});

/** Version 1 (servers before the timestamp key): signed by the operator's signing key itself. */
const timestampV1Schema = z.strictObject({
  format: z.literal('quietlist-receipt-timestamp'),
  version: z.literal(1),
  claim: timestampClaimSchema,
  signature: signatureSchema,
});

/** Version 2: signed by the timestamp key, whose certificate by the signing key travels with it. */
const timestampV2Schema = z.strictObject({
  format: z.literal('quietlist-receipt-timestamp'),
  version: z.literal(2),
  claim: timestampClaimSchema,
  signature: signatureSchema,
  key: timestampKeyCertificateSchema,
});

export const receiptTimestampSchema = z.discriminatedUnion('version', [timestampV1Schema, timestampV2Schema]);

export type TimestampClaim = z.infer<typeof timestampClaimSchema>;
export type ReceiptTimestamp = z.infer<typeof receiptTimestampSchema>;
export type ReceiptTimestampV2 = z.infer<typeof timestampV2Schema>;

const utf8 = new TextEncoder();

/** The signed bytes: the label, then the claim's canonical JSON (RFC 8785), in UTF-8 (both versions). */
export function timestampSignedBytes(claim: TimestampClaim): Uint8Array {
  return utf8.encode(`${TIMESTAMP_LABEL}${canonicalJson(claim)}`);
}

/** The server's countersignature (version 2), with the timestamp key and its certificate. */
export function signReceiptTimestamp(claim: TimestampClaim, key: TimestampKey): ReceiptTimestampV2 {
  const checked = timestampClaimSchema.parse(claim);
  return {
    format: 'quietlist-receipt-timestamp',
    version: 2,
    claim: checked,
    signature: {
      algorithm: SIGNATURE_ALGORITHM,
      keyFingerprint: publicKeyFingerprint(key.publicKey),
      value: sign(timestampSignedBytes(checked), key.secretKey),
    },
    key: key.certificate,
  };
}

/** Structure only (a FormatError names the field); verifyReceiptTimestamp says who signed it. */
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

/** Whether `publicKey` made the countersignature itself (the signing key in v1, the timestamp key in v2). */
export function timestampSignatureValid(timestamp: ReceiptTimestamp, publicKey: Uint8Array): boolean {
  return (
    timestamp.signature.keyFingerprint === publicKeyFingerprint(publicKey) &&
    verifySignature(timestamp.signature.value, timestampSignedBytes(timestamp.claim), publicKey)
  );
}

export type TimestampVerdict =
  /** `operatorKey`: the trusted signing key the countersignature goes back to. */
  | { ok: true; operatorKey: Uint8Array; signer: string }
  /** untrusted: it goes back to no key in `trusted`; invalid: a signature or a date does not hold. */
  | { ok: false; reason: 'untrusted' | 'invalid'; detail: string };

/**
 * Whether a countersignature goes back to one of the operator's signing keys in `trusted` (the key
 * given, or the cache's pin and the keys it followed a rotation from): version 2 through the timestamp
 * key's certificate, version 1 directly.
 */
export function verifyReceiptTimestamp(stamp: ReceiptTimestamp, trusted: Uint8Array[]): TimestampVerdict {
  const byFingerprint = (fingerprint: string) =>
    trusted.find((key) => publicKeyFingerprint(key) === fingerprint);
  if (stamp.version === 1) {
    const key = byFingerprint(stamp.signature.keyFingerprint);
    if (!key) return untrusted(`signed by key ${stamp.signature.keyFingerprint}`);
    return timestampSignatureValid(stamp, key)
      ? {
          ok: true,
          operatorKey: key,
          signer: `signing key ${stamp.signature.keyFingerprint} (a version 1 countersignature)`,
        }
      : {
          ok: false,
          reason: 'invalid',
          detail: `the countersignature does not verify under key ${stamp.signature.keyFingerprint}`,
        };
  }
  const certificate = stamp.key;
  const signing = byFingerprint(certificate.signature.keyFingerprint);
  if (!signing)
    return untrusted(`its timestamp key is certified by signing key ${certificate.signature.keyFingerprint}`);
  if (!certifiedBy(certificate, signing)) {
    return {
      ok: false,
      reason: 'invalid',
      detail: `the timestamp key's certificate does not verify under signing key ${certificate.signature.keyFingerprint}`,
    };
  }
  const timestampKey = certifiedKey(certificate);
  if (!timestampSignatureValid(stamp, timestampKey)) {
    return {
      ok: false,
      reason: 'invalid',
      detail: `the countersignature does not verify under the certified timestamp key ${publicKeyFingerprint(timestampKey)}`,
    };
  }
  if (Date.parse(stamp.claim.time) < Date.parse(certificate.key.createdAt)) {
    return {
      ok: false,
      reason: 'invalid',
      detail: `it claims ${stamp.claim.time}, before its timestamp key was certified (${certificate.key.createdAt})`,
    };
  }
  return {
    ok: true,
    operatorKey: signing,
    signer: `timestamp key ${publicKeyFingerprint(timestampKey)}, certified on ${certificate.key.createdAt} by signing key ${certificate.signature.keyFingerprint}`,
  };
}

function untrusted(what: string): TimestampVerdict {
  return {
    ok: false,
    reason: 'untrusted',
    detail: `${what}, which is not an operator key you gave or pinned`,
  };
}
