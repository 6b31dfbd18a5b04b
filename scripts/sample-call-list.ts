/**
 * The demo's call list: what a telemarketer would scrub. Registered and free fictional numbers in the
 * spellings people type, plus two that are not numbers, with other columns a scrub must keep as they are.
 * Deterministic: the same file for the same sample registry.
 */
import { fictionalNumber, spellings } from './fictional-numbers.ts';

export interface SampleCallList {
  csv: string;
  rows: number;
  registered: number;
  free: number;
  invalid: number;
}

export function sampleCallList(registry: { registered: string[] }, size = { registered: 8, free: 10 }) {
  const registered = registry.registered.slice(0, size.registered).map((e164, i) => spellings(e164)[i % 8]!);
  // The sample registry lists even positions of the fictional blocks only: odd ones are free.
  const free = Array.from(
    { length: size.free },
    (_, i) => spellings(fictionalNumber(i * 2 + 1))[(i + 3) % 8]!,
  );
  const invalid = ['not a number', '06 12'];
  const phones: string[] = [];
  for (let i = 0; phones.length < registered.length + free.length; i++) {
    if (i < free.length) phones.push(free[i]!);
    if (i < registered.length) phones.push(registered[i]!);
  }
  phones.splice(5, 0, invalid[0]!);
  phones.splice(12, 0, invalid[1]!);
  const lines = ['id,name,phone,city'];
  phones.forEach((phone, i) => {
    lines.push(`${i + 1},Prospect ${i + 1},"${phone}",${i % 2 === 0 ? 'Lyon' : 'Nantes'}`);
  });
  return {
    csv: `${lines.join('\n')}\n`,
    rows: phones.length,
    registered: registered.length,
    free: free.length,
    invalid: invalid.length,
  } satisfies SampleCallList;
}
