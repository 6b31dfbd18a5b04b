/**
 * Nightly deltas (issue 13): a list of N registrations under a stable geometry, a night of churn
 * (c·N/2 expirations plus c·N/2 new registrations), and what a nightly pull downloads: the deltas of
 * the changed shards against the whole filter. Also the time to build and apply the deltas, Rice
 * against plain LEB128 varints for the same gaps, and the size cost of the geometry's headroom.
 * Digests are random bytes (what a keyed hash gives): the HMAC cost belongs to the builder suite.
 */
import { createHash, randomFillSync } from 'node:crypto';
import { GEOMETRY_HEADROOM } from '../src/builder/shard-geometry.ts';
import { allocateFilterFile, parseFilter } from '../src/core/filter/format.ts';
import { varintByteLength } from '../src/core/filter/rice-coding.ts';
import {
  applyShardDelta,
  encodeShardDelta,
  flippedBits,
  parseShardDelta,
} from '../src/core/filter/shard-delta.ts';
import { shardOf } from '../src/core/filter/sharding.ts';
import {
  bloomParameters,
  DEFAULT_SHARD_MAX_BYTES,
  optimalBitCount,
  shardPrefixBits,
} from '../src/core/filter/sizing.ts';
import { type BenchSuite, checkTarget, type Measurement, type TargetCheck } from './support/suite.ts';

const RATE = 1e-6;
const DIGEST = 16;
const MB = 1e6;
const NATIONAL = 250_000_000;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const deltasSuite: BenchSuite = {
  name: 'deltas',
  description: 'nightly deltas: bytes a pull downloads vs the whole filter, build and apply times',
  async run(options, log) {
    const sizes = options.sizes ?? [options.quick ? 1_000_000 : 10_000_000];
    const measurements: Measurement[] = [];
    const targets: TargetCheck[] = [];
    for (const size of sizes) {
      const digests = new Uint8Array(size * DIGEST);
      randomFillSync(digests);
      const prefixBits = shardPrefixBits(size * (1 + GEOMETRY_HEADROOM), RATE, DEFAULT_SHARD_MAX_BYTES);
      const counts = new Array<number>(2 ** prefixBits).fill(0);
      for (let i = 0; i < size; i++) counts[shardOf(digests.subarray(i * DIGEST), prefixBits)]!++;
      const geometry = counts.map((n) => bloomParameters(Math.ceil(n * (1 + GEOMETRY_HEADROOM)), RATE));
      const build = (list: Uint8Array) =>
        geometry.map((parameters, index) => {
          const file = allocateFilterFile(parameters);
          let entries = 0;
          for (let at = 0; at < list.length; at += DIGEST) {
            const digest = list.subarray(at, at + DIGEST);
            if (shardOf(digest, prefixBits) !== index) continue;
            file.filter.add(digest);
            entries++;
          }
          return file.finish({
            filter: file.filter,
            shardIndex: index,
            shardPrefixBits: prefixBits,
            entries,
            falsePositiveRate: RATE,
          });
        });
      log(`deltas: building ${size.toLocaleString('en')} entries in ${geometry.length} shard(s)`);
      const before = build(digests);
      const filterBytes = before.reduce((sum, file) => sum + file.length, 0);
      const bits = geometry.reduce((sum, shard) => sum + shard.bitCount, 0);
      const add = (metric: string, value: number | string, projected = false) =>
        measurements.push({
          metric,
          size: projected ? NATIONAL : size,
          value,
          ...(projected ? { projected } : {}),
        });
      add('whole filter (MB)', filterBytes / MB);
      add('shards', geometry.length);
      add(
        `stable geometry: bits / Bloom optimum at creation (%)`,
        (bits / optimalBitCount(size, RATE)) * 100,
      );
      for (const churn of [0.001, 0.01]) {
        const changed = Math.round((size * churn) / 2);
        const after = digests.slice();
        // The first `changed` registrations expire; as many new ones register in their place.
        randomFillSync(after.subarray(0, changed * DIGEST));
        const next = build(after);
        const label = `${churn * 100}% churn`;
        let started = performance.now();
        const deltas = next.map((file, i) =>
          encodeShardDelta(before[i]!, file, { fromSha256: sha(before[i]!), toSha256: sha(file) }),
        );
        const buildSeconds = (performance.now() - started) / 1000;
        started = performance.now();
        for (const [i, delta] of deltas.entries()) {
          const patched = await applyShardDelta(before[i]!, delta, sha);
          if (!Buffer.from(patched).equals(Buffer.from(next[i]!))) throw new Error('patched shard differs');
        }
        const applySeconds = (performance.now() - started) / 1000;
        const deltaBytes = deltas.reduce((sum, delta) => sum + delta.length, 0);
        let flips = 0;
        let varintBytes = 0;
        for (const [i, file] of next.entries()) {
          const positions = flippedBits(parseFilter(before[i]!).filter.bits, parseFilter(file).filter.bits);
          flips += positions.length;
          varintBytes += varintByteLength(positions);
        }
        const riceParameters = [...new Set(deltas.map((delta) => parseShardDelta(delta).riceParameter))];
        const share = deltaBytes / filterBytes;
        add(`${label}: entries changed`, changed * 2);
        add(`${label}: bits flipped`, flips);
        add(`${label}: Rice parameter(s)`, riceParameters.join(', '));
        add(`${label}: deltas (MB)`, deltaBytes / MB);
        add(`${label}: bits per flipped bit, Rice`, ((deltaBytes - deltas.length * 100) * 8) / flips);
        add(`${label}: bits per flipped bit, LEB128 varints`, (varintBytes * 8) / flips);
        add(`${label}: nightly pull / whole filter (%)`, share * 100);
        add(`${label}: build deltas (s)`, buildSeconds);
        add(`${label}: apply deltas + SHA-256 checks (s)`, applySeconds);
        add(`${label}: bytes per changed entry`, deltaBytes / (changed * 2));
        add(`${label}: nightly pull at 250M (MB)`, ((deltaBytes / size) * NATIONAL) / MB, true);
        targets.push(
          checkTarget(
            `nightly pull ≤ ${churn === 0.001 ? 2 : 15}% of the filter at ${label} (${size.toLocaleString('en')})`,
            share,
            '<=',
            churn === 0.001 ? 0.02 : 0.15,
            '%',
          ),
        );
      }
      add('whole filter at 250M (MB)', ((filterBytes / size) * NATIONAL) / MB, true);
    }
    return {
      measurements,
      targets,
      notes: [
        'churn c: c·N/2 registrations expire and c·N/2 new ones register (N unchanged); the delta bytes are what a pull one night behind downloads, besides the manifest.',
        `a new geometry is sized for n·${1 + GEOMETRY_HEADROOM}: that cost falls to 0 as the list grows into it; the 250M column scales the measured bytes per entry.`,
      ],
    };
  },
};
