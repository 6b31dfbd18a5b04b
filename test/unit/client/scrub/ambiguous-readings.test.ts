/**
 * A value with several readings is listed if any reading is, in every membership path: the scrub and
 * page classifier, checkNumbers (API, `check`), and the oprf classifier, which evaluates every reading
 * (blind → evaluate → finalize with the real backend, no HTTP) and counts the extra evaluations. A value
 * with no valid reading is "invalid" unless listed, never "not listed". libphonenumber's example numbers.
 */
import { describe, expect, it } from 'vitest';
import { EvaluationPlanner } from '../../../../src/client/oprf/evaluation-plan.ts';
import { OprfRowClassifier } from '../../../../src/client/oprf/oprf-classifier.ts';
import type { OprfOutputJournal } from '../../../../src/client/oprf/oprf-digests.ts';
import { classifierFromSetup } from '../../../../src/client/scrub/classifier-setup.ts';
import { LISTED, NOT_LISTED, reasonOf } from '../../../../src/client/scrub/row-status.ts';
import type { KeyedHasher } from '../../../../src/core/digest/keyed-hash.ts';
import { hashKeyId } from '../../../../src/core/digest/keyed-hash.ts';
import { toBase64 } from '../../../../src/core/encoding/base64.ts';
import type { Manifest } from '../../../../src/core/epoch/manifest.ts';
import { parseFilter } from '../../../../src/core/filter/format.ts';
import { FilterSet } from '../../../../src/core/filter/shard-set.ts';
import { checkNumbers, epochMembership } from '../../../../src/core/membership.ts';
import { createOprfBackend } from '../../../../src/oprf/backend.ts';
import { createNodeHasher } from '../../../helpers/node-hasher.ts';
import { epochInMemory } from '../../../helpers/open-epoch.ts';

const utf8 = new TextEncoder();

/** The evaluations kept in memory (the CLI keeps them in a file, the page in IndexedDB). */
class MapJournal implements OprfOutputJournal {
  readonly #outputs = new Map<string, Uint8Array>();
  get(key: string) {
    return this.#outputs.get(key);
  }
  add(keys: readonly string[], outputs: readonly Uint8Array[]) {
    for (const [i, key] of keys.entries()) this.#outputs.set(key, outputs[i]!);
  }
  close() {}
}

function epochOf(region: string, registry: string[], hasher: KeyedHasher, hash: Manifest['hash']) {
  return epochInMemory(registry, {
    region: region as never,
    hasher: { hasher, hash },
    falsePositiveRate: 1e-9,
  });
}

/** Every membership path but oprf, over an open-mode epoch: the verdict of each value, as text. */
async function verdicts(region: string, registry: string[], values: string[]): Promise<string[]> {
  const key = new Uint8Array(32).fill(3);
  const { built, manifest } = await epochOf(region, registry, createNodeHasher(key), {
    scheme: 'hmac-sha256',
    keyId: hashKeyId(key),
    key: toBase64(key),
  });
  const classify = classifierFromSetup({
    shards: built.shards.map((shard) => shard.read()),
    manifest,
    region: region as never,
  });
  const core = await checkNumbers(
    epochMembership(manifest),
    values,
    async (index) => parseFilter(built.shards[index]!.read()).filter,
  );
  return values.map((value, i) => {
    const status = classify(value);
    const text = status === LISTED ? 'listed' : status === NOT_LISTED ? 'not_listed' : reasonOf(status)!;
    const result = core[i]!;
    expect(result.status === 'invalid' ? result.reason : result.status, `value ${i}`).toBe(text);
    return text;
  });
}

