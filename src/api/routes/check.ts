/**
 * POST /v1/check: up to 1,000 numbers answered by one epoch through the shared membership path
 * (core/membership.ts: the builder's normalisation and region, the epoch's key, verified shards, a
 * few loaded at once). Results are in input order and never repeat the number. Metered like every
 * such route (metered-post.ts): one item per number, invalid ones included.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { checkNumbers } from '../../core/membership.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { ApiError } from '../errors/api-error.ts';
import { CheckRequest, CheckResponse } from '../openapi/schemas.ts';
import { registerMeteredPost } from './metered-post.ts';

/** Shards loaded at once by one request: bounds memory to the shard cache plus this many shards. */
const SHARD_LOADS_IN_FLIGHT = 2;

export function registerCheckRoute(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  registerMeteredPost(app, services, {
    path: '/v1/check',
    operationId: 'checkNumbers',
    summary: 'Check up to 1,000 phone numbers against the current epoch',
    description:
      '"listed" means the filter holds the number (false-positive rate at most `falsePositiveRate`); ' +
      '"not_listed" is certain. A value with several readings (a "+" or a 0 lost) is listed if any reading is; ' +
      'one with no valid reading is "invalid" (NO_VALID_READING) unless listed. ' +
      'Each number counts against the daily and monthly quota, invalid ones included.',
    request: CheckRequest,
    response: CheckResponse,
    responseDescription: 'One result per number',
    items: 'numbers',
    requestErrors: ['TOO_MANY_NUMBERS'],
    epochErrors: [],
    count: ({ numbers }) => numbers.length,
    prepare: async ({ numbers }, epoch) => {
      const { manifest, membership } = epoch;
      if (!membership) {
        throw new ApiError('UNSUPPORTED_MODE', {
          message: `epoch ${manifest.epoch} is in ${manifest.mode} mode: checks go through POST /v1/oprf/evaluate and a local filter`,
        });
      }
      return async () => ({
        epoch: manifest.epoch,
        manifestSha256: epoch.manifestSha256,
        falsePositiveRate: manifest.filter.falsePositiveRate,
        results: await checkNumbers(membership, numbers, (index) => services.epochs.filter(epoch, index), {
          shardLoadsInFlight: SHARD_LOADS_IN_FLIGHT,
        }),
      });
    },
  });
}
