import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../../src/core/encoding/bytes.ts';
import { canonicalJson } from '../../../../src/core/encoding/canonical-json.ts';
import {
  canonicalManifestBytes,
  encodeSignedManifest,
  type Manifest,
  manifestSha256,
  type SignedManifest,
  signManifest,
  verifySignedManifest,
} from '../../../../src/core/epoch/manifest.ts';
import {
  assertPointerFresh,
  encodeSignedPointer,
  parseSignedPointer,
  signEpochPointer,
  verifyPointerSignature,
} from '../../../../src/core/epoch/pointer.ts';
import {
  parsePublicKey,
  publicKeyFingerprint,
  sign,
  signingKeyPairFromSecret,
  verifySignature,
} from '../../../../src/core/epoch/signing.ts';
import { QuietlistError } from '../../../../src/core/errors.ts';
import vector from '../../../vectors/manifest.json' with { type: 'json' };
import partitioned from '../../../vectors/partitions.json' with { type: 'json' };

const operator = signingKeyPairFromSecret(fromHex(vector.secretKey));
const stranger = signingKeyPairFromSecret(new Uint8Array(32).fill(7));
const baseManifest = () => structuredClone(vector.manifest) as Manifest;
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function rejection(bytes: Uint8Array, publicKey = operator.publicKey): QuietlistError {
  try {
    verifySignedManifest(bytes, publicKey);
  } catch (error) {
    if (error instanceof QuietlistError) return error;
    throw error;
  }
  throw new Error('the manifest was accepted');
}

/** Every leaf of a JSON value, as a path of keys and indexes. */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      leafPaths(item, [...path, Array.isArray(value) ? Number(key) : key]),
    );
  }
  return [path];
}

/** A small change to one leaf: +1 for integers, ×1.5 for other numbers, one character for strings. */
function mutated(manifest: Manifest, path: (string | number)[]): Manifest {
  const copy = structuredClone(manifest) as unknown as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  const leaf = parent[last];
  if (typeof leaf === 'number') parent[last] = Number.isInteger(leaf) ? leaf + 1 : leaf * 1.5;
  else if (typeof leaf === 'string') {
    // The last hex-like character, swapped within its class, so formats mostly stay valid.
    const at = Math.max(leaf.search(/[0-9a-f][^0-9a-f]*$/), 0);
    const swap: Record<string, string> = {
      '0': '1',
      '1': '2',
      a: 'b',
      b: 'c',
      c: 'd',
      d: 'e',
      e: 'f',
      f: 'a',
    };
    const char = leaf[at] ?? '';
    parent[last] = leaf.slice(0, at) + (swap[char] ?? (/\d/.test(char) ? '0' : 'x')) + leaf.slice(at + 1);
  } else throw new Error(`unexpected leaf at ${path.join('.')}`);
  return copy as unknown as Manifest;
}

function isValidManifest(manifest: Manifest): boolean {
  try {
    signManifest(manifest, operator.secretKey, operator.publicKey);
    return true;
  } catch {
    return false;
  }
}

