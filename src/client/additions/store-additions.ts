/**
 * A live list's unexpired additions read straight from a store, for the operator's `check --store`: the
 * epoch's chain (or the previous epoch's tail, its manifest checked against the signed link), every
 * batch verified as `pull` verifies it (core/additions/additions-chain.ts), with what `check` prints of
 * them (the newest number and batch). Null for a list that takes none. Without them `check --store`
 * would answer an objection recorded since the build "not listed". `store` is the list's view
 * (storage/list-store.ts).
 */
import { AdditionSet } from '../../core/additions/addition-set.ts';
import {
  type AdditionsStatus,
  advanceAdditionsChain,
  chainEntries,
  chainStatus,
} from '../../core/additions/additions-chain.ts';
import { type Manifest, manifestSha256, parseSignedManifest } from '../../core/epoch/manifest.ts';
import { manifestKey } from '../../core/epoch/pointer.ts';
import { storeAdditionsSource } from '../../storage/additions-source.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { MAX_MANIFEST_BYTES } from '../http/download-limits.ts';

export async function storeAdditions(
  store: ObjectStore,
  manifest: Manifest,
  now: number = Date.now(),
): Promise<{ set: AdditionSet; status: AdditionsStatus } | null> {
  const chain = await advanceAdditionsChain(null, {
    current: { manifest, manifestSha256: manifestSha256(manifest) },
    source: storeAdditionsSource(store),
    previous: async () => {
      const link = manifest.previous;
      const object = link && (await store.get(manifestKey(link.epoch)));
      if (!object || object.body.length > MAX_MANIFEST_BYTES) return null;
      const previous = parseSignedManifest(object.body).manifest;
      return { manifest: previous, manifestSha256: manifestSha256(previous) };
    },
  });
  return chain ? { set: AdditionSet.of(chainEntries(chain), now), status: chainStatus(chain) } : null;
}
