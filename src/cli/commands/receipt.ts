/** `quietlist receipt verify`: check a scrub receipt offline and say what it proves and what it does not. */
import { readFileSync } from 'node:fs';
import { defineCommand } from 'citty';
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
      description: "The operator's public key (base64, hex or a file), obtained independently of the receipt",
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
      const result = await verifyReceipt({
        receiptBytes,
        inputFile: args.input,
        outputFiles: repeated(rawArgs, 'output'),
        operatorKey: args['public-key'] ? loadPublicKey({ publicKey: args['public-key'] }) : undefined,
      });
      process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : report(args.receipt, result));
      return result.ok ? EXIT.ok : EXIT.data;
    }),
});

export const receiptCommand = defineCommand({
  meta: { name: 'receipt', description: 'Scrub receipts: verify one offline' },
  subCommands: { verify: verifyCommand },
});

const MARK = { verified: 'ok  ', failed: 'FAIL', 'not checked': '--  ' } as const;

function report(path: string, result: ReceiptVerification): string {
  const lines = [
    `receipt ${path}: ${result.ok ? 'every check made passed' : 'A CHECK FAILED'}`,
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
