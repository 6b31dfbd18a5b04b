/**
 * Accepting a store's `latest.json`: the one procedure every reader applies (docs/FORMAT.md §9): the
 * server (api/epochs/epoch-cache.ts), `pull` and the operator's `check --store`, and the scrub page.
 *
 * 1. Start from the reader's trust state (trust-state.ts), or from its pin when it has none.
 * 2. Walk forward through the key retirement records (key-retirement.ts): the key in force, and the
 *    keys retired on the way.
 * 3. The manifest the pointer names: refused if signed by a retired key; else verified along the
 *    announced chain from the key in force (key-chain.ts), and matched to the pointer.
 * 4. The pointer's signature, by the key that signed that manifest (or the successor it announces).
 * 5. Not older than the state's mark (rollback), then not expired.
 * The manifest must be of the list the reader asked for (docs/FORMAT.md §14): list A's signed epoch
 * copied under list B's prefix is refused.
 * The result carries the new state; the caller persists it. Every refusal is a typed error.
 */
import { fromBase64, toBase64 } from '../encoding/base64.ts';
import { FormatError, QuietlistError } from '../errors.ts';
import { assertManifestList, DEFAULT_LIST } from '../lists/list-name.ts';
import { type ManifestFetcher, verifyAlongKeyChain } from './key-chain.ts';
import { followRetirements, type RetirementFetcher } from './key-retirement.ts';
import { manifestSha256, parseSignedManifest, type SignedManifest } from './manifest.ts';
import {
  assertPointerFresh,
  type EpochPointer,
  LATEST_POINTER_KEY,
  parseSignedPointer,
  type SignedPointer,
  verifyPointerSignature,
} from './pointer.ts';
import { publicKeyFingerprint } from './signing.ts';
import {
  type EpochMark,
  judgeAgainstMark,
  keysOf,
  RollbackError,
  revokedKeysOf,
  type TrustState,
} from './trust-state.ts';

export interface TrustSource {
  /** manifest.json of the epoch a link names, or null when the source does not have it. */
  manifest: ManifestFetcher;
  /** `key-retirements/<fingerprint>.json`, or null when that key was never retired. */
  retirement: RetirementFetcher;
}

export interface LatestInput {
  /** latest.json as read. */
  pointerBytes: Uint8Array;
  /** The key the reader was configured with (or given). */
  pinned: Uint8Array;
  /** What the reader learnt before; null: nothing (a new client, a server on an empty disk). */
  state: TrustState | null;
  source: TrustSource;
  /** The reader's clock, ms. */
  now: number;
  /** Names the marked epoch in rollback messages ("the cached epoch", "the epoch already served"). */
  held?: string;
  /** The list the reader asked for (docs/FORMAT.md §14); an epoch of another list is refused. Default `default`. */
  list?: string;
}

export interface TrustedLatest {
  pointer: EpochPointer;
  signedPointer: SignedPointer;
  signed: SignedManifest;
  manifestBytes: Uint8Array;
  manifestSha256: string;
  /** The key that signed the epoch: the key in force from now on. */
  key: Uint8Array;
  /** Every key of the chain known now, retired ones first, then `key` (delta chains verify with them). */
  keys: Uint8Array[];
  /** 'same': the pointer names the marked epoch. */
  verdict: 'same' | 'newer';
  /** The state to keep. */
  state: TrustState;
  /** The key in force moved on this call: from the state's (or the pin), through `keys` keys. */
  rotation: { from: Uint8Array; to: Uint8Array; keys: number } | null;
}

export async function acceptLatest(input: LatestInput): Promise<TrustedLatest> {
  const signedPointer = parseSignedPointer(input.pointerBytes);
  const { pointer } = signedPointer;
  const start = startingPoint(input.pinned, input.state);
  const followed = await followRetirements(start.key, input.source.retirement, input.source.manifest);
  const revokedNames = new Set(start.revoked.map((key) => toBase64(key)));
  const retired = unique([...start.retired, ...followed.retired]).filter(
    (key) => !revokedNames.has(toBase64(key)),
  );
  const manifestBytes = await input.source.manifest(pointer);
  if (!manifestBytes) {
    throw new FormatError(
      `${LATEST_POINTER_KEY} names epoch ${pointer.epoch}, whose manifest is missing`,
      'MANIFEST_INVALID',
    );
  }
  const signed = parseSignedManifest(manifestBytes);
  assertManifestList(signed.manifest, input.list ?? DEFAULT_LIST);
  const signer = signed.signature.keyFingerprint;
  if (start.revoked.some((key) => publicKeyFingerprint(key) === signer)) {
    throw new QuietlistError(
      'KEY_RETIRED',
      `epoch ${signed.manifest.epoch} is signed by key ${signer}, which a re-key revoked (the key in force is ${publicKeyFingerprint(followed.key)}): refused`,
    );
  }
  if (retired.some((key) => publicKeyFingerprint(key) === signer)) {
    throw new QuietlistError(
      'KEY_RETIRED',
      `epoch ${signed.manifest.epoch} is signed by key ${signer}, which the signing-key chain has retired (the key in force is ${publicKeyFingerprint(followed.key)}): refused`,
    );
  }
  const chain = await verifyAlongKeyChain(signed, followed.key, input.source.manifest);
  const sha = manifestSha256(signed.manifest);
  if (signed.manifest.epoch !== pointer.epoch || sha !== pointer.manifestSha256) {
    throw new FormatError(
      `${LATEST_POINTER_KEY} and the manifest of epoch ${pointer.epoch} disagree`,
      'MANIFEST_INVALID',
    );
  }
  verifyPointerSignature(signedPointer, pointerKey(signedPointer, signed, chain.key));
  const verdict = judgeAgainstMark(start.mark, signed.manifest, sha, input.held);
  assertPointerFresh(pointer, input.now);

  const allRetired = unique([...retired, ...chain.keys.slice(0, -1)]).filter(
    (key) => !revokedNames.has(toBase64(key)),
  );
  const moved = publicKeyFingerprint(start.key) !== publicKeyFingerprint(chain.key);
  return {
    pointer,
    signedPointer,
    signed,
    manifestBytes,
    manifestSha256: sha,
    key: chain.key,
    keys: [...allRetired, chain.key],
    verdict,
    state: {
      epoch: signed.manifest.epoch,
      manifestSha256: sha,
      createdAt: signed.manifest.createdAt,
      signingKey: toBase64(chain.key),
      retiredKeys: allRetired.map((key) => toBase64(key)),
      ...(revokedNames.size > 0 ? { revokedKeys: [...revokedNames] } : {}),
    },
    rotation: moved
      ? { from: start.key, to: chain.key, keys: 1 + followed.retired.length + chain.keys.length - 1 }
      : null,
  };
}

