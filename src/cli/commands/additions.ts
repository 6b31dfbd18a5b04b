/**
 * `quietlist additions add NUMBER… --to URL --list NAME [--ttl 60d]`: a list owner records objections
 * (docs/CLIENT.md, "Posting objections"). Every subscriber path answers them "listed" from its next
 * refresh; the numbers of an oprf list never reach the server (only their blinded evaluations do).
 */
import { defineCommand } from 'citty';
import { listCacheDirectory } from '../../client/additions/list-cache.ts';
import { postAdditions } from '../../client/additions/post-additions.ts';
import { QuietlistError } from '../../core/errors.ts';
import { assertListName, DEFAULT_LIST } from '../../core/lists/list-name.ts';
import { apiKeyArgs, apiKeyFromArgs } from '../api-key-args.ts';
import { runGuarded } from '../exit-codes.ts';
import { cacheArgs, warn } from './pull.ts';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };
/** The API's bound (MAX_TTL_SECONDS): 100 years. */
const MAX_TTL_SECONDS = 100 * 366 * 86_400;

/** `60d`, `12h`, `90m`, `3600s` or a number of seconds. */
export function parseTtl(text: string): number {
  const match = /^([0-9]{1,12})([smhd]?)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's']! : Number.NaN;
  if (!(seconds >= 1 && seconds <= MAX_TTL_SECONDS)) {
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      '--ttl is a duration such as 60d, 12h, 90m or 3600 (seconds), at most 100 years',
    );
  }
  return seconds;
}

const addCommand = defineCommand({
  meta: {
    name: 'add',
    description: "Record objections in a live list (its owner's key): listed within a minute",
  },
  args: {
    numbers: {
      type: 'positional',
      description: 'Phone numbers, in any spelling',
      required: true,
      variadic: true, // strict-args.ts: every positional is a number
    },
    to: { type: 'string', valueHint: 'url', description: "The worker's URL (required)" },
    list: {
      type: 'string',
      description: `The live list to add to (default ${DEFAULT_LIST}); pull it first (pull --list NAME)`,
      default: DEFAULT_LIST,
    },
    ttl: {
      type: 'string',
      description: 'Each entry stops listing its number after this long (a refusal: 60d). Default: never',
    },
    cache: cacheArgs.cache,
    ...apiKeyArgs,
    json: { type: 'boolean', description: 'Print the result as JSON' },
  },
  run: ({ args }) =>
    runGuarded(async () => {
      const numbers = args._.length > 0 ? args._ : [args.numbers];
      if (args.to === undefined) throw new QuietlistError('INVALID_ARGUMENT', "--to: give the worker's URL");
      const list = assertListName(args.list, '--list');
      const apiKey = await apiKeyFromArgs(args);
      if (!apiKey) {
        throw new QuietlistError(
          'INVALID_CONFIG',
          "additions add needs the list owner's API key: $QUIETLIST_API_KEY or --api-key-file FILE",
        );
      }
      const posted = await postAdditions(numbers, {
        url: args.to,
        apiKey,
        list,
        cacheDirectory: listCacheDirectory(args.cache, list),
        ...(args.ttl === undefined ? {} : { ttlSeconds: parseTtl(args.ttl) }),
        hooks: {
          onRetry: ({ what, delayMs, reason }) =>
            warn(`${what}: ${reason}, retrying in ${Math.ceil(delayMs / 1000)} s`),
        },
      });
      if (args.json) {
        process.stdout.write(`${JSON.stringify(posted, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `added ${posted.sequences.length} entr${posted.sequences.length === 1 ? 'y' : 'ies'} to list ${list} ` +
          `(#${posted.sequences[0]}–#${posted.through}, epoch ${posted.epoch}, published ${posted.publishedAt})` +
          (posted.sent === 'digests' ? ': only blinded evaluations and digests left this machine\n' : '\n'),
      );
    }),
});

export const additionsCommand = defineCommand({
  meta: { name: 'additions', description: "A live list's additions: objections recorded between builds" },
  subCommands: { add: addCommand },
});
