/**
 * The epoch manifest: what a published epoch holds and how to read it, signed with Ed25519 over its
 * canonical JSON (RFC 8785). Stored as `epochs/<id>/manifest.json` = { manifest, signature }.
 * docs/FORMAT.md describes every field.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { hashKeyId } from '../digest/keyed-hash.ts';
import { fromBase64, toBase64 } from '../encoding/base64.ts';
import { toHex } from '../encoding/bytes.ts';
import { canonicalJson } from '../encoding/canonical-json.ts';
import { parseStrictJson } from '../encoding/strict-json.ts';
import { FormatError, QuietlistError } from '../errors.ts';
import { deltaFileName } from '../filter/sharding.ts';
import { LIST_NAME_PATTERN } from '../lists/list-name.ts';
import { PARTITION_ID } from '../partitions/partition-rule.ts';
import { registerRulesSchema } from '../registers/profile.ts';
import { EPOCH_ID_PATTERN } from './epoch-id.ts';
import { layoutProblem, shardGroups, shardPath } from './shard-layout.ts';
import { publicKeyFingerprint, SIGNATURE_ALGORITHM, sign, verifySignature } from './signing.ts';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
/** `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, UTC, a real calendar time (docs/FORMAT.md §6.1). */
export const timestampSchema = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,9})?Z$/)
  .refine(isCalendarTime, 'not a valid UTC time');
/** Canonical standard base64 (RFC 4648 §4, padded) of exactly `bytes` bytes. */
export const base64Of = (bytes: number) =>
  z.string().refine((text) => isCanonicalBase64(text, bytes), `must be canonical base64 of ${bytes} bytes`);
/** The key id of section 1.2: 16 hex of SHA-256 over the key. */
const KEY_ID = /^[0-9a-f]{16}$/;

/** A delta from the previous epoch's shard (docs/FORMAT.md §12); optional, so older manifests stay valid. */
const shardDeltaSchema = z.strictObject({
  from: z.string().regex(EPOCH_ID_PATTERN),
  path: z.string().regex(/^(p\/[0-9]{1,6}\/)?shard-[0-9]{5}\.qldelta$/),
  bytes: z.number().int().positive(),
  sha256: hex(32),
});

/**
 * A partitioned epoch's partitions (docs/FORMAT.md §1.4), in ascending id order: each has its own
 * shard geometry, kept or renewed on its own, and its shards follow those of the partitions before it.
 */
const partitionSchema = z.strictObject({
  id: z.string().regex(PARTITION_ID),
  shardPrefixBits: z.number().int().min(0).max(16),
  geometrySince: z.string().regex(EPOCH_ID_PATTERN),
});

const shardSchema = z.strictObject({
  /** Partitioned epochs: the partition the shard belongs to (its index counts within the partition). */
  partition: z.string().regex(PARTITION_ID).optional(),
  index: z.number().int().min(0),
  path: z.string().regex(/^(p\/[0-9]{1,6}\/)?shard-[0-9]{5}\.qlbf$/),
  bytes: z.number().int().positive(),
  entries: z.number().int().min(0),
  bitCount: z.number().int().positive(),
  hashCount: z.number().int().positive(),
  sha256: hex(32),
  delta: shardDeltaSchema.optional(),
});

/** The file of an epoch that holds the live additions its filter folded in (docs/FORMAT.md §14.3). */
export const FOLDED_ADDITIONS_FILE = 'additions-folded.json';

/**
 * A live list (docs/FORMAT.md §14): the key that signs its additions, how far its filter folded them in,
 * and the file that says which (the next build carries them on until they expire).
 */
const manifestAdditionsSchema = z.strictObject({
  /** The Ed25519 public key that signs this list's additions batches (the server's additions key). */
  publicKey: base64Of(32),
  /** Every addition numbered up to this one is in this epoch's filter, or had expired when it was built. */
  sequence: z.number().int().min(0),
  folded: z
    .strictObject({
      path: z.literal(FOLDED_ADDITIONS_FILE),
      bytes: z.number().int().positive(),
      sha256: hex(32),
      entries: z.number().int().min(1),
    })
    .optional(),
});

