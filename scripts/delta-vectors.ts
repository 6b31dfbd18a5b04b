/**
 * Delta vectors (test/vectors/deltas.json, docs/FORMAT.md §12): a shard of 40 fictional numbers, the
 * same shard a night later (5 expired, 5 registered) under the same geometry, and the delta between
 * them, with its flipped positions and Rice parameter, so a reader can check its decoder bit by bit.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { createKeyedHasher } from '../src/core/digest/keyed-hash.ts';
import { fromHex, toHex } from '../src/core/encoding/bytes.ts';
import { allocateFilterFile, parseFilter } from '../src/core/filter/format.ts';
import { encodeShardDelta, flippedBits, parseShardDelta } from '../src/core/filter/shard-delta.ts';
import { bloomParameters } from '../src/core/filter/sizing.ts';

const fictional = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `+3363998${String(from + i).padStart(4, '0')}`);

export function deltaVectors(key: string) {
  const hasher = createKeyedHasher(fromHex(key));
  const parameters = bloomParameters(Math.ceil(40 * 1.05), 1e-3);
  const shard = (members: string[]) => {
    const file = allocateFilterFile(parameters);
    for (const member of members) file.filter.add(hasher.digest(member));
    return file.finish({
      filter: file.filter,
      shardIndex: 0,
      shardPrefixBits: 0,
      entries: members.length,
      falsePositiveRate: 1e-3,
    });
  };
  const before = fictional(100, 40);
  const after = [...before.slice(5), ...fictional(500, 5)];
  const from = shard(before);
  const to = shard(after);
  const delta = encodeShardDelta(from, to, { fromSha256: toHex(sha256(from)), toSha256: toHex(sha256(to)) });
  const parsed = parseShardDelta(delta);
  return {
    description:
      'A shard delta (format v1, docs/FORMAT.md §12): from → to by flipping `positions`, gap-coded with Golomb-Rice parameter `riceParameter`. Files hex.',
    cases: [
      {
        name: 'forty-numbers-five-churned',
        key,
        fromMembers: before,
        toMembers: after,
        fromFileHex: toHex(from),
        toFileHex: toHex(to),
        positions: [...flippedBits(parseFilter(from).filter.bits, parseFilter(to).filter.bits)],
        riceParameter: parsed.riceParameter,
        payloadHex: toHex(parsed.payload),
        deltaHex: toHex(delta),
        deltaSha256: toHex(sha256(delta)),
      },
    ],
  };
}
