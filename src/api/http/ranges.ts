/**
 * Conditional and partial responses for immutable files: ETag / If-None-Match (304), Range with a
 * single byte range (206), If-Range, and 416 for a range outside the file. Multiple ranges are
 * answered with the whole file, as RFC 9110 allows.
 */
import { ApiError } from '../errors/api-error.ts';

export interface FileResponseOptions {
  body: Uint8Array;
  /** A strong ETag, quoted. */
  etag: string;
  contentType: string;
  cacheControl: string;
  extraHeaders?: Record<string, string>;
}

export function quoteEtag(etag: string): string {
  const bare = etag.replace(/^W\//, '').replace(/^"|"$/g, '');
  return `"${bare}"`;
}

function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** The single satisfiable range of `header` for a file of `size` bytes; null means "send it all". */
export function parseRange(header: string, size: number): { start: number; end: number } | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null; // not a single byte range: ignored
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  let start: number;
  let end: number;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) throw unsatisfiable(size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(first);
    end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
    if (last !== '' && Number(last) < start) return null; // invalid: ignored
  }
  if (start >= size) throw unsatisfiable(size);
  return { start, end };
}

function unsatisfiable(size: number): ApiError {
  return new ApiError('RANGE_NOT_SATISFIABLE', { headers: { 'Content-Range': `bytes */${size}` } });
}

export function fileResponse(request: Request, options: FileResponseOptions): Response {
  const { body, etag } = options;
  const headers = new Headers({
    ETag: etag,
    'Cache-Control': options.cacheControl,
    'Accept-Ranges': 'bytes',
    ...options.extraHeaders,
  });
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch !== null && etagMatches(ifNoneMatch, etag))
    return new Response(null, { status: 304, headers });
  headers.set('Content-Type', options.contentType);
  const rangeHeader = request.headers.get('range');
  const ifRange = request.headers.get('if-range');
  const range =
    rangeHeader !== null && (ifRange === null || ifRange.trim() === etag)
      ? parseRange(rangeHeader, body.length)
      : null;
  if (range) {
    headers.set('Content-Range', `bytes ${range.start}-${range.end}/${body.length}`);
    headers.set('Content-Length', String(range.end - range.start + 1));
    return new Response(body.slice(range.start, range.end + 1), { status: 206, headers });
  }
  headers.set('Content-Length', String(body.length));
  return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers });
}
