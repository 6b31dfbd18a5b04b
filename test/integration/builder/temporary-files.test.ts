/**
 * A publishing build keeps its filled shards and deltas in its temporary directory until it publishes
 * (src/builder/shard-stash.ts), so the whole filter is never in memory. What it publishes must be the
 * bytes it filled and signed, and it must leave nothing behind: published, dry run, or refused.
 */
import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { buildFilters } from '../../../src/builder/build-filters.ts';
import { readLatestSignedManifest, storeShardLoader } from '../../../src/client/sources/store-epoch.ts';
import { sha256Hex } from '../../../src/core/encoding/bytes.ts';
import { epochPrefix } from '../../../src/core/epoch/pointer.ts';
import { QuietlistError } from '../../../src/core/errors.ts';
import { checkNumbers, epochMembership } from '../../../src/core/membership.ts';
import { buildInto, newOperatorKeys, rowsOf, tempFileStore } from '../../helpers/build-fixture.ts';

const members = Array.from({ length: 3000 }, (_, i) => fictionalNumber(i));

describe('a build’s temporary files', () => {
  it('publish the shards and deltas it filled, and are gone after each build', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'quietlist-build-temp-'));
    const keys = newOperatorKeys();
    const store = tempFileStore();
    const options = { shardMaxBytes: 2048, tempDirectory: temp };

    // While the shards are written to the store, they are read from the build's temporary directory.
    const seenWhilePublishing = new Set<string>();
    const put = store.put.bind(store);
    store.put = (key, body, putOptions) => {
      if (key.endsWith('.qlbf'))
        for (const name of readdirSync(temp)) seenWhilePublishing.add(name.replace(/-\w+$/, ''));
      return put(key, body, putOptions);
    };
    const first = await buildInto(store, keys, members, options);
    expect(first.published).toBe(true);
    expect([...seenWhilePublishing]).toEqual(['quietlist-shards']);
    expect(readdirSync(temp)).toEqual([]);
    // The same rows filled in memory give the same shards: the stash changes where they wait, not what they are.
    const inMemory = await buildFilters(rowsOf(members), {
      hmacKey: keys.hashKey,
      region: 'FR',
      falsePositiveRate: 1e-6,
      shardMaxBytes: 2048,
    });
    const manifest = first.signed.manifest;
    expect(manifest.shards.map((shard) => shard.sha256)).toEqual(
      inMemory.shards.map((shard) => shard.sha256),
    );
    for (const shard of manifest.shards) {
      const object = await store.get(`${epochPrefix(manifest.epoch)}${shard.path}`);
      expect(object!.body.length).toBe(shard.bytes);
      expect(await sha256Hex(object!.body)).toBe(shard.sha256);
    }

    // A day later, ten registrations gone and one new (no shard outgrows its 5% headroom, so the
    // geometry is kept): deltas, stashed and published too.
    const grown = [...members.slice(10), fictionalNumber(5000)];
    const second = await buildInto(store, keys, grown, options);
    expect(second.geometry).toEqual({ kept: true });
    const withDeltas = second.signed.manifest.shards.filter((shard) => shard.delta);
    expect(withDeltas.length).toBeGreaterThan(0);
    expect(second.deltaBytes).toBe(withDeltas.reduce((sum, shard) => sum + shard.delta!.bytes, 0));
    for (const shard of withDeltas) {
      const object = await store.get(`${epochPrefix(second.signed.manifest.epoch)}${shard.delta!.path}`);
      expect(await sha256Hex(object!.body)).toBe(shard.delta!.sha256);
    }
    expect(readdirSync(temp)).toEqual([]);
    const signed = await readLatestSignedManifest(store, keys.signingKeys.publicKey);
    const results = await checkNumbers(
      epochMembership(signed.manifest),
      grown,
      storeShardLoader(store, signed.manifest),
    );
    expect(results.every((result) => result.status === 'listed')).toBe(true);

    const dryRun = await buildInto(store, keys, grown, { ...options, dryRun: true });
    expect(dryRun.published).toBe(false);
    expect(readdirSync(temp)).toEqual([]);

    // Refused (the list shrank by more than half): nothing published, nothing left.
    await expect(buildInto(store, keys, members.slice(0, 100), options)).rejects.toThrow(QuietlistError);
    expect(readdirSync(temp)).toEqual([]);
    expect((await readLatestSignedManifest(store, keys.signingKeys.publicKey)).manifest.epoch).toBe(
      second.signed.manifest.epoch,
    );
  });

  it('removes what builds killed outright left two days ago or more, and says so', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'quietlist-build-temp-'));
    const abandoned = join(temp, 'quietlist-build-k1LLed');
    mkdirSync(abandoned);
    writeFileSync(join(abandoned, 'digests.bin'), new Uint8Array(2_000_000));
    const threeDaysAgo = new Date(Date.now() - 3 * 24 * 3600 * 1000);
    utimesSync(join(abandoned, 'digests.bin'), threeDaysAgo, threeDaysAgo);
    utimesSync(abandoned, threeDaysAgo, threeDaysAgo);
    const report = await buildInto(tempFileStore(), newOperatorKeys(), members, { tempDirectory: temp });
    expect(report.published).toBe(true);
    expect(readdirSync(temp)).toEqual([]);
    expect(report.warnings).toContain(
      `removed 1 temporary directory (2.0 MB) left in ${temp} by builds stopped outright (killed, out of memory, power loss) two days ago or more: look for why`,
    );
  });
});
