/**
 * `quietlist scrub`: clean a call list (CSV in any encoding and delimiter, .xlsx, .ods) against the
 * pulled filter, locally; a receipt for the records.
 */
import { createReadStream, fstatSync, type Stats, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineCommand } from 'citty';
import { describeAdditions } from '../../client/additions/held-additions.ts';
import { parseListsArg } from '../../client/additions/list-cache.ts';
import { replaceFileDurably } from '../../client/cache/durable-file.ts';
import type { ScrubMode } from '../../client/scrub/csv-scrub.ts';
import type { OutputTarget } from '../../client/scrub/output-file.ts';
import { type ScrubReport, scrub } from '../../client/scrub/scrub.ts';
import { loadPublicKey } from '../../config/key-material.ts';
import { QuietlistError } from '../../core/errors.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import { isEncodingChoice, TEXT_ENCODINGS } from '../../core/text/encoding.ts';
import { apiKeyArgs, apiKeyFromArgs } from '../api-key-args.ts';
import { runGuarded } from '../exit-codes.ts';
import { createProgress } from '../progress.ts';
import { parseNumberArg } from './parse-number-arg.ts';
import { cacheArgs, listArgs, maxAgeDaysArg, warn } from './pull.ts';

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
      description:
        'The phone column: header name (accents and case ignored) or 1-based position (default: found by its header, as build does)',
    },
    out: { type: 'string', description: 'Where the clean list goes (- for stdout)', required: true },
    listed: { type: 'string', description: 'Also write the listed rows to this file' },
    rejects: {
      type: 'string',
      description: 'Write rows whose number is invalid to this file, with the reason',
    },
    mode: {
      type: 'enum',
      options: ['drop', 'flag'],
      default: 'drop',
      description: `drop: --out gets clean rows only; flag: --out gets every row plus a status column`,
    },
    region: { type: 'string', description: "Region for national-format numbers (default: the epoch's)" },
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
    threads: { type: 'string', description: 'Hashing threads (default: one per core; 0: none)' },
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
  run: ({ args }) =>
    runGuarded(async () => {
      const files = { out: args.out, listed: args.listed, rejects: args.rejects, receipt: args.receipt };
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
        cacheDirectory: args.cache,
        lists: parseListsArg(args.list),
        publicKey: args['public-key'] ? loadPublicKey({ publicKey: args['public-key'] }) : undefined,
        input,
        inputName: fromStdin ? 'stdin' : args.input,
        column: args.column,
        delimiter: args.delimiter,
        encoding,
        sheet: args.sheet,
        excelSafe: args['excel-safe'] ?? false,
        region: args.region,
        mode: args.mode as ScrubMode,
        outputs: {
          clean: target(args.out),
          listed: args.listed === undefined ? undefined : target(args.listed),
          rejects: args.rejects === undefined ? undefined : target(args.rejects),
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
      if (args.receipt) {
        await replaceFileDurably(
          args.receipt,
          new TextEncoder().encode(`${JSON.stringify(report.receipt, null, 2)}\n`),
        );
      }
      for (const warning of report.warnings) warn(warning);
      // The clean list may be on stdout: the summary then goes to stderr.
      const summaryStream = args.out === '-' ? process.stderr : process.stdout;
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

function summaryText(report: ScrubReport, receiptPath: string | undefined): string {
  const { receipt } = report;
  const { counts, outputs } = receipt;
  const seconds = (Date.parse(receipt.finishedAt) - Date.parse(receipt.startedAt)) / 1000;
  const reasons = Object.entries(receipt.invalidByReason).map(([reason, count]) => `${count} × ${reason}`);
  const written = [
    `clean → ${outputs.clean.name}`,
    outputs.listed && `listed → ${outputs.listed.name}`,
    outputs.rejects && `rejects → ${outputs.rejects.name}`,
    receiptPath && `receipt → ${receiptPath}`,
  ].filter(Boolean);
  const lines = [
    `scrubbed ${receipt.input.name} (${describeInput(receipt.settings)}) against epoch ${receipt.epoch.id} (created ${receipt.epoch.createdAt}, region ${receipt.settings.region})`,
    `  rows ${counts.rows}  clean ${counts.clean}  listed ${counts.listed}  invalid ${counts.invalid}` +
      (counts.blank > 0 ? `  (${counts.blank} blank rows skipped)` : ''),
    ...(reasons.length > 0 ? [`  invalid: ${reasons.join(', ')}`] : []),
    `  false-positive rate ε ${receipt.epoch.falsePositiveRate}: expected false positives among the listed rows ` +
      `≈ ${formatExpected(receipt.epoch.falsePositiveRate * counts.rows)} (ε × rows); a registered number is never missed`,
    ...(report.oprfEvaluated === undefined
      ? []
      : [
          `  oprf: ${report.oprfEvaluated} numbers evaluated (blinded) by the worker this run; the others came from the journal`,
          ...(report.oprfExtraReadings
            ? [
                `  ${report.oprfExtraReadings} of the readings looked up are second readings of ambiguous values (a "+", "00" or 0 lost), each one more evaluation unless journaled`,
              ]
            : []),
        ]),
    ...(report.onlineSent === undefined
      ? []
      : [
          `  online: ${report.onlineSent} numbers checked by the worker this run (it sees them: secret mode); the others came from the journal`,
        ]),
    ...(receipt.settings.excelSafe
      ? [
          report.result.format === 'csv'
            ? `  excel-safe: ${report.result.formulaCells} cell(s) a spreadsheet would run as formulas written as text (a ' before them)`
            : `  excel-safe: ${report.result.formulaCells} formula cell(s) written as their values`,
        ]
      : []),
    ...(receipt.timestamp
      ? [
          `  operator timestamp: the receipt's hash was countersigned by the worker (receipt verify checks it)`,
        ]
      : []),
    ...listLines(report),
    `  ${written.join('; ')}`,
    `  ${seconds.toFixed(1)} s, ${Math.round(counts.rows / Math.max(seconds, 1e-3)).toLocaleString('en')} rows/s`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Each list a row was checked against (beyond the root list alone, without live additions). */
function listLines(report: ScrubReport): string[] {
  const [only] = report.lists;
  if (report.lists.length === 1 && only?.list === DEFAULT_LIST && !only.additions) return [];
  return report.lists.map(
    (list) =>
      `  list ${list.list}: epoch ${list.epoch}, ${list.listed} row(s) listed, ${describeAdditions(list.additions)}`,
  );
}

/** `column "Téléphone", CSV windows-1252 ";"` or `column "Phone", xlsx sheet "Calls"`. */
function describeInput(settings: ScrubReport['receipt']['settings']): string {
  const column = `column ${JSON.stringify(settings.column)}`;
  if (settings.format === 'csv')
    return `${column}, CSV ${settings.encoding} ${JSON.stringify(settings.delimiter)}`;
  return `${column}, ${settings.format} sheet ${JSON.stringify(settings.sheet)}`;
}

function formatExpected(value: number): string {
  return value < 0.01 ? value.toExponential(1) : value.toFixed(2);
}
