/**
 * The client's OPRF work on this thread and on a pool of threads: the same outputs as the builder's
 * direct evaluation, for many batches in flight at once; a forged proof still fails with its typed
 * reason across the thread boundary; a released batch cannot be finalised; POPRF sessions bind info.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessCrypto, type OprfClientCrypto } from '../../../../src/client/oprf/client-crypto.ts';
import { OprfThreadPool } from '../../../../src/client/oprf/oprf-threads.ts';
import { createOprfBackend } from '../../../../src/oprf/backend.ts';
import { OprfError } from '../../../../src/oprf/errors.ts';
import type { OprfBackend, OprfKeyPair } from '../../../../src/oprf/types.ts';

const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const utf8 = (text: string) => new TextEncoder().encode(text);
const numbers = (count: number, offset = 0) =>
  Array.from({ length: count }, (_, i) => `+3361${String(2_000_000 + offset + i)}`);

let backend: OprfBackend;
let keys: OprfKeyPair;
const pools: OprfClientCrypto[] = [];
beforeAll(async () => {
  backend = await createOprfBackend({ prefer: 'fast' });
  keys = backend.generateKeyPair();
});
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

function cryptoOf(kind: 'this thread' | 'two threads', info?: Uint8Array): OprfClientCrypto {
  if (kind === 'this thread') return inProcessCrypto(backend, keys.publicKey, info);
  const pool = new OprfThreadPool({
    threads: 2,
    backend: backend.name,
    publicKey: keys.publicKey,
    ...(info ? { info } : {}),
  });
  pools.push(pool);
  return pool;
}

describe.each(['this thread', 'two threads'] as const)('client OPRF work on %s', (kind) => {
  it('gives the builder outputs for many batches in flight at once', async () => {
    const crypto = cryptoOf(kind);
    const batches = Array.from({ length: 6 }, (_, b) => numbers(50 + b, b * 100));
    const results = await Promise.all(
      batches.map(async (batch) => {
        const { ticket, blindedElements } = await crypto.blind(batch);
        expect(blindedElements).toHaveLength(batch.length);
        return crypto.finalize(ticket, backend.blindEvaluate(keys.secretKey, blindedElements));
      }),
    );
    results.forEach((outputs, b) => {
      expect(outputs.map(toHex)).toEqual(
        batches[b]!.map((e164) => toHex(backend.evaluate(keys.secretKey, utf8(e164)))),
      );
    });
  });

  it('keeps the typed reason of a forged proof, and forgets a released batch', async () => {
    const crypto = cryptoOf(kind);
    const other = backend.generateKeyPair();
    const { ticket, blindedElements } = await crypto.blind(numbers(3));
    const forged = backend.blindEvaluate(other.secretKey, blindedElements);
    const error = await crypto.finalize(ticket, forged).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OprfError);
    expect((error as OprfError).reason).toBe('PROOF_INVALID');
    expect((error as OprfError).code).toBe('SIGNATURE_INVALID');

    const released = await crypto.blind(numbers(2));
    crypto.release(released.ticket);
    const evaluation = backend.blindEvaluate(keys.secretKey, released.blindedElements);
    await expect(crypto.finalize(released.ticket, evaluation)).rejects.toThrow(/not open/);
  });

  it('POPRF: a session under one info gives that info outputs, and refuses another info evaluation', async () => {
    const info = utf8('202');
    const crypto = cryptoOf(kind, info);
    const batch = ['+12025550100', '+12025550101'];
    const first = await crypto.blind(batch);
    const outputs = await crypto.finalize(
      first.ticket,
      backend.blindEvaluate(keys.secretKey, first.blindedElements, { info }),
    );
    expect(outputs.map(toHex)).toEqual(
      batch.map((e164) => toHex(backend.evaluate(keys.secretKey, utf8(e164), { info }))),
    );
    const second = await crypto.blind(batch);
    const wrong = backend.blindEvaluate(keys.secretKey, second.blindedElements, { info: utf8('203') });
    await expect(crypto.finalize(second.ticket, wrong)).rejects.toBeInstanceOf(OprfError);
  });
});

it('a thread pool whose threads cannot start fails its callers instead of leaving them waiting', async () => {
  const pool = new OprfThreadPool({ threads: 2, backend: backend.name, publicKey: new Uint8Array(31) });
  pools.push(pool);
  await expect(pool.blind(['+33612345678'])).rejects.toThrow(/an OPRF thread failed: .*public key/);
  await expect(pool.blind(['+33612345678'])).rejects.toThrow(/an OPRF thread failed/);
});
