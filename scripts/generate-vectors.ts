/**
 * Writes the shared test vectors under test/vectors/ (docs/FORMAT.md, "Test vectors"). Everything is
 * fixed (keys, dates, members), so a second run writes identical files. The normalisation
 * expectations are written here by hand and checked against the code before anything is written;
 * test/unit/core/vectors.test.ts recomputes every other value and checks the files are current.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
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
import {
  type EpochPointer,
  encodeSignedPointer,
  pointerSignedBytes,
  signEpochPointer,
} from '../src/core/epoch/pointer.ts';
import { signingKeyPairFromSecret } from '../src/core/epoch/signing.ts';
import { crc32 } from '../src/core/filter/crc32.ts';
import { allocateFilterFile } from '../src/core/filter/format.ts';
import { shardFileName, shardOf } from '../src/core/filter/sharding.ts';
import { bloomParameters } from '../src/core/filter/sizing.ts';
import {
  DEFAULT_REGION,
  NORMALIZATION_LIBRARY,
  NORMALIZATION_SCHEME,
  NORMALIZATION_VERSION,
  readPhone,
} from '../src/core/phone/normalize.ts';
import { isRejectReason } from '../src/core/phone/reject-reasons.ts';
import { deltaVectors } from './delta-vectors.ts';
import { invalidVectors } from './invalid-vectors.ts';
import { keyChainVectors } from './key-chain-vectors.ts';
import { scopePartitionVectors } from './scope-vectors.ts';

/** Two fixed 32-byte HMAC keys: a counting one, and an irregular one. */
export const VECTOR_KEYS = {
  A: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
  B: 'c3a1f05e7d2b96481f0e3d5c7a9b2e4f60d18c3b5a7e9f01234b6d8fa0c2e4f6',
} as const;

/** The secret key of RFC 8032, section 7.1, TEST 1: its public key is d75a9801...511a. */
export const VECTOR_SIGNING_SECRET = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';

/** `expected`: a reject reason, or the keys of the readings separated by spaces; `valid` false: no reading is valid. */
type NormalizationCase = [input: string, region: string, expected: string, note: string, valid?: false];

/**
 * Synthetic numbers only: ARCEP's fictional 01 99 00 / 06 39 98 ranges, Ofcom's drama ranges, 555-01xx,
 * libphonenumber's example numbers.
 */
