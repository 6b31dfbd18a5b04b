/**
 * A Spanish-shaped register for the scopes bench: synthetic +34 6… mobiles, each opted out of a mix of
 * channels and sectors in proportions an operator might see (most people opt out of everything, some
 * of a channel or two, fewer of sectors or of a channel for some sectors). Deterministic from a seed.
 */
import { seededRandom } from '../../scripts/fictional-numbers.ts';
import type { InputRecord } from '../../src/builder/input/record.ts';
import type { RegisterScopes } from '../../src/core/registers/profile.ts';
import { SyntheticNumbers } from '../support/synthetic-numbers.ts';

/** Share of registrations of each shape; `pairs` of a row = the (channel, sector) pairs it blocks. */
export const SHAPES = [
  { name: 'everything', share: 0.6 },
  { name: 'one or two channels, every sector', share: 0.2 },
  { name: 'one to three sectors, every channel', share: 0.1 },
  { name: 'one or two channels, one to three sectors', share: 0.1 },
] as const;

export interface SyntheticRobinson {
  rows: InputRecord[];
  /** Σ over rows of the (channel, sector) pairs each one blocks. */
  blockedPairs: number;
  numbers: SyntheticNumbers;
}

export function robinsonRegister(count: number, scopes: RegisterScopes, seed: number): SyntheticRobinson {
  const numbers = new SyntheticNumbers(seed);
  const random = seededRandom(seed ^ 0x5c0e);
  const channels = scopes.channels.map((c) => c.code);
  const sectors = scopes.sectors.map((s) => s.code);
  const pick = (codes: string[], most: number) => {
    const n = 1 + Math.floor(random() * most);
    return [...new Set(Array.from({ length: n }, () => codes[Math.floor(random() * codes.length)]!))];
  };
  const rows: InputRecord[] = [];
  let blockedPairs = 0;
  for (let i = 0; i < count; i++) {
    const r = random();
    let channelCell = '';
    let sectorCell = '';
    if (r >= SHAPES[0].share) {
      if (r < SHAPES[0].share + SHAPES[1].share) channelCell = pick(channels, 2).join('|');
      else if (r < SHAPES[0].share + SHAPES[1].share + SHAPES[2].share)
        sectorCell = pick(sectors, 3).join('|');
      else {
        channelCell = pick(channels, 2).join('|');
        sectorCell = pick(sectors, 3).join('|');
      }
    }
    const c = channelCell === '' ? channels.length : channelCell.split('|').length;
    const s = sectorCell === '' ? sectors.length : sectorCell.split('|').length;
    blockedPairs += c * s;
    // Spanish mobiles: +34 6 and 8 digits (the synthetic French generator's digits).
    rows.push({
      line: i + 2,
      phone: `+34${numbers.e164(i).slice(3)}`,
      channels: channelCell,
      sectors: sectorCell,
    });
  }
  return { rows, blockedPairs, numbers };
}

/** A NANP register of `areaCodes` area codes, `perAreaCode` numbers each: +1 NPA NXX XXXX, distinct. */
export function nanpRegister(
  areaCodes: number,
  perAreaCode: number,
): { npas: string[]; rows: InputRecord[] } {
  const npas: string[] = [];
  for (let npa = 201; npas.length < areaCodes; npa++)
    if (npa % 100 < 90 && npa % 10 !== 1) npas.push(String(npa));
  const rows: InputRecord[] = [];
  for (const npa of npas) {
    for (let k = 0; k < perAreaCode; k++) {
      const nxx = 200 + (k % 800);
      const line = String(Math.floor(k / 800)).padStart(4, '0');
      rows.push({ line: rows.length + 2, phone: `+1${npa}${nxx}${line}` });
    }
  }
  return { npas, rows };
}
