/**
 * The hashing threads' batch classifier gives every value the status of the value-by-value classifier
 * (the membership path), whether the keys of a batch are hashed by the native addon, by a JavaScript
 * batch HMAC through the same deferred path, or one by one; and a batch crosses to a thread and back
 * unchanged (packed bytes, or a string when a value has a wider character).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fictionalNumber, spellings } from '../../../../scripts/fictional-numbers.ts';
import {
  ClassifierPool,
  joinedValues,
  loadNativeHmac,
  packValues,
} from '../../../../src/client/scrub/classifier-pool.ts';
import {
  batchClassifierFromSetup,
  type ClassifierSetup,
  classifierFromSetup,
  type HmacSha256Many,
} from '../../../../src/client/scrub/classifier-setup.ts';
import { LISTED, NO_FIELD, NOT_LISTED } from '../../../../src/client/scrub/row-status.ts';
import { additionDigest } from '../../../../src/core/additions/addition-set.ts';
import { createNodeHasher } from '../../../helpers/node-hasher.ts';
import { epochInMemory } from '../../../helpers/open-epoch.ts';
import { ES_RULES, recordsOf, robinsonRows, spanishNumbers } from '../../../helpers/register-fixtures.ts';

const key = new Uint8Array(32).map((_, i) => i * 7 + 1);

/** A batch HMAC through node:crypto, to drive the deferred path where the addon is not built. */
const nodeHmacMany: HmacSha256Many = (out, hmacKey, messages, ends) => {
  const hasher = createNodeHasher(hmacKey);
  const latin1 = new TextDecoder('latin1');
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    out.set(hasher.digest(latin1.decode(messages.subarray(start, ends[i]))), 32 * i);
    start = ends[i]!;
  }
  return -1;
};

async function setupOf(registered: string[]): Promise<ClassifierSetup> {
  const { shards, manifest } = await epochInMemory(registered, { key, shardMaxBytes: 8192 });
  return { shards, manifest, region: 'FR' };
}

function batchOf(values: readonly (string | undefined)[]): { joined: string; lengths: Int32Array } {
  const { request } = packValues(0, values);
  return { joined: joinedValues(request), lengths: request.lengths };
}

describe('batch classifier', async () => {
  const registered = Array.from({ length: 2000 }, (_, i) => fictionalNumber(i * 2));
  const setup = await setupOf(registered);
  const one = classifierFromSetup(setup);
  // Registered and free numbers in every spelling, overseas and ambiguous readings ("508…": +508, or 05 08
  // with its 0 lost), invalid values, a Unicode dash, rows without the field; more values than one
  // block of the deferred hasher holds, so a block fills in the middle of a batch.
  const values: (string | undefined)[] = [];
  for (let i = 0; i < 2600; i++) {
    values.push(...spellings(i % 2 === 0 ? registered[i % 2000]! : fictionalNumber(i * 2 + 1)));
  }
  values.push('508456350', '0692 12 34 56', '06\u201112 34 56 78', '', 'n/a', '12', '1'.repeat(70));
  values.push('+33 6 12 34 56 78 / 01 23 45 67 89', undefined, '=-0612345678', ' \t06 12  34 56 78\u00a0');
  const expected = Uint8Array.from(values, (value) => one(value));
  const native = loadNativeHmac();

  it('covers what it claims: listed, not listed, invalid and missing fields', () => {
    for (const status of [LISTED, NOT_LISTED, NO_FIELD]) expect(expected).toContain(status);
    expect(expected.some((status) => status > LISTED && status !== NO_FIELD)).toBe(true);
  });

  it('gives the value-by-value statuses with keys hashed one by one', () => {
    const { joined, lengths } = batchOf(values);
    expect(batchClassifierFromSetup(setup)(joined, lengths)).toEqual(expected);
  });

  it('gives the same statuses with each batch hashed at once (deferred digests)', () => {
    const classify = batchClassifierFromSetup(setup, nodeHmacMany);
    const { joined, lengths } = batchOf(values);
    expect(classify(joined, lengths)).toEqual(expected);
    // Again, with the classifier's buffers reused, and in small batches.
    for (let start = 0; start < values.length; start += 777) {
      const part = batchOf(values.slice(start, start + 777));
      expect(classify(part.joined, part.lengths)).toEqual(expected.slice(start, start + 777));
    }
  });

  it.skipIf(native === undefined)('gives the same statuses with the native addon', () => {
    const { joined, lengths } = batchOf(values);
    expect(batchClassifierFromSetup(setup, native)(joined, lengths)).toEqual(expected);
  });

  it.skipIf(native === undefined)('native batch HMAC equals node:crypto on random keys and strings', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(fc.stringMatching(/^\+?[0-9]{0,20}$/), { maxLength: 20 }),
        (hmacKey, strings) => {
          const messages = new TextEncoder().encode(strings.join(''));
          const ends = new Uint32Array(strings.length);
          strings.reduce((end, text, i) => (ends[i] = end + text.length), 0);
          const out = new Uint8Array(32 * strings.length);
          expect(native!(out, hmacKey, messages, ends)).toBe(-1);
          const reference = createNodeHasher(hmacKey);
          strings.forEach((text, i) => {
            expect(out.subarray(32 * i, 32 * i + 32)).toEqual(new Uint8Array(reference.digest(text)));
          });
        },
      ),
    );
  });

  it('hashing threads, native or not, and the inline pool answer as the value-by-value classifier', async () => {
    for (const [threads, nativeHmac] of [
      [2, true],
      [1, false],
      [0, true],
      [0, false],
    ] as const) {
      const pool = new ClassifierPool(setup, threads, { nativeHmac });
      try {
        expect(await pool.classify(values), `${threads} threads, native ${nativeHmac}`).toEqual(expected);
      } finally {
        await pool.close();
      }
    }
  });
});

