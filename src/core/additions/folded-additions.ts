/**
 * What a build of a live list folded into its filter (docs/FORMAT.md §14.3): the unexpired additions,
 * in `epochs/<epoch>/additions-folded.json`, named with its size and SHA-256 by the signed manifest
 * (`additions.folded`). The next build reads it back and carries every entry on until it expires, so
 * the store, not a builder's disk, remembers what was added: a lost build machine loses nothing.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { toHex } from '../encoding/bytes.ts';
import { parseStrictJson } from '../encoding/strict-json.ts';
import { EPOCH_ID_PATTERN } from '../epoch/epoch-id.ts';
import { FOLDED_ADDITIONS_FILE, type Manifest } from '../epoch/manifest.ts';
import { FormatError } from '../errors.ts';
import { LIST_NAME_PATTERN, manifestList } from '../lists/list-name.ts';
import { type AdditionEntry, additionEntrySchema } from './additions-batch.ts';

export const FOLDED_FORMAT = 'quietlist-folded-additions';

export const foldedAdditionsSchema = z.strictObject({
  format: z.literal(FOLDED_FORMAT),
  version: z.literal(1),
  list: z.string().regex(LIST_NAME_PATTERN),
  epoch: z.string().regex(EPOCH_ID_PATTERN),
  /** The manifest's `additions.sequence`: every entry's number is at most this. */
  sequence: z.number().int().min(0),
  entries: z.array(additionEntrySchema).min(1),
});
export type FoldedAdditions = z.infer<typeof foldedAdditionsSchema>;

export function encodeFoldedAdditions(folded: FoldedAdditions): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(foldedAdditionsSchema.parse(folded))}\n`);
}

/**
 * The folded file of `manifest`, checked against the manifest's entry (size, SHA-256, count, epoch,
 * list, sequence) and its own rules (increasing sequence numbers, none beyond `sequence`).
 */
export function parseFoldedAdditions(bytes: Uint8Array, manifest: Manifest): FoldedAdditions {
  const entry = manifest.additions?.folded;
  const where = `${FOLDED_ADDITIONS_FILE} of epoch ${manifest.epoch}`;
  if (!entry) throw new FormatError(`epoch ${manifest.epoch} folded no additions`, 'MANIFEST_INVALID');
  if (bytes.length !== entry.bytes || toHex(sha256(bytes)) !== entry.sha256) {
    throw new FormatError(`${where} does not match its manifest (size or SHA-256)`, 'CHECKSUM_MISMATCH');
  }
  const parsed = foldedAdditionsSchema.safeParse(parseStrictJson(bytes, where));
  if (!parsed.success) throw new FormatError(`${where} does not match its schema`, 'FORMAT_INVALID');
  const folded = parsed.data;
  const problem =
    folded.epoch !== manifest.epoch || folded.list !== manifestList(manifest)
      ? 'names another epoch or list'
      : folded.sequence !== manifest.additions?.sequence || folded.entries.length !== entry.entries
        ? 'disagrees with its manifest (sequence or entries)'
        : unorderedProblem(folded.entries, folded.sequence);
  if (problem) throw new FormatError(`${where} ${problem}`, 'FORMAT_INVALID');
  return folded;
}

function unorderedProblem(entries: AdditionEntry[], sequence: number): string | null {
  let before = 0;
  for (const entry of entries) {
    if (entry.sequence <= before) return 'has entries out of sequence order';
    before = entry.sequence;
  }
  return before > sequence ? `holds entry ${before}, beyond its sequence ${sequence}` : null;
}
