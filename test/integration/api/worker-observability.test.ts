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

/** How long the trace store took to write the three numbers when it was kept (the first test measures it). */
let traceWriteMs: number | undefined;
/** The wait for writes that must not come: twice what writing them took on this machine just now, at least 1.5 s. */
const quietWaitMs = () => Math.max(1_500, 2 * (traceWriteMs ?? 0));
/** Writes are looked for this long before the kept store is said to have kept fewer than three. */
const TRACE_DEADLINE_MS = 60_000;

/** Which of `numbers` are on disk under `directory`. */
async function keptOf(directory: string, numbers: string[]): Promise<number> {
  const kept = new Set<string>();
  for (const file of await files(directory)) {
    const text = (await readFile(file)).toString('latin1');
    for (const number of numbers) if (text.includes(number.slice(3))) kept.add(number);
  }
  return kept.size;
}

/**
 * Starts the worker, puts three numbers in URLs, stops it; returns the statuses and how many numbers
 * stayed on disk. The trace store writes after the response, so a kept store is searched until all
 * three are found (a loaded machine writes late, never less), and a store that is off is searched
 * after waiting twice as long as the kept one took to write them.
 */
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
    const answered = Date.now();
    if (keepLocalTraces) {
      while (
        // A file may vanish between the listing and the read while wrangler writes (a journal): look again.
        (await keptOf(persistDir, numbers).catch(() => 0)) < numbers.length &&
        Date.now() - answered < TRACE_DEADLINE_MS
      )
        await new Promise((resolve) => setTimeout(resolve, 100));
      traceWriteMs = Date.now() - answered;
    } else {
      await new Promise((resolve) => setTimeout(resolve, quietWaitMs()));
    }
  } finally {
    await dev.stop();
  }
  return { statuses, kept: await keptOf(persistDir, numbers) };
}

describe('wrangler dev with the worker config', () => {
  it('with its local trace store, keeps the numbers clients put in URLs: the reason it is off', async () => {
    expect(await requestAndSearch('traces-kept', true)).toEqual({ statuses: [400, 400, 400], kept: 3 });
  });

  it('as the demo and the tests start it, keeps none of them, and refuses them with 400', async () => {
    expect(await requestAndSearch('default', false)).toEqual({ statuses: [400, 400, 400], kept: 0 });
  });
});
