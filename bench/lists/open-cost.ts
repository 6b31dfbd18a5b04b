/**
 * What a subscriber's `check` and `scrub` pay to open a live list's cached additions, against what
 * `pull` pays to verify them once (docs/FORMAT.md §14.4): N one-entry batches, signed and chained as
 * the sequencer writes them, pulled into a cache; then the CPU time of verifying every batch's
 * signature (a source's batches) and of opening the cache (hash links and the newest signature only).
 *
 *   node bench/lists/open-cost.ts [batches, default 5000]
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCachedAdditions, refreshAdditions } from '../../src/client/additions/cached-additions.ts';
import { StoreEpochSource } from '../../src/client/sources/store-source.ts';
import {
  additionsBatchKey,
  additionsSha256,
  encodeSignedAdditions,
  signAdditions,
} from '../../src/core/additions/additions-batch.ts';
import { advanceAdditionsChain, type VerifiedEpoch } from '../../src/core/additions/additions-chain.ts';
import { toBase64 } from '../../src/core/encoding/base64.ts';
import type { Manifest } from '../../src/core/epoch/manifest.ts';
import { generateSigningKeyPair } from '../../src/core/epoch/signing.ts';
import { FileStore } from '../../src/storage/file-store.ts';
import { timeOfAsync } from '../support/timing.ts';

const batches = Number(process.argv[2] ?? 5000);
const EPOCH = '20261201T020000Z-aaaaaa';
const key = generateSigningKeyPair();
const current: VerifiedEpoch = {
  manifest: {
    epoch: EPOCH,
    list: 'acme',
    previous: null,
    additions: { publicKey: toBase64(key.publicKey), sequence: 0 },
  } as unknown as Manifest,
  manifestSha256: 'a'.repeat(64),
};
const root = mkdtempSync(join(tmpdir(), 'quietlist-open-cost-'));
try {
  const store = new FileStore(join(root, 'store'));
  let previous: string | null = null;
  const start = Date.now() - batches * 1000;
  for (let n = 1; n <= batches; n++) {
    const signed = signAdditions(
      {
        format: 'quietlist-additions',
        version: 1,
        list: 'acme',
        epoch: EPOCH,
        manifestSha256: current.manifestSha256,
        first: n,
        last: n,
        previousSha256: previous,
        publishedAt: new Date(start + n * 1000).toISOString(),
        entries: [{ sequence: n, digests: [n.toString(16).padStart(24, '0')] }],
      },
      key,
    );
    previous = additionsSha256(signed.additions);
    await store.put(additionsBatchKey(EPOCH, n), encodeSignedAdditions(signed));
  }
  const cache = join(root, 'cache');
  mkdirSync(cache);
  await refreshAdditions(cache, current, new StoreEpochSource(store), null, () => new Date(), batches + 1);
  const held = await loadCachedAdditions(cache, current);
  const bytes = held!.chain.batches.map((batch) => batch.bytes);
  const source = {
    batchesFrom: async (_epoch: string, first: number) => ({
      batches: first === 1 ? bytes : [],
      complete: true,
    }),
  };
  const best = async (work: () => Promise<unknown>) => {
    let cpu = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) cpu = Math.min(cpu, (await timeOfAsync(work)).cpuSeconds);
    return cpu;
  };
  const every = await best(() => advanceAdditionsChain(null, { source, current, maxBatches: batches + 1 }));
  const open = await best(() => loadCachedAdditions(cache, current));
  console.log(
    JSON.stringify({
      batches,
      verifyEverySignatureCpuSeconds: Number(every.toFixed(3)),
      openCacheCpuSeconds: Number(open.toFixed(3)),
      perBatchMicros: {
        every: Math.round((every * 1e6) / batches),
        open: Math.round((open * 1e6) / batches),
      },
    }),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
