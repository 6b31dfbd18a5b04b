/**
 * Lists end to end (issue: every company's own objection list), over a real server and the real CLI:
 * three lists in one deployment (a national register and two advertisers' live objection lists), two
 * call centres entitled to different lists (each refused the other's: 403 FORBIDDEN), an objection
 * posted while a scrub runs (the scrub answers with the additions it opened, and its receipt names that
 * head; the next pull answers the objection), several phone columns scrubbed against several lists,
 * expiries (`additions add --ttl`), and three builds folding the additions with expiries in between.
 * No synthetic number appears in any line the server writes (audit lines and logs).
 *
 * The server and the builds run on a clock a day behind the wall clock that the test moves forward
 * (helpers/lagging-clock.ts): an objection with a TTL of an hour is answered before its expiry however
 * slow the machine, and after it as soon as the clock jumps past it, with no sleep; the CLI's processes,
 * on the wall clock, are past every expiry the server has passed.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteSequencer } from '../../../src/api/additions/sqlite-sequencer.ts';
import type { RunningServer } from '../../../src/cli/commands/serve.ts';
import { scrub } from '../../../src/client/scrub/scrub.ts';
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
import { LaggingClock } from './helpers/lagging-clock.ts';

let deployment: Deployment;
let sequencer: SqliteSequencer;
let server: RunningServer;
const lines: string[] = [];
const national = registeredNumbers(40);
const acmeExport = registeredNumbers(20, 500);
const betaExport = registeredNumbers(20, 800);
const keys: Record<'centreA' | 'centreB' | 'acme' | 'beta', string> = {} as never;
/** Every number the test sends anywhere: none may appear in the server's lines. */
const used = new Set<string>([...national, ...acmeExport, ...betaExport]);
const numbers = (count: number, from: number) => {
  const made = freeNumbers(count, from);
  for (const number of made) used.add(number);
  return made;
};
let work: string;
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** The server's and the builds' clock: a day behind the wall clock, moved forward by the test. */
const clock = new LaggingClock(24 * HOUR);
const build = (list: string, numbers: string[], live = true) =>
  buildList(deployment, list, { mode: 'open', numbers, live, now: clock.date() });

beforeAll(async () => {
  deployment = await newDeployment();
  await build('default', national, false);
  await build('acme', acmeExport);
  await build('beta', betaExport);
  keys.centreA = await addSubscriber(deployment, 'Centre A', { default: {}, acme: {} });
  keys.centreB = await addSubscriber(deployment, 'Centre B', { default: {}, beta: {} });
  keys.acme = await addSubscriber(deployment, 'ACME', { acme: { owner: true } });
  keys.beta = await addSubscriber(deployment, 'Beta', { beta: { owner: true } });
  ({ server, sequencer } = await startListServer(deployment, lines, clock.now));
  work = tempDir('quietlist-lists-e2e-');
}, 120_000);

afterAll(async () => {
  await server?.close();
  sequencer?.close();
  await removeTempDirs();
});

const cli = (args: string[], key: string) =>
  runClientCli(args, { cwd: work, env: { QUIETLIST_API_KEY: key } });
const pull = (lists: string, key = keys.centreA) =>
  cli(
    ['pull', '--from', server.url, '--public-key', toBase64(deployment.signing.publicKey), '--list', lists],
    key,
  );
const add = (list: 'acme' | 'beta', number: string, ttl: string) =>
  cli(['additions', 'add', number, '--to', server.url, '--list', list, '--ttl', ttl], keys[list]);

interface CheckAnswer {
  results: { status: string }[];
  error?: { code: string };
}

async function check(key: string, body: unknown, list?: string) {
  const response = await fetch(`${server.url}${list ? `/v1/lists/${list}` : '/v1'}/check`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as CheckAnswer };
}
/** POST /v1/lists/acme/check as centre A: each number's status. */
const acmeStatuses = async (values: string[]) =>
  (await check(keys.centreA, { numbers: values }, 'acme')).body.results.map(
    (r: { status: string }) => r.status,
  );

