/**
 * GET /v1/lists: the lists this API key may use (docs/API.md, "Lists"), each with its current epoch,
 * mode, whether it takes live additions (and how far they go), and whether the key owns it. Any valid
 * key; a list it is not entitled to is never named, not even its existence.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { isListName } from '../../core/lists/list-name.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { requireScope } from '../auth/authenticate.ts';
import { listsOf } from '../lists/entitlements.ts';
import { ListsResponse } from '../openapi/list-schemas.ts';
import { ANY_OPERATION_ERRORS, AUTH_ERRORS, errorResponses, HEADERS } from '../openapi/responses.ts';

export function registerListsRoute(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/lists',
      operationId: 'getLists',
      summary: 'The lists this API key may use, with their current epoch and live additions',
      security: [{ bearer: [] }],
      middleware: [requireScope(services.auth, 'download', { anyScope: true })] as const,
      responses: {
        200: {
          description: 'The lists, by name',
          headers: { 'Cache-Control': HEADERS.noStore },
          content: { 'application/json': { schema: ListsResponse } },
        },
        ...errorResponses(
          ANY_OPERATION_ERRORS,
          AUTH_ERRORS.filter((code) => code !== 'FORBIDDEN'),
        ),
      },
    }),
    async (c) => {
      const rights = listsOf(c.get('subscriber')!);
      const lists = await Promise.all(
        Object.entries(rights)
          .filter(([name]) => isListName(name))
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(async ([name, right]) => {
            const list = services.lists.get(name);
            // A list not built yet, or unreadable now, is still named (null epoch): the key may use it.
            const epoch = await list.epochs.current().catch(() => null);
            const additions = epoch
              ? await list.additions
                  .of({ manifest: epoch.manifest, manifestSha256: epoch.manifestSha256 })
                  .catch(() => null)
              : null;
            return {
              name,
              owner: right.owner === true,
              epoch: epoch?.manifest.epoch ?? null,
              mode: epoch?.manifest.mode ?? null,
              live: epoch?.manifest.additions !== undefined && epoch !== null,
              additions: additions
                ? {
                    through: additions.status.through,
                    publishedAt: additions.status.publishedAt,
                    batchSha256: additions.status.batchSha256,
                    entries: additions.status.entries,
                  }
                : null,
            };
          }),
      );
      c.header('Cache-Control', 'no-store');
      return c.json({ lists }, 200);
    },
  );
}
