/**
 * GET /healthz and GET /readyz: whether latest.json is accepted (freshness), the key chain the
 * served epoch is signed along, and the shards known to be in storage.
 */
import { z } from '@hono/zod-openapi';

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
