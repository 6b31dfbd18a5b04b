/**
 * Open mode end to end, as an operator and a telemarketer would run it: `quietlist build --mode open`
 * → store → the real worker (HTTP) → `quietlist pull` → `quietlist scrub` → `quietlist check` (local
 * and --online).
 * Every registered number is dropped whatever its spelling (no false negatives); listed, clean and
 * rejected rows add up to the input; the receipt names the epoch and the input's hash.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber, spellings } from '../../../scripts/fictional-numbers.ts';
import { generateSampleRegistry, SAMPLE_REFERENCE_DATE } from '../../../scripts/generate-sample.ts';
import { cutoffDate, judgeRegistration } from '../../../src/builder/input/registration-validity.ts';
import { NORMALIZATION_SCHEME, readPhone } from '../../../src/core/phone/normalize.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { runClientCli } from './helpers/client-cli.ts';
import { removeTempDirs, tempDir } from './helpers/client-fixture.ts';
import { addSubscriber, type RealWorker, startRealWorker } from './helpers/real-worker.ts';

afterAll(removeTempDirs);

const SAMPLE = 3000;
let dir: string;
let worker: RealWorker;
let apiKey: string;
let sample: ReturnType<typeof generateSampleRegistry>;
const cli = (...args: string[]) => runClientCli(args, { cwd: dir });

beforeAll(async () => {
  dir = tempDir('quietlist-client-e2e-');
  expect((await cli('keygen', '--out', 'keys')).code).toBe(0);
  sample = generateSampleRegistry(SAMPLE);
  writeFileSync(join(dir, 'registry.csv'), sample.csv);
  const build = await cli(
    'build',
    'registry.csv',
    '--mode',
    'open',
    '--store',
    'file://store',
    '--keys',
    'keys',
    '--register',
    'fr-bloctel',
    '--date-column',
    'registered_on',
    '--reference-date',
    SAMPLE_REFERENCE_DATE,
  );
  expect(build.code, build.stderr).toBe(0);
  const store = new FileStore(join(dir, 'store'));
  worker = await startRealWorker(store, readFileSync(join(dir, 'keys', 'signing.pub'), 'utf8').trim());
  apiKey = await addSubscriber(store);
});

afterAll(async () => {
  await worker?.close();
});

/** Row kinds of the synthetic call list, by id. */
interface CallList {
  csv: string;
  registered: Set<number>;
  notRegistered: Set<number>;
  invalid: Set<number>;
}

/** The numbers the builder keeps: a row dated after the cutoff (3 years before the reference date). */
function validRegistrations(): Set<string> {
  const cutoff = cutoffDate({ years: 3, referenceDate: SAMPLE_REFERENCE_DATE });
  const valid = new Set<string>();
  for (const line of sample.csv.split('\n').slice(1)) {
    const [phone = '', date] = line.split(';');
    const read = readPhone(phone, 'FR');
    if (read.ok && judgeRegistration(date, cutoff) === 'valid')
      for (const reading of read.readings) valid.add(reading.e164);
  }
  return valid;
}

function callList(): CallList {
  const list: CallList = { csv: '', registered: new Set(), notRegistered: new Set(), invalid: new Set() };
  const registered = validRegistrations();
  const rows = ['id,"contact name",phone,notes'];
  let id = 0;
  const add = (phone: string, kind: Set<number>) => {
    id++;
    kind.add(id);
    rows.push(
      `${id},"Contact ${id}, Esq.","${phone.replace(/"/g, '""')}",note ${id % 7 === 0 ? '"quoted"' : 'plain'}`,
    );
  };
  // Every registered number in every spelling; registrations that expired, and numbers never registered.
  for (const e164 of registered) for (const spelling of spellings(e164)) add(spelling, list.registered);
  for (let i = 0; i < SAMPLE; i++) {
    const e164 = fictionalNumber(i * 2);
    if (!registered.has(e164)) add(spellings(e164)[i % 8]!, list.notRegistered);
    add(spellings(fictionalNumber(i * 2 + 1))[i % 8]!, list.notRegistered);
  }
  for (const junk of ['', 'n/a', '12', '+999 123']) add(junk, list.invalid);
  list.csv = `${rows.join('\r\n')}\r\n`;
  return list;
}

