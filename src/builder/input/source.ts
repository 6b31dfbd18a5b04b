/**
 * Opens a registry export: a file path or "-" for stdin, gunzipped when it starts with the gzip magic.
 * Reads are 64 KiB: a 1 MiB batch of line objects lives long enough for V8 to promote it, which cost
 * about 90 MB of peak RSS for nothing (bench/builder.bench.ts). A missing or unreadable file, a read
 * error and a corrupt gzip stream become one-line data errors (exit 2), never a stack trace.
 */
import { accessSync, constants, createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { QuietlistError } from '../../core/errors.ts';

export function openInput(path: string): AsyncGenerator<Buffer> {
  if (path !== '-') checkInputFile(path);
  const raw: Readable = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 16 });
  return withReadErrors(gunzipIfCompressed(raw), path === '-' ? 'standard input' : `input file "${path}"`);
}

/** Fails before anything else is done when the input cannot be read at all. */
export function checkInputFile(path: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
    accessSync(path, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be read (permission denied)'
          : `cannot be read (${code ?? 'error'})`;
    throw new QuietlistError('INPUT_INVALID', `input file "${path}" ${why}`);
  }
  if (!isFile) throw new QuietlistError('INPUT_INVALID', `input "${path}" is not a file`);
}

async function* withReadErrors(source: AsyncGenerator<Buffer>, what: string): AsyncGenerator<Buffer> {
  try {
    yield* source;
  } catch (error) {
    if (error instanceof QuietlistError) throw error;
    const code = (error as NodeJS.ErrnoException)?.code;
    if (typeof code === 'string' && code.startsWith('Z_'))
      throw new QuietlistError('INPUT_INVALID', `${what} is not valid gzip (${code}): nothing published`);
    throw new QuietlistError(
      'INPUT_INVALID',
      `reading ${what} failed (${code ?? (error as Error)?.message ?? 'error'}): nothing published`,
    );
  }
}

/** Sniffs the first chunk for the gzip magic (1f 8b) rather than trusting a file name. */
export async function* gunzipIfCompressed(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head: Buffer = first.value;
  async function* whole(): AsyncGenerator<Buffer> {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip({ chunkSize: 1 << 16 });
    const compressed = Readable.from(whole());
    compressed.on('error', (error) => gunzip.destroy(error));
    yield* compressed.pipe(gunzip);
  } else {
    yield* whole();
  }
}
