/**
 * FORMAT.md is enough to verify every store: test/spec-reader/reader.py, a reader written in Python
 * from docs/FORMAT.md alone (standard library, RFC 8032 verification of its own), verifies stores the
 * CLI builds (open, secret and oprf modes; nightly deltas; a signing-key rotation), the receipts the CLI
 * writes (one spreadsheet-safe, one countersigned by the worker's timestamp key, certified by the
 * signing key; a version 1 countersignature of servers before it), and answers membership like the
 * CLI. It refuses a tampered store, receipt and countersignature. A live list (section 14) is verified
 * under its prefix, batches and folded additions included, its additions answered listed until they expire. The oprf evaluation is out of its scope: oprf stores are verified structurally.
 * CI needs python3 (.ci/run checks it); without it this test fails, saying so, rather than skip.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteSequencer } from '../../../src/api/additions/sqlite-sequencer.ts';
import { runBuild } from '../../../src/builder/run-build.ts';
import { listCacheDirectory } from '../../../src/client/additions/list-cache.ts';
import { pull } from '../../../src/client/pull/pull.ts';
import { scrub } from '../../../src/client/scrub/scrub.ts';
import { StoreEpochSource } from '../../../src/client/sources/store-source.ts';
import { additionDigest } from '../../../src/core/additions/addition-set.ts';
import { additionsBatchKey } from '../../../src/core/additions/additions-batch.ts';
import { fromBase64, toBase64 } from '../../../src/core/encoding/base64.ts';
import { manifestSha256 } from '../../../src/core/epoch/manifest.ts';
import {
  generateSigningKeyPair,
  publicKeyFingerprint,
  sign,
  signingKeyPairFromSecret,
} from '../../../src/core/epoch/signing.ts';
import { epochMembership, readingDigests } from '../../../src/core/membership.ts';
import { timestampSignedBytes } from '../../../src/core/receipt/timestamp.ts';
import { certifyTimestampKey } from '../../../src/core/receipt/timestamp-key.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { listStore } from '../../../src/storage/list-store.ts';
import { newOperatorKeys, rowsOf } from '../../helpers/build-fixture.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { timestampSettingsFrom } from '../../helpers/timestamp-key.ts';
import { freeNumbers, registeredNumbers, removeTempDirs, tempDir } from '../client/helpers/client-fixture.ts';
import { type RealWorker, startRealWorker } from '../client/helpers/real-worker.ts';

const READER = fileURLToPath(new URL('../../spec-reader/reader.py', import.meta.url));
const VECTORS = fileURLToPath(new URL('../../vectors', import.meta.url));

interface ReaderReport {
  ok: boolean;
  errors: string[];
  latest: string;
  keys: string[];
  epochs: {
    epoch: string;
    mode: string;
    files: string;
    shards: number;
    deltas: number;
    deltasApplied: number;
    announces: string | null;
  }[];
  checks: Record<string, string>;
  receipts: Record<string, string>[];
}

function python(args: string[]): { code: number | null; report: ReaderReport; stderr: string } {
  const run = spawnSync('python3', [READER, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.error)
    throw new Error(`python3 is required to run test/spec-reader/reader.py: ${run.error.message}`);
  return { code: run.status, report: JSON.parse(run.stdout || '{}') as ReaderReport, stderr: run.stderr };
}

let dir: string;
let worker: RealWorker | undefined;
const cli = async (...args: string[]) => cliWith({ QUIETLIST_API_KEY: '' }, ...args);
const cliWith = async (env: Record<string, string>, ...args: string[]) => {
  const result = await runCli(args, { cwd: dir, env });
  expect(result.code, `quietlist ${args[0]}: ${result.stderr}`).toBe(0);
  return result.stdout;
};
const keyFile = (name: string) => readFileSync(join(dir, name), 'utf8').trim();

/** A registry export of `numbers` registered in 2026, plus one row registered long ago (expired). */
function registry(name: string, numbers: string[]): string {
  const rows = numbers.map((e164, i) => `${i % 3 === 0 ? `0${e164.slice(3)}` : e164};2026-01-15`);
  writeFileSync(
    join(dir, name),
    `phone;registered_on\n${rows.join('\n')}\n${freeNumbers(1, 9000)[0]};2019-01-15\n`,
  );
  return name;
}

