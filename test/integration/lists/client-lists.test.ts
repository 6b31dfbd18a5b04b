/**
 * The client side of lists (docs/CLIENT.md, "Lists" and "Live lists"): a call centre pulls the national
 * list and an advertiser's live list from the real API, the advertiser posts an objection, and after
 * the next pull `check` and `scrub --list default,acme` answer it listed and name the list that holds
 * it. A list the key is not entitled to is refused; no number appears in the server's lines or in the
 * CLI's diagnostics.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteSequencer } from '../../../src/api/additions/sqlite-sequencer.ts';
import type { RunningServer } from '../../../src/cli/commands/serve.ts';
import { additionsBatchKey } from '../../../src/core/additions/additions-batch.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import { runClientCli } from '../client/helpers/client-cli.ts';
import { freeNumbers, registeredNumbers, removeTempDirs, tempDir } from '../client/helpers/client-fixture.ts';
import {
  addSubscriber,
  buildList,
  type Deployment,
  newDeployment,
  startListServer,
} from './helpers/deployment.ts';

let deployment: Deployment;
let sequencer: SqliteSequencer;
let server: RunningServer;
const lines: string[] = [];
const national = registeredNumbers(40);
const acmeExport = registeredNumbers(20, 500);
const [objection, refusal, free] = freeNumbers(3, 9000) as [string, string, string];
let centre: string;
let owner: string;
let centreB: string;
let betaOwner: string;
let work: string;

beforeAll(async () => {
  deployment = await newDeployment();
  await buildList(deployment, 'default', { mode: 'open', numbers: national });
  await buildList(deployment, 'acme', { mode: 'open', numbers: acmeExport, live: true });
  await buildList(deployment, 'beta', { mode: 'oprf', numbers: registeredNumbers(10, 700), live: true });
  centre = await addSubscriber(deployment, 'Centre A', { default: {}, acme: {} });
  owner = await addSubscriber(deployment, 'ACME', { acme: { owner: true } });
  centreB = await addSubscriber(deployment, 'Centre B', { default: {}, beta: {} });
  betaOwner = await addSubscriber(deployment, 'Beta', { beta: { owner: true } });
  ({ server, sequencer } = await startListServer(deployment, lines));
  work = tempDir('quietlist-client-lists-');
}, 120_000);

afterAll(async () => {
  await server?.close();
  sequencer?.close();
  await removeTempDirs();
});

const cli = (args: string[], key = centre) =>
  runClientCli(args, { cwd: work, env: { QUIETLIST_API_KEY: key } });
const publicKey = () => toBase64(deployment.signing.publicKey);
const pull = (lists: string) =>
  cli(['pull', '--from', server.url, '--public-key', publicKey(), '--list', lists, '--json']);

async function post(numbers: string[], ttlSeconds?: number): Promise<Response> {
  return fetch(`${server.url}/v1/lists/acme/additions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
    body: JSON.stringify({ numbers, ...(ttlSeconds ? { ttlSeconds } : {}) }),
  });
}

describe('a call centre scrubbing against the national list and an advertiser live list', () => {
  it('pulls each list into its own cache, with the live additions it has so far', async () => {
    const result = await pull('default,acme');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      lists: { list: string; status: string; additions?: { through: number } }[];
    };
    expect(report.lists.map((list) => [list.list, list.status])).toEqual([
      ['default', 'installed'],
      ['acme', 'installed'],
    ]);
    expect(report.lists[0]!.additions).toBeUndefined();
    expect(report.lists[1]!.additions).toMatchObject({ through: 0, entries: 0 });
    const refused = await pull('beta');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/beta/);
  });

  it('answers an objection posted a moment ago listed after the next pull, naming the list', async () => {
    const before = await cli(['check', '--list', 'default,acme', objection]);
    expect(before.stdout).toMatch(/\tnot listed\n/);
    const posted = await post([objection]);
    expect(posted.status).toBe(200);
    const pulled = await pull('acme');
    expect(pulled.code).toBe(0);
    expect(JSON.parse(pulled.stdout).lists[0].additions).toMatchObject({ through: 1, entries: 1 });

    const check = await cli([
      'check',
      '--list',
      'default,acme',
      objection,
      national[0]!,
      acmeExport[0]!,
      free,
    ]);
    expect(check.code).toBe(0);
    const verdicts = check.stdout
      .split('\n')
      .slice(0, 4)
      .map((line) => line.split('\t')[1]);
    expect(verdicts).toEqual([
      'LISTED: do not call (acme)',
      'LISTED: do not call (default)',
      'LISTED: do not call (acme)',
      'not listed',
    ]);
    expect(check.stdout).toMatch(/list acme: epoch \S+, live additions through #1 \(published /);
  });

  it('scrubs a call list against both lists in one pass and says what each list removed', async () => {
    expect((await post([refusal], 60 * 86_400)).status).toBe(200);
    expect((await pull('default,acme')).code).toBe(0);
    const rows = [objection, refusal, national[1]!, national[2]!, acmeExport[1]!, free];
    writeFileSync(join(work, 'calls.csv'), `name,phone\n${rows.map((n, i) => `Row ${i},${n}`).join('\n')}\n`);
    const scrub = await cli([
      'scrub',
      'calls.csv',
      '--list',
      'default,acme',
      '--out',
      'clean.csv',
      '--listed',
      'listed.csv',
      '--receipt',
      'receipt.json',
    ]);
    expect(scrub.code).toBe(0);
    expect(scrub.stdout).toMatch(/rows 6 {2}clean 1 {2}listed 5 {2}invalid 0/);
    expect(scrub.stdout).toMatch(/list default: epoch \S+, 2 row\(s\) listed, no live additions/);
    expect(scrub.stdout).toMatch(/list acme: epoch \S+, 3 row\(s\) listed, live additions through #2/);
    expect(readFileSync(join(work, 'clean.csv'), 'utf8')).toBe(`name,phone\nRow 5,${free}\n`);
    // One receipt naming each list's epoch, the rows it holds and the additions answered with.
    const receipt = JSON.parse(readFileSync(join(work, 'receipt.json'), 'utf8'));
    expect(receipt.lists).toMatchObject([
      { list: 'default', listed: 2, additions: null },
      {
        list: 'acme',
        listed: 3,
        additions: { through: 2, batchSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      },
    ]);
    expect(receipt.lists[0].epoch).toBe(receipt.epoch.id);
    const verified = await cli(['receipt', 'verify', 'receipt.json', '--input', 'calls.csv']);
    expect(verified.stdout, verified.stderr).toMatch(/ok {3}counts and times: rows 6 = listed 5/);
    for (const output of [scrub.stdout, scrub.stderr, lines.join('\n')]) {
      for (const number of [...rows, ...national, ...acmeExport]) expect(output).not.toContain(number);
    }
  });

  it('refuses a live list whose additions were never pulled, rather than answer from the filter alone', async () => {
    rmSync(join(work, '.quietlist/cache/lists/acme/additions.json'));
    const check = await cli(['check', '--list', 'acme', objection]);
    expect(check.code).not.toBe(0);
    expect(check.stderr).toMatch(
      /takes live additions, but none are cached for it: run `quietlist pull` again/,
    );
  });

  it('says the epoch is installed but its additions are not when a batch does not verify', async () => {
    const pointer = JSON.parse(readFileSync(join(deployment.dir, 'store/lists/acme/latest.json'), 'utf8'));
    const batch = join(deployment.dir, 'store/lists/acme', additionsBatchKey(pointer.pointer.epoch, 1));
    const text = readFileSync(batch, 'utf8');
    writeFileSync(
      batch,
      text.replace(/"digests":\["([0-9a-f])/, (_, c: string) => `"digests":["${c === '0' ? '1' : '0'}`),
    );
    try {
      const store = `file://${join(deployment.dir, 'store')}`;
      const result = await cli([
        'pull',
        '--from',
        store,
        '--public-key',
        publicKey(),
        '--list',
        'acme',
        '--cache',
        'from-store',
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /epoch \S+ is installed, but its live additions could not be read: additions batch 1 of epoch \S+: the signature does not verify .*check and scrub refuse this list until a pull reads them/,
      );
      const check = await cli(['check', '--list', 'acme', '--cache', 'from-store', objection]);
      expect(check.stderr).toMatch(/none are cached for it/);
    } finally {
      writeFileSync(batch, text);
    }
  });

  it('lets the owner of an oprf list post objections without the server seeing a number', async () => {
    const [objected] = freeNumbers(1, 9500) as [string];
    const owned = (args: string[]) =>
      runClientCli(args, { cwd: work, env: { QUIETLIST_API_KEY: betaOwner } });
    const pulled = await owned(['pull', '--from', server.url, '--public-key', publicKey(), '--list', 'beta']);
    expect(pulled.code, pulled.stderr).toBe(0);
    const seen = lines.length;
    const added = await owned([
      'additions',
      'add',
      objected,
      '--to',
      server.url,
      '--list',
      'beta',
      '--ttl',
      '60d',
      '--json',
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      list: 'beta',
      sequences: [1],
      through: 1,
      sent: 'digests',
    });
    for (const line of lines.slice(seen)) expect(line).not.toContain(objected);

    const centreCli = (args: string[]) =>
      runClientCli(args, { cwd: work, env: { QUIETLIST_API_KEY: centreB } });
    const refused = await centreCli(['additions', 'add', free, '--to', server.url, '--list', 'beta']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/403 FORBIDDEN: only a key that owns list beta may add to it/);
    const b = ['--cache', 'centre-b'];
    expect(
      (
        await centreCli([
          'pull',
          '--from',
          server.url,
          '--public-key',
          publicKey(),
          '--list',
          'default,beta',
          ...b,
        ])
      ).code,
    ).toBe(0);
    const check = await centreCli([
      'check',
      '--list',
      'default,beta',
      '--worker',
      server.url,
      objected,
      free,
      ...b,
    ]);
    expect(check.code, check.stderr).toBe(0);
    expect(
      check.stdout
        .split('\n')
        .slice(0, 2)
        .map((line) => line.split('\t')[1]),
    ).toEqual(['LISTED: do not call (beta)', 'not listed']);
  });
});
