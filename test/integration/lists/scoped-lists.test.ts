/**
 * A scope asked of several lists (core/scopes/list-scopes.ts; docs/API.md, "One check, several
 * lists"): a call centre calls for an insurer about insurance, against Spain's Lista Robinson (channels
 * and sectors) and the insurer's own live objection list (no scopes: "never call me"). The scope
 * applies to the Robinson list; the objection list answers for every scope, so a number it holds is
 * listed whatever the scope (a false negative would be a violation); a code the Robinson list does not
 * declare is an error naming the list and the code. The same answers from the real `serve` over HTTP,
 * `check --store --list` (the store's live additions included), `check --list` from the pulled caches
 * and `scrub --list`, whose receipt names the scope each list answered for. No number reaches a
 * server line or a diagnostic.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteSequencer } from '../../../src/api/additions/sqlite-sequencer.ts';
import type { RunningServer } from '../../../src/cli/commands/serve.ts';
import { toBase64 } from '../../../src/core/encoding/base64.ts';
import {
  ES_RULES,
  recordsOf,
  robinsonRows,
  rowCovers,
  spanishNumbers,
} from '../../helpers/register-fixtures.ts';
import { runClientCli } from '../client/helpers/client-cli.ts';
import { removeTempDirs, tempDir } from '../client/helpers/client-fixture.ts';
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
const numbers = spanishNumbers(130, 77);
/** Lista Robinson: registrations of every shape (one channel, some sectors, everything…). */
const robinson = robinsonRows(numbers.slice(0, 80));
/** The insurer's objections: 20 also in Robinson for narrower scopes, 20 only here. */
const objections = numbers.slice(60, 100);
/** Posted live to the objection list after the build (not in Robinson). */
const live = numbers[100]!;
/** In no list. */
const free = numbers.slice(110, 130);
/** A secret-mode list (keys derived from the list seed): only the operator checks it from the store. */
const vault = numbers.slice(120, 125);
let centre: string;
let owner: string;
let work: string;

const SCOPES = [
  { channel: 'call', sector: 'insurance' },
  { channel: 'sms', sector: 'travel' },
  { channel: 'email', sector: 'energy' },
  {},
] as const;
const asked = (scope: { channel?: string; sector?: string }) => ({
  channel: scope.channel ?? null,
  sector: scope.sector ?? null,
});

/** What a number must answer for a scope: listed by the objections whatever it, by Robinson where it covers it. */
function expected(number: string, scope: { channel?: string; sector?: string }, withLive: boolean) {
  const inObjections = objections.includes(number) || (withLive && number === live);
  const row = robinson.find((r) => r.phone === number);
  const inRobinson = row ? rowCovers(row, scope.channel ?? null, scope.sector ?? null) : false;
  const holding = [...(inRobinson ? ['robinson'] : []), ...(inObjections ? ['objections'] : [])];
  return holding.length > 0 ? { status: 'listed', lists: holding } : { status: 'not_listed', lists: [] };
}

const checked = [...numbers.slice(0, 101), ...free.slice(0, 10)];

beforeAll(async () => {
  deployment = await newDeployment();
  await buildList(deployment, 'robinson', {
    mode: 'open',
    numbers: [],
    region: 'ES',
    register: ES_RULES,
    rows: recordsOf(robinson),
  });
  await buildList(deployment, 'objections', { mode: 'open', numbers: objections, region: 'ES', live: true });
  await buildList(deployment, 'vault', { mode: 'secret', numbers: vault, region: 'ES' });
  centre = await addSubscriber(deployment, 'Centro', { robinson: {}, objections: {} });
  owner = await addSubscriber(deployment, 'Aseguradora', { objections: { owner: true } });
  ({ server, sequencer } = await startListServer(deployment, lines));
  work = tempDir('quietlist-scoped-lists-');
}, 120_000);

afterAll(async () => {
  await server?.close();
  sequencer?.close();
  await removeTempDirs();
});

const cli = (args: string[]) => runClientCli(args, { cwd: work, env: { QUIETLIST_API_KEY: centre } });
const publicKey = () => toBase64(deployment.signing.publicKey);
const scopeFlags = (scope: { channel?: string; sector?: string }) => [
  ...(scope.channel ? ['--channel', scope.channel] : []),
  ...(scope.sector ? ['--sector', scope.sector] : []),
];

