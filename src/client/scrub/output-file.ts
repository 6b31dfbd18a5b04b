/**
 * A scrub output: a file written under a temporary name and renamed into place only when the whole
 * scrub succeeded (a failed scrub leaves no half-written list that could be mistaken for a clean
 * one), or a stream such as stdout. Rows are gathered into large writes; text is latin1-encoded,
 * which gives back exactly the bytes the input had (see row-status.ts, asUtf8). A UTF-16 input was
 * read as UTF-8 (csv-text.ts): its outputs go back to UTF-16 here, whole rows at a time.
 */
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import type { TextEncodingName } from '../../core/text/encoding.ts';
import { syncDirectory } from '../cache/durable-file.ts';

export type OutputTarget = { path: string } | { stream: Writable; name: string };

export interface OutputSummary {
  /** The file path, or the stream's name ("stdout"). */
  name: string;
  rows: number;
  bytes: number;
  sha256: string;
}

const FLUSH_BYTES = 1 << 18;
/** Text up to this length is copied byte by byte in JavaScript; longer, by Buffer#write. */
const SHORT = 64;

export class OutputFile {
  rows = 0;
  readonly #name: string;
  readonly #path: string | undefined;
  readonly #temp: string | undefined;
  readonly #handle: FileHandle | undefined;
  readonly #stream: Writable | undefined;
  readonly #sha = createHash('sha256');
  readonly #encoding: TextEncodingName;
  #bytes = 0;
  /** Rows gathered for the next write: full chunks, then `#chunk` filled up to `#used`. */
  readonly #full: Buffer[] = [];
  #chunk = Buffer.allocUnsafe(FLUSH_BYTES);
  #used = 0;
  #pending = 0;

  private constructor(target: OutputTarget, encoding: TextEncodingName, handle?: FileHandle, temp?: string) {
    this.#encoding = encoding;
    this.#name = 'path' in target ? target.path : target.name;
    this.#path = 'path' in target ? target.path : undefined;
    this.#stream = 'stream' in target ? target.stream : undefined;
    this.#handle = handle;
    this.#temp = temp;
  }

  /** `encoding`: the input's; the text added is latin1 of its bytes (of UTF-8 for a UTF-16 input). */
  static async open(target: OutputTarget, encoding: TextEncodingName = 'utf-8'): Promise<OutputFile> {
    if ('stream' in target) return new OutputFile(target, encoding);
    const temp = join(
      dirname(target.path),
      `.${basename(target.path)}.quietlist-tmp-${randomBytes(6).toString('hex')}`,
    );
    return new OutputFile(target, encoding, await open(temp, 'wx', 0o600), temp);
  }

  /**
   * Adds text (one or more rows, line endings included); `rows` counts data rows for the summary. The
   * text is latin1 (one character a byte; above U+00FF only the low byte is kept, as Buffer's latin1).
   */
  add(text: string, rows = 1): void {
    const length = text.length;
    this.rows += rows;
    if (length > SHORT) {
      this.#room(length);
      this.#used += this.#chunk.write(text, this.#used, 'latin1');
      this.#pending += length;
      return;
    }
    this.#room(length);
    const chunk = this.#chunk;
    let used = this.#used;
    for (let i = 0; i < length; i++) chunk[used++] = text.charCodeAt(i);
    this.#used = used;
    this.#pending += length;
  }

  /** Adds bytes `start` to `end` of `bytes` (a row's text, its line ending added apart). */
  addRange(bytes: Uint8Array, start: number, end: number): void {
    const length = end - start;
    this.#room(length);
    const chunk = this.#chunk;
    let used = this.#used;
    if (length > SHORT) {
      chunk.set(bytes.subarray(start, end), used);
      used += length;
    } else {
      for (let i = start; i < end; i++) chunk[used++] = bytes[i]!;
    }
    this.#used = used;
    this.#pending += length;
  }

  get needsFlush(): boolean {
    return this.#pending >= FLUSH_BYTES;
  }

  /** Adds bytes written as they are (a whole spreadsheet). */
  addBytes(bytes: Uint8Array, rows: number): void {
    this.addRange(bytes, 0, bytes.length);
    this.rows += rows;
  }

  /** Makes room for `length` more bytes: a full chunk is kept aside and a new one started. */
  #room(length: number): void {
    if (this.#used + length <= this.#chunk.length) return;
    if (this.#used > 0) this.#full.push(this.#chunk.subarray(0, this.#used));
    this.#chunk = Buffer.allocUnsafe(Math.max(FLUSH_BYTES, length));
    this.#used = 0;
  }

  async flush(): Promise<void> {
    if (this.#pending === 0) return;
    this.#full.push(this.#chunk.subarray(0, this.#used));
    const gathered = this.#full.length === 1 ? this.#full[0]! : Buffer.concat(this.#full);
    this.#full.length = 0;
    // A new chunk: a stream may still hold the bytes written until it drains.
    this.#chunk = Buffer.allocUnsafe(FLUSH_BYTES);
    this.#used = 0;
    this.#pending = 0;
    const bytes = encodeOutput(gathered, this.#encoding);
    this.#sha.update(bytes);
    this.#bytes += bytes.length;
    if (this.#handle) {
      await this.#handle.write(bytes);
    } else if (!this.#stream!.write(bytes)) {
      await once(this.#stream!, 'drain');
    }
  }

  /** Flushes, syncs and renames the file into place; returns what was written. */
  async commit(): Promise<OutputSummary> {
    await this.flush();
    if (this.#handle) {
      await this.#handle.sync();
      await this.#handle.close();
      await rename(this.#temp!, this.#path!);
      await syncDirectory(dirname(this.#path!));
    }
    return { name: this.#name, rows: this.rows, bytes: this.#bytes, sha256: this.#sha.digest('hex') };
  }

  /** Drops a file output (its temporary file is removed); a stream is left as it is. */
  async abort(): Promise<void> {
    if (!this.#handle) return;
    await this.#handle.close().catch(() => undefined);
    await unlink(this.#temp!).catch(() => undefined);
  }
}

/** UTF-8 bytes back to the UTF-16 the input had; other encodings were never converted. */
function encodeOutput(bytes: Buffer, encoding: TextEncodingName): Buffer {
  if (encoding !== 'utf-16le' && encoding !== 'utf-16be') return bytes;
  const utf16 = Buffer.from(bytes.toString('utf8'), 'utf16le');
  return encoding === 'utf-16be' ? utf16.swap16() : utf16;
}
