/**
 * Test data for the API: synthetic numbers (a fictional block of French mobile numbers, never a real
 * registry) published into a store by the real builder (runBuild → publishEpoch).
 */
import { randomBytes } from 'node:crypto';
import type { InputRecord } from '../../../../src/builder/input/record.ts';
import { type BuildReport, runBuild } from '../../../../src/builder/run-build.ts';
import { generateSigningKeyPair, type SigningKeyPair } from '../../../../src/core/epoch/signing.ts';
import type { ObjectStore } from '../../../../src/storage/object-store.ts';

export interface TestKeys {
  signing: SigningKeyPair;
  hashKey: Uint8Array;
}

export function testKeys(): TestKeys {
  return { signing: generateSigningKeyPair(), hashKey: new Uint8Array(randomBytes(32)) };
}

/** `count` E.164 numbers +336120xxxxx starting at `from`: synthetic, for tests only. */
export function syntheticNumbers(count: number, from = 0, block = '+336120'): string[] {
  return Array.from({ length: count }, (_, i) => `${block}${String(from + i).padStart(5, '0')}`);
}

async function* rowsOf(numbers: string[]): AsyncIterable<InputRecord[]> {
  yield numbers.map((phone, i) => ({ line: i + 1, phone }));
}

export interface SeedOptions {
  keys: TestKeys;
  numbers: string[];
  mode?: 'open' | 'secret';
  falsePositiveRate?: number;
  /** Small values force several shards (default 8 KiB: 4 shards for 1,000 numbers at ε = 1e-6). */
  shardMaxBytes?: number;
  now?: Date;
}

export function seedEpoch(store: ObjectStore, options: SeedOptions): Promise<BuildReport> {
  return runBuild({
    rows: rowsOf(options.numbers),
    region: 'FR',
    mode: options.mode ?? 'open',
    hashKey: options.keys.hashKey,
    signingKeys: options.keys.signing,
    falsePositiveRate: options.falsePositiveRate ?? 1e-6,
    shardMaxBytes: options.shardMaxBytes ?? 8192,
    store,
    dryRun: false,
    keepEpochs: 5,
    maxRejectRate: 0.5,
    maxShrink: 1,
    now: options.now ?? new Date(),
  });
}