export const manifestSchema = z.strictObject({
  format: z.literal('quietlist-manifest'),
  version: z.literal(1),
  /** The list this epoch is of (docs/FORMAT.md §14); absent: the store's root list, `default`. */
  list: z.string().regex(LIST_NAME_PATTERN).optional(),
  epoch: z.string().regex(EPOCH_ID_PATTERN),
  createdAt: timestampSchema,
  previous: z.strictObject({ epoch: z.string().regex(EPOCH_ID_PATTERN), manifestSha256: hex(32) }).nullable(),
  /** open: the hash key is published, anyone checks locally; secret: only the operator's worker can check. */
  mode: z.enum(['open', 'secret', 'oprf']),
  hash: z.strictObject({
    /** oprf mode: the VOPRF's outputs, or the POPRF's under the partition (partitioned epochs). */
    scheme: z.enum(['hmac-sha256', 'oprf-ristretto255-sha512', 'poprf-ristretto255-sha512']),
    keyId: z.string().regex(KEY_ID),
    /** open mode: the HMAC key, base64. */
    key: base64Of(32).optional(),
    /** oprf mode: the server's public key (base64), for verifiable evaluation. */
    publicKey: base64Of(32).optional(),
  }),
  normalization: z.strictObject({
    library: z.string(),
    version: z.string(),
    /** The normalisation rule (core/phone/normalize.ts NORMALIZATION_SCHEME); absent in first-release manifests (scheme 1). */
    scheme: z.number().int().positive().optional(),
    defaultRegion: z.string().regex(/^[A-Z]{2}$/),
  }),
  filter: z.strictObject({
    type: z.literal('bloom'),
    formatVersion: z.literal(1),
    indexScheme: z.literal('edh32'),
    falsePositiveRate: z.number().positive().lt(0.5),
    /** Unpartitioned epochs only: a partitioned one gives each partition its own. */
    shardPrefixBits: z.number().int().min(0).max(16).optional(),
    /**
     * The epoch whose build chose this shard geometry (stable geometry, §5.1); absent before it
     * existed, and in partitioned epochs (each partition names its own).
     */
    geometrySince: z.string().regex(EPOCH_ID_PATTERN).optional(),
  }),
  /** Present exactly when `register.partition` is: the partitions that hold entries (§1.4). */
  partitions: z.array(partitionSchema).optional(),
  shards: z.array(shardSchema),
  counts: z.strictObject({
    rows: z.number().int().min(0),
    accepted: z.number().int().min(0),
    rejected: z.number().int().min(0),
    duplicates: z.number().int().min(0),
    expired: z.number().int().min(0),
    entries: z.number().int().min(0),
  }),
  validity: z.strictObject({ years: z.number().positive(), referenceDate: z.iso.date() }).nullable(),
  /**
   * Signing-key rotation (docs/FORMAT.md §6.3): `next` announces the successor Ed25519 public key
   * (base64), signed by the current key; later epochs may be signed by it. Absent: no announcement.
   */
  signing: z.strictObject({ next: base64Of(32) }).optional(),
  /**
   * The register this epoch is a list of, and the rules its subscribers must follow (rescrub window,
   * validity, languages: core/registers/profile.ts, docs/FORMAT.md §6.1). Absent before profiles existed.
   */
  register: registerRulesSchema.optional(),
  /** A live list: its additions key and what this epoch folded in (docs/FORMAT.md §14). Absent: no live additions. */
  additions: manifestAdditionsSchema.optional(),
});

