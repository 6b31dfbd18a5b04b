/**
 * Scope and partition vectors (test/vectors/scopes.json and partitions.json, docs/FORMAT.md §1.3, §1.4):
 * registrations and the labels they enter, checks and the labels they look up, scope digests, and a
 * signed, scoped and partitioned epoch (two area codes, one shard each) with checks answered through it,
 * so a reader written from the spec can check a scope in a partition bit by bit. Also the POPRF outputs
 * of key strings under their partition (docs/OPRF.md §4a) for a fixed OPRF key.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { createKeyedHasher, hashKeyId } from '../src/core/digest/keyed-hash.ts';
import { toBase64 } from '../src/core/encoding/base64.ts';
import { fromHex, toHex } from '../src/core/encoding/bytes.ts';
import { canonicalJson } from '../src/core/encoding/canonical-json.ts';
import {
  encodeSignedManifest,
  type Manifest,
  manifestSha256,
  signManifest,
} from '../src/core/epoch/manifest.ts';
import { shardPath } from '../src/core/epoch/shard-layout.ts';
import { signingKeyPairFromSecret } from '../src/core/epoch/signing.ts';
import { allocateFilterFile } from '../src/core/filter/format.ts';
import { shardFileName, shardOf } from '../src/core/filter/sharding.ts';
import { bloomParameters } from '../src/core/filter/sizing.ts';
import { partitionOf } from '../src/core/partitions/partition-rule.ts';
import {
  NORMALIZATION_LIBRARY,
  NORMALIZATION_SCHEME,
  NORMALIZATION_VERSION,
} from '../src/core/phone/normalize.ts';
import type { PartitionRule, RegisterRules, RegisterScopes } from '../src/core/registers/profile.ts';
import { SCOPE_MESSAGE_PREFIX, scopeDigests } from '../src/core/scopes/scope-digest.ts';
import {
  entryLabels,
  queryLabels,
  type RegistrationScope,
  type ScopeQuery,
} from '../src/core/scopes/scope-labels.ts';
import { createNobleBackend } from '../src/oprf/noble-backend.ts';

/** A small register of both kinds: two channels, three sectors, NANP area codes. */
const SCOPES: RegisterScopes = {
  channels: [
    { code: 'call', name: 'telephone calls' },
    { code: 'sms', name: 'SMS' },
  ],
  sectors: [
    { code: 'energy', name: 'energy' },
    { code: 'telecoms', name: 'telecommunications' },
    { code: 'finance', name: 'finance' },
  ],
};
const RULE: PartitionRule = { name: 'area code', prefix: '+1', digits: 3 };

const REGISTRATIONS: RegistrationScope[] = [
  { channels: 'all', sectors: 'all' },
  { channels: ['call'], sectors: 'all' },
  { channels: 'all', sectors: ['energy'] },
  { channels: ['call'], sectors: ['energy', 'telecoms'] },
  { channels: ['call', 'sms'], sectors: ['finance'] },
];
const CHECKS: ScopeQuery[] = [
  { channel: null, sector: null },
  { channel: 'call', sector: null },
  { channel: null, sector: 'energy' },
  { channel: 'call', sector: 'energy' },
  { channel: 'sms', sector: 'energy' },
  { channel: 'sms', sector: 'telecoms' },
];

/** Fictional NANP numbers: 555-0100…0199 of an area code. */
const nanp = (npa: string, line: number) => `+1${npa}55501${String(line).padStart(2, '0')}`;

