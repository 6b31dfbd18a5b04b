/** Request and response schemas: they validate requests and generate /openapi.json. */
import { z } from '@hono/zod-openapi';
import { API_ERRORS, type ApiErrorCode } from '../../core/api-errors.ts';
import { EPOCH_ID_PATTERN } from '../../core/epoch/epoch-id.ts';
import { LIST_NAME_PATTERN } from '../../core/lists/list-name.ts';
import { REJECT_REASONS } from '../../core/phone/reject-reasons.ts';

export const MAX_NUMBERS_PER_CHECK = 1000;
/** Lists one POST /v1/check may name (each number is charged once per list). */
export const MAX_LISTS_PER_CHECK = 8;
/** Longest string accepted per number; anything longer cannot be a phone number (it is rejected whole). */
export const MAX_NUMBER_LENGTH = 256;

/** Every code the API sends: the keys of API_ERRORS, the one table of public errors (core/api-errors.ts). */
export const ERROR_CODES = Object.keys(API_ERRORS) as [ApiErrorCode, ...ApiErrorCode[]];

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).openapi({
        description: 'Stable: clients branch on it (docs/API.md, "Errors")',
        example: 'INVALID_REQUEST',
      }),
      message: z.string().openapi({ description: 'For people; never holds a number or a key' }),
    }),
  })
  .openapi('Error');

/** Request bodies are strict: an unknown member is refused with 400 INVALID_REQUEST naming it. */
export const CheckRequest = z
  .strictObject({
    numbers: z
      .array(z.string().max(MAX_NUMBER_LENGTH))
      .min(1)
      .max(MAX_NUMBERS_PER_CHECK)
      .openapi({
        description: `1 to ${MAX_NUMBERS_PER_CHECK} phone numbers, E.164 ("+33612345678") or national format in the epoch's default region`,
        example: ['+33612345678', '06 12 34 56 78'],
      }),
    lists: z
      .array(z.string().regex(LIST_NAME_PATTERN))
      .min(1)
      .max(MAX_LISTS_PER_CHECK)
      .refine((names) => new Set(names).size === names.length, 'each list at most once')
      .optional()
      .openapi({
        description: `POST /v1/check only: check every number against each of these lists (1 to ${MAX_LISTS_PER_CHECK}, all of them lists the key may use) in one request; each number counts once per list. Absent: the list of the path`,
        example: ['default', 'acme'],
      }),
    scope: z
      .strictObject({
        channel: z.string().max(40).optional(),
        sector: z.string().max(40).optional(),
      })
      .optional()
      .openapi({
        description:
          "Scoped epochs (the register declares channels and sectors, docs/FORMAT.md §1.3): the channel and the sector the call would be about, codes of the manifest's `register.scopes`; either left out means any (a number opted out of any is listed). With `lists`, each list answers for the dimensions its register declares and for every value of the others: a list without scopes answers whatever the scope. Refused (400 INVALID_SCOPE, naming the list) for a code a scoped list does not declare, and for a dimension no list checked declares (one list without scopes included)",
        example: { channel: 'call', sector: 'energy' },
      }),
  })
  .openapi('CheckRequest');

export const CheckResult = z
  .object({
    status: z.enum(['listed', 'not_listed', 'invalid']),
    reason: z
      .enum(REJECT_REASONS)
      .optional()
      .openapi({ description: 'Why the number is invalid (status "invalid" only)' }),
    message: z.string().optional(),
    lists: z.array(z.string()).optional().openapi({
      description: 'With `lists` in the request: the lists whose answer is "listed", in request order',
    }),
  })
  .openapi('CheckResult');

export const AdditionsStatusBody = z
  .object({
    through: z.number().int().openapi({ description: 'The newest addition number the answer included' }),
    publishedAt: z
      .string()
      .nullable()
      .openapi({ description: 'When its batch was published (null: no addition on top of the filter yet)' }),
    batchSha256: z
      .string()
      .nullable()
      .openapi({ description: 'The hash of that batch (docs/FORMAT.md §14.2)' }),
    entries: z
      .number()
      .int()
      .openapi({ description: 'Additions on top of the filter (expired ones included)' }),
  })
  .openapi('AdditionsStatus');

