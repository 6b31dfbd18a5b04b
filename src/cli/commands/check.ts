/**
 * `quietlist check NUMBER...`: listed / not listed / invalid for each number. Three places to ask:
 *   default     the epoch pulled into the local cache (nothing leaves the machine)
 *   --store     the latest epoch of a store (operators)
 *   --online    the worker's POST /v1/check (secret-mode epochs; the numbers are sent)
 * Each takes `--list a,b`: every list named answers each number (the cache and a store in
 * check-lists.ts, the worker in one request per batch: POST /v1/check with `lists`).
 */
import { defineCommand } from 'citty';
import { describeAdditions } from '../../client/additions/held-additions.ts';
import { parseListsArg } from '../../client/additions/list-cache.ts';
import { checkOnline } from '../../client/online/online-check.ts';
import type { AdditionsStatus } from '../../core/additions/additions-chain.ts';
import { QuietlistError } from '../../core/errors.ts';
import { combineListResults } from '../../core/lists/combined-answer.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import type { CheckResult } from '../../core/membership.ts';
import { describeScope, type ScopeQuery } from '../../core/scopes/scope-labels.ts';
import { apiKeyArgs, apiKeyFromArgs } from '../api-key-args.ts';
import { EXIT, runGuarded } from '../exit-codes.ts';
import { scopeArgs } from '../scope-args.ts';
import { storeArgs, storeFromArgs } from '../store-args.ts';
import { answerLists, type ListAnswer, openCachedLists, openStoreLists } from './check-lists.ts';
import { cacheArgs, listArgs, warn } from './pull.ts';

interface Answer {
  epoch: string;
  falsePositiveRate: number | undefined;
  results: ListedResult[];
  /** Each list checked (with --list, or from the cache or a store), its epoch, live additions and scope. */
  lists?: {
    list: string;
    epoch: string;
    additions: AdditionsStatus | null;
    scope?: ScopeQuery;
    partitions?: readonly string[];
  }[];
  /** Scoped epochs: the channel and sector the answers are for. */
  scope?: ScopeQuery;
  /** Partitioned epochs checked from the cache: the partitions held (others answer NOT_ENTITLED). */
  partitions?: readonly string[];
}

/** A result, with the lists that hold the number when several were checked. */
type ListedResult = CheckResult & { lists?: string[] };

export const checkCommand = defineCommand({
  meta: {
    name: 'check',
    description:
      'Check numbers against the pulled filter (default), a store (--store) or the worker (--online)',
  },
  args: {
    numbers: {
      type: 'positional',
      description: 'Phone numbers, in any spelling',
      required: true,
      variadic: true, // strict-args.ts: every positional is a number
    },
    ...cacheArgs,
    ...listArgs,
    ...storeArgs,
    store: {
      ...storeArgs.store,
      default: undefined,
      description: `${storeArgs.store.description}; operators`,
    },
    online: {
      type: 'string',
      valueHint: 'url',
      description: "The worker's URL: send the numbers to its /v1/check",
    },
    worker: {
      type: 'string',
      valueHint: 'url',
      description:
        "oprf-mode epochs: the worker's URL, which evaluates each number blinded (it never sees them)",
    },
    ...scopeArgs,
    ...apiKeyArgs,
    'oprf-key': {
      type: 'string',
      description: 'OPRF key file, for operators checking an oprf-mode store (the default list)',
    },
    'list-seed': {
      type: 'string',
      description:
        'With --list: the list seed file the keys of secret-mode lists other than default derive from (operators; default: list-seed.key in --keys, or $QUIETLIST_LIST_SEED)',
    },
    keys: {
      type: 'string',
      description: 'Directory of keygen files (public key; hash key for secret mode)',
      default: '.quietlist/keys',
    },
    'public-key': { type: 'string', description: "The operator's public key (base64) or a file holding it" },
    'hash-key': { type: 'string', description: 'Hash key file, for epochs built in secret mode' },
    json: { type: 'boolean', description: 'Print JSON' },
  },
  run: ({ args }) =>
    runGuarded(async () => {
      const numbers = args._.length > 0 ? args._ : [args.numbers];
      if (numbers.length === 0) throw new QuietlistError('INVALID_ARGUMENT', 'give at least one number');
      if (args.online !== undefined && args.store !== undefined) {
        throw new QuietlistError('INVALID_ARGUMENT', 'give --online or --store, not both');
      }
      const lists = parseListsArg(args.list);
      const answer =
        args.online !== undefined
          ? await checkWorker(numbers, args.online, await apiKeyFromArgs(args), {
              ...args,
              // Without --list, the request names no list: the worker's default, as before lists existed.
              ...(args.list !== undefined ? { lists } : {}),
            })
          : oneAnswer(
              await answerLists(
                args.store !== undefined
                  ? await openStoreLists(storeFromArgs({ ...args, store: args.store }), numbers, lists, args)
                  : await openCachedLists(numbers, lists, args),
                args,
              ),
            );
      print(numbers, answer, args.json ?? false);
      return answer.results.some((result) => result.status === 'invalid') ? EXIT.data : EXIT.ok;
    }),
});

