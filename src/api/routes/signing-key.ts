/**
 * GET /v1/signing-key: the operator's signing public key as this server trusts it (the configured key,
 * or the successor the served epoch is signed by), with its fingerprint. The status page shows the same
 * two values. A client that was given only the fingerprint (`pull --public-key <fingerprint>`) fetches
 * the key here and pins it only if the fingerprint it computes itself matches: the answer needs no trust.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { fromBase64, toBase64 } from '../../core/encoding/base64.ts';
import { publicKeyFingerprint } from '../../core/epoch/signing.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { ANY_OPERATION_ERRORS, errorResponses, HEADERS } from '../openapi/responses.ts';
import { SigningKeyResponse } from '../openapi/signing-key-schemas.ts';

export function registerSigningKeyRoute(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/signing-key',
      operationId: 'getSigningKey',
      summary: "The operator's Ed25519 signing public key and its fingerprint (as on the status page)",
      description:
        'Compare `fingerprint` with one obtained independently (the operator, the status page), or let ' +
        '`quietlist pull --public-key <fingerprint>` do it: the key is pinned only if its SHA-256 fingerprint matches.',
      responses: {
        200: {
          description: 'The key that signs the served epoch',
          headers: { 'Cache-Control': HEADERS.cacheControl },
          content: { 'application/json': { schema: SigningKeyResponse } },
        },
        ...errorResponses(ANY_OPERATION_ERRORS),
      },
    }),
    async (c) => {
      // Loading the current epoch follows a rotation; without one, the configured key (as the status page).
      const epoch = await services.epochs.current().catch(() => null);
      const key = services.epochs.signingKey;
      const next = epoch?.manifest.signing?.next;
      const nextKey = next === undefined ? null : fromBase64(next, 'signing.next');
      c.header('Cache-Control', epoch ? 'public, max-age=60' : 'no-store');
      return c.json(
        {
          fingerprint: publicKeyFingerprint(key),
          publicKey: toBase64(key),
          next: nextKey ? { fingerprint: publicKeyFingerprint(nextKey), publicKey: toBase64(nextKey) } : null,
        },
        200,
      );
    },
  );
}
