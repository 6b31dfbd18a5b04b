/**
 * The normalisation scheme recorded in manifests: a builder meeting an epoch of an older scheme (1: the
 * first release; 2: overseas keys from the metadata's ranges) re-keys everything and says so, and in
 * oprf mode evaluates anew exactly the numbers whose key changed; readers refuse an epoch of another
 * scheme instead of answering with a mismatched rule, saying who must act.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lookupKey, OprfStateWriter, stateKeyOf } from '../../../src/builder/oprf-state.ts';
import { readLatestSignedManifest, storeShardLoader } from '../../../src/client/sources/store-epoch.ts';
import { hashKeyId } from '../../../src/core/digest/keyed-hash.ts';
import { shardOf } from '../../../src/core/filter/sharding.ts';
import { NORMALIZATION_SCHEME, readPhone } from '../../../src/core/phone/normalize.ts';
import { createOprfBackend } from '../../../src/oprf/backend.ts';
import { buildInto } from '../../helpers/build-fixture.ts';
import { overseasNumbers, overseasSpellings } from '../../helpers/overseas-numbers.ts';
import { runClientCli } from '../client/helpers/client-cli.ts';
import {
  newOperator,
  publish,
  registeredNumbers,
  removeTempDirs,
  republish,
  tempDir,
} from '../client/helpers/client-fixture.ts';
import { addSubscriber, startRealWorker } from '../client/helpers/real-worker.ts';

afterAll(removeTempDirs);

const NUMBERS = registeredNumbers(50);
const utf8 = new TextEncoder();

async function operatorWithScheme(scheme: number | undefined) {
  const operator = newOperator();
  await publish(operator, NUMBERS, { now: new Date(Date.now() - 60_000) });
  await republish(operator, {
    epoch: '20261201T020000Z-older',
    mutate: (manifest) => {
      if (scheme === undefined) delete manifest.normalization.scheme;
      else manifest.normalization.scheme = scheme;
    },
  });
  return operator;
}

const checkStore = (operator: ReturnType<typeof newOperator>) =>
  runClientCli(
    ['check', '--store', operator.storeUrl, '--public-key', operator.publicKeyFile, '+33199000000'],
    {
      cwd: tempDir(),
    },
  );

describe('normalisation scheme', () => {
  it('re-keys a store built with the first release, and reports it', async () => {
    const operator = await operatorWithScheme(undefined);
    const report = await publish(operator, NUMBERS);
    expect(report.schemeChange).toEqual({ from: 1, to: NORMALIZATION_SCHEME });
    expect(report.signed.manifest.normalization.scheme).toBe(NORMALIZATION_SCHEME);
    const next = await publish(operator, NUMBERS);
    expect(next.schemeChange).toBeUndefined();
  });

  it('re-keys a scheme-2 oprf store: only the numbers whose key moved (overseas ones) are evaluated anew', async () => {
    const backend = await createOprfBackend({ prefer: 'fast' });
    const oprfKey = backend.generateKeyPair();
    const overseas = overseasNumbers(30, 2_002);
    const members = [...NUMBERS, ...overseas.map((number) => number.e164)];
    const job = (stateDirectory: string) => ({
      mode: 'oprf' as const,
      hashKey: undefined,
      oprf: { backend, secretKey: oprfKey.secretKey, stateDirectory, fullRebuild: false },
      now: new Date(Date.now() - 60_000),
    });
    const operator = newOperator();
    await buildInto(operator.store, operator.keys, members, job(mkdtempSync(join(tmpdir(), 'ql-state-'))));
    await republish(operator, {
      epoch: '20261201T020000Z-scheme2',
      mutate: (manifest) => {
        manifest.normalization.scheme = 2;
      },
    });
    // The private state a scheme-2 build left: outputs looked up by scheme 2's keys (+262 692 … overseas).
    const state = mkdtempSync(join(tmpdir(), 'ql-state-'));
    const writer = new OprfStateWriter(state);
    const stateKey = stateKeyOf(oprfKey.secretKey);
    for (const key of members)
      writer.add(lookupKey(stateKey, key), backend.evaluate(oprfKey.secretKey, utf8.encode(key)));
    writer.commit(hashKeyId(backend.publicKeyOf(oprfKey.secretKey)));

    const report = await buildInto(operator.store, operator.keys, members, {
      ...job(state),
      now: new Date(),
    });
    expect(report.schemeChange).toEqual({ from: 2, to: NORMALIZATION_SCHEME });
    expect(report.oprf).toMatchObject({ evaluated: overseas.length, reused: NUMBERS.length });
    // Every spelling of an overseas number is found under its scheme-3 key.
    const { manifest } = await readLatestSignedManifest(operator.store, operator.keys.signingKeys.publicKey);
    const load = storeShardLoader(operator.store, manifest);
    const missed: string[] = [];
    for (const [i, number] of overseas.entries()) {
      for (const [name, raw] of Object.entries(overseasSpellings(number))) {
        const read = readPhone(raw, 'FR');
        const outputs = read.ok
          ? read.readings.map((r) => backend.evaluate(oprfKey.secretKey, utf8.encode(r.key)))
          : [];
        const found = await Promise.all(
          outputs.map(async (output) =>
            (await load(shardOf(output, manifest.filter.shardPrefixBits!))).has(output),
          ),
        );
        if (!found.includes(true)) missed.push(`#${i} ${name}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('refuses to answer from a first-release epoch until the operator rebuilds', async () => {
    const operator = await operatorWithScheme(undefined);
    const checked = await checkStore(operator);
    expect(checked.code).toBe(2);
    expect(checked.stderr).toMatch(/scheme 1, which keys numbers differently; the operator must rebuild/);
    const pulled = await runClientCli(
      ['pull', '--from', operator.storeUrl, '--public-key', operator.publicKeyFile],
      {
        cwd: tempDir(),
      },
    );
    expect(pulled.code).toBe(2);
    expect(pulled.stderr).toMatch(/SCHEME_UNSUPPORTED/);
    const worker = await startRealWorker(operator.store, operator.publicKeyBase64);
    try {
      const response = await fetch(`${worker.url}/v1/check`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await addSubscriber(operator.store)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ numbers: ['+33199000000'] }),
      });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('MISCONFIGURED');
    } finally {
      await worker.close();
    }
  });

  it('refuses an epoch of a newer scheme, in readers and in the builder', async () => {
    const operator = await operatorWithScheme(NORMALIZATION_SCHEME + 1);
    const checked = await checkStore(operator);
    expect(checked.code).toBe(2);
    expect(checked.stderr).toMatch(/newer than this quietlist's .*: update quietlist/);
    await expect(publish(operator, NUMBERS)).rejects.toMatchObject({ code: 'SCHEME_UNSUPPORTED' });
  });
});
