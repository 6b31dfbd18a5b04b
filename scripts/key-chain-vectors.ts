/**
 * Key-chain and pointer vectors (test/vectors/key-chain.json, docs/FORMAT.md §6.3, §7, §9): a store
 * whose signing key rotated from K1 to K2, the retirement record of K1, signed pointers, and cases a
 * reader MUST accept or refuse: with and without a saved trust state, a manifest later signed by the
 * retired key (linked on top of the chain, or forked from before the rotation), an unannounced key, a
 * forged retirement record, an expired pointer, a pointer signed by the wrong key, an unsigned pointer,
 * and a rollback. Keys are RFC 8032 §7.1 TEST 1, 2 and 3; dates are fixed.
 */

import { toBase64 } from '../src/core/encoding/base64.ts';
import { fromHex, toHex } from '../src/core/encoding/bytes.ts';
import { encodeKeyRetirement, type KeyRetirement } from '../src/core/epoch/key-retirement.ts';
import {
  encodeSignedManifest,
  type Manifest,
  manifestSha256,
  type SignedManifest,
  signManifest,
} from '../src/core/epoch/manifest.ts';
import {
  type EpochPointer,
  encodeSignedPointer,
  POINTER_LABEL,
  signEpochPointer,
} from '../src/core/epoch/pointer.ts';
import {
  publicKeyFingerprint,
  type SigningKeyPair,
  signingKeyPairFromSecret,
} from '../src/core/epoch/signing.ts';
import type { TrustState } from '../src/core/epoch/trust-state.ts';

const SECRETS = {
  K1: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  K2: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
  K3: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
} as const;
type KeyName = keyof typeof SECRETS;
type RecordName = 'K1' | 'forgedK1';

/** A reader's clock for the cases, and one past every pointer's expiry. */
const NOW = '2025-06-06T12:00:00.000Z';
const LATER = '2025-06-30T00:00:00.000Z';

type Expectation =
  | {
      accept: {
        epoch: string;
        keyInForce: KeyName;
        retired: KeyName[];
        /** Keys a re-key abandoned (§6.3 step 1); absent: none. */
        revoked?: KeyName[];
        verdict: 'same' | 'newer';
      };
    }
  | { refuse: { code: string; rule: string } };

interface Case {
  name: string;
  rule: string;
  pinned: KeyName;
  /** The reader's saved trust state, keys named (K1…); null: none. */
  state: {
    epoch: string;
    manifestSha256: string;
    createdAt: string;
    signingKey: KeyName;
    retiredKeys: KeyName[];
    revokedKeys?: KeyName[];
  } | null;
  /** latest.json as the reader reads it. */
  pointerJson: string;
  /** Which manifests and retirement records the source holds (by epoch; by name in `retirements`). */
  manifests: string[];
  retirements: RecordName[];
  now: string;
  expect: Expectation;
}

