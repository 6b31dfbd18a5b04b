/** oprf-mode builds: filter entries are OPRF outputs, nightly runs evaluate only new numbers, rotation is explicit. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { OPRF_STATE_FILE } from '../../../src/builder/oprf-state.ts';
import { readLatestSignedManifest, storeShardLoader } from '../../../src/client/sources/store-epoch.ts';
import { fromBase64 } from '../../../src/core/encoding/base64.ts';
import { shardOf } from '../../../src/core/filter/sharding.ts';
import { createOprfBackend } from '../../../src/oprf/backend.ts';
import type { OprfBackend } from '../../../src/oprf/types.ts';
import { buildInto, newOperatorKeys, tempFileStore } from '../../helpers/build-fixture.ts';

let backend: OprfBackend;
beforeAll(async () => {
  backend = await createOprfBackend({ prefer: 'fast' });
});

const utf8 = new TextEncoder();

function oprfJob(stateDirectory: string, secretKey: Uint8Array, fullRebuild = false) {
  return {
    mode: 'oprf' as const,
    hashKey: undefined,
    oprf: { backend, secretKey, stateDirectory, fullRebuild },
  };
}

describe('oprf-mode build', () => {
  it('stores OPRF outputs a client can obtain through blind, evaluate and finalize', async () => {
    const keys = newOperatorKeys();
    const oprfKey = backend.generateKeyPair();
    const store = tempFileStore();
    const members = Array.from({ length: 300 }, (_, i) => fictionalNumber(i));
    const state = mkdtempSync(join(tmpdir(), 'quietlist-oprf-state-'));
    const report = await buildInto(store, keys, members, oprfJob(state, oprfKey.secretKey));
    const { manifest } = await readLatestSignedManifest(store, keys.signingKeys.publicKey);
    expect(manifest.mode).toBe('oprf');
    expect(manifest.hash).toEqual({
      scheme: 'oprf-ristretto255-sha512',
      keyId: expect.any(String),
      publicKey: expect.any(String),
    });
    expect(report.oprf).toMatchObject({ evaluated: 300, reused: 0, stateEntries: 300 });

    const inputs = [members[7]!, fictionalNumber(5000)].map((number) => utf8.encode(number));
    const blinded = backend.blind(inputs);
    const evaluation = backend.blindEvaluate(oprfKey.secretKey, blinded.blindedElements);
    const outputs = backend.finalize(inputs, blinded, evaluation, fromBase64(manifest.hash.publicKey!));
    const load = storeShardLoader(store, manifest);
    const listed = await Promise.all(
      outputs.map(async (output) =>
        (await load(shardOf(output, manifest.filter.shardPrefixBits!))).has(output),
      ),
    );
    expect(listed).toEqual([true, false]);
  });

  it('evaluates only new numbers at night, drops removed ones, keeps no number in its state', async () => {
    const keys = newOperatorKeys();
    const oprfKey = backend.generateKeyPair();
    const store = tempFileStore();
    const state = mkdtempSync(join(tmpdir(), 'quietlist-oprf-state-'));
    const monday = Array.from({ length: 1000 }, (_, i) => fictionalNumber(i));
    await buildInto(store, keys, monday, oprfJob(state, oprfKey.secretKey));
    // Tuesday: 50 registrations gone, 20 new ones.
    const tuesday = [...monday.slice(50), ...Array.from({ length: 20 }, (_, i) => fictionalNumber(2000 + i))];
    const report = await buildInto(store, keys, tuesday, oprfJob(state, oprfKey.secretKey));
    expect(report.oprf).toMatchObject({ evaluated: 20, reused: 950, stateEntries: 970 });

    const { manifest } = await readLatestSignedManifest(store, keys.signingKeys.publicKey);
    const load = storeShardLoader(store, manifest);
    const isListed = async (number: string) => {
      const output = backend.evaluate(oprfKey.secretKey, utf8.encode(number));
      return (await load(shardOf(output, manifest.filter.shardPrefixBits!))).has(output);
    };
    expect(await isListed(monday[0]!)).toBe(false);
    expect(await isListed(tuesday.at(-1)!)).toBe(true);

    const bytes = readFileSync(join(state, OPRF_STATE_FILE));
    for (const number of tuesday.slice(0, 50)) {
      expect(bytes.includes(Buffer.from(number))).toBe(false);
      expect(bytes.includes(Buffer.from(number.slice(3)))).toBe(false);
    }
  });

  it('refuses a state made with another key unless the rebuild is explicit', async () => {
    const keys = newOperatorKeys();
    const store = tempFileStore();
    const state = mkdtempSync(join(tmpdir(), 'quietlist-oprf-state-'));
    const numbers = Array.from({ length: 100 }, (_, i) => fictionalNumber(i));
    await buildInto(store, keys, numbers, oprfJob(state, backend.generateKeyPair().secretKey));
    const rotated = backend.generateKeyPair().secretKey;
    await expect(buildInto(store, keys, numbers, oprfJob(state, rotated))).rejects.toThrow(
      /another OPRF key .* --full-rebuild/,
    );
    const report = await buildInto(store, keys, numbers, oprfJob(state, rotated, true));
    expect(report.oprf).toMatchObject({ evaluated: 100, reused: 0 });
  });
});
