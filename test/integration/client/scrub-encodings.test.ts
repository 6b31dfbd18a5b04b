/**
 * Call lists as exports really come: a French Excel "CSV (point-virgule)" in Windows-1252 with a
 * "Téléphone" header, Excel's "Unicode text" (UTF-16 LE, tab), UTF-16 BE, the phone column by its
 * header or position, and Excel's scientific notation explained in the rejects file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeNumbers, registeredNumbers, removeTempDirs, tempDir } from './helpers/client-fixture.ts';
import { leftovers, type ScrubHarness, scrubHarness } from './helpers/scrub-harness.ts';

afterAll(removeTempDirs);

const registered = registeredNumbers(200);
const free = freeNumbers(20);
const [a, b] = registered;
/** "+33639980012" → "06 39 98 00 12", as a French export writes it. */
const national = (e164: string) => `0${e164.slice(3)}`.replace(/(\d{2})(?=\d)/g, '$1 ');
let harness: ScrubHarness;

beforeAll(async () => {
  harness = await scrubHarness(registered);
});

const windows1252 = (text: string) => {
  const bytes = Buffer.alloc(text.length);
  const map: Record<string, number> = { '€': 0x80, '–': 0x96, '’': 0x92 };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    bytes[i] = map[ch] ?? ch.charCodeAt(0);
    if (map[ch] === undefined && ch.charCodeAt(0) > 0xff) throw new Error('not in the test mapping');
  }
  return bytes;
};

