/**
 * The resumable download against a real local HTTP server scripted per request: what it sends after a
 * cut, and what it does with each kind of answer (206 that continues, 206 of another range, 200, 416,
 * a weak ETag, a body longer than the signed size, a 404, a busy server).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetryPolicy } from '../../../../src/client/http/fetch-retry.ts';
import { downloadResumable, partRecordPath } from '../../../../src/client/http/resumable-download.ts';

const FILE = new Uint8Array(randomBytes(40_000));
const SHA = createHash('sha256').update(FILE).digest('hex');
const ETAG = `"${SHA.slice(0, 16)}"`;
const RETRY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 1,
  maxDelayMs: 2,
  maxRetryAfterMs: 1000,
  timeoutMs: 5000,
};

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** Send this many body bytes, then drop the connection. */
  cutAfter?: number;
}
type Script = (headers: IncomingHttpHeaders, index: number) => Answer;

let server: Server;
let url: string;
let script: Script = () => ({ status: 200, body: FILE });
const seen: IncomingHttpHeaders[] = [];
const dir = mkdtempSync(join(tmpdir(), 'quietlist-resume-unit-'));

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    const answer = script(req.headers, seen.length - 1);
    const body = answer.body ?? new Uint8Array();
    res.writeHead(answer.status, { 'content-length': String(body.length), etag: ETAG, ...answer.headers });
    if (answer.cutAfter === undefined) return res.end(body);
    // Dropped once the bytes are handed to the kernel, so they reach the client before the FIN.
    res.write(body.subarray(0, answer.cutAfter), () => res.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/file`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/** A 200 of the whole file, or a 206 of what a well-behaved server sends for `bytes=N-`. */
function honest(headers: IncomingHttpHeaders): Answer {
  const match = /^bytes=(\d+)-$/.exec(headers.range ?? '');
  if (!match || headers['if-range'] !== ETAG) return { status: 200, body: FILE };
  const from = Number(match[1]);
  return {
    status: 206,
    body: FILE.subarray(from),
    headers: { 'content-range': `bytes ${from}-${FILE.length - 1}/${FILE.length}` },
  };
}

let counter = 0;
async function run(next: Script) {
  script = next;
  seen.length = 0;
  const path = join(dir, `file-${counter++}.part`);
  const target = { path, bytes: FILE.length, sha256: SHA };
  const get = () => downloadResumable(url, { headers: new Headers() }, 'GET /file', target, RETRY);
  return { path, target, get };
}

const contents = async (path: string) => new Uint8Array(await readFile(path));

describe('downloadResumable', () => {
  it('continues after a cut with Range and If-Range, and counts only what it received', async () => {
    const { path, get } = await run((headers, i) =>
      i === 0 ? { ...honest(headers), cutAfter: 10_000 } : honest(headers),
    );
    const outcome = await get();
    expect(seen[1]).toMatchObject({ range: 'bytes=10000-', 'if-range': ETAG });
    expect(outcome).toEqual({ transferred: FILE.length, resumedFrom: [10_000], whole: false });
    expect(await contents(path)).toEqual(FILE);
    expect(JSON.parse(await readFile(partRecordPath(path), 'utf8'))).toEqual({
      sha256: SHA,
      bytes: FILE.length,
      etag: ETAG,
    });
  });

  it('starts over on a 200, a 416, or a 206 of another range', async () => {
    const answers: [string, Answer, number][] = [
      ['200', { status: 200, body: FILE }, 2],
      ['416', { status: 416, headers: { 'content-range': `bytes */${FILE.length}` } }, 3],
      [
        'another range',
        {
          status: 206,
          body: FILE.subarray(5),
          headers: { 'content-range': `bytes 5-${FILE.length - 1}/${FILE.length}` },
        },
        3,
      ],
    ];
    for (const [name, second, requests] of answers) {
      const { path, get } = await run((headers, i) =>
        i === 0 ? { ...honest(headers), cutAfter: 8_000 } : i === 1 ? second : honest(headers),
      );
      const outcome = await get();
      expect(await contents(path), name).toEqual(FILE);
      expect(seen[1]?.range, name).toBe('bytes=8000-');
      // The 200 is the file itself; after a 416 or a wrong range the part was dropped and fetched whole.
      expect(seen, name).toHaveLength(requests);
      if (requests === 3) expect(seen[2]?.range, name).toBeUndefined();
      expect(outcome.whole, name).toBe(true);
    }
  });

  it('does not resume without a strong ETag', async () => {
    const { path, get } = await run((_headers, i) => ({
      status: 200,
      body: FILE,
      headers: { etag: 'W/"weak"' },
      ...(i === 0 ? { cutAfter: 8_000 } : {}),
    }));
    await get();
    expect(seen.map((headers) => headers.range)).toEqual([undefined, undefined]);
    expect(await contents(path)).toEqual(FILE);
  });

  it('resumes a part left by an earlier run only if its record names the same file', async () => {
    const { path, target, get } = await run(honest);
    await writeFile(path, FILE.subarray(0, 3000));
    await writeFile(partRecordPath(path), JSON.stringify({ sha256: SHA, bytes: FILE.length, etag: ETAG }));
    expect((await get()).resumedFrom).toEqual([3000]);
    expect(await contents(path)).toEqual(FILE);

    await writeFile(path, FILE.subarray(0, 3000));
    await writeFile(
      partRecordPath(path),
      JSON.stringify({ sha256: '0'.repeat(64), bytes: FILE.length, etag: ETAG }),
    );
    seen.length = 0;
    const fresh = await downloadResumable(url, { headers: new Headers() }, 'GET /file', target, RETRY);
    expect(fresh.resumedFrom).toEqual([]);
    expect(seen[0]?.range).toBeUndefined();
  });

  it('refuses a body longer than the signed size, and maps a 404 without retrying', async () => {
    const longer = await run(() => ({ status: 200, body: new Uint8Array(FILE.length + 10) }));
    await expect(longer.get()).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH' });
    await expect(stat(longer.path)).rejects.toMatchObject({ code: 'ENOENT' });

    const missing = await run(() => ({
      status: 404,
      body: new TextEncoder().encode('{"error":{"code":"NOT_FOUND","message":"no such file"}}'),
    }));
    await expect(missing.get()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(seen).toHaveLength(1);
  });

  it('gives up after the last attempt with the part kept for the next run', async () => {
    const { path, get } = await run((headers) => ({ ...honest(headers), cutAfter: 1000 }));
    await expect(get()).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      message: expect.stringMatching(/GET \/file failed after 3 attempt/),
    });
    expect(seen.map((headers) => headers.range)).toEqual([undefined, 'bytes=1000-', 'bytes=2000-']);
    expect((await stat(path)).size).toBe(3000);
  });
});