const checkedEpoch = {
  epoch: z.string().openapi({ description: 'The epoch that answered' }),
  manifestSha256: z.string(),
  falsePositiveRate: z
    .number()
    .openapi({ description: 'Upper bound on the chance that a not-registered number answers "listed"' }),
  additions: AdditionsStatusBody.nullable()
    .optional()
    .openapi({ description: 'A live list: the additions the answer included; null: the list takes none' }),
  scope: z.object({ channel: z.string().nullable(), sector: z.string().nullable() }).optional().openapi({
    description: 'Scoped epochs: the channel and sector the results are for (null: any)',
  }),
};

export const ListCheck = z
  .object({
    list: z.string(),
    ...checkedEpoch,
    results: z.array(CheckResult).openapi({ description: "This list's answer per number, in input order" }),
  })
  .openapi('ListCheck');

export const CheckResponse = z
  .object({
    ...checkedEpoch,
    results: z.array(CheckResult).openapi({
      description:
        'One result per input number, in input order; with `lists`, listed if any list lists it (`lists` names which), invalid if a list finds it invalid and none lists it',
    }),
    lists: z.array(ListCheck).optional().openapi({
      description:
        "With `lists` in the request: each list, in request order (the fields above are the first list's)",
    }),
  })
  .openapi('CheckResponse');

export const OprfEvaluateRequest = z
  .strictObject({
    elements: z
      .array(z.string().max(64))
      .min(1)
      .max(MAX_NUMBERS_PER_CHECK)
      .openapi({
        description: `1 to ${MAX_NUMBERS_PER_CHECK} blinded elements (RFC 9497 ristretto255-SHA512), 32 bytes each in standard base64`,
      }),
    keyId: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .optional()
      .openapi({
        description:
          "The `hash.keyId` of the epoch the client pulled: during an OPRF key rotation the worker evaluates under that key (until the overlap ends). Absent: the current epoch's key",
      }),
    partition: z
      .string()
      .regex(/^[0-9]{1,6}$/)
      .optional()
      .openapi({
        description:
          "Partitioned epochs (`hash.scheme` poprf-ristretto255-sha512, docs/FORMAT.md §1.4): the partition every element of the batch belongs to, the POPRF's public input. Required for them, refused for others; one the key is not entitled to is refused with 403 PARTITION_NOT_ENTITLED before anything is charged. The worker learns it (the area code of each number evaluated) and nothing else of the numbers",
        example: '212',
      }),
  })
  .openapi('OprfEvaluateRequest');

export const OprfEvaluateResponse = z
  .object({
    epoch: z.string().openapi({ description: 'The oprf-mode epoch whose key evaluated the elements' }),
    manifestSha256: z.string(),
    keyId: z
      .string()
      .openapi({ description: 'The key id of the OPRF key that evaluated (the one asked for)' }),
    publicKey: z
      .string()
      .openapi({ description: "The OPRF public key the proof is made for (the manifest's)" }),
    evaluatedElements: z
      .array(z.string())
      .openapi({ description: 'One evaluated element per input, in order' }),
    proof: z
      .string()
      .openapi({ description: 'One batched DLEQ proof (c || s, 64 bytes, base64) for the whole batch' }),
  })
  .openapi('OprfEvaluateResponse');

export const EpochIdParam = z
  .string()
  .regex(EPOCH_ID_PATTERN)
  .openapi({ param: { name: 'id', in: 'path' }, example: '20261128T020000Z-k3x9q2' });

export const FILE_NAME_PATTERN = /^(?:manifest\.json|shard-\d{5}\.(?:qlbf|qldelta))$/;

export const FileNameParam = z
  .string()
  .regex(FILE_NAME_PATTERN)
  .openapi({ param: { name: 'file', in: 'path' }, example: 'shard-00000.qlbf' });

export const PARTITION_FILE_NAME_PATTERN = /^shard-\d{5}\.(?:qlbf|qldelta)$/;

export const PartitionFileNameParam = z
  .string()
  .regex(PARTITION_FILE_NAME_PATTERN)
  .openapi({ param: { name: 'file', in: 'path' }, example: 'shard-00000.qlbf' });