function scopeVectors(key: string) {
  const hasher = createKeyedHasher(fromHex(key));
  const keyString = nanp('212', 10);
  const digest = hasher.digest(keyString);
  const labels = [
    ...new Set([
      ...REGISTRATIONS.flatMap((r) => entryLabels(SCOPES, r)),
      ...CHECKS.flatMap((q) => queryLabels(SCOPES, q)),
    ]),
  ];
  const derived = scopeDigests(digest, labels);
  return {
    description:
      'Scope labels (docs/FORMAT.md §1.3): what a registration enters, what a check looks up, and scope digests HMAC-SHA-256(key = digest[0..11], "quietlist scope " + label), hex.',
    scopes: SCOPES,
    messagePrefix: SCOPE_MESSAGE_PREFIX,
    registrations: REGISTRATIONS.map((registration) => ({
      ...registration,
      labels: entryLabels(SCOPES, registration),
    })),
    checks: CHECKS.map((check) => ({ ...check, labels: queryLabels(SCOPES, check) })),
    channelsOnly: {
      scopes: { channels: SCOPES.channels, sectors: [] },
      registration: { channels: ['sms'], sectors: 'all' },
      labels: entryLabels({ channels: SCOPES.channels, sectors: [] }, { channels: ['sms'], sectors: 'all' }),
      check: { channel: 'call', sector: null },
      lookedUp: queryLabels({ channels: SCOPES.channels, sectors: [] }, { channel: 'call', sector: null }),
    },
    digests: {
      key,
      keyString,
      digest: toHex(digest),
      head: toHex(digest.subarray(0, 12)),
      cases: labels.map((label, i) => ({ label, scopeDigest: toHex(derived[i]!) })),
    },
  };
}

interface Registration extends RegistrationScope {
  keyString: string;
}

function partitionVectors(key: string, signingSecret: string) {
  const hashKey = fromHex(key);
  const hasher = createKeyedHasher(hashKey);
  const rate = 0.001;
  const registrations: Registration[] = REGISTRATIONS.flatMap((scope, i) => [
    { keyString: nanp('212', 20 + i), ...scope },
    { keyString: nanp('646', 40 + i), ...scope },
  ]);
  const entries = new Map<string, Uint8Array[]>();
  for (const registration of registrations) {
    const partition = partitionOf(registration.keyString, RULE)!;
    const digest = hasher.digest(registration.keyString);
    const list = entries.get(partition) ?? [];
    list.push(...scopeDigests(digest, entryLabels(SCOPES, registration)));
    entries.set(partition, list);
  }
  const partitions = [...entries.keys()].sort();
  const shards = partitions.map((partition) => {
    const digests = entries.get(partition)!;
    const file = allocateFilterFile(bloomParameters(digests.length, rate));
    for (const digest of digests) file.filter.add(digest);
    const bytes = file.finish({
      filter: file.filter,
      shardIndex: 0,
      shardPrefixBits: 0,
      entries: digests.length,
      falsePositiveRate: rate,
    });
    return {
      partition,
      index: 0,
      path: shardPath(partition, shardFileName(0)),
      bytes: bytes.length,
      entries: digests.length,
      bitCount: file.filter.bitCount,
      hashCount: file.filter.hashCount,
      sha256: toHex(sha256(bytes)),
      filter: file.filter,
      fileHex: toHex(bytes),
    };
  });
  const register: RegisterRules = {
    id: 'vector-register',
    name: 'A register with channels, sectors and area codes',
    country: 'US',
    lines: 'all',
    validity: 'never',
    rescrubDays: 31,
    languages: ['en'],
    scopes: SCOPES,
    partition: RULE,
  };
  const epoch = '20250601T020000Z';
  const manifest: Manifest = {
    format: 'quietlist-manifest',
    version: 1,
    epoch,
    createdAt: '2025-06-01T02:00:00.000Z',
    previous: null,
    mode: 'open',
    hash: { scheme: 'hmac-sha256', keyId: hashKeyId(hashKey), key: toBase64(hashKey) },
    normalization: {
      library: NORMALIZATION_LIBRARY,
      version: NORMALIZATION_VERSION,
      scheme: NORMALIZATION_SCHEME,
      defaultRegion: 'US',
    },
    filter: { type: 'bloom', formatVersion: 1, indexScheme: 'edh32', falsePositiveRate: rate },
    partitions: partitions.map((id) => ({ id, shardPrefixBits: 0, geometrySince: epoch })),
    shards: shards.map(({ partition, index, path, bytes, entries, bitCount, hashCount, sha256 }) => ({
      partition,
      index,
      path,
      bytes,
      entries,
      bitCount,
      hashCount,
      sha256,
    })),
    counts: {
      rows: registrations.length,
      accepted: registrations.length,
      rejected: 0,
      duplicates: 0,
      expired: 0,
      entries: shards.reduce((sum, shard) => sum + shard.entries, 0),
    },
    validity: null,
    register,
  };
  const { secretKey, publicKey } = signingKeyPairFromSecret(fromHex(signingSecret));
  const signed = signManifest(manifest, secretKey, publicKey);
  // Checks: each registered key for each scope check, an unregistered key of a listed partition, and
  // keys of a partition the epoch does not list and of no partition (looked up nowhere).
  const probes = [
    ...registrations.map((registration) => registration.keyString),
    nanp('212', 99),
    nanp('305', 10),
    '+447700900123',
  ];
  const checks = probes.flatMap((keyString) =>
    CHECKS.map((scope) => {
      const partition = partitionOf(keyString, RULE);
      const position = partition === null ? -1 : partitions.indexOf(partition);
      if (position < 0) return { keyString, ...scope, partition, position: null, answer: 'not_listed' };
      const shard = shards[position]!;
      const digests = scopeDigests(hasher.digest(keyString), queryLabels(SCOPES, scope));
      const listed = digests.some((digest) => shard.filter.has(digest));
      return {
        keyString,
        ...scope,
        partition,
        position: position + shardOf(digests[0]!, 0),
        answer: listed ? 'listed' : 'not_listed',
      };
    }),
  );
  return {
    description:
      'A signed open-mode epoch with scopes and partitions (docs/FORMAT.md §1.3, §1.4): registrations (key strings and what they opted out of), the manifest, each partition shard in hex, and checks (key string, channel, sector: null is any) with the expected answer. `partitionOf` gives key strings and their partition under the rule.',
    rule: RULE,
    partitionOf: [nanp('212', 1), '+16465550123', '+1305', '+447700900123', '+1a125550100'].map(
      (keyString) => ({
        keyString,
        partition: partitionOf(keyString, RULE),
      }),
    ),
    key,
    registrations,
    publicKey: toHex(publicKey),
    manifest: signed.manifest,
    canonical: canonicalJson(signed.manifest),
    manifestSha256: manifestSha256(signed.manifest),
    manifestJson: new TextDecoder().decode(encodeSignedManifest(signed)),
    shards: shards.map(({ path, fileHex }) => ({ path, fileHex })),
    checks,
    poprf: poprfVectors(),
  };
}

