/**
 * The shared vectors (test/vectors/*.json, docs/FORMAT.md) reproduced by the code: each value is
 * recomputed from the vector's inputs, with both hashers, and the files are checked to be current.
 * Filter files are also read here by a tiny independent reader written from the spec.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateVectors, renderVectorFile, VECTOR_DIRECTORY } from '../../../scripts/generate-vectors.ts';
import { buildFilters } from '../../../src/builder/build-filters.ts';
import { createKeyedHasher, hashKeyId, type KeyedHasher } from '../../../src/core/digest/keyed-hash.ts';
import { fromBase64, toBase64 } from '../../../src/core/encoding/base64.ts';
import { fromHex, toHex } from '../../../src/core/encoding/bytes.ts';
import { canonicalJson } from '../../../src/core/encoding/canonical-json.ts';
import {
  type Manifest,
  manifestSha256,
  signManifest,
  verifySignedManifest,
} from '../../../src/core/epoch/manifest.ts';
import {
  encodeSignedPointer,
  parseSignedPointer,
  pointerSignedBytes,
  signEpochPointer,
  verifyPointerSignature,
} from '../../../src/core/epoch/pointer.ts';
import { publicKeyFingerprint, signingKeyPairFromSecret } from '../../../src/core/epoch/signing.ts';
import { acceptLatest } from '../../../src/core/epoch/trusted-latest.ts';
import { QuietlistError } from '../../../src/core/errors.ts';
import { crc32 } from '../../../src/core/filter/crc32.ts';
import { allocateFilterFile, parseFilter } from '../../../src/core/filter/format.ts';
import { shardFileName, shardOf } from '../../../src/core/filter/sharding.ts';
import { bloomParameters } from '../../../src/core/filter/sizing.ts';
import { readPhone } from '../../../src/core/phone/normalize.ts';
import { createNodeHasher } from '../../helpers/node-hasher.ts';
import digests from '../../vectors/digests.json' with { type: 'json' };
import filters from '../../vectors/filters.json' with { type: 'json' };
import invalid from '../../vectors/invalid.json' with { type: 'json' };
import keyChain from '../../vectors/key-chain.json' with { type: 'json' };
import manifestVector from '../../vectors/manifest.json' with { type: 'json' };
import normalization from '../../vectors/normalization.json' with { type: 'json' };

const HASHERS: [string, (key: Uint8Array) => KeyedHasher][] = [
  ['noble', createKeyedHasher],
  ['node:crypto', createNodeHasher],
];

/** docs/FORMAT.md, read independently of src/core: shard, h1, h2, indexes, header fields, bits. */
const spec = {
  shard: (digest: Uint8Array, prefixBits: number) =>
    prefixBits === 0 ? 0 : new DataView(digest.buffer, digest.byteOffset).getUint32(0) >>> (32 - prefixBits),
  h1: (digest: Uint8Array) => new DataView(digest.buffer, digest.byteOffset).getUint32(4, true),
  h2: (digest: Uint8Array) => new DataView(digest.buffer, digest.byteOffset).getUint32(8, true),
  indexes(digest: Uint8Array, m: number, k: number): number[] {
    const [h1, h2] = [BigInt(spec.h1(digest)), BigInt(spec.h2(digest))];
    return Array.from({ length: k }, (_, i) => {
      const n = BigInt(i);
      return Number((h1 + n * h2 + (n * n * n - n) / 6n) % BigInt(m));
    });
  },
  header(file: Uint8Array) {
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    return {
      magic: new TextDecoder().decode(file.subarray(0, 4)),
      version: view.getUint16(4, true),
      headerLength: view.getUint16(6, true),
      filterType: file[8],
      indexScheme: file[9],
      shardPrefixBits: file[10],
      shardIndex: view.getUint32(12, true),
      k: view.getUint32(16, true),
      m: view.getUint32(20, true),
      n: view.getUint32(24, true),
      rate: view.getFloat64(32, true),
      reservedZero:
        file[11] === 0 && view.getUint32(28, true) === 0 && file.subarray(40, 64).every((b) => b === 0),
      crc: view.getUint32(file.length - 4, true),
    };
  },
  bit: (file: Uint8Array, index: number) => (file[64 + Math.floor(index / 8)]! >> (index % 8)) & 1,
};

