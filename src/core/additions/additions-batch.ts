/**
 * Live additions (docs/FORMAT.md §14): entries a list's owner records through the API between two
 * builds. The server's sequencer numbers them (1, 2, 3… per list, never reused) and publishes them in
 * small signed **batches**, each chained to the epoch it extends (its id and manifest hash) and to the
 * batch before it (its hash), under `epochs/<epoch>/additions/<first>.json`. A batch holds digests (the
 * first 12 bytes of each reading's filter digest, as the filter reads them), never a number, and an
 * expiry per entry. It is signed by the list's **additions key**, which the epoch's signed manifest
 * announces (`additions.publicKey`): the server holds that key, never the list's signing key, so a
 * stolen additions key can add entries (false positives) and never remove a listed one.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { toHex } from '../encoding/bytes.ts';
import { canonicalJson } from '../encoding/canonical-json.ts';
import { parseStrictJson } from '../encoding/strict-json.ts';
import { EPOCH_ID_PATTERN } from '../epoch/epoch-id.ts';
import { base64Of, timestampSchema } from '../epoch/manifest.ts';
import { epochPrefix } from '../epoch/pointer.ts';
import { publicKeyFingerprint, SIGNATURE_ALGORITHM, sign, verifySignature } from '../epoch/signing.ts';
import { FormatError, QuietlistError } from '../errors.ts';
import { DIGEST_MIN_BYTES } from '../filter/bloom-filter.ts';
import { LIST_NAME_PATTERN } from '../lists/list-name.ts';

export const ADDITIONS_FORMAT = 'quietlist-additions';
/** Prefixed to the signed bytes: an additions signature is never a manifest's, a pointer's or a timestamp's. */
export const ADDITIONS_LABEL = 'quietlist-additions-v1\n';
/** Hex characters of one entry digest: the 12 bytes the filter reads (docs/FORMAT.md §1.2). */
export const ADDITION_DIGEST_HEX = DIGEST_MIN_BYTES * 2;
/** Readings per entry: a value has one, rarely two or three (docs/NUMBERS.md). */
export const MAX_DIGESTS_PER_ENTRY = 8;
/** Entries in one batch: a batch stays small (about 100 bytes an entry) whatever the sequencer coalesces. */
export const MAX_BATCH_ENTRIES = 10_000;
/** The largest batch file a reader downloads (a bound on what a server or a store can make it read). */
export const MAX_BATCH_BYTES = 2 * 1024 * 1024;
/** Sequence numbers fit ten decimal digits (the batch file name). */
export const MAX_SEQUENCE = 9_999_999_999;

const digestHex = z.string().regex(new RegExp(`^[0-9a-f]{${ADDITION_DIGEST_HEX}}$`));
const sequenceSchema = z.number().int().min(1).max(MAX_SEQUENCE);

export const additionEntrySchema = z.strictObject({
  sequence: sequenceSchema,
  /** One digest per reading of the value (every reading is looked up, docs/NUMBERS.md). */
  digests: z.array(digestHex).min(1).max(MAX_DIGESTS_PER_ENTRY),
  /** From this instant on the entry no longer lists its number; absent: it never expires. */
  expiresAt: timestampSchema.optional(),
});
export type AdditionEntry = z.infer<typeof additionEntrySchema>;

export const additionsSchema = z.strictObject({
  format: z.literal(ADDITIONS_FORMAT),
  version: z.literal(1),
  list: z.string().regex(LIST_NAME_PATTERN),
  epoch: z.string().regex(EPOCH_ID_PATTERN),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  first: sequenceSchema,
  last: sequenceSchema,
  /** The hash of the batch before this one on the epoch's chain; null for the chain's first batch. */
  previousSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  publishedAt: timestampSchema,
  entries: z.array(additionEntrySchema).max(MAX_BATCH_ENTRIES),
});
export type Additions = z.infer<typeof additionsSchema>;