const NORMALIZATION_CASES: NormalizationCase[] = [
  ['06 39 98 00 12', 'FR', '+33639980012', 'national, spaces'],
  ['0639980012', 'FR', '+33639980012', 'national, digits only'],
  ['+33639980012', 'FR', '+33639980012', 'canonical E.164 (fast path)'],
  ['+33 6 39 98 00 12', 'FR', '+33639980012', 'international'],
  ['0033 6 39 98 00 12', 'FR', '+33639980012', '00 international prefix'],
  ['0033639980012', 'FR', '+33639980012', '00 international prefix, digits only'],
  ['+33 (0)6 39 98 00 12', 'FR', '+33639980012', 'international with the trunk 0 in parentheses'],
  ['+33 06 39 98 00 12', 'FR', '+33639980012', 'international with the trunk 0'],
  ['06.39.98.00.12', 'FR', '+33639980012', 'dots'],
  ['06-39-98-00-12', 'FR', '+33639980012', 'dashes'],
  ['06/39/98/00/12', 'FR', '+33639980012', 'slashes'],
  ['(06) 39 98 00 12', 'FR', '+33639980012', 'parentheses'],
  ['  06 39 98 00 12\t', 'FR', '+33639980012', 'surrounding blanks'],
  ['06\u00a039\u00a098\u00a000\u00a012', 'FR', '+33639980012', 'no-break spaces (U+00A0)'],
  ['+33\u202f6\u202f39\u202f98\u202f00\u202f12', 'FR', '+33639980012', 'narrow no-break spaces (U+202F)'],
  ['06\u200939\u200998\u200900\u200912', 'FR', '+33639980012', 'thin spaces (U+2009)'],
  ['06\u201339\u201398\u201300\u201312', 'FR', '+33639980012', 'en dashes (U+2013)'],
  ['06\u221239\u221298\u221200\u221212', 'FR', '+33639980012', 'minus signs (U+2212)'],
  ['01 99 00 12 34', 'FR', '+33199001234', 'national, fixed line'],
  ['+33 1 99 00 12 34', 'FR', '+33199001234', 'international, fixed line'],
  ['00 33 6 39 98 00 12', 'GB', '+33639980012', 'French number, 00 prefix, region GB'],
  ['011 33 6 39 98 00 12', 'US', '+33639980012', 'French number, 011 prefix, region US'],
  // The French plan's overseas regions (core/phone/numbering-plan.ts), with libphonenumber's published example numbers.
  [
    '0692 12 34 56',
    'FR',
    '+33692123456',
    'La Réunion mobile, national: +33 and the national number (scheme 3)',
  ],
  ['0692123456', 'FR', '+33692123456', 'La Réunion mobile, national, digits only'],
  ['+262 692 12 34 56', 'FR', '+33692123456', 'La Réunion mobile, international: the same key'],
  ['00262 692 12 34 56', 'FR', '+33692123456', 'La Réunion mobile, 00 prefix'],
  ['+262 (0)692 12 34 56', 'FR', '+33692123456', 'La Réunion mobile, +262 (0)'],
  ['+33 6 92 12 34 56', 'FR', '+33692123456', 'impossible mixed form +33 6 92: the same national number'],
  ['+33 (0)6 92 12 34 56', 'FR', '+33692123456', 'impossible mixed form +33 (0)6 92'],
  ['692123456', 'FR', '+33692123456', 'La Réunion mobile, leading zero dropped by a spreadsheet'],
  ['262692123456', 'FR', '+33692123456', 'La Réunion mobile, "+" dropped by a spreadsheet'],
  ['0692 12 34 56', 'RE', '+33692123456', 'La Réunion mobile, national, region RE'],
  ['0639 01 23 45', 'FR', '+33639012345', 'Mayotte mobile, national'],
  ['+262 639 01 23 45', 'FR', '+33639012345', 'Mayotte mobile, international (+262; +269 is the Comoros)'],
  ['0690 00 12 34', 'FR', '+33690001234', 'Guadeloupe / Saint-Barthélemy / Saint-Martin mobile, national'],
  ['+590 690 00 12 34', 'FR', '+33690001234', 'Guadeloupe mobile, international'],
  ['590690001234', 'FR', '+33690001234', 'Guadeloupe mobile, "+" dropped by a spreadsheet'],
  ['0694 20 12 34', 'FR', '+33694201234', 'Guyane mobile, national'],
  ['0696 20 12 34', 'FR', '+33696201234', 'Martinique mobile, national'],
  ['0033 696 20 12 34', 'FR', '+33696201234', 'Martinique mobile as 0033: the same national number'],
  [
    '+508 55 12 34',
    'FR',
    '+33551234',
    'Saint-Pierre-et-Miquelon, 6-digit number: +33 and its national number',
  ],
  ['+262 6 39 98 00 12', 'FR', '+33639980012', 'a metropolitan number written with an overseas code'],
  ['0549 88 63 77', 'IT', '+390549886377', 'San Marino fixed line dialled from Italy'],
  ['+378 0549 886377', 'IT', '+390549886377', 'San Marino fixed line, international: the same key'],
  ['+378 66 66 12 12', 'IT', '+3966661212', 'San Marino mobile: +39 and its national number'],
  // Values with several readings: every one is entered by the builder and looked up by clients.
  [
    '508456350',
    'FR',
    '+33508456350 +33456350',
    '05 08 45 63 50 with its 0 lost, or +508 45 63 50 with its "+" lost',
  ],
  [
    '4915125905092',
    'DE',
    '+494915125905092 +4915125905092',
    'a Leer fixed line, or a mobile with its "+" lost',
  ],
  [
    '3905983019',
    'IT',
    '+393905983019 +3905983019 +3903905983019',
    'a mobile, a fixed line with its "+" lost, or one with its 0 lost',
  ],
  [
    '2 1232 9878',
    'IT',
    '+39212329878 +390212329878',
    'a fixed line whose 0 a spreadsheet dropped: the 0 put back',
  ],
  ['0061 491 570 156', 'AU', '+61491570156', "00 and the register's calling code (Australia dials 0011)"],
  ['0011 61 491 570 156', 'AU', '+61491570156', "Australia's own international prefix"],
  ['61 491 570 156', 'AU', '+61491570156', 'AU mobile, "+" dropped by a spreadsheet'],
  ['001 202 555 0143', 'US', '+12025550143', "00 and the register's calling code (NANP dials 011)"],
  ['447700900123', 'GB', '+447700900123', 'GB mobile, "+" dropped by a spreadsheet'],
  ['34612345678', 'ES', '+34612345678', 'ES mobile, "+" dropped by a spreadsheet'],
  ['32470123456', 'BE', '+32470123456', 'BE mobile, "+" dropped by a spreadsheet'],
  [
    '+39 212329878',
    'IT',
    '+39212329878',
    'possible length, no valid reading: "invalid" unless listed',
    false,
  ],
  ['+1 123 456 7890', 'US', '+11234567890', 'NANP area codes never start with 1: no valid reading', false],
  ['06 39 98 00 12', 'GP', '+33639980012', 'a metropolitan number, national, region GP'],
  ['07700 900123', 'GB', '+447700900123', 'GB national'],
  ['+44 7700 900123', 'FR', '+447700900123', 'GB international'],
  ['00 44 7700 900123', 'FR', '+447700900123', 'GB from France, 00 prefix'],
  ['020 7946 0018', 'GB', '+442079460018', 'GB national, London'],
  ['(202) 555-0143', 'US', '+12025550143', 'US national'],
  ['202.555.0143', 'US', '+12025550143', 'US national, dots'],
  ['1 202 555 0143', 'US', '+12025550143', 'US national with the trunk 1'],
  ['+1 202-555-0143', 'FR', '+12025550143', 'US international'],
  ['(613) 555-0199', 'CA', '+16135550199', 'CA national'],
  ['0491 570 156', 'AU', '+61491570156', 'AU national'],
  ['+61 491 570 156', 'FR', '+61491570156', 'AU international'],
  // What spreadsheets, CRMs and web forms wrap around a number (core/phone/spelling.ts): the same line.
  ['="0639980012"', 'FR', '+33639980012', 'Excel text formula, as exports write it to keep the 0'],
  ['= "06 39 98 00 12"', 'FR', '+33639980012', 'Excel text formula with spaces'],
  ["'0639980012", 'FR', '+33639980012', "Excel's text prefix, kept by an export"],
  ['tel:+33639980012', 'FR', '+33639980012', 'RFC 3966 tel: URI'],
  ['tel:+33-6-39-98-00-12;ext=5', 'FR', '+33639980012', 'tel: URI with dashes and a parameter'],
  ['33639980012.0', 'FR', '+33639980012', 'through a floating-point column (pandas, Excel "Number")'],
  ['639980012,00', 'FR', '+33639980012', 'floating-point column, French decimal comma, 0 dropped'],
  ['3.3639980012E+10', 'FR', '+33639980012', 'scientific notation that kept every digit'],
  ['6,39980012E+08', 'FR', '+33639980012', 'scientific notation, French comma, 0 dropped, every digit kept'],
  [
    '3,36399E+10',
    'FR',
    'NOT_A_NUMBER',
    "Excel's General format: six digits kept, the rest lost (EXCEL_SCIENTIFIC)",
  ],
  ['(+33) 6 39 98 00 12', 'FR', '+33639980012', 'calling code in parentheses'],
  ['(+262)692123456', 'FR', '+33692123456', 'overseas calling code in parentheses'],
  ['06 39 98 00 12 ext. 5', 'FR', '+33639980012', 'an extension: the same line'],
  ['01 99 00 12 34 poste 12', 'FR', '+33199001234', 'an extension, French "poste"'],
  ['0199001234 x12', 'FR', '+33199001234', 'an extension, "x"'],
  ['0\uff16 39 98 00 12', 'FR', '+33639980012', 'a full-width digit (NFKC)'],
  ['\uff0b33 6 39 98 00 12', 'FR', '+33639980012', 'a full-width plus (NFKC)'],
  ['06399800.12', 'FR', '+33639980012', 'a dot as a separator is not a decimal point'],
  ['', 'FR', 'EMPTY', 'empty'],
  ['   ', 'FR', 'EMPTY', 'blanks only'],
  ['\u00a0', 'FR', 'EMPTY', 'a no-break space only'],
  ['abc', 'FR', 'NOT_A_NUMBER', 'letters'],
  ['n/a', 'FR', 'NOT_A_NUMBER', 'placeholder text'],
  ['+', 'FR', 'NOT_A_NUMBER', 'a plus sign only'],
  ['---', 'FR', 'NOT_A_NUMBER', 'separators only'],
  ['++33639980012', 'FR', 'NOT_A_NUMBER', 'two plus signs'],
  ['0639980012;', 'FR', 'NOT_A_NUMBER', 'a stray delimiter'],
  ['="abc"', 'FR', 'NOT_A_NUMBER', 'an Excel text formula around letters'],
  ['-0199009996', 'FR', 'LEADING_MINUS', 'a leading "-": Excel reads a negative number'],
  ['="-0199009996"', 'FR', 'LEADING_MINUS', 'a leading "-" inside an Excel text formula'],
  ['+-33639980012', 'FR', 'LEADING_MINUS', 'a minus after the plus'],
  ['06 39 98 00 12 / 01 99 00 12 34', 'FR', 'SEVERAL_NUMBERS', 'two numbers in one cell'],
  ['0639980012 ou +33 1 99 00 12 34', 'FR', 'SEVERAL_NUMBERS', 'two numbers, "ou" between them'],
  ['06/39/98/00/12', 'FR', '+33639980012', 'slashes between digit pairs: one number'],
  ['123', 'FR', 'TOO_SHORT', 'three digits'],
  ['+33 6 39 98', 'FR', 'TOO_SHORT', 'French number missing digits'],
  ['+1 202 555 01', 'FR', 'TOO_SHORT', 'US number missing digits'],
  ['06 39 98 00 12 3', 'FR', 'TOO_LONG', 'national, one digit too many'],
  ['+33 6 39 98 00 12 34', 'FR', 'TOO_LONG', 'international, two digits too many'],
  ['1'.repeat(70), 'FR', 'TOO_LONG', 'longer than any phone number'],
  ['+44 7700 9001', 'FR', 'INVALID_LENGTH', 'GB: 8 national digits fall between possible lengths'],
  ['+999 639980012', 'FR', 'INVALID_COUNTRY', 'unassigned calling code'],
  ['+0 123 456 789', 'FR', 'INVALID_COUNTRY', 'calling code 0'],
];

