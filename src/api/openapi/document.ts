/**
 * GET /openapi.json: the OpenAPI 3.1 document generated from the route schemas (routes/*.ts,
 * *-schemas.ts, responses.ts), built once per app. `servers` is the configured public URL (PUBLIC_URL,
 * `serve --public-url`), else "/": relative to where the document was read (OpenAPI 3.1 §4.8.5), so a
 * client generated from it calls the server it was read from. Never the request's Host: the answer is
 * cached publicly, and a Host header chosen by one client would be served to the next (cache
 * poisoning). The same bytes for every request, so a shared cache needs no Vary.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import type { ApiConfig } from '../config.ts';

const DESCRIPTION = `Signed do-not-call filters and batch membership checks (docs/API.md).

Errors are \`{ "error": { "code", "message" } }\` with \`Cache-Control: no-store\`; \`code\` is one of the \`Error\` schema's enum, and each response lists the codes it can carry in \`x-error-codes\`. A known path asked with another method answers 405 \`METHOD_NOT_ALLOWED\` with \`Allow\`; an unknown path 404 \`NOT_FOUND\`. On Node, a dot segment in the raw path (\`%2e%2e\`) answers 400 \`INVALID_PATH\` on any path. A path or query holding what looks like a phone number (6 digits or more, separators allowed, outside epoch ids, ISO dates and hex hashes) answers 400 \`NUMBER_IN_URL\` on any path: numbers go in POST bodies only. HEAD works wherever GET does.`;

type Document = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;

export function registerOpenApiDocument(app: OpenAPIHono<AppEnv>, config: ApiConfig): void {
  let document: Document | undefined;
  app.get('/openapi.json', (c) => {
    // Generated on first use, once every route is registered.
    document ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'quietlist API', version: '1', description: DESCRIPTION },
    });
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ ...document, servers: [{ url: config.publicUrl ?? '/' }] });
  });
}