/** POPRF outputs (RFC 9497 mode 0x02, ristretto255-SHA512) of key strings, info = their partition. */
function poprfVectors() {
  const backend = createNobleBackend();
  const secretKey = fromHex('1b4d7e20c8c05a3f61a1f8a7b4c0a9d35c1e2f3a4b5c6d7e8f9a0b1c2d3e4f05');
  const utf8 = new TextEncoder();
  return {
    description:
      'oprf mode, partitioned (`hash.scheme` poprf-ristretto255-sha512): output = POPRF(secretKey, UTF-8(keyString), info = UTF-8(partition)), 64 bytes hex; the filter reads its first 12 bytes.',
    secretKey: toHex(secretKey),
    publicKey: toHex(backend.publicKeyOf(secretKey)),
    cases: [nanp('212', 10), nanp('646', 10)].map((keyString) => {
      const partition = partitionOf(keyString, RULE)!;
      return {
        keyString,
        partition,
        output: toHex(backend.evaluate(secretKey, utf8.encode(keyString), { info: utf8.encode(partition) })),
      };
    }),
  };
}

export function scopePartitionVectors(key: string, signingSecret: string): Record<string, unknown> {
  return { 'scopes.json': scopeVectors(key), 'partitions.json': partitionVectors(key, signingSecret) };
}
