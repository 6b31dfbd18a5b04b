/**
 * Overseas numbers of the French plan, registered in national spelling ("0692 …") and checked in
 * every spelling a CRM holds ("+262 692 …", "00262…", "262…", "+33 6 92 …"), through every entry
 * point: `check --store`, `POST /v1/check`, `pull` + `scrub`, `check` on the cache, and the oprf flow.
 * A registered number answered free here is the failure the law does not forgive. The numbers are
 * generated from the metadata's ranges and never printed: failures name indexes and spellings.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber } from '../../../scripts/fictional-numbers.ts';
import { FileStore } from '../../../src/storage/file-store.ts';
import { type OverseasNumber, overseasNumbers, overseasSpellings } from '../../helpers/overseas-numbers.ts';
import { runClientCli } from '../client/helpers/client-cli.ts';
import { removeTempDirs, tempDir } from '../client/helpers/client-fixture.ts';
import { addSubscriber, type RealWorker, startRealWorker } from '../client/helpers/real-worker.ts';

afterAll(removeTempDirs);

const REGISTERED = overseasNumbers(60, 8_001);
const FREE = overseasNumbers(120, 9_001).filter((n) => !REGISTERED.some((r) => r.e164 === n.e164));
const METROPOLITAN = Array.from({ length: 10 }, (_, i) => fictionalNumber(i * 2));
/** A UK number in a French registry's export: outside its plan. */
const FOREIGN = '+44 7700 900123';

let dir: string;
let worker: RealWorker;
let oprfWorker: RealWorker;
let apiKey: string;
let oprfApiKey: string;
const cli = (args: string[], env: Record<string, string> = {}) => runClientCli(args, { cwd: dir, env });

/** Every (number index, spelling name, raw value) to check: the international spellings a CRM writes. */
function probes(numbers: OverseasNumber[]): { id: string; raw: string }[] {
  return numbers.flatMap((number, i) =>
    Object.entries(overseasSpellings(number))
      .filter(([name]) => name !== 'national')
      .map(([name, raw]) => ({ id: `#${i} ${number.region} ${name}`, raw })),
  );
}

function statusesOf(stdout: string): string[] {
  return (JSON.parse(stdout) as { results: { status: string }[] }).results.map((result) => result.status);
}

/** The probes whose answer differs from `expected`, by id (never the number). */
function wrong(list: { id: string }[], statuses: string[], expected: string): string[] {
  return list.filter((_, i) => statuses[i] !== expected).map((probe) => probe.id);
}

beforeAll(async () => {
  dir = tempDir('quietlist-overseas-');
  expect((await cli(['keygen', '--out', 'keys'])).code).toBe(0);
  const rows = ['Téléphone;inscription'];
  for (const number of REGISTERED) rows.push(`${overseasSpellings(number).national};2026-11-01`);
  for (const e164 of METROPOLITAN) rows.push(`0${e164.slice(3)};2026-11-01`);
  rows.push(`${FOREIGN};2026-11-01`);
  writeFileSync(join(dir, 'registry.csv'), `${rows.join('\n')}\n`);
  const common = [
    'registry.csv',
    '--column',
    'Téléphone',
    '--keys',
    'keys',
    '--register',
    'fr-bloctel',
    '--date-column',
    'inscription',
    '--reference-date',
    '2026-12-01',
    '--max-reject-rate',
    '0.05',
  ];
  const open = await cli(['build', ...common, '--mode', 'open', '--store', 'file://open', '--json']);
  expect(open.code, open.stderr).toBe(0);
  const summary = JSON.parse(open.stdout);
  expect(summary.counts.accepted).toBe(REGISTERED.length + METROPOLITAN.length);
  expect(summary.counts.otherPlanCodes).toBe(REGISTERED.length);
  expect(summary.rejectReasons).toEqual({ "outside the registry's numbering plan": 1 });
  const oprf = await cli([
    'build',
    ...common,
    '--mode',
    'oprf',
    '--store',
    'file://oprf',
    '--oprf-state',
    'state',
  ]);
  expect(oprf.code, oprf.stderr).toBe(0);
  const publicKey = readFileSync(join(dir, 'keys', 'signing.pub'), 'utf8').trim();
  const openStore = new FileStore(join(dir, 'open'));
  worker = await startRealWorker(openStore, publicKey);
  apiKey = await addSubscriber(openStore);
  const oprfStore = new FileStore(join(dir, 'oprf'));
  oprfWorker = await startRealWorker(oprfStore, publicKey, {
    QUIETLIST_OPRF_KEY: readFileSync(join(dir, 'keys', 'oprf.key'), 'utf8').trim(),
  });
  oprfApiKey = await addSubscriber(oprfStore);
});

