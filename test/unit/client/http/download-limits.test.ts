/**
 * The download limits (docs/CLIENT.md "Download limits"): the manifest maximum really bounds every
 * manifest the format allows, and a body is cut at its limit while it streams (a local HTTP server
 * that announces too much, or sends more than it announced, or never ends), not retried, and never
 * held past the limit.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCappedBody } from '../../../../src/client/http/capped-body.ts';
import {
  MAX_MANIFEST_BYTES,
  MAX_MANIFEST_ENTRY_BYTES,
  signedLengthLimit,
} from '../../../../src/client/http/download-limits.ts';
import { DEFAULT_RETRY_POLICY, requestWithRetry } from '../../../../src/client/http/fetch-retry.ts';
import { postToWorker } from '../../../../src/client/http/worker-post.ts';
import { encodeSignedManifest, type Manifest } from '../../../../src/core/epoch/manifest.ts';
import { QuietlistError } from '../../../../src/core/errors.ts';
import { deltaFileName, shardFileName } from '../../../../src/core/filter/sharding.ts';
import { MAX_SHARD_BITS } from '../../../../src/core/filter/sizing.ts';
import vector from '../../../vectors/manifest.json' with { type: 'json' };
import partitioned from '../../../vectors/partitions.json' with { type: 'json' };

describe('the manifest maximum', () => {
  it('holds 2^16 shard entries at the largest values the format allows, each under 640 bytes as the builder writes it (768 with a partition)', () => {
    const base = structuredClone(vector.manifest) as Manifest;
    const epoch = '20261127T020000Z-abcdefghijklmnop'; // the longest epoch id
    // The last `count` shards of 2^16, every number at its largest: only the written size is measured.
    const size = (count: number) => {
      const first = 2 ** 16 - count;
      const manifest: Manifest = {
        ...base,
        previous: { epoch, manifestSha256: 'f'.repeat(64) },
        filter: { ...base.filter, shardPrefixBits: 16 },
        shards: Array.from({ length: count }, (_, i) => ({
          index: first + i,
          path: shardFileName(first + i),
          bytes: Number.MAX_SAFE_INTEGER,
          entries: Number.MAX_SAFE_INTEGER,
          bitCount: MAX_SHARD_BITS,
          hashCount: 999,
          sha256: 'e'.repeat(64),
          delta: {
            from: epoch,
            path: deltaFileName(first + i),
            bytes: Number.MAX_SAFE_INTEGER,
            sha256: 'd'.repeat(64),
          },
        })),
      };
      const signature = {
        algorithm: 'Ed25519' as const,
        keyFingerprint: 'a'.repeat(32),
        value: `${'A'.repeat(86)}==`,
      };
      return encodeSignedManifest({ manifest, signature }).length;
    };
    const perEntry = (size(4) - size(2)) / 2;
    expect(perEntry).toBeLessThan(640);
    expect(size(2) - 2 * perEntry).toBeLessThan(1024 * 1024);
    expect(MAX_MANIFEST_BYTES).toBe(2 ** 16 * MAX_MANIFEST_ENTRY_BYTES + 1024 * 1024);
  });
});

describe('the manifest maximum, partitioned', () => {
  it('holds 2^16 shards in all when every one is a partition of its own, 6-digit ids, every value at its largest', () => {
    const base = structuredClone(partitioned.manifest) as Manifest;
    const epoch = '20261127T020000Z-abcdefghijklmnop';
    const rule = { ...base.register!.partition!, digits: 6 };
    const size = (count: number) => {
      const ids = Array.from({ length: count }, (_, i) => String(999_999 - count + 1 + i));
      const manifest: Manifest = {
        ...base,
        previous: { epoch, manifestSha256: 'f'.repeat(64) },
        register: { ...base.register!, partition: rule },
        partitions: ids.map((id) => ({ id, shardPrefixBits: 0, geometrySince: epoch })),
        shards: ids.map((id) => ({
          partition: id,
          index: 0,
          path: `p/${id}/${shardFileName(0)}`,
          bytes: Number.MAX_SAFE_INTEGER,
          entries: Number.MAX_SAFE_INTEGER,
          bitCount: MAX_SHARD_BITS,
          hashCount: 999,
          sha256: 'e'.repeat(64),
          delta: {
            from: epoch,
            path: `p/${id}/${deltaFileName(0)}`,
            bytes: Number.MAX_SAFE_INTEGER,
            sha256: 'd'.repeat(64),
          },
        })),
      };
      const signature = {
        algorithm: 'Ed25519' as const,
        keyFingerprint: 'a'.repeat(32),
        value: `${'A'.repeat(86)}==`,
      };
      return encodeSignedManifest({ manifest, signature }).length;
    };
    // A shard entry and its partition's entry together: a partition has one shard at least.
    const perShard = (size(4) - size(2)) / 2;
    expect(perShard).toBeLessThan(MAX_MANIFEST_ENTRY_BYTES);
    expect(size(2) - 2 * perShard).toBeLessThan(1024 * 1024);
  });
});

describe('reading a body with a limit', () => {
  let server: Server;
  let base: string;
  const sent: Record<string, number> = {};
  let requests = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      const path = req.url ?? '/';
      sent[path] = 0;
      const write = (chunk: Buffer) => {
        sent[path]! += chunk.length;
        return res.write(chunk);
      };
      if (path === '/exact') {
        res.writeHead(200, { 'content-length': '100' });
        return res.end(Buffer.alloc(100, 1));
      }
      if (path === '/v1/oprf/evaluate') {
        // A worker that answers a batch with 2 MiB (a batch of 1,000 is tens of KB).
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(Buffer.alloc(2 * 1024 * 1024, 0x20));
      }
      if (path === '/announced') {
        // Announces 400 MiB and would send it: refused on the header, before the body is read.
        res.writeHead(200, { 'content-length': String(400 * 1024 * 1024) });
        write(Buffer.alloc(64 * 1024));
        return;
      }
      // Chunked and endless: the client must hang up.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 2);
      const pump = () => {
        while (!res.destroyed && sent[path]! < 64 * 1024 * 1024)
          if (!write(chunk)) return res.once('drain', pump);
        res.end();
      };
      res.on('close', () => res.destroy());
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const refusal = async (promise: Promise<unknown>): Promise<QuietlistError> => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof QuietlistError) return error;
      throw error;
    }
    throw new Error('the body was accepted');
  };

  it('gives back a body within its limit, and refuses one byte more', async () => {
    expect(
      (await readCappedBody(await fetch(`${base}/exact`), signedLengthLimit(100), 'GET /exact')).length,
    ).toBe(100);
    const error = await refusal(
      readCappedBody(await fetch(`${base}/exact`), signedLengthLimit(99), 'GET /exact'),
    );
    expect(error.code).toBe('CHECKSUM_MISMATCH');
    expect(error.message).toBe(
      'GET /exact: the answer is longer than its signed size (99 bytes): refused, nothing of it kept',
    );
  });

  it('refuses an announced length above the limit without reading the body', async () => {
    const error = await refusal(
      readCappedBody(await fetch(`${base}/announced`), signedLengthLimit(1200), 'GET /announced'),
    );
    expect(error.code).toBe('CHECKSUM_MISMATCH');
  });

  it('cuts a body nobody announced as soon as it passes the limit', async () => {
    const error = await refusal(
      readCappedBody(await fetch(`${base}/endless`), signedLengthLimit(1_000_000), 'GET /endless'),
    );
    expect(error.code).toBe('CHECKSUM_MISMATCH');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The server stopped when the client hung up: far less than the 64 MiB it was ready to send.
    expect(sent['/endless']).toBeLessThan(16 * 1024 * 1024);
  });

  it("reads the worker's answers to POSTs up to 1 MiB (check --worker, check --online, receipts)", async () => {
    const policy = { ...DEFAULT_RETRY_POLICY, attempts: 2, baseDelayMs: 1, maxDelayMs: 2 };
    const error = await refusal(
      postToWorker(`${base}/v1/oprf/evaluate`, 'ql_test', { elements: [] }, 'POST /v1/oprf/evaluate', policy),
    );
    expect(error.code).toBe('FORMAT_INVALID');
    expect(error.message).toMatch(/the answer is longer than the largest API answer allowed \(1 MiB\)/);
  });

  it('never retries a refused answer: the server would only lie again', async () => {
    requests = 0;
    const policy = { ...DEFAULT_RETRY_POLICY, attempts: 4, baseDelayMs: 1, maxDelayMs: 2 };
    const error = await refusal(
      requestWithRetry(`${base}/endless`, {}, 'GET /endless', policy, {}, signedLengthLimit(10)),
    );
    expect(error.code).toBe('CHECKSUM_MISMATCH');
    expect(requests).toBe(1);
  });
});