function normalizationVectors() {
  const cases = NORMALIZATION_CASES.map(([input, region, expected, note, valid = true]) => {
    const actual = readPhone(input, region as never);
    const matches = actual.ok
      ? !isRejectReason(expected) &&
        actual.readings.map((reading) => reading.key).join(' ') === expected &&
        actual.valid === valid
      : actual.reason === expected;
    if (!matches) {
      throw new Error(`reading of ${JSON.stringify(input)} gave ${JSON.stringify(actual)}, not ${expected}`);
    }
    return actual.ok
      ? { input, region, readings: actual.readings, valid: actual.valid, note }
      : { input, region, reject: actual.reason, note };
  });
  return {
    description:
      'readPhone(input, region): every reading (its E.164 string and its key, docs/FORMAT.md §1.1) and whether any is valid, or the reject reason. Synthetic numbers only.',
    library: NORMALIZATION_LIBRARY,
    version: NORMALIZATION_VERSION,
    scheme: NORMALIZATION_SCHEME,
    metadata: 'min (keys depend on no metadata: src/core/phone/numbering-plan.ts)',
    defaultRegion: DEFAULT_REGION,
    cases,
  };
}

const DIGEST_NUMBERS = ['+33639980012', '+33639980013', '+33199001234', '+447700900123', '+12025550143'];

