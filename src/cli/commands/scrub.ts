/**
 * `quietlist scrub`: clean a call list (CSV in any encoding and delimiter, .xlsx, .ods) against the
 * pulled filter, locally; a receipt for the records.
 */
import { createReadStream, fstatSync, rmSync, type Stats, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { defineCommand } from 'citty';
import { parseListsArg } from '../../client/additions/list-cache.ts';
import { replaceFileDurably } from '../../client/cache/durable-file.ts';
import type { EvaluationPlan } from '../../client/oprf/evaluation-budget.ts';
import type { ScrubMode } from '../../client/scrub/csv-scrub.ts';
import type { OutputTarget } from '../../client/scrub/output-file.ts';
import { scrub } from '../../client/scrub/scrub.ts';
import { loadPublicKey } from '../../config/key-material.ts';
import { QuietlistError } from '../../core/errors.ts';
import { isEncodingChoice, TEXT_ENCODINGS } from '../../core/text/encoding.ts';
import { apiKeyArgs, apiKeyFromArgs } from '../api-key-args.ts';
import { EXIT, runGuarded } from '../exit-codes.ts';
import { createProgress } from '../progress.ts';
import { scopeArgs } from '../scope-args.ts';
import { repeated } from '../strict-args.ts';
import { parseNumberArg } from './parse-number-arg.ts';
import { cacheArgs, listArgs, maxAgeDaysArg, warn } from './pull.ts';
import { partialJson, partialText, planText, summaryText } from './scrub-summary.ts';

export const scrubCommand = defineCommand({
  meta: {
    name: 'scrub',
    description: 'Remove (or flag) listed numbers from a call list (CSV, .xlsx, .ods), locally',
  },
  args: {
    input: {
      type: 'positional',
      description: 'The call list (CSV with a header row, .xlsx or .ods); - for stdin',
      required: true,
    },
    column: {
      type: 'string',
      repeatable: true, // strict-args.ts
      description:
        'A phone column: header name (accents and case ignored) or 1-based position; give it once per column to check several (default: every column whose header names a phone, as build finds them)',
    },
    out: { type: 'string', description: 'Where the clean list goes (- for stdout)', required: true },
    listed: { type: 'string', description: 'Also write the listed rows to this file' },
    rejects: {
      type: 'string',
      description: 'Write rows whose number is invalid to this file, with the reason',
    },
    unchecked: {
      type: 'string',
      description:
        "--worker: where rows go that today's quota leaves unchecked (default: beside --out, NAME.unchecked.EXT); scrub the same file again after the reset to finish",
    },
    mode: {
      type: 'enum',
      options: ['drop', 'flag'],
      default: 'drop',
      description: `drop: --out gets clean rows only; flag: --out gets every row plus a status column`,
    },
    region: { type: 'string', description: "Region for national-format numbers (default: the epoch's)" },
    ...scopeArgs,
    delimiter: {
      type: 'string',
      description: 'CSV field delimiter (default: sniffed from the header, like the builder)',
    },
    encoding: {
      type: 'string',
      description: `CSV text encoding: auto, ${TEXT_ENCODINGS.join(', ')} (default: auto; outputs keep the input's)`,
    },
    sheet: { type: 'string', description: '.xlsx / .ods: the sheet to scrub (default: the first)' },
    'excel-safe': {
      type: 'boolean',
      description:
        "Outputs to open in Excel: a ' before CSV cells that start with = + - @ TAB or CR (numbers and phone numbers such as +33 6 … excepted), a workbook's formulas written as their values (default: rows byte for byte)",
    },
    receipt: {
      type: 'string',
      description: 'Write a JSON scrub receipt (epoch, hashes, counts, times) here',
    },
    'public-key': {
      type: 'string',
      description: 'Re-verify the cached manifest with this key (default: the pinned one)',
    },
    threads: {
      type: 'string',
      description:
        'Hashing threads (default: one per core but one) or blinding threads (default: one per core); 0: none',
    },
    worker: {
      type: 'string',
      valueHint: 'url',
      description:
        "oprf-mode epochs: the worker's URL, which evaluates each number blinded (it never sees them)",
    },
    online: {
      type: 'string',
      valueHint: 'url',
      description:
        "secret-mode epochs: the worker's URL, whose POST /v1/check answers in batches of 1,000 (the operator sees the numbers)",
    },
    ...apiKeyArgs,
    timestamp: {
      type: 'boolean',
      default: true,
      description:
        "With --worker or --online: ask the operator to countersign the receipt's hash (only the hash is sent); --no-timestamp does not",
    },
    force: { type: 'boolean', description: 'Replace output files that already exist (never the input)' },
    ...cacheArgs,
    ...listArgs,
    json: { type: 'boolean', description: 'Print the summary as JSON' },
  },
  run: ({ args, rawArgs }) =>
    runGuarded(async () => {
      const unchecked = uncheckedPath(args);
      const files = {
        out: args.out,
        listed: args.listed,
        rejects: args.rejects,
        receipt: args.receipt,
        unchecked,
      };
      checkOutputFiles(args.input, files, args.force ?? false);
      if (args.delimiter !== undefined && args.delimiter.length !== 1) {
        throw new QuietlistError('INVALID_ARGUMENT', '--delimiter must be one character');
      }
      const encoding = args.encoding ?? 'auto';
      if (!isEncodingChoice(encoding)) {
        throw new QuietlistError(
          'INVALID_ARGUMENT',
          `--encoding ${encoding} is not one of auto, ${TEXT_ENCODINGS.join(', ')}`,
        );
      }
      const fromStdin = args.input === '-';
      if (fromStdin && args['api-key-file'] === '-') {
        throw new QuietlistError('INVALID_ARGUMENT', 'stdin cannot be both the call list and --api-key-file');
      }
      const apiKey =
        args.worker === undefined && args.online === undefined
          ? undefined
          : requiredApiKey(await apiKeyFromArgs(args));
      const inputSize = fromStdin ? undefined : statSync(args.input).size;
      const input = fromStdin ? process.stdin : createReadStream(args.input, { highWaterMark: 1 << 18 });
      const progress = createProgress('scrub');
      const report = await scrub({
        // A file can be read twice: oprf scrubs count first and say what today's quota covers.
        ...(fromStdin || unchecked === undefined
          ? {}
          : {
              reopenInput: () => createReadStream(args.input, { highWaterMark: 1 << 18 }),
              onPlan: (plan: EvaluationPlan) => {
                progress.done();
                process.stderr.write(planText(plan));
              },
              onEvaluations: (done: number, total: number) =>
                progress.update(
                  `${done.toLocaleString('en')} of ${total.toLocaleString('en')} numbers evaluated, ${percent(done, total)}%`,
                ),
            }),
        cacheDirectory: args.cache,
        lists: parseListsArg(args.list),
        publicKey: args['public-key'] ? loadPublicKey({ publicKey: args['public-key'] }) : undefined,
        input,
        inputName: fromStdin ? 'stdin' : args.input,
        columns: repeated(rawArgs, 'column'),
        delimiter: args.delimiter,
        encoding,
        sheet: args.sheet,
        excelSafe: args['excel-safe'] ?? false,
        region: args.region,
        ...(args.channel !== undefined || args.sector !== undefined
          ? { scope: { channel: args.channel, sector: args.sector } }
          : {}),
        mode: args.mode as ScrubMode,
        outputs: {
          clean: target(args.out),
          listed: args.listed === undefined ? undefined : target(args.listed),
          rejects: args.rejects === undefined ? undefined : target(args.rejects),
          unchecked: unchecked === undefined ? undefined : target(unchecked),
        },
        threads:
          args.threads === undefined
            ? undefined
            : parseNumberArg(args.threads, '--threads', { min: 0, max: 64, integer: true }),
        maxAgeDays: maxAgeDaysArg(args['max-age-days']),
        timestamp: args.timestamp !== false,
        oprf: args.worker === undefined || !apiKey ? undefined : { url: args.worker, apiKey },
        online: args.online === undefined || !apiKey ? undefined : { url: args.online, apiKey },
        onProgress: ({ rows, bytes }) =>
          progress.update(
            `${rows.toLocaleString('en')} rows${inputSize ? `, ${Math.floor((bytes / inputSize) * 100)}%` : ''}`,
          ),
      }).finally(() => progress.done());
      if (args.receipt && report.receipt) {
        await replaceFileDurably(
          args.receipt,
          new TextEncoder().encode(`${JSON.stringify(report.receipt, null, 2)}\n`),
        );
      }
      for (const warning of report.warnings) warn(warning);
      // The clean list may be on stdout: the summary then goes to stderr.
      const summaryStream = args.out === '-' ? process.stderr : process.stdout;
      if (report.partial) {
        // Rows were left unchecked: the outputs hold what was checked, and no receipt vouches for them.
        summaryStream.write(
          args.json ? `${JSON.stringify(partialJson(report), null, 2)}\n` : partialText(report),
        );
        return EXIT.storage;
      }
      // Finished: a file of unchecked rows left by an earlier run (replaced only with --force) is gone.
      if (unchecked !== undefined && report.result.outputs.unchecked === undefined)
        rmSync(unchecked, { force: true });
      summaryStream.write(
        args.json ? `${JSON.stringify(report.receipt, null, 2)}\n` : summaryText(report, args.receipt),
      );
    }),
});

function requiredApiKey(key: string | undefined): string {
  if (!key)
    throw new QuietlistError(
      'INVALID_CONFIG',
      '--worker and --online need an API key: $QUIETLIST_API_KEY or --api-key-file FILE',
    );
  return key;
}

/** --unchecked, or beside --out (`calls.clean.csv` → `calls.clean.unchecked.csv`) with --worker. */
function uncheckedPath(args: { worker?: string; out: string; unchecked?: string }): string | undefined {
  if (args.unchecked !== undefined) return args.unchecked;
  if (args.worker === undefined || args.out === '-') return undefined;
  const extension = extname(args.out);
  return `${args.out.slice(0, args.out.length - extension.length)}.unchecked${extension}`;
}

function percent(done: number, total: number): number {
  return total === 0 ? 100 : Math.floor((done / total) * 100);
}

function target(path: string): OutputTarget {
  return path === '-' ? { stream: process.stdout, name: 'stdout' } : { path };
}

/**
 * Settled before anything is read: outputs are distinct from each other and from the input (by path
 * and by inode, so `scrub - --out calls.csv < calls.csv` or a hard link is caught), and an existing
 * file is replaced only with --force. Outputs are written beside their target and renamed at the end.
 */
function checkOutputFiles(input: string, files: Record<string, string | undefined>, force: boolean): void {
  const seen = new Map<string, string>();
  const inputFile = input === '-' ? regularFile(fstatSync(0)) : regularFile(statSync(input));
  if (input !== '-') seen.set(resolve(input), 'the input');
  for (const [option, path] of Object.entries(files)) {
    if (path === undefined) continue;
    if (path === '-') {
      if (option !== 'out')
        throw new QuietlistError('INVALID_ARGUMENT', `--${option} cannot be stdout; only --out can`);
      continue;
    }
    const other = seen.get(resolve(path));
    if (other) throw new QuietlistError('INVALID_ARGUMENT', `--${option} names the same file as ${other}`);
    seen.set(resolve(path), `--${option}`);
    const existing = statSync(path, { throwIfNoEntry: false });
    if (!existing) continue;
    if (inputFile && existing.dev === inputFile.dev && existing.ino === inputFile.ino) {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `--${option} ${path} is the input itself: choose another file`,
      );
    }
    if (!force) {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `--${option} ${path} already exists: add --force to replace it`,
      );
    }
  }
}

function regularFile(stats: Stats): Stats | undefined {
  return stats.isFile() ? stats : undefined;
}
