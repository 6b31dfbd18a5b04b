/**
 * POST /v1/check: up to 1,000 numbers, each normalised exactly as the builder did (the manifest's
 * default region), hashed with the epoch's key and looked up in the shards it falls in. Every shard
 * used is verified first; one request is answered by one epoch. Results are in input order and never
 * repeat the number.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { CountryCode } from 'libphonenumber-js/min';
import { normalizePhone, REJECT_REASON_TEXT, type RejectReason } from '../../core/phone.ts';
import { shardOf } from '../../core/sharding.ts';
import { ApiError } from '../api-error.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { requireScope } from '../auth.ts';
import { chargeQuota, jsonBodyLimit } from '../metered-post.ts';
import { CheckRequest, CheckResponse, errorResponses } from '../schemas.ts';

/** Shards loaded at once by one request: bounds memory to the shard cache plus this many shards. */
const SHARD_LOADS_IN_FLIGHT = 2;

type Result =
  | { status: 'listed' | 'not_listed' }
  | { status: 'invalid'; reason: RejectReason; message: string };

const LISTED: Result = Object.freeze({ status: 'listed' });
const NOT_LISTED: Result = Object.freeze({ status: 'not_listed' });

export function registerCheckRoute(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  const limit = jsonBodyLimit(services);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/check',
      summary: 'Check up to 1,000 phone numbers against the current epoch',
      description:
        '"listed" means the filter holds the number (false-positive rate at most `falsePositiveRate`); ' +
        '"not_listed" is certain. Each number counts against the daily and monthly quota, invalid ones included.',
      security: [{ bearer: [] }],
      middleware: [requireScope(services.auth, 'check'), limit] as const,
      request: { body: { required: true, content: { 'application/json': { schema: CheckRequest } } } },
      responses: {
        200: {
          description: 'One result per number',
          content: { 'application/json': { schema: CheckResponse } },
        },
        ...errorResponses(400, 401, 403, 413, 415, 429, 501, 503),
      },
    }),
    async (c) => {
      const { numbers } = c.req.valid('json');
      const audit = c.get('audit');
      audit.numbers = numbers.length;
      const epoch = await services.epochs.current();
      audit.epoch = epoch.manifest.epoch;
      const { manifest, hasher } = epoch;
      if (!hasher) {
        throw new ApiError('UNSUPPORTED_MODE', {
          message: `epoch ${manifest.epoch} is in ${manifest.mode} mode: checks go through POST /v1/oprf/evaluate and a local filter`,
        });
      }
      const remaining = await chargeQuota(c, services, numbers.length, 'numbers');
      const region = manifest.normalization.defaultRegion as CountryCode;
      const prefixBits = manifest.filter.shardPrefixBits;
      const results: Result[] = new Array(numbers.length);
      // Digests and their shards in flat arrays (no per-number objects: this is the hot path).
      const digests: Uint8Array[] = new Array(numbers.length);
      const shardOfNumber = new Int32Array(numbers.length).fill(-1);
      const needed = new Set<number>();
      for (let i = 0; i < numbers.length; i++) {
        const normalized = normalizePhone(numbers[i]!, region);
        if (!normalized.ok) {
          results[i] = {
            status: 'invalid',
            reason: normalized.reason,
            message: REJECT_REASON_TEXT[normalized.reason],
          };
          continue;
        }
        const digest = hasher.digest(normalized.e164);
        digests[i] = digest;
        shardOfNumber[i] = shardOf(digest, prefixBits);
        needed.add(shardOfNumber[i]!);
      }
      // Each shard is loaded, used and released in turn, a few at once (memory bound).
      const shards = [...needed];
      const worker = async () => {
        for (let shard = shards.shift(); shard !== undefined; shard = shards.shift()) {
          const filter = await services.epochs.filter(epoch, shard);
          for (let i = 0; i < numbers.length; i++) {
            if (shardOfNumber[i] === shard) results[i] = filter.has(digests[i]!) ? LISTED : NOT_LISTED;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(SHARD_LOADS_IN_FLIGHT, shards.length) }, worker));
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
