/**
 * The two places each per-list route lives: `/v1/…` answers for the default list (as before lists
 * existed), `/v1/lists/{list}/…` for any list, the default one included. Routes register once per
 * place; the OpenAPI document names the second with a `ForList` suffix.
 */
import { z } from '@hono/zod-openapi';
import { LIST_NAME_PATTERN } from '../../core/lists/list-name.ts';

export const ListNameParam = z
  .string()
  .regex(LIST_NAME_PATTERN)
  .openapi({
    param: { name: 'list', in: 'path' },
    example: 'acme',
    description: 'A list name: `default` (the register at the root) or another list of this deployment',
  });

export interface ListRoutePlace {
  /** The path prefix the route's own path follows. */
  prefix: '/v1' | '/v1/lists/{list}';
  /** Its operationId in this place. */
  operation: (base: string) => string;
  /** Whether the path carries `{list}`. */
  list: boolean;
}

export const LIST_ROUTES: readonly ListRoutePlace[] = [
  { prefix: '/v1', operation: (base) => base, list: false },
  { prefix: '/v1/lists/{list}', operation: (base) => `${base}ForList`, list: true },
];

/** The route's path parameters, with `list` where the path carries it. */
export function listParams<T extends z.ZodRawShape>(withList: boolean, shape: T = {} as T) {
  return withList ? z.object({ list: ListNameParam, ...shape }) : z.object(shape);
}
