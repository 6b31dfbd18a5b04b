/**
 * Reading an answer's body without trusting its length. A `Content-Length` above the limit is refused
 * before a byte is read; otherwise bytes are counted as they stream and the body is aborted the moment
 * it passes the limit, whatever the header said (a server that announces 1.2 KB and sends 400 MiB, a
 * chunked answer that never ends, a gzip bomb the fetch decompresses). Memory never exceeds the limit.
 * Runtime-neutral (fetch's Response): the CLI and the scrub page read every answer through here.
 */
import { FormatError } from '../../core/errors.ts';
import { type BodyLimit, MAX_ERROR_BODY_BYTES } from './download-limits.ts';

/** The body, or a refusal naming the request and the limit once it is longer than `limit.maxBytes`. */
export async function readCappedBody(
  response: Response,
  limit: BodyLimit,
  what: string,
): Promise<Uint8Array> {
  const refuse = () =>
    new FormatError(
      `${what}: the answer is longer than ${limit.describe}: refused, nothing of it kept`,
      limit.code,
    );
  const announced = announcedLength(response);
  if (announced !== undefined && announced > limit.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw refuse();
  }
  const body = await readUpTo(response, limit.maxBytes);
  if (body.longer) throw refuse();
  return body.bytes;
}

/** The start of an error answer (enough for `{error: {code, message}}`); the rest is dropped unread. */
export async function readErrorBody(response: Response): Promise<Uint8Array> {
  return (await readUpTo(response, MAX_ERROR_BODY_BYTES)).bytes;
}

/**
 * The length a server announces for the bytes it sends, when they are the bytes we count: with a
 * Content-Encoding the header counts the compressed bytes, which may exceed the decoded ones.
 */
export function announcedLength(response: Response): number | undefined {
  const encoding = response.headers.get('content-encoding');
  if (encoding !== null && encoding.trim().toLowerCase() !== 'identity') return undefined;
  const text = response.headers.get('content-length');
  return text !== null && /^\s*\d+\s*$/.test(text) ? Number(text) : undefined;
}

/** At most `maxBytes` of the body; `longer` when more followed (the body is then cancelled). */
async function readUpTo(
  response: Response,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; longer: boolean }> {
  if (!response.body) return { bytes: new Uint8Array(0), longer: false };
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  let longer = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (length + value.byteLength > maxBytes) {
        parts.push(value.subarray(0, maxBytes - length));
        length = maxBytes;
        longer = true;
        await reader.cancel().catch(() => undefined);
        break;
      }
      parts.push(value);
      length += value.byteLength;
    }
  } finally {
    reader.releaseLock();
  }
  return { bytes: concat(parts, length), longer };
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0]!.byteLength === length) return parts[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
