/**
 * Downloads: the signed latest.json the server accepted and the latest signed manifest (short cache,
 * revalidated by ETag), every file of a published epoch, shards and their deltas (immutable: ETag,
 * 304, Range), and the key retirement records (docs/FORMAT.md §6.3). Each route exists for the
 * default list (`/v1/…`, anonymous unless the config turns public downloads off) and for every list
 * (`/v1/lists/{list}/…`, a key entitled to the list: api/lists/list-access.ts).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../../core/encoding/bytes.ts';
import { keyRetirementKey } from '../../core/epoch/key-retirement.ts';
import { epochPrefix, manifestKey } from '../../core/epoch/pointer.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { ApiError } from '../errors/api-error.ts';
import { fileResponse, quoteEtag } from '../http/ranges.ts';
import { listAccess } from '../lists/list-access.ts';
import type { ListContext } from '../lists/list-registry.ts';
import { LIST_ROUTES, listParams } from '../lists/list-routes.ts';
import {
  EpochIdParam,
  FileNameParam,
  KeyFingerprintParam,
  KeyRetirementBody,
  SignedManifestBody,
  SignedPointerBody,
} from '../openapi/download-schemas.ts';
import {
  ANY_OPERATION_ERRORS,
  AUTH_ERRORS,
  EPOCH_ERRORS,
  errorResponses,
  HEADERS,
  notModifiedResponse,
} from '../openapi/responses.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const security: Record<string, string[]>[] = [{ bearer: [] }, {}];

/** Conditional and partial GETs (api/http/ranges.ts), as request headers every download accepts. */
export const conditionalHeaders = [
  ['If-None-Match', 'An ETag from an earlier answer: 304 when it still matches'],
  [
    'Range',
    'One byte range, `bytes=first-last`, `bytes=first-` or `bytes=-suffix`: 206 (several ranges: the whole file)',
  ],
  ['If-Range', 'An ETag: the Range applies only if the file still has it'],
].map(([name, description]) => ({
  name: name!,
  in: 'header' as const,
  required: false,
  description,
  schema: { type: 'string' as const },
}));

const fileHeaders = {
  ETag: HEADERS.etag,
  'Cache-Control': HEADERS.cacheControl,
  'Accept-Ranges': HEADERS.acceptRanges,
  'X-Quietlist-Epoch': HEADERS.epoch,
};

/** 200, 206 and 304 of a download whose body is `content`. */
export function fileResponses(content: object) {
  return {
    200: { description: 'The whole file', headers: fileHeaders, content },
    206: {
      description: 'The byte range asked for',
      headers: { ...fileHeaders, 'Content-Range': HEADERS.contentRange },
      content,
    },
    ...notModifiedResponse(),
  };
}

/** What a download of the served epoch (latest.json, its manifest) may fail with. */
const CURRENT_FILE_ERRORS = [
  ANY_OPERATION_ERRORS,
  AUTH_ERRORS,
  EPOCH_ERRORS,
  'RANGE_NOT_SATISFIABLE',
] as const;
/** What a download of a published epoch's file may fail with: also NOT_FOUND. */
const EPOCH_FILE_ERRORS = [
  ANY_OPERATION_ERRORS,
  AUTH_ERRORS,
  EPOCH_ERRORS,
  'NOT_FOUND',
  'RANGE_NOT_SATISFIABLE',
] as const;

const manifestContent = { 'application/json': { schema: SignedManifestBody } };
const binary = { schema: z.string().openapi({ format: 'binary' }) };
const fileContent = {
  'application/vnd.quietlist.filter': binary,
  'application/vnd.quietlist.delta': binary,
  'application/json': { schema: SignedManifestBody },
};