function digestVectors() {
  const keys = Object.values(VECTOR_KEYS).map((hex) => {
    const key = fromHex(hex);
    return { key: hex, keyBase64: toBase64(key), keyId: hashKeyId(key) };
  });
  const cases = Object.values(VECTOR_KEYS).flatMap((hex) => {
    const hasher = createKeyedHasher(fromHex(hex));
    return DIGEST_NUMBERS.map((e164) => ({ key: hex, e164, digest: toHex(hasher.digest(e164)) }));
  });
  return {
    description: 'HMAC-SHA-256(key, UTF-8(e164)), hex. keyId = hex of the first 8 bytes of SHA-256(key).',
    scheme: 'hmac-sha256',
    keys,
    cases,
  };
}

interface FilterCaseInput {
  name: string;
  key: string;
  falsePositiveRate: number;
  shardPrefixBits: number;
  members: string[];
  nonMembers: string[];
}

/** Fictional French numbers 06 39 98 00 00 + i. */
const fictional = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `+3363998${String(from + i).padStart(4, '0')}`);

export const FILTER_CASES: FilterCaseInput[] = [
  {
    name: 'unsharded-1e-2',
    key: VECTOR_KEYS.A,
    falsePositiveRate: 0.01,
    shardPrefixBits: 0,
    members: fictional(10, 5),
    nonMembers: fictional(90, 3),
  },
  {
    name: 'four-shards-1e-3',
    key: VECTOR_KEYS.A,
    falsePositiveRate: 0.001,
    shardPrefixBits: 2,
    members: [...fictional(20, 10), '+33199001234', '+447700900123'],
    nonMembers: fictional(95, 3),
  },
  {
    name: 'unsharded-40-1e-2',
    key: VECTOR_KEYS.B,
    falsePositiveRate: 0.01,
    shardPrefixBits: 0,
    members: fictional(100, 40),
    nonMembers: fictional(200, 20),
  },
  {
    name: 'unsharded-1e-6',
    key: VECTOR_KEYS.B,
    falsePositiveRate: 1e-6,
    shardPrefixBits: 0,
    members: fictional(40, 3),
    nonMembers: fictional(98, 2),
  },
  {
    name: 'empty',
    key: VECTOR_KEYS.B,
    falsePositiveRate: 1e-6,
    shardPrefixBits: 0,
    members: [],
    nonMembers: fictional(10, 1),
  },
];