describe('vector files', () => {
  it('are what scripts/generate-vectors.ts writes, and it writes the same thing twice', () => {
    const first = generateVectors();
    const second = generateVectors();
    expect(Object.keys(first).sort()).toEqual([
      'deltas.json',
      'digests.json',
      'filters.json',
      'invalid.json',
      'key-chain.json',
      'manifest.json',
      'normalization.json',
      'partitions.json',
      'scopes.json',
    ]);
    for (const [name, value] of Object.entries(first)) {
      expect(renderVectorFile(second[name])).toBe(renderVectorFile(value));
      const committed = readFileSync(new URL(name, VECTOR_DIRECTORY), 'utf8');
      expect(committed, `${name} is stale: run npm run vectors`).toBe(renderVectorFile(value));
    }
  });
});

describe('normalization vectors', () => {
  it('reproduces every case', () => {
    expect(normalization.cases.length).toBeGreaterThan(40);
    for (const item of normalization.cases) {
      const expected =
        'readings' in item
          ? { ok: true, readings: item.readings, valid: item.valid }
          : { ok: false, reason: item.reject };
      expect(readPhone(item.input, item.region as never), JSON.stringify(item.input)).toEqual(expected);
    }
  });
});

describe('digest vectors', () => {
  it.each(HASHERS)('reproduces every HMAC-SHA-256 digest with the %s hasher', (_, create) => {
    for (const item of digests.cases) {
      expect(toHex(create(fromHex(item.key)).digest(item.e164))).toBe(item.digest);
    }
  });

  it('reproduces the key encodings and key ids', () => {
    for (const item of digests.keys) {
      const key = fromHex(item.key);
      expect(toBase64(key)).toBe(item.keyBase64);
      expect(hashKeyId(key)).toBe(item.keyId);
      expect(createHash('sha256').update(key).digest('hex').slice(0, 16)).toBe(item.keyId);
    }
  });
});

describe('filter vectors', () => {
  for (const item of filters.cases) {
    describe(item.name, () => {
      const files = item.shards.map((shard) => fromHex(shard.fileHex));

      it.each(HASHERS)('derives every digest, shard and index with the %s hasher', (_, create) => {
        const hasher = create(fromHex(item.key));
        for (const probe of [...item.members, ...item.nonMembers]) {
          const digest = hasher.digest(probe.e164);
          expect(toHex(digest)).toBe(probe.digest);
          expect(spec.shard(digest, item.shardPrefixBits)).toBe(probe.shard);
          expect(shardOf(digest, item.shardPrefixBits)).toBe(probe.shard);
          expect([spec.h1(digest), spec.h2(digest)]).toEqual([probe.h1, probe.h2]);
          const { m, k } = spec.header(files[probe.shard]!);
          expect(spec.indexes(digest, m, k)).toEqual(probe.indexes);
          expect(parseFilter(files[probe.shard]!).filter.indexes(digest)).toEqual(probe.indexes);
        }
      });

      it('holds every member, and answers for non-members as recorded', () => {
        expect(item.members.length).toBe(item.n);
        for (const probe of [...item.members, ...item.nonMembers]) {
          const file = files[probe.shard]!;
          const bySpec = probe.indexes.every((index) => spec.bit(file, index) === 1);
          expect(bySpec).toBe(probe.present);
          expect(parseFilter(file).filter.has(fromHex(probe.digest))).toBe(probe.present);
        }
        for (const probe of item.members) expect(probe.present).toBe(true);
      });

      it('has files whose every header field, checksum and hash match the spec', () => {
        expect(item.shards.length).toBe(2 ** item.shardPrefixBits);
        item.shards.forEach((shard, index) => {
          const file = files[index]!;
          const entries = item.members.filter((member) => member.shard === index).length;
          expect(spec.header(file)).toEqual({
            magic: 'QLBF',
            version: 1,
            headerLength: 64,
            filterType: 1,
            indexScheme: 1,
            shardPrefixBits: item.shardPrefixBits,
            shardIndex: index,
            k: shard.hashCount,
            m: shard.bitCount,
            n: entries,
            rate: item.falsePositiveRate,
            reservedZero: true,
            crc: Number.parseInt(shard.crc32, 16),
          });
          expect(bloomParameters(entries, item.falsePositiveRate)).toEqual({
            bitCount: shard.bitCount,
            hashCount: shard.hashCount,
          });
          expect(file.length).toBe(shard.bytes);
          expect(file.length).toBe(64 + shard.bitCount / 8 + 4);
          expect(crc32(file.subarray(0, file.length - 4))).toBe(Number.parseInt(shard.crc32, 16));
          expect(createHash('sha256').update(file).digest('hex')).toBe(shard.sha256);
          expect(shard.path).toBe(shardFileName(index));
          // No bit is set that no member explains.
          const explained = new Set(item.members.filter((m) => m.shard === index).flatMap((m) => m.indexes));
          for (let bit = 0; bit < shard.bitCount; bit++)
            expect(spec.bit(file, bit)).toBe(explained.has(bit) ? 1 : 0);
        });
      });

      it.each(HASHERS)('rebuilds byte-identical files with the %s hasher', (_, create) => {
        const hasher = create(fromHex(item.key));
        const digestsByShard = item.shards.map(() => [] as Uint8Array[]);
        for (const member of item.members) {
          const digest = hasher.digest(member.e164);
          digestsByShard[shardOf(digest, item.shardPrefixBits)]!.push(digest);
        }
        digestsByShard.forEach((shardDigests, index) => {
          const file = allocateFilterFile(bloomParameters(shardDigests.length, item.falsePositiveRate));
          for (const digest of shardDigests) file.filter.add(digest);
          const bytes = file.finish({
            filter: file.filter,
            shardIndex: index,
            shardPrefixBits: item.shardPrefixBits,
            entries: shardDigests.length,
            falsePositiveRate: item.falsePositiveRate,
          });
          expect(toHex(bytes)).toBe(item.shards[index]!.fileHex);
        });
      });

      if (item.shardPrefixBits === 0) {
        it('is what the builder produces from the same numbers', async () => {
          async function* rows() {
            yield item.members.map((member, i) => ({ line: i + 1, phone: member.e164 }));
          }
          const built = await buildFilters(rows(), {
            region: 'FR',
            hasher: createNodeHasher(fromHex(item.key)),
            falsePositiveRate: item.falsePositiveRate,
            // The vectors are sized for their exact count: the builder keeps a geometry it is given.
            previousGeometry: {
              shardPrefixBits: 0,
              shards: [bloomParameters(item.members.length, item.falsePositiveRate)],
              incompatible: null,
            },
          });
          expect(built.geometry.kept).toBe(true);
          expect(built.shardPrefixBits).toBe(0);
          expect(built.shards.map((shard) => toHex(shard.read()))).toEqual([item.shards[0]!.fileHex]);
        });
      }
    });
  }
});

