/**
 * GET /healthz (200 while an accepted epoch is served and latest.json is not refused; 503 with the
 * refusal while it is, the last trusted epoch still served: a monitor sees it) and GET /readyz (200
 * when no shard problem is known and nothing is refused: what a load balancer should probe). The
 * status page for people, GET /, is src/page/server/status-route.ts.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { fromBase64 } from '../../core/encoding/base64.ts';
import { publicKeyFingerprint } from '../../core/epoch/signing.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import type { LoadedEpoch } from '../epochs/epoch-cache.ts';
import { ErrorBody } from '../openapi/error-body.ts';
import { ANY_OPERATION_ERRORS, EPOCH_ERRORS, errorResponses, HEADERS } from '../openapi/responses.ts';
import { HealthResponse, ReadyResponse } from '../openapi/status-schemas.ts';

export function registerStatusRoutes(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      operationId: 'getHealth',
      summary: 'Health: an accepted epoch is served and latest.json is not refused',
      responses: {
        200: {
          description: 'Serving, nothing refused',
          headers: { 'Cache-Control': HEADERS.noStore },
          content: { 'application/json': { schema: HealthResponse } },
        },
        ...errorResponses(ANY_OPERATION_ERRORS),
        503: {
          description: `latest.json is refused while the last trusted epoch stays served (a Health body, \`status: refused\`, the reason in \`freshness\`), or no epoch can be served (an Error body: ${EPOCH_ERRORS.map((code) => `\`${code}\``).join(', ')})`,
          headers: { 'Cache-Control': HEADERS.noStore },
          content: { 'application/json': { schema: z.union([HealthResponse, ErrorBody]) } },
          'x-error-codes': [...EPOCH_ERRORS],
        },
      },
    }),
    async (c) => {
      const epoch = await services.epochs.current();
      c.get('audit').epoch = epoch.manifest.epoch;
      c.header('Cache-Control', 'no-store');
      const freshness = services.epochs.freshness;
      const refused = freshness.state !== 'ok';
      if (refused) c.get('audit').errorCode = 'EPOCH_REFUSED';
      const body = {
        status: refused ? ('refused' as const) : ('ok' as const),
        epoch: epoch.manifest.epoch,
        publishedAt: epoch.pointer?.publishedAt ?? null,
        expiresAt: epoch.pointer?.expiresAt ?? null,
        freshness,
        signing: signingChain(services, epoch),
      };
      return refused ? c.json(body, 503) : c.json(body, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/readyz',
      operationId: 'getReadiness',
      summary:
        'Readiness for a load balancer: no shard of the served epoch is known missing, nothing refused',
      responses: {
        200: {
          description: 'Ready',
          headers: { 'Cache-Control': HEADERS.noStore },
          content: { 'application/json': { schema: ReadyResponse } },
        },
        ...errorResponses(ANY_OPERATION_ERRORS),
        503: {
          description: `Not ready: a shard is missing or of the wrong size, or latest.json is refused (a Ready body, \`status\` unready or refused), or no epoch verified (an Error body: ${EPOCH_ERRORS.map((code) => `\`${code}\``).join(', ')})`,
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
      const freshness = services.epochs.freshness;
      const refused = freshness.state !== 'ok';
      const status = refused
        ? ('refused' as const)
        : readiness.ready
          ? ('ready' as const)
          : ('unready' as const);
      const body = {
        status,
        epoch: readiness.epoch,
        shards: readiness.shards,
        verified: readiness.verified,
        pending: readiness.pending,
        problems: readiness.problems,
        freshness,
      };
      if (status !== 'ready') c.get('audit').errorCode = refused ? 'EPOCH_REFUSED' : 'NOT_READY';
      return status === 'ready' ? c.json(body, 200) : c.json(body, 503);
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
