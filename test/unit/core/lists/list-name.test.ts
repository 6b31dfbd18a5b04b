import { describe, expect, it } from 'vitest';
import {
  assertListName,
  assertManifestList,
  listPrefix,
  manifestList,
} from '../../../../src/core/lists/list-name.ts';

describe('list names', () => {
  it('puts the default list at the root and the others under lists/', () => {
    expect(listPrefix('default')).toBe('');
    expect(listPrefix('acme-fr')).toBe('lists/acme-fr/');
  });

  it('refuses names that could escape or confuse a path', () => {
    for (const bad of [
      '',
      'a',
      'Acme',
      '-acme',
      'acme/x',
      '..',
      'a'.repeat(41),
      'acmé',
      '0612345678',
      '06-12',
    ]) {
      expect(() => assertListName(bad, '--list'), bad).toThrow(/--list .* is not a list name/);
    }
    expect(assertListName('a1')).toBe('a1');
    expect(assertListName('2b')).toBe('2b');
  });

  it('refuses a manifest of another list; an absent list is the default one', () => {
    expect(manifestList({})).toBe('default');
    expect(() => assertManifestList({ epoch: 'e' }, 'default')).not.toThrow();
    expect(() => assertManifestList({ epoch: 'e', list: 'acme' }, 'beta')).toThrow(
      /belongs to list acme, not to list beta/,
    );
    expect(() => assertManifestList({ epoch: 'e' }, 'acme')).toThrow(/belongs to list default/);
  });
});
