/**
 * POST /v1/receipts: the receipt's hash sent (nothing else of the receipt leaves the client)
 * and the countersignature returned with the certificate of the key that made it.
 */
import { z } from '@hono/zod-openapi';

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
