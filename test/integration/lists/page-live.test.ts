/**
 * The scrub page's engine (src/page/web-worker, run in Node) on a live list: the epoch downloaded and
 * verified once, an objection posted by the list's owner afterwards, and the next scrub answers it
 * listed, because the page reads the signed additions again before every scrub
 * (page/web-worker/epoch-additions.ts). Its receipt names the additions answered with; additions it
 * cannot read (a tampered batch the server refuses) stop the scrub rather than let the page answer from
 * the filter alone. The operator's `check --store` reads them from the store. The page verifies every batch itself too (core/additions/additions-chain.ts, whose
 * refusals test/unit/client/additions/ and test/unit/core/additions/ exercise).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteSequencer } from '../../../src/api/additions/sqlite-sequencer.ts';
import { parseApiConfig } from '../../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { type RunningServer, startApiServer } from '../../../src/cli/commands/serve.ts';
import { additionsBatchKey } from '../../../src/core/additions/additions-batch.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { downloadEpoch, type VerifiedEpoch } from '../../../src/page/web-worker/epoch-download.ts';
import { scrubFile } from '../../../src/page/web-worker/scrub.ts';
import { runClientCli } from '../client/helpers/client-cli.ts';
import { freeNumbers, registeredNumbers, removeTempDirs } from '../client/helpers/client-fixture.ts';
import {
  addSubscriber,
  buildList,
  type Deployment,
  memorySequencer,
  newDeployment,
} from './helpers/deployment.ts';

let deployment: Deployment;
let sequencer: SqliteSequencer;
let server: RunningServer;
let epoch: VerifiedEpoch;
let owner: string;
const exported = registeredNumbers(30);
const [objection, free] = freeNumbers(2, 9300) as [string, string];

beforeAll(async () => {
  deployment = await newDeployment();
  await buildList(deployment, 'default', { mode: 'open', numbers: exported, live: true });
  owner = await addSubscriber(deployment, 'Owner', { default: { owner: true } });
  sequencer = memorySequencer(deployment);
  server = await startApiServer(
    {
      store: deployment.store,
      config: parseApiConfig({ ...deployment.settings, POINTER_TTL_SECONDS: '0', ADDITIONS_REFRESH_MS: '0' }),
      quotas: new MemoryQuotaCounter(),
      additions: sequencer,
      audit: () => {},
    },
    { port: 0, host: '127.0.0.1' },
  );
  epoch = await downloadEpoch({ origin: server.url, publicKey: deployment.signing.publicKey });
});

afterAll(async () => {
  await server?.close();
  sequencer?.close();
  await removeTempDirs();
});

/** The page's result (open mode: never a plan to agree to). */
const scrub = async () => {
  const answer = await scrubFile({
    name: 'calls.csv',
    bytes: new TextEncoder().encode(`phone\n${exported[0]}\n${objection}\n${free}\n`),
    columns: [0],
    mode: 'drop',
    partial: false,
    excelSafe: true,
    epoch,
    origin: server.url,
    toolVersion: 'test',
  });
  if (!('result' in answer)) throw new Error('an open-mode scrub asked for a plan');
  return answer.result;
};

describe('the scrub page on a live list', () => {
  it('answers an objection posted after the page loaded the list listed at the next scrub', async () => {
    const before = await scrub();
    expect(before.counts).toMatchObject({ rows: 3, listed: 1, clean: 2 });
    // The page says how many additions it checked: none yet, on a live list.
    expect(before.additions).toEqual({ through: 0, publishedAt: null, entries: 0 });
    const posted = await fetch(`${server.url}/v1/additions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
      body: JSON.stringify({ numbers: [objection] }),
    });
    expect(posted.status).toBe(200);
    const page = await scrub();
    expect(page.counts).toMatchObject({ rows: 3, listed: 2, clean: 1 });
    expect(new TextDecoder().decode(page.clean.bytes)).toBe(`phone\n${free}\n`);
    expect(page.additions).toEqual({ through: 1, publishedAt: expect.any(String), entries: 1 });
    const receipt = JSON.parse(new TextDecoder().decode(page.receipt!.bytes));
    expect(receipt.lists).toEqual([
      {
        list: 'default',
        epoch: epoch.manifest.epoch,
        manifestSha256: epoch.manifestSha256,
        listed: 2,
        additions: {
          through: 1,
          batchSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          publishedAt: expect.any(String),
        },
      },
    ]);
  });

  it("answers the operator's check --store with the additions too", async () => {
    const result = await runClientCli([
      'check',
      '--store',
      `file://${join(deployment.dir, 'store')}`,
      '--public-key',
      toBase64(deployment.signing.publicKey),
      objection,
      free,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(
      result.stdout
        .split('\n')
        .slice(0, 2)
        .map((line) => line.split('\t')[1]),
    ).toEqual(['LISTED: do not call', 'not listed']);
  });

  it('stops when the additions cannot be read (a tampered batch the server refuses), never answering from the filter alone', async () => {
    const path = join(deployment.dir, 'store', additionsBatchKey(epoch.manifest.epoch, 1));
    const text = readFileSync(path, 'utf8');
    writeFileSync(
      path,
      text.replace(/"digests":\["([0-9a-f])/, (_, c: string) => `"digests":["${c === '0' ? '1' : '0'}`),
    );
    // The server keeps the chain it published in memory; a fresh server reads the store.
    const other = await startApiServer(
      {
        store: deployment.store,
        config: parseApiConfig({
          ...deployment.settings,
          POINTER_TTL_SECONDS: '0',
          ADDITIONS_REFRESH_MS: '0',
        }),
        quotas: new MemoryQuotaCounter(),
        audit: () => {},
      },
      { port: 0, host: '127.0.0.1' },
    );
    try {
      // The person reads why in their language (the problem's key); the English detail goes to the console.
      await expect(scrubFile({ ...(await pageRequest()), origin: other.url })).rejects.toMatchObject({
        problem: {
          kind: 'problem',
          key: 'additionsUnavailable',
          detail: expect.stringMatching(/live additions of this list cannot be read, so no answer is given/),
        },
      });
    } finally {
      writeFileSync(path, text);
      await other.close();
    }
  });
});

async function pageRequest(): Promise<Parameters<typeof scrubFile>[0]> {
  return {
    name: 'calls.csv',
    bytes: new TextEncoder().encode(`phone\n${objection}\n`),
    columns: [0],
    mode: 'drop',
    partial: false,
    excelSafe: true,
    epoch,
    origin: server.url,
    toolVersion: 'test',
  };
}