export const PartitionParam = z
  .string()
  .regex(/^[0-9]{1,6}$/)
  .openapi({
    param: { name: 'partition', in: 'path' },
    example: '212',
    description: 'A partition of a partitioned epoch (the NANP area code): docs/FORMAT.md §1.4',
  });

export const EntitlementResponse = z
  .object({
    list: z.string().openapi({ description: 'The list the answer is about (`default`, the root list)' }),
    partitions: z
      .array(z.string())
      .nullable()
      .openapi({
        description:
          'The partitions (area codes) this key may download and have evaluated, ascending; null: every one',
        example: ['212', '646', '718'],
      }),
  })
  .openapi('EntitlementResponse');

export const KeyFingerprintParam = z
  .string()
  .regex(/^[0-9a-f]{32}$/)
  .openapi({ param: { name: 'fingerprint', in: 'path' }, example: '21fe31dfa154a261626bf854046fd227' });

export const SignedPointerBody = z
  .object({
    pointer: z.object({
      epoch: z.string(),
      manifestSha256: z.string(),
      publishedAt: z.string(),
      expiresAt: z.string(),
    }),
    signature: z.object({ algorithm: z.literal('Ed25519'), keyFingerprint: z.string(), value: z.string() }),
  })
  .openapi('SignedPointer', { description: 'latest.json, byte for byte as published (docs/FORMAT.md §7)' });

export const KeyRetirementBody = z
  .object({
    format: z.literal('quietlist-key-retirement'),
    version: z.literal(1),
    retiredKey: z.string(),
    successor: z.string(),
    handover: z.object({ epoch: z.string(), manifestSha256: z.string() }),
  })
  .openapi('KeyRetirement', { description: 'A key retirement record (docs/FORMAT.md §6.3)' });

export const FreshnessBody = z
  .object({
    state: z
      .enum(['ok', 'rollback-refused', 'pointer-expired', 'key-retired', 'pointer-unverifiable'])
      .openapi({
        description:
          'ok, or why latest.json is refused while the last trusted epoch stays served (docs/API.md, "Never an older list"): ' +
          'rollback-refused (an epoch older than one already served), pointer-expired (its signed expiry passed: the operator must build or renew), ' +
          'key-retired (signed by a key the signing-key chain retired), pointer-unverifiable (unsigned, bad signature, unannounced key, missing or invalid manifest)',
      }),
    highWater: z
      .object({ epoch: z.string(), createdAt: z.string(), persisted: z.boolean() })
      .nullable()
      .openapi({ description: 'The newest epoch this deployment accepted (persisted: survives a restart)' }),
    refused: z
      .object({
        code: z.enum(['ROLLBACK_REFUSED', 'POINTER_EXPIRED', 'KEY_RETIRED', 'POINTER_UNVERIFIABLE']),
        epoch: z.string().nullable().openapi({ description: 'The epoch the refused latest.json names' }),
        reason: z.string(),
        at: z.string(),
      })
      .nullable(),
    storageProblem: z.string().nullable(),
  })
  .openapi('Freshness');

export const SigningChainBody = z
  .object({
    configured: z.string().openapi({ description: 'Fingerprint of the configured (pinned) public key' }),
    current: z.string().openapi({
      description:
        'Fingerprint of the key the served epoch is signed by: a successor followed along the chain',
    }),
    next: z
      .string()
      .nullable()
      .openapi({ description: 'Fingerprint of the successor the served epoch announces' }),
  })
  .openapi('SigningChain');

export const HealthResponse = z
  .object({
    status: z.enum(['ok', 'refused']).openapi({
      description:
        'refused (HTTP 503): latest.json is refused; the epoch below is still served (see freshness)',
    }),
    epoch: z.string(),
    publishedAt: z.string().nullable().openapi({
      description: 'From the signed pointer the epoch was accepted with (null: restored after a restart)',
    }),
    expiresAt: z.string().nullable().openapi({
      description:
        'When that signed pointer expires: the operator must build or run `quietlist renew` before (docs/OPERATIONS.md)',
    }),
    freshness: FreshnessBody,
    signing: SigningChainBody,
  })
  .openapi('Health');