/** Builds a case the way the builder does: digest, shard, size each shard for its own count, add. */
function buildFilterCase(input: FilterCaseInput) {
  const hasher = createKeyedHasher(fromHex(input.key));
  const describe = (e164: string) => {
    const digest = hasher.digest(e164);
    const shard = shardOf(digest, input.shardPrefixBits);
    return { e164, digest, shard };
  };
  const members = input.members.map(describe);
  const shardCount = 2 ** input.shardPrefixBits;
  const files = Array.from({ length: shardCount }, (_, index) => {
    const entries = members.filter((member) => member.shard === index).length;
    return { entries, file: allocateFilterFile(bloomParameters(entries, input.falsePositiveRate)) };
  });
  for (const member of members) files[member.shard]!.file.filter.add(member.digest);
  const shards = files.map(({ entries, file }, index) => {
    const bytes = file.finish({
      filter: file.filter,
      shardIndex: index,
      shardPrefixBits: input.shardPrefixBits,
      entries,
      falsePositiveRate: input.falsePositiveRate,
    });
    return {
      index,
      path: shardFileName(index),
      entries,
      bitCount: file.filter.bitCount,
      hashCount: file.filter.hashCount,
      bytes: bytes.length,
      crc32: crc32(bytes.subarray(0, bytes.length - 4))
        .toString(16)
        .padStart(8, '0'),
      sha256: toHex(sha256(bytes)),
      fileHex: toHex(bytes),
    };
  });
  const probe = ({ e164, digest, shard }: ReturnType<typeof describe>) => {
    const filter = files[shard]!.file.filter;
    return {
      e164,
      digest: toHex(digest),
      shard,
      h1: new DataView(digest.buffer, digest.byteOffset).getUint32(4, true),
      h2: new DataView(digest.buffer, digest.byteOffset).getUint32(8, true),
      indexes: filter.indexes(digest),
      present: filter.has(digest),
    };
  };
  return {
    name: input.name,
    key: input.key,
    n: input.members.length,
    falsePositiveRate: input.falsePositiveRate,
    shardPrefixBits: input.shardPrefixBits,
    members: members.map(probe),
    nonMembers: input.nonMembers.map(describe).map(probe),
    shards,
  };
}

function filterVectors() {
  return {
    description:
      'Filter files (format v1) built from members: per member its digest, shard, h1, h2 and bit indexes; per shard the whole file.',
    cases: FILTER_CASES.map(buildFilterCase),
  };
}

