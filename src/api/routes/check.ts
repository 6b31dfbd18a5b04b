/**
 * POST /v1/check: up to 1,000 numbers answered by one epoch through the shared membership path
 * (core/membership.ts: the builder's normalisation and region, the epoch's key, verified shards, a
 * few loaded at once). Results are in input order and never repeat the number.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { checkNumbers } from '../../core/membership.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { requireScope } from '../auth/authenticate.ts';
import { ApiError } from '../errors/api-error.ts';
import { jsonBodyDoc } from '../openapi/json-body.ts';
import {
  ANY_OPERATION_ERRORS,
  AUTH_ERRORS,
  EPOCH_ERRORS,
  errorResponses,
  HEADERS,
  JSON_BODY_ERRORS,
  QUOTA_HEADERS,
} from '../openapi/responses.ts';
import { CheckRequest, CheckResponse } from '../openapi/schemas.ts';
import { chargeQuota, jsonBodyLimit } from './metered-post.ts';

/** Shards loaded at once by one request: bounds memory to the shard cache plus this many shards. */
const SHARD_LOADS_IN_FLIGHT = 2;

export function registerCheckRoute(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  const limit = jsonBodyLimit(services);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/check',
      operationId: 'checkNumbers',
      summary: 'Check up to 1,000 phone numbers against the current epoch',
      description:
        '"listed" means the filter holds the number (false-positive rate at most `falsePositiveRate`); ' +
        '"not_listed" is certain. A value with several readings (a "+" or a 0 lost) is listed if any reading is; ' +
        'one with no valid reading is "invalid" (NO_VALID_READING) unless listed. ' +
        'Each number counts against the daily and monthly quota, invalid ones included.',
      security: [{ bearer: [] }],
      middleware: [requireScope(services.auth, 'check'), limit] as const,
      request: { body: jsonBodyDoc(CheckRequest, services.config.maxBodyBytes) },
      responses: {
        200: {
          description: 'One result per number',
          headers: { 'Cache-Control': HEADERS.noStore, ...QUOTA_HEADERS },
          content: { 'application/json': { schema: CheckResponse } },
        },
        ...errorResponses(
          ANY_OPERATION_ERRORS,
          AUTH_ERRORS,
          JSON_BODY_ERRORS,
          'TOO_MANY_NUMBERS',
          EPOCH_ERRORS,
          'UNSUPPORTED_MODE',
          'QUOTA_EXCEEDED',
        ),
      },
    }),
    async (c) => {
      const { numbers } = c.req.valid('json');
      const audit = c.get('audit');
      audit.numbers = numbers.length;
      const epoch = await services.epochs.current();
      audit.epoch = epoch.manifest.epoch;
      const { manifest, membership } = epoch;
      if (!membership) {
        throw new ApiError('UNSUPPORTED_MODE', {
          message: `epoch ${manifest.epoch} is in ${manifest.mode} mode: checks go through POST /v1/oprf/evaluate and a local filter`,
        });
      }
      const remaining = await chargeQuota(c, services, numbers.length, 'numbers');
      const results = await checkNumbers(
        membership,
        numbers,
        (index) => services.epochs.filter(epoch, index),
        {
          shardLoadsInFlight: SHARD_LOADS_IN_FLIGHT,
        },
      );
      c.header('X-Quota-Remaining', String(remaining));
      c.header('Cache-Control', 'no-store');
      return c.json(
        {
          epoch: manifest.epoch,
          manifestSha256: epoch.manifestSha256,
          falsePositiveRate: manifest.filter.falsePositiveRate,
          results,
        },
        200,
      );
    },
  );
}
