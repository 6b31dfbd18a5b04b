/**
 * A US-style register end to end (docs/FORMAT.md §1.4): an export of five area codes built by
 * `quietlist build --register us-dnc` (oprf: the POPRF, the area code as public input), served by the
 * real API, bought by two subscribers: one for two area codes, one for all. `pull` downloads only the
 * partitions a key is entitled to (bytes counted against the manifest), the worker refuses the other
 * partitions' files and evaluations (403, nothing charged), and `scrub --worker` / `check --worker`
 * answer every registered number of an entitled area code listed, every number of another one
 * NOT_ENTITLED (in the rejects, never the clean list), and numbers of an area code with no
 * registration not listed, without an evaluation. Secret mode: POST /v1/check refuses the same way.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedManifest } from '../../../src/core/epoch/manifest.ts';
import { epochPrefix } from '../../../src/core/epoch/pointer.ts';
import { createOprfBackend } from '../../../src/oprf/backend.ts';
import { encodeElements } from '../../../src/oprf/wire.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { nanpNumbers } from '../../helpers/register-fixtures.ts';
import { runClientCli } from '../client/helpers/client-cli.ts';
import { removeTempDirs, tempDir } from '../client/helpers/client-fixture.ts';
import { addSubscriber, type RealWorker, startRealWorker } from '../client/helpers/real-worker.ts';

const SOLD = ['212', '305', '415', '646', '718'];
const BOUGHT = ['212', '718'];
const registered = nanpNumbers(SOLD, 30);
/** Registered ones of every area code, free ones of every area code, and of one with no registration. */
const calls = [...nanpNumbers(SOLD, 4), ...nanpNumbers(SOLD, 3, 70), ...nanpNumbers(['999'], 2)].flatMap(
  (e164) => [e164, `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`],
);
const areaCode = (value: string) => value.replace(/\D/g, '').replace(/^1/, '').slice(0, 3);
const isRegistered = (value: string) =>
  registered.includes(`+1${value.replace(/\D/g, '').replace(/^1/, '')}`);

function expected(value: string): string {
  const npa = areaCode(value);
  if (!SOLD.includes(npa)) return 'not_listed';
  if (!BOUGHT.includes(npa)) return 'NOT_ENTITLED';
  return isRegistered(value) ? 'listed' : 'not_listed';
}

let dir: string;
let worker: RealWorker;
let store: FileStore;
let limitedKey: string;
let fullKey: string;
const cli = (args: string[], env: Record<string, string> = {}) => runClientCli(args, { cwd: dir, env });
const key = (name: string) => readFileSync(join(dir, 'keys', name), 'utf8').trim();

async function latestManifest(at: FileStore): Promise<SignedManifest> {
  const pointer = JSON.parse(new TextDecoder().decode((await at.get('latest.json'))!.body)) as {
    pointer: { epoch: string };
  };
  return JSON.parse(
    new TextDecoder().decode((await at.get(`${epochPrefix(pointer.pointer.epoch)}manifest.json`))!.body),
  );
}

beforeAll(async () => {
  dir = tempDir('quietlist-partitions-e2e-');
  expect((await cli(['keygen', '--out', 'keys'])).code).toBe(0);
  // The FTC's files: 10 digits a line.
  writeFileSync(join(dir, 'export.csv'), `phone\n${registered.map((e164) => e164.slice(2)).join('\n')}\n`);
  writeFileSync(join(dir, 'calls.csv'), `phone\n${calls.join('\n')}\n`);
  for (const mode of ['oprf', 'secret']) {
    const build = await cli([
      'build',
      'export.csv',
      '--register',
      'us-dnc',
      '--mode',
      mode,
      '--keys',
      'keys',
      '--store',
      `file://${mode}`,
    ]);
    expect(build.code, build.stderr).toBe(0);
  }
  store = new FileStore(join(dir, 'oprf'));
  worker = await startRealWorker(store, key('signing.pub'), { QUIETLIST_OPRF_KEY: key('oprf.key') });
  limitedKey = await addSubscriber(store, 1_000_000, BOUGHT);
  fullKey = await addSubscriber(store);
}, 120_000);

afterAll(async () => {
  await worker?.close();
  await removeTempDirs();
});