describe('three lists, two call centres, live objections', () => {
  it("refuses each call centre the other's list (403 FORBIDDEN), on every path", async () => {
    for (const [key, other] of [
      [keys.centreA, 'beta'],
      [keys.centreB, 'acme'],
    ] as const) {
      const single = await check(key, { numbers: [national[0]] }, other);
      expect(single).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
      const several = await check(key, { numbers: [national[0]], lists: ['default', other] });
      expect(several).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
      const pulled = await pull(`default,${other}`, key);
      expect(pulled.code).not.toBe(0);
      expect(pulled.stderr).toMatch(new RegExp(`may not use list ${other}`));
    }
    expect((await check(keys.centreB, { numbers: [betaExport[0]] }, 'beta')).body.results[0]!.status).toBe(
      'listed',
    );
    expect((await pull('default,acme')).code).toBe(0);
  });

  it('scrubs several phone columns against several lists; an objection posted during the scrub waits for the next pull, and the receipt names the head it answered with', async () => {
    const [during, other] = numbers(2, 30_000) as [string, string];
    const filler = numbers(300, 31_000);
    const head = 'name,mobile,phone\n';
    const rows = [
      `National,${national[1]},${other}`,
      `Acme,${other},${acmeExport[1]}`,
      `Both,${national[2]},${acmeExport[2]}`,
      ...filler.map((number, i) => `Filler ${i},${number},`),
    ];
    const last = `During,${during},${other}\n`;
    let posted = false;
    const run = () =>
      scrub({
        cacheDirectory: join(work, '.quietlist/cache'),
        lists: ['default', 'acme'],
        input: (async function* () {
          yield Buffer.from(`${head}${rows.join('\n')}\n`);
          // The scrub has opened its lists: the owner objects now, before the last row is read.
          if (!posted) {
            posted = true;
            const added = await add('acme', during, '60d');
            expect(added.code, added.stderr).toBe(0);
          }
          yield Buffer.from(last);
        })(),
        inputName: 'calls.csv',
        threads: 0,
        outputs: { clean: { path: join(work, `clean-${Date.now()}.csv`) } },
      });
    const first = await run();
    expect(first.result.counts).toMatchObject({ rows: rows.length + 1, listed: 3 });
    // The scrub answered with the additions it opened (none yet); the receipt says so.
    const acme = (report: Awaited<ReturnType<typeof scrub>>) =>
      report.receipt!.lists!.find((l) => l.list === 'acme')!;
    expect(acme(first)).toMatchObject({ listed: 2, additions: { through: 0 } });
    expect(first.receipt!.lists!.find((l) => l.list === 'default')).toMatchObject({ listed: 2 });
    // The online check answers it at once; the next pull brings it to the local scrub.
    expect(await acmeStatuses([during])).toEqual(['listed']);
    expect((await pull('default,acme')).code).toBe(0);
    const second = await run();
    expect(second.result.counts).toMatchObject({ listed: 4 });
    expect(acme(second)).toMatchObject({ listed: 3, additions: { through: 1 } });
  });

  it('lets an objection expire (--ttl) and folds the additions into three builds, expired ones gone', async () => {
    const [short, long, later, shortLater] = numbers(4, 40_000) as [string, string, string, string];
    expect((await add('acme', short, '1h')).code).toBe(0);
    expect((await add('acme', long, '60d')).code).toBe(0);
    expect(await acmeStatuses([short, long])).toEqual(['listed', 'listed']);
    clock.advance(HOUR + MINUTE);
    expect(await acmeStatuses([short, long])).toEqual(['not_listed', 'listed']);
    // The call centre's pulled copy drops it too.
    expect((await pull('default,acme')).code).toBe(0);
    const local = await cli(['check', '--list', 'default,acme', short, long], keys.centreA);
    expect(
      local.stdout
        .split('\n')
        .map((line) => line.split('\t')[1])
        .slice(0, 2),
    ).toEqual(['not listed', 'LISTED: do not call (acme)']);

    // Build 1 folds the unexpired (the mid-scrub objection and `long`), drops `short`.
    const first = await build('acme', acmeExport);
    expect(first.additions).toMatchObject({ folded: 2, expired: 1 });
    clock.advance(SECOND);
    expect((await add('acme', shortLater, '1h')).code).toBe(0);
    expect((await add('acme', later, '60d')).code).toBe(0);
    expect(await acmeStatuses([shortLater, later])).toEqual(['listed', 'listed']);
    clock.advance(HOUR + MINUTE);
    const second = await build('acme', acmeExport);
    expect(second.additions).toMatchObject({ folded: 3, expired: 1 });
    clock.advance(SECOND);
    const third = await build('acme', acmeExport);
    expect(third.additions).toMatchObject({ folded: 3, expired: 0 });

    const unexpired = [long, later, ...acmeExport.slice(0, 3)];
    const expired = [short, shortLater];
    expect(await acmeStatuses([...unexpired, ...expired])).toEqual([
      ...unexpired.map(() => 'listed'),
      ...expired.map(() => 'not_listed'),
    ]);
    expect((await pull('default,acme')).code).toBe(0);
    const folded = await cli(['check', '--list', 'acme', ...unexpired, ...expired], keys.centreA);
    expect(
      folded.stdout
        .split('\n')
        .slice(0, unexpired.length + expired.length)
        .map((line) => line.split('\t')[1]),
    ).toEqual([...unexpired.map(() => 'LISTED: do not call'), ...expired.map(() => 'not listed')]);
  });

  it('writes no number in any server line', () => {
    expect(lines.length).toBeGreaterThan(20);
    const text = lines.join('\n');
    for (const number of used) {
      expect(text).not.toContain(number);
      expect(text).not.toContain(number.slice(1)); // without the "+"
      expect(text).not.toContain(`0${number.slice(3)}`); // the national spelling
    }
  });
});
