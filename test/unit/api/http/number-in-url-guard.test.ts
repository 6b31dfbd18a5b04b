/** What counts as a phone number in a URL (api/http/number-in-url-guard.ts): every spelling, nothing the API itself puts there. */
import { describe, expect, it } from 'vitest';
import { fictionalNumber, spellings } from '../../../../scripts/fictional-numbers.ts';
import { urlHoldsNumber } from '../../../../src/api/http/number-in-url-guard.ts';

const base = 'http://api.test';
const holds = (pathAndQuery: string) => urlHoldsNumber(`${base}${pathAndQuery}`);

describe('urlHoldsNumber', () => {
  it('finds every spelling of a number, in a path segment and in a query, encoded or not', () => {
    for (let i = 0; i < 50; i += 7) {
      for (const spelling of spellings(fictionalNumber(i))) {
        const encoded = encodeURIComponent(spelling.trim());
        expect(holds(`/v1/check/${encoded}`), spelling).toBe(true);
        expect(holds(`/v1/manifest?number=${encoded}`), spelling).toBe(true);
        expect(holds(`/v1/manifest?n=${spelling.trim().replace(/ /g, '+')}`), spelling).toBe(true);
      }
    }
  });

  it('finds numbers beside the tokens it sets aside, and in other scripts’ digits', () => {
    expect(holds('/v1/epochs/20261128T020000Z-k3x9q2/0199000001')).toBe(true);
    expect(holds('/v1/manifest?since=2026-11-28&n=0199000001')).toBe(true);
    expect(holds('/v1/manifest?n=0199-00-00-01')).toBe(true); // not a date: the digits go on
    expect(holds('/v1/manifest?n=0199-01-01-23')).toBe(true); // a date, but digits go on
    expect(holds('/v1/manifest?n=45-0199-01-01')).toBe(true);
    expect(holds('/v1/manifest?n=%EF%BC%90%EF%BC%91%EF%BC%99%EF%BC%99%EF%BC%90%EF%BC%90%EF%BC%90')).toBe(
      true,
    ); // full-width digits
    expect(holds('/123456')).toBe(true);
    expect(holds('/v1/manifest?n=06%2012%2034%2056%2078')).toBe(true);
    expect(holds('/v1/manifest?n=%ZZ0612345678')).toBe(true); // a stray % does not hide it
  });

  it('lets through every URL the API and its clients use', () => {
    for (const path of [
      '/',
      '/healthz',
      '/readyz',
      '/openapi.json',
      '/scrub',
      '/assets/scrub-page.js',
      '/v1/signing-key',
      '/v1/manifest',
      '/v1/check',
      '/v1/oprf/evaluate',
      '/v1/receipts',
      '/v1/epochs/20261128T020000Z/manifest',
      '/v1/epochs/20261128T020000Z-k3x9q2/manifest.json',
      '/v1/epochs/20261128T020000Z-k3x9q2/shard-00017.qlbf',
      '/v1/epochs/20261128T020000Z-123456789/shard-99999.qldelta',
      '/v1/manifest?since=2026-11-28T02:00:00Z',
      '/v1/manifest?at=2026-11-28T02:00:00.123%2B01:00',
      `/v1/receipts?sha256=${'0123456789'.repeat(6)}abcd`,
      '/v1/manifest?page=12345',
    ]) {
      expect(holds(path), path).toBe(false);
    }
  });
});