export function registerDownloadRoutes(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  const download = listAccess(services, 'download');
  const latestMaxAge = Math.max(1, Math.round(services.config.pointerTtlMs / 1000));
  /** latest.json or the latest manifest: JSON cached briefly (they change with the next build), revalidated. */
  const currentFile = (request: Request, body: Uint8Array, etag: string, epoch: string) =>
    fileResponse(request, {
      body,
      etag,
      contentType: 'application/json',
      cacheControl: `public, max-age=${latestMaxAge}, must-revalidate`,
      extraHeaders: { 'X-Quietlist-Epoch': epoch },
    });
  for (const { prefix, operation, list: listParam } of LIST_ROUTES) {
    app.openapi(
      createRoute({
        method: 'get',
        path: `${prefix}/latest`,
        operationId: operation('getLatestPointer'),
        summary: 'The signed latest.json this server accepted (epoch, manifest hash, expiry)',
        description:
          'Byte for byte as published (docs/FORMAT.md §7). A client verifies its signature with the key of the manifest it names and refuses it once `expiresAt` has passed. Revalidate with If-None-Match.',
        security,
        parameters: conditionalHeaders,
        middleware: [download] as const,
        request: { params: listParams(listParam) },
        responses: {
          ...fileResponses({ 'application/json': { schema: SignedPointerBody } }),
          ...errorResponses(...CURRENT_FILE_ERRORS),
        },
      }),
      async (c) => {
        const list = c.get('list')!;
        const epoch = await list.epochs.current();
        c.get('audit').epoch = epoch.manifest.epoch;
        if (!epoch.pointerBytes) {
          // Restored after a restart while latest.json is refused: no signed pointer to hand out.
          const code = list.epochs.freshness.refused?.code;
          throw new ApiError(
            code === 'ROLLBACK_REFUSED'
              ? 'STALE_EPOCH'
              : code === 'POINTER_EXPIRED'
                ? 'POINTER_EXPIRED'
                : 'INTEGRITY_FAILURE',
          );
        }
        const etag = `"${toHex(sha256(epoch.pointerBytes))}"`;
        return currentFile(c.req.raw, epoch.pointerBytes, etag, epoch.manifest.epoch) as never;
      },
    );

    app.openapi(
      createRoute({
        method: 'get',
        path: `${prefix}/key-retirements/{fingerprint}`,
        operationId: operation('getKeyRetirement'),
        summary: 'Whether a signing key was retired, and the handover epoch that proves it (immutable)',
        description:
          'The record `key-retirements/<fingerprint>.json` of the store (docs/FORMAT.md §6.3): 404 while the key is in force. A client pinned to an old key walks forward through these, verifying each against the manifests it names.',
        security,
        middleware: [download] as const,
        request: { params: listParams(listParam, { fingerprint: KeyFingerprintParam }) },
        responses: {
          200: {
            description: 'The key was retired',
            headers: { ETag: HEADERS.etag, 'Cache-Control': HEADERS.cacheControl },
            content: { 'application/json': { schema: KeyRetirementBody } },
          },
          ...errorResponses(ANY_OPERATION_ERRORS, AUTH_ERRORS, 'NOT_FOUND'),
        },
      }),
      async (c) => {
        const { fingerprint } = c.req.valid('param');
        const object = await c.get('list')!.store.get(keyRetirementKey(fingerprint));
        if (!object) throw new ApiError('NOT_FOUND', { message: 'this signing key has not been retired' });
        return fileResponse(c.req.raw, {
          body: object.body,
          etag: quoteEtag(object.etag),
          contentType: 'application/json',
          cacheControl: IMMUTABLE,
        }) as never;
      },
    );

    app.openapi(
      createRoute({
        method: 'get',
        path: `${prefix}/manifest`,
        operationId: operation('getLatestManifest'),
        summary: 'The latest signed manifest',
        description:
          "Byte for byte as published, once the server verified it. Revalidate with If-None-Match: the ETag is the manifest's SHA-256.",
        security,
        parameters: conditionalHeaders,
        middleware: [download] as const,
        request: { params: listParams(listParam) },
        responses: {
          ...fileResponses(manifestContent),
          ...errorResponses(...CURRENT_FILE_ERRORS),
        },
      }),
      async (c) => {
        const epoch = await c.get('list')!.epochs.current();
        c.get('audit').epoch = epoch.manifest.epoch;
        return currentFile(
          c.req.raw,
          epoch.manifestBytes,
          `"${epoch.manifestSha256}"`,
          epoch.manifest.epoch,
        ) as never;
      },
    );

    app.openapi(
      createRoute({
        method: 'get',
        path: `${prefix}/epochs/{id}/manifest`,
        operationId: operation('getEpochManifest'),
        summary: "An epoch's signed manifest (immutable; kept forever)",
        security,
        parameters: conditionalHeaders,
        middleware: [download] as const,
        request: { params: listParams(listParam, { id: EpochIdParam }) },
        responses: {
          ...fileResponses(manifestContent),
          ...errorResponses(...EPOCH_FILE_ERRORS),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        c.get('audit').epoch = id;
        return serveObject(c.req.raw, c.get('list')!, manifestKey(id), id, 'application/json') as never;
      },
    );

    app.openapi(
      createRoute({
        method: 'get',
        path: `${prefix}/epochs/{id}/{file}`,
        operationId: operation('getEpochFile'),
        summary:
          'A file of an epoch: a filter shard (.qlbf), a delta from the previous epoch (.qldelta) or manifest.json (immutable; ETag, Range)',
        security,
        parameters: conditionalHeaders,
        middleware: [download] as const,
        request: { params: listParams(listParam, { id: EpochIdParam, file: FileNameParam }) },
        responses: {
          ...fileResponses(fileContent),
          ...errorResponses(...EPOCH_FILE_ERRORS),
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
        return serveObject(c.req.raw, c.get('list')!, `${epochPrefix(id)}${file}`, id, type) as never;
      },
    );
  }
}

export async function serveObject(
  request: Request,
  list: ListContext,
  key: string,
  epoch: string,
  contentType: string,
  /** A partition's files are sold per key: no shared cache may hand them to anyone else. */
  cacheControl: string = IMMUTABLE,
): Promise<Response> {
  // Only published epochs: one that latest.json never named (a crashed build's) does not exist here.
  const current = await list.epochs.current();
  if (!(await list.published.includes(current, epoch))) {
    throw new ApiError('NOT_FOUND', { message: 'no such epoch or file' });
  }
  const object = await list.store.get(key);
  if (!object) throw new ApiError('NOT_FOUND', { message: 'no such epoch or file' });
  return fileResponse(request, {
    body: object.body,
    etag: quoteEtag(object.etag),
    contentType,
    cacheControl,
    extraHeaders: { 'X-Quietlist-Epoch': epoch },
  });
}
