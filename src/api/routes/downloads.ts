/**
 * Downloads: the latest signed manifest (short cache, revalidated by ETag), and every file of a
 * published epoch, shards and their deltas (immutable: ETag, 304, Range). Anonymous unless the config turns public downloads off.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { epochPrefix, manifestKey } from '../../core/epoch-pointer.ts';
import { ApiError } from '../api-error.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { requireScope } from '../auth.ts';
import { fileResponse, quoteEtag } from '../http-ranges.ts';
import { EpochIdParam, errorResponses, FileNameParam, SignedManifestBody } from '../schemas.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const security: Record<string, string[]>[] = [{ bearer: [] }, {}];

export function registerDownloadRoutes(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  const download = requireScope(services.auth, 'download', { anonymous: services.config.publicDownloads });
  const latestMaxAge = Math.max(1, Math.round(services.config.pointerTtlMs / 1000));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/manifest',
      summary: 'The latest signed manifest',
      security,
      middleware: [download] as const,
      responses: {
        200: {
          description: 'Signed manifest',
          content: { 'application/json': { schema: SignedManifestBody } },
        },
        ...errorResponses(304, 401, 403, 429, 503),
      },
    }),
    async (c) => {
      const epoch = await services.epochs.current();
      c.get('audit').epoch = epoch.manifest.epoch;
      return fileResponse(c.req.raw, {
        body: epoch.manifestBytes,
        etag: `"${epoch.manifestSha256}"`,
        contentType: 'application/json',
        cacheControl: `public, max-age=${latestMaxAge}, must-revalidate`,
        extraHeaders: { 'X-Quietlist-Epoch': epoch.manifest.epoch },
      }) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/epochs/{id}/manifest',
      summary: "An epoch's signed manifest (immutable)",
      security,
      middleware: [download] as const,
      request: { params: z.object({ id: EpochIdParam }) },
      responses: {
        200: {
          description: 'Signed manifest',
          content: { 'application/json': { schema: SignedManifestBody } },
        },
        ...errorResponses(304, 400, 401, 403, 404, 429, 503),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      c.get('audit').epoch = id;
      return serveObject(c.req.raw, services, manifestKey(id), id, 'application/json') as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/epochs/{id}/{file}',
      summary:
        'A file of an epoch: a filter shard (.qlbf), a delta from the previous epoch (.qldelta) or manifest.json (immutable; ETag, Range)',
      security,
      middleware: [download] as const,
      request: { params: z.object({ id: EpochIdParam, file: FileNameParam }) },
      responses: {
        200: {
          description: 'The file',
          content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        206: {
          description: 'Part of the file',
          content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...errorResponses(304, 400, 401, 403, 404, 416, 429, 503),
      },
    }),
    async (c) => {
      const { id, file } = c.req.valid('param');
      c.get('audit').epoch = id;
      const type = file.endsWith('.json')
        ? 'application/json'
        : file.endsWith('.qldelta')
          ? 'application/vnd.quietlist.delta'
          : 'application/vnd.quietlist.filter';
      return serveObject(c.req.raw, services, `${epochPrefix(id)}${file}`, id, type) as never;
    },
  );
}

async function serveObject(
  request: Request,
  services: AppServices,
  key: string,
  epoch: string,
  contentType: string,
): Promise<Response> {
  // Only published epochs: one that latest.json never named (a crashed build's) does not exist here.
  const current = await services.epochs.current();
  if (!(await services.published.includes(current, epoch))) {
    throw new ApiError('NOT_FOUND', { message: 'no such epoch or file' });
  }
  const object = await services.store.get(key);
  if (!object) throw new ApiError('NOT_FOUND', { message: 'no such epoch or file' });
  return fileResponse(request, {
    body: object.body,
    etag: quoteEtag(object.etag),
    contentType,
    cacheControl: IMMUTABLE,
    extraHeaders: { 'X-Quietlist-Epoch': epoch },
  });
}