const MANIFEST_CASE = 'four-shards-1e-3';

function manifestVectors(filters: ReturnType<typeof filterVectors>) {
  const source = filters.cases.find((item) => item.name === MANIFEST_CASE)!;
  const { secretKey, publicKey } = signingKeyPairFromSecret(fromHex(VECTOR_SIGNING_SECRET));
  const key = fromHex(source.key);
  const manifest: Manifest = {
    format: 'quietlist-manifest',
    version: 1,
    epoch: '20250601T020000Z',
    createdAt: '2025-06-01T02:00:00.000Z',
    previous: {
      epoch: '20250531T020000Z',
      manifestSha256: toHex(sha256(new TextEncoder().encode('the previous manifest'))),
    },
    mode: 'open',
    hash: { scheme: 'hmac-sha256', keyId: hashKeyId(key), key: toBase64(key) },
    normalization: {
      library: NORMALIZATION_LIBRARY,
      version: NORMALIZATION_VERSION,
      scheme: NORMALIZATION_SCHEME,
      defaultRegion: 'FR',
    },
    filter: {
      type: 'bloom',
      formatVersion: 1,
      indexScheme: 'edh32',
      falsePositiveRate: source.falsePositiveRate,
      shardPrefixBits: source.shardPrefixBits,
    },
    shards: source.shards.map(({ index, path, bytes, entries, bitCount, hashCount, sha256 }) => ({
      index,
      path,
      bytes,
      entries,
      bitCount,
      hashCount,
      sha256,
    })),
    counts: { rows: 15, accepted: 13, rejected: 1, duplicates: 1, expired: 1, entries: source.n },
    validity: { years: 3, referenceDate: '2025-06-01' },
  };
  const signed = signManifest(manifest, secretKey, publicKey);
  const pointer: EpochPointer = {
    epoch: manifest.epoch,
    manifestSha256: manifestSha256(signed.manifest),
    publishedAt: '2025-06-01T02:00:05.000Z',
    expiresAt: '2025-06-05T02:00:05.000Z',
  };
  const signedPointer = signEpochPointer(pointer, { secretKey, publicKey });
  return {
    description:
      'A signed manifest for the shards of one filter case, and the signed latest.json pointer to it.',
    filterCase: MANIFEST_CASE,
    secretKey: VECTOR_SIGNING_SECRET,
    publicKey: toHex(publicKey),
    publicKeyBase64: toBase64(publicKey),
    keyFingerprint: signed.signature.keyFingerprint,
    manifest: signed.manifest,
    canonical: canonicalJson(signed.manifest),
    manifestSha256: pointer.manifestSha256,
    signature: signed.signature.value,
    manifestJson: new TextDecoder().decode(encodeSignedManifest(signed)),
    latestPointer: pointer,
    pointerSigned: new TextDecoder().decode(pointerSignedBytes(pointer)),
    pointerSignature: signedPointer.signature.value,
    latestJson: new TextDecoder().decode(encodeSignedPointer(signedPointer)),
  };
}

/** File name under test/vectors/ → its JSON value. */
export function generateVectors(): Record<string, unknown> {
  const filters = filterVectors();
  const manifest = manifestVectors(filters);
  return {
    'normalization.json': normalizationVectors(),
    'digests.json': digestVectors(),
    'filters.json': filters,
    'manifest.json': manifest,
    'deltas.json': deltaVectors(VECTOR_KEYS.A),
    'key-chain.json': keyChainVectors(manifest.manifest),
    'invalid.json': invalidVectors(
      manifest.manifest,
      manifest.manifestJson,
      manifest.latestJson,
      signingKeyPairFromSecret(fromHex(VECTOR_SIGNING_SECRET)),
    ),
    ...scopePartitionVectors(VECTOR_KEYS.A, VECTOR_SIGNING_SECRET),
  };
}

export function renderVectorFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export const VECTOR_DIRECTORY = new URL('../test/vectors/', import.meta.url);

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [name, value] of Object.entries(generateVectors())) {
    writeFileSync(new URL(name, VECTOR_DIRECTORY), renderVectorFile(value));
    console.log(`wrote test/vectors/${name}`);
  }
}
