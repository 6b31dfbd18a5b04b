/**
 * POST /v1/receipts: the operator timestamps a scrub receipt. The body is the receipt's SHA-256 only
 * (never a file, never a number); the answer is a countersignature binding that hash, the epoch served
 * at that moment with its manifest hash, and the server's time, signed with the operator's timestamp
 * key, with the signing key's certificate of that key (core/receipt/timestamp.ts, timestamp-key.ts): the
 * server never holds the signing key. Any valid API key may ask; the per-subscriber rate limit applies,
 * not the quota of numbers (no number is checked).
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { signReceiptTimestamp } from '../../core/receipt/timestamp.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { requireScope } from '../auth/authenticate.ts';
import { ApiError } from '../errors/api-error.ts';
import { jsonBodyDoc } from '../openapi/json-body.ts';
import { ReceiptTimestampRequest, ReceiptTimestampResponse } from '../openapi/receipt-schemas.ts';
import {
  ANY_OPERATION_ERRORS,
  AUTH_ERRORS,
  EPOCH_ERRORS,
  errorResponses,
  HEADERS,
  JSON_BODY_ERRORS,
} from '../openapi/responses.ts';
import { jsonBodyLimit } from './metered-post.ts';

export function registerReceiptRoute(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/receipts',
      operationId: 'timestampReceipt',
      summary: "Countersign a scrub receipt's hash with the server's time and the current epoch",
      description:
        'A timestamp in the sense of RFC 3161, without the operator seeing the receipt or the files: ' +
        '"at `time`, a receipt of this hash existed while `epoch` was the list in force". Any API key (any scope).',
      security: [{ bearer: [] }],
      middleware: [
        requireScope(services.auth, 'check', { anyScope: true }),
        jsonBodyLimit(services),
      ] as const,
      request: { body: jsonBodyDoc(ReceiptTimestampRequest, services.config.maxBodyBytes) },
      responses: {
        200: {
          description: 'The countersignature, to store in the receipt as `timestamp`',
          headers: { 'Cache-Control': HEADERS.noStore },
          content: { 'application/json': { schema: ReceiptTimestampResponse } },
        },
        ...errorResponses(
          ANY_OPERATION_ERRORS,
          AUTH_ERRORS.filter((code) => code !== 'FORBIDDEN'), // any scope will do
          JSON_BODY_ERRORS,
          'TIMESTAMPS_DISABLED',
          EPOCH_ERRORS,
        ),
      },
    }),
    async (c) => {
      const { timestampKey } = services.config;
      if (!timestampKey) throw new ApiError('TIMESTAMPS_DISABLED');
      const { receiptSha256 } = c.req.valid('json');
      const epoch = await services.epochs.current();
      c.get('audit').epoch = epoch.manifest.epoch;
      const stamp = signReceiptTimestamp(
        {
          receiptSha256,
          epoch: epoch.manifest.epoch,
          manifestSha256: epoch.manifestSha256,
          time: new Date(services.now()).toISOString(),
        },
        timestampKey,
      );
      c.header('Cache-Control', 'no-store');
      return c.json(stamp, 200);
    },
  );
}
