/**
 * Live additions (docs/API.md, "Live additions"; docs/FORMAT.md §14), for the default list
 * (`/v1/additions`) and every list (`/v1/lists/{list}/additions`):
 * - POST, by a key that owns the list: numbers (open and secret lists: the server keys every reading,
 *   so it sees them) or digests (any list, the only way for an oprf list: the owner computed each
 *   reading's OPRF output through blinded evaluations, so the server never sees the number), with an
 *   optional expiry. Answered once the sequencer has published them in a signed batch.
 * - GET, by a key entitled to the list: the signed batches of an epoch from a number on, as stored;
 *   the client verifies each (the server is not trusted for them). Several per answer, capped.
 * Not metered: an addition reveals nothing of the list, and reading them tests no number.
 */
import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import { additionDigest } from '../../core/additions/addition-set.ts';
import { readingDigests } from '../../core/membership.ts';
import { REJECT_REASON_TEXT } from '../../core/phone/reject-reasons.ts';
import { storeAdditionsSource } from '../../storage/additions-source.ts';
import type { NewAddition } from '../additions/sequencer.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { ApiError } from '../errors/api-error.ts';
import { listAccess } from '../lists/list-access.ts';
import type { ListContext } from '../lists/list-registry.ts';
import { LIST_ROUTES, listParams } from '../lists/list-routes.ts';
import { jsonBodyDoc } from '../openapi/json-body.ts';
import {
  AdditionsBatches,
  AdditionsPosted,
  AdditionsQuery,
  AdditionsRequest,
} from '../openapi/list-schemas.ts';
import {
  ANY_OPERATION_ERRORS,
  AUTH_ERRORS,
  EPOCH_ERRORS,
  errorResponses,
  HEADERS,
  JSON_BODY_ERRORS,
} from '../openapi/responses.ts';
import { jsonBodyLimit } from './metered-post.ts';

/** The largest answer of GET …/additions (at least one batch, whatever its size). */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export function registerAdditionsRoutes(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  for (const place of LIST_ROUTES) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `${place.prefix}/additions`,
        operationId: place.operation('postAdditions'),
        summary: 'Add entries to a live list (its owner): listed by every subscriber path within a minute',
        description:
          'Numbers (open and secret lists; the server keys each reading) or digests (any list; the only way for an oprf list, whose server must never see a number). ' +
          'Answered once the entries are in a signed batch in the store: every reader refreshing its additions from then on answers them "listed".',
        security: [{ bearer: [] }],
        middleware: [
          listAccess(services, 'check', { owner: true, anyScope: true }),
          jsonBodyLimit(services),
        ] as const,
        request: {
          ...(place.list ? { params: listParams(true) } : {}),
          body: jsonBodyDoc(AdditionsRequest, services.config.maxBodyBytes),
        },
        responses: {
          200: {
            description: 'The entries, numbered and published',
            headers: { 'Cache-Control': HEADERS.noStore },
            content: { 'application/json': { schema: AdditionsPosted } },
          },
          ...errorResponses(
            ANY_OPERATION_ERRORS,
            AUTH_ERRORS,
            JSON_BODY_ERRORS,
            EPOCH_ERRORS,
            'LIST_NOT_LIVE',
            'ADDITIONS_DISABLED',
          ),
        },
      }),
      async (c) => {
        const list = c.get('list')!;
        const body = c.req.valid('json');
        const audit = c.get('audit');
        audit.numbers = (body.numbers ?? body.digests ?? []).length;
        const sequencer = services.additions;
        if (!sequencer || !services.config.additionsKey) throw new ApiError('ADDITIONS_DISABLED');
        const epoch = await list.epochs.current();
        audit.epoch = epoch.manifest.epoch;
        if (!epoch.manifest.additions) throw new ApiError('LIST_NOT_LIVE');
        const expiresAt = body.ttlSeconds === undefined ? null : services.now() + body.ttlSeconds * 1000;
        const entries: NewAddition[] = body.digests
          ? body.digests.map((digests) => ({ digests: [...new Set(digests)], expiresAt }))
          : keyed(list, epoch, body.numbers!, expiresAt);
        const added = await sequencer.add(
          { manifest: epoch.manifest, manifestSha256: epoch.manifestSha256 },
          entries,
        );
        c.header('Cache-Control', 'no-store');
        return c.json(added, 200);
      },
    );

    app.openapi(
      createRoute({
        method: 'get',
        path: `${place.prefix}/additions`,
        operationId: place.operation('getAdditions'),
        summary: "A live list's signed additions batches, from a number on",
        description:
          "The batches of the current epoch's chain (or of an earlier published epoch, for the tail a client reads until the current chain starts), as stored. Verify each (docs/FORMAT.md §14.4): the server is not trusted for them.",
        security: [{ bearer: [] }, {}],
        middleware: [listAccess(services, 'download')] as const,
        request: { ...(place.list ? { params: listParams(true) } : {}), query: AdditionsQuery },
        responses: {
          200: {
            description: 'The batches, and whether more follow',
            headers: { 'Cache-Control': HEADERS.noStore },
            content: { 'application/json': { schema: AdditionsBatches } },
          },
          ...errorResponses(ANY_OPERATION_ERRORS, AUTH_ERRORS, EPOCH_ERRORS, 'LIST_NOT_LIVE', 'NOT_FOUND'),
        },
      }),
      async (c) => {
        const list = c.get('list')!;
        // The route's request type is widened by the optional params above; the schema validated it.
        const query = (c.req.valid as (target: 'query') => z.infer<typeof AdditionsQuery>)('query');
        const current = await list.epochs.current();
        c.get('audit').epoch = current.manifest.epoch;
        const epochId = query.epoch ?? current.manifest.epoch;
        if (!(await list.published.includes(current, epochId))) {
          throw new ApiError('NOT_FOUND', { message: 'no such published epoch' });
        }
        const manifest = epochId === current.manifest.epoch ? current.manifest : null;
        if (manifest && !manifest.additions) throw new ApiError('LIST_NOT_LIVE');
        const from = query.from ?? (manifest?.additions?.sequence ?? 0) + 1;
        const { batches, complete } = await readBatches(list, current, epochId, from);
        c.header('Cache-Control', 'no-store');
        return c.json({ list: list.name, epoch: epochId, batches, complete }, 200);
      },
    );
  }
}

