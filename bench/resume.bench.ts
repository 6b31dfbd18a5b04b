/**
 * Resumed shard downloads (issue 13): one shard-sized file served over loopback with the API's own
 * Range code (src/api/http/ranges.ts), its first response cut at 50%. Side by side: the buffered path
 * pull took before (the retry starts from zero) and the resumable one (the retry asks `Range: bytes=N-`
 * with If-Range): bytes the server sent, bytes sent again, time, and the downloading process's peak RSS
 * (each run in its own child process). Random bytes: a shard's content does not change the transfer.
 */
import { createHash, randomFillSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileResponse } from '../src/api/http/ranges.ts';
import { runInChild } from './children/child-process.ts';
import type { ResumeOutcome, ResumeTask } from './children/resume-child.ts';
import { type BenchSuite, checkTarget, type Measurement, type TargetCheck } from './support/suite.ts';

const MB = 1e6;
const CHILD = new URL('./children/resume-child.ts', import.meta.url);

export const resumeSuite: BenchSuite = {
  name: 'resume',
  description:
    'a shard download cut at 50%: bytes sent again, time and peak memory, with and without Range resume',
  async run(options, log) {
    const sizes = options.sizes ?? [options.quick ? 32 * MB : 256 * MB];
    const measurements: Measurement[] = [];
    const targets: TargetCheck[] = [];
    for (const size of sizes) {
      const body = new Uint8Array(size);
      randomFillSync(body);
      const sha256 = createHash('sha256').update(body).digest('hex');
      const server = await startCuttingServer(body, sha256);
      try {
        for (const mode of ['buffered', 'resumable'] as const) {
          server.sent.length = 0;
          server.cutNext = true;
          log(`resume: ${mode} download of ${(size / MB).toFixed(0)} MB, cut at 50%`);
          const outcome = await runInChild<ResumeTask, ResumeOutcome>(CHILD, {
            url: server.url,
            mode,
            bytes: size,
            sha256,
            directory: options.tempDirectory,
          });
          const sent = server.sent.reduce((sum, bytes) => sum + bytes, 0);
          const label = mode === 'buffered' ? 'without resume (buffered)' : 'with Range resume (streamed)';
          measurements.push(
            { metric: `${label}: bytes sent / file size (×)`, size, value: round(sent / size) },
            {
              metric: `${label}: bytes sent again after the cut (MB)`,
              size,
              value: round((sent - size) / MB),
            },
            { metric: `${label}: requests`, size, value: server.sent.length },
            { metric: `${label}: time (s)`, size, value: round(outcome.ms / 1000) },
            {
              metric: `${label}: peak RSS of the client (MiB)`,
              size,
              value: round(outcome.peakMiB ?? Number.NaN),
            },
            {
              metric: `${label}: RSS growth during the download (MiB)`,
              size,
              value: round(outcome.growthMiB ?? Number.NaN),
            },
          );
          targets.push(checkTarget(`${mode}: the file verified`, outcome.verified ? 1 : 0, '>=', 1, 'bool'));
          if (mode === 'resumable') {
            targets.push(checkTarget('resumed: bytes sent ≤ 1.01 × the file', sent / size, '<=', 1.01, '×'));
            // Fetch's buffers, the 4 MiB read-ahead, garbage not yet collected: about 30–110 MiB here at 8–256 MB.
            if (outcome.growthMiB !== undefined)
              targets.push(
                checkTarget(
                  'resumed: client RSS growth (MiB), whatever the size',
                  outcome.growthMiB,
                  '<=',
                  128,
                ),
              );
          }
        }
      } finally {
        await server.close();
      }
    }
    return {
      measurements,
      targets,
      notes: [
        'loopback, server and client on the same 2 cores; the cut drops the connection after half the body',
      ],
    };
  },
};

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

interface CuttingServer {
  url: string;
  /** Body bytes written per response, in order. */
  sent: number[];
  cutNext: boolean;
  close(): Promise<void>;
}

async function startCuttingServer(body: Uint8Array, sha256: string): Promise<CuttingServer> {
  const state: CuttingServer = { url: '', sent: [], cutNext: false, close: async () => {} };
  const server = createServer((req, res) => void answer(req, res, body, sha256, state));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/shard`;
  state.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  body: Uint8Array,
  sha256: string,
  state: CuttingServer,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === 'string') headers.set(name, value);
  const response = fileResponse(new Request(`http://bench${req.url}`, { headers }), {
    body,
    etag: `"${sha256}"`,
    contentType: 'application/vnd.quietlist.filter',
    cacheControl: 'public, max-age=31536000, immutable',
  });
  const payload = new Uint8Array(await response.arrayBuffer());
  res.writeHead(response.status, Object.fromEntries(response.headers));
  const cut = state.cutNext;
  state.cutNext = false;
  const limit = cut ? Math.floor(payload.length / 2) : payload.length;
  const CHUNK = 1 << 20;
  for (let at = 0; at < limit; at += CHUNK) {
    const piece = payload.subarray(at, Math.min(limit, at + CHUNK));
    if (!res.write(piece)) await new Promise((resolve) => res.once('drain', resolve));
  }
  state.sent.push(limit);
  if (cut) setTimeout(() => res.socket?.destroy(), 50);
  else res.end();
}