const build = (store: string, input: string, ...extra: string[]) =>
  cli(
    'build',
    input,
    '--store',
    `file://${store}`,
    '--date-column',
    'registered_on',
    '--reference-date',
    '2026-11-01',
    '--max-shrink',
    '1',
    '--keep',
    '20',
    '--json',
    ...extra,
  );

/** The nightly list: 3000 registrations, 10 out and 10 in each night (as test/integration/client/pull-deltas.test.ts). */
const night = (n: number) => registeredNumbers(3000, n * 10);
/** Key strings to check: registered tonight, registered on night 0 only (expired since), never registered. */
const probes = [...registeredNumbers(4, 30), ...registeredNumbers(3, 0), ...freeNumbers(4)];

let originalOpenKey = '';

beforeAll(async () => {
  const version = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (version.error)
    throw new Error('python3 is required (CI installs it: .ci/run); this test does not skip without it');
  dir = tempDir('quietlist-spec-reader-');
  await cli('keygen', '--out', 'keys');
  await cli('keygen', '--out', 'keys-open');
  // A fixed hash key for the open store: with these numbers, four nights keep the shard geometry.
  writeFileSync(join(dir, 'keys-open', 'hash.key'), `${toBase64(new Uint8Array(32).fill(0x5a))}\n`);
  originalOpenKey = keyFile('keys-open/signing.pub');
  const open = (n: number, ...extra: string[]) =>
    build(
      'open',
      registry(`night-${n}.csv`, night(n)),
      '--mode',
      'open',
      '--keys',
      'keys-open',
      '--shard-max-bytes',
      '4096',
      ...extra,
    );
  await open(0);
  await open(1);
  // A planned rotation (docs/OPERATIONS.md): the old key announces the new one, which signs from then on.
  await cli('keygen', '--out', 'keys-open', '--rotate', 'signing');
  const old = readdirSync(join(dir, 'keys-open')).find((name) => /^signing\.key\..*\.retiring$/.test(name))!;
  await open(2, '--signing-key', join('keys-open', old), '--announce-next-key', 'keys-open/signing.pub');
  await open(3);

  await build('secret', registry('secret.csv', night(0).slice(0, 600)), '--mode', 'secret', '--keys', 'keys');
  await build(
    'oprf',
    registry('oprf-0.csv', night(0).slice(0, 600)),
    '--mode',
    'oprf',
    '--keys',
    'keys',
    '--oprf-state',
    'oprf-state',
  );
  await build(
    'oprf',
    registry('oprf-1.csv', night(1).slice(0, 600)),
    '--mode',
    'oprf',
    '--keys',
    'keys',
    '--oprf-state',
    'oprf-state',
  );

  // Receipts: a local scrub of the open store by a client pinned to the original key, and an oprf scrub
  // through the worker (`quietlist serve`'s server), which countersigns the receipt.
  const calls = [...probes, 'not a number'].map((value, i) => `${i},${value}`).join('\n');
  writeFileSync(join(dir, 'calls.csv'), `id,phone\n${calls}\n`);
  await cli('pull', '--from', 'file://open', '--public-key', originalOpenKey, '--cache', 'cache-open');
  await cli(
    'scrub',
    'calls.csv',
    '--cache',
    'cache-open',
    '--out',
    'clean.csv',
    '--listed',
    'listed.csv',
    '--rejects',
    'rejects.csv',
    '--receipt',
    'receipt-open.json',
    '--threads',
    '0',
    '--excel-safe',
  );
  // The worker countersigns with keygen's timestamp key and certificate, never the signing key.
  worker = await startRealWorker(new FileStore(join(dir, 'oprf')), keyFile('keys/signing.pub'), {
    QUIETLIST_OPRF_KEY: keyFile('keys/oprf.key'),
    ...timestampSettingsFrom(join(dir, 'keys')),
  });
  const subscriber = JSON.parse(
    await cli('keys', 'add', '--store', 'file://oprf', '--name', 'Calls Ltd', '--json'),
  ) as { key: string };
  await cli('pull', '--from', worker.url, '--public-key', 'keys/signing.pub', '--cache', 'cache-oprf');
  // The key from the environment: the CLI refuses it on the command line (ps, shell history).
  await cliWith(
    { QUIETLIST_API_KEY: subscriber.key },
    'scrub',
    'calls.csv',
    '--cache',
    'cache-oprf',
    '--out',
    'clean-oprf.csv',
    '--receipt',
    'receipt-oprf.json',
    '--worker',
    worker.url,
    '--threads',
    '0',
  );
}, 300_000);