export const signedAdditionsSchema = z.strictObject({
  additions: additionsSchema,
  signature: z.strictObject({
    algorithm: z.literal(SIGNATURE_ALGORITHM),
    keyFingerprint: z.string().regex(/^[0-9a-f]{32}$/),
    value: base64Of(64),
  }),
});
export type SignedAdditions = z.infer<typeof signedAdditionsSchema>;

const utf8 = new TextEncoder();

/** The signed bytes: the label, then the canonical JSON (RFC 8785) of `additions`, in UTF-8. */
export function additionsSignedBytes(additions: Additions): Uint8Array {
  return utf8.encode(`${ADDITIONS_LABEL}${canonicalJson(additions)}`);
}

/** A batch's identity (the next batch's `previousSha256`): hex SHA-256 of the canonical JSON of `additions`. */
export function additionsSha256(additions: Additions): string {
  return toHex(sha256(utf8.encode(canonicalJson(additions))));
}

/** The object key of the batch starting at `first`, relative to the list's prefix. */
export function additionsBatchKey(epoch: string, first: number): string {
  return `${epochPrefix(epoch)}additions/${String(first).padStart(10, '0')}.json`;
}

export function signAdditions(
  additions: Additions,
  keys: { secretKey: Uint8Array; publicKey: Uint8Array },
): SignedAdditions {
  const checked = validateAdditions(additionsSchema.parse(additions));
  return {
    additions: checked,
    signature: {
      algorithm: SIGNATURE_ALGORITHM,
      keyFingerprint: publicKeyFingerprint(keys.publicKey),
      value: sign(additionsSignedBytes(checked), keys.secretKey),
    },
  };
}

/** One line of JSON and a newline, as the sequencer writes it (the formatting carries no meaning). */
export function encodeSignedAdditions(signed: SignedAdditions): Uint8Array {
  return utf8.encode(`${JSON.stringify(signed)}\n`);
}

/** Parses a batch file (strict JSON, exactly these members, the rules of §14.2); the signature is checked apart. */
export function parseSignedAdditions(bytes: Uint8Array, where = 'additions batch'): SignedAdditions {
  if (bytes.length > MAX_BATCH_BYTES) {
    throw new FormatError(`${where} is larger than ${MAX_BATCH_BYTES} bytes`, 'MANIFEST_INVALID');
  }
  const parsed = signedAdditionsSchema.safeParse(parseStrictJson(bytes, where));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FormatError(
      `${where} is not a valid additions batch (${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'schema'})`,
      'MANIFEST_INVALID',
    );
  }
  validateAdditions(parsed.data.additions, where);
  return parsed.data;
}

/** The signature, under the additions key the epoch's manifest announces. */
export function verifyAdditionsSignature(signed: SignedAdditions, publicKey: Uint8Array): void {
  if (signed.signature.keyFingerprint !== publicKeyFingerprint(publicKey)) {
    throw new QuietlistError(
      'SIGNATURE_INVALID',
      `additions batch ${signed.additions.first} of epoch ${signed.additions.epoch} is signed by key ${signed.signature.keyFingerprint}, not the additions key ${publicKeyFingerprint(publicKey)} its manifest announces`,
    );
  }
  if (!verifySignature(signed.signature.value, additionsSignedBytes(signed.additions), publicKey)) {
    throw new QuietlistError(
      'SIGNATURE_INVALID',
      `additions batch ${signed.additions.first} of epoch ${signed.additions.epoch}: the signature does not verify (tampered or corrupted)`,
    );
  }
}

/** Rules beyond the schema: first ≤ last, entries in increasing sequence order within [first, last]. */
function validateAdditions(additions: Additions, where = 'additions batch'): Additions {
  const problem = (() => {
    if (additions.first > additions.last) return `first ${additions.first} is after last ${additions.last}`;
    let before = additions.first - 1;
    for (const entry of additions.entries) {
      if (entry.sequence <= before) return 'entries are not in increasing sequence order';
      if (entry.sequence > additions.last) return `entry ${entry.sequence} is after last ${additions.last}`;
      before = entry.sequence;
    }
    return null;
  })();
  if (problem) throw new FormatError(`${where}: ${problem}`, 'MANIFEST_INVALID');
  return additions;
}