const idsOf = (csv: string) =>
  csv
    .split('\r\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => Number(line.split(',')[0]));

describe('build → worker → pull → scrub → check', () => {
  it('drops every registered number in every spelling, and the counts add up', async () => {
    const pulled = await cli('pull', '--from', worker.url, '--public-key', 'keys/signing.pub', '--json');
    expect(pulled.code, pulled.stderr).toBe(0);
    const pull = JSON.parse(pulled.stdout) as { epoch: string; manifestSha256: string; status: string };
    expect(pull.status).toBe('installed');

    const list = callList();
    writeFileSync(join(dir, 'calls.csv'), list.csv);
    const scrub = await cli(
      'scrub',
      'calls.csv',
      '--column',
      'phone',
      '--out',
      'clean.csv',
      '--listed',
      'listed.csv',
      '--rejects',
      'rejects.csv',
      '--receipt',
      'receipt.json',
    );
    expect(scrub.code, scrub.stderr).toBe(0);
    const listed = new Set(idsOf(readFileSync(join(dir, 'listed.csv'), 'latin1')));
    const clean = new Set(idsOf(readFileSync(join(dir, 'clean.csv'), 'latin1')));
    const rejected = new Set(idsOf(readFileSync(join(dir, 'rejects.csv'), 'latin1')));
    // No false negative: every spelling of every registered number is listed.
    for (const id of list.registered) expect(listed.has(id), `row ${id}`).toBe(true);
    expect(rejected).toEqual(list.invalid);
    // False positives (ε = 1e-6) are possible in principle; none is expected among a few thousand.
    const falsePositives = [...list.notRegistered].filter((id) => listed.has(id));
    expect(falsePositives.length).toBeLessThanOrEqual(1);
    expect(list.registered.size).toBeGreaterThan(8 * SAMPLE * 0.6);
    const total = list.registered.size + list.notRegistered.size + list.invalid.size;
    expect(listed.size + clean.size + rejected.size).toBe(total);
    expect(scrub.stdout).toMatch(
      new RegExp(`rows ${total}  clean ${clean.size}  listed ${listed.size}  invalid 4`),
    );

    const receipt = JSON.parse(readFileSync(join(dir, 'receipt.json'), 'utf8'));
    expect(receipt).toMatchObject({
      format: 'quietlist-scrub-receipt',
      epoch: { id: pull.epoch, manifestSha256: pull.manifestSha256 },
      input: { name: 'calls.csv', sha256: createHash('sha256').update(list.csv).digest('hex') },
      counts: { rows: total, listed: listed.size, clean: clean.size, invalid: 4, blank: 0 },
      settings: { column: 'phone', region: 'FR', mode: 'drop', delimiter: ',' },
    });
    expect(receipt.outputs.clean.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(join(dir, 'clean.csv')))
        .digest('hex'),
    );
    expect(JSON.stringify(receipt)).not.toContain(sample.registered[0]!.slice(3));
  });

  it('writes a receipt that `receipt verify` checks offline, and refuses a tampered one', async () => {
    const receiptPath = join(dir, 'receipt.json');
    const receipt = JSON.parse(readFileSync(receiptPath, 'utf8'));
    expect(receipt.version).toBe(2);
    expect(receipt.signedManifest.manifest.epoch).toBe(receipt.epoch.id);
    expect(receipt.normalization).toMatchObject({
      library: 'libphonenumber-js',
      scheme: NORMALIZATION_SCHEME,
    });
    expect(receipt.checkedWith).toEqual({ kind: 'local' });
    const args = ['receipt', 'verify', 'receipt.json', '--input', 'calls.csv'];
    const full = [
      ...args,
      '--output',
      'clean.csv',
      '--output',
      'listed.csv',
      '--public-key',
      'keys/signing.pub',
    ];
    const ok = await cli(...full);
    expect(ok.code, ok.stderr + ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/^receipt receipt.json: VERIFIED against the operator's key/);
    expect(ok.stdout).toMatch(/ok {3}operator key: key \w+, the key you gave/);
    expect(ok.stdout).toMatch(/ok {3}output file clean.csv: the clean output/);
    expect(ok.stdout).toMatch(/ok {3}output file listed.csv: the listed output/);
    expect(ok.stdout).toMatch(/-- {3}operator timestamp: the receipt has no countersignature/);
    expect(ok.stdout).toMatch(/what it does not prove:\n.*clean list is what was then called/);

    // Without --public-key: the key `pull` pinned in the cache (.quietlist/cache here) is the operator's.
    const pinned = await cli(...args);
    expect(pinned.code, pinned.stdout).toBe(0);
    expect(pinned.stdout).toMatch(/ok {3}operator key: key \w+, the key pull pinned in /);
    // With neither: the receipt's own key proves nothing; not verified, exit 1, and it says why.
    mkdirSync(join(dir, 'no-cache'), { recursive: true });
    const noKey = await cli(...args, '--cache', 'no-cache');
    expect(noKey.code).toBe(1);
    expect(noKey.stdout).toMatch(/NOT VERIFIED: no operator key to tie it to/);
    expect(noKey.stdout).toMatch(
      /-- {3}operator key: no operator key to check key \w+ against: give --public-key/,
    );

    // Another input, a changed count, a changed manifest, a stranger's key: each is a failed check (exit 2).
    writeFileSync(join(dir, 'other.csv'), 'id,phone\n1,0199000001\n');
    const otherInput = await cli('receipt', 'verify', 'receipt.json', '--input', 'other.csv');
    expect(otherInput.code).toBe(2);
    expect(otherInput.stdout).toMatch(/FAIL input file: other.csv is not the scrubbed input/);

    writeFileSync(
      join(dir, 'edited.json'),
      JSON.stringify({ ...receipt, counts: { ...receipt.counts, listed: 0 } }),
    );
    const edited = await cli('receipt', 'verify', 'edited.json');
    expect(edited.code).toBe(2);
    expect(edited.stdout).toMatch(/FAIL counts and times: rows ≠ listed \+ clean \+ invalid/);

    const forged = structuredClone(receipt);
    forged.signedManifest.manifest.counts.entries += 1;
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(forged));
    const forgedRun = await cli('receipt', 'verify', 'forged.json');
    expect(forgedRun.code).toBe(2);
    expect(forgedRun.stdout).toMatch(/FAIL embedded manifest/);
    expect(forgedRun.stdout).toMatch(/FAIL manifest signature: manifest signature does not verify/);

    expect((await cli('keygen', '--out', 'stranger')).code).toBe(0);
    const stranger = await cli('receipt', 'verify', 'receipt.json', '--public-key', 'stranger/signing.pub');
    expect(stranger.code).toBe(2);
    expect(stranger.stdout).toMatch(
      /FAIL operator key: the manifest is signed by key \w+, none of the operator keys/,
    );

    const usage = await cli('receipt', 'verify', 'missing.json');
    expect(usage.code).toBe(1);
  });

  it('checks numbers against the pulled filter and online, in batches of 1,000', async () => {
    const listedNumber = spellings(sample.registered[0]!)[3]!;
    const local = await cli('check', listedNumber, sample.free[0]!, 'nope', '--json');
    expect(local.code).toBe(2); // an invalid number is a data error
    expect(JSON.parse(local.stdout).results.map((r: { status: string }) => r.status)).toEqual([
      'listed',
      'not_listed',
      'invalid',
    ]);

    const numbers = Array.from({ length: 2500 }, (_, i) => fictionalNumber(i * 2 + 1));
    numbers[1234] = sample.registered[5]!;
    worker.audit.length = 0;
    const online = await runClientCli(['check', '--online', worker.url, '--json', ...numbers], {
      cwd: dir,
      env: { QUIETLIST_API_KEY: apiKey },
    });
    expect(online.code, online.stderr).toBe(0);
    const statuses = JSON.parse(online.stdout).results.map((r: { status: string }) => r.status);
    expect(statuses).toHaveLength(2500);
    expect(statuses.filter((s: string) => s === 'listed')).toHaveLength(1);
    expect(statuses[1234]).toBe('listed');
    expect(worker.audit.map((e) => `${e.endpoint} ${e.status} ${e.numbers}`)).toEqual([
      'POST /v1/check 200 1000',
      'POST /v1/check 200 1000',
      'POST /v1/check 200 500',
    ]);
    expect(online.stderr).not.toContain(apiKey);

    const refused = await runClientCli(['check', '--online', worker.url, fictionalNumber(1)], {
      cwd: dir,
      env: { QUIETLIST_API_KEY: `${apiKey.slice(0, -4)}AAAA` },
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/HTTP 401/);
    expect(refused.stderr).not.toContain(apiKey.slice(0, -4));
  });
});
