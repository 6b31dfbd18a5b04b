/** POST /v1/oprf/evaluate: the blinded elements asked for and the evaluations with their proof. */
import { z } from '@hono/zod-openapi';
import { MAX_NUMBERS_PER_CHECK } from './check-schemas.ts';

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