export const signedManifestSchema = z.strictObject({
  manifest: manifestSchema,
  signature: z.strictObject({
    algorithm: z.literal(SIGNATURE_ALGORITHM),
    keyFingerprint: hex(16),
    value: base64Of(64),
  }),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestShard = z.infer<typeof shardSchema>;
export type ManifestAdditions = z.infer<typeof manifestAdditionsSchema>;
export type ManifestPartition = z.infer<typeof partitionSchema>;
export type SignedManifest = z.infer<typeof signedManifestSchema>;

const utf8 = new TextEncoder();
/** The only manifest members whose numbers may have a fraction or exponent. */
const FRACTIONAL_MEMBERS = new Set(['falsePositiveRate', 'years']);

export function canonicalManifestBytes(manifest: Manifest): Uint8Array {
  return utf8.encode(canonicalJson(manifest));
}

/** The manifest's identity: hex SHA-256 of its canonical bytes (linked from the next epoch, quoted in receipts). */
export function manifestSha256(manifest: Manifest): string {
  return toHex(sha256(canonicalManifestBytes(manifest)));
}

export function signManifest(
  manifest: Manifest,
  secretKey: Uint8Array,
  publicKey: Uint8Array,
): SignedManifest {
  const checked = validateManifest(manifest);
  return {
    manifest: checked,
    signature: {
      algorithm: SIGNATURE_ALGORITHM,
      keyFingerprint: publicKeyFingerprint(publicKey),
      value: sign(canonicalManifestBytes(checked), secretKey),
    },
  };
}

function validateManifest(manifest: Manifest): Manifest {
  const result = manifestSchema.safeParse(manifest);
  if (!result.success)
    throw new FormatError(`invalid manifest: ${describeIssues(result.error)}`, 'MANIFEST_INVALID');
  const problem = layoutProblem(result.data) ?? hashProblem(result.data) ?? deltaProblem(result.data);
  if (problem) throw new FormatError(`invalid manifest: ${problem}`, 'MANIFEST_INVALID');
  return result.data;
}

/** Mode, hash scheme and key members must agree (docs/FORMAT.md §6.1), and the key id name the key. */
function hashProblem(manifest: Manifest): string | null {
  const { mode, hash } = manifest;
  const oprf = hash.scheme !== 'hmac-sha256';
  if ((mode === 'oprf') !== oprf) return `mode ${mode} cannot use hash scheme ${hash.scheme}`;
  // A partition is public input to the POPRF: that is what lets the worker refuse other partitions.
  const expected = manifest.partitions ? 'poprf-ristretto255-sha512' : 'oprf-ristretto255-sha512';
  if (mode === 'oprf' && hash.scheme !== expected)
    return `an oprf manifest ${manifest.partitions ? 'with' : 'without'} partitions uses hash scheme ${expected}`;
  if (mode === 'open' && hash.key === undefined) return 'an open manifest must publish hash.key';
  if (mode !== 'open' && hash.key !== undefined) return `a ${mode} manifest must not carry hash.key`;
  if (mode === 'oprf' && hash.publicKey === undefined) return 'an oprf manifest must carry hash.publicKey';
  if (mode !== 'oprf' && hash.publicKey !== undefined)
    return `a ${mode} manifest must not carry hash.publicKey`;
  const named = hash.key ?? hash.publicKey;
  if (named !== undefined && hashKeyId(fromBase64(named)) !== hash.keyId) {
    return `hash.keyId ${hash.keyId} is not the key id of the published key`;
  }
  return null;
}

/** A delta patches the previous epoch's shard of the same index, under the same geometry (§12). */
function deltaProblem(manifest: Manifest): string | null {
  for (const group of shardGroups(manifest)) {
    for (const shard of manifest.shards.slice(group.first, group.first + group.count)) {
      if (!shard.delta) continue;
      const path = shardPath(group.partition, deltaFileName(shard.index));
      if (shard.delta.path !== path)
        return `shard ${shard.path}'s delta must be ${path}, not ${shard.delta.path}`;
      if (shard.delta.from !== manifest.previous?.epoch)
        return `shard ${shard.path}'s delta must start from the previous epoch`;
      if (group.geometrySince === manifest.epoch) {
        return group.partition === null
          ? 'an epoch that starts a new geometry carries no delta'
          : `partition ${group.partition} starts a new geometry in this epoch: it carries no delta`;
      }
    }
  }
  return null;
}

function isCanonicalBase64(text: string, bytes: number): boolean {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length !== Math.ceil(bytes / 3) * 4) return false;
  try {
    const decoded = fromBase64(text);
    return decoded.length === bytes && toBase64(decoded) === text;
  } catch {
    return false;
  }
}

function isCalendarTime(text: string): boolean {
  const [y, mo, d, h, mi, s] = [0, 5, 8, 11, 14, 17].map((at, i) => Number(text.slice(at, at + (i ? 2 : 4))));
  const time = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  return (
    y! >= 1000 &&
    time.getUTCFullYear() === y &&
    time.getUTCMonth() === mo! - 1 &&
    time.getUTCDate() === d &&
    time.getUTCHours() === h &&
    time.getUTCMinutes() === mi &&
    time.getUTCSeconds() === s
  );
}

/** Parses manifest.json bytes, validates the structure and the signature against the pinned key. */
export function verifySignedManifest(bytes: Uint8Array, publicKey: Uint8Array): SignedManifest {
  return verifyManifestSignature(parseSignedManifest(bytes), publicKey);
}

/**
 * Parses manifest.json bytes (or its already-parsed JSON, as a receipt embeds it) and validates every
 * field, but not the signature: for a manifest authenticated otherwise (a hash link from a verified
 * one) or about to be verified under a key found from it (key-chain.ts).
 */
export function parseSignedManifest(input: Uint8Array | { json: unknown }): SignedManifest {
  const json =
    input instanceof Uint8Array
      ? parseStrictJson(input, 'manifest', { fractionalMembers: FRACTIONAL_MEMBERS })
      : input.json;
  const parsed = signedManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new FormatError(`invalid signed manifest: ${describeIssues(parsed.error)}`, 'MANIFEST_INVALID');
  }
  return { manifest: validateManifest(parsed.data.manifest), signature: parsed.data.signature };
}

/** The signature of a parsed manifest, under `publicKey`; throws SIGNATURE_INVALID naming both keys. */
export function verifyManifestSignature(signed: SignedManifest, publicKey: Uint8Array): SignedManifest {
  if (signed.signature.keyFingerprint !== publicKeyFingerprint(publicKey)) {
    throw new QuietlistError(
      'SIGNATURE_INVALID',
      `manifest is signed by key ${signed.signature.keyFingerprint}, not the pinned key ${publicKeyFingerprint(publicKey)}`,
    );
  }
  if (!verifySignature(signed.signature.value, canonicalManifestBytes(signed.manifest), publicKey)) {
    throw new QuietlistError(
      'SIGNATURE_INVALID',
      'manifest signature does not verify (tampered or corrupted)',
    );
  }
  return signed;
}

export function encodeSignedManifest(signed: SignedManifest): Uint8Array {
  return utf8.encode(`${JSON.stringify(signed, null, 2)}\n`);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
