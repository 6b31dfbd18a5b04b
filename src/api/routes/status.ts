/**
 * GET /healthz (200 once an epoch's manifest has verified, else the error) and GET /readyz (200 only
 * when every shard of that epoch is in storage with its manifest size: what a load balancer should
 * probe). The status page for people, GET /, is src/page/server/status-route.ts.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { fromBase64 } from '../../core/encoding/base64.ts';
import { publicKeyFingerprint } from '../../core/epoch/signing.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import type { LoadedEpoch } from '../epochs/epoch-cache.ts';
import { ANY_OPERATION_ERRORS, EPOCH_ERRORS, errorResponses, HEADERS } from '../openapi/responses.ts';
import { ErrorBody, HealthResponse, ReadyResponse } from '../openapi/schemas.ts';

export function registerStatusRoutes(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      operationId: 'getHealth',
      summary: 'Liveness: the current epoch verified and is being served',
      responses: {
        200: {
          description: 'Serving',
          headers: { 'Cache-Control': HEADERS.noStore },
          content: { 'application/json': { schema: HealthResponse } },
        },
        ...errorResponses(ANY_OPERATION_ERRORS, EPOCH_ERRORS),
      },
    }),
    async (c) => {
      const epoch = await services.epochs.current();
      c.get('audit').epoch = epoch.manifest.epoch;
      c.header('Cache-Control', 'no-store');
      return c.json(
        {
          status: 'ok' as const,
          epoch: epoch.manifest.epoch,
          publishedAt: epoch.pointer.publishedAt,
          freshness: services.epochs.freshness,
          signing: signingChain(services, epoch),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/readyz',
      operationId: 'getReadiness',
      summary: 'Readiness for a load balancer: every shard of the current epoch is in storage',
      responses: {
        200: {
          description: 'Ready',
          headers: { 'Cache-Control': HEADERS.noStore },
          content: { 'application/json': { schema: ReadyResponse } },
        },
        ...errorResponses(ANY_OPERATION_ERRORS),
        503: {
          description: `Not ready: a shard is missing or of the wrong size (a Ready body), or no epoch verified (an Error body: ${EPOCH_ERRORS.map((code) => `\`${code}\``).join(', ')})`,
          headers: { 'Cache-Control': HEADERS.noStore },
          content: { 'application/json': { schema: z.union([ReadyResponse, ErrorBody]) } },
          'x-error-codes': [...EPOCH_ERRORS],
        },
      },
    }),
    async (c) => {
      const epoch = await services.epochs.current();
      c.get('audit').epoch = epoch.manifest.epoch;
      c.header('Cache-Control', 'no-store');
      const readiness = await services.readiness.check(epoch.manifest);
      const body = {
        status: readiness.ready ? ('ready' as const) : ('unready' as const),
        epoch: readiness.epoch,
        shards: readiness.shards,
        verified: readiness.verified,
        problems: readiness.problems,
        freshness: services.epochs.freshness,
      };
      if (!readiness.ready) c.get('audit').errorCode = 'NOT_READY';
      return readiness.ready ? c.json(body, 200) : c.json(body, 503);
    },
  );
}

/**
 * The signing keys as this server sees them, for /healthz and the status page (page/server): the configured key,
 * the key the served epoch is signed by (a successor followed along the chain), and the successor the
 * served epoch announces. A monitor compares these with the operator's own record of its keys: an
 * announcement the operator did not make means the signing key is compromised (docs/OPERATIONS.md).
 */
export function signingChain(services: AppServices, epoch: LoadedEpoch) {
  const next = epoch.manifest.signing?.next;
  return {
    configured: publicKeyFingerprint(services.config.publicKey),
    current: services.epochs.signingKeyFingerprint,
    next: next === undefined ? null : publicKeyFingerprint(fromBase64(next, 'signing.next')),
  };
}
