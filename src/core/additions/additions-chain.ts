/**
 * Reading a list's live additions, the one procedure every reader applies (docs/FORMAT.md §14.4): the
 * server (api/additions/additions-view.ts), `pull`, `check` and `scrub` (client/additions/), the page,
 * the builder when it folds them in, and the Python reader of the spec.
 *
 * An epoch `E` whose manifest announces an additions key has a chain of batches starting at number
 * `E.additions.sequence + 1` (what E's filter already holds is at most that). Each batch must name E's
 * list, epoch and manifest hash, start right after the batch before it, name that batch's hash, carry
 * a `publishedAt` not before it, and verify under E's additions key. Until E's chain has its first
 * batch (the sequencer has not yet moved to E), the reader also takes the **tail** of the previous
 * epoch's chain: the entries numbered after E's fold, which the sequencer carries onto E's chain when
 * it moves (so a client never misses an addition across a build). Batches are read forward by their
 * number (`additions/<first>.json`) until none follows: no listing, any store or HTTP server serves it.
 *
 * Batches from a source have every signature verified. Batches a reader verified so when it fetched
 * them and reads back from its own cache (`check`, `scrub` opening what `pull` cached) need only the
 * chain by hashes plus the newest batch's signature (`signatures: 'newest'`, docs/FORMAT.md §14.4):
 * each batch names the hash of the one before it, so the newest signature covers every batch's content,
 * and a day of one batch a second costs one Ed25519 verification instead of 86,400.
 */
import { fromBase64 } from '../encoding/base64.ts';
import type { Manifest } from '../epoch/manifest.ts';
import { FormatError, QuietlistError } from '../errors.ts';
import { manifestList } from '../lists/list-name.ts';
import {
  type AdditionEntry,
  type Additions,
  additionsSha256,
  parseSignedAdditions,
  verifyAdditionsSignature,
} from './additions-batch.ts';

/** Where batches come from: a store (walked forward) or the API (several per request). */
export interface AdditionsSource {
  /**
   * Batches of `epoch` from the one numbered `first` on, in order, as stored (unverified): none when
   * no batch starts there yet. `complete`: nothing follows the last one returned (for now).
   */
  batchesFrom(epoch: string, first: number): Promise<{ batches: Uint8Array[]; complete: boolean }>;
}

/** An epoch as the reader verified it. */
export interface VerifiedEpoch {
  manifest: Manifest;
  manifestSha256: string;
}

export interface VerifiedBatch {
  /** The file as read (a cache stores these and verifies them again when it opens). */
  bytes: Uint8Array;
  additions: Additions;
  sha256: string;
}

export interface AdditionsChain {
  list: string;
  epoch: string;
  manifestSha256: string;
  /** The epoch's `additions.sequence`: its filter holds every addition up to this number. */
  folded: number;
  /** The epoch's own chain, in order. */
  batches: VerifiedBatch[];
  /** While the epoch's chain has no batch: the previous epoch's batches, whose entries after `folded` count. */
  tail: { epoch: string; manifestSha256: string; batches: VerifiedBatch[] } | null;
}

/** What a client shows: "additions up to #N, <time>". */
export interface AdditionsStatus {
  list: string;
  epoch: string;
  /** The newest addition number seen (`folded` when none follows it). */
  through: number;
  /** When the newest batch seen was published; null: none yet on top of the filter. */
  publishedAt: string | null;
  /** The hash of the newest batch seen (a receipt names it), or null. */
  batchSha256: string | null;
  /** Entries on top of the filter (expired ones included). */
  entries: number;
}

/** At most this many batches in one reading (a bound on what a source can make a reader fetch). */
export const MAX_BATCHES_PER_READ = 100_000;

export interface AdvanceOptions {
  source: AdditionsSource;
  /** The epoch whose additions are read, verified by the caller (acceptLatest). */
  current: VerifiedEpoch;
  /** The manifest `current.manifest.previous` names, verified by its hash; needed only for the tail. */
  previous?: () => Promise<VerifiedEpoch | null>;
  /** At most this many batches (default MAX_BATCHES_PER_READ); more is DATA_REJECTED. */
  maxBatches?: number;
  /**
   * 'every' (default): every batch's signature is verified. 'newest': batches this reader verified
   * when it fetched them, read back from its own cache: each is checked against the one before it
   * (hash link, numbers, epoch, times) and only the newest one read has its signature verified.
   */
  signatures?: 'every' | 'newest';
}

/** An empty chain for `current` (nothing read yet), or null when the epoch is not a live list's. */
export function emptyChain(current: VerifiedEpoch): AdditionsChain | null {
  const { manifest } = current;
  if (!manifest.additions) return null;
  return {
    list: manifestList(manifest),
    epoch: manifest.epoch,
    manifestSha256: current.manifestSha256,
    folded: manifest.additions.sequence,
    batches: [],
    tail: null,
  };
}

/**
 * `held` brought up to date with what the source has now (`held` of another epoch is dropped: a new
 * epoch folded it). Null when the epoch is not a live list's. Every batch is verified; a batch that
 * fails is an error (MANIFEST_INVALID or SIGNATURE_INVALID), never skipped: a skipped batch would be
 * an objection answered "not listed".
 */
