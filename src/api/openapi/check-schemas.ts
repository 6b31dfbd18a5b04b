/**
 * POST /v1/check: its request, its answer, and the limits both the validation and the document state
 * (the live additions routes take numbers under the same limits: list-schemas.ts).
 */
import { z } from '@hono/zod-openapi';
import { LIST_NAME_PATTERN } from '../../core/lists/list-name.ts';
import { REJECT_REASONS } from '../../core/phone/reject-reasons.ts';

export const MAX_NUMBERS_PER_CHECK = 1000;
/** Lists one POST /v1/check may name (each number is charged once per list). */
export const MAX_LISTS_PER_CHECK = 8;
/** Longest string accepted per number; anything longer cannot be a phone number (it is rejected whole). */
export const MAX_NUMBER_LENGTH = 256;

/**
 * The numbers a POST body carries (check, live additions): one copy of the limits, so the routes that
 * take numbers cannot drift apart.
 */
export const NumberBatch = z.array(z.string().max(MAX_NUMBER_LENGTH)).min(1).max(MAX_NUMBERS_PER_CHECK);

/** Request bodies are strict: an unknown member is refused with 400 INVALID_REQUEST naming it. */
export const CheckRequest = z
  .strictObject({
    numbers: NumberBatch.openapi({
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