describe('scrub: encodings and columns of real exports', () => {
  it('scrubs a French Excel "CSV (point-virgule)" in Windows-1252 and writes Windows-1252 ";" files', async () => {
    const rows = [
      `Dupont;Hélène;${national(a!)};Créteil`,
      `Martin;Zoé;${national(free[0]!)};Évry`,
      `Lefèvre;Noël;${national(free[1]!).replace(/ /g, '–')};Sèvres`,
      `Garçon;Anaïs;3,37672E+10;Nîmes`,
    ];
    const input = windows1252(`Nom;Prénom;Téléphone;Ville\r\n${rows.join('\r\n')}\r\n`);
    const { clean, listed, rejects, report } = await harness.run(input, { column: undefined });
    expect(report.result).toMatchObject({
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
      column: 'Téléphone',
    });
    expect(report.receipt!.settings).toMatchObject({ column: 'Téléphone', encoding: 'windows-1252' });
    expect(report.result.counts).toEqual({ rows: 4, listed: 1, clean: 2, invalid: 1, blank: 0 });
    // Byte for byte the input's rows, in the input's encoding: Excel opens them as it opened the input.
    expect(clean).toEqual(windows1252(`Nom;Prénom;Téléphone;Ville\r\n${rows[1]}\r\n${rows[2]}\r\n`));
    expect(listed).toEqual(windows1252(`Nom;Prénom;Téléphone;Ville\r\n${rows[0]}\r\n`));
    expect(rejects).toEqual(
      windows1252(
        `Nom;Prénom;Téléphone;Ville;quietlist_row;quietlist_reason\r\n${rows[3]};4;"EXCEL_SCIENTIFIC: Excel scientific notation: digits were lost; re-export the column as text"\r\n`,
      ),
    );
  });

  it('names a cell holding two numbers, and never calls either', async () => {
    const both = `${national(a!)} / ${national(free[5]!)}`;
    const input = Buffer.from(`name,phone\nDupont,${both}\nMartin,${national(free[6]!)}\n`);
    const { clean, rejects, report } = await harness.run(input, { column: undefined });
    expect(report.result.counts).toMatchObject({ rows: 2, clean: 1, invalid: 1 });
    expect(clean.toString()).not.toContain('Dupont');
    expect(rejects.toString()).toContain(
      `Dupont,${both},1,SEVERAL_NUMBERS: several phone numbers in one cell: write one number per cell`,
    );
  });

  it("takes the delimiter from Excel's `sep=` line, and writes the line back before the header", async () => {
    const header = 'Nom,Prénom;Téléphone';
    const input = windows1252(
      `sep=;\r\n${header}\r\nDupont, J.;${national(a!)}\r\nMartin;${national(free[4]!)}\r\n`,
    );
    const { clean, listed, report } = await harness.run(input, { column: undefined });
    expect(report.result).toMatchObject({ delimiter: ';', column: 'Téléphone' });
    expect(report.result.counts).toMatchObject({ rows: 2, listed: 1, clean: 1 });
    expect(clean).toEqual(windows1252(`sep=;\r\n${header}\r\nMartin;${national(free[4]!)}\r\n`));
    expect(listed).toEqual(windows1252(`sep=;\r\n${header}\r\nDupont, J.;${national(a!)}\r\n`));
  });

  it('scrubs UTF-16 LE with BOM and tabs (Excel "Unicode text"), and writes UTF-16 LE back', async () => {
    const text = `\ufeffNom\tTéléphone\r\nÉric\t${a}\r\nZoë\t${national(free[2]!)}\r\n`;
    const { clean, listed, report } = await harness.run(Buffer.from(text, 'utf16le'), { column: undefined });
    expect(report.result).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', column: 'Téléphone' });
    expect(clean).toEqual(Buffer.from(`\ufeffNom\tTéléphone\r\nZoë\t${national(free[2]!)}\r\n`, 'utf16le'));
    expect(listed).toEqual(Buffer.from(`\ufeffNom\tTéléphone\r\nÉric\t${a}\r\n`, 'utf16le'));
  });

  it('reads UTF-16 BE without BOM (by its NUL pattern) and writes UTF-16 BE, across chunk borders', async () => {
    const text = `phone,name\n${b},Léa\n${free[3]},Noé\n`;
    const input = Buffer.from(text, 'utf16le').swap16();
    const { clean, listed, report } = await harness.run(input, { chunkBytes: 7 });
    expect(report.result).toMatchObject({ encoding: 'utf-16be' });
    expect(clean).toEqual(Buffer.from(`phone,name\n${free[3]},Noé\n`, 'utf16le').swap16());
    expect(listed).toEqual(Buffer.from(`phone,name\n${b},Léa\n`, 'utf16le').swap16());
  });

  it('takes --encoding when detection cannot know (accents only after the first 64 KiB)', async () => {
    const filler = Array.from({ length: 3000 }, (_, i) => `${free[i % free.length]};ligne ${i}`).join('\n');
    const input = Buffer.concat([Buffer.from(`phone;note\n${filler}\n`), windows1252(`${a};Hélène\n`)]);
    const auto = await harness.run(input);
    expect(auto.report.result).toMatchObject({ encoding: 'utf-8' });
    const forced = await harness.run(input, { encoding: 'windows-1252' });
    expect(forced.report.result).toMatchObject({ encoding: 'windows-1252' });
    // Either way every byte passes through: the listed row is the input's.
    expect(forced.listed).toEqual(Buffer.concat([Buffer.from('phone;note\n'), windows1252(`${a};Hélène\n`)]));
    expect(auto.listed).toEqual(forced.listed);
  });

  it('takes a 1-based position, and without --column refuses an unknown header in one line, writing nothing', async () => {
    const csv = `nom,ville,numero_client,contact\nA,Paris,17,${a}\nB,Lyon,18,${free[4]}\n`;
    const byPosition = await harness.run(csv, { column: '4' });
    expect(byPosition.report.result.counts).toMatchObject({ listed: 1, clean: 1 });
    expect(byPosition.report.result).toMatchObject({ column: 'contact' });
    const dir = tempDir('quietlist-client-scrub-');
    await expect(harness.run(csv, { dir, column: undefined })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message:
        'no phone column recognised in the header row (it has: "nom", "ville", "numero_client", "contact"); pass --column NAME or --column POSITION',
    });
    expect(leftovers(dir)).toEqual([]);
  });
});
