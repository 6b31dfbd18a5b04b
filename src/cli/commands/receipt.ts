/**
 * `quietlist receipt verify`: check a scrub receipt offline and say what it proves and what it does not.
 * Exit 0 only when it is tied to an operator key (given, or pinned by `pull` in the cache) and no check
 * failed; 2 when a check failed; 1 when there is no operator key to tie it to (the report still says
 * what it proved).
 */
import { readFileSync } from 'node:fs';
import { defineCommand } from 'citty';
import { DEFAULT_CACHE_DIRECTORY } from '../../client/cache/cache-layout.ts';
import { operatorKeysFor } from '../../client/receipt/operator-keys.ts';
import { type ReceiptVerification, verifyReceipt } from '../../client/receipt/verify-receipt.ts';
import { loadPublicKey } from '../../config/key-material.ts';
import { QuietlistError } from '../../core/errors.ts';
import { EXIT, runGuarded } from '../exit-codes.ts';
import { repeated } from '../strict-args.ts';

const verifyCommand = defineCommand({
  meta: {
    name: 'verify',
    description: 'Check a scrub receipt offline: the signed manifest, the files, the operator timestamp',
  },
  args: {
    receipt: {
      type: 'positional',
      description: 'The receipt JSON written by scrub --receipt',
      required: true,
    },
    input: { type: 'string', description: 'The call list that was scrubbed: its SHA-256 is compared' },
    output: {
      type: 'string',
      repeatable: true, // strict-args.ts
      description: 'An output file (clean, listed or rejects) to compare; may be given several times',
    },
    'public-key': {
      type: 'string',
      description:
        "The operator's public key (base64, hex or a file), obtained independently of the receipt; default: the key pull pinned in --cache",
    },
    cache: {
      type: 'string',
      description: `The cache whose pinned key (and the keys it followed a rotation from) the receipt is checked against (default ${DEFAULT_CACHE_DIRECTORY})`,
      default: DEFAULT_CACHE_DIRECTORY,
    },
    json: { type: 'boolean', description: 'Print the result as JSON' },
  },
  run: ({ args, rawArgs }) =>
    runGuarded(async () => {
      let receiptBytes: Uint8Array;
      try {
        receiptBytes = new Uint8Array(readFileSync(args.receipt));
      } catch {
        throw new QuietlistError('INVALID_ARGUMENT', `cannot read the receipt ${args.receipt}`);
      }
      const operatorKeys = await operatorKeysFor({
        given: args['public-key'] ? loadPublicKey({ publicKey: args['public-key'] }) : undefined,
        cacheDirectory: args.cache,
      });
      const result = await verifyReceipt({
        receiptBytes,
        inputFile: args.input,
        outputFiles: repeated(rawArgs, 'output'),
        operatorKeys,
      });
      process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : report(args.receipt, result));
      return { verified: EXIT.ok, failed: EXIT.data, unanchored: EXIT.usage }[result.verdict];
    }),
});

export const receiptCommand = defineCommand({
  meta: { name: 'receipt', description: 'Scrub receipts: verify one offline' },
  subCommands: { verify: verifyCommand },
});

const MARK = { verified: 'ok  ', failed: 'FAIL', 'not checked': '--  ' } as const;

const HEADLINE: Record<ReceiptVerification['verdict'], string> = {
  verified: "VERIFIED against the operator's key: no check failed",
  failed: 'A CHECK FAILED',
  unanchored:
    "NOT VERIFIED: no operator key to tie it to (give --public-key, or verify where `pull` pinned the operator's key)",
};

function report(path: string, result: ReceiptVerification): string {
  const lines = [
    `receipt ${path}: ${HEADLINE[result.verdict]}`,
    `  receipt SHA-256 ${result.receiptSha256}, epoch ${result.epoch}`,
    ...result.checks.map((check) => `  ${MARK[check.outcome]} ${check.what}: ${check.detail}`),
    'what it proves:',
    ...(result.proves.length > 0
      ? result.proves.map((line) => `  - ${line}`)
      : ['  - nothing yet: see the checks above']),
    'what it does not prove:',
    ...result.doesNotProve.map((line) => `  - ${line}`),
  ];
  return `${lines.join('\n')}\n`;
}
