/** One spelling per client address (api/auth/ip-address.ts), so a failure budget cannot be multiplied by respelling. */
import { describe, expect, it } from 'vitest';
import { canonicalAddress } from '../../../../src/api/auth/ip-address.ts';

describe('canonicalAddress', () => {
  it('gives every spelling of one IPv4 address one form', () => {
    for (const spelling of [
      '198.51.100.7',
      ' 198.51.100.7 ',
      '198.051.100.007',
      '198.51.100.7:5123',
      '::ffff:198.51.100.7',
      '::FFFF:198.51.100.7',
      '[::ffff:c633:6407]',
      '[::ffff:198.51.100.7]:443',
      '0:0:0:0:0:ffff:c633:6407',
    ]) {
      expect(canonicalAddress(spelling), spelling).toBe('198.51.100.7');
    }
  });

  it('gives every spelling of one IPv6 address its RFC 5952 form', () => {
    for (const spelling of [
      '2001:db8::5',
      '2001:DB8::5',
      '2001:0db8:0000:0000:0000:0000:0000:0005',
      '2001:db8:0:0::5',
      '[2001:db8::5]',
      '[2001:db8::5]:8443',
      '2001:db8::5%eth0',
      '[2001:db8::5%25eth0]',
    ]) {
      expect(canonicalAddress(spelling), spelling).toBe('2001:db8::5');
    }
  });

  it('answers undefined for what is not an address', () => {
    for (const text of [
      '',
      'unknown',
      'proxy.internal',
      '1.2.3',
      '256.1.1.1',
      '1.2.3.4.5',
      ':::',
      'gg::1',
      '[1.2.3.4]x',
    ])
      expect(canonicalAddress(text), text).toBeUndefined();
  });
});
