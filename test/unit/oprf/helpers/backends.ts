/** Both backends, loaded once per test file, and the RFC 9497 vectors as bytes. */
import { readFileSync } from 'node:fs';
import { createOprfBackend } from '../../../../src/oprf/backend.ts';
import type { OprfBackend } from '../../../../src/oprf/types.ts';

export const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export interface VoprfVector {
  name: string;
  inputs: string[];
  blinds: string[];
  blindedElements: string[];
  evaluationElements: string[];
  proof: string;
  proofRandomScalar: string;
  outputs: string[];
}

export interface OprfVector {
  name: string;
  input: string;
  blind: string;
  blindedElement: string;
  evaluationElement: string;
  output: string;
}

export interface Rfc9497Vectors {
  seed: string;
  keyInfo: string;
  oprf: { mode: 0; skSm: string; vectors: OprfVector[] };
  voprf: { mode: 1; skSm: string; pkSm: string; vectors: VoprfVector[] };
}

export const RFC9497: Rfc9497Vectors = JSON.parse(
  readFileSync(new URL('../../../vectors/oprf-rfc9497.json', import.meta.url), 'utf8'),
);

/** Fails (rather than falling back) if libsodium cannot load, so a broken fast path is never hidden. */
export async function loadBackends(): Promise<{ libsodium: OprfBackend; noble: OprfBackend }> {
  const [libsodium, noble] = await Promise.all([
    createOprfBackend({ prefer: 'fast', requireFast: true }),
    createOprfBackend({ prefer: 'noble' }),
  ]);
  return { libsodium, noble };
}

export const BACKEND_NAMES = ['libsodium', 'noble'] as const;