export const ReadyResponse = z
  .object({
    status: z.enum(['ready', 'unready', 'refused']).openapi({
      description:
        'ready (200): no shard problem known; unready (503): a shard is missing or of the wrong size; refused (503): latest.json is refused (see freshness), the epoch below is still served',
    }),
    epoch: z.string(),
    shards: z.number().int(),
    verified: z.number().int().openapi({ description: 'Shards found in storage with their manifest size' }),
    pending: z.number().int().openapi({
      description:
        'Shards not checked yet (at most 200 are checked per probe): presumed present, since a build writes every shard before latest.json',
    }),
    problems: z.array(z.string()),
    freshness: FreshnessBody,
  })
  .openapi('Ready');

export const SignedManifestBody = z
  .object({ manifest: z.record(z.string(), z.unknown()), signature: z.record(z.string(), z.unknown()) })
  .openapi('SignedManifest', {
    description: 'The signed manifest, byte for byte as published (docs/FORMAT.md)',
  });

export const ReceiptTimestampRequest = z
  .strictObject({
    receiptSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .openapi({
        description:
          "The receipt's hash: hex SHA-256 of its canonical JSON without `timestamp` (docs/FORMAT.md §13). Nothing else is sent.",
        example: '0ce7d4a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d',
      }),
  })
  .openapi('ReceiptTimestampRequest');

const Ed25519Signature = (what: string) =>
  z.object({
    algorithm: z.literal('Ed25519'),
    keyFingerprint: z.string(),
    value: z.string().openapi({ description: what }),
  });

export const ReceiptTimestampResponse = z
  .object({
    format: z.literal('quietlist-receipt-timestamp'),
    version: z.literal(2),
    claim: z.object({
      receiptSha256: z.string(),
      epoch: z.string().openapi({ description: 'The epoch this server served at `time`' }),
      manifestSha256: z.string(),
      time: z.string().openapi({ description: "The server's time (UTC)" }),
    }),
    signature: Ed25519Signature(
      'Ed25519 by the timestamp key (`key.key.publicKey`) over "quietlist-receipt-timestamp-v1\\n" followed by the canonical JSON of `claim` (docs/FORMAT.md §13)',
    ),
    key: z
      .object({
        format: z.literal('quietlist-timestamp-key'),
        version: z.literal(1),
        key: z.object({
          publicKey: z.string().openapi({ description: 'The timestamp key, 32 bytes in standard base64' }),
          createdAt: z.string(),
        }),
        signature: Ed25519Signature(
          'Ed25519 by the operator\'s signing key over "quietlist-timestamp-key-v1\\n" followed by the canonical JSON of `key` (docs/FORMAT.md §13.5)',
        ),
      })
      .openapi({
        description:
          "The signing key's certificate of the timestamp key: a verifier who pinned the signing key trusts the timestamp key through it; the server never holds the signing key",
      }),
  })
  .openapi('ReceiptTimestamp');

const SigningKey = z.object({
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .openapi({
      description: 'Hex of the first 16 bytes of SHA-256 over the 32 key bytes (docs/FORMAT.md)',
      example: 'bdc6a1f0c2d34e5f60718293a4b5c6d7',
    }),
  publicKey: z.string().openapi({ description: 'The 32-byte Ed25519 public key, standard base64' }),
});

export const SigningKeyResponse = SigningKey.extend({
  next: SigningKey.nullable().openapi({
    description: 'The successor key the served epoch announces (signing-key rotation), if any',
  }),
}).openapi('SigningKey');

const QuotaPeriod = z.object({
  limit: z.number().int().min(0).openapi({ description: 'Units (numbers or elements) allowed per period' }),
  remaining: z.number().int().min(0).openapi({ description: 'Units left in this period' }),
  resetsAt: z.string().openapi({
    description: 'When the period ends and its count starts again (UTC, ISO 8601)',
    example: '2026-12-07T00:00:00.000Z',
  }),
});

export const QuotaResponse = z
  .object({
    remaining: z.number().int().min(0).openapi({
      description:
        'Units the key may still use now: the smaller of `day.remaining` and `month.remaining`. Nothing is charged for asking.',
    }),
    day: QuotaPeriod.openapi({ description: 'The UTC day' }),
    month: QuotaPeriod.nullable().openapi({
      description: 'The UTC calendar month; null when the key has no monthly limit',
    }),
    at: z.string().openapi({ description: "The server's time (UTC) the answer was computed at" }),
  })
  .openapi('Quota');
