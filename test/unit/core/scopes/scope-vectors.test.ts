/**
 * test/vectors/scopes.json and partitions.json (docs/FORMAT.md §1.3, §1.4) reproduced: labels by the
 * core, scope digests by node:crypto (OpenSSL, not the core's HMAC), the signed partitioned epoch's
 * checks through the one membership path, partitions of key strings, and the POPRF outputs through
 * every OPRF backend and through blind → evaluate → finalize.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../../src/core/encoding/bytes.ts';
import { verifySignedManifest } from '../../../../src/core/epoch/manifest.ts';
import { parseFilter } from '../../../../src/core/filter/format.ts';
import { checkNumbers, epochMembership } from '../../../../src/core/membership.ts';
import { partitionOf } from '../../../../src/core/partitions/partition-rule.ts';
import {
  entryLabels,
  queryLabels,
  type RegistrationScope,
} from '../../../../src/core/scopes/scope-labels.ts';
import { createOprfBackend } from '../../../../src/oprf/backend.ts';
import partitions from '../../../vectors/partitions.json' with { type: 'json' };
import scopes from '../../../vectors/scopes.json' with { type: 'json' };

describe('scope vectors', () => {
  it('labels entered and looked up are the vectors', () => {
    for (const registration of scopes.registrations)
      expect(entryLabels(scopes.scopes, registration as RegistrationScope)).toEqual(registration.labels);
    for (const check of scopes.checks) expect(queryLabels(scopes.scopes, check)).toEqual(check.labels);
    const only = scopes.channelsOnly;
    expect(entryLabels(only.scopes, only.registration as RegistrationScope)).toEqual(only.labels);
    expect(queryLabels(only.scopes, only.check)).toEqual(only.lookedUp);
  });

  it('scope digests are HMAC-SHA-256 keyed with the digest head, as OpenSSL computes it', () => {
    const { digests } = scopes;
    expect(digests.head).toBe(digests.digest.slice(0, 24));
    for (const { label, scopeDigest } of digests.cases) {
      const expected = createHmac('sha256', fromHex(digests.head))
        .update(`${scopes.messagePrefix}${label}`)
        .digest('hex');
      expect(scopeDigest).toBe(expected);
    }
  });
});

describe('partition vectors', () => {
  it('give each key string its partition', () => {
    for (const { keyString, partition } of partitions.partitionOf)
      expect(partitionOf(keyString, partitions.rule)).toBe(partition);
  });

  it('answer every check of the signed epoch through the membership path', async () => {
    const { manifest } = verifySignedManifest(
      new TextEncoder().encode(partitions.manifestJson),
      fromHex(partitions.publicKey),
    );
    const files = partitions.shards.map((shard) => parseFilter(fromHex(shard.fileHex)).filter);
    for (const check of partitions.checks) {
      const membership = epochMembership(manifest, {}, 'US', {
        scope: { channel: check.channel, sector: check.sector },
      });
      const [result] = await checkNumbers(membership, [check.keyString], async (position) => {
        if (check.position !== null) expect(position).toBe(check.position);
        return files[position]!;
      });
      // A key of no partition (+44…) is read in the US plan too: it is simply in no filter.
      expect(result!.status === 'listed' ? 'listed' : 'not_listed').toBe(check.answer);
    }
  });

  it('POPRF outputs under the partition, by every backend and through blinding', async () => {
    const { poprf } = partitions;
    const secretKey = fromHex(poprf.secretKey);
    const utf8 = new TextEncoder();
    for (const prefer of ['noble', 'libsodium', 'fast'] as const) {
      const backend = await createOprfBackend({ prefer });
      expect(toHex(backend.publicKeyOf(secretKey))).toBe(poprf.publicKey);
      for (const { keyString, partition, output } of poprf.cases) {
        const info = utf8.encode(partition);
        expect(toHex(backend.evaluate(secretKey, utf8.encode(keyString), { info }))).toBe(output);
        const input = utf8.encode(keyString);
        const blinded = backend.blind([input], { info });
        const evaluation = backend.blindEvaluate(secretKey, blinded.blindedElements, { info });
        const [finalized] = backend.finalize([input], blinded, evaluation, fromHex(poprf.publicKey));
        expect(toHex(finalized!)).toBe(output);
      }
    }
  });
});
