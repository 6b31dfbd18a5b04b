/**
 * `quietlist/core`: the runtime-neutral core (no `node:` imports, so Node, Workers and browsers share
 * it). Only what a reader of published epochs needs is public; the list is docs/LIBRARY.md's.
 * Everything else under src/core (CRC-32, canonical JSON, the HMAC internals) is private.
 */

export { API_ERRORS, type ApiErrorBody, type ApiErrorCode, readApiErrorBody } from './api-errors.ts';
export {
  createKeyedHasher,
  HASH_KEY_BYTES,
  HASH_SCHEME,
  hashKeyId,
  type KeyedHasher,
} from './digest/keyed-hash.ts';
export { fromBase64, toBase64 } from './encoding/base64.ts';
export { equalBytes, type Sha256Hex, sha256Hex } from './encoding/bytes.ts';
export {
  type Manifest,
  type ManifestShard,
  manifestSha256,
  type SignedManifest,
  verifySignedManifest,
} from './epoch/manifest.ts';
export {
  assertPointerFresh,
  type EpochPointer,
  epochPrefix,
  LATEST_POINTER_KEY,
  manifestKey,
  parseSignedPointer,
  type SignedPointer,
  verifyPointerSignature,
} from './epoch/pointer.ts';
export { parsePublicKey, publicKeyFingerprint, SIGNATURE_ALGORITHM } from './epoch/signing.ts';
export type { TrustState } from './epoch/trust-state.ts';
export {
  acceptLatest,
  type LatestInput,
  type TrustedLatest,
  type TrustSource,
} from './epoch/trusted-latest.ts';
export {
  type ErrorCode,
  FormatError,
  PreconditionFailedError,
  QuietlistError,
  StorageError,
} from './errors.ts';
export { BloomFilter, DIGEST_MIN_BYTES } from './filter/bloom-filter.ts';
export { type FilterShard, parseFilter, serializeFilter } from './filter/format.ts';
export { FilterSet } from './filter/shard-set.ts';
export { matchesShard, shardEntry, verifyShard } from './filter/shard-verifier.ts';
export { shardFileName, shardOf } from './filter/sharding.ts';
export { type BloomParameters, bloomParameters, expectedFalsePositiveRate } from './filter/sizing.ts';
export {
  type CheckResult,
  checkNumbers,
  createNumberClassifier,
  type EpochMembership,
  epochMembership,
  epochPlan,
  epochRegion,
  type KeyedValue,
  keyNumber,
  type MembershipKeys,
  type ShardLoader,
  type Verdict,
} from './membership.ts';
export {
  DEFAULT_REGION,
  isRegionCode,
  maskPhone,
  NORMALIZATION_LIBRARY,
  NORMALIZATION_SCHEME,
  NORMALIZATION_VERSION,
  type PhoneReadings,
  type Reading,
  readPhone,
} from './phone/normalize.ts';
export { type DiallingPlan, phoneKey, planOfRegion } from './phone/numbering-plan.ts';
export {
  isRejectReason,
  REJECT_REASON_TEXT,
  REJECT_REASONS,
  type RejectReason,
} from './phone/reject-reasons.ts';