describe('manifest signing', () => {
  it('signs and verifies a manifest', () => {
    const signed = signManifest(baseManifest(), operator.secretKey, operator.publicKey);
    const verified = verifySignedManifest(encodeSignedManifest(signed), operator.publicKey);
    expect(verified).toEqual(signed);
    expect(signed.signature.algorithm).toBe('Ed25519');
    expect(signed.signature.keyFingerprint).toBe(publicKeyFingerprint(operator.publicKey));
  });

  it('refuses a manifest with any one field changed', () => {
    const signed = signManifest(baseManifest(), operator.secretKey, operator.publicKey);
    const paths = leafPaths(signed.manifest);
    expect(paths.length).toBeGreaterThan(50);
    let bySignature = 0;
    for (const path of paths) {
      const manifest = mutated(signed.manifest, path);
      const error = rejection(encode({ ...signed, manifest }));
      const expected = isValidManifest(manifest) ? 'SIGNATURE_INVALID' : 'MANIFEST_INVALID';
      expect(error.code, path.join('.')).toBe(expected);
      if (expected === 'SIGNATURE_INVALID') bySignature++;
    }
    // Most changes keep the manifest well formed: the signature, not the schema, is what catches them.
    expect(bySignature).toBeGreaterThan(paths.length / 2);
  });

  it('refuses changed values that are still well formed: mode, links, optional members', () => {
    const signed = signManifest(baseManifest(), operator.secretKey, operator.publicKey);
    const { key: _key, ...hashWithoutKey } = signed.manifest.hash;
    const changes: Partial<Manifest>[] = [
      { mode: 'secret', hash: hashWithoutKey },
      { previous: null },
      { validity: null },
      { createdAt: '2025-06-01T02:00:01.000Z' },
      { filter: { ...signed.manifest.filter, falsePositiveRate: 1e-6 } },
    ];
    for (const change of changes) {
      const manifest = { ...signed.manifest, ...change };
      expect(isValidManifest(manifest)).toBe(true);
      expect(rejection(encode({ ...signed, manifest })).message).toMatch(/signature does not verify/);
    }
    const value = signed.signature.value;
    const flipped = (value[0] === 'A' ? 'B' : 'A') + value.slice(1);
    expect(rejection(encode({ ...signed, signature: { ...signed.signature, value: flipped } })).code).toBe(
      'SIGNATURE_INVALID',
    );
    // Not 64 bytes of canonical base64: refused as malformed before any verification.
    for (const bad of ['', 'not base64!', value.slice(4), `${value.slice(0, -3)}B==`]) {
      expect(rejection(encode({ ...signed, signature: { ...signed.signature, value: bad } })).code).toBe(
        'MANIFEST_INVALID',
      );
    }
  });

  it('refuses a manifest signed by another key, even claiming the pinned fingerprint', () => {
    const signed = signManifest(baseManifest(), operator.secretKey, operator.publicKey);
    expect(rejection(encodeSignedManifest(signed), stranger.publicKey).message).toMatch(
      /signed by key [0-9a-f]{32}, not the pinned key [0-9a-f]{32}/,
    );
    const forged: SignedManifest = {
      ...signManifest(baseManifest(), stranger.secretKey, stranger.publicKey),
      signature: {
        ...signManifest(baseManifest(), stranger.secretKey, stranger.publicKey).signature,
        keyFingerprint: publicKeyFingerprint(operator.publicKey),
      },
    };
    expect(rejection(encodeSignedManifest(forged)).message).toMatch(/signature does not verify/);
  });

  it('refuses unsigned, malformed and mis-ordered manifests with a clear error', () => {
    const signed = signManifest(baseManifest(), operator.secretKey, operator.publicKey);
    const { manifest } = signed;
    const cases: [Uint8Array, RegExp][] = [
      [encode({ manifest }), /invalid signed manifest: signature:/],
      [encode(manifest), /invalid signed manifest/],
      [new TextEncoder().encode('{"manifest": '), /not valid JSON/],
      [Uint8Array.from([0x7b, 0xff, 0x7d]), /not valid UTF-8/],
      [encode({ ...signed, extra: 1 }), /invalid signed manifest/],
      [encode({ ...signed, manifest: { ...manifest, extra: 1 } }), /invalid signed manifest: manifest/],
      [encode({ ...signed, signature: { ...signed.signature, algorithm: 'RSA' } }), /signature\.algorithm/],
      [encode({ ...signed, manifest: { ...manifest, version: 2 } }), /manifest\.version/],
      [encode({ ...signed, manifest: { ...manifest, epoch: 'latest' } }), /manifest\.epoch/],
      [
        encode({ ...signed, manifest: { ...manifest, shards: [...manifest.shards].reverse() } }),
        /shards must be listed once each, in index order/,
      ],
      [
        encode({ ...signed, manifest: { ...manifest, shards: manifest.shards.slice(1) } }),
        /shards must be listed once each, in index order/,
      ],
    ];
    for (const [bytes, message] of cases) {
      const error = rejection(bytes);
      expect(error.code).toBe('MANIFEST_INVALID');
      expect(error.message).toMatch(message);
    }
    expect(() =>
      signManifest({ ...manifest, shards: manifest.shards.slice(1) }, operator.secretKey, operator.publicKey),
    ).toThrow(/in index order/);
  });

  it('refuses a partitioned manifest of more than 2^16 shards in all, the bound of every manifest', () => {
    const manifest = structuredClone(partitioned.manifest) as Manifest;
    expect(() => signManifest(manifest, operator.secretKey, operator.publicKey)).not.toThrow();
    // Two partitions of 2^16 shards each: over the bound before a shard entry is even read.
    const tooMany = {
      ...manifest,
      partitions: manifest.partitions!.map((partition) => ({ ...partition, shardPrefixBits: 16 })),
    };
    expect(() => signManifest(tooMany, operator.secretKey, operator.publicKey)).toThrow(
      /an epoch has at most 65536 shards in all, not 131072/,
    );
  });

  it('hashes and signs the canonical bytes of the manifest member, whatever its key order', () => {
    const manifest = baseManifest();
    const reversed = Object.fromEntries(Object.entries(manifest).reverse()) as Manifest;
    expect(canonicalJson(reversed)).toBe(vector.canonical);
    expect(manifestSha256(reversed)).toBe(
      createHash('sha256').update(vector.canonical, 'utf8').digest('hex'),
    );
    expect(verifySignature(vector.signature, canonicalManifestBytes(reversed), operator.publicKey)).toBe(
      true,
    );
  });
});

