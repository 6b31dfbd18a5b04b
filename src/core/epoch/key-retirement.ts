/**
 * Key retirement records (docs/FORMAT.md §6.3): `key-retirements/<fingerprint>.json`, one per signing
 * key the chain has moved away from, written (create-only) by the builder once the first epoch signed
 * by the announced successor is published. They are what lets a reader walk *forward* from the key it
 * pinned, as TUF clients walk forward through root versions: manifests link only backwards, so a
 * reader that pinned K1 and holds no state could not otherwise learn that K2 took over, and would take
 * a manifest later signed by K1 (a departed employee's copy) as genuine.
 *
 * A record is not signed itself: it names the handover epoch, whose manifest is signed by the
 * successor and whose chain leads back to a manifest signed by the retired key announcing it
 * (key-chain.ts checks both). A forged record therefore proves nothing and is refused.
 */
import { z } from 'zod';
import { fromBase64 } from '../encoding/base64.ts';
import { parseStrictJson } from '../encoding/strict-json.ts';
import { FormatError, QuietlistError } from '../errors.ts';
import { EPOCH_ID_PATTERN } from './epoch-id.ts';
import { type ManifestFetcher, verifyAlongKeyChain } from './key-chain.ts';
import { base64Of, manifestSha256, parseSignedManifest } from './manifest.ts';
import { publicKeyFingerprint } from './signing.ts';

export const KEY_RETIREMENT_PREFIX = 'key-retirements/';
/** How many retirements a reader follows from its pin (one rotation every two years: centuries). */
export const MAX_RETIREMENTS = 64;

export const keyRetirementSchema = z.strictObject({
  format: z.literal('quietlist-key-retirement'),
  version: z.literal(1),
  /** Fingerprint of the retired key (docs/FORMAT.md §6.2). */
  retiredKey: z.string().regex(/^[0-9a-f]{32}$/),
  /** The successor's Ed25519 public key, base64. */
  successor: base64Of(32),
  /** The first epoch signed by the successor. */
  handover: z.strictObject({
    epoch: z.string().regex(EPOCH_ID_PATTERN),
    manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
});
export type KeyRetirement = z.infer<typeof keyRetirementSchema>;

/** The record of a key, or null when the key has not been retired. */
export type RetirementFetcher = (fingerprint: string) => Promise<Uint8Array | null>;

export function keyRetirementKey(fingerprint: string): string {
  return `${KEY_RETIREMENT_PREFIX}${fingerprint}.json`;
}

export function encodeKeyRetirement(record: KeyRetirement): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(keyRetirementSchema.parse(record), null, 2)}\n`);
}

export function parseKeyRetirement(bytes: Uint8Array, where: string): KeyRetirement {
  const parsed = keyRetirementSchema.safeParse(parseStrictJson(bytes, where));
  if (!parsed.success) throw new FormatError(`${where} is not a valid key retirement`, 'MANIFEST_INVALID');
  return parsed.data;
}

/**
 * The successor `bytes` proves `retired` handed over to: the handover manifest is signed by the
 * successor, matches the record's hash, and the chain back from it reaches a manifest signed by
 * `retired` that announced exactly that successor. Throws SIGNATURE_INVALID otherwise.
 */
export async function verifyKeyRetirement(
  bytes: Uint8Array,
  retired: Uint8Array,
  fetchManifest: ManifestFetcher,
): Promise<Uint8Array> {
  const fingerprint = publicKeyFingerprint(retired);
  const where = keyRetirementKey(fingerprint);
  const record = parseKeyRetirement(bytes, where);
  const unproven = (why: string) =>
    new QuietlistError('SIGNATURE_INVALID', `${where} does not prove a handover: ${why}`);
  if (record.retiredKey !== fingerprint) throw unproven(`it retires key ${record.retiredKey}`);
  const successor = fromBase64(record.successor, 'successor');
  const manifestBytes = await fetchManifest(record.handover);
  if (!manifestBytes) throw unproven(`the manifest of epoch ${record.handover.epoch} is not available`);
  const handover = parseSignedManifest(manifestBytes);
  if (
    handover.manifest.epoch !== record.handover.epoch ||
    manifestSha256(handover.manifest) !== record.handover.manifestSha256
  ) {
    throw unproven(`the manifest of epoch ${record.handover.epoch} does not match it`);
  }
  if (handover.signature.keyFingerprint !== publicKeyFingerprint(successor)) {
    throw unproven(`epoch ${record.handover.epoch} is not signed by the successor`);
  }
  const chain = await verifyAlongKeyChain(handover, retired, fetchManifest).catch((error: unknown) => {
    throw unproven((error as Error).message);
  });
  if (chain.keys.length !== 2) throw unproven('the successor was not announced by the retired key itself');
  return successor;
}

export interface FollowedRetirements {
  /** The key in force: `from`, or the last successor a retirement record proved. */
  key: Uint8Array;
  /** The keys retired on the way, oldest first (empty: `from` is still in force). */
  retired: Uint8Array[];
}

/** Walks forward from `from` through every retirement record (TUF's root-rotation walk). */
export async function followRetirements(
  from: Uint8Array,
  fetchRetirement: RetirementFetcher,
  fetchManifest: ManifestFetcher,
  limit = MAX_RETIREMENTS,
): Promise<FollowedRetirements> {
  let key = from;
  const retired: Uint8Array[] = [];
  for (;;) {
    const record = await fetchRetirement(publicKeyFingerprint(key));
    if (!record) return { key, retired };
    if (retired.length >= limit) {
      throw new QuietlistError('SIGNATURE_INVALID', `more than ${limit} key retirements: refused`);
    }
    const successor = await verifyKeyRetirement(record, key, fetchManifest);
    const back = publicKeyFingerprint(successor);
    if (back === publicKeyFingerprint(from) || retired.some((old) => publicKeyFingerprint(old) === back)) {
      throw new QuietlistError(
        'SIGNATURE_INVALID',
        `the key chain goes back to the retired key ${back}: refused`,
      );
    }
    retired.push(key);
    key = successor;
  }
}
