/**
 * Negative vectors (test/vectors/invalid.json): manifests and latest.json pointers a reader MUST
 * refuse (docs/FORMAT.md §6.1, §7 and Conventions). Each manifest and pointer is signed by the vector
 * key after the change, so only the broken rule can refuse it: a reader that skips the check accepts
 * it (the pointer cases about the signature itself excepted).
 * Cases with raw-text problems (BOM, invalid UTF-8, `1.0`, duplicate members) are given as hex bytes.
 */

import { hashKeyId } from '../src/core/digest/keyed-hash.ts';
import { toBase64 } from '../src/core/encoding/base64.ts';
import { toHex } from '../src/core/encoding/bytes.ts';
import { canonicalJson } from '../src/core/encoding/canonical-json.ts';
import { canonicalManifestBytes, type Manifest } from '../src/core/epoch/manifest.ts';
import { POINTER_LABEL } from '../src/core/epoch/pointer.ts';
import { publicKeyFingerprint, sign } from '../src/core/epoch/signing.ts';

interface Keys {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export interface InvalidCase {
  name: string;
  /** The rule of docs/FORMAT.md it breaks. */
  rule: string;
  /** The whole file, hex. */
  fileHex: string;
}

const utf8 = new TextEncoder();
const hex = (text: string | Uint8Array) => toHex(typeof text === 'string' ? utf8.encode(text) : text);

/** Signs without validating (signManifest refuses what these vectors must contain). */
function signedJson(manifest: unknown, keys: Keys): string {
  const value = sign(canonicalManifestBytes(manifest as Manifest), keys.secretKey);
  const signature = { algorithm: 'Ed25519', keyFingerprint: publicKeyFingerprint(keys.publicKey), value };
  return `${JSON.stringify({ manifest, signature }, null, 2)}\n`;
}

export function invalidVectors(manifest: Manifest, manifestJson: string, latestJson: string, keys: Keys) {
  const change = (name: string, rule: string, edit: (m: Manifest) => void): InvalidCase => {
    const copy = structuredClone(manifest);
    edit(copy);
    return { name, rule, fileHex: hex(signedJson(copy, keys)) };
  };
  const raw = (name: string, rule: string, text: string | Uint8Array): InvalidCase => ({
    name,
    rule,
    fileHex: hex(text),
  });
  const otherKey = new Uint8Array(32).fill(9);
  const key = manifest.hash.key!;
  const nonCanonicalKey = `${key.slice(0, -2)}${key.at(-2) === 'B' ? 'C' : 'B'}=`;
  const signature = JSON.parse(manifestJson).signature.value as string;
  const manifests: InvalidCase[] = [
    change('open-without-key', 'mode "open" requires hash.key', (m) => delete m.hash.key),
    change('open-with-oprf-scheme', 'mode and hash.scheme agree', (m) => {
      m.hash.scheme = 'oprf-ristretto255-sha512';
    }),
    change('secret-with-key', 'mode "secret" carries no hash.key', (m) => {
      m.mode = 'secret';
    }),
    change('oprf-without-public-key', 'mode "oprf" requires hash.publicKey', (m) => {
      m.mode = 'oprf';
      m.hash = { scheme: 'oprf-ristretto255-sha512', keyId: m.hash.keyId };
    }),
    change('oprf-with-hmac-key', 'mode "oprf" carries no hash.key', (m) => {
      m.mode = 'oprf';
      m.hash = { ...m.hash, scheme: 'oprf-ristretto255-sha512', publicKey: m.hash.key };
    }),
    change('key-id-format', 'hash.keyId is 16 lowercase hex', (m) => {
      m.hash.keyId = m.hash.keyId.toUpperCase();
    }),
    change('key-id-of-another-key', 'hash.keyId is the key id of the published key', (m) => {
      m.hash.keyId = hashKeyId(otherKey);
    }),
    change('key-not-canonical-base64', 'base64 is canonical (padding bits zero)', (m) => {
      m.hash.key = nonCanonicalKey;
    }),
    change('key-wrong-length', 'hash.key is 32 bytes', (m) => {
      m.hash.key = toBase64(new Uint8Array(31));
    }),
    change('shard-path-not-its-index', 'shards[i].path is shard-%05d.qlbf of i', (m) => {
      const [one, two] = [m.shards[1]!, m.shards[2]!];
      [one.path, two.path] = [two.path, one.path];
    }),
    change('delta-path-not-its-index', 'shards[i].delta.path is shard-%05d.qldelta of i', (m) => {
      m.shards[0]!.delta = {
        from: m.previous!.epoch,
        path: 'shard-00001.qldelta',
        bytes: 10,
        sha256: '0'.repeat(64),
      };
    }),
    change('delta-not-from-previous', 'shards[i].delta.from is previous.epoch', (m) => {
      m.shards[0]!.delta = {
        from: '20250101T000000Z',
        path: 'shard-00000.qldelta',
        bytes: 10,
        sha256: '0'.repeat(64),
      };
    }),
    change('negative-count', 'counts are integers ≥ 0', (m) => {
      m.counts.rejected = -1;
    }),
    change('created-at-offset', 'timestamps are YYYY-MM-DDTHH:MM:SS[.fff]Z', (m) => {
      m.createdAt = '2025-06-01T04:00:00+02:00';
    }),
    change('created-at-not-a-date', 'timestamps are real calendar times', (m) => {
      m.createdAt = '2025-02-30T02:00:00.000Z';
    }),
    change('epoch-non-ascii-digits', 'epoch ids use ASCII digits [0-9]', (m) => {
      m.epoch = '٢٠٢٥٠٦٠١T020000Z';
    }),
    raw(
      'integer-with-fraction',
      'integers have no fraction',
      manifestJson.replace('"version": 1,', '"version": 1.0,'),
    ),
    raw(
      'integer-with-exponent',
      'integers have no exponent',
      manifestJson.replace('"rows": 15', '"rows": 1.5e1'),
    ),
    raw(
      'duplicate-member',
      'no duplicate member names',
      manifestJson.replace('"mode": "open",', '"mode": "secret",\n    "mode": "open",'),
    ),
    raw(
      'byte-order-mark',
      'no byte-order mark',
      Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8.encode(manifestJson)]),
    ),
    raw(
      'invalid-utf8',
      'valid UTF-8 only',
      Uint8Array.from([
        ...utf8.encode(manifestJson.slice(0, -3)),
        0xff,
        ...utf8.encode(manifestJson.slice(-3)),
      ]),
    ),
    raw(
      'signature-not-canonical-base64',
      'signature.value is canonical base64 of 64 bytes',
      manifestJson.replace(signature, `${signature.slice(0, -3)}${signature.at(-3) === 'B' ? 'C' : 'B'}==`),
    ),
  ];
  const file = JSON.parse(latestJson) as {
    pointer: Record<string, string>;
    signature: Record<string, string>;
  };
  // Each pointer is signed after its change (only the rule named refuses it), except where the rule is the signature.
  const signedPointerJson = (pointer: Record<string, string>) =>
    `${JSON.stringify({ pointer, signature: { ...file.signature, value: sign(utf8.encode(`${POINTER_LABEL}${canonicalJson(pointer)}`), keys.secretKey) } })}\n`;
  const pointers: InvalidCase[] = [
    raw('extra-member', 'exactly pointer and signature', `${JSON.stringify({ ...file, note: 'x' })}\n`),
    raw(
      'pointer-extra-member',
      'exactly four pointer members',
      signedPointerJson({ ...file.pointer, note: 'x' }),
    ),
    raw(
      'missing-expiry',
      'exactly four pointer members (expiresAt)',
      signedPointerJson({
        epoch: file.pointer.epoch!,
        manifestSha256: file.pointer.manifestSha256!,
        publishedAt: file.pointer.publishedAt!,
      }),
    ),
    raw(
      'published-at-offset',
      'timestamps are YYYY-MM-DDTHH:MM:SS[.fff]Z',
      signedPointerJson({ ...file.pointer, publishedAt: '2025-06-01T02:00:05.000+00:00' }),
    ),
    raw(
      'hash-uppercase',
      'manifestSha256 is 64 lowercase hex',
      signedPointerJson({ ...file.pointer, manifestSha256: file.pointer.manifestSha256!.toUpperCase() }),
    ),
    raw(
      'unsigned',
      'the pointer is signed (a store written before pointers were signed: rebuild or renew)',
      `${JSON.stringify({ epoch: file.pointer.epoch, manifestSha256: file.pointer.manifestSha256, publishedAt: file.pointer.publishedAt })}\n`,
    ),
    raw(
      'expiry-changed-after-signing',
      'the signature covers the label and the canonical pointer',
      `${JSON.stringify({ ...file, pointer: { ...file.pointer, expiresAt: '2099-01-01T00:00:00.000Z' } })}\n`,
    ),
    raw(
      'signature-without-label',
      'the signed bytes start with the label quietlist-pointer-v1 and a line feed',
      `${JSON.stringify({ ...file, signature: { ...file.signature, value: sign(utf8.encode(canonicalJson(file.pointer)), keys.secretKey) } })}\n`,
    ),
    raw(
      'duplicate-member',
      'no duplicate member names',
      latestJson.replace('{"pointer":{', '{"pointer":{"epoch":"20990101T000000Z",'),
    ),
    raw(
      'byte-order-mark',
      'no byte-order mark',
      Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8.encode(latestJson)]),
    ),
  ];
  return {
    description:
      'Files a reader MUST refuse: each manifest is validly signed by the manifest vector key after its change, so only the rule named can refuse it.',
    publicKey: toHex(keys.publicKey),
    manifests,
    pointers,
  };
}