/** The owner posts the live objection once (each test may be run alone). */
let posted: Promise<void> | undefined;
function postLive(): Promise<void> {
  posted ??= fetch(`${server.url}/v1/lists/objections/additions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
    body: JSON.stringify({ numbers: [live] }),
  }).then((response) => expect(response.status).toBe(200));
  return posted;
}

async function check(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/v1/check`, {
    method: 'POST',
    headers: { authorization: `Bearer ${centre}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

type CheckBody = {
  results: { status: string; lists: string[] }[];
  lists: { list: string; scope?: unknown; results: unknown[] }[];
};

describe('a scope asked of a scoped register and an unscoped objection list', () => {
  it('POST /v1/check (serve): the scope applies to Robinson, the objection list answers in every scope', async () => {
    for (const withLive of [false, true]) {
      if (withLive) await postLive();
      for (const scope of SCOPES) {
        const answer = await check({ numbers: checked, lists: ['robinson', 'objections'], scope });
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        const body = answer.body as unknown as CheckBody;
        expect(body.results).toEqual(checked.map((number) => expected(number, scope, withLive)));
        // Each list says what it answered for: Robinson the scope, the objection list none (every one).
        expect(body.lists.map((list) => [list.list, list.scope])).toEqual([
          ['robinson', asked(scope)],
          ['objections', undefined],
        ]);
      }
    }
    // The objection list's 40 numbers and the live one: listed for a scope Robinson registrations avoid.
    const narrow = await check({
      numbers: [...objections, live],
      lists: ['objections', 'robinson'],
      scope: { channel: 'post', sector: 'retail' },
    });
    expect((narrow.body as unknown as CheckBody).results.every((r) => r.status === 'listed')).toBe(true);
    for (const line of lines) for (const number of numbers) expect(line).not.toContain(number);
  });

  it('refuses a code Robinson does not declare, naming the list and the code, and a scope no list answers', async () => {
    const unknown = await check({
      numbers: [objections[0]],
      lists: ['objections', 'robinson'],
      scope: { channel: 'fax' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({
      error: {
        code: 'INVALID_SCOPE',
        message: `list robinson: channel "fax" is not one of Lista Robinson (es-robinson)'s: call, sms, email, post (or any)`,
      },
    });
    // A code that could hold digits is not repeated.
    const digits = await check({
      numbers: [objections[0]],
      lists: ['robinson', 'objections'],
      scope: { sector: 'x612345678' },
    });
    expect(digits.status).toBe(400);
    expect((digits.body.error as { message: string }).message).toMatch(
      /^list robinson: that sector is not one of Lista Robinson \(es-robinson\)'s: /,
    );
    const unscoped = await check({
      numbers: [objections[0]],
      lists: ['objections'],
      scope: { channel: 'call' },
    });
    expect(unscoped.status).toBe(400);
    expect(unscoped.body).toMatchObject({ error: { code: 'INVALID_SCOPE' } });
  });

  it('check --store --list: the same answers from the store, live additions and derived keys included', async () => {
    await postLive();
    const seed = join(work, 'list-seed.key');
    writeFileSync(seed, toBase64(deployment.listSeed));
    const store = `file://${join(deployment.dir, 'store')}`;
    for (const scope of SCOPES) {
      const result = await cli([
        'check',
        '--store',
        store,
        '--public-key',
        publicKey(),
        '--list-seed',
        seed,
        '--list',
        'robinson,objections,vault',
        ...scopeFlags(scope),
        '--json',
        ...checked,
        vault[0]!,
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const output = JSON.parse(result.stdout) as {
        results: { status: string; lists?: string[] }[];
        lists: { list: string; scope?: unknown; additions: { through: number } | null }[];
      };
      expect(output.results.map(({ status, lists }) => ({ status, lists: lists ?? [] }))).toEqual([
        ...checked.map((number) => expected(number, scope, true)),
        { status: 'listed', lists: ['vault'] },
      ]);
      expect(output.lists.map((list) => [list.list, list.scope, list.additions?.through ?? null])).toEqual([
        ['robinson', asked(scope), null],
        ['objections', undefined, 1],
        ['vault', undefined, null],
      ]);
    }
    const unknown = await cli([
      'check',
      '--store',
      store,
      '--public-key',
      publicKey(),
      '--list',
      'objections,robinson',
      '--sector',
      'gambling',
      objections[0]!,
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/list robinson: sector "gambling" is not one of Lista Robinson/);
  });

  it('check --online --list: the worker answers every list in one request, the same as the store', async () => {
    await postLive();
    for (const scope of SCOPES) {
      const result = await cli([
        'check',
        '--online',
        server.url,
        '--list',
        'robinson,objections',
        ...scopeFlags(scope),
        '--json',
        ...checked,
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const output = JSON.parse(result.stdout) as {
        results: { status: string; lists?: string[] }[];
        lists: { list: string; scope?: unknown; additions: { through: number } | null }[];
      };
      expect(output.results.map(({ status, lists }) => ({ status, lists: lists ?? [] }))).toEqual(
        checked.map((number) => expected(number, scope, true)),
      );
      expect(output.lists.map((list) => [list.list, list.scope, list.additions?.through ?? null])).toEqual([
        ['robinson', asked(scope), null],
        ['objections', undefined, 1],
      ]);
    }
    // In words: each listed number names its lists, then one line per list.
    const text = await cli([
      'check',
      '--online',
      server.url,
      '--list',
      'objections,robinson',
      live,
      free[0]!,
    ]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n').slice(0, 2)).toEqual([
      `${live}\tLISTED: do not call (objections)`,
      `${free[0]}\tnot listed`,
    ]);
    expect(text.stdout).toMatch(/^list objections: epoch \S+, live additions through #1 /m);
    expect(text.stdout).toMatch(
      /^list robinson: epoch \S+, checked for any channel and any sector, no live additions$/m,
    );
    // A list the key may not use is the worker's 403, said in one line.
    const vaultCheck = await cli(['check', '--online', server.url, '--list', 'objections,vault', live]);
    expect(vaultCheck.code).not.toBe(0);
    expect(vaultCheck.stderr.trim().split('\n')).toHaveLength(1);
    expect(vaultCheck.stderr).toMatch(/vault/);
    for (const line of lines) for (const number of numbers) expect(line).not.toContain(number);
  });

  it('check --list and scrub --list from the pulled caches, the receipt naming each list scope', async () => {
    await postLive();
    const pulled = await cli([
      'pull',
      '--from',
      server.url,
      '--public-key',
      publicKey(),
      '--list',
      'robinson,objections',
    ]);
    expect(pulled.code, pulled.stderr).toBe(0);
    const scope = { channel: 'call', sector: 'insurance' };
    const result = await cli([
      'check',
      '--list',
      'robinson,objections',
      ...scopeFlags(scope),
      '--json',
      ...checked,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as { results: { status: string; lists?: string[] }[] };
    expect(output.results.map(({ status, lists }) => ({ status, lists: lists ?? [] }))).toEqual(
      checked.map((number) => expected(number, scope, true)),
    );
    const text = await cli(['check', '--list', 'robinson,objections', ...scopeFlags(scope), live]);
    expect(text.stdout).toMatch(/\tLISTED: do not call \(objections\)\n/);
    expect(text.stdout).toMatch(
      /list robinson: epoch \S+, checked for channel call, sector insurance, no live additions\n/,
    );

    writeFileSync(join(work, 'calls.csv'), `id,phone\n${checked.map((n, i) => `${i},${n}`).join('\n')}\n`);
    const scrub = await cli([
      'scrub',
      'calls.csv',
      '--list',
      'objections,robinson',
      ...scopeFlags(scope),
      '--out',
      'clean.csv',
      '--receipt',
      'receipt.json',
    ]);
    expect(scrub.code, scrub.stderr).toBe(0);
    const listed = checked.filter((number) => expected(number, scope, true).status === 'listed');
    expect(scrub.stdout).toContain(`listed ${listed.length}  invalid 0`);
    expect(scrub.stdout).toMatch(
      /list robinson: epoch \S+, checked for channel call, sector insurance, \d+ row\(s\) listed/,
    );
    const clean = readFileSync(join(work, 'clean.csv'), 'utf8');
    for (const number of listed) expect(clean).not.toContain(number);
    const receipt = JSON.parse(readFileSync(join(work, 'receipt.json'), 'utf8'));
    expect(receipt.scope).toBeUndefined(); // the embedded epoch (the objection list's) has no scopes
    expect(receipt.lists.map((list: { list: string; scope?: unknown }) => [list.list, list.scope])).toEqual([
      ['objections', undefined],
      ['robinson', { channel: 'call', sector: 'insurance' }],
    ]);
    const verified = await cli([
      'receipt',
      'verify',
      'receipt.json',
      '--input',
      'calls.csv',
      '--public-key',
      publicKey(),
    ]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);

    const refused = await cli([
      'scrub',
      'calls.csv',
      '--list',
      'objections,robinson',
      '--channel',
      'fax',
      '--out',
      'clean2.csv',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/list robinson: channel "fax" is not one of Lista Robinson/);
    for (const output of [scrub.stderr, refused.stderr, pulled.stderr, ...lines]) {
      for (const number of numbers) expect(output).not.toContain(number);
    }
  });
});
