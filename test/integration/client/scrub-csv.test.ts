/**
 * The CSV edge cases of scrub, each on its own: quoting kept byte for byte, BOM, CRLF, quoted commas
 * and newlines, empty and blank lines, short rows, a missing column (no output at all), invalid
 * numbers (rejects, with the reason), non-UTF-8 bytes, malformed quoting, flag mode, threads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fictionalNumber, spellings } from '../../../scripts/fictional-numbers.ts';
import { freeNumbers, registeredNumbers, removeTempDirs, tempDir } from './helpers/client-fixture.ts';
import { leftovers, type ScrubHarness, scrubHarness } from './helpers/scrub-harness.ts';

afterAll(removeTempDirs);

const registered = registeredNumbers(2000);
const free = freeNumbers(50);
const [a, b, c] = registered;
let harness: ScrubHarness;

beforeAll(async () => {
  harness = await scrubHarness(registered);
});

const lines = (buffer: Buffer, eol = '\n') =>
  buffer
    .toString('latin1')
    .split(eol)
    .filter((line) => line !== '');

describe('scrub: CSV edge cases', () => {
  it('writes every kept row byte for byte as it came, quoting included', async () => {
    const rows = [
      `1,"Dupont, Jean",${a},"say ""hi"""`,
      `2,Martin,"${free[0]}",plain`,
      `3,'single',${free[1]},"multi`,
      `line, note"`,
      `4,"   spaced  ",${b},`,
      `5,Lee,  ${free[2]}  ,"""quoted"""`,
    ];
    const csv = `id,name,phone,note\n${rows.join('\n')}\n`;
    const { clean, listed, report } = await harness.run(csv);
    expect(clean.toString()).toBe(`id,name,phone,note\n${rows[1]}\n${rows[2]}\n${rows[3]}\n${rows[5]}\n`);
    expect(listed.toString()).toBe(`id,name,phone,note\n${rows[0]}\n${rows[4]}\n`);
    expect(report.result.counts).toEqual({ rows: 5, listed: 2, clean: 3, invalid: 0, blank: 0 });
  });

  it('keeps a UTF-8 byte-order mark, finds the column behind it, and writes it back', async () => {
    const csv = `\ufeffPhone;Name\n${a};A\n${free[0]};B\n`;
    const { clean, listed } = await harness.run(csv);
    expect(clean.toString('utf8')).toBe(`\ufeffPhone;Name\n${free[0]};B\n`);
    expect(listed.toString('utf8')).toBe(`\ufeffPhone;Name\n${a};A\n`);
  });

  it('keeps CRLF line endings, also inside quoted fields', async () => {
    const csv = `phone,note\r\n${a},"x\r\ny"\r\n${free[0]},"a\r\nb"\r\n${free[1]},z\r\n`;
    const { clean, listed } = await harness.run(csv);
    expect(clean.toString()).toBe(`phone,note\r\n${free[0]},"a\r\nb"\r\n${free[1]},z\r\n`);
    expect(listed.toString()).toBe(`phone,note\r\n${a},"x\r\ny"\r\n`);
  });

  it('skips empty lines and rows with every field empty, numbering rows as records', async () => {
    const csv = `phone,name\n\n${a},A\n\n\n,\n${free[0]},B\n  ,  \nnope,C\n`;
    const { clean, rejects, report } = await harness.run(csv);
    expect(report.result.counts).toEqual({ rows: 3, listed: 1, clean: 1, invalid: 1, blank: 2 });
    expect(clean.toString()).toBe(`phone,name\n${free[0]},B\n`);
    expect(rejects.toString()).toBe(
      'phone,name,quietlist_row,quietlist_reason\nnope,C,5,NOT_A_NUMBER: not a phone number\n',
    );
  });

  it('refuses a missing column before creating any output file', async () => {
    const dir = tempDir('quietlist-client-scrub-');
    await expect(harness.run(`name,tel\nA,${a}\n`, { dir, column: 'phone' })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/column "phone" is not in the header row \(it has: "name", "tel"\)/),
    });
    expect(leftovers(dir)).toEqual([]);
  });

  it('never prints a header value that could be a number', async () => {
    const dir = tempDir('quietlist-client-scrub-');
    const error = await harness.run(`${a},B\n${b},C\n`, { dir, column: 'phone' }).catch((e: Error) => e);
    expect((error as Error).message).not.toContain(a!.slice(3));
    expect(leftovers(dir)).toEqual([]);
  });

  it('sends invalid numbers and short rows to the rejects file with the reason', async () => {
    const csv = `id;phone;x\n1;${a};a\n2;12;b\n3;+999 12 34;c\n4;abc;d\n5\n6;;e\n7;${'1'.repeat(70)};f\n`;
    const { rejects, report } = await harness.run(csv);
    expect(report.result.counts).toMatchObject({ rows: 7, listed: 1, clean: 0, invalid: 6 });
    expect(lines(rejects)).toEqual([
      'id;phone;x;quietlist_row;quietlist_reason',
      '2;12;b;2;TOO_SHORT: too short for its country',
      '3;+999 12 34;c;3;INVALID_COUNTRY: unknown country calling code',
      '4;abc;d;4;NOT_A_NUMBER: not a phone number',
      '5;5;NO_FIELD: the row has no field in the phone column',
      '6;;e;6;EMPTY: empty value',
      `7;${'1'.repeat(70)};f;7;TOO_LONG: too long for its country`,
    ]);
    expect(report.result.invalidByReason).toEqual({
      TOO_SHORT: 1,
      INVALID_COUNTRY: 1,
      NOT_A_NUMBER: 1,
      NO_FIELD: 1,
      EMPTY: 1,
      TOO_LONG: 1,
    });
  });

  it('passes non-UTF-8 bytes (Windows-1252) through untouched and reads Unicode dashes like the builder', async () => {
    const header = Buffer.from('nom,phone\n');
    const latin1Row = Buffer.concat([
      Buffer.from([0x45, 0x6c, 0xe9, 0x6f, 0x6e, 0x6f, 0x72, 0x65]),
      Buffer.from(`,${free[0]}\n`),
    ]);
    const dashed = spellings(c!)[5]!.replace(/-/g, '\u2010');
    const utf8Row = Buffer.from(`Zoë,${dashed}\n`, 'utf8');
    const { clean, listed } = await harness.run(Buffer.concat([header, latin1Row, utf8Row]));
    expect(clean).toEqual(Buffer.concat([header, latin1Row]));
    expect(listed).toEqual(Buffer.concat([header, utf8Row]));
  });

  it('sniffs ; and tab delimiters, and takes --delimiter', async () => {
    for (const delimiter of [';', '\t', '|']) {
      const csv = `name${delimiter}phone\nA${delimiter}${a}\nB${delimiter}${free[0]}\n`;
      const { report } = await harness.run(csv);
      expect(report.result.counts).toMatchObject({ listed: 1, clean: 1 });
      expect(report.result).toMatchObject({ format: 'csv', delimiter });
    }
    // Sniffing would pick the comma here; --delimiter decides.
    const forced = await harness.run(`phone;a,b,c\n${a};1,2,3\n`, { delimiter: ';' });
    expect(forced.report.result.counts).toMatchObject({ listed: 1 });
  });

  it('handles a last line without a line break and a header-only file', async () => {
    const { clean, listed } = await harness.run(`phone\n${free[0]}\n${a}`);
    expect(clean.toString()).toBe(`phone\n${free[0]}\n`);
    expect(listed.toString()).toBe(`phone\n${a}\n`);
    const empty = await harness.run('phone,name\n');
    expect(empty.clean.toString()).toBe('phone,name\n');
    expect(empty.report.result.counts.rows).toBe(0);
  });

  it('refuses an empty input and malformed quoting without writing anything or quoting the data', async () => {
    const dir = tempDir('quietlist-client-scrub-');
    await expect(harness.run('', { dir })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    const unterminated = `phone,note\n${a},ok\n${free[0]},"never closed\n${b},x\n`;
    const error = await harness.run(unterminated, { dir }).catch((e: Error & { code?: string }) => e);
    expect(error).toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(
        /malformed CSV at line 3: a quoted field opens on this line and is never closed/,
      ),
    });
    expect((error as Error).message).not.toContain(free[0]!.slice(3));
    expect(leftovers(dir)).toEqual([]);
  });

  it('names the line where an unclosed quote opens, not the end of the file (LF, CRLF, blank lines)', async () => {
    const rows = (eol: string) =>
      ['phone,note', ...Array.from({ length: 49 }, (_, i) => `${free[i % free.length]},row ${i}`)].join(eol);
    for (const eol of ['\n', '\r\n']) {
      const text = `${rows(eol)}${eol}${eol}${a},"opens on line 52${eol}${'x,y'.repeat(1)}${eol}${b},z${eol}`;
      await expect(harness.run(text, { chunkBytes: 97 })).rejects.toMatchObject({
        message: expect.stringContaining('malformed CSV at line 52: a quoted field opens on this line'),
      });
    }
  });

  it('stops at a runaway quote in the middle of a file (a record over 1 MB) without hanging', async () => {
    const dir = tempDir('quietlist-client-scrub-');
    const runaway = `phone,note\n${free[0]},ok\n${a},"opens here\n${'x,y\n'.repeat(300_000)}${b},z\n`;
    await expect(harness.run(runaway, { dir, chunkBytes: 64 * 1024 })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/malformed CSV at line \d+: a record is longer than 1 MB/),
    });
    expect(leftovers(dir)).toEqual([]);
  });

  it('flag mode keeps every row and appends a status column', async () => {
    const csv = `phone,name\n${a},A\n${free[0]},"B, b"\nxyz,C\n`;
    const { clean, report } = await harness.run(csv, { mode: 'flag' });
    expect(clean.toString()).toBe(
      `phone,name,quietlist_status\n${a},A,listed\n${free[0]},"B, b",not_listed\nxyz,C,invalid\n`,
    );
    expect(report.result.counts).toEqual({ rows: 3, listed: 1, clean: 1, invalid: 1, blank: 0 });
  });

  it('uses the manifest region for national numbers unless --region says otherwise', async () => {
    const national = spellings(a!)[1]!; // 0X XX XX XX XX
    expect((await harness.run(`phone\n${national}\n`)).report.result.counts.listed).toBe(1);
    const belgian = await harness.run(`phone\n${national}\n`, { region: 'BE' });
    expect(belgian.report.region).toBe('BE');
    expect(belgian.report.result.counts.listed).toBe(0);
  });

  it('gives the same outputs with hashing threads, across chunk borders, in input order', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 6000; i++) {
      const number = i % 3 === 0 ? registered[i % registered.length]! : fictionalNumber(40_001 + i * 2);
      const spelling = spellings(number)[i % 8]!;
      rows.push(i % 1000 === 999 ? `${i}` : `${i},"${spelling}",row ${i}`);
    }
    const csv = `id,phone,note\n${rows.join('\n')}\n`;
    const inline = await harness.run(csv, { threads: 0, chunkBytes: 777 });
    const threaded = await harness.run(csv, { threads: 2, chunkBytes: 4096 });
    expect(threaded.clean).toEqual(inline.clean);
    expect(threaded.listed).toEqual(inline.listed);
    expect(threaded.rejects).toEqual(inline.rejects);
    // Rows 999, 1999 ... 5999 have no phone field (two of them would have been listed).
    expect(inline.report.result.counts).toEqual({
      rows: 6000,
      listed: 1998,
      clean: 3996,
      invalid: 6,
      blank: 0,
    });
    expect(lines(inline.listed).slice(1)).toEqual(rows.filter((_, i) => i % 3 === 0 && i % 1000 !== 999));
    expect(lines(inline.rejects)).toHaveLength(7);
  });
});
