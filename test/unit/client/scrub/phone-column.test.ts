import { describe, expect, it } from 'vitest';
import { resolvePhoneColumn, resolvePhoneColumns } from '../../../../src/client/scrub/phone-column.ts';

describe('the phone column of a call list', () => {
  it('is found by its header like build finds it: French and English, accents and case ignored', () => {
    expect(resolvePhoneColumn(['Nom', 'Prénom', 'Téléphone', 'Ville'], undefined)).toEqual({
      index: 2,
      name: 'Téléphone',
    });
    expect(resolvePhoneColumn(['id', 'PHONE_NUMBER'], undefined).index).toBe(1);
    expect(resolvePhoneColumn(['Numéro client', 'N° de tél. portable'], undefined).index).toBe(1);
    expect(resolvePhoneColumn(['numbers'], undefined).index).toBe(0);
  });

  it('takes a name given with --column, compared the same way', () => {
    expect(resolvePhoneColumn(['id', ' Téléphone '], 'telephone').index).toBe(1);
    expect(resolvePhoneColumn(['id', 'Portable', 'Fixe'], 'FIXE').index).toBe(2);
  });

  it('takes a 1-based position and refuses one outside the header', () => {
    expect(resolvePhoneColumn(['a', 'b', 'c'], '3')).toEqual({ index: 2, name: 'c' });
    expect(() => resolvePhoneColumn(['a', 'b', 'c'], '4')).toThrow(
      /--column 4: the header row has 3 columns/,
    );
    expect(() => resolvePhoneColumn(['a', 'b', 'c'], '0')).toThrow(/positions start at 1/);
  });

  it('without --column and no recognisable header: one line listing the headers, a usage error', () => {
    let error: unknown;
    try {
      resolvePhoneColumn(['Nom', 'Ville', 'Remarque'], undefined);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message:
        'no phone column recognised in the header row (it has: "Nom", "Ville", "Remarque"); pass --column NAME or --column POSITION',
    });
  });

  it('refuses two candidates, and never prints a header value that could be a number', () => {
    expect(() => resolvePhoneColumn(['Tel fixe', 'Tel mobile perso', 'x'], undefined)).toThrow(
      /several columns could hold the phone number \("Tel fixe", "Tel mobile perso"\)/,
    );
    const message = (() => {
      try {
        resolvePhoneColumn(['0639980012', 'x'], 'phone');
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('"********12", "x"');
    expect(message).not.toContain('0639980012');
  });

  it('says the names look garbled when they hold U+FFFD', () => {
    expect(() => resolvePhoneColumn(['Nom', 'T\uFFFDl\uFFFDphone2'], 'Téléphone')).toThrow(/--encoding/);
  });

  it('checks every column the header names as a phone when several do, and the columns given, each once', () => {
    expect(resolvePhoneColumns(['Nom', 'Tél. fixe', 'Tél. portable', 'Ville'], undefined)).toEqual([
      { index: 1, name: 'Tél. fixe' },
      { index: 2, name: 'Tél. portable' },
    ]);
    expect(resolvePhoneColumns(['Téléphone', 'Mobile', 'Ville'], undefined).map((c) => c.index)).toEqual([
      0, 1,
    ]);
    expect(resolvePhoneColumns(['Nom', 'Téléphone'], undefined)).toEqual([{ index: 1, name: 'Téléphone' }]);
    // Given with --column, in any order, once each, in the header's order.
    expect(
      resolvePhoneColumns(['a', 'Fixe', 'Portable'], ['portable', '2', 'fixe']).map((c) => c.index),
    ).toEqual([1, 2]);
    expect(() => resolvePhoneColumns(['a', 'b'], ['a', 'nope'])).toThrow(
      /column "nope" is not in the header row/,
    );
    expect(() => resolvePhoneColumns(['Nom', 'Ville'], undefined)).toThrow(/no phone column recognised/);
  });
});
