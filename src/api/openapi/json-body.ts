/**
 * The request body of a JSON POST as /openapi.json describes it: required, application/json, the
 * schema (strict: unknown members refused), and the byte limit the server enforces (MAX_BODY_KB,
 * api/routes/metered-post.ts), which JSON Schema cannot express: in the description and `x-max-body-bytes`.
 */
import type { z } from '@hono/zod-openapi';

export function jsonBodyDoc<T extends z.ZodType>(schema: T, maxBodyBytes: number) {
  return {
    required: true,
    description: `At most ${maxBodyBytes} bytes (MAX_BODY_KB): a larger body is refused with 413 PAYLOAD_TOO_LARGE. Unknown members are refused with 400 INVALID_REQUEST.`,
    'x-max-body-bytes': maxBodyBytes,
    content: { 'application/json': { schema } },
  };
}
