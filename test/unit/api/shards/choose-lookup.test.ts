/**
 * SHARD_LOOKUP: `auto` asks shard-resident Durable Objects only for an epoch larger than the isolate's
 * shard cache, the other values force a path, and asking for Durable Objects without the binding is a
 * configuration error, not a silent fallback.
 */
import { describe, expect, it } from 'vitest';
import { parseApiConfig } from '../../../../src/api/config.ts';
import type { LoadedEpoch } from '../../../../src/api/epochs/epoch-cache.ts';
import { chooseShardLookup } from '../../../../src/api/shards/choose-lookup.ts';
import type { RequestShardLookup, ShardLookup } from '../../../../src/api/shards/shard-lookup.ts';

function named(name: string): ShardLookup & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async warm(epoch: LoadedEpoch) {
      asked.push(`warm ${name}:${epoch.manifest.epoch}`);
    },
    forRequest(epoch: LoadedEpoch): RequestShardLookup {
      asked.push(`${name}:${epoch.manifest.epoch}`);
      return { inFlight: 1, bytesRead: 0, lookup: async (_, digests) => digests.map(() => false) };
    },
  };
}

function epochOf(id: string, shardBytes: number[]): LoadedEpoch {
  return {
    manifest: { epoch: id, shards: shardBytes.map((bytes) => ({ bytes })) },
  } as unknown as LoadedEpoch;
}

describe('chooseShardLookup', () => {
  it('auto: the isolate while the epoch fits the shard cache, the Durable Objects beyond (and their warm-up)', async () => {
    const isolate = named('isolate');
    const resident = named('resident');
    const lookup = chooseShardLookup('auto', isolate, resident, 64e6);
    lookup.forRequest(epochOf('small', [30e6, 30e6]));
    lookup.forRequest(
      epochOf(
        'us',
        Array.from({ length: 64 }, () => 14e6),
      ),
    );
    expect(isolate.asked).toEqual(['isolate:small']);
    expect(resident.asked).toEqual(['resident:us']);
  });

  it('isolate and durable-objects force their path whatever the size', () => {
    const isolate = named('isolate');
    const resident = named('resident');
    chooseShardLookup('isolate', isolate, resident, 1).forRequest(epochOf('a', [1e9]));
    chooseShardLookup('durable-objects', isolate, resident, 1e12).forRequest(epochOf('b', [1]));
    expect(isolate.asked).toEqual(['isolate:a']);
    expect(resident.asked).toEqual(['resident:b']);
  });

  it('without the SHARDS binding: auto stays in the isolate, durable-objects is refused', () => {
    const isolate = named('isolate');
    expect(chooseShardLookup('auto', isolate, null, 1)).toBe(isolate);
    expect(() => chooseShardLookup('durable-objects', isolate, null, 1)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringMatching(/SHARDS/) }),
    );
  });

  it('SHARD_LOOKUP is parsed with the other settings (default auto) and a wrong value is named', () => {
    const publicKey = Buffer.alloc(32, 1).toString('base64');
    expect(parseApiConfig({ QUIETLIST_PUBLIC_KEY: publicKey }).shardLookup).toBe('auto');
    expect(parseApiConfig({ QUIETLIST_PUBLIC_KEY: publicKey, SHARD_LOOKUP: 'isolate' }).shardLookup).toBe(
      'isolate',
    );
    expect(() => parseApiConfig({ QUIETLIST_PUBLIC_KEY: publicKey, SHARD_LOOKUP: 'objects' })).toThrow(
      /SHARD_LOOKUP/,
    );
  });
});
