/**
 * The scrub receipt (docs/CLIENT.md "Receipts", docs/FORMAT.md §13): what a company keeps to show
 * when, against which signed list and with which tool it cleaned a call list. It embeds the signed
 * manifest of the epoch used (so the operator's signature can be checked offline, years later), the
 * SHA-256 of the input and of every output, the counts, the tool and normaliser versions, the times,
 * and optionally the operator's countersignature of its hash. It never holds a phone number.
 * Runtime-neutral: the browser scrub builds the same object.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { toHex } from '../encoding/bytes.ts';
import { canonicalJson } from '../encoding/canonical-json.ts';
import { parseStrictJson } from '../encoding/strict-json.ts';
import { EPOCH_ID_PATTERN } from '../epoch/epoch-id.ts';
import { timestampSchema } from '../epoch/manifest.ts';
import { FormatError } from '../errors.ts';
import { LIST_NAME_PATTERN } from '../lists/list-name.ts';
import { PARTITION_ID } from '../partitions/partition-rule.ts';
import { SCOPE_CODE } from '../registers/profile.ts';

export const RECEIPT_FORMAT = 'quietlist-scrub-receipt';
export const RECEIPT_VERSION = 2;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const count = z.number().int().min(0);
const fileSummary = z.strictObject({ name: z.string(), rows: count, bytes: count, sha256: hex64 });

/** One list of a scrub against several (or a live one): its epoch, the additions it answered with, its rows. */
/** The channel and sector a list answered for, each a code of its register or null (any). */
const scopeSchema = z.strictObject({
  channel: z.string().regex(SCOPE_CODE).nullable(),
  sector: z.string().regex(SCOPE_CODE).nullable(),
});

const receiptList = z.strictObject({
  list: z.string().regex(LIST_NAME_PATTERN),
  epoch: z.string().regex(EPOCH_ID_PATTERN),
  manifestSha256: hex64,
  /** Rows this list holds (a row held by two lists counts in both). */
  listed: count,
  /** A live list: the newest addition the scrub answered with; null: the list takes none. */
  additions: z
    .strictObject({ through: count, batchSha256: hex64.nullable(), publishedAt: timestampSchema.nullable() })
    .nullable(),
  /** A scoped epoch: the channel and sector this list answered for (null: any); the first list's is `scope`. */
  scope: scopeSchema.optional(),
  /** A partitioned epoch: the partitions this list answered for, ascending; the first list's are `partitions`. */
  partitions: z.array(z.string().regex(PARTITION_ID)).optional(),
});

