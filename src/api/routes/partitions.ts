/**
 * Partitioned epochs (docs/FORMAT.md §1.4; the US and Canadian registers sell access per area code):
 * `GET /v1/entitlement` says which partitions of the list the caller's key may download and have
 * evaluated, and `GET /v1/epochs/{id}/p/{partition}/{file}` serves a partition's shards and deltas to
 * keys entitled to it only, whatever the public-downloads setting (403 PARTITION_NOT_ENTITLED
 * otherwise), marked `private` so that no shared cache hands them to anyone else. Both also live under
 * `/v1/lists/{list}/…` for a list's own entitlement (lists/list-routes.ts). POST /v1/oprf/evaluate
 * refuses the other partitions the same way (oprf.ts).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { epochPrefix } from '../../core/epoch/pointer.ts';
import { partitionDirectory } from '../../core/partitions/partition-rule.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { entitledPartitions, mayUsePartition } from '../auth/subscribers.ts';
import { ApiError } from '../errors/api-error.ts';
import { listAccess } from '../lists/list-access.ts';
import { LIST_ROUTES, listParams } from '../lists/list-routes.ts';
import {
  EntitlementResponse,
  EpochIdParam,
  PartitionFileNameParam,
  PartitionParam,
} from '../openapi/download-schemas.ts';
import {
  ANY_OPERATION_ERRORS,
  AUTH_ERRORS,
  EPOCH_ERRORS,
  errorResponses,
  HEADERS,
} from '../openapi/responses.ts';
import { conditionalHeaders, fileResponses, serveObject } from './downloads.ts';

const PRIVATE_IMMUTABLE = 'private, max-age=31536000, immutable';
const binary = { schema: z.string().openapi({ format: 'binary' }) };

export function registerPartitionRoutes(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  // A key, always: a partition is what a subscription buys. Not rate limited: a national subscriber
  // fetches hundreds of these immutable files a night, as anonymous downloads are not limited either.
  const subscriber = listAccess(services, 'download', { keyRequired: true, rateLimited: false });
  const anyScope = listAccess(services, 'download', { keyRequired: true, anyScope: true });
  for (const { prefix, operation, list: listParam } of LIST_ROUTES) {
    app.openapi(
      createRoute({
        method: 'get',
        path: `${prefix}/entitlement`,
        operationId: operation('getEntitlement'),
        summary: 'The partitions (area codes) this API key may download and have evaluated',
        description:
          'For a partitioned list (docs/FORMAT.md §1.4): `pull` asks it to download only those partitions. `null`: every partition (an unlimited key, or a list without partitions).',
        security: [{ bearer: [] }],
        middleware: [anyScope] as const,
        request: { params: listParams(listParam) },
        responses: {
          200: {
            description: "The key's partitions",
            headers: { 'Cache-Control': HEADERS.noStore },
            content: { 'application/json': { schema: EntitlementResponse } },
          },
          // Any scope will do; FORBIDDEN: a list the key may not use.
          ...errorResponses(ANY_OPERATION_ERRORS, AUTH_ERRORS),
        },
      }),
      (c) => {
        const list = c.get('list')!.name;
        const entitled = entitledPartitions(c.get('subscriber')!, list);
        c.header('Cache-Control', 'no-store');
        return c.json({ list, partitions: entitled === 'all' ? null : [...entitled].sort() }, 200);
      },
    );

    app.openapi(
      createRoute({
        method: 'get',
        path: `${prefix}/epochs/{id}/p/{partition}/{file}`,
        operationId: operation('getPartitionFile'),
        summary: 'A file of one partition of a partitioned epoch: a shard (.qlbf) or its delta (.qldelta)',
        description:
          'Only for an API key entitled to the partition (403 PARTITION_NOT_ENTITLED otherwise); immutable, ETag and Range as every epoch file, but `private`: shared caches must not keep it.',
        security: [{ bearer: [] }],
        parameters: conditionalHeaders,
        middleware: [subscriber] as const,
        request: {
          params: listParams(listParam, {
            id: EpochIdParam,
            partition: PartitionParam,
            file: PartitionFileNameParam,
          }),
        },
        responses: {
          ...fileResponses({
            'application/vnd.quietlist.filter': binary,
            'application/vnd.quietlist.delta': binary,
          }),
          ...errorResponses(
            ANY_OPERATION_ERRORS,
            AUTH_ERRORS,
            'PARTITION_NOT_ENTITLED',
            EPOCH_ERRORS,
            'NOT_FOUND',
            'RANGE_NOT_SATISFIABLE',
          ),
        },
      }),
      async (c) => {
        const { id, partition, file } = c.req.valid('param');
        const audit = c.get('audit');
        audit.epoch = id;
        const list = c.get('list')!;
        if (!mayUsePartition(c.get('subscriber')!, partition, list.name)) {
          throw new ApiError('PARTITION_NOT_ENTITLED', {
            message: `this API key is not entitled to partition ${partition} of the list`,
          });
        }
        const type = file.endsWith('.qldelta')
          ? 'application/vnd.quietlist.delta'
          : 'application/vnd.quietlist.filter';
        const key = `${epochPrefix(id)}${partitionDirectory(partition)}${file}`;
        return serveObject(c.req.raw, list, key, id, type, PRIVATE_IMMUTABLE) as never;
      },
    );
  }
}
