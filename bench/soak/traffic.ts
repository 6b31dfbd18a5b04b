/**
 * The soak's valid requests, each checked against what the bench knows: POST /v1/check batches of
 * members, non-members, national spellings and a few values that are not numbers; POST
 * /v1/oprf/evaluate with real blinded elements, the proof verified and the outputs unblinded and looked
 * up in the named epoch's filter; manifest downloads (signature, ETag, sometimes If-None-Match) and
 * shard downloads (SHA-256 against the manifest, sometimes a Range or If-None-Match). Invalid requests
 * are in invalid.ts.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { readApiErrorBody } from '../../src/core/api-errors.ts';
import { toBase64 } from '../../src/core/encoding/base64.ts';
import { equalBytes, toHex } from '../../src/core/encoding/bytes.ts';
import { verifySignedManifest } from '../../src/core/epoch/manifest.ts';
import { readPhone } from '../../src/core/phone/normalize.ts';
import type { OprfBackend } from '../../src/oprf/types.ts';
import { decodeElements, decodeProof, encodeElements } from '../../src/oprf/wire.ts';
import { NON_MEMBER_START, type SyntheticNumbers } from '../support/synthetic-numbers.ts';
import type { Probe, SoakBook } from './book.ts';
import type { Role, SoakKeys, SoakTarget } from './deployments.ts';
import type { SoakStats } from './stats.ts';

/** A request taking longer than this counts as a timeout (an error). */
const REQUEST_TIMEOUT_MS = 60_000;
const NON_MEMBER_SPACE = 10_000_000;
const utf8 = new TextEncoder();

export interface TrafficContext {
  target: SoakTarget;
  book: SoakBook;
  stats: SoakStats;
  numbers: SyntheticNumbers;
  backend: OprfBackend;
  keys: SoakKeys;
  /** Upper end of the member indexes any epoch of a role holds (seed and next epoch together). */
  indexSpace: Record<Role, number>;
  random: () => number;
  /** ETags seen per download path, for If-None-Match. */
  etags: Map<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Uint8Array;
  startedAt: number;
}

