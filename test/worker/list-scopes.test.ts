/// <reference types="@cloudflare/vitest-plugin/types" />
/**
 * One scope asked of several lists inside workerd (core/scopes/list-scopes.ts; docs/API.md, "One check,
 * several lists"): POST /v1/check with `lists` and `scope` answers a scoped register's list
 * (es-robinson) for the scope and an unscoped objection list for every scope, so a number the
 * objection list holds is listed whatever the scope; each list says what it answered for; a code the
 * scoped list does not declare is 400 INVALID_SCOPE naming the list and the code, and a scope no list
 * declares is refused too.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { R2Store } from '../../src/storage/r2-store.ts';
import { addSubscriber, bearer, putSeed, testApp } from './helpers/fixture.ts';

const seed = inject('workerSeed');
const root = new R2Store(env.STORE);
const settings = {
  QUIETLIST_PUBLIC_KEY: seed.publicKey,
  QUIETLIST_LIST_SEED: seed.listSeed,
  RATE_LIMIT_REQUESTS: '100000',
};
let centre = '';

/** Whether a registration covers a check for (channel, sector), null meaning any: '' opts out of every one. */
function covers(row: { channels: string; sectors: string }, channel: string | null, sector: string | null) {
  const codes = (cell: string) =>
    cell
      .split(/[|,;]/)
      .map((part) => part.trim())
      .filter(Boolean);
  const meets = (cell: string, code: string | null) =>
    codes(cell).length === 0 || code === null || codes(cell).includes(code);
  return meets(row.channels, channel) && meets(row.sectors, sector);
}

beforeAll(async () => {
  await putSeed(root, seed.scopedLists);
  centre = (await addSubscriber(root, {})).key;
  const id = centre.split('_')[1]!;
  const record = JSON.parse(new TextDecoder().decode((await root.get(`subscribers/${id}.json`))!.body));
  const lists = { 'w-robinson': {}, 'w-objections': {} };
  await root.put(`subscribers/${id}.json`, new TextEncoder().encode(JSON.stringify({ ...record, lists })));
});

async function check(body: unknown) {
  const response = await testApp(root, settings).app.request('/v1/check', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(centre) },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      results: { status: string; lists: string[] }[];
      lists: { list: string; scope?: unknown }[];
      error: { code: string; message: string };
    },
  };
}

describe('a scope asked of a scoped list and an unscoped one (workerd)', () => {
  it('applies the scope to the scoped list; the unscoped list answers in every scope', async () => {
    const robinson = seed.listRobinson;
    const objections = new Set(seed.listObjections);
    const numbers = [...robinson.map((row) => row.phone), ...seed.listObjections.slice(20)];
    const scopes: { channel?: string; sector?: string }[] = [
      { channel: 'call', sector: 'insurance' },
      { channel: 'post', sector: 'retail' },
      { channel: 'sms' },
      {},
    ];
    for (const scope of scopes) {
      const channel = scope.channel ?? null;
      const sector = scope.sector ?? null;
      const answer = await check({ numbers, lists: ['w-robinson', 'w-objections'], scope });
      expect(answer.status).toBe(200);
      expect(answer.body.results).toEqual(
        numbers.map((number) => {
          const row = robinson.find((r) => r.phone === number);
          const holding = [
            ...(row && covers(row, channel, sector) ? ['w-robinson'] : []),
            ...(objections.has(number) ? ['w-objections'] : []),
          ];
          return { status: holding.length > 0 ? 'listed' : 'not_listed', lists: holding };
        }),
      );
      // The objection list's numbers: all listed, whatever the scope.
      for (const [i, number] of numbers.entries())
        if (objections.has(number)) expect(answer.body.results[i]!.status).toBe('listed');
      expect(answer.body.lists.map((list) => [list.list, list.scope])).toEqual([
        ['w-robinson', { channel, sector }],
        ['w-objections', undefined],
      ]);
    }
  });

  it('refuses a code the scoped list does not declare, naming it, and a scope no list declares', async () => {
    const number = seed.listObjections[0]!;
    const unknown = await check({
      numbers: [number],
      lists: ['w-objections', 'w-robinson'],
      scope: { sector: 'gambling' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toEqual({
      code: 'INVALID_SCOPE',
      message: `list w-robinson: sector "gambling" is not one of Lista Robinson (es-robinson)'s: energy, telecoms, finance, insurance, retail, travel, automotive, media, education, health, charity (or any)`,
    });
    const none = await check({ numbers: [number], lists: ['w-objections'], scope: { channel: 'call' } });
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('INVALID_SCOPE');
  });
});