export function keyChainVectors(base: Manifest) {
  const keys = Object.fromEntries(
    Object.entries(SECRETS).map(([name, secret]) => [name, signingKeyPairFromSecret(fromHex(secret))]),
  ) as Record<KeyName, SigningKeyPair>;
  const manifests: Record<string, SignedManifest> = {};
  const publish = (
    epoch: string,
    day: number,
    signer: KeyName,
    previous: string | null,
    announce?: KeyName,
  ): SignedManifest => {
    const before = previous ? manifests[previous]! : null;
    const manifest: Manifest = {
      ...base,
      epoch,
      createdAt: `2025-06-0${day}T02:00:00.000Z`,
      previous: before
        ? { epoch: before.manifest.epoch, manifestSha256: manifestSha256(before.manifest) }
        : null,
      ...(announce ? { signing: { next: toBase64(keys[announce].publicKey) } } : {}),
    };
    const signed = signManifest(manifest, keys[signer].secretKey, keys[signer].publicKey);
    manifests[epoch] = signed;
    return signed;
  };
  publish('20250601T020000Z-e1', 1, 'K1', null);
  publish('20250602T020000Z-e2', 2, 'K1', '20250601T020000Z-e1', 'K2');
  publish('20250603T020000Z-e3', 3, 'K2', '20250602T020000Z-e2');
  publish('20250604T020000Z-e4', 4, 'K2', '20250603T020000Z-e3');
  // The retired key signs again, linked on top of the chain (a departed holder of K1).
  publish('20250605T020000Z-k1late', 5, 'K1', '20250604T020000Z-e4');
  // … or forked from before the rotation.
  publish('20250605T020000Z-k1fork', 5, 'K1', '20250602T020000Z-e2');
  // A key nobody announced.
  publish('20250605T020000Z-k3', 5, 'K3', '20250604T020000Z-e4');

  const link = (epoch: string) => ({ epoch, manifestSha256: manifestSha256(manifests[epoch]!.manifest) });
  const retirement: KeyRetirement = {
    format: 'quietlist-key-retirement',
    version: 1,
    retiredKey: publicKeyFingerprint(keys.K1.publicKey),
    successor: toBase64(keys.K2.publicKey),
    handover: link('20250603T020000Z-e3'),
  };
  // A forged record: "K1 handed over to K3" at the unannounced K3 epoch.
  const forged: KeyRetirement = {
    ...retirement,
    successor: toBase64(keys.K3.publicKey),
    handover: link('20250605T020000Z-k3'),
  };
  const pointer = (
    epoch: string,
    signer: KeyName,
    day = manifests[epoch]!.manifest.createdAt.slice(8, 10),
  ) => {
    const value: EpochPointer = {
      ...link(epoch),
      publishedAt: `2025-06-${day}T02:00:05.000Z`,
      expiresAt: `2025-06-${String(Number(day) + 4).padStart(2, '0')}T02:00:05.000Z`,
    };
    return new TextDecoder().decode(encodeSignedPointer(signEpochPointer(value, keys[signer])));
  };
  const stateAt = (epoch: string, signingKey: KeyName, retiredKeys: KeyName[], revokedKeys?: KeyName[]) => ({
    ...link(epoch),
    createdAt: manifests[epoch]!.manifest.createdAt,
    signingKey,
    retiredKeys,
    ...(revokedKeys ? { revokedKeys } : {}),
  });
  const all = Object.keys(manifests);
  const chain = ['20250601T020000Z-e1', '20250602T020000Z-e2', '20250603T020000Z-e3', '20250604T020000Z-e4'];
  const accept = (
    epoch: string,
    keyInForce: KeyName,
    retired: KeyName[],
    verdict: 'same' | 'newer' = 'newer',
    revoked?: KeyName[],
  ) => ({ accept: { epoch, keyInForce, retired, ...(revoked ? { revoked } : {}), verdict } }) as const;
  const refuse = (code: string, rule: string) => ({ refuse: { code, rule } }) as const;

  const cases: Case[] = [
    {
      name: 'new-reader-follows-rotation',
      rule: 'pinned K1, no state: the retirement record moves the walk to K2; E4 (K2) is accepted',
      pinned: 'K1',
      state: null,
      pointerJson: pointer('20250604T020000Z-e4', 'K2'),
      manifests: chain,
      retirements: ['K1'],
      now: NOW,
      expect: accept('20250604T020000Z-e4', 'K2', ['K1']),
    },
    {
      name: 'new-reader-follows-announcements-without-records',
      rule: 'no record: the backward walk from E4 to the K1-signed E2 and forward through its announcement',
      pinned: 'K1',
      state: null,
      pointerJson: pointer('20250604T020000Z-e4', 'K2'),
      manifests: chain,
      retirements: [],
      now: NOW,
      expect: accept('20250604T020000Z-e4', 'K2', ['K1']),
    },
    {
      name: 'retired-key-on-top-of-chain',
      rule: 'pinned K1, no state: K1 is retired by its record, so a later K1 manifest is refused',
      pinned: 'K1',
      state: null,
      pointerJson: pointer('20250605T020000Z-k1late', 'K1'),
      manifests: all,
      retirements: ['K1'],
      now: NOW,
      expect: refuse('KEY_RETIRED', '§6.3 step 3: signed by a retired key'),
    },
    {
      name: 'retired-key-fork',
      rule: 'a K1 manifest forked from before the rotation: refused by the record all the same',
      pinned: 'K1',
      state: null,
      pointerJson: pointer('20250605T020000Z-k1fork', 'K1'),
      manifests: all,
      retirements: ['K1'],
      now: NOW,
      expect: refuse('KEY_RETIRED', '§6.3 step 3: signed by a retired key'),
    },
    {
      name: 'retired-key-refused-by-saved-state',
      rule: 'a saved state that retired K1 refuses a K1 manifest even where no record is published',
      pinned: 'K1',
      state: stateAt('20250604T020000Z-e4', 'K2', ['K1']),
      pointerJson: pointer('20250605T020000Z-k1late', 'K1'),
      manifests: all,
      retirements: [],
      now: NOW,
      expect: refuse('KEY_RETIRED', '§6.3 step 3: signed by a retired key'),
    },
    {
      name: 'saved-state-same-epoch',
      rule: 'the saved epoch itself, under a pointer still valid: accepted as the same',
      pinned: 'K1',
      state: stateAt('20250604T020000Z-e4', 'K2', ['K1']),
      pointerJson: pointer('20250604T020000Z-e4', 'K2'),
      manifests: chain,
      retirements: ['K1'],
      now: NOW,
      expect: accept('20250604T020000Z-e4', 'K2', ['K1'], 'same'),
    },
    {
      name: 'rekey-outside-saved-chain',
      rule: 'a pin outside the saved chain (a deliberate re-key): the chain restarts from it, every saved key is revoked (not retired: it vouches for nothing, receipts included), the mark is dropped',
      pinned: 'K3',
      state: stateAt('20250604T020000Z-e4', 'K2', ['K1']),
      pointerJson: pointer('20250605T020000Z-k3', 'K3'),
      manifests: all,
      retirements: ['K1'],
      now: NOW,
      expect: accept('20250605T020000Z-k3', 'K3', [], 'newer', ['K1', 'K2']),
    },
    {
      name: 'revoked-key-signs-again',
      rule: 'after a re-key, a manifest signed by a revoked key is refused, restarts included',
      pinned: 'K3',
      state: stateAt('20250605T020000Z-k3', 'K3', [], ['K1', 'K2']),
      pointerJson: pointer('20250605T020000Z-k1late', 'K1'),
      manifests: all,
      retirements: ['K1'],
      now: NOW,
      expect: refuse('KEY_RETIRED', '§6.3 step 3: signed by a revoked key'),
    },
    {
      name: 'revoked-key-pinned-again',
      rule: 'a pin a re-key revoked is refused: going back to a compromised key needs a new trust state',
      pinned: 'K2',
      state: stateAt('20250605T020000Z-k3', 'K3', [], ['K1', 'K2']),
      pointerJson: pointer('20250605T020000Z-k3', 'K3'),
      manifests: all,
      retirements: ['K1'],
      now: NOW,
      expect: refuse('KEY_RETIRED', '§6.3 step 1: the pin is a revoked key'),
    },
    {
      name: 'unannounced-key',
      rule: 'a manifest signed by a key no manifest announced: refused',
      pinned: 'K2',
      state: null,
      pointerJson: pointer('20250605T020000Z-k3', 'K3'),
      manifests: all,
      retirements: [],
      now: NOW,
      expect: refuse('SIGNATURE_INVALID', '§6.3 step 4: no announced key leads to it'),
    },
    {
      name: 'forged-retirement-record',
      rule: 'a record naming a successor K1 never announced proves nothing: refused',
      pinned: 'K1',
      state: null,
      pointerJson: pointer('20250605T020000Z-k3', 'K3'),
      manifests: all,
      retirements: ['forgedK1'],
      now: NOW,
      expect: refuse('SIGNATURE_INVALID', '§6.3 step 2: the record does not prove a handover'),
    },
    {
      name: 'expired-pointer',
      rule: 'a pointer whose expiresAt has passed: refused, whatever it names',
      pinned: 'K2',
      state: null,
      pointerJson: pointer('20250604T020000Z-e4', 'K2'),
      manifests: chain,
      retirements: ['K1'],
      now: LATER,
      expect: refuse('POINTER_EXPIRED', '§7: expiresAt not after the reader\u2019s clock'),
    },
    {
      name: 'pointer-signed-by-other-key',
      rule: 'the pointer must be signed by the key that signed the manifest it names',
      pinned: 'K1',
      state: null,
      pointerJson: pointer('20250604T020000Z-e4', 'K1'),
      manifests: chain,
      retirements: ['K1'],
      now: NOW,
      expect: refuse('SIGNATURE_INVALID', '§7: signed by the manifest\u2019s key'),
    },
    {
      name: 'pointer-signed-by-announced-successor',
      rule: 'the pointer of an announcing epoch may be signed by the successor it announces (a renewal after the old secret key was destroyed); the key in force stays K1',
      pinned: 'K1',
      state: null,
      pointerJson: pointer('20250602T020000Z-e2', 'K2', '05'),
      manifests: ['20250601T020000Z-e1', '20250602T020000Z-e2'],
      retirements: [],
      now: NOW,
      expect: accept('20250602T020000Z-e2', 'K1', []),
    },
    {
      name: 'unsigned-pointer',
      rule: 'a pointer of a store written before pointers were signed: refused (rebuild or renew)',
      pinned: 'K2',
      state: null,
      pointerJson: `${JSON.stringify({ ...link('20250604T020000Z-e4'), publishedAt: '2025-06-04T02:00:05.000Z' })}\n`,
      manifests: chain,
      retirements: ['K1'],
      now: NOW,
      expect: refuse('SIGNATURE_INVALID', '§7: the pointer is signed'),
    },
    {
      name: 'rollback',
      rule: 'an older epoch under a valid pointer, for a reader whose state holds a newer one: refused',
      pinned: 'K2',
      state: stateAt('20250604T020000Z-e4', 'K2', ['K1']),
      pointerJson: pointer('20250603T020000Z-e3', 'K2', '05'),
      manifests: chain,
      retirements: ['K1'],
      now: NOW,
      expect: refuse('MANIFEST_INVALID', '§7: never an epoch not created after the saved one (rollback)'),
    },
  ];
  const toState = (state: Case['state']): TrustState | null =>
    state && {
      ...state,
      signingKey: toBase64(keys[state.signingKey].publicKey),
      retiredKeys: state.retiredKeys.map((name) => toBase64(keys[name].publicKey)),
      ...(state.revokedKeys
        ? { revokedKeys: state.revokedKeys.map((name) => toBase64(keys[name].publicKey)) }
        : {}),
    };
  return {
    description:
      'Signing-key chain, retirement records and signed pointers (docs/FORMAT.md §6.3, §7, §9): a store whose key rotated from K1 to K2, and what a reader must accept or refuse. States name keys K1…K3; `stateResolved` gives them in base64.',
    pointerLabel: POINTER_LABEL,
    keys: Object.fromEntries(
      Object.entries(keys).map(([name, pair]) => [
        name,
        {
          secretKey: SECRETS[name as KeyName],
          publicKey: toHex(pair.publicKey),
          publicKeyBase64: toBase64(pair.publicKey),
          fingerprint: publicKeyFingerprint(pair.publicKey),
        },
      ]),
    ),
    manifests: Object.fromEntries(
      Object.entries(manifests).map(([epoch, signed]) => [
        epoch,
        new TextDecoder().decode(encodeSignedManifest(signed)),
      ]),
    ),
    retirements: {
      K1: new TextDecoder().decode(encodeKeyRetirement(retirement)),
      forgedK1: new TextDecoder().decode(encodeKeyRetirement(forged)),
    },
    cases: cases.map((item) => ({ ...item, stateResolved: toState(item.state) })),
    forgedRetirementCase: 'forged-retirement-record',
  };
}
