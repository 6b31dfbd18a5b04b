/**
 * What verifying live additions costs a subscriber, on the chain the run left (read from the call
 * centre's cache after a last pull): the CPU time of verifying every batch as a pull does
 * (core/additions/additions-chain.ts: schema, chain links, one Ed25519 verification per batch), and
 * of opening the cached additions as every `check` and `scrub` does (read, verified again, set built).
 */
import { loadCachedAdditions } from '../../src/client/additions/cached-additions.ts';
import { openHeldAdditions } from '../../src/client/additions/held-additions.ts';
import { openCachedEpoch } from '../../src/client/cache/cached-epoch.ts';
import { advanceAdditionsChain } from '../../src/core/additions/additions-chain.ts';
import { timeOfAsync } from '../support/timing.ts';

export interface VerifyCost {
  batches: number;
  entries: number;
  /** CPU µs (main thread) to verify the whole chain, best of the rounds. */
  verifyCpuMicros: number;
  /** CPU µs to open the cached additions at a check, best of the rounds. */
  openCpuMicros: number;
}

export async function measureVerifyCost(
  cacheDirectory: string,
  publicKey: Uint8Array,
  rounds = 5,
): Promise<VerifyCost> {
  const epoch = await openCachedEpoch(cacheDirectory, { publicKey });
  const current = { manifest: epoch.manifest, manifestSha256: epoch.manifestSha256 };
  const held = await loadCachedAdditions(cacheDirectory, current);
  if (!held) throw new Error('no additions cached after the last pull');
  const bytes = held.chain.batches.map((batch) => batch.bytes);
  const source = {
    batchesFrom: async (_epoch: string, first: number) =>
      first === held.chain.folded + 1 ? { batches: bytes, complete: true } : { batches: [], complete: true },
  };
  let verify = Number.POSITIVE_INFINITY;
  let open = Number.POSITIVE_INFINITY;
  let entries = 0;
  for (let round = 0; round < rounds; round++) {
    const verified = await timeOfAsync(() => advanceAdditionsChain(null, { source, current }));
    if (verified.value?.batches.length !== bytes.length) throw new Error('the chain did not verify whole');
    entries = verified.value.batches.reduce((sum, batch) => sum + batch.additions.entries.length, 0);
    verify = Math.min(verify, verified.cpuSeconds * 1e6);
    const opened = await timeOfAsync(() => openHeldAdditions(epoch, new Date()));
    open = Math.min(open, opened.cpuSeconds * 1e6);
  }
  return { batches: bytes.length, entries, verifyCpuMicros: verify, openCpuMicros: open };
}
