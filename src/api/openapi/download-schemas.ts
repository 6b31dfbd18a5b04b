/**
 * The downloads: the path parameters that name an epoch, a file, a partition or a key (each a pattern,
 * so a path that could not name a published object is refused before storage is asked), the
 * partitions a key may download, and the published JSON objects served byte for byte.
 */
import { z } from '@hono/zod-openapi';
import { EPOCH_ID_PATTERN } from '../../core/epoch/epoch-id.ts';

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

export const SignedManifestBody = z
  .object({ manifest: z.record(z.string(), z.unknown()), signature: z.record(z.string(), z.unknown()) })
  .openapi('SignedManifest', {
    description: 'The signed manifest, byte for byte as published (docs/FORMAT.md)',
  });