/** Sends one request, records its latency and status; undefined (and a failure) on a network error or timeout. */
export async function send(
  ctx: TrafficContext,
  kind: string,
  role: Role,
  path: string,
  init: RequestInit = {},
  /** A documented 5xx this request must get (501 for a mode the deployment does not serve). */
  expectedStatus?: number,
): Promise<Answer | undefined> {
  const startedAt = performance.now();
  try {
    const response = await fetch(`${ctx.target.deployments[role].url}${path}`, {
      ...init,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = new Uint8Array(await response.arrayBuffer());
    ctx.stats.record(kind, performance.now() - startedAt, response.status);
    if (response.status >= 500 && response.status !== expectedStatus)
      ctx.stats.fail('server error (5xx)', `${kind}: ${response.status} ${errorCode(body)}`);
    return { status: response.status, headers: response.headers, body, startedAt };
  } catch (error) {
    ctx.stats.record(kind, performance.now() - startedAt, 'none');
    ctx.stats.fail('network error or timeout', `${kind}: ${(error as Error).name}`);
    return undefined;
  }
}

export function errorCode(body: Uint8Array): string {
  return readApiErrorBody(body)?.code ?? '(no API error body)';
}

/** Fails unless the status is `expected` (5xx are already counted by send). */
function expectStatus(ctx: TrafficContext, kind: string, answer: Answer, ...expected: number[]): boolean {
  if (expected.includes(answer.status)) return true;
  if (answer.status < 500)
    ctx.stats.fail('unexpected status', `${kind}: ${answer.status} ${errorCode(answer.body)}`);
  return false;
}

function json<T>(answer: Answer): T {
  return JSON.parse(new TextDecoder().decode(answer.body)) as T;
}

function pick<T>(ctx: TrafficContext, items: readonly T[]): T {
  return items[Math.floor(ctx.random() * items.length)]!;
}

/** Half members of some epoch (seed or next), half numbers no epoch holds. */
function probeIndex(ctx: TrafficContext, role: Role): number {
  return ctx.random() < 0.5
    ? Math.floor(ctx.random() * ctx.indexSpace[role])
    : NON_MEMBER_START + Math.floor(ctx.random() * NON_MEMBER_SPACE);
}

export async function checkBatch(ctx: TrafficContext): Promise<void> {
  const size = 1 + Math.floor(ctx.random() * 200);
  const probes: Probe[] = [];
  const values: string[] = [];
  for (let i = 0; i < size; i++) {
    if (ctx.random() < 0.03) {
      probes.push({ kind: 'garbage' });
      values.push(pick(ctx, ['12', 'not a number', '+3361234', '0000000000000000000']));
      continue;
    }
    const index = probeIndex(ctx, 'check');
    probes.push({ kind: 'index', index });
    values.push(ctx.random() < 0.3 ? ctx.numbers.national(index) : ctx.numbers.e164(index));
  }
  const answer = await send(ctx, 'check', 'check', '/v1/check', post(ctx, 'check', { numbers: values }));
  if (!answer || !expectStatus(ctx, 'check', answer, 200)) return;
  const body = json<{ epoch?: string; results?: { status?: string }[] }>(answer);
  if (typeof body.epoch !== 'string' || !Array.isArray(body.results) || body.results.length !== size) {
    ctx.stats.fail('bad answer', 'check: malformed response');
    return;
  }
  ctx.stats.count('numbers checked', size);
  ctx.stats.sighted('check', body.epoch, answer.startedAt);
  ctx.book.judge(
    'check',
    body.epoch,
    probes,
    body.results.map((result) => String(result.status)),
  );
}

export async function oprfBatch(ctx: TrafficContext): Promise<void> {
  const size = 1 + Math.floor(ctx.random() * 32);
  const indexes = Array.from({ length: size }, () => probeIndex(ctx, 'oprf'));
  // As a client does: the OPRF input is the number's key (normalisation scheme 3).
  const inputs = indexes.map((index) => utf8.encode(phoneKeyOf(ctx.numbers.e164(index))));
  const blinded = ctx.backend.blind(inputs);
  const request = post(ctx, 'oprf', { elements: encodeElements(blinded.blindedElements) });
  const answer = await send(ctx, 'oprf', 'oprf', '/v1/oprf/evaluate', request);
  if (!answer || !expectStatus(ctx, 'oprf', answer, 200)) return;
  const body = json<{ epoch?: string; publicKey?: string; evaluatedElements?: unknown[]; proof?: string }>(
    answer,
  );
  if (typeof body.epoch !== 'string' || body.evaluatedElements?.length !== size) {
    ctx.stats.fail('bad answer', 'oprf: malformed response');
    return;
  }
  if (body.publicKey !== toBase64(ctx.keys.oprfPublicKey)) {
    ctx.stats.fail('bad answer', 'oprf: an unexpected OPRF public key');
    return;
  }
  let outputs: Uint8Array[];
  try {
    const evaluation = {
      evaluatedElements: decodeElements(body.evaluatedElements, 'evaluated element'),
      proof: decodeProof(body.proof),
    };
    // The proof must verify against the operator's key, as a client's would.
    outputs = ctx.backend.finalize(inputs, blinded, evaluation, ctx.keys.oprfPublicKey);
  } catch (error) {
    ctx.stats.fail('bad answer', `oprf: ${(error as { code?: string }).code ?? 'proof or element refused'}`);
    return;
  }
  ctx.stats.count('elements evaluated and verified', size);
  ctx.stats.sighted('oprf', body.epoch, answer.startedAt);
  ctx.book.judgeOutputs(body.epoch, indexes, outputs);
}

function phoneKeyOf(raw: string): string {
  const read = readPhone(raw, 'FR');
  if (!read.ok || read.readings.length !== 1)
    throw new Error('a synthetic number did not read as one number');
  return read.readings[0]!.key;
}

export async function manifestDownload(ctx: TrafficContext): Promise<void> {
  const role = pick(ctx, ['check', 'oprf'] as const);
  const path = '/v1/manifest';
  const etag = ctx.etags.get(`${role}${path}`);
  const conditional = etag !== undefined && ctx.random() < 0.3;
  const answer = await send(
    ctx,
    'manifest',
    role,
    path,
    conditional ? { headers: { 'if-none-match': etag } } : {},
  );
  if (!answer || !expectStatus(ctx, 'manifest', answer, ...(conditional ? [200, 304] : [200]))) return;
  if (answer.status === 304) return;
  try {
    const { manifest } = verifySignedManifest(answer.body, ctx.keys.signingPublicKey);
    if (answer.headers.get('x-quietlist-epoch') !== manifest.epoch) throw new Error('epoch header');
    ctx.etags.set(`${role}${path}`, answer.headers.get('etag') ?? '');
    ctx.stats.sighted(role, manifest.epoch, answer.startedAt);
    ctx.book.expectEpoch(role, manifest.epoch);
  } catch {
    ctx.stats.fail('bad answer', 'manifest: signature, structure or epoch header refused');
  }
}

export async function shardDownload(ctx: TrafficContext): Promise<void> {
  const role = pick(ctx, ['check', 'oprf'] as const);
  // Epochs this deployment already answered with (the next one is not downloadable before it serves it).
  const epochs = [...ctx.stats.sightings[role].keys()].filter((id) => ctx.book.knows(role, id));
  const epoch = ctx.book.epochs[role].get(
    pick(ctx, epochs.length > 0 ? epochs : [ctx.target.deployments[role].seed.epoch]),
  )!;
  const index = Math.floor(ctx.random() * epoch.manifest.shards.length);
  const entry = epoch.manifest.shards[index]!;
  const bytes = epoch.shardBytes[index]!;
  const path = `/v1/epochs/${epoch.id}/${entry.path}`;
  const etag = ctx.etags.get(`${role}${path}`);
  const variant = ctx.random();
  if (variant < 0.25 && etag) {
    const answer = await send(ctx, 'shard', role, path, { headers: { 'if-none-match': etag } });
    if (answer) expectStatus(ctx, 'shard', answer, 304);
    return;
  }
  if (variant < 0.55) {
    const start = Math.floor(ctx.random() * bytes.length);
    const end = Math.min(bytes.length - 1, start + Math.floor(ctx.random() * 65_536));
    const answer = await send(ctx, 'shard', role, path, { headers: { range: `bytes=${start}-${end}` } });
    if (!answer || !expectStatus(ctx, 'shard', answer, 206)) return;
    if (!equalBytes(answer.body, bytes.subarray(start, end + 1)))
      ctx.stats.fail('bad answer', 'shard: range bytes differ');
    return;
  }
  const answer = await send(ctx, 'shard', role, path);
  if (!answer || !expectStatus(ctx, 'shard', answer, 200)) return;
  if (toHex(sha256(answer.body)) !== entry.sha256)
    ctx.stats.fail('bad answer', 'shard: SHA-256 differs from the manifest');
  else ctx.etags.set(`${role}${path}`, answer.headers.get('etag') ?? '');
}

export function post(
  ctx: TrafficContext,
  role: Role,
  body: unknown,
  apiKey = ctx.target.deployments[role].apiKey,
): RequestInit {
  return {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}