describe('manifest vector', () => {
  const keys = signingKeyPairFromSecret(fromHex(manifestVector.secretKey));
  const manifest = manifestVector.manifest as Manifest;

  it('derives the public key, fingerprint, canonical bytes, hash and signature', () => {
    expect(toHex(keys.publicKey)).toBe(manifestVector.publicKey);
    expect(toBase64(keys.publicKey)).toBe(manifestVector.publicKeyBase64);
    expect(publicKeyFingerprint(keys.publicKey)).toBe(manifestVector.keyFingerprint);
    expect(canonicalJson(manifest)).toBe(manifestVector.canonical);
    expect(manifestSha256(manifest)).toBe(manifestVector.manifestSha256);
    expect(createHash('sha256').update(manifestVector.canonical, 'utf8').digest('hex')).toBe(
      manifestVector.manifestSha256,
    );
    const signed = signManifest(manifest, keys.secretKey, keys.publicKey);
    expect(signed.signature.value).toBe(manifestVector.signature);
    expect(fromBase64(signed.signature.value)).toHaveLength(64);
  });

  it('verifies the manifest.json bytes against the public key', () => {
    const verified = verifySignedManifest(
      new TextEncoder().encode(manifestVector.manifestJson),
      keys.publicKey,
    );
    expect(verified.manifest).toEqual(manifest);
    expect(JSON.parse(manifestVector.manifestJson)).toEqual({
      manifest,
      signature: {
        algorithm: 'Ed25519',
        keyFingerprint: manifestVector.keyFingerprint,
        value: manifestVector.signature,
      },
    });
  });

  it('lists the shards of its filter case, and a latest.json pointing at its hash', () => {
    const source = filters.cases.find((item) => item.name === manifestVector.filterCase)!;
    expect(manifest.filter.shardPrefixBits).toBe(source.shardPrefixBits);
    expect(manifest.filter.falsePositiveRate).toBe(source.falsePositiveRate);
    expect(manifest.shards).toEqual(
      source.shards.map(({ index, path, bytes, entries, bitCount, hashCount, sha256 }) => ({
        index,
        path,
        bytes,
        entries,
        bitCount,
        hashCount,
        sha256,
      })),
    );
    expect(manifest.hash.keyId).toBe(hashKeyId(fromHex(source.key)));
    expect(fromBase64(manifest.hash.key!)).toEqual(fromHex(source.key));
    expect(manifestVector.latestPointer.manifestSha256).toBe(manifestVector.manifestSha256);
    const keys = signingKeyPairFromSecret(fromHex(manifestVector.secretKey));
    expect(new TextDecoder().decode(pointerSignedBytes(manifestVector.latestPointer))).toBe(
      manifestVector.pointerSigned,
    );
    const signedPointer = signEpochPointer(manifestVector.latestPointer, keys);
    expect(signedPointer.signature.value).toBe(manifestVector.pointerSignature);
    expect(new TextDecoder().decode(encodeSignedPointer(signedPointer))).toBe(manifestVector.latestJson);
  });
});

