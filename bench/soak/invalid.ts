/**
 * Invalid requests the soak mixes in, each with the status and error code docs/API.md documents for
 * it. Any other answer counts as an error (a 5xx as a server error). None of them carries a phone
 * number the bench does not generate, nor a real key.
 */
import type { ApiErrorCode } from '../../src/core/api-errors.ts';
import { toBase64 } from '../../src/core/encoding/base64.ts';
import type { Role } from './deployments.ts';
import { errorCode, post, send, type TrafficContext } from './traffic.ts';

interface InvalidRequest {
  name: string;
  role: Role;
  path: (ctx: TrafficContext) => string;
  init: (ctx: TrafficContext) => RequestInit;
  status: number;
  code: ApiErrorCode;
}

/** Well formed, but no subscriber has it. */
const UNKNOWN_KEY = `ql_${'z'.repeat(12)}_${'A'.repeat(43)}`;
const IDENTITY = toBase64(new Uint8Array(32));
const NON_CANONICAL = toBase64(new Uint8Array(32).fill(0xff));
const SOME_NUMBERS = Array.from({ length: 5 }, (_, i) => `+3363998000${i}`);

const get = (): RequestInit => ({});

export const INVALID_REQUESTS: readonly InvalidRequest[] = [
  {
    name: 'check: body not JSON',
    role: 'check',
    path: () => '/v1/check',
    init: (ctx) => post(ctx, 'check', '{"numbers": ['),
    ...{ status: 400, code: 'INVALID_JSON' },
  },
  {
    name: 'check: unknown API key',
    role: 'check',
    path: () => '/v1/check',
    init: (ctx) => post(ctx, 'check', { numbers: SOME_NUMBERS }, UNKNOWN_KEY),
    ...{ status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'check: no API key',
    role: 'check',
    path: () => '/v1/check',
    init: () => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"numbers":[]}' }),
    ...{ status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'check: 1,001 numbers',
    role: 'check',
    path: () => '/v1/check',
    init: (ctx) =>
      post(ctx, 'check', { numbers: Array.from({ length: 1001 }, (_, i) => SOME_NUMBERS[i % 5]) }),
    ...{ status: 400, code: 'TOO_MANY_NUMBERS' },
  },
  {
    name: 'check: empty list',
    role: 'check',
    path: () => '/v1/check',
    init: (ctx) => post(ctx, 'check', { numbers: [] }),
    ...{ status: 400, code: 'INVALID_REQUEST' },
  },
  {
    name: 'check: not application/json',
    role: 'check',
    path: () => '/v1/check',
    init: (ctx) => ({
      method: 'POST',
      headers: {
        authorization: `Bearer ${ctx.target.deployments.check.apiKey}`,
        'content-type': 'text/plain',
      },
      body: JSON.stringify({ numbers: SOME_NUMBERS }),
    }),
    ...{ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  },
  {
    name: 'check: body over 128 KiB',
    role: 'check',
    path: () => '/v1/check',
    init: (ctx) => post(ctx, 'check', { numbers: ['x'.repeat(140_000)] }),
    ...{ status: 413, code: 'PAYLOAD_TOO_LARGE' },
  },
  {
    name: 'check on an oprf-mode epoch',
    role: 'oprf',
    path: () => '/v1/check',
    init: (ctx) => post(ctx, 'oprf', { numbers: SOME_NUMBERS }),
    ...{ status: 501, code: 'UNSUPPORTED_MODE' },
  },
  {
    name: 'oprf: the identity element',
    role: 'oprf',
    path: () => '/v1/oprf/evaluate',
    init: (ctx) => post(ctx, 'oprf', { elements: [IDENTITY] }),
    ...{ status: 400, code: 'INVALID_ELEMENT' },
  },
  {
    name: 'oprf: a non-canonical element',
    role: 'oprf',
    path: () => '/v1/oprf/evaluate',
    init: (ctx) => post(ctx, 'oprf', { elements: [NON_CANONICAL, IDENTITY] }),
    ...{ status: 400, code: 'INVALID_ELEMENT' },
  },
  {
    name: 'oprf: an element that is not base64',
    role: 'oprf',
    path: () => '/v1/oprf/evaluate',
    init: (ctx) => post(ctx, 'oprf', { elements: ['!'.repeat(44)] }),
    ...{ status: 400, code: 'INVALID_ELEMENT' },
  },
  {
    name: 'oprf: unknown API key',
    role: 'oprf',
    path: () => '/v1/oprf/evaluate',
    init: (ctx) => post(ctx, 'oprf', { elements: [NON_CANONICAL] }, UNKNOWN_KEY),
    ...{ status: 401, code: 'UNAUTHORIZED' },
  },
  {
    name: 'oprf evaluate on an open-mode epoch',
    role: 'check',
    path: () => '/v1/oprf/evaluate',
    init: (ctx) => post(ctx, 'check', { elements: [NON_CANONICAL] }),
    ...{ status: 501, code: 'UNSUPPORTED_MODE' },
  },
  {
    name: 'download: an epoch never published',
    role: 'check',
    path: () => '/v1/epochs/20000101T000000Z-never/manifest',
    init: get,
    ...{ status: 404, code: 'NOT_FOUND' },
  },
  {
    name: 'download: not an epoch id',
    role: 'oprf',
    path: () => '/v1/epochs/latest/manifest',
    init: get,
    ...{ status: 400, code: 'INVALID_PATH' },
  },
  {
    name: 'download: a range past the end',
    role: 'check',
    path: (ctx) => `/v1/epochs/${ctx.target.deployments.check.seed.epoch}/shard-00000.qlbf`,
    init: () => ({ headers: { range: 'bytes=900000000-' } }),
    ...{ status: 416, code: 'RANGE_NOT_SATISFIABLE' },
  },
  {
    name: 'check with GET',
    role: 'check',
    path: () => '/v1/check',
    init: get,
    ...{ status: 405, code: 'METHOD_NOT_ALLOWED' },
  },
];

export async function invalidRequest(ctx: TrafficContext): Promise<void> {
  const request = INVALID_REQUESTS[Math.floor(ctx.random() * INVALID_REQUESTS.length)]!;
  const answer = await send(
    ctx,
    'invalid',
    request.role,
    request.path(ctx),
    request.init(ctx),
    request.status,
  );
  if (!answer) return;
  const code = errorCode(answer.body);
  if (answer.status !== request.status || code !== request.code) {
    // A 5xx other than the documented one was already counted by send().
    if (answer.status >= 500 && answer.status !== request.status) return;
    ctx.stats.fail(
      'unexpected status',
      `${request.name}: ${answer.status} ${code} (expected ${request.status} ${request.code})`,
    );
  }
}
