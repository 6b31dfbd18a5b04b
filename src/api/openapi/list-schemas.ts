/** Request and response schemas of the lists and live additions routes (docs/API.md, "Lists"). */
import { z } from '@hono/zod-openapi';
import {
  ADDITION_DIGEST_HEX,
  MAX_DIGESTS_PER_ENTRY,
  MAX_SEQUENCE,
} from '../../core/additions/additions-batch.ts';
import { EPOCH_ID_PATTERN } from '../../core/epoch/epoch-id.ts';
import { AdditionsStatusBody, MAX_NUMBERS_PER_CHECK, NumberBatch } from './check-schemas.ts';

/** The longest expiry a live addition may have: 100 years, in seconds. */
export const MAX_TTL_SECONDS = 100 * 366 * 86_400;

export const AdditionsRequest = z
  .strictObject({
    numbers: NumberBatch.optional().openapi({
      description: `Open and secret lists: 1 to ${MAX_NUMBERS_PER_CHECK} phone numbers in any spelling; the server keys every reading (it sees the numbers). Refused for an oprf list`,
      example: ['+33199000001'],
    }),
    digests: z
      .array(
        z
          .array(z.string().regex(new RegExp(`^[0-9a-f]{${ADDITION_DIGEST_HEX}}$`)))
          .min(1)
          .max(MAX_DIGESTS_PER_ENTRY),
      )
      .min(1)
      .max(MAX_NUMBERS_PER_CHECK)
      .optional()
      .openapi({
        description: `Any list, and the only way for an oprf list: per value, the first 12 bytes (24 hex) of the filter digest of each reading (its OPRF output, from blinded evaluations: the server never sees the number). 1 to ${MAX_NUMBERS_PER_CHECK} values`,
      }),
    ttlSeconds: z.number().int().min(1).max(MAX_TTL_SECONDS).optional().openapi({
      description:
        'Each entry stops listing its number this many seconds after the answer (a refusal: 60 days = 5184000). Absent: never',
      example: 5_184_000,
    }),
  })
  .refine((body) => (body.numbers === undefined) !== (body.digests === undefined), {
    message: 'give either numbers or digests',
  })
  .openapi('AdditionsRequest');

export const AdditionsPosted = z
  .object({
    list: z.string(),
    epoch: z.string().openapi({ description: 'The epoch whose additions chain holds the entries' }),
    sequences: z.array(z.number().int()).openapi({ description: 'Each entry’s number, in the order posted' }),
    through: z.number().int().openapi({ description: "The chain's newest number now" }),
    publishedAt: z.string().nullable().openapi({ description: 'When the batch holding them was published' }),
  })
  .openapi('AdditionsPosted');

export const AdditionsQuery = z.object({
  epoch: z.string().regex(EPOCH_ID_PATTERN).optional().openapi({
    description: "The epoch whose chain to read (default: the current one); its predecessor's for its tail",
  }),
  from: z.coerce.number().int().min(1).max(MAX_SEQUENCE).optional().openapi({
    description: "The number the first batch returned starts at (default: the epoch's fold + 1)",
  }),
});

export const AdditionsBatches = z
  .object({
    list: z.string(),
    epoch: z.string(),
    /** Each a signed batch as stored (docs/FORMAT.md §14.2): the client verifies every one. */
    batches: z.array(z.object({}).passthrough()).openapi({
      description:
        'Signed batches (docs/FORMAT.md §14.2), in order from `from`: verify each with the additions key of the epoch manifest',
    }),
    complete: z.boolean().openapi({
      description: 'No batch follows the last one returned (for now); false: ask again from after it',
    }),
  })
  .openapi('AdditionsBatches');

export const ListsResponse = z
  .object({
    lists: z.array(
      z.object({
        name: z.string(),
        owner: z.boolean().openapi({ description: 'This key may post live additions to it' }),
        epoch: z
          .string()
          .nullable()
          .openapi({ description: 'Its current epoch (null: none published or readable)' }),
        mode: z.enum(['open', 'secret', 'oprf']).nullable(),
        live: z.boolean().openapi({ description: 'It takes live additions' }),
        additions: AdditionsStatusBody.nullable(),
      }),
    ),
  })
  .openapi('Lists');
