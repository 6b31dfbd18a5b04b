/**
 * A stand-in for the worker's download and check endpoints over node:http, serving a store the way
 * the contract says (the signed latest.json, ETag / If-None-Match, immutable files, key retirement
 * records), with faults the real worker never makes on purpose: a response cut off half-way, scripted
 * 429 / 503 answers.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { keyRetirementKey } from '../../../../src/core/epoch/key-retirement.ts';
import {
  epochPrefix,
  LATEST_POINTER_KEY,
  manifestKey,
  parseSignedPointer,
} from '../../../../src/core/epoch/pointer.ts';
import type { ObjectStore } from '../../../../src/storage/object-store.ts';

export type Fault =
  | { kind: 'cut' }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown };

export interface StandInRequest {
  method: string;
  path: string;
  ifNoneMatch?: string;
  authorization?: string;
  body?: string;
}

export interface StandInWorker {
  url: string;
  requests: StandInRequest[];
  /** Decides a fault for a request, or undefined to serve it normally. */
  fault: ((request: StandInRequest) => Fault | undefined) | undefined;
  /** Answers POST /v1/check when no fault applies. */
  check: ((numbers: string[]) => unknown) | undefined;
  close(): Promise<void>;
}

export async function startStandInWorker(store: ObjectStore): Promise<StandInWorker> {
  const worker: StandInWorker = {
    url: '',
    requests: [],
    fault: undefined,
    check: undefined,
    close: async () => {},
  };
  const server = createServer((req, res) => {
    void handle(worker, store, req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: { code: 'INTERNAL', message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  worker.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  worker.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return worker;
}

async function handle(worker: StandInWorker, store: ObjectStore, req: IncomingMessage, res: ServerResponse) {
  let body = '';
  for await (const chunk of req) body += chunk;
  const request: StandInRequest = {
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    ifNoneMatch: req.headers['if-none-match'],
    authorization: req.headers.authorization,
    body: body || undefined,
  };
  worker.requests.push(request);
  const fault = worker.fault?.(request);
  if (fault?.kind === 'status') {
    res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
    res.end(JSON.stringify(fault.body ?? { error: { code: 'BUSY', message: 'try again' } }));
    return;
  }
  let bytes: Uint8Array | null = null;
  let type = 'application/octet-stream';
  if (request.method === 'POST' && request.path === '/v1/check' && worker.check) {
    bytes = new TextEncoder().encode(JSON.stringify(worker.check(JSON.parse(body).numbers)));
    type = 'application/json';
  } else if (request.path === '/v1/latest') {
    bytes = (await store.get(LATEST_POINTER_KEY))?.body ?? null;
    type = 'application/json';
  } else if (request.path === '/v1/manifest') {
    const pointer = await store.get(LATEST_POINTER_KEY);
    const epoch = pointer ? parseSignedPointer(pointer.body).pointer.epoch : undefined;
    bytes = epoch ? ((await store.get(manifestKey(epoch)))?.body ?? null) : null;
    type = 'application/json';
  } else if (request.path.startsWith('/v1/key-retirements/')) {
    bytes =
      (await store.get(keyRetirementKey(request.path.slice('/v1/key-retirements/'.length))))?.body ?? null;
    type = 'application/json';
  } else {
    const manifest = /^\/v1\/epochs\/([^/]+)\/manifest$/.exec(request.path);
    const match = /^\/v1\/epochs\/([^/]+)\/([^/]+)$/.exec(request.path);
    if (manifest) bytes = (await store.get(manifestKey(manifest[1]!)))?.body ?? null;
    else if (match) bytes = (await store.get(`${epochPrefix(match[1]!)}${match[2]!}`))?.body ?? null;
  }
  if (!bytes) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no such file' } }));
    return;
  }
  const etag = `"${createHash('sha256').update(bytes).digest('hex')}"`;
  if (request.ifNoneMatch === etag) {
    res.writeHead(304, { etag });
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': type, 'content-length': String(bytes.length), etag });
  if (fault?.kind === 'cut') {
    // Half the promised bytes, then the connection drops: what a flaky network does mid-download.
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    setTimeout(() => res.socket?.destroy(), 20);
    return;
  }
  res.end(bytes);
}