export async function advanceAdditionsChain(
  held: AdditionsChain | null,
  options: AdvanceOptions,
): Promise<AdditionsChain | null> {
  const start = emptyChain(options.current);
  if (!start) return null;
  const chain =
    held && held.epoch === start.epoch && held.manifestSha256 === start.manifestSha256 ? held : start;
  const max = options.maxBatches ?? MAX_BATCHES_PER_READ;
  const batches = await readForward(
    options.source,
    options.current,
    chain.batches,
    chain.folded,
    max,
    options.signatures ?? 'every',
  );
  if (batches.length > 0) return { ...chain, batches, tail: null };
  const tail = await readTail(chain, options);
  return { ...chain, batches, tail };
}

/** The previous epoch's batches after its own fold: where additions wait until the sequencer moves on. */
async function readTail(chain: AdditionsChain, options: AdvanceOptions): Promise<AdditionsChain['tail']> {
  const link = options.current.manifest.previous;
  if (!link || !options.previous) return null;
  const previous = await options.previous();
  if (!previous?.manifest.additions) return null;
  if (previous.manifest.epoch !== link.epoch || previous.manifestSha256 !== link.manifestSha256) {
    throw new FormatError(
      `the previous epoch given does not match epoch ${chain.epoch}'s link`,
      'MANIFEST_INVALID',
    );
  }
  const held = chain.tail?.epoch === link.epoch ? chain.tail.batches : [];
  const batches = await readForward(
    options.source,
    previous,
    held,
    previous.manifest.additions.sequence,
    options.maxBatches ?? MAX_BATCHES_PER_READ,
    options.signatures ?? 'every',
  );
  return { epoch: link.epoch, manifestSha256: link.manifestSha256, batches };
}

async function readForward(
  source: AdditionsSource,
  epoch: VerifiedEpoch,
  held: VerifiedBatch[],
  folded: number,
  maxBatches: number,
  signatures: 'every' | 'newest',
): Promise<VerifiedBatch[]> {
  const batches = [...held];
  const key = fromBase64(epoch.manifest.additions!.publicKey, 'additions.publicKey');
  for (;;) {
    const last = batches.at(-1);
    const next = (last?.additions.last ?? folded) + 1;
    const read = await source.batchesFrom(epoch.manifest.epoch, next);
    let expected = next;
    for (const bytes of read.batches) {
      const batch = verifyBatch(bytes, epoch, key, expected, batches.at(-1) ?? null, signatures === 'every');
      batches.push(batch);
      expected = batch.additions.last + 1;
      if (batches.length > maxBatches) {
        throw new QuietlistError(
          'DATA_REJECTED',
          `epoch ${epoch.manifest.epoch} has more than ${maxBatches} additions batches: the list must be rebuilt`,
        );
      }
    }
    if (read.complete || read.batches.length === 0) break;
  }
  // The newest batch read names the hash of the one before it, which names the one before, and so on:
  // its signature covers the content of every batch checked above.
  const newest = batches.at(-1);
  if (signatures === 'newest' && newest && batches.length > held.length) {
    const where = `additions batch ${newest.additions.first} of epoch ${epoch.manifest.epoch}`;
    verifyAdditionsSignature(parseSignedAdditions(newest.bytes, where), key);
  }
  return batches;
}

/** One batch against everything it must agree with (docs/FORMAT.md §14.4). */
export function verifyBatch(
  bytes: Uint8Array,
  epoch: VerifiedEpoch,
  key: Uint8Array,
  first: number,
  before: VerifiedBatch | null,
  /** false: the caller verifies the newest batch's signature, which covers this one through the hash links. */
  signature = true,
): VerifiedBatch {
  const where = `additions batch ${first} of epoch ${epoch.manifest.epoch}`;
  const signed = parseSignedAdditions(bytes, where);
  const { additions } = signed;
  const problem =
    additions.list !== manifestList(epoch.manifest)
      ? `names list ${additions.list}`
      : additions.epoch !== epoch.manifest.epoch || additions.manifestSha256 !== epoch.manifestSha256
        ? 'names another epoch or manifest'
        : additions.first !== first
          ? `starts at ${additions.first}`
          : additions.previousSha256 !== (before?.sha256 ?? null)
            ? 'does not name the batch before it'
            : before && Date.parse(additions.publishedAt) < Date.parse(before.additions.publishedAt)
              ? 'is published before the batch before it'
              : null;
  if (problem) throw new FormatError(`${where} ${problem}: refused`, 'MANIFEST_INVALID');
  if (signature) verifyAdditionsSignature(signed, key);
  return { bytes, additions, sha256: additionsSha256(additions) };
}

/** The entries on top of the epoch's filter: its chain's, or the previous epoch's tail after the fold. */
export function chainEntries(chain: AdditionsChain): AdditionEntry[] {
  const batches = chain.batches.length > 0 ? chain.batches : (chain.tail?.batches ?? []);
  const entries: AdditionEntry[] = [];
  for (const batch of batches) {
    for (const entry of batch.additions.entries) if (entry.sequence > chain.folded) entries.push(entry);
  }
  return entries;
}

export function chainStatus(chain: AdditionsChain): AdditionsStatus {
  const batches = chain.batches.length > 0 ? chain.batches : (chain.tail?.batches ?? []);
  const newest = batches.at(-1);
  return {
    list: chain.list,
    epoch: chain.epoch,
    through: Math.max(chain.folded, newest?.additions.last ?? 0),
    publishedAt: newest?.additions.publishedAt ?? null,
    batchSha256: newest?.sha256 ?? null,
    entries: chainEntries(chain).length,
  };
}