describe('a register sold by area code (us-dnc)', () => {
  it('pull downloads the partitions a key bought, and only those: bytes counted', async () => {
    const { manifest } = await latestManifest(store);
    expect(manifest.partitions!.map((p) => p.id)).toEqual(SOLD);
    const bytesOf = (ids: string[]) =>
      manifest.shards.filter((s) => ids.includes(s.partition!)).reduce((sum, s) => sum + s.bytes, 0);
    const limited = await cli(['pull', '--from', worker.url, '--public-key', 'keys/signing.pub', '--json'], {
      QUIETLIST_API_KEY: limitedKey,
    });
    expect(limited.code, limited.stderr).toBe(0);
    const result = JSON.parse(limited.stdout) as {
      bytesDownloaded: number;
      partitions: string[];
      shards: { total: number };
    };
    expect(result.partitions).toEqual(BOUGHT);
    expect(result.shards.total).toBe(2);
    expect(result.bytesDownloaded).toBe(bytesOf(BOUGHT));
    const installed = readdirSync(join(dir, '.quietlist', 'cache', 'epochs', manifest.epoch, 'p')).sort();
    expect(installed).toEqual(BOUGHT);
    // A partition not bought cannot be asked for; a subset can.
    const more = await cli(
      [
        'pull',
        '--from',
        worker.url,
        '--public-key',
        'keys/signing.pub',
        '--partitions',
        '212,646',
        '--cache',
        'other',
      ],
      { QUIETLIST_API_KEY: limitedKey },
    );
    expect(more.code).toBe(1);
    expect(more.stderr).toMatch(/area code 646 is not in your subscription \(212, 718\)/);
    const full = await cli(
      ['pull', '--from', worker.url, '--public-key', 'keys/signing.pub', '--cache', 'full', '--json'],
      { QUIETLIST_API_KEY: fullKey },
    );
    expect((JSON.parse(full.stdout) as { bytesDownloaded: number }).bytesDownloaded).toBe(bytesOf(SOLD));
    // Without a key, a partitioned list cannot be pulled at all.
    const anonymous = await cli([
      'pull',
      '--from',
      worker.url,
      '--public-key',
      'keys/signing.pub',
      '--cache',
      'anon',
    ]);
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toMatch(/sells this list by partition: pull needs your API key/);
  }, 120_000);

  it("the worker refuses a partition's files and evaluations to a key that did not buy it, charging nothing", async () => {
    const { manifest } = await latestManifest(store);
    const file = `${worker.url}/v1/epochs/${manifest.epoch}/p/646/shard-00000.qlbf`;
    expect((await fetch(file)).status).toBe(401);
    const denied = await fetch(file, { headers: { authorization: `Bearer ${limitedKey}` } });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('PARTITION_NOT_ENTITLED');
    const bought = await fetch(`${worker.url}/v1/epochs/${manifest.epoch}/p/212/shard-00000.qlbf`, {
      headers: { authorization: `Bearer ${limitedKey}` },
    });
    expect(bought.status).toBe(200);
    expect(bought.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');

    const backend = await createOprfBackend({ prefer: 'fast' });
    const utf8 = new TextEncoder();
    const evaluate = (partition: string | undefined, apiKey = limitedKey) => {
      const blinded = backend.blind(
        [utf8.encode(`+1${partition ?? '212'}5550100`)],
        partition ? { info: utf8.encode(partition) } : {},
      );
      return fetch(`${worker.url}/v1/oprf/evaluate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          elements: encodeElements(blinded.blindedElements),
          ...(partition ? { partition } : {}),
        }),
      });
    };
    const first = await evaluate('212');
    expect(first.status).toBe(200);
    const left = Number(first.headers.get('x-quota-remaining-day'));
    const refused = await evaluate('646');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('PARTITION_NOT_ENTITLED');
    expect((await evaluate(undefined)).status).toBe(400); // a partitioned epoch's batch names its partition
    const next = await evaluate('718');
    expect(next.status).toBe(200);
    expect(Number(next.headers.get('x-quota-remaining-day'))).toBe(left - 1); // the refusals cost nothing
    expect((await evaluate('646', fullKey)).status).toBe(200);
  });

  it("a partition's immutable files do not count against the key's rate limit; other requests still do", async () => {
    const { manifest } = await latestManifest(store);
    const tight = await startRealWorker(store, key('signing.pub'), {
      QUIETLIST_OPRF_KEY: key('oprf.key'),
      RATE_LIMIT_REQUESTS: '2',
      RATE_LIMIT_PERIOD_SECONDS: '3600',
    });
    try {
      const headers = { authorization: `Bearer ${limitedKey}` };
      // A subscriber of hundreds of area codes fetches hundreds of these a night: six here, limit two.
      for (let i = 0; i < 3; i++) {
        for (const partition of BOUGHT) {
          const file = await fetch(
            `${tight.url}/v1/epochs/${manifest.epoch}/p/${partition}/shard-00000.qlbf`,
            {
              headers,
            },
          );
          expect(file.status).toBe(200);
          await file.arrayBuffer();
        }
      }
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const entitlement = await fetch(`${tight.url}/v1/entitlement`, { headers });
        statuses.push(entitlement.status);
        await entitlement.arrayBuffer();
      }
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await tight.close();
    }
  });

  it('scrub --worker and check --worker: listed, clean, or NOT_ENTITLED by area code; never a false negative', async () => {
    const env = { QUIETLIST_API_KEY: limitedKey };
    const before = worker.audit.length;
    const scrub = await cli(
      [
        'scrub',
        'calls.csv',
        '--worker',
        worker.url,
        '--mode',
        'flag',
        '--out',
        'flagged.csv',
        '--rejects',
        'rejects.csv',
        '--receipt',
        'receipt.json',
        '--force',
      ],
      env,
    );
    expect(scrub.code, scrub.stderr).toBe(0);
    // The flagged list marks NOT_ENTITLED rows invalid; the rejects file names the reason.
    const rows = parse(readFileSync(join(dir, 'flagged.csv')), { columns: true }) as {
      quietlist_status: string;
    }[];
    const rejects = parse(readFileSync(join(dir, 'rejects.csv')), { columns: true }) as {
      quietlist_row: string;
      quietlist_reason: string;
    }[];
    const reasonOfRow = new Map(
      rejects.map((row) => [Number(row.quietlist_row), row.quietlist_reason.split(':')[0]]),
    );
    const got = rows.map((row, i) =>
      row.quietlist_status === 'invalid' ? reasonOfRow.get(i + 1) : row.quietlist_status,
    );
    expect(got).toEqual(calls.map(expected));
    const receipt = JSON.parse(readFileSync(join(dir, 'receipt.json'), 'utf8')) as {
      partitions: string[];
      invalidByReason: Record<string, number>;
      counts: { listed: number };
    };
    expect(receipt.partitions).toEqual(BOUGHT);
    expect(receipt.invalidByReason.NOT_ENTITLED).toBe(
      calls.filter((value) => expected(value) === 'NOT_ENTITLED').length,
    );
    expect(receipt.counts.listed).toBe(calls.filter((value) => expected(value) === 'listed').length);
    expect(scrub.stdout).toMatch(/partitions held: 212 718; 42 row\(s\) outside them are in the rejects/);
    // Only numbers of the area codes bought were evaluated: 2 × (4 + 3) distinct numbers.
    const evaluated = worker.audit
      .slice(before)
      .filter((entry) => entry.endpoint === 'POST /v1/oprf/evaluate');
    expect(evaluated.reduce((sum, entry) => sum + entry.numbers, 0)).toBe(14);
    expect(evaluated.every((entry) => entry.errorCode === null)).toBe(true);

    const check = await cli(
      ['check', '--worker', worker.url, '--json', calls[0]!, calls[8]!, calls[calls.length - 1]!],
      env,
    );
    expect(check.code).toBe(2); // an invalid (NOT_ENTITLED) answer among them
    const results = (JSON.parse(check.stdout) as { results: { status: string; reason?: string }[] }).results;
    expect(results.map((r) => r.reason ?? r.status)).toEqual(
      [calls[0]!, calls[8]!, calls[calls.length - 1]!].map(expected),
    );
  }, 120_000);

  it('secret mode: POST /v1/check answers NOT_ENTITLED outside the partitions bought', async () => {
    const secretStore = new FileStore(join(dir, 'secret'));
    const secret = await startRealWorker(secretStore, key('signing.pub'), {
      QUIETLIST_HASH_KEY: key('hash.key'),
    });
    try {
      const apiKey = await addSubscriber(secretStore, 1_000_000, BOUGHT);
      const answer = await fetch(`${secret.url}/v1/check`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ numbers: calls }),
      });
      expect(answer.status).toBe(200);
      const results = ((await answer.json()) as { results: { status: string; reason?: string }[] }).results;
      expect(results.map((r) => r.reason ?? r.status)).toEqual(calls.map(expected));
    } finally {
      await secret.close();
    }
  });
});
