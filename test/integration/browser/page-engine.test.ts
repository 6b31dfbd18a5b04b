/**
 * The scrub page's engine (src/page/web-worker, run here in Node without a browser) against the CLI's `scrub`
 * on the same epoch and the same files: the epoch downloaded and verified from `quietlist serve` by
 * page/web-worker/epoch-download.ts, then clean, listed and rejects byte for byte what the CLI writes, and the same
 * counts, for every encoding and dialect the CLI reads, with cells a spreadsheet would run as formulas
 * passed as they came or neutralised (excel-safe: the page's default, the CLI's --excel-safe) alike. A
 * tampered shard is refused, and a lying server's 400 MiB pointer, key retirement record or manifest is
 * cut at its limit (client/http/download-limits.ts) and refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiConfig } from '../../../src/api/config.ts';
import { MemoryQuotaCounter } from '../../../src/api/quota/memory.ts';
import { type RunningServer, startApiServer } from '../../../src/cli/commands/serve.ts';
import { downloadEpoch, type VerifiedEpoch } from '../../../src/page/web-worker/epoch-download.ts';
import { inspectFile, scrubFile } from '../../../src/page/web-worker/scrub.ts';
import { startFaultProxy } from '../../helpers/fault-proxy.ts';
import { freeNumbers, registeredNumbers, removeTempDirs } from '../client/helpers/client-fixture.ts';
import { type ScrubHarness, scrubHarness } from '../client/helpers/scrub-harness.ts';

const registered = registeredNumbers(300);
const free = freeNumbers(30);
const national = (e164: string) => `0${e164.slice(3)}`.replace(/(\d{2})(?=\d)/g, '$1 ');
let harness: ScrubHarness;
let server: RunningServer;
let epoch: VerifiedEpoch;

beforeAll(async () => {
  harness = await scrubHarness(registered);
  server = await startApiServer(
    {
      store: harness.operator.store,
      config: parseApiConfig({ QUIETLIST_PUBLIC_KEY: harness.operator.publicKeyBase64 }),
      audit: () => {},
      quotas: new MemoryQuotaCounter(),
    },
    { port: 0, host: '127.0.0.1' },
  );
  epoch = await downloadEpoch({ origin: server.url, publicKey: harness.operator.keys.signingKeys.publicKey });
});

afterAll(async () => {
  await server?.close();
  await removeTempDirs();
});

function rows(): string[][] {
  return [
    ['Dupont', national(registered[0]!), 'Créteil'],
    ['Martin', free[0]!, 'Évry, "centre"'],
    ['Lefèvre', `00${registered[1]!.slice(1)}`, 'Sèvres\nBas'],
    ['Garçon', '3,37672E+10', "=cmd|' /C calc'!A0"],
    ['', '', ''],
    ['Zoé', registered[2]!.replace('+33', '+33 (0)'), 'Sète'],
    ['Noël', 'inconnu', '@SUM(1+1)'],
    ['Anaïs', national(free[1]!).replace(/ /g, '.'), 'Orléans'],
  ];
}

function csvText(delimiter: string, eol: string): string {
  const quote = (field: string) => (/["\n;,\t]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
  return [['Nom', 'Téléphone', 'Ville'], ...rows()].map((r) => r.map(quote).join(delimiter)).join(eol) + eol;
}

const encodings: { name: string; bytes: () => Buffer }[] = [
  { name: 'UTF-8, comma, LF', bytes: () => Buffer.from(csvText(',', '\n'), 'utf8') },
  {
    name: 'UTF-8 with BOM, semicolon, CRLF',
    bytes: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(';', '\r\n'), 'utf8')]),
  },
  { name: 'Windows-1252, semicolon, CRLF', bytes: () => Buffer.from(csvText(';', '\r\n'), 'latin1') },
  {
    name: "Windows-1252 with Excel's sep=; line, CRLF",
    bytes: () => Buffer.from(`sep=;\r\n${csvText(';', '\r\n')}`, 'latin1'),
  },
  {
    name: 'UTF-16 LE with BOM, tab, CRLF (Excel "Unicode text")',
    bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvText('\t', '\r\n'), 'utf16le')]),
  },
  {
    name: 'UTF-16 BE with BOM, tab, LF',
    bytes: () =>
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csvText('\t', '\n'), 'utf16le').swap16()]),
  },
];

describe('the page engine writes what the CLI writes', () => {
  it.each(encodings.flatMap((encoding) => [false, true].map((excelSafe) => ({ ...encoding, excelSafe }))))(
    '$name, excel-safe $excelSafe',
    async ({ bytes, excelSafe }) => {
      const input = bytes();
      const cli = await harness.run(input, { column: undefined, excelSafe });
      const inspected = await inspectFile('in.csv', new Uint8Array(input));
      expect(inspected.columns).toEqual(['Nom', 'Téléphone', 'Ville']);
      expect(inspected.suggested).toEqual([1]);
      expect(inspected.rows).toBe(7);
      const answer = await scrubFile({
        name: 'in.csv',
        bytes: new Uint8Array(input),
        columns: inspected.suggested,
        mode: 'drop',
        excelSafe,
        epoch,
        origin: server.url,
        partial: false,
        toolVersion: 'test',
      });
      if (!('result' in answer)) throw new Error('an open-mode scrub has no plan');
      const page = answer.result;
      // Two cells look like formulas (=cmd…, @SUM…); the phone +33 (0)… does not.
      expect([page.formulaCells, cli.report.result.formulaCells]).toEqual([2, 2]);
      const rejects = new TextDecoder(inspected.encoding).decode(page.rejects.bytes);
      expect([rejects.includes("'=cmd|"), rejects.includes("'@SUM(")]).toEqual([excelSafe, excelSafe]);
      expect([rejects.includes('=cmd|'), rejects.includes('@SUM(')]).toEqual([true, true]);
      expect(page.counts).toEqual(cli.report.result.counts);
      expect(page.counts).toMatchObject({ listed: 3, clean: 2, invalid: 2, blank: 1 });
      expect(Buffer.from(page.clean.bytes).equals(cli.clean), 'clean differs').toBe(true);
      expect(Buffer.from(page.listed.bytes).equals(cli.listed), 'listed differs').toBe(true);
      expect(Buffer.from(page.rejects.bytes).equals(cli.rejects), 'rejects differs').toBe(true);
      const receipt = JSON.parse(new TextDecoder().decode(page.receipt!.bytes));
      expect(receipt.settings).toEqual({ ...cli.report.receipt!.settings });
      expect(receipt.input.sha256).toBe(cli.report.receipt!.input.sha256);
      expect(receipt.outputs.clean.sha256).toBe(cli.report.receipt!.outputs.clean.sha256);
      expect(receipt.settings.excelSafe).toBe(excelSafe ? true : undefined);
    },
  );
});

describe('several phone columns', () => {
  // A landline and a mobile per row: a row is listed if either number is, clean only if both are
  // checked and free; an empty cell counts for nothing, an unreadable one rejects the row.
  const twoColumns = () =>
    [
      'Nom;Tél. fixe;Tél. portable;Ville',
      `Alpha;${national(free[2]!)};${national(registered[3]!)};Lyon`,
      `Bravo;${national(registered[4]!)};${national(free[3]!)};Lyon`,
      `Charlie;${national(free[4]!)};${national(free[5]!)};Lyon`,
      `Delta;;${national(free[6]!)};Lyon`,
      `Echo;pas de fixe;${national(free[7]!)};Lyon`,
      `Foxtrot;${national(registered[5]!)};${national(registered[6]!)};Lyon`,
      ';;;',
      '',
    ].join('\r\n');

  it.each(['drop', 'flag'] as const)(
    'checks every phone column of a row as the CLI does (%s)',
    async (mode) => {
      const input = Buffer.from(twoColumns(), 'latin1');
      const cli = await harness.run(input, { column: undefined, mode });
      expect(cli.report.result.columns).toEqual(['Tél. fixe', 'Tél. portable']);
      const inspected = await inspectFile('in.csv', new Uint8Array(input));
      // Both columns are the header's phone columns: the page ticks both, as scrub checks both.
      expect(inspected.suggested).toEqual([1, 2]);
      const answer = await scrubFile({
        name: 'in.csv',
        bytes: new Uint8Array(input),
        columns: inspected.suggested,
        mode,
        excelSafe: false,
        epoch,
        origin: server.url,
        partial: false,
        toolVersion: 'test',
      });
      if (!('result' in answer)) throw new Error('an open-mode scrub has no plan');
      const page = answer.result;
      expect(page.counts).toEqual({ rows: 6, listed: 3, clean: 2, invalid: 1, blank: 1 });
      expect(page.counts).toEqual(cli.report.result.counts);
      expect(Buffer.from(page.clean.bytes).equals(cli.clean), 'clean differs').toBe(true);
      expect(Buffer.from(page.listed.bytes).equals(cli.listed), 'listed differs').toBe(true);
      expect(Buffer.from(page.rejects.bytes).equals(cli.rejects), 'rejects differs').toBe(true);
      // The outputs say which column matched.
      expect(cli.listed.toString('latin1').split('\r\n')).toEqual([
        'Nom;Tél. fixe;Tél. portable;Ville;quietlist_column',
        expect.stringMatching(/^Alpha;.*;Tél\. portable$/),
        expect.stringMatching(/^Bravo;.*;Tél\. fixe$/),
        expect.stringMatching(/^Foxtrot;.*;Tél\. fixe \+ Tél\. portable$/),
        '',
      ]);
      expect(cli.rejects.toString('latin1').split('\r\n')[1]).toMatch(
        /^Echo;pas de fixe;.*;Lyon;5;NOT_A_NUMBER: not a phone number;Tél\. fixe$/,
      );
      const receipt = JSON.parse(new TextDecoder().decode(page.receipt!.bytes));
      expect(receipt.settings).toEqual({ ...cli.report.receipt!.settings });
      expect(receipt.settings).toMatchObject({
        column: 'Tél. fixe',
        columns: ['Tél. fixe', 'Tél. portable'],
      });
    },
  );
});

describe('the page verifies what it downloads', () => {
  it('refuses a shard that is not the signed one, and a manifest signed by another key', async () => {
    const { manifest } = epoch;
    const shard = manifest.shards[0]!;
    const key = `epochs/${manifest.epoch}/${shard.path}`;
    const original = (await harness.operator.store.get(key))!.body;
    const bytes = new Uint8Array(original);
    bytes[bytes.length - 1]! ^= 1;
    await harness.operator.store.put(key, bytes);
    try {
      // The server verifies shards too: whichever refuses first, the page never scrubs with it.
      await expect(
        downloadEpoch({ origin: server.url, publicKey: harness.operator.keys.signingKeys.publicKey }),
      ).rejects.toThrow();
    } finally {
      await harness.operator.store.put(key, original);
    }
    const { generateSigningKeyPair } = await import('../../../src/core/epoch/signing.ts');
    await expect(
      downloadEpoch({ origin: server.url, publicKey: generateSigningKeyPair().publicKey }),
    ).rejects.toThrow(/SIGNATURE|signed by key|pinned key/i);
  });
});

describe('the page reads every download up to its limit', () => {
  const FLOOD = 400 * 1024 * 1024;
  const lies = [
    { what: 'the signed pointer', floods: (path: string) => path === '/v1/latest', limit: /64 KiB/ },
    {
      what: 'a key retirement record',
      floods: (path: string) => path.startsWith('/v1/key-retirements/'),
      limit: /largest key retirement record allowed \(16 KiB\)/,
    },
    {
      what: 'a manifest',
      floods: (path: string) => /^\/v1\/epochs\/[^/]+\/manifest$/.test(path),
      limit: /largest manifest the format allows \(49 MiB/,
    },
  ];
  for (const { what, floods, limit } of lies) {
    it(`refuses 400 MiB in place of ${what}, announced or not, cut as it streams`, async () => {
      const proxy = await startFaultProxy(server.url);
      try {
        for (const announce of [true, false]) {
          proxy.decide = (_method, path) =>
            floods(path) ? { kind: 'flood', bytes: FLOOD, announce } : { kind: 'pass' };
          proxy.log.length = 0;
          await expect(
            downloadEpoch({
              origin: proxy.endpoint.replace(/\/+$/, ''),
              publicKey: harness.operator.keys.signingKeys.publicKey,
            }),
          ).rejects.toThrow(limit);
          const flooded = proxy.log.filter((entry) => floods(entry.path));
          expect(flooded).toHaveLength(1); // a refused answer is not retried
          expect(flooded[0]!.bytesSent).toBeLessThan(FLOOD / 4);
        }
      } finally {
        await proxy.close();
      }
    });
  }
});
