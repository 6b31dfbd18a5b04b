/**
 * `serve --trust-proxy`: X-Forwarded-For is believed only as far as trusted proxies wrote it. A peer
 * outside the trusted list is the client whatever the header says; entries a client wrote itself
 * (left of the first untrusted hop) are never taken.
 */
import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../../../src/api/auth/trusted-proxies.ts';

describe('trusted proxies as addresses and CIDR ranges', () => {
  const resolve = parseTrustProxy('10.0.0.0/8, 192.0.2.7, fd00::/8');

  it('takes the nearest untrusted hop when the peer is a trusted proxy', () => {
    expect(resolve('10.1.2.3', '203.0.113.9')).toBe('203.0.113.9');
    expect(resolve('::ffff:10.1.2.3', '203.0.113.9')).toBe('203.0.113.9');
    // Two trusted proxies in a row; the client forged a leftmost entry, which is never read.
    expect(resolve('10.1.2.3', '198.51.100.66, 203.0.113.9, 192.0.2.7')).toBe('203.0.113.9');
    expect(resolve('fd00::1', '2001:db8::5')).toBe('2001:db8::5');
  });

  it('ignores the header when the peer is not trusted, and when there is none', () => {
    expect(resolve('203.0.113.50', '198.51.100.1')).toBe('203.0.113.50');
    expect(resolve('10.1.2.3', undefined)).toBe('10.1.2.3');
    expect(resolve('10.1.2.3', '10.9.9.9')).toBe('10.9.9.9');
  });

  it('reads every spelling of an address as one client, and the peer too', () => {
    for (const spelling of [
      '203.0.113.9',
      '203.000.113.009',
      '::ffff:203.0.113.9',
      '[::FFFF:cb00:7109]:4433',
    ])
      expect(resolve('10.1.2.3', spelling), spelling).toBe('203.0.113.9');
    expect(resolve('[::ffff:a01:203]:5000', '2001:DB8:0:0::5')).toBe('2001:db8::5');
    expect(resolve('010.001.002.003', '198.51.100.1')).toBe('198.51.100.1'); // a trusted peer, respelt
    expect(resolve('203.0.113.050', undefined)).toBe('203.0.113.50');
  });

  it('takes the trusted proxy that passed on an entry that is no address as the client', () => {
    // The client is inside a trusted range and writes garbage: varying it buys no new budget.
    expect(resolve('10.1.2.3', 'junk-1, 10.5.5.5')).toBe('10.5.5.5');
    expect(resolve('10.1.2.3', 'junk-2, 10.5.5.5')).toBe('10.5.5.5');
    expect(resolve('10.1.2.3', 'not an address')).toBe('10.1.2.3');
  });

  it('refuses a setting that is neither a hop count nor addresses', () => {
    for (const bad of ['', 'proxy.example', '10.0.0.0/33', '10.0.0.0/8/1', '0', '11', 'fd00::/129'])
      expect(() => parseTrustProxy(bad), bad).toThrow(/--trust-proxy/);
  });
});

describe('trusted proxies as a hop count', () => {
  it('takes the Nth address from the right, counting the peer as the first proxy', () => {
    const one = parseTrustProxy('1');
    expect(one('10.0.0.1', '198.51.100.66, 203.0.113.9')).toBe('203.0.113.9');
    expect(one('10.0.0.1', undefined)).toBe('10.0.0.1');
    const two = parseTrustProxy('2');
    expect(two('10.0.0.1', '198.51.100.66, 203.0.113.9, 10.0.0.2')).toBe('203.0.113.9');
    expect(two('10.0.0.1', '10.0.0.2')).toBe('10.0.0.2');
    expect(two('10.0.0.1', '203.000.113.009, 10.0.0.2')).toBe('203.0.113.9');
    // Garbage where the client should be: the proxy that wrote it.
    expect(two('10.0.0.1', 'garbage, 10.0.0.2')).toBe('10.0.0.2');
  });
});
