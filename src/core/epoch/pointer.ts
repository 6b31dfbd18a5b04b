/**
 * The `latest.json` pointer (docs/FORMAT.md §7): the one mutable object in a store, written last with a
 * conditional write after every file of the epoch it names. It is signed (the role TUF calls
 * "timestamp") and carries an expiry that every build renews, so a reader with no memory of earlier
 * epochs (a new client, a server restarted on an empty disk) can be held on an old epoch for at most
 * that window: after it, the old pointer is refused as expired.
 */
import { z } from 'zod';
import { canonicalJson } from '../encoding/canonical-json.ts';
import { parseStrictJson } from '../encoding/strict-json.ts';
import { FormatError, QuietlistError } from '../errors.ts';
import { EPOCH_ID_PATTERN } from './epoch-id.ts';
import { base64Of, timestampSchema } from './manifest.ts';
import {
  publicKeyFingerprint,
  SIGNATURE_ALGORITHM,
  type SigningKeyPair,
  sign,
  verifySignature,
} from './signing.ts';

export const LATEST_POINTER_KEY = 'latest.json';
/** Prefixed to the signed bytes, so a pointer signature can never be read as a manifest's or a timestamp's. */
export const POINTER_LABEL = 'quietlist-pointer-v1\n';
/** How long a pointer stays valid unless the build says otherwise: more than a long weekend of missed nights. */
export const DEFAULT_POINTER_LIFETIME_DAYS = 4;
export const DAY_MS = 86_400_000;

export const epochPointerSchema = z.strictObject({
  epoch: z.string().regex(EPOCH_ID_PATTERN),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** When latest.json first named this epoch (a renewal keeps it). */
  publishedAt: timestampSchema,
  /** After this time a reader refuses the pointer (§7): the operator rebuilds or renews before. */
  expiresAt: timestampSchema,
});
export type EpochPointer = z.infer<typeof epochPointerSchema>;

export const signedPointerSchema = z.strictObject({
  pointer: epochPointerSchema,
  signature: z.strictObject({
    algorithm: z.literal(SIGNATURE_ALGORITHM),
    keyFingerprint: z.string().regex(/^[0-9a-f]{32}$/),
    value: base64Of(64),
  }),
});
export type SignedPointer = z.infer<typeof signedPointerSchema>;

/** The pointer of a store written before pointers were signed (three members, no signature). */
const legacyPointerSchema = z.strictObject({
  epoch: z.string().regex(EPOCH_ID_PATTERN),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  publishedAt: timestampSchema,
});
export type LegacyPointer = z.infer<typeof legacyPointerSchema>;

export const UNSIGNED_POINTER_ADVICE =
  'the operator must rebuild or run `quietlist renew` (a store written before pointers were signed)';

export function epochPrefix(epoch: string): string {
  return `epochs/${epoch}/`;
}

export function manifestKey(epoch: string): string {
  return `${epochPrefix(epoch)}manifest.json`;
}

const utf8 = new TextEncoder();

/** The signed bytes: the label, then the pointer's canonical JSON (RFC 8785), in UTF-8. */
export function pointerSignedBytes(pointer: EpochPointer): Uint8Array {
  return utf8.encode(`${POINTER_LABEL}${canonicalJson(pointer)}`);
}

export function signEpochPointer(pointer: EpochPointer, keys: SigningKeyPair): SignedPointer {
  const checked = epochPointerSchema.parse(pointer);
  return {
    pointer: checked,
    signature: {
      algorithm: SIGNATURE_ALGORITHM,
      keyFingerprint: publicKeyFingerprint(keys.publicKey),
      value: sign(pointerSignedBytes(checked), keys.secretKey),
    },
  };
}

/** One line and a newline, as the builder writes it (the formatting carries no meaning). */
export function encodeSignedPointer(signed: SignedPointer): Uint8Array {
  return utf8.encode(`${JSON.stringify(signed)}\n`);
}

/**
 * Reads latest.json: strict UTF-8 JSON (no BOM, no duplicate members), exactly `pointer` and
 * `signature`. The signature is checked by the caller, once it knows the key (trusted-latest.ts).
 * An unsigned pointer of an older store is refused with what the operator must do.
 */
export function parseSignedPointer(bytes: Uint8Array, where = LATEST_POINTER_KEY): SignedPointer {
  const json = parseStrictJson(bytes, where);
  const parsed = signedPointerSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  if (legacyPointerSchema.safeParse(json).success) {
    throw new QuietlistError('SIGNATURE_INVALID', `${where} is not signed: ${UNSIGNED_POINTER_ADVICE}`);
  }
  throw new FormatError(`${where} is not a valid epoch pointer`, 'MANIFEST_INVALID');
}

/**
 * For the builder and `renew` only (they move the pointer on): either form, signed or not, so the
 * first build after an upgrade can replace an unsigned pointer. Readers use parseSignedPointer.
 */
export function parseAnyPointer(
  bytes: Uint8Array,
): { signed: SignedPointer; pointer: EpochPointer } | { signed: null; pointer: LegacyPointer } {
  const json = parseStrictJson(bytes, LATEST_POINTER_KEY);
  const signed = signedPointerSchema.safeParse(json);
  if (signed.success) return { signed: signed.data, pointer: signed.data.pointer };
  const legacy = legacyPointerSchema.safeParse(json);
  if (legacy.success) return { signed: null, pointer: legacy.data };
  throw new FormatError(`${LATEST_POINTER_KEY} is not a valid epoch pointer`, 'MANIFEST_INVALID');
}

/** The pointer's signature under `publicKey`; throws SIGNATURE_INVALID naming the keys. */
export function verifyPointerSignature(signed: SignedPointer, publicKey: Uint8Array): EpochPointer {
  const expected = publicKeyFingerprint(publicKey);
  if (signed.signature.keyFingerprint !== expected) {
    throw new QuietlistError(
      'SIGNATURE_INVALID',
      `${LATEST_POINTER_KEY} is signed by key ${signed.signature.keyFingerprint}, not ${expected}, the key of the epoch it names`,
    );
  }
  if (!verifySignature(signed.signature.value, pointerSignedBytes(signed.pointer), publicKey)) {
    throw new QuietlistError(
      'SIGNATURE_INVALID',
      `${LATEST_POINTER_KEY} signature does not verify (tampered or corrupted)`,
    );
  }
  return signed.pointer;
}

/** Refuses a pointer whose `expiresAt` is not after `now` (ms), saying what the operator must do. */
export function assertPointerFresh(pointer: EpochPointer, now: number): void {
  if (now < Date.parse(pointer.expiresAt)) return;
  throw new QuietlistError(
    'POINTER_EXPIRED',
    `${LATEST_POINTER_KEY} (epoch ${pointer.epoch}) expired at ${pointer.expiresAt}: the operator must build or run \`quietlist renew\` more often than the pointer lifetime (docs/OPERATIONS.md); an expired pointer may be an old one replayed`,
  );
}

/** The expiry of a pointer signed at `signedAt` for `lifetimeDays`. */
export function pointerExpiry(signedAt: Date, lifetimeDays: number = DEFAULT_POINTER_LIFETIME_DAYS): string {
  if (!(lifetimeDays > 0) || !Number.isFinite(lifetimeDays)) {
    throw new QuietlistError('INVALID_ARGUMENT', 'the pointer lifetime must be a positive number of days');
  }
  return new Date(signedAt.getTime() + Math.round(lifetimeDays * DAY_MS)).toISOString();
}