describe('batch classifier, scoped epoch', async () => {
  // Scope digests and shard positions come from each reading's digest: the deferred path derives them
  // only once the batch's digests are filled (a placeholder read early would miss every entry).
  const rows = robinsonRows(spanishNumbers(1200, 9));
  const { shards, manifest } = await epochInMemory(recordsOf(rows.slice(0, 800)), {
    region: 'ES',
    key,
    shardMaxBytes: 8192,
    register: ES_RULES,
  });
  const values = rows.flatMap((row) => [
    row.phone,
    row.phone.replace('+34', ''),
    `0034 ${row.phone.slice(3)}`,
  ]);

  it.each([
    ['any', undefined],
    ['call, energy', { channel: 'call', sector: 'energy' }],
    ['sms, travel', { channel: 'sms', sector: 'travel' }],
  ] as const)('gives the value-by-value statuses in scope %s, deferred and native', (_, scope) => {
    const setup: ClassifierSetup = { shards, manifest, region: 'ES', ...(scope ? { scope } : {}) };
    const one = classifierFromSetup(setup);
    const expected = Uint8Array.from(values, (value) => one(value));
    expect(expected).toContain(LISTED);
    expect(expected).toContain(NOT_LISTED);
    const { joined, lengths } = batchOf(values);
    expect(batchClassifierFromSetup(setup, nodeHmacMany)(joined, lengths)).toEqual(expected);
    const native = loadNativeHmac();
    if (native) expect(batchClassifierFromSetup(setup, native)(joined, lengths)).toEqual(expected);
  });
});

describe('batch classifier, scoped live list', async () => {
  // A live addition covers every scope: looked up by the reading's digest itself beside the scope
  // digests (once the batch's digests are filled), and folded by the next build as the scope digest of
  // all channels and all sectors.
  const rows = robinsonRows(spanishNumbers(600, 11));
  const filed = rows.slice(0, 300);
  const added = rows.slice(300, 400);
  const hasher = createNodeHasher(key);
  const addedDigests = added.map((row) => hasher.digest(row.phone));
  const options = { region: 'ES', key, shardMaxBytes: 8192, register: ES_RULES } as const;
  const built = await epochInMemory(recordsOf(filed), options);
  const folded = await epochInMemory(recordsOf(filed), { ...options, extraDigests: addedDigests });
  const values = added.flatMap((row) => [row.phone, row.phone.replace('+34', '')]);
  const scopes = [undefined, { channel: 'call', sector: 'energy' }, { channel: 'sms', sector: 'travel' }];

  it('lists every addition in every scope, value by value, deferred and native', () => {
    for (const scope of scopes) {
      const setup: ClassifierSetup = {
        shards: built.shards,
        manifest: built.manifest,
        region: 'ES',
        ...(scope ? { scope } : {}),
      };
      // Without the additions the filter does not hold them (a false positive at 1e-6 aside).
      expect(Uint8Array.from(values, classifierFromSetup(setup))).not.toContain(LISTED);
      const live = { ...setup, additions: addedDigests.map(additionDigest) };
      const expected = Uint8Array.from(values, classifierFromSetup(live));
      expect(expected.every((status) => status === LISTED)).toBe(true);
      const { joined, lengths } = batchOf(values);
      expect(batchClassifierFromSetup(live, nodeHmacMany)(joined, lengths)).toEqual(expected);
      const native = loadNativeHmac();
      if (native) expect(batchClassifierFromSetup(live, native)(joined, lengths)).toEqual(expected);
    }
  });

  it('lists every folded addition in every scope from the filter alone', () => {
    expect(folded.built.counts.additions).toBe(added.length);
    for (const scope of scopes) {
      const classify = classifierFromSetup({
        shards: folded.shards,
        manifest: folded.manifest,
        region: 'ES',
        ...(scope ? { scope } : {}),
      });
      expect(Uint8Array.from(values, classify).every((status) => status === LISTED)).toBe(true);
    }
  });
});

describe('a batch between threads', () => {
  it('comes back value by value, packed as bytes or, with a wider character, as a string', () => {
    const value = fc.oneof(
      fc.constant(undefined),
      fc.string({ unit: fc.integer({ min: 0, max: 0xff }).map((code) => String.fromCharCode(code)) }),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 30 }), (values) => {
        const { request, transfer } = packValues(7, values);
        const wide = values.some(
          (text) => text !== undefined && [...text].some((c) => c.charCodeAt(0) > 0xff),
        );
        expect(request.packed === undefined).toBe(wide);
        expect(transfer).toContain(request.lengths.buffer);
        const joined = joinedValues(request);
        let offset = 0;
        const back = Array.from(request.lengths, (length) => {
          if (length < 0) return undefined;
          offset += length;
          return joined.slice(offset - length, offset);
        });
        expect(back).toEqual(values);
      }),
    );
  });
});
