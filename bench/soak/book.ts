/**
 * What the soak knows to be true, and its tally of answers. Every epoch it published is registered
 * with its member range (synthetic indexes [from, from + size)), its verified manifest and its shards
 * (read from the store, checked against the manifest, as a client that pulled it would hold them).
 * An answer is judged by the epoch the response names: a registered member answered "not listed" is a
 * false negative; a non-member answered "listed" is a false positive, allowed up to what ε predicts;
 * an answer that names an epoch not (yet) registered waits until the end of the run, and if its epoch
 * is still unknown then, it is wrong.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../../src/core/encoding/bytes.ts';
import { type Manifest, manifestSha256, verifySignedManifest } from '../../src/core/epoch/manifest.ts';
import { epochPrefix, manifestKey } from '../../src/core/epoch/pointer.ts';
import { parseFilter } from '../../src/core/filter/format.ts';
import { FilterSet } from '../../src/core/filter/shard-set.ts';
import type { ObjectStore } from '../../src/storage/object-store.ts';
import type { Role } from './deployments.ts';

export interface KnownEpoch {
  id: string;
  from: number;
  size: number;
  manifest: Manifest;
  manifestSha256: string;
  shardBytes: Uint8Array[];
  filters: FilterSet;
}

/** Which synthetic entry a value stands for: a member-range index, a non-member, or garbage. */
export type Probe = { kind: 'index'; index: number } | { kind: 'garbage' };

export async function loadKnownEpoch(
  store: ObjectStore,
  publicKey: Uint8Array,
  id: string,
  from: number,
  size: number,
): Promise<KnownEpoch> {
  const object = await store.get(manifestKey(id));
  if (!object) throw new Error(`epoch ${id}: no manifest in the store`);
  const { manifest } = verifySignedManifest(object.body, publicKey);
  const shardBytes: Uint8Array[] = [];
  for (const shard of manifest.shards) {
    const bytes = (await store.get(`${epochPrefix(id)}${shard.path}`))?.body;
    if (!bytes || toHex(sha256(bytes)) !== shard.sha256)
      throw new Error(`epoch ${id}: ${shard.path} differs`);
    shardBytes.push(bytes);
  }
  const filters = new FilterSet(
    manifest.filter.shardPrefixBits ?? 0,
    shardBytes.map((bytes) => parseFilter(bytes).filter),
  );
  return { id, from, size, manifest, manifestSha256: manifestSha256(manifest), shardBytes, filters };
}

export class SoakBook {
  readonly epochs: Record<Role, Map<string, KnownEpoch>> = { check: new Map(), oprf: new Map() };
  falseNegatives = 0;
  readonly falseNegativesByRole: Record<Role, number> = { check: 0, oprf: 0 };
  /** Distinct (epoch, index) pairs answered "listed" while not members. */
  readonly falsePositives = new Set<string>();
  nonMemberAnswers = 0;
  memberAnswers = 0;
  /** Other wrong answers (garbage not "invalid", a valid number "invalid", an unknown epoch), by reason. */
  readonly wrong = new Map<string, number>();
  private readonly pending: Array<() => boolean> = [];

  register(role: Role, epoch: KnownEpoch): void {
    this.epochs[role].set(epoch.id, epoch);
  }

  knows(role: Role, id: string): boolean {
    return this.epochs[role].has(id);
  }

  wrongAnswer(reason: string): void {
    this.wrong.set(reason, (this.wrong.get(reason) ?? 0) + 1);
  }

  /** Judges `answers[i]` for `probes[i]` under epoch `id` now, or at the end if the epoch is not known yet. */
  judge(role: Role, id: string, probes: readonly Probe[], answers: readonly string[]): void {
    const run = () => {
      const epoch = this.epochs[role].get(id);
      if (!epoch) return false;
      probes.forEach((probe, i) => {
        this.judgeOne(role, epoch, probe, answers[i]);
      });
      return true;
    };
    if (!run()) this.pending.push(run);
  }

  /** An OPRF answer: the unblinded outputs are looked up in the named epoch's filters. */
  judgeOutputs(id: string, indexes: readonly number[], outputs: readonly Uint8Array[]): void {
    const run = () => {
      const epoch = this.epochs.oprf.get(id);
      if (!epoch) return false;
      indexes.forEach((index, i) => {
        const listed = epoch.filters.has(outputs[i]!);
        this.judgeOne('oprf', epoch, { kind: 'index', index }, listed ? 'listed' : 'not_listed');
      });
      return true;
    };
    if (!run()) this.pending.push(run);
  }

  /** A response naming an epoch that must be (or become) known, with nothing else to judge. */
  expectEpoch(role: Role, id: string): void {
    if (!this.knows(role, id)) this.pending.push(() => this.knows(role, id));
  }

  /** At the end: judges what waited; returns how many still name an unknown epoch (each one wrong). */
  settle(): number {
    let unknown = 0;
    for (const run of this.pending.splice(0)) {
      if (!run()) {
        unknown++;
        this.wrongAnswer('names an epoch that was never published');
      }
    }
    return unknown;
  }

  totalWrong(): number {
    let total = this.falseNegatives;
    for (const count of this.wrong.values()) total += count;
    return total;
  }

  private judgeOne(role: Role, epoch: KnownEpoch, probe: Probe, answer: string | undefined): void {
    if (probe.kind === 'garbage') {
      if (answer !== 'invalid') this.wrongAnswer('a value that is not a number was not answered "invalid"');
      return;
    }
    const member = probe.index >= epoch.from && probe.index < epoch.from + epoch.size;
    if (answer !== 'listed' && answer !== 'not_listed') {
      this.wrongAnswer('a valid number was not answered listed / not_listed');
      return;
    }
    if (member) {
      this.memberAnswers++;
      if (answer !== 'listed') {
        this.falseNegatives++;
        this.falseNegativesByRole[role]++;
      }
    } else {
      this.nonMemberAnswers++;
      if (answer === 'listed') this.falsePositives.add(`${epoch.id}:${probe.index}`);
    }
  }
}
