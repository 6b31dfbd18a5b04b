/**
 * Which OPRF key evaluates a request. Normally one: the key of the current epoch. During a rotation
 * (docs/OPERATIONS.md) the worker also holds the previous key until the date the operator set, and a
 * client names the key id of the epoch it pulled, so a scrub that straddles the switch keeps being
 * answered under the key its local filter was built with; clients that pull the new epoch switch over.
 */

import { hashKeyId } from '../../core/digest/keyed-hash.ts';
import { fromBase64 } from '../../core/encoding/base64.ts';
import { equalBytes } from '../../core/encoding/bytes.ts';
import type { Manifest } from '../../core/epoch/manifest.ts';
import type { OprfBackend } from '../../oprf/types.ts';
import type { ApiConfig } from '../config.ts';
import { ApiError } from '../errors/api-error.ts';

export interface ChosenOprfKey {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  keyId: string;
}

/** The OPRF keys a server holds for one list: the configured ones, or one derived from the list seed. */
export type HeldOprfKeys = Pick<ApiConfig, 'oprfKey' | 'oprfPreviousKey' | 'oprfOverlapUntil'>;

export function chooseOprfKey(
  config: HeldOprfKeys,
  oprf: OprfBackend,
  manifest: Manifest,
  askedKeyId: string | undefined,
  now: number,
): ChosenOprfKey {
  const overlap = config.oprfPreviousKey !== undefined && now < (config.oprfOverlapUntil ?? 0);
  const held = [config.oprfKey, overlap ? config.oprfPreviousKey : undefined]
    .filter((key): key is Uint8Array => key !== undefined)
    .map((secretKey) => {
      const publicKey = oprf.publicKeyOf(secretKey);
      return { secretKey, publicKey, keyId: hashKeyId(publicKey) };
    });
  if (held.length === 0)
    throw new ApiError('MISCONFIGURED', { message: 'the OPRF key is not configured on this server' });
  if (askedKeyId !== undefined && askedKeyId !== manifest.hash.keyId) {
    const key = held.find((candidate) => candidate.keyId === askedKeyId);
    if (key) return key;
    throw new ApiError('OPRF_KEY_RETIRED', {
      message: `OPRF key ${askedKeyId} is not evaluated here (any more): pull epoch ${manifest.epoch} and retry`,
    });
  }
  const current = fromBase64(manifest.hash.publicKey!, 'manifest OPRF public key');
  const key = held.find((candidate) => equalBytes(candidate.publicKey, current));
  if (!key) {
    throw new ApiError('MISCONFIGURED', {
      message: `the configured OPRF key is not the key of epoch ${manifest.epoch}`,
    });
  }
  return key;
}
