/**
 * Big files streamed to disk and resumed with HTTP Range (docs/CLIENT.md, "Resumed downloads"). The
 * body goes chunk by chunk to a `.part` file, so memory stays bounded whatever the file's size; beside
 * it a small `.part.json` records the file's signed SHA-256 and size and the server's strong ETag. A
 * retry (a dropped connection, a cut body, a timeout, a 5xx) or the next run sends `Range: bytes=N-`
 * with `If-Range: <ETag>` and appends the 206; a 200 (Range ignored, or the ETag changed) or a 416
 * starts the file over. Nothing here trusts the bytes: the caller checks size and SHA-256 against the
 * signed manifest and discards the part when they differ.
 */
import { type FileHandle, lstat, rm } from 'node:fs/promises';
import { FormatError, QuietlistError } from '../../core/errors.ts';
import { notCreatedByCache, openCacheFile, readCacheFile, refuseLink } from '../cache/cache-files.ts';
import { announcedLength, readErrorBody } from './capped-body.ts';
import {
  type AttemptOutcome,
  DEFAULT_RETRY_POLICY,
  type RetryHooks,
  type RetryPolicy,
  retryForAnswer,
  withRetries,
} from './fetch-retry.ts';
import { httpFailure } from './http-failure.ts';
import { readAhead } from './read-ahead.ts';

/** The file a download must produce, as the signed manifest describes it. */
export interface PartialTarget {
  /** The `.part` file; an earlier copy there is resumed when its record names the same file. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface DownloadOutcome {
  /** Bytes received over the network by this call (what a resume saves is what it did not receive). */
  transferred: number;
  /** Offsets a Range request resumed from (empty when nothing was resumed). */
  resumedFrom: number[];
  /** Every byte came from one 200 response of this call: a bad hash is then the server's, not a stale prefix's. */
  whole: boolean;
}

interface PartRecord {
  sha256: string;
  bytes: number;
  etag?: string;
}

/** A part record is three short members. */
const MAX_RECORD_BYTES = 4096;

export function partRecordPath(path: string): string {
  return `${path}.json`;
}

/** Removes a part and its record (a corrupt prefix, a stale epoch, a finished install). */
export async function discardPartial(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(partRecordPath(path), { force: true });
}

/**
 * Downloads `url` into `target.path`, resuming what is there; retries as fetch-retry.ts does. Throws
 * STORAGE_UNAVAILABLE after the last attempt (the part stays for the next run), the mapped HTTP error
 * for a non-retryable status, CHECKSUM_MISMATCH when the server sends more than the signed size.
 */
export function downloadResumable(
  url: string,
  init: { headers: Headers },
  what: string,
  target: PartialTarget,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  hooks: RetryHooks = {},
): Promise<DownloadOutcome> {
  const outcome: DownloadOutcome = { transferred: 0, resumedFrom: [], whole: false };
  const attempt = async (last: boolean): Promise<AttemptOutcome<DownloadOutcome>> => {
    const resume = await resumablePart(target);
    if (resume && resume.length === target.bytes) return { result: outcome }; // the caller verifies it
    const headers = new Headers(init.headers);
    if (resume) {
      headers.set('range', `bytes=${resume.length}-`);
      headers.set('if-range', resume.etag);
    }
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(policy.timeoutMs) });
    if (response.status === 200 || (response.status === 206 && resume)) {
      const appending = response.status === 206;
      if (appending && !rangeContinues(response, resume!.length, target.bytes)) {
        await response.body?.cancel().catch(() => undefined);
        await discardPartial(target.path);
        throw new Error('the server answered another range than the one asked');
      }
      outcome.whole = !appending;
      if (appending) outcome.resumedFrom.push(resume!.length);
      await streamBody(response, target, appending ? resume!.length : 0, outcome, what);
      const size = (await lstat(target.path)).size;
      if (size === target.bytes) return { result: outcome };
      throw new Error(`the body ended after ${size} of ${target.bytes} bytes`);
    }
    if (response.status === 416) {
      // The part is not a prefix of the file the server has: start over.
      await response.body?.cancel().catch(() => undefined);
      await discardPartial(target.path);
      throw new Error('HTTP 416 for the resumed range');
    }
    const retry = retryForAnswer(response, policy, last);
    if (!retry) {
      const body = await readErrorBody(response);
      throw httpFailure({ status: response.status, headers: response.headers, body }, what);
    }
    await response.body?.cancel().catch(() => undefined);
    return retry;
  };
  // Our own verdicts (an HTTP error mapped above, a file too big) and local disk errors are final.
  return withRetries(
    what,
    policy,
    hooks,
    attempt,
    (error) => error instanceof QuietlistError || isLocalFileError(error),
  );
}

