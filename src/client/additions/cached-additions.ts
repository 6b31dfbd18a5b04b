/**
 * A live list's additions as the client's cache keeps them (docs/CLIENT.md, "Live lists"): the
 * signed batches of the installed epoch's chain (or the previous epoch's tail, with that epoch's
 * manifest), in `additions.json` beside the list's `current` pointer, with the time they were last
 * brought up to date. `pull` verified every batch's signature when it fetched them; when the cache is
 * read back, every batch is checked again against the one before it (hash link, numbers, epoch, times)
 * and the newest one's signature is verified (core/additions/additions-chain.ts, `signatures: 'newest'`):
 * a damaged or edited file is an error, never a missing addition.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  type AdditionsChain,
  advanceAdditionsChain,
  type VerifiedBatch,
  type VerifiedEpoch,
} from '../../core/additions/additions-chain.ts';
import { manifestSha256, parseSignedManifest } from '../../core/epoch/manifest.ts';
import { FormatError, QuietlistError } from '../../core/errors.ts';
import { replaceFileDurably } from '../cache/durable-file.ts';
import type { EpochSource } from '../sources/epoch-source.ts';

export const ADDITIONS_FILE = 'additions.json';

const cachedSchema = z.strictObject({
  format: z.literal('quietlist-cache-additions'),
  version: z.literal(1),
  epoch: z.string(),
  manifestSha256: z.string(),
  /** When the chain was last brought up to date from the source (the client's clock). */
  fetchedAt: z.iso.datetime(),
  batches: z.array(z.unknown()),
  tail: z.strictObject({ manifest: z.unknown(), batches: z.array(z.unknown()) }).nullable(),
});

export interface HeldAdditions {
  chain: AdditionsChain;
  /** ms since 1970: when the chain was last brought up to date. */
  fetchedAt: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The additions cached for `current` in the list's cache directory, verified; null when none are for it. */
export async function loadCachedAdditions(
  directory: string,
  current: VerifiedEpoch,
): Promise<HeldAdditions | null> {
  let text: string;
  try {
    text = await readFile(join(directory, ADDITIONS_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = cachedSchema.safeParse(safeJson(text));
  if (!parsed.success)
    throw new FormatError(`${join(directory, ADDITIONS_FILE)} is not a valid additions cache`);
  const cached = parsed.data;
  if (cached.epoch !== current.manifest.epoch || cached.manifestSha256 !== current.manifestSha256)
    return null;
  const stored = new Map<string, Uint8Array>();
  const keep = (epoch: string, batches: unknown[]) => {
    for (const batch of batches) {
      const first = (batch as { additions?: { first?: unknown } }).additions?.first;
      stored.set(`${epoch}/${String(first)}`, encoder.encode(JSON.stringify(batch)));
    }
  };
  keep(cached.epoch, cached.batches);
  const tailManifest = cached.tail ? parseSignedManifest({ json: cached.tail.manifest }).manifest : null;
  if (cached.tail && tailManifest) keep(tailManifest.epoch, cached.tail.batches);
  const chain = await advanceAdditionsChain(null, {
    current,
    signatures: 'newest',
    source: {
      async batchesFrom(epoch, first) {
        const batches: Uint8Array[] = [];
        for (let next = first; ; ) {
          const bytes = stored.get(`${epoch}/${next}`);
          if (!bytes) return { batches, complete: true };
          batches.push(bytes);
          next = (JSON.parse(decoder.decode(bytes)) as { additions: { last: number } }).additions.last + 1;
        }
      },
    },
    previous: async () =>
      tailManifest ? { manifest: tailManifest, manifestSha256: manifestSha256(tailManifest) } : null,
  });
  if (!chain) return null;
  return { chain, fetchedAt: Date.parse(cached.fetchedAt) };
}

/**
 * `held` (or nothing) brought up to date from `source`, stored, and returned. The previous epoch's
 * manifest (for the tail) comes from the source, checked against the signed link of `current`.
 */
export async function refreshAdditions(
  directory: string,
  current: VerifiedEpoch,
  source: EpochSource,
  held: HeldAdditions | null,
  now: () => Date,
  /** At most this many batches (core default MAX_BATCHES_PER_READ). */
  maxBatches?: number,
): Promise<HeldAdditions> {
  const read = source.additionsFrom?.bind(source);
  if (!read) {
    throw new QuietlistError('INVALID_CONFIG', `${source.description} cannot serve live additions`);
  }
  let previousBytes: Uint8Array | null = null;
  const chain = await advanceAdditionsChain(held?.chain ?? null, {
    current,
    source: { batchesFrom: read },
    ...(maxBatches === undefined ? {} : { maxBatches }),
    previous: async () => {
      const link = current.manifest.previous;
      if (!link) return null;
      previousBytes = await source.manifest(link.epoch);
      if (!previousBytes) return null;
      const { manifest } = parseSignedManifest(previousBytes);
      return { manifest, manifestSha256: link.manifestSha256 };
    },
  });
  if (!chain)
    throw new QuietlistError('INVALID_CONFIG', `epoch ${current.manifest.epoch} takes no live additions`);
  const fetchedAt = now();
  const batchesOf = (batches: VerifiedBatch[]) =>
    batches.map((batch) => JSON.parse(decoder.decode(batch.bytes)));
  const tailManifest = chain.tail
    ? (previousBytes ?? (held?.chain.tail ? await source.manifest(chain.tail.epoch) : null))
    : null;
  const file = {
    format: 'quietlist-cache-additions',
    version: 1,
    epoch: chain.epoch,
    manifestSha256: chain.manifestSha256,
    fetchedAt: fetchedAt.toISOString(),
    batches: batchesOf(chain.batches),
    tail:
      chain.tail && tailManifest
        ? { manifest: JSON.parse(decoder.decode(tailManifest)), batches: batchesOf(chain.tail.batches) }
        : null,
  };
  await replaceFileDurably(join(directory, ADDITIONS_FILE), encoder.encode(`${JSON.stringify(file)}\n`));
  return { chain, fetchedAt: fetchedAt.getTime() };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