afterAll(async () => {
  await worker?.close();
  await oprfWorker?.close();
});

describe('overseas numbers registered nationally, checked internationally', () => {
  const listed = probes(REGISTERED);
  const free = probes(FREE);

  it('check --store (the operator) lists every spelling, and no free number', async () => {
    const store = ['check', '--store', 'file://open', '--keys', 'keys', '--json'];
    const registered = await cli([...store, ...listed.map((probe) => probe.raw)]);
    expect(registered.code, registered.stderr).toBe(0);
    expect(wrong(listed, statusesOf(registered.stdout), 'listed')).toEqual([]);
    const others = await cli([...store, ...free.map((probe) => probe.raw), FOREIGN]);
    expect(wrong([...free, { id: 'foreign' }], statusesOf(others.stdout), 'not_listed')).toEqual([]);
  });

  it('POST /v1/check lists every spelling', async () => {
    const response = await fetch(`${worker.url}/v1/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ numbers: listed.map((probe) => probe.raw) }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: { status: string }[] };
    expect(
      wrong(
        listed,
        body.results.map((result) => result.status),
        'listed',
      ),
    ).toEqual([]);
  });

  it('pull + scrub drops every spelling; check on the cache agrees', async () => {
    const pulled = await cli(['pull', '--from', worker.url, '--public-key', 'keys/signing.pub']);
    expect(pulled.code, pulled.stderr).toBe(0);
    const rows = [
      'id;phone',
      ...listed.map((probe, i) => `L${i};${probe.raw}`),
      ...free.map((p, i) => `F${i};${p.raw}`),
    ];
    writeFileSync(join(dir, 'calls.csv'), `${rows.join('\n')}\n`);
    const scrub = await cli([
      'scrub',
      'calls.csv',
      '--column',
      'phone',
      '--out',
      'clean.csv',
      '--listed',
      'listed.csv',
    ]);
    expect(scrub.code, scrub.stderr).toBe(0);
    const idsIn = (file: string) =>
      readFileSync(join(dir, file), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(';')[0]!);
    const dropped = new Set(idsIn('listed.csv'));
    expect(listed.filter((_, i) => !dropped.has(`L${i}`)).map((probe) => probe.id)).toEqual([]);
    expect(idsIn('clean.csv').filter((id) => id.startsWith('L'))).toEqual([]);
    const cached = await cli(['check', '--json', ...listed.map((probe) => probe.raw)]);
    expect(wrong(listed, statusesOf(cached.stdout), 'listed')).toEqual([]);
  });

  it('the oprf flow (blinded evaluations) lists every spelling and shows the worker no number', async () => {
    const sample = listed.filter((_, i) => i % 3 === 0);
    const checked = await cli(
      ['check', '--worker', oprfWorker.url, '--json', ...sample.map((probe) => probe.raw)],
      {
        QUIETLIST_API_KEY: oprfApiKey,
      },
    );
    expect(checked.code, checked.stderr).toBe(0);
    expect(wrong(sample, statusesOf(checked.stdout), 'listed')).toEqual([]);
    const seen = JSON.stringify(oprfWorker.audit);
    expect(REGISTERED.filter((number) => seen.includes(number.national)).length).toBe(0);
  });
});
