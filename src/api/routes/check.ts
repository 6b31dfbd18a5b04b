/**
 * POST /v1/check (and /v1/lists/{list}/check): up to 1,000 numbers answered by one epoch through the
 * shared membership path (core/membership.ts: the builder's normalisation and region, the epoch's key),
 * each shard's digests (every reading of every value that falls in it) looked up together in that
 * epoch's verified shards (api/shards: in memory, or shard-resident Durable Objects), with a live
 * list's unexpired additions on top of the filter (api/additions/additions-view.ts). With `lists`,
 * every number is answered by each list named (one epoch each, each through its own shard lookup) in
 * one request, and the result says which lists list it. Results are in input order and never repeat
 * the number. Metered like every such route (metered-post.ts): one item per number and list, invalid
 * ones included. A scoped epoch answers for the body's `scope` (docs/FORMAT.md §1.3; default any
 * channel and sector: the scope digests are what is looked up); among several lists, the scope applies
 * to those that declare it and an unscoped list answers for every scope (core/scopes/list-scopes.ts);
 * a partitioned one looks up the shards of each number's partition by manifest position, on either
 * path, and answers NOT_ENTITLED for a number whose partition the key may not use in that list (§1.4),
 * never "not listed".
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { combineListResults } from '../../core/lists/combined-answer.ts';
import { checkNumbersByShard, membershipFor, withAdditions } from '../../core/membership.ts';
import { epochRules } from '../../core/registers/epoch-rules.ts';
import { scopesOfLists } from '../../core/scopes/list-scopes.ts';
import type { ScopeQuery } from '../../core/scopes/scope-labels.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import { entitledPartitions, type SubscriberRecord } from '../auth/subscribers.ts';
import type { LoadedEpoch } from '../epochs/epoch-cache.ts';
import { ApiError } from '../errors/api-error.ts';
import type { ListContext } from '../lists/list-registry.ts';
import { CheckRequest, CheckResponse } from '../openapi/check-schemas.ts';
import { registerMeteredPost } from './metered-post.ts';

export function registerCheckRoute(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  registerMeteredPost(app, services, {
    path: '/v1/check',
    operationId: 'checkNumbers',
    summary: 'Check up to 1,000 phone numbers against the current epoch (of one list, or of several)',
    description:
      '"listed" means the filter or an unexpired live addition holds the number (false-positive rate at most `falsePositiveRate`); ' +
      '"not_listed" is certain. A value with several readings (a "+" or a 0 lost) is listed if any reading is; ' +
      'one with no valid reading is "invalid" (NO_VALID_READING) unless listed. ' +
      'Each number counts against the daily and monthly quota once per list, invalid ones included.',
    request: CheckRequest,
    response: CheckResponse,
    responseDescription: 'One result per number',
    items: 'numbers',
    requestErrors: ['TOO_MANY_NUMBERS', 'INVALID_SCOPE'],
    epochErrors: [],
    count: ({ numbers, lists }) => numbers.length * (lists?.length ?? 1),
    lists: ({ lists }) => lists,
    prepare: async ({ numbers, lists, scope: asked }, epoch, list, context, audit) => {
      const subscriber = context.get('subscriber')!;
      // Shard bytes read from storage for this request, every list's together (the audit line's count).
      const read = { bytes: 0 };
      const finish = <T>(value: T): T => {
        audit.shardBytesRead = read.bytes;
        return value;
      };
      const chosen = lists
        ? await Promise.all(
            lists.map(async (name) => {
              const listContext = services.lists.get(name);
              return { list: listContext, epoch: await listContext.epochs.current() };
            }),
          )
        : [{ list, epoch }];
      for (const one of chosen) assertCheckable(one.list, one.epoch);
      const scopes = scopesAsked(chosen, asked);
      const answers = chosen.map((one, i) => ({
        name: one.list.name,
        answer: prepareList(one.list, one.epoch, read, subscriber, scopes[i]),
      }));
      if (!lists) {
        return async () => {
          const { results, ...checked } = await answers[0]!.answer(numbers);
          return finish({ ...checked, results });
        };
      }
      return async () => {
        const perList = [];
        for (const { name, answer } of answers) perList.push({ list: name, ...(await answer(numbers)) });
        const { results: _first, ...first } = perList[0]!;
        return finish({ ...first, results: combineListResults(perList), lists: perList });
      };
    },
  });
}

/** Epochs checked with a hash key: an oprf-mode one is checked through POST …/oprf/evaluate instead. */
function assertCheckable(list: ListContext, epoch: LoadedEpoch): void {
  if (epoch.membership) return;
  const { manifest } = epoch;
  throw new ApiError('UNSUPPORTED_MODE', {
    message: `list ${list.name}'s epoch ${manifest.epoch} is in ${manifest.mode} mode: checks go through POST …/oprf/evaluate and a local filter`,
  });
}

/**
 * The scope each list answers for (core/scopes/list-scopes.ts: a scoped list for the codes it declares,
 * an unscoped one for every scope), or 400 INVALID_SCOPE naming the list and the code it lacks.
 */
function scopesAsked(
  chosen: { list: ListContext; epoch: LoadedEpoch }[],
  asked: { channel?: string; sector?: string } | undefined,
): (ScopeQuery | undefined)[] {
  try {
    return scopesOfLists(
      chosen.map(({ list, epoch }) => {
        const rules = epochRules(epoch.manifest);
        return { list: list.name, scopes: rules.scopes, register: `${rules.name} (${rules.id})` };
      }),
      asked ?? {},
    );
  } catch (error) {
    throw new ApiError('INVALID_SCOPE', { message: (error as Error).message });
  }
}

/**
 * One list's answer to the request's numbers, once its epoch is known to be one this route serves: for
 * the scope it answers for (a scoped epoch) and the partitions the key may use in that list (a
 * partitioned one).
 */
function prepareList(
  list: ListContext,
  epoch: LoadedEpoch,
  read: { bytes: number },
  subscriber: SubscriberRecord,
  scope: ScopeQuery | undefined,
) {
  const { manifest } = epoch;
  const entitled = manifest.partitions ? entitledPartitions(subscriber, list.name) : 'all';
  const membership = membershipFor(epoch.membership!, {
    ...(scope ? { scope } : {}),
    ...(entitled === 'all' ? {} : { partitions: entitled }),
  });
  return async (numbers: string[]) => {
    const additions = await list.additions.of(epoch);
    const answering = additions ? withAdditions(membership, additions.set) : membership;
    const shards = list.shards.forRequest(epoch);
    const results = await checkNumbersByShard(answering, numbers, shards.lookup, {
      shardsInFlight: shards.inFlight,
    });
    read.bytes += shards.bytesRead;
    return {
      epoch: manifest.epoch,
      manifestSha256: epoch.manifestSha256,
      falsePositiveRate: manifest.filter.falsePositiveRate,
      ...(scope ? { scope } : {}),
      additions: additions
        ? {
            through: additions.status.through,
            publishedAt: additions.status.publishedAt,
            batchSha256: additions.status.batchSha256,
            entries: additions.status.entries,
          }
        : null,
      results,
    };
  };
}
