/**
 * A store as core/epoch/trusted-latest.ts reads it: manifests by epoch and key retirement records by
 * fingerprint, null when absent (a storage failure throws, so it is never taken for "not retired").
 */
import { keyRetirementKey } from '../core/epoch/key-retirement.ts';
import { manifestKey } from '../core/epoch/pointer.ts';
import type { TrustSource } from '../core/epoch/trusted-latest.ts';
import type { ObjectStore } from './object-store.ts';

export function storeTrustSource(store: ObjectStore): TrustSource {
  return {
    manifest: async (link) => (await store.get(manifestKey(link.epoch)))?.body ?? null,
    retirement: async (fingerprint) => (await store.get(keyRetirementKey(fingerprint)))?.body ?? null,
  };
}
