/** GET /v1/quota: what the key may still use today and this month (asking is never charged). */
import { z } from '@hono/zod-openapi';

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
