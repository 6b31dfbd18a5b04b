/**
 * The call list and the output files given against the hashes and sizes the receipt records; a file
 * not given is "not checked". Files are hashed as streams, so any size is read in bounded memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { QuietlistError } from '../../../core/errors.ts';
import type { ScrubReceipt } from '../../../core/receipt/receipt.ts';
import type { AddCheck } from './receipt-check.ts';

/** The files `receipt verify` was given (VerifyReceiptOptions). */
export interface ReceiptFiles {
  inputFile?: string;
  outputFiles?: string[];
}

export async function checkFiles(receipt: ScrubReceipt, options: ReceiptFiles, add: AddCheck): Promise<void> {
  if (options.inputFile === undefined) {
    add('input file', 'not checked', 'give --input FILE to compare the call list with its recorded SHA-256');
  } else {
    const file = await hashFile(options.inputFile);
    const same = file.sha256 === receipt.input.sha256 && file.bytes === receipt.input.bytes;
    add(
      'input file',
      same ? 'verified' : 'failed',
      same
        ? `${options.inputFile}: SHA-256 ${file.sha256}, ${file.bytes} bytes`
        : `${options.inputFile} is not the scrubbed input (SHA-256 ${file.sha256}, ${file.bytes} bytes; the receipt has ${receipt.input.sha256}, ${receipt.input.bytes} bytes)`,
    );
  }
  const outputs = Object.entries(receipt.outputs).filter(([, summary]) => summary !== undefined);
  for (const path of options.outputFiles ?? []) {
    const file = await hashFile(path);
    const match = outputs.find(
      ([, summary]) => summary!.sha256 === file.sha256 && summary!.bytes === file.bytes,
    );
    add(
      `output file ${path}`,
      match ? 'verified' : 'failed',
      match
        ? `the ${match[0]} output (${match[1]!.rows} rows), SHA-256 ${file.sha256}`
        : `SHA-256 ${file.sha256} matches none of the outputs (${outputs.map(([name]) => name).join(', ')})`,
    );
  }
}

async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const info = await stat(path).catch(() => {
    throw new QuietlistError('INVALID_ARGUMENT', `cannot read ${path}`);
  });
  if (!info.isFile()) throw new QuietlistError('INVALID_ARGUMENT', `${path} is not a file`);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { sha256: hash.digest('hex'), bytes: info.size };
}
