/**
 * The `latest.json` pointer: the one mutable object in a store. Written last, with a conditional
 * write, after every file of the epoch it names is in place.
 */
import { z } from 'zod';
import { parseStrictJson } from '../encoding/strict-json.ts';
import { FormatError } from '../errors.ts';
import { EPOCH_ID_PATTERN } from './epoch-id.ts';
import { timestampSchema } from './manifest.ts';

export const LATEST_POINTER_KEY = 'latest.json';

export const epochPointerSchema = z.strictObject({
  epoch: z.string().regex(EPOCH_ID_PATTERN),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  publishedAt: timestampSchema,
});
export type EpochPointer = z.infer<typeof epochPointerSchema>;

export function epochPrefix(epoch: string): string {
  return `epochs/${epoch}/`;
}

export function manifestKey(epoch: string): string {
  return `${epochPrefix(epoch)}manifest.json`;
}

/** Reads latest.json: strict UTF-8 JSON (no BOM, no duplicate members) with exactly its three members. */
export function parseEpochPointer(bytes: Uint8Array): EpochPointer {
  const parsed = epochPointerSchema.safeParse(parseStrictJson(bytes, LATEST_POINTER_KEY));
  if (!parsed.success) {
    throw new FormatError(`${LATEST_POINTER_KEY} is not a valid epoch pointer`, 'MANIFEST_INVALID');
  }
  return parsed.data;
}

export function encodeEpochPointer(pointer: EpochPointer): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(pointer)}\n`);
}