export const receiptSchema = z.strictObject({
  format: z.literal(RECEIPT_FORMAT),
  version: z.literal(RECEIPT_VERSION),
  tool: z.strictObject({ name: z.literal('quietlist'), version: z.string() }),
  /** The client's normaliser: library, metadata version and rule (core/phone/normalize.ts). */
  normalization: z.strictObject({ library: z.string(), version: z.string(), scheme: z.number().int() }),
  startedAt: timestampSchema,
  finishedAt: timestampSchema,
  epoch: z.strictObject({
    id: z.string().regex(EPOCH_ID_PATTERN),
    createdAt: timestampSchema,
    manifestSha256: hex64,
    signingKeyFingerprint: z.string().regex(/^[0-9a-f]{32}$/),
    /** The Ed25519 public key the client verified the manifest with (base64). */
    signingPublicKey: z.string(),
    source: z.string(),
    mode: z.enum(['open', 'secret', 'oprf']),
    falsePositiveRate: z.number().positive().lt(0.5),
  }),
  /** manifest.json of the epoch, as published: `{ manifest, signature }`. */
  signedManifest: z.unknown(),
  /** How the numbers were checked: the local filter alone, or with a worker's blinded evaluations. */
  checkedWith: z.strictObject({ kind: z.enum(['local', 'worker', 'online']), url: z.string().optional() }),
  input: z.strictObject({ name: z.string(), bytes: count, sha256: hex64 }),
  /**
   * How the input was read: a CSV (delimiter, encoding) or a spreadsheet's sheet. `excelSafe`, present
   * (true) only when asked: cells a spreadsheet would run as formulas were neutralised in the outputs
   * (client/scrub/excel-safe.ts), so the outputs differ from the input's bytes there.
   */
  settings: z.union([
    z.strictObject({
      column: z.string(),
      /** Every phone column checked, when there were several (`column` is then the first). */
      columns: z.array(z.string()).min(2).optional(),
      region: z.string(),
      mode: z.enum(['drop', 'flag']),
      format: z.literal('csv'),
      delimiter: z.string(),
      encoding: z.string(),
      excelSafe: z.literal(true).optional(),
    }),
    z.strictObject({
      column: z.string(),
      /** Every phone column checked, when there were several (`column` is then the first). */
      columns: z.array(z.string()).min(2).optional(),
      region: z.string(),
      mode: z.enum(['drop', 'flag']),
      format: z.enum(['xlsx', 'ods']),
      sheet: z.string(),
      excelSafe: z.literal(true).optional(),
    }),
  ]),
  /**
   * Scoped epochs (docs/FORMAT.md §1.3): the channel and sector the rows were checked for, each a code
   * of the embedded manifest's register or null (any). Present exactly when the register declares scopes.
   */
  scope: scopeSchema.optional(),
  /**
   * Partitioned epochs (§1.4): the partitions the scrub could answer for, ascending (rows of the
   * epoch's other partitions are NOT_ENTITLED). Present exactly when the epoch is partitioned.
   */
  partitions: z.array(z.string().regex(PARTITION_ID)).optional(),
  counts: z.strictObject({ rows: count, listed: count, clean: count, invalid: count, blank: count }),
  invalidByReason: z.record(z.string(), count),
  outputs: z.strictObject({
    clean: fileSummary,
    listed: fileSummary.optional(),
    rejects: fileSummary.optional(),
  }),
  /**
   * Every list the rows were checked against, the first being `epoch`'s (docs/FORMAT.md §13.2): present
   * when a scrub names lists (`--list`) or its list takes live additions; absent for the root list alone.
   */
  lists: z.array(receiptList).min(1).max(16).optional(),
  /** The operator's countersignature of `receiptSha256` (timestamp.ts); not part of the hash. */
  timestamp: z.unknown().optional(),
});

export type ScrubReceipt = z.infer<typeof receiptSchema>;
export type ReceiptFileSummary = z.infer<typeof fileSummary>;
export type ReceiptList = z.infer<typeof receiptList>;

const FRACTIONAL = new Set(['falsePositiveRate', 'years']);

/** A receipt file's bytes, strictly (the JSON rules of docs/FORMAT.md), or a FormatError naming the field. */
export function parseReceipt(bytes: Uint8Array): ScrubReceipt {
  const json = parseStrictJson(bytes, 'receipt', { fractionalMembers: FRACTIONAL });
  const version = (json as { version?: unknown })?.version;
  if ((json as { format?: unknown })?.format === RECEIPT_FORMAT && version === 1) {
    throw new FormatError(
      'this is a version 1 receipt (quietlist before receipts embedded the signed manifest): it names a manifest hash and file hashes only; compare those by hand',
      'FORMAT_INVALID',
    );
  }
  const parsed = receiptSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new FormatError(`invalid receipt: ${issues.join('; ')}`, 'FORMAT_INVALID');
  }
  return parsed.data;
}

/**
 * The receipt's identity: hex SHA-256 of the canonical JSON (RFC 8785) of the receipt without its
 * `timestamp` member. This is what the operator countersigns.
 */
export function receiptSha256(receipt: ScrubReceipt): string {
  const { timestamp: _timestamp, ...signed } = receipt;
  return toHex(sha256(new TextEncoder().encode(canonicalJson(signed))));
}
