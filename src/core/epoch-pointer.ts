/**
 * The `latest.json` pointer: the one mutable object in a store. Written last, with a conditional
 * write, after every file of the epoch it names is in place.
 */
import { z } from 'zod';
import { FormatError } from './errors.ts';
import { EPOCH_ID_PATTERN } from './manifest.ts';

export const LATEST_POINTER_KEY = 'latest.json';

export const epochPointerSchema = z.strictObject({
  epoch: z.string().regex(EPOCH_ID_PATTERN),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  publishedAt: z.iso.datetime(),
});
export type EpochPointer = z.infer<typeof epochPointerSchema>;

export function epochPrefix(epoch: string): string {
  return `epochs/${epoch}/`;
}

export function manifestKey(epoch: string): string {
  return `${epochPrefix(epoch)}manifest.json`;
}

export function parseEpochPointer(bytes: Uint8Array): EpochPointer {
  try {
    return epochPointerSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    throw new FormatError(`${LATEST_POINTER_KEY} is not a valid epoch pointer`, 'MANIFEST_INVALID');
  }
}

export function encodeEpochPointer(pointer: EpochPointer): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(pointer)}\n`);
}