describe('Ed25519 keys', () => {
  it('matches RFC 8032 section 7.1, TEST 1', () => {
    expect(toHex(operator.publicKey)).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
    const signature = sign(new Uint8Array(0), operator.secretKey);
    expect(toHex(Uint8Array.from(atob(signature), (c) => c.charCodeAt(0)))).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
  });

  it('fingerprints a public key as the first 16 bytes of its SHA-256', () => {
    const expected = createHash('sha256').update(operator.publicKey).digest('hex').slice(0, 32);
    expect(publicKeyFingerprint(operator.publicKey)).toBe(expected);
  });

  it('reads a public key as hex or base64, and refuses other lengths', () => {
    expect(parsePublicKey(vector.publicKey)).toEqual(operator.publicKey);
    expect(parsePublicKey(` ${vector.publicKeyBase64}\n`)).toEqual(operator.publicKey);
    expect(() => parsePublicKey('AAAA')).toThrow(/32 bytes/);
    expect(() => parsePublicKey('not a key')).toThrow(/base64/);
    expect(() => signingKeyPairFromSecret(new Uint8Array(31))).toThrow(/32 bytes/);
  });
});

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and writes no whitespace (RFC 8785 section 3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('serialises numbers, strings and literals as RFC 8785 section 3.2.2 does', () => {
    const input = {
      numbers: [Number('333333333.33333329'), 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000f\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('writes the numbers manifests hold as ECMAScript does', () => {
    const numbers: [number, string][] = [
      [1e-6, '0.000001'],
      [1e-7, '1e-7'],
      [0.001, '0.001'],
      [0.01, '0.01'],
      [-0, '0'],
      [3, '3'],
      [2 ** 32 - 64, '4294967232'],
      [1e21, '1e+21'],
      [123456789012345680000, '123456789012345680000'],
    ];
    for (const [value, text] of numbers) expect(canonicalJson(value)).toBe(text);
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: undefined, é: 'x', e: 'y' })).toBe(
      '{"b":[1,{"c":2,"d":1}],"e":"y","é":"x"}',
    );
    expect(() => canonicalJson(Number.NaN)).toThrow(/non-finite/);
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow(/non-finite/);
    expect(() => canonicalJson(1n)).toThrow(/bigint/);
  });
});

describe('latest.json pointer', () => {
  it('round-trips, verifies under the signing key only, and refuses anything else', () => {
    const pointer = vector.latestPointer;
    const signed = signEpochPointer(pointer, operator);
    const bytes = encodeSignedPointer(signed);
    expect(new TextDecoder().decode(bytes)).toBe(vector.latestJson);
    expect(verifyPointerSignature(parseSignedPointer(bytes), operator.publicKey)).toEqual(pointer);
    const stranger = signingKeyPairFromSecret(new Uint8Array(32).fill(9));
    expect(() => verifyPointerSignature(parseSignedPointer(bytes), stranger.publicKey)).toThrow(
      /signed by key .* not /,
    );
    for (const bad of [
      {},
      { ...signed, pointer: { ...pointer, manifestSha256: 'abc' } },
      { ...signed, pointer: { ...pointer, epoch: '../x' } },
      { ...signed, extra: 1 },
    ]) {
      expect(() => parseSignedPointer(encode(bad))).toThrow(/not a valid epoch pointer/);
    }
    const { expiresAt: _, ...unsigned } = pointer;
    expect(() => parseSignedPointer(encode(unsigned))).toThrow(
      /not signed: the operator must rebuild or run/,
    );
  });

  it('is fresh until its expiresAt, then refused with what the operator must do', () => {
    const pointer = vector.latestPointer;
    const expiry = Date.parse(pointer.expiresAt);
    expect(() => assertPointerFresh(pointer, expiry - 1)).not.toThrow();
    expect(() => assertPointerFresh(pointer, expiry)).toThrow(/expired at .*quietlist renew/);
    let code: string | undefined;
    try {
      assertPointerFresh(pointer, expiry + 1);
    } catch (error) {
      code = (error as QuietlistError).code;
    }
    expect(code).toBe('POINTER_EXPIRED');
  });
});
