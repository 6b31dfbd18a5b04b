/**
 * The epoch manifest: what a published epoch holds and how to read it, signed with Ed25519 over its
 * canonical JSON (RFC 8785). Stored as `epochs/<id>/manifest.json` = { manifest, signature }.
 * docs/FORMAT.md describes every field.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { toHex } from './bytes.ts';
import { canonicalJson } from './canonical-json.ts';
import { FormatError, QuietlistError } from './errors.ts';
import { publicKeyFingerprint, SIGNATURE_ALGORITHM, sign, verifySignature } from './signing.ts';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
export const EPOCH_ID_PATTERN = /^\d{8}T\d{6}Z(?:-[0-9a-z]{1,16})?$/;

const shardSchema = z.strictObject({
  index: z.number().int().min(0),
  path: z.string().regex(/^shard-\d{5}\.qlbf$/),
  bytes: z.number().int().positive(),
  entries: z.number().int().min(0),
  bitCount: z.number().int().positive(),
  hashCount: z.number().int().positive(),
  sha256: hex(32),
});

export const manifestSchema = z.strictObject({
  format: z.literal('quietlist-manifest'),
  version: z.literal(1),
  epoch: z.string().regex(EPOCH_ID_PATTERN),
  createdAt: z.iso.datetime(),
  previous: z.strictObject({ epoch: z.string().regex(EPOCH_ID_PATTERN), manifestSha256: hex(32) }).nullable(),
  /** open: the hash key is published, anyone checks locally; secret: only the operator's worker can check. */
  mode: z.enum(['open', 'secret', 'oprf']),
  hash: z.strictObject({
    scheme: z.enum(['hmac-sha256', 'oprf-ristretto255-sha512']),
    keyId: z.string().min(1).max(64),
    /** open mode: the HMAC key, base64. */
    key: z.string().optional(),
    /** oprf mode: the server's public key (base64), for verifiable evaluation. */
    publicKey: z.string().optional(),
  }),
  normalization: z.strictObject({
    library: z.string(),
    version: z.string(),
    /** The normalisation rule (phone.ts NORMALIZATION_SCHEME); absent in first-release manifests (scheme 1). */
    scheme: z.number().int().positive().optional(),
    defaultRegion: z.string().regex(/^[A-Z]{2}$/),
  }),
  filter: z.strictObject({
    type: z.literal('bloom'),
    formatVersion: z.literal(1),
    indexScheme: z.literal('edh32'),
    falsePositiveRate: z.number().positive().lt(0.5),
    shardPrefixBits: z.number().int().min(0).max(16),
  }),
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
});

export const signedManifestSchema = z.strictObject({
  manifest: manifestSchema,
  signature: z.strictObject({
    algorithm: z.literal(SIGNATURE_ALGORITHM),
    keyFingerprint: z.string(),
    value: z.string(),
  }),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestShard = z.infer<typeof shardSchema>;
export type SignedManifest = z.infer<typeof signedManifestSchema>;

const utf8 = new TextEncoder();

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
  const { shards, filter } = result.data;
  if (shards.length !== 2 ** filter.shardPrefixBits || shards.some((shard, i) => shard.index !== i)) {
    throw new FormatError(
      'invalid manifest: shards must be listed once each, in index order',
      'MANIFEST_INVALID',
    );
  }
  return result.data;
}

/** Parses manifest.json bytes, validates the structure and the signature against the pinned key. */
export function verifySignedManifest(bytes: Uint8Array, publicKey: Uint8Array): SignedManifest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new FormatError('manifest is not valid UTF-8 JSON', 'MANIFEST_INVALID');
  }
  const parsed = signedManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new FormatError(`invalid signed manifest: ${describeIssues(parsed.error)}`, 'MANIFEST_INVALID');
  }
  const manifest = validateManifest(parsed.data.manifest);
  if (parsed.data.signature.keyFingerprint !== publicKeyFingerprint(publicKey)) {
    throw new QuietlistError(
      'SIGNATURE_INVALID',
      `manifest is signed by key ${parsed.data.signature.keyFingerprint}, not the pinned key ${publicKeyFingerprint(publicKey)}`,
    );
  }
  if (!verifySignature(parsed.data.signature.value, canonicalManifestBytes(manifest), publicKey)) {
    throw new QuietlistError(
      'SIGNATURE_INVALID',
      'manifest signature does not verify (tampered or corrupted)',
    );
  }
  return { manifest, signature: parsed.data.signature };
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