afterAll(async () => {
  await worker?.close();
  await removeTempDirs();
});

async function cliAnswers(...args: string[]): Promise<Record<string, string>> {
  const output = JSON.parse(await cli('check', '--json', ...args, ...probes)) as {
    results: { status: string }[];
  };
  return Object.fromEntries(probes.map((key, i) => [key, output.results[i]!.status]));
}

describe('an independent reader written from FORMAT.md', () => {
  it('reproduces RFC 8032 and every shared test vector, and refuses every invalid one', () => {
    expect(python(['selftest']).code).toBe(0);
    const { code, report } = python(['vectors', VECTORS]);
    expect(report, JSON.stringify(report)).toMatchObject({ ok: true });
    expect(code).toBe(0);
  });

  it('verifies the open store across nights of deltas and a key rotation, and answers as the CLI does', async () => {
    const args = [
      'store',
      join(dir, 'open'),
      '--public-key',
      originalOpenKey,
      '--receipt',
      join(dir, 'receipt-open.json'),
    ];
    const { code, report } = python([...args, ...probes.flatMap((key) => ['--check', key])]);
    expect(report.errors).toEqual([]);
    expect(code).toBe(0);
    expect(report.keys).toHaveLength(2); // the original key, then the announced successor
    expect(report.epochs.map((epoch) => epoch.files)).toEqual(['all', 'all', 'all', 'all']);
    expect(report.epochs[2]!.announces).toBe(report.keys[1]);
    for (const epoch of report.epochs.slice(1)) {
      expect(epoch.deltas).toBeGreaterThan(0);
      expect(epoch.deltasApplied).toBe(epoch.deltas);
    }
    const cli = await cliAnswers('--cache', 'cache-open');
    expect(report.checks).toEqual(cli);
    expect(probes.slice(0, 4).map((key) => report.checks[key])).toEqual([
      'listed',
      'listed',
      'listed',
      'listed',
    ]);
    expect(report.receipts[0]).toMatchObject({
      'embedded manifest': 'verified',
      'manifest signature': 'verified',
      'operator key': 'verified',
      'counts and times': 'verified',
      normaliser: 'verified',
      'operator timestamp': 'not checked',
    });
  });

  it('verifies the secret store and answers with the operator hash key as the CLI does', async () => {
    const args = [
      'store',
      join(dir, 'secret'),
      '--public-key',
      keyFile('keys/signing.pub'),
      '--hash-key',
      join(dir, 'keys', 'hash.key'),
    ];
    const { code, report } = python([...args, ...probes.flatMap((key) => ['--check', key])]);
    expect(report.errors).toEqual([]);
    expect(code).toBe(0);
    expect(report.checks).toEqual(await cliAnswers('--store', 'file://secret', '--keys', 'keys'));
  });

  it('verifies the oprf store structurally, with its deltas, and the receipt the worker countersigned', () => {
    const args = [
      'store',
      join(dir, 'oprf'),
      '--public-key',
      keyFile('keys/signing.pub'),
      '--receipt',
      join(dir, 'receipt-oprf.json'),
    ];
    const { code, report } = python(args);
    expect(report.errors).toEqual([]);
    expect(code).toBe(0);
    expect(report.epochs.map((epoch) => epoch.mode)).toEqual(['oprf', 'oprf']);
    expect(report.epochs[1]!.deltasApplied).toBeGreaterThan(0);
    expect(report.receipts[0]).toMatchObject({
      'operator key': 'verified',
      'operator timestamp': 'verified',
    });
  });

  it('checks a version 2 countersignature through its certificate, and still verifies a version 1', () => {
    const receipt = JSON.parse(readFileSync(join(dir, 'receipt-oprf.json'), 'utf8'));
    expect(receipt.timestamp).toMatchObject({ version: 2, key: { format: 'quietlist-timestamp-key' } });
    const verify = (name: string, edited: unknown) => {
      writeFileSync(join(dir, name), JSON.stringify(edited));
      const args = ['store', join(dir, 'oprf'), '--public-key', keyFile('keys/signing.pub')];
      return python([...args, '--receipt', join(dir, name)]).report;
    };

    // What a server before the timestamp key answered: version 1, signed by the signing key itself.
    const signing = signingKeyPairFromSecret(fromBase64(keyFile('keys/signing.key'), 'signing key'));
    const { key: _certificate, ...older } = receipt.timestamp;
    const v1 = {
      ...older,
      version: 1,
      signature: {
        algorithm: 'Ed25519',
        keyFingerprint: publicKeyFingerprint(signing.publicKey),
        value: sign(timestampSignedBytes(receipt.timestamp.claim), signing.secretKey),
      },
    };
    const first = verify('receipt-v1.json', { ...receipt, timestamp: v1 });
    expect(first.errors).toEqual([]);
    expect(first.receipts[0]).toMatchObject({ 'operator timestamp': 'verified' });

    // A certificate whose timestamp key was swapped for another no longer verifies under the operator key.
    const swapped = structuredClone(receipt);
    swapped.timestamp.key.key.publicKey = toBase64(signing.publicKey);
    expect(verify('receipt-swapped.json', swapped).errors).toEqual([
      expect.stringMatching(/^SIGNATURE_INVALID: the timestamp key's certificate does not verify/),
    ]);
    // A countersignature dated before its key was certified (a genuine certificate, made later).
    const early = structuredClone(receipt);
    early.timestamp.key = certifyTimestampKey(
      fromBase64(keyFile('keys/timestamp.pub'), 'timestamp key'),
      new Date('2099-01-01T00:00:00.000Z'),
      signing,
    );
    expect(verify('receipt-early.json', early).errors).toEqual([
      expect.stringMatching(
        /^SIGNATURE_INVALID: the countersignature is dated before its timestamp key was certified/,
      ),
    ]);
    // A version 2 countersignature without its certificate is refused as a structure.
    const bare = structuredClone(receipt);
    delete bare.timestamp.key;
    expect(verify('receipt-bare.json', bare).errors).toEqual([
      expect.stringMatching(/^FORMAT_INVALID: receipt timestamp\.key: missing/),
    ]);
  });

  it('refuses a tampered delta, a manifest signed by nobody announced, and an edited receipt', () => {
    const copy = join(tempDir('quietlist-spec-reader-tampered-'), 'open');
    cpSync(join(dir, 'open'), copy, { recursive: true });
    const latest = JSON.parse(readFileSync(join(copy, 'latest.json'), 'utf8')) as {
      pointer: { epoch: string; expiresAt: string };
    };
    const { epoch } = latest.pointer;
    const delta = readdirSync(join(copy, 'epochs', epoch)).find((name) => name.endsWith('.qldelta'))!;
    const bytes = readFileSync(join(copy, 'epochs', epoch, delta));
    bytes[bytes.length - 5]! ^= 1;
    writeFileSync(join(copy, 'epochs', epoch, delta), bytes);
    const tampered = python(['store', copy, '--public-key', originalOpenKey]);
    expect(tampered.code).toBe(1);
    expect(tampered.report.errors).toEqual([
      expect.stringMatching(/^CHECKSUM_MISMATCH: .*qldelta is not the signed delta/),
    ]);

    // A pointer whose expiry was moved after signing (to keep an old epoch alive) proves nothing.
    const extended = join(tempDir('quietlist-spec-reader-extended-'), 'open');
    cpSync(join(dir, 'open'), extended, { recursive: true });
    latest.pointer.expiresAt = '2099-01-01T00:00:00.000Z';
    writeFileSync(join(extended, 'latest.json'), `${JSON.stringify(latest)}\n`);
    const moved = python(['store', extended, '--public-key', originalOpenKey]);
    expect(moved.report.errors).toEqual([
      expect.stringMatching(/^SIGNATURE_INVALID: the signature of latest\.json does not verify/),
    ]);

    // Pinned to the successor, the first epochs are signed by a key nobody announced to it.
    const wrongPin = python(['store', join(dir, 'open'), '--public-key', keyFile('keys-open/signing.pub')]);
    expect(wrongPin.report.errors).toEqual([
      expect.stringMatching(/^SIGNATURE_INVALID: epoch .* is signed by/),
    ]);

    const receipt = JSON.parse(readFileSync(join(dir, 'receipt-open.json'), 'utf8'));
    receipt.counts.clean += 1;
    writeFileSync(join(dir, 'receipt-edited.json'), JSON.stringify(receipt));
    const edited = python([
      'store',
      join(dir, 'open'),
      '--public-key',
      originalOpenKey,
      '--receipt',
      join(dir, 'receipt-edited.json'),
    ]);
    expect(edited.report.errors).toEqual([
      expect.stringMatching(/^FORMAT_INVALID: receipt counts and times: rows != listed \+ clean \+ invalid/),
    ]);
  });
});

describe('a live list (FORMAT.md section 14)', () => {
  it('verifies its prefix, its folded additions and its batches, answers additions listed, refuses a tampered batch', async () => {
    const root = join(tempDir('quietlist-spec-reader-live-'), 'store');
    const store = new FileStore(root);
    const acme = listStore(store, 'acme');
    const keys = newOperatorKeys();
    const additionsKey = generateSigningKeyPair();
    // The sequencer runs 20 minutes behind the wall clock (after both builds): an entry expiring 10
    // minutes later on its clock is published, however slow the machine, and is past its expiry for
    // the reader, which reads the wall clock, without a sleep.
    const sequencerNow = () => Date.now() - 20 * 60_000;
    const sequencer = new SqliteSequencer({
      stateDirectory: ':memory:',
      store,
      key: additionsKey,
      coalesceMs: 0,
      now: sequencerNow,
    });
    const exported = registeredNumbers(100, 4000);
    const [folded, expired, live] = freeNumbers(3, 8000) as [string, string, string];
    const build = async (at: number) => {
      const { signed } = await runBuild({
        rows: rowsOf(exported),
        list: 'acme',
        additionsKey: additionsKey.publicKey,
        region: 'FR',
        mode: 'open',
        hashKey: keys.hashKey,
        signingKeys: keys.signingKeys,
        falsePositiveRate: 1e-6,
        shardMaxBytes: 4096,
        store: acme,
        dryRun: false,
        keepEpochs: 5,
        maxRejectRate: 0.5,
        maxShrink: 1,
        allowEmpty: true,
        now: new Date(at),
      });
      return { manifest: signed.manifest, manifestSha256: manifestSha256(signed.manifest) };
    };
    const digestsOf = (epoch: Awaited<ReturnType<typeof build>>, number: string) => {
      const key = readingDigests(epochMembership(epoch.manifest, {}), number);
      if (typeof key === 'string') throw new Error('a fictional number did not read');
      return key.map(additionDigest);
    };
    try {
      const first = await build(Date.now() - 3_600_000);
      await sequencer.add(first, [{ digests: digestsOf(first, folded), expiresAt: null }]);
      const second = await build(Date.now() - 1_800_000);
      await sequencer.add(second, [
        { digests: digestsOf(second, expired), expiresAt: sequencerNow() + 10 * 60_000 },
        { digests: digestsOf(second, live), expiresAt: null },
      ]);
    } finally {
      sequencer.close();
    }
    const key = toBase64(keys.signingKeys.publicKey);
    const probes = [exported[0]!, folded, expired, live, freeNumbers(1, 8500)[0]!];
    const args = [
      'store',
      root,
      '--list',
      'acme',
      '--public-key',
      key,
      ...probes.flatMap((n) => ['--check', n]),
    ];
    const { code, report } = python(args);
    expect(report.errors).toEqual([]);
    expect(code).toBe(0);
    expect(probes.map((n) => report.checks[n])).toEqual([
      'listed',
      'listed',
      'not_listed',
      'listed',
      'not_listed',
    ]);
    const epochs = report.epochs as unknown as {
      additions: { batches: number; through: number; folded?: number };
    }[];
    expect(epochs.map((epoch) => epoch.additions)).toEqual([
      { batches: 1, through: 1 },
      { batches: 1, through: 3, folded: 1 },
    ]);

    // A scrub against the live list: its receipt names the list, its epoch and the additions answered with.
    const cache = join(root, '..', 'cache');
    await pull({
      source: new StoreEpochSource(acme),
      cacheDirectory: listCacheDirectory(cache, 'acme'),
      list: 'acme',
      publicKey: keys.signingKeys.publicKey,
    });
    const scrubbed = await scrub({
      cacheDirectory: cache,
      lists: ['acme'],
      input: Readable.from([Buffer.from(`phone\n${probes.join('\n')}\n`)]),
      inputName: 'calls.csv',
      threads: 0,
      outputs: { clean: { path: join(root, '..', 'clean.csv') } },
    });
    expect(scrubbed.receipt!.counts.listed).toBe(3);
    const receiptPath = join(root, '..', 'receipt.json');
    writeFileSync(receiptPath, JSON.stringify(scrubbed.receipt));
    const withReceipt = python([
      'store',
      root,
      '--list',
      'acme',
      '--public-key',
      key,
      '--receipt',
      receiptPath,
    ]);
    expect(withReceipt.report.errors).toEqual([]);
    expect(withReceipt.report.receipts[0]).toMatchObject({ 'counts and times': 'verified' });
    writeFileSync(
      receiptPath,
      JSON.stringify({ ...scrubbed.receipt!, lists: [{ ...scrubbed.receipt!.lists![0]!, listed: 4 }] }),
    );
    expect(
      python(['store', root, '--list', 'acme', '--public-key', key, '--receipt', receiptPath]).report.errors,
    ).toEqual([expect.stringMatching(/the lists' listed rows do not account for listed/)]);

    // The root list is not this list: asked for the root, the reader finds no store there.
    expect(python(['store', root, '--public-key', key]).report.errors).toEqual([
      expect.stringMatching(/^MANIFEST_INVALID: the store has no latest\.json/),
    ]);
    // One entry's digest changed after signing.
    const batch = join(root, 'lists', 'acme', additionsBatchKey(report.latest, 2));
    const text = readFileSync(batch, 'utf8');
    writeFileSync(
      batch,
      text.replace(/"digests":\["([0-9a-f])/, (_, c: string) => `"digests":["${c === '0' ? '1' : '0'}`),
    );
    const tampered = python(['store', root, '--list', 'acme', '--public-key', key]);
    writeFileSync(batch, text);
    expect(tampered.report.errors).toEqual([
      expect.stringMatching(
        /^SIGNATURE_INVALID: additions batch 2 of epoch .*: the signature does not verify/,
      ),
    ]);
  });
});
