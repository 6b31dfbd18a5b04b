/**
 * Folding a live list's additions into the night's build (docs/FORMAT.md §14.3): what the previous
 * epoch had folded (its `additions-folded.json`, checked against its signed manifest) plus every
 * batch published on top of it (read and verified as every reader does, core/additions/), less what
 * has expired at the build's time. Their digests enter the filter beside the export's; the entries go
 * into this epoch's folded file, so the next build carries them on until they expire. The store is the
 * memory: a builder on a fresh machine folds exactly what the one before it did.
 */
import { type AdditionEntry, MAX_SEQUENCE } from '../core/additions/additions-batch.ts';
import {
  advanceAdditionsChain,
  chainEntries,
  chainStatus,
  type VerifiedEpoch,
} from '../core/additions/additions-chain.ts';
import { encodeFoldedAdditions, parseFoldedAdditions } from '../core/additions/folded-additions.ts';
import { toBase64 } from '../core/encoding/base64.ts';
import { fromHex } from '../core/encoding/bytes.ts';
import { FOLDED_ADDITIONS_FILE, type Manifest, manifestSha256 } from '../core/epoch/manifest.ts';
import { epochPrefix } from '../core/epoch/pointer.ts';
import { FormatError } from '../core/errors.ts';
import { storeAdditionsSource } from '../storage/additions-source.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { readLinkedManifest } from '../storage/published-chain.ts';

export interface FoldedForBuild {
  /** The manifest's `additions.sequence`: every number up to it is folded or expired. */
  sequence: number;
  /** The unexpired entries, in sequence order. */
  entries: AdditionEntry[];
  /** Their digests, for the filter. */
  digests: Uint8Array[];
  /** Entries dropped because they expired. */
  expired: number;
}

/** What the build folds, given the store's latest epoch (verified by the caller) and the build's time. */
export async function foldAdditions(
  store: ObjectStore,
  previous: Manifest | null,
  now: Date,
): Promise<FoldedForBuild> {
  if (!previous?.additions) return { sequence: 0, entries: [], digests: [], expired: 0 };
  const current: VerifiedEpoch = { manifest: previous, manifestSha256: manifestSha256(previous) };
  const carried = await readFolded(store, previous);
  const chain = await advanceAdditionsChain(null, {
    source: storeAdditionsSource(store),
    current,
    previous: async () => {
      const link = previous.previous;
      const signed = link ? await readLinkedManifest(store, link) : null;
      return signed ? { manifest: signed.manifest, manifestSha256: link!.manifestSha256 } : null;
    },
  });
  const bySequence = new Map<number, AdditionEntry>();
  for (const entry of [...carried, ...(chain ? chainEntries(chain) : [])])
    bySequence.set(entry.sequence, entry);
  const sequence = chain ? chainStatus(chain).through : previous.additions.sequence;
  if (sequence > MAX_SEQUENCE) throw new FormatError('additions sequence overflow', 'MANIFEST_INVALID');
  const entries: AdditionEntry[] = [];
  let expired = 0;
  for (const entry of [...bySequence.values()].sort((a, b) => a.sequence - b.sequence)) {
    if (entry.expiresAt !== undefined && Date.parse(entry.expiresAt) <= now.getTime()) expired++;
    else entries.push(entry);
  }
  const digests = entries.flatMap((entry) => entry.digests.map((hex) => fromHex(hex)));
  return { sequence, entries, digests, expired };
}

async function readFolded(store: ObjectStore, manifest: Manifest): Promise<AdditionEntry[]> {
  if (!manifest.additions?.folded) return [];
  const key = `${epochPrefix(manifest.epoch)}${FOLDED_ADDITIONS_FILE}`;
  const object = await store.get(key);
  if (!object) {
    // Retention never removes the latest epoch's files: a missing file is a damaged store, not "nothing folded".
    throw new FormatError(
      `${key} is missing from ${store.description}: its additions cannot be carried on; nothing published`,
      'SHARD_MISSING',
    );
  }
  return parseFoldedAdditions(object.body, manifest).entries;
}

/** The manifest's `additions` member and the folded file to publish beside the shards. */
export function foldedOutput(
  folded: FoldedForBuild,
  list: string,
  epoch: string,
  additionsKey: Uint8Array,
  sha256: (bytes: Uint8Array) => string,
): { additions: NonNullable<Manifest['additions']>; file: { path: string; file: Uint8Array } | null } {
  const base = { publicKey: toBase64(additionsKey), sequence: folded.sequence };
  if (folded.entries.length === 0) return { additions: base, file: null };
  const file = encodeFoldedAdditions({
    format: 'quietlist-folded-additions',
    version: 1,
    list,
    epoch,
    sequence: folded.sequence,
    entries: folded.entries,
  });
  return {
    additions: {
      ...base,
      folded: {
        path: FOLDED_ADDITIONS_FILE,
        bytes: file.length,
        sha256: sha256(file),
        entries: folded.entries.length,
      },
    },
    file: { path: FOLDED_ADDITIONS_FILE, file },
  };
}
