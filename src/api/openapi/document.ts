/**
 * GET /openapi.json: the OpenAPI 3.1 document generated from the route schemas (routes/*.ts,
 * schemas.ts, responses.ts), built once per app and served with `servers` set to the
 * configured public URL (PUBLIC_URL, `serve --public-url`) or else the origin the request came to, so
 * a client generated from it calls the server it was read from.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import type { ApiConfig } from '../config.ts';

const DESCRIPTION = `Signed do-not-call filters and batch membership checks (docs/API.md).

Errors are \`{ "error": { "code", "message" } }\` with \`Cache-Control: no-store\`; \`code\` is one of the \`Error\` schema's enum, and each response lists the codes it can carry in \`x-error-codes\`. A known path asked with another method answers 405 \`METHOD_NOT_ALLOWED\` with \`Allow\`; an unknown path 404 \`NOT_FOUND\`. On Node, a dot segment in the raw path (\`%2e%2e\`) answers 400 \`INVALID_PATH\` on any path. HEAD works wherever GET does.`;

type Document = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;

export function registerOpenApiDocument(app: OpenAPIHono<AppEnv>, config: ApiConfig): void {
  let document: Document | undefined;
  app.get('/openapi.json', (c) => {
    // Generated on first use, once every route is registered.
    document ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'quietlist API', version: '1', description: DESCRIPTION },
    });
    const url = config.publicUrl ?? new URL(c.req.url).origin;
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ ...document, servers: [{ url }] });
  });
}
