/**
 * POST /v1/check: up to 1,000 numbers answered by one epoch through the shared membership path
 * (core/membership.ts: the builder's normalisation and region, the epoch's key), each shard's digests
 * (every reading of every value that falls in it) looked up together in that epoch's verified shards
 * (api/shards: in memory, or shard-resident Durable Objects). Results are in input order and never
 * repeat the number. Metered like every such route (metered-post.ts): one item per number, invalid
 * ones included. A scoped epoch answers for the body's `scope` (docs/FORMAT.md §1.3; default any
 * channel and sector: the scope digests are what is looked up); a partitioned one looks up the shards
 * of each number's partition by manifest position, on either path, and answers NOT_ENTITLED for a
 * number whose partition the key may not use (§1.4), never "not listed".
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { checkNumbersByShard, membershipFor } from '../../core/membership.ts';
import { epochRules } from '../../core/registers/epoch-rules.ts';
import { parseScopeQuery } from '../../core/scopes/scope-labels.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { DEFAULT_LIST, entitledPartitions } from '../auth/subscribers.ts';
import { ApiError } from '../errors/api-error.ts';
import { CheckRequest, CheckResponse } from '../openapi/schemas.ts';
import { registerMeteredPost } from './metered-post.ts';

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
    requestErrors: ['TOO_MANY_NUMBERS', 'INVALID_SCOPE'],
    epochErrors: [],
    count: ({ numbers }) => numbers.length,
    prepare: async ({ numbers, scope: asked }, epoch, c, audit) => {
      const { manifest } = epoch;
      if (!epoch.membership) {
        throw new ApiError('UNSUPPORTED_MODE', {
          message: `epoch ${manifest.epoch} is in ${manifest.mode} mode: checks go through POST /v1/oprf/evaluate and a local filter`,
        });
      }
      const rules = epochRules(manifest);
      let scope: ReturnType<typeof parseScopeQuery>;
      try {
        scope = parseScopeQuery(rules.scopes, asked ?? {}, `${rules.name} (${rules.id})`);
      } catch (error) {
        throw new ApiError('INVALID_SCOPE', { message: (error as Error).message });
      }
      const entitled = manifest.partitions ? entitledPartitions(c.get('subscriber')!, DEFAULT_LIST) : 'all';
      const membership = membershipFor(epoch.membership, {
        scope,
        ...(entitled === 'all' ? {} : { partitions: entitled }),
      });
      return async () => {
        const shards = services.shards.forRequest(epoch);
        const results = await checkNumbersByShard(membership, numbers, shards.lookup, {
          shardsInFlight: shards.inFlight,
        });
        audit.shardBytesRead = shards.bytesRead;
        return {
          epoch: manifest.epoch,
          manifestSha256: epoch.manifestSha256,
          falsePositiveRate: manifest.filter.falsePositiveRate,
          ...(rules.scopes ? { scope } : {}),
          results,
        };
      };
    },
  });
}
