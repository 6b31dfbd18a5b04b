/**
 * Typed errors with a stable `code`. The API and the CLI map these codes in one place each
 * (HTTP status / exit code); messages never contain a phone number or a key.
 */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_CONFIG'
  | 'FORMAT_INVALID'
  | 'CHECKSUM_MISMATCH'
  | 'SHARD_MISSING'
  | 'SIGNATURE_INVALID'
  | 'MANIFEST_INVALID'
  | 'INPUT_INVALID'
  | 'DATA_REJECTED'
  | 'NOT_FOUND'
  | 'PRECONDITION_FAILED'
  | 'CONFLICT'
  | 'STORAGE_UNAVAILABLE'
  | 'KEY_INVALID'
  /** An epoch keyed under a normalisation scheme this code does not apply (core/phone/normalize.ts NORMALIZATION_SCHEME). */
  | 'SCHEME_UNSUPPORTED'
  /** latest.json's signed expiry has passed (docs/FORMAT.md §7): the operator must build or renew. */
  | 'POINTER_EXPIRED'
  /** Signed by a key the signing-key chain has moved away from (docs/FORMAT.md §6.3). */
  | 'KEY_RETIRED'
  /** An epoch older than its register's rescrub window (core/registers/epoch-rules.ts): calling from it breaks the law. */
  | 'EPOCH_TOO_OLD'
  /** A live list's additions older than a client may use (docs/CLIENT.md) and that cannot be refreshed now. */
  | 'ADDITIONS_STALE';

export class QuietlistError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A filter file or manifest that cannot be read: truncated, corrupted, wrong version. */
export class FormatError extends QuietlistError {
  constructor(message: string, code: ErrorCode = 'FORMAT_INVALID') {
    super(code, message);
  }
}

/** Object storage failed (network, credentials, permissions) or an object is missing. */
export class StorageError extends QuietlistError {}

/** A conditional write lost: another writer changed the object first. */
export class PreconditionFailedError extends StorageError {
  constructor(message: string) {
    super('PRECONDITION_FAILED', message);
  }
}
