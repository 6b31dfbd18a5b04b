/**
 * The most a client reads of each answer (docs/CLIENT.md "Download limits", docs/FORMAT.md §11): a
 * shard or a delta its length in the signed manifest, everything else a documented maximum. A longer
 * answer is cut while it streams (capped-body.ts) and refused, so a lying server costs at most the
 * limit in memory, never what it chose to send. Runtime-neutral: the scrub page uses the same limits.
 */
import { MAX_API_ERROR_BODY_BYTES } from '../../core/api-errors.ts';
import type { ErrorCode } from '../../core/errors.ts';
import { MAX_SHARD_PREFIX_BITS } from '../../core/filter/sizing.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * A shard entry of the manifest as the builder writes it (two-space indentation, a delta, every number
 * at the largest value the format allows, 2^53 − 1) takes under 640 bytes; in a partitioned epoch,
 * where every partition has one shard at least, a shard entry and its partition's entry (6-digit ids)
 * take under 768 (test/unit/client/http/download-limits.test.ts). So 2^16 shards in all (FORMAT.md
 * §1.4) and 1 MiB for the rest bound every manifest the format allows: 49 MiB.
 */
export const MAX_MANIFEST_ENTRY_BYTES = 768;
export const MAX_MANIFEST_BYTES = 2 ** MAX_SHARD_PREFIX_BITS * MAX_MANIFEST_ENTRY_BYTES + MiB;
/** `latest.json` (GET /v1/latest): a signed pointer of a few hundred bytes. */
export const MAX_POINTER_BYTES = 64 * KiB;
/** A key retirement record (`key-retirements/<fingerprint>.json`, FORMAT §6.3): under 400 bytes. */
export const MAX_RETIREMENT_BYTES = 16 * KiB;
/** A JSON answer of the API: the signing key, a check or an evaluation of at most 1,000 numbers, a receipt timestamp. */
export const MAX_API_ANSWER_BYTES = MiB;
/**
 * What is read of an error answer (its `{error: {code, message}}`); the rest is dropped, not refused.
 * The length `readApiErrorBody` parses at most (core/api-errors.ts), so the two cannot drift.
 */
export const MAX_ERROR_BODY_BYTES = MAX_API_ERROR_BODY_BYTES;

/** How much of an answer may be read, and how a longer one is refused. */
export interface BodyLimit {
  maxBytes: number;
  /** Names the limit in the refusal: "its signed size (1234 bytes)". */
  describe: string;
  /** The refusal's code: CHECKSUM_MISMATCH for a signed length, else the kind of file. */
  code: ErrorCode;
}

export const MANIFEST_LIMIT: BodyLimit = {
  maxBytes: MAX_MANIFEST_BYTES,
  describe: `the largest manifest the format allows (${MAX_MANIFEST_BYTES / MiB} MiB, docs/FORMAT.md §11)`,
  code: 'MANIFEST_INVALID',
};

export const POINTER_LIMIT: BodyLimit = {
  maxBytes: MAX_POINTER_BYTES,
  describe: `the largest pointer allowed (${MAX_POINTER_BYTES / KiB} KiB)`,
  code: 'FORMAT_INVALID',
};

export const RETIREMENT_LIMIT: BodyLimit = {
  maxBytes: MAX_RETIREMENT_BYTES,
  describe: `the largest key retirement record allowed (${MAX_RETIREMENT_BYTES / KiB} KiB)`,
  code: 'FORMAT_INVALID',
};

export const API_ANSWER_LIMIT: BodyLimit = {
  maxBytes: MAX_API_ANSWER_BYTES,
  describe: `the largest API answer allowed (${MAX_API_ANSWER_BYTES / MiB} MiB)`,
  code: 'FORMAT_INVALID',
};

/**
 * GET …/additions: the server answers at most 4 MiB of batches (at least one, each at most
 * MAX_BATCH_BYTES, docs/FORMAT.md §14.2), as one JSON document.
 */
export const MAX_ADDITIONS_ANSWER_BYTES = 7 * MiB;

export const ADDITIONS_LIMIT: BodyLimit = {
  maxBytes: MAX_ADDITIONS_ANSWER_BYTES,
  describe: `the largest additions answer allowed (${MAX_ADDITIONS_ANSWER_BYTES / MiB} MiB)`,
  code: 'FORMAT_INVALID',
};

/** A file the signed manifest gives the length of (a shard, a delta): not one byte more. */
export function signedLengthLimit(bytes: number): BodyLimit {
  return { maxBytes: bytes, describe: `its signed size (${bytes} bytes)`, code: 'CHECKSUM_MISMATCH' };
}
