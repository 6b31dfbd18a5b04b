/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of the local R2's S3 endpoint or a real API server:
 * the client talks to it as to any endpoint (requests are forwarded unchanged, so SigV4 still verifies),
 * and a test decides per request whether it passes, fails with a status, has its connection reset, is
 * delayed, answers with a truncated body (half of it, or the first N bytes), stalls after N bytes,
 * never answers (a timeout), reaches a server that ignores Range, or gets a lying server's flood (a 200
 * of hundreds of MiB, announced or chunked, in place of a small file). Every answer is logged with the
 * Range it asked for and the body bytes it sent.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'status'; status: 500 | 503 | 429 }
  | { kind: 'reset' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'truncate' }
  /** The headers, the first `afterBytes` of the body, then the connection drops. */
  | { kind: 'cut'; afterBytes: number }
  /** The headers and the first `afterBytes`, then nothing more until the client gives up (or is killed). */
  | { kind: 'stall'; afterBytes: number }
  /** Forwarded without Range and If-Range: a server that ignores them and answers 200. */
  | { kind: 'no-range' }
  /**
   * A 200 of `bytes` bytes in place of the real answer, streamed in 1 MiB chunks until the client hangs
   * up; `announce`: with a Content-Length saying so, else chunked (a length nobody announced).
   */
  | { kind: 'flood'; bytes: number; announce: boolean }
  | { kind: 'hang' };

export interface ProxiedRequest {
  method: string;
  path: string;
  range?: string;
  ifRange?: string;
  status: number;
  /** Body bytes that went out to the client. */
  bytesSent: number;
}

export interface FaultProxy {
  /** Use in place of the S3 endpoint (same path). */
  endpoint: string;
  /** Chooses the fault of each request; counts what was injected. */
  decide: (method: string, path: string, headers: IncomingHttpHeaders) => Fault;
  injected: Record<Fault['kind'], number>;
  /** The requests that got an answer from upstream, in order. */
  log: ProxiedRequest[];
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const proxy: FaultProxy = {
    endpoint: '',
    decide: () => ({ kind: 'pass' }),
    injected: {
      pass: 0,
      status: 0,
      reset: 0,
      slow: 0,
      truncate: 0,
      cut: 0,
      stall: 0,
      'no-range': 0,
      flood: 0,
      hang: 0,
    },
    log: [],
    close: async () => {},
  };
  const server = createServer(async (req, res) => {
    const body = await readAll(req);
    const fault = proxy.decide(req.method ?? 'GET', req.url ?? '/', req.headers);
    proxy.injected[fault.kind]++;
    if (fault.kind === 'reset') return req.socket.destroy();
    if (fault.kind === 'hang') return; // the client's timeout (or the test's close) ends it
    if (fault.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/xml' });
      return res.end('<Error><Code>InternalError</Code><Message>injected</Message></Error>');
    }
    if (fault.kind === 'flood') return flood(res, fault, proxy.log, req);
    if (fault.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    const headers = { ...req.headers };
    if (fault.kind === 'no-range') {
      delete headers.range;
      delete headers['if-range'];
    }
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers,
      },
      async (answer) => {
        const payload = await readAll(answer);
        const status = answer.statusCode ?? 502;
        const logged: ProxiedRequest = {
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          ...(req.headers.range ? { range: req.headers.range } : {}),
          ...(typeof req.headers['if-range'] === 'string' ? { ifRange: req.headers['if-range'] } : {}),
          status,
          bytesSent: payload.length,
        };
        proxy.log.push(logged);
        res.writeHead(status, answer.headers);
        const cutAt =
          fault.kind === 'truncate' && payload.length > 1
            ? payload.length >> 1
            : fault.kind === 'cut' || fault.kind === 'stall'
              ? Math.min(fault.afterBytes, payload.length)
              : undefined;
        if (cutAt !== undefined) {
          // Headers promise the whole body; part of it arrives, then the connection drops (or stalls).
          logged.bytesSent = cutAt;
          if (fault.kind === 'truncate') {
            res.write(payload.subarray(0, cutAt));
            return res.socket?.destroy();
          }
          // Dropped once the bytes are handed to the kernel, so they reach the client before the FIN.
          res.write(payload.subarray(0, cutAt), () => {
            if (fault.kind === 'cut') res.socket?.destroy();
          });
          return;
        }
        res.end(payload);
      },
    );
    forward.on('error', () => req.socket.destroy());
    forward.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  proxy.endpoint = `http://127.0.0.1:${port}${upstream.pathname}`;
  proxy.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Streams `fault.bytes` bytes of filler with backpressure, stopping when the client closes the connection. */
async function flood(
  res: import('node:http').ServerResponse,
  fault: { bytes: number; announce: boolean },
  log: ProxiedRequest[],
  req: IncomingMessage,
): Promise<void> {
  const logged: ProxiedRequest = {
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    status: 200,
    bytesSent: 0,
  };
  log.push(logged);
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    ...(fault.announce ? { 'content-length': String(fault.bytes) } : {}),
  });
  const chunk = Buffer.alloc(1 << 20, 0x7b);
  let closed = false;
  res.on('close', () => (closed = true));
  while (!closed && logged.bytesSent < fault.bytes) {
    const piece = chunk.subarray(0, Math.min(chunk.length, fault.bytes - logged.bytesSent));
    logged.bytesSent += piece.length;
    if (!res.write(piece)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done).on('close', done);
      });
    }
  }
  if (!closed) res.end();
}