describe('values with several readings', () => {
  it('are listed if any reading is: the "+" or the 0 of 508 43 01 23 lost', async () => {
    const value = '508430123';
    expect(await verdicts('FR', ['+508 43 01 23'], [value])).toEqual(['listed']);
    expect(await verdicts('FR', ['05 08 43 01 23'], [value])).toEqual(['listed']);
    expect(await verdicts('FR', ['+33 1 99 00 12 34'], [value])).toEqual(['not_listed']);
  });

  it('are listed in Germany, Italy and Australia under the reading the registry holds', async () => {
    expect(await verdicts('DE', ['+49 1512 3456789'], ['4915123456789', '01512 3456789'])).toEqual([
      'listed',
      'listed',
    ]);
    expect(await verdicts('IT', ['+39 02 1234 5678'], ['2 1234 5678', '390212345678'])).toEqual([
      'listed',
      'listed',
    ]);
    expect(await verdicts('AU', ['+61 412 345 678'], ['0061 412 345 678', '61 412 345 678'])).toEqual([
      'listed',
      'listed',
    ]);
    expect(await verdicts('US', ['+1 201-555-0123'], ['001 201 555 0123', '(201) 555-0123'])).toEqual([
      'listed',
      'listed',
    ]);
  });

  it('are "invalid" when no reading is a valid number, unless one is listed; a leading minus is named', async () => {
    const noValidReading = '+39 212345678';
    expect(await verdicts('IT', ['+39 06 1234 5678'], [noValidReading, '-0612345678'])).toEqual([
      'NO_VALID_READING',
      'LEADING_MINUS',
    ]);
    // A builder whose metadata is newer kept it: it is listed, whatever this metadata says.
    expect(await verdicts('IT', [noValidReading], [noValidReading])).toEqual(['listed']);
  });

  it('are evaluated under every reading in oprf mode, one evaluation per reading', async () => {
    const backend = await createOprfBackend({ prefer: 'fast' });
    const { secretKey, publicKey } = backend.generateKeyPair();
    const operator: KeyedHasher = { digest: (key) => backend.evaluate(secretKey, utf8.encode(key)) };
    const { built, manifest } = await epochOf('FR', ['+508 43 01 23', '+33 1 99 00 12 34'], operator, {
      scheme: 'oprf-ristretto255-sha512',
      keyId: hashKeyId(publicKey),
      publicKey: toBase64(publicKey),
    });
    const sent: string[] = [];
    // The protocol without HTTP: blind, evaluate with the server's key, verify the proof and unblind.
    const evaluate = async (
      keys: readonly string[],
      onBatch?: (keys: readonly string[], outputs: Uint8Array[]) => void,
    ) => {
      sent.push(...keys);
      const inputs = keys.map((key) => utf8.encode(key));
      const blinded = backend.blind(inputs);
      const outputs = backend.finalize(
        inputs,
        blinded,
        backend.blindEvaluate(secretKey, blinded.blindedElements),
        publicKey,
      );
      onBatch?.(keys, outputs);
      return outputs;
    };
    const filters = new FilterSet(
      built.shardPrefixBits,
      built.shards.map((shard) => parseFilter(shard.read()).filter),
    );
    const classifier = new OprfRowClassifier(manifest, filters, new MapJournal(), evaluate, 'FR');
    const statuses = await classifier.classify(['508430123', '01 99 00 12 34', '0199001235', '-0199001234']);
    expect([...statuses].slice(0, 3)).toEqual([LISTED, LISTED, NOT_LISTED]);
    expect(reasonOf(statuses[3]!)).toBe('LEADING_MINUS');
    expect(classifier.evaluated).toBe(4); // two readings, then one each
    expect(classifier.extraReadings).toBe(1);
    expect(new Set(sent).size).toBe(4);
    // The count before a planned scrub (GET /v1/quota) asks for the very readings the classifier sent.
    const planner = new EvaluationPlanner(manifest, new MapJournal(), 'FR');
    await planner.classify(['508430123', '01 99 00 12 34', '0199001235', '-0199001234']);
    expect(new Set(planner.numbers)).toEqual(new Set(sent));
    expect(planner.extraReadings).toBe(classifier.extraReadings);
  });
});