describe('invalid vectors', () => {
  const publicKey = fromHex(invalid.publicKey);

  it.each(invalid.manifests.map((item) => [item.name, item] as const))(
    'refuses the manifest %s',
    (_, item) => {
      const bytes = fromHex(item.fileHex);
      let error: unknown;
      try {
        verifySignedManifest(bytes, publicKey);
      } catch (caught) {
        error = caught;
      }
      expect(error, item.rule).toBeInstanceOf(QuietlistError);
      expect((error as QuietlistError).code).toBe('MANIFEST_INVALID');
    },
  );

  it.each(invalid.pointers.map((item) => [item.name, item] as const))('refuses the pointer %s', (_, item) => {
    expect(
      () => verifyPointerSignature(parseSignedPointer(fromHex(item.fileHex)), publicKey),
      item.rule,
    ).toThrow(QuietlistError);
  });

  it('covers every rule a reader checks, and the valid files still pass', () => {
    expect(invalid.manifests.length).toBeGreaterThanOrEqual(20);
    expect(
      verifySignedManifest(new TextEncoder().encode(manifestVector.manifestJson), publicKey),
    ).toBeTruthy();
    const pointer = parseSignedPointer(new TextEncoder().encode(manifestVector.latestJson));
    expect(verifyPointerSignature(pointer, publicKey).epoch).toBe(manifestVector.manifest.epoch);
  });
});

describe('key-chain vectors', () => {
  const utf8 = new TextEncoder();
  const keyOf = (name: string) => fromHex(keyChain.keys[name as keyof typeof keyChain.keys].publicKey);
  const fingerprintOf = (name: string) => keyChain.keys[name as keyof typeof keyChain.keys].fingerprint;

  it('has the RFC 8032 keys and manifests signed by the keys they name', () => {
    for (const [name, key] of Object.entries(keyChain.keys)) {
      const pair = signingKeyPairFromSecret(fromHex(key.secretKey));
      expect(toHex(pair.publicKey), name).toBe(key.publicKey);
      expect(publicKeyFingerprint(pair.publicKey), name).toBe(key.fingerprint);
    }
    expect(Object.keys(keyChain.manifests)).toHaveLength(7);
  });

  it.each(keyChain.cases.map((item) => [item.name, item] as const))('%s', async (_, item) => {
    const records = item.retirements.map(
      (name) => keyChain.retirements[name as keyof typeof keyChain.retirements],
    );
    const outcome = acceptLatest({
      pointerBytes: utf8.encode(item.pointerJson),
      pinned: keyOf(item.pinned),
      state: item.stateResolved,
      now: Date.parse(item.now),
      source: {
        manifest: async (link) =>
          item.manifests.includes(link.epoch)
            ? utf8.encode(keyChain.manifests[link.epoch as keyof typeof keyChain.manifests])
            : null,
        retirement: async (fingerprint) => {
          const record = records.find((text) => JSON.parse(text).retiredKey === fingerprint);
          return record === undefined ? null : utf8.encode(record);
        },
      },
    });
    const { refuse, accept } = item.expect as {
      refuse?: { code: string };
      accept?: { epoch: string; verdict: string; keyInForce: string; retired: string[]; revoked?: string[] };
    };
    if (refuse) {
      await expect(outcome, item.rule).rejects.toMatchObject({ code: refuse.code });
      return;
    }
    const accepted = await outcome;
    expect(accepted.signed.manifest.epoch).toBe(accept!.epoch);
    expect(accepted.verdict).toBe(accept!.verdict);
    expect(publicKeyFingerprint(accepted.key)).toBe(fingerprintOf(accept!.keyInForce));
    expect(accepted.state.retiredKeys.map((key) => publicKeyFingerprint(fromBase64(key)))).toEqual(
      accept!.retired.map(fingerprintOf),
    );
    expect((accepted.state.revokedKeys ?? []).map((key) => publicKeyFingerprint(fromBase64(key)))).toEqual(
      (accept!.revoked ?? []).map(fingerprintOf),
    );
  });
});
