/**
 * The normalisation scheme recorded in manifests: a builder meeting an epoch of the first release
 * (scheme 1, no overseas mapping) re-keys everything and says so; readers refuse an epoch of another
 * scheme instead of answering with a mismatched rule, saying who must act.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { NORMALIZATION_SCHEME } from '../../../src/core/phone/normalize.ts';
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

  it('refuses to answer from a first-release epoch until the operator rebuilds', async () => {
    const operator = await operatorWithScheme(undefined);
    const checked = await checkStore(operator);
    expect(checked.code).toBe(2);
    expect(checked.stderr).toMatch(
      /scheme 1, which keys overseas numbers differently; the operator must rebuild/,
    );
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
