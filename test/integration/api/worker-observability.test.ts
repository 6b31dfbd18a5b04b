/**
 * What `wrangler dev` keeps of a client's request, with the real worker config: its local trace store
 * records every request URL whatever wrangler.jsonc says (issue 17: 3 of 3 numbers put in URLs were
 * kept), so scripts/wrangler-dev.ts turns it off. Shown both ways: with the store kept, the numbers are
 * found on disk (the search works); as started by the demo and the tests, nothing of them is, and the
 * worker answers 400 NUMBER_IN_URL. The deployed settings are pinned by test/unit/worker-config.test.ts.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { startWranglerDev, WORKER_CONFIG } from '../../../scripts/wrangler-dev.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { generateSigningKeyPair } from '../../../src/core/epoch/signing.ts';

let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'quietlist-observability-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function files(directory: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(directory)) {
    const path = join(directory, name);
    if ((await stat(path)).isDirectory()) found.push(...(await files(path)));
    else found.push(path);
  }
  return found;
}

/** Starts the worker, puts three numbers in URLs, stops it; returns the statuses and which numbers stayed on disk. */
async function requestAndSearch(name: string, keepLocalTraces: boolean) {
  const persistDir = join(scratch, name);
  const numbers = [fictionalNumber(501), fictionalNumber(502), fictionalNumber(503)];
  const dev = await startWranglerDev({
    configPath: WORKER_CONFIG,
    persistDir,
    keepLocalTraces,
    vars: { QUIETLIST_PUBLIC_KEY: toBase64(generateSigningKeyPair().publicKey) },
  });
  const statuses: number[] = [];
  try {
    for (const path of [
      `/v1/check/0${numbers[0]!.slice(3)}`,
      `/v1/manifest?number=${encodeURIComponent(numbers[1]!)}`,
      `/healthz?n=0${numbers[2]!.slice(3)}`,
    ]) {
      const response = await fetch(`${dev.origin}${path}`);
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    // The trace store writes after the response.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  } finally {
    await dev.stop();
  }
  const kept = new Set<string>();
  for (const file of await files(persistDir)) {
    const text = (await readFile(file)).toString('latin1');
    for (const number of numbers) if (text.includes(number.slice(3))) kept.add(number);
  }
  return { statuses, kept: kept.size };
}

describe('wrangler dev with the worker config', () => {
  it('with its local trace store, keeps the numbers clients put in URLs: the reason it is off', async () => {
    expect(await requestAndSearch('traces-kept', true)).toEqual({ statuses: [400, 400, 400], kept: 3 });
  });

  it('as the demo and the tests start it, keeps none of them, and refuses them with 400', async () => {
    expect(await requestAndSearch('default', false)).toEqual({ statuses: [400, 400, 400], kept: 0 });
  });
});