/** The part and its validator, when a Range request may continue it; otherwise it is discarded. */
async function resumablePart(target: PartialTarget): Promise<{ length: number; etag: string } | null> {
  const record = await readRecord(target.path);
  const info = await lstat(target.path).catch(() => undefined);
  // A link at the part's name was not made by the cache: refused, never appended to (cache-files.ts).
  if (info?.isSymbolicLink()) throw notCreatedByCache(target.path);
  const size = info?.size;
  const usable =
    record !== null &&
    record.sha256 === target.sha256 &&
    record.bytes === target.bytes &&
    record.etag !== undefined &&
    size !== undefined &&
    size > 0 &&
    size <= target.bytes;
  if (usable) return { length: size, etag: record.etag! };
  await discardPartial(target.path);
  return null;
}

async function readRecord(path: string): Promise<PartRecord | null> {
  const recordPath = partRecordPath(path);
  await refuseLink(recordPath);
  try {
    const bytes = await readCacheFile(recordPath, MAX_RECORD_BYTES);
    const parsed = JSON.parse(new TextDecoder().decode(bytes)) as Partial<PartRecord>;
    if (typeof parsed.sha256 !== 'string' || typeof parsed.bytes !== 'number') return null;
    return {
      sha256: parsed.sha256,
      bytes: parsed.bytes,
      ...(typeof parsed.etag === 'string' ? { etag: parsed.etag } : {}),
    };
  } catch {
    return null;
  }
}

/** Written before the first byte of a fresh body, so a part on disk always says what it is part of. */
async function writeRecord(target: PartialTarget, etag: string | undefined): Promise<void> {
  const record: PartRecord = { sha256: target.sha256, bytes: target.bytes, ...(etag ? { etag } : {}) };
  const handle = await openCacheFile(partRecordPath(target.path), 'write', { writeOnce: true });
  try {
    await handle.writeFile(JSON.stringify(record));
  } finally {
    await handle.close();
  }
}

/** Only a strong ETag may validate a range (RFC 9110 §13.1.5); without one the part is not resumed. */
function strongEtag(etag: string | null): string | undefined {
  return etag && !etag.startsWith('W/') ? etag : undefined;
}

function rangeContinues(response: Response, from: number, total: number): boolean {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(response.headers.get('content-range')?.trim() ?? '');
  return (
    match !== null &&
    Number(match[1]) === from &&
    Number(match[2]) === total - 1 &&
    Number(match[3]) === total
  );
}

/**
 * Appends the body chunk by chunk from offset `from` (0: a fresh body); what arrived before a cut stays
 * on disk for the next attempt. Not one byte past the signed size is written: a longer announced length
 * is refused before reading, a longer body as soon as it passes the size.
 */
async function streamBody(
  response: Response,
  target: PartialTarget,
  from: number,
  outcome: DownloadOutcome,
  what: string,
): Promise<void> {
  if (!response.body) return;
  const tooLarge = () =>
    new FormatError(
      `${what}: the answer is longer than its signed size (${target.bytes} bytes): refused`,
      'CHECKSUM_MISMATCH',
    );
  const announced = announcedLength(response);
  if (announced !== undefined && from + announced > target.bytes) {
    await response.body.cancel().catch(() => undefined);
    await discardPartial(target.path);
    throw tooLarge();
  }
  // Reading starts before the first await: bytes that arrive just before a cut are not lost.
  const chunks = readAhead(response.body);
  let handle: FileHandle | undefined;
  try {
    if (from === 0) await writeRecord(target, strongEtag(response.headers.get('etag')));
    handle = await openCacheFile(target.path, from === 0 ? 'write' : 'append', { writeOnce: true });
    let size = from === 0 ? 0 : (await handle.stat()).size;
    for await (const chunk of chunks) {
      size += chunk.byteLength;
      if (size > target.bytes) {
        await chunks.cancel();
        await handle.close();
        handle = undefined;
        await discardPartial(target.path);
        throw tooLarge();
      }
      await handle.write(chunk);
      outcome.transferred += chunk.byteLength;
    }
  } catch (error) {
    await chunks.cancel();
    throw error;
  } finally {
    await handle?.close();
  }
}

/** A failure of the local disk (ENOSPC, EACCES...): no retry mends it. Network errors carry no syscall. */
function isLocalFileError(error: unknown): boolean {
  return typeof (error as NodeJS.ErrnoException)?.syscall === 'string';
}