/**
 * Where the walk starts. With a state whose chain holds the pin (the key in force or one it retired):
 * the state's key in force and its mark. A pin outside the saved chain is a deliberate re-key (the
 * emergency of docs/OPERATIONS.md, `pull --repin`): the chain restarts from the pin, every saved key
 * is revoked, and the mark is dropped: every epoch before the re-key is signed by a key now revoked,
 * so none can be replayed, while a mark a compromised key set (a createdAt in the future) would
 * otherwise refuse every epoch of the new key. Revoked, not retired: a retired key handed over along
 * the signed chain still vouches for what it signed before (receipts), a revoked one for nothing.
 * A pin that a re-key revoked is refused: going back to a compromised key needs a new trust state.
 */
function startingPoint(
  pinned: Uint8Array,
  state: TrustState | null,
): { key: Uint8Array; retired: Uint8Array[]; revoked: Uint8Array[]; mark: EpochMark | null } {
  if (!state) return { key: pinned, retired: [], revoked: [], mark: null };
  const revoked = revokedKeysOf(state).map((key) => fromBase64(key, 'saved revoked key'));
  if (revokedKeysOf(state).includes(toBase64(pinned))) {
    throw new QuietlistError(
      'KEY_RETIRED',
      `signing key ${publicKeyFingerprint(pinned)} was revoked by a re-key (the key in force is ${publicKeyFingerprint(fromBase64(state.signingKey, 'saved signing key'))}): refused`,
    );
  }
  if (keysOf(state).includes(toBase64(pinned))) {
    return {
      key: fromBase64(state.signingKey, 'saved signing key'),
      retired: state.retiredKeys.map((key) => fromBase64(key, 'saved retired key')),
      revoked,
      mark: state,
    };
  }
  const abandoned = [...state.retiredKeys, state.signingKey].map((key) => fromBase64(key, 'saved key'));
  return { key: pinned, retired: [], revoked: unique([...revoked, ...abandoned]), mark: null };
}

/**
 * The key the pointer must verify under: the manifest's, or the successor that manifest announces
 * (so after an announcing build the old secret key can be destroyed: `renew` signs with the new one).
 */
function pointerKey(pointer: SignedPointer, manifest: SignedManifest, key: Uint8Array): Uint8Array {
  const next = manifest.manifest.signing?.next;
  if (next === undefined || pointer.signature.keyFingerprint === publicKeyFingerprint(key)) return key;
  const successor = fromBase64(next, 'signing.next');
  return pointer.signature.keyFingerprint === publicKeyFingerprint(successor) ? successor : key;
}

function unique(keys: Uint8Array[]): Uint8Array[] {
  const seen = new Set<string>();
  return keys.filter((key) => {
    const fingerprint = publicKeyFingerprint(key);
    if (seen.has(fingerprint)) return false;
    seen.add(fingerprint);
    return true;
  });
}

/** How a refusal shows in /healthz and in alert lines (docs/API.md). */
export type RefusalKind = 'ROLLBACK_REFUSED' | 'POINTER_EXPIRED' | 'KEY_RETIRED' | 'POINTER_UNVERIFIABLE';

/**
 * Whether `error` is the store's data being refused (a bad pointer: keep what was trusted before) rather
 * than the store being unreachable (retry), and of which kind.
 */
export function refusalKind(error: unknown): RefusalKind | null {
  if (error instanceof RollbackError) return 'ROLLBACK_REFUSED';
  if (!(error instanceof QuietlistError)) return null;
  switch (error.code) {
    case 'POINTER_EXPIRED':
      return 'POINTER_EXPIRED';
    case 'KEY_RETIRED':
      return 'KEY_RETIRED';
    case 'SIGNATURE_INVALID':
    case 'MANIFEST_INVALID':
    case 'FORMAT_INVALID':
    case 'SCHEME_UNSUPPORTED':
      return 'POINTER_UNVERIFIABLE';
    default:
      return null;
  }
}
