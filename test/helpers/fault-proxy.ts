/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of the local R2's S3 endpoint: the real S3 client
 * talks to it as to any endpoint (requests are forwarded unchanged, so SigV4 still verifies), and a
 * test decides per request whether it passes, fails with a status, has its connection reset, is
 * delayed, answers with a truncated body, or never answers (a timeout).
 */
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'status'; status: 500 | 503 | 429 }
  | { kind: 'reset' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'truncate' }
  | { kind: 'hang' };

export interface FaultProxy {
  /** Use in place of the S3 endpoint (same path). */
  endpoint: string;
  /** Chooses the fault of each request; counts what was injected. */
  decide: (method: string, path: string) => Fault;
  injected: Record<Fault['kind'], number>;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const proxy: FaultProxy = {
    endpoint: '',
    decide: () => ({ kind: 'pass' }),
    injected: { pass: 0, status: 0, reset: 0, slow: 0, truncate: 0, hang: 0 },
    close: async () => {},
  };
  const server = createServer(async (req, res) => {
    const body = await readAll(req);
    const fault = proxy.decide(req.method ?? 'GET', req.url ?? '/');
    proxy.injected[fault.kind]++;
    if (fault.kind === 'reset') return req.socket.destroy();
    if (fault.kind === 'hang') return; // the client's timeout (or the test's close) ends it
    if (fault.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/xml' });
      return res.end('<Error><Code>InternalError</Code><Message>injected</Message></Error>');
    }
    if (fault.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      async (answer) => {
        const payload = await readAll(answer);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (fault.kind === 'truncate' && payload.length > 1) {
          // Headers promise the whole body; half of it arrives, then the connection drops.
          res.write(payload.subarray(0, payload.length >> 1));
          return res.socket?.destroy();
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