/** The digests of each number's readings; a number that has none is refused, by its position only. */
function keyed(
  list: ListContext,
  epoch: Awaited<ReturnType<ListContext['epochs']['current']>>,
  numbers: string[],
  expiresAt: number | null,
): NewAddition[] {
  const { membership, manifest } = epoch;
  if (!membership) {
    throw new ApiError('INVALID_REQUEST', {
      message: `list ${list.name} is in ${manifest.mode} mode: post the digests of each reading (quietlist additions add computes them through blinded evaluations), never the numbers`,
    });
  }
  return numbers.map((raw, i) => {
    const key = readingDigests(membership, raw);
    if (typeof key === 'string') {
      throw new ApiError('INVALID_REQUEST', {
        message: `numbers[${i}] is not a phone number of this list's plan: ${REJECT_REASON_TEXT[key]}`,
      });
    }
    return { digests: [...new Set(key.map(additionDigest))], expiresAt };
  });
}

/** Batches from `from` on, up to the answer's size: the current chain from memory, any other from the store. */
async function readBatches(
  list: ListContext,
  current: Awaited<ReturnType<ListContext['epochs']['current']>>,
  epochId: string,
  from: number,
): Promise<{ batches: unknown[]; complete: boolean }> {
  const held =
    epochId === current.manifest.epoch
      ? await list.additions.of({ manifest: current.manifest, manifestSha256: current.manifestSha256 })
      : null;
  const known = held
    ? held.chain.batches.length > 0 || held.chain.tail === null
      ? held.chain.batches
      : []
    : null;
  let raw: Uint8Array[];
  let complete: boolean;
  if (known) {
    const start = known.findIndex((batch) => batch.additions.first === from);
    raw = start < 0 ? [] : known.slice(start).map((batch) => batch.bytes);
    complete = true;
  } else {
    ({ batches: raw, complete } = await storeAdditionsSource(list.store).batchesFrom(epochId, from));
  }
  const batches: unknown[] = [];
  let bytes = 0;
  for (const batch of raw) {
    if (batches.length > 0 && bytes + batch.length > MAX_ANSWER_BYTES) return { batches, complete: false };
    batches.push(JSON.parse(new TextDecoder().decode(batch)));
    bytes += batch.length;
  }
  return { batches, complete };
}