async function checkWorker(
  numbers: string[],
  url: string,
  key: string | undefined,
  args: { channel?: string; sector?: string; lists?: string[] },
): Promise<Answer> {
  if (!key)
    throw new QuietlistError(
      'INVALID_CONFIG',
      '--online needs an API key: $QUIETLIST_API_KEY or --api-key-file FILE',
    );
  // The worker knows the epoch's channels and sectors: it checks the codes (400 INVALID_SCOPE).
  const scope =
    args.channel !== undefined || args.sector !== undefined
      ? { channel: args.channel ?? null, sector: args.sector ?? null }
      : undefined;
  const report = await checkOnline(numbers, {
    url,
    apiKey: key,
    ...(scope ? { scope } : {}),
    ...(args.lists ? { lists: args.lists } : {}),
    hooks: {
      onRetry: ({ what, delayMs, reason }) =>
        warn(`${what}: ${reason}, retrying in ${Math.ceil(delayMs / 1000)} s`),
    },
  });
  if (report.epochs.length > 1)
    warn(`the worker moved to a new epoch during the check: ${report.epochs.join(', ')}`);
  return {
    epoch: report.epochs.at(-1) ?? '',
    falsePositiveRate: report.falsePositiveRate,
    results: report.results,
    ...(report.scope ? { scope: report.scope } : {}),
    ...(report.lists
      ? {
          lists: report.lists.map(({ list, epoch, additions, scope }) => ({
            list,
            epoch,
            additions,
            ...(scope ? { scope } : {}),
          })),
        }
      : {}),
  };
}

/** One list's answer as it is; several lists' as one result per number, naming the lists that hold it. */
function oneAnswer(answers: ListAnswer[]): Answer {
  const lists = answers.map(({ list, epoch, additions, scope, partitions }) => ({
    list,
    epoch,
    additions,
    ...(scope ? { scope } : {}),
    ...(partitions ? { partitions } : {}),
  }));
  if (answers.length === 1) {
    const [only] = answers as [ListAnswer];
    return {
      epoch: only.epoch,
      falsePositiveRate: only.falsePositiveRate,
      results: only.results,
      lists,
      ...(only.scope ? { scope: only.scope } : {}),
      ...(only.partitions ? { partitions: only.partitions } : {}),
    };
  }
  // Listed when any list holds the number (naming the lists that do); else why one could not answer it.
  const results = combineListResults(answers).map(({ lists: holding, ...result }) =>
    result.status === 'listed' ? { ...result, lists: holding } : result,
  );
  return {
    epoch: answers.map((answer) => answer.epoch).join(', '),
    falsePositiveRate: answers.reduce((sum, answer) => sum + answer.falsePositiveRate, 0),
    results,
    lists,
  };
}

function print(numbers: string[], answer: Answer, json: boolean): void {
  if (json) {
    const output = {
      epoch: answer.epoch,
      falsePositiveRate: answer.falsePositiveRate,
      ...(answer.scope ? { scope: answer.scope } : {}),
      ...(answer.partitions ? { partitions: answer.partitions } : {}),
      results: answer.results.map((result, i) => ({ input: i, ...result })),
      ...(answer.lists && !isDefaultOnly(answer) ? { lists: answer.lists } : {}),
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return;
  }
  // Echoing the caller's own numbers back to the caller's terminal is the point of this command.
  answer.results.forEach((result, i) => {
    const verdict =
      result.status === 'invalid'
        ? `invalid (${result.message})`
        : result.status === 'listed'
          ? `LISTED: do not call${result.lists ? ` (${result.lists.join(', ')})` : ''}`
          : 'not listed';
    process.stdout.write(`${numbers[i]}\t${verdict}\n`);
  });
  if (answer.lists && !isDefaultOnly(answer)) {
    for (const list of answer.lists) {
      const scope = list.scope ? `checked for ${describeScope(list.scope)}, ` : '';
      const held = list.partitions ? `partitions held ${list.partitions.join(' ')}, ` : '';
      process.stdout.write(
        `list ${list.list}: epoch ${list.epoch}, ${scope}${held}${describeAdditions(list.additions)}\n`,
      );
    }
    return;
  }
  process.stdout.write(
    `epoch ${answer.epoch}, false-positive rate ${answer.falsePositiveRate ?? 'unknown'}` +
      `${answer.scope ? `, checked for ${describeScope(answer.scope)}` : ''}` +
      `${answer.partitions ? `, partitions held ${answer.partitions.join(' ')}` : ''}\n`,
  );
  const additions = answer.lists?.[0]?.additions;
  if (additions) process.stdout.write(`${describeAdditions(additions)}\n`);
}

/** The root list alone, not live: the output stays what it was before lists existed. */
function isDefaultOnly(answer: Answer): boolean {
  return answer.lists?.length === 1 && answer.lists[0]!.list === DEFAULT_LIST && !answer.lists[0]!.additions;
}
