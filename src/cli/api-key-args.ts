/**
 * The subscriber API key of `check`, `pull` and `scrub`: from $QUIETLIST_API_KEY or a file
 * (`--api-key-file FILE`, `-` for stdin), never from the command line itself, where every user of the
 * machine reads it (ps, /proc/PID/cmdline) and the shell history keeps it: strict-args.ts refuses
 * `--api-key VALUE` and names these two ways.
 */
import { readFileSync } from 'node:fs';
import { readEnvironment } from '../config/environment.ts';
import { QuietlistError } from '../core/errors.ts';

/** An API key is about 60 characters; a file much larger than that is not one. */
const MAX_KEY_FILE_BYTES = 4096;

export const apiKeyArgs = {
  'api-key-file': {
    type: 'string',
    description:
      'File holding the API key (- reads it from stdin); default $QUIETLIST_API_KEY. Never the key itself: it would show in ps',
  },
} as const;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_KEY_FILE_BYTES) break;
    chunks.push(chunk);
  }
  if (size > MAX_KEY_FILE_BYTES) throw tooLarge('stdin');
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(where: string): QuietlistError {
  return new QuietlistError(
    'INVALID_ARGUMENT',
    `--api-key-file: ${where} is larger than ${MAX_KEY_FILE_BYTES} bytes: it does not hold one API key`,
  );
}

function readKeyFile(path: string): string {
  const bytes = readFileSync(path);
  if (bytes.length > MAX_KEY_FILE_BYTES) throw tooLarge(path);
  return bytes.toString('utf8');
}

/** The key from --api-key-file, else from $QUIETLIST_API_KEY; undefined when neither gives one. */
export async function apiKeyFromArgs(args: { 'api-key-file'?: string }): Promise<string | undefined> {
  const file = args['api-key-file'];
  if (file === undefined) return readEnvironment().apiKey;
  const where = file === '-' ? 'stdin' : file;
  const key = (file === '-' ? await readStdin() : readKeyFile(file)).trim();
  if (key === '' || /\s/.test(key)) {
    // Never the content in the message: it is a secret, or whatever file was given by mistake.
    throw new QuietlistError('INVALID_ARGUMENT', `--api-key-file: ${where} does not hold one API key`);
  }
  return key;
}
