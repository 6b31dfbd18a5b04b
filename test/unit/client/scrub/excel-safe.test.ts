/** Spreadsheet-safe outputs (client/scrub/excel-safe.ts): which cells are formulas, and rows rewritten at those cells only. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasFormulaCell, isFormulaLike, safeRow } from '../../../../src/client/scrub/excel-safe.ts';
import { RowLayout } from '../../../../src/client/scrub/row-layout.ts';
import { LISTED, UNCHECKED } from '../../../../src/client/scrub/row-status.ts';
import { fuzzParameters } from '../../fuzz/fuzz-runs.ts';

describe('isFormulaLike', () => {
  it('takes = + - @ TAB and CR at the start for a formula (OWASP, CSV Injection)', () => {
    for (const value of [
      '=1+1',
      '=HYPERLINK("http://x.test","y")',
      "=cmd|' /C calc'!A0",
      '@SUM(A1)',
      '+A1',
      '-2+3',
      '\t=1',
      '\r=1',
      '-',
      '+33 6 12 ab',
    ])
      expect(isFormulaLike(value), JSON.stringify(value)).toBe(true);
  });

  it('leaves numbers and phone spellings alone, and anything that starts otherwise', () => {
    for (const value of [
      '+33 6 12 34 56 78',
      '+33612345678',
      '-12',
      '-12,5',
      '-0.25',
      '+1 (555) 010-0000',
      '+33 (0)6.12.34.56.78',
      '+262/692 12 34 56',
      '+33\u00c2\u00a06\u00c2\u00a012',
      'Dupont',
      '',
      '3,37672E+10',
      ' =1',
    ])
      expect(isFormulaLike(value), JSON.stringify(value)).toBe(false);
  });
});

describe('safeRow', () => {
  it("puts a ' before each formula field, inside its quotes, and changes nothing else", () => {
    const raw = `=1+1,"=HYPERLINK(""http://x.test"",""y"")",+33 6 12 34 56 78,"a,b",@x`;
    expect(safeRow(raw, ',', true)).toEqual({
      text: `'=1+1,"'=HYPERLINK(""http://x.test"",""y"")",+33 6 12 34 56 78,"a,b",'@x`,
      formulaCells: 3,
    });
    expect(safeRow(raw, ',', false)).toEqual({ text: raw, formulaCells: 3 });
  });

  it('splits on the file’s delimiter only, and reads a quoted field’s value', () => {
    expect(safeRow('a;=1,2;"-x"', ';', true).text).toBe(`a;'=1,2;"'-x"`);
    expect(safeRow('a\t@b\t2026-11-28', '\t', true).text).toBe(`a\t'@b\t2026-11-28`);
    // A quoted field whose value starts with a doubled quote is text; a delimiter inside quotes is no field start.
    expect(safeRow('"""=x""","a,=b"', ',', true)).toEqual({ text: '"""=x""","a,=b"', formulaCells: 0 });
    expect(safeRow('Dupont,01 99 00 00 01,2026-11-28', ',', true).formulaCells).toBe(0);
  });
});

describe('RowLayout with several phone columns', () => {
  const sink = () => ({
    text: '',
    add(text: string) {
      this.text += text;
    },
  });
  const layout = (excelSafe: boolean) => {
    const outputs = { clean: sink(), listed: sink(), rejects: sink(), unchecked: sink() };
    const rows = new RowLayout('drop', ';', '\n', outputs, { phoneColumns: ['=Fixe', 'Mobile'], excelSafe });
    rows.writeHeaders('Nom;=Fixe;Mobile', false);
    const counts = { rows: 0, listed: 0, clean: 0, invalid: 0, blank: 0 };
    rows.write(
      { texts: ['@A;1;2', 'B;3;4'], rows: [1, 2], columns: Uint32Array.of(1, 0) },
      Uint8Array.of(LISTED, UNCHECKED),
      counts,
      {},
    );
    return { outputs, rows };
  };

  it('protects the quietlist_column value as the header it repeats, and the rows not yet checked', () => {
    const { outputs, rows } = layout(true);
    expect(outputs.listed.text).toBe("Nom;'=Fixe;Mobile;quietlist_column\n'@A;1;2;'=Fixe\n");
    expect(outputs.unchecked.text).toBe("Nom;'=Fixe;Mobile\nB;3;4\n");
    expect(rows.formulaCells).toBe(2);
  });

  it('passes them as they came without excelSafe, still counting them', () => {
    const { outputs, rows } = layout(false);
    expect(outputs.listed.text).toBe('Nom;=Fixe;Mobile;quietlist_column\n@A;1;2;=Fixe\n');
    expect(rows.formulaCells).toBe(2);
  });
});

describe('hasFormulaCell', () => {
  /** Pieces of cells: signs, leads, digits, number punctuation, quotes, delimiters, UTF-8 no-break space. */
  const PIECES = [
    '+',
    '-',
    '=',
    '@',
    '\t',
    '\r',
    '"',
    '""',
    '0',
    '6',
    ' ',
    '.',
    ',',
    '(',
    ')',
    '/',
    ';',
    '|',
  ];
  const NBSP = ['\u00c2\u00a0', 'a', '\u00e9'];
  const row = fc
    .array(fc.constantFrom(...PIECES, ...NBSP), { maxLength: 24 })
    .map((pieces) => pieces.join(''));

  it('finds a formula cell in the bytes of a row exactly when safeRow counts one', () => {
    fc.assert(
      fc.property(
        row,
        fc.constantFrom(',', ';', '|', '\t'),
        fc.string({ maxLength: 3 }),
        (text, delimiter, around) => {
          const bytes = Buffer.from(`${around}${text}${around}`, 'latin1');
          const start = around.length;
          const counted = safeRow(text, delimiter, false).formulaCells > 0;
          expect(hasFormulaCell(bytes, start, start + text.length, delimiter.charCodeAt(0))).toBe(counted);
        },
      ),
      fuzzParameters(2000),
    );
    for (const [text, expected] of [
      ['1,+33 6 12 34 56 78,"-12,5"', false],
      ['1,+33612345678,x', false],
      ['1,"+33 ""6""",x', true],
      ['1,=1+1', true],
      ['"a",@b', true],
      ['+', true],
      ['x,-', true],
    ] as const) {
      const bytes = Buffer.from(text, 'latin1');
      expect(hasFormulaCell(bytes, 0, bytes.length, 0x2c), text).toBe(expected);
    }
  });
});
