/**
 * Synthetic registers with scopes and partitions for tests (docs/FORMAT.md §1.3, §1.4): a Spanish-style
 * register whose rows name channels and sectors, and a US-style one whose numbers fall in several area
 * codes. NANP numbers are the fictional 555-0100…0199 of each area code; Spanish ones are valid numbers
 * of the plan drawn by scripts/register-numbers.ts (never printed: tests name indexes and counts only).
 */

import { REGISTER_PROFILES, registerNumbers } from '../../scripts/register-numbers.ts';
import type { InputRecord } from '../../src/builder/input/record.ts';
import { builtinProfile } from '../../src/core/registers/builtin-profiles.ts';
import { type RegisterRules, registerRulesOf } from '../../src/core/registers/profile.ts';

export const US_RULES: RegisterRules = registerRulesOf(builtinProfile('us-dnc')!);
export const ES_RULES: RegisterRules = registerRulesOf(builtinProfile('es-robinson')!);

/** `perAreaCode` (at most 100) fictional numbers of each area code, E.164, area code by area code. */
export function nanpNumbers(areaCodes: readonly string[], perAreaCode: number, from = 0): string[] {
  if (from + perAreaCode > 100) throw new RangeError('555-0100…0199: at most 100 numbers per area code');
  return areaCodes.flatMap((npa) =>
    Array.from({ length: perAreaCode }, (_, i) => `+1${npa}55501${String(from + i).padStart(2, '0')}`),
  );
}

/** `count` valid Spanish numbers, E.164 (seeded: the same ones every run). */
export function spanishNumbers(count: number, seed = 34): string[] {
  const profile = REGISTER_PROFILES.find((p) => p.id === 'ES')!;
  return registerNumbers(profile, count, seed).map((number) => number.e164);
}

/** What a Lista Robinson row opts out of: channels and sectors as an export writes them ('' = all). */
export interface RobinsonRow {
  phone: string;
  channels: string;
  sectors: string;
}

/**
 * Registrations of every shape, cycling: everything, one channel, two channels, one sector, two
 * sectors, a channel and a sector, two of each, every channel named (= all).
 */
export const ROBINSON_SHAPES: readonly Omit<RobinsonRow, 'phone'>[] = [
  { channels: '', sectors: '' },
  { channels: 'call', sectors: '' },
  { channels: 'sms|email', sectors: '' },
  { channels: '', sectors: 'energy' },
  { channels: '', sectors: 'telecoms;finance' },
  { channels: 'call', sectors: 'energy' },
  { channels: 'call, post', sectors: 'insurance|retail' },
  { channels: 'call|sms|email|post', sectors: 'travel' },
];

export function robinsonRows(phones: readonly string[]): RobinsonRow[] {
  return phones.map((phone, i) => ({ phone, ...ROBINSON_SHAPES[i % ROBINSON_SHAPES.length]! }));
}

export async function* recordsOf(rows: readonly RobinsonRow[]): AsyncGenerator<InputRecord[]> {
  yield rows.map((row, i) => ({ line: i + 2, ...row }));
}

/** Whether a row's registration covers a check for (channel, sector) (null: any): the truth tests compare with. */
export function rowCovers(
  row: Omit<RobinsonRow, 'phone'>,
  channel: string | null,
  sector: string | null,
): boolean {
  const codes = (cell: string) =>
    cell
      .split(/[|,;]/)
      .map((part) => part.trim())
      .filter(Boolean);
  const channels = codes(row.channels);
  const sectors = codes(row.sectors);
  const channelOk = channels.length === 0 || channel === null || channels.includes(channel);
  const sectorOk = sectors.length === 0 || sector === null || sectors.includes(sector);
  return channelOk && sectorOk;
}
