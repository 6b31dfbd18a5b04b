/**
 * Writes the embedded sample registry: a Bloctel-style CSV export of synthetic numbers (see
 * fictional-numbers.ts) in mixed spellings, with registration dates (some expired), a few duplicates
 * and a few malformed lines, like a real export. Deterministic: the same file every run.
 *   node scripts/generate-sample.ts [OUT] [COUNT]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fictionalNumber, seededRandom, spellings } from './fictional-numbers.ts';

export const SAMPLE_REFERENCE_DATE = '2026-11-28';

export function generateSampleRegistry(count: number): { csv: string; registered: string[]; free: string[] } {
  const random = seededRandom(2026);
  const rows = ['phone;registered_on;channel'];
  const registered: string[] = [];
  for (let i = 0; i < count; i++) {
    const e164 = fictionalNumber(i * 2); // odd positions stay free, for "not listed" examples
    const forms = spellings(e164);
    const daysAgo = Math.floor(random() * 4 * 365); // about a quarter older than 3 years: expired
    const date = new Date(Date.parse(`${SAMPLE_REFERENCE_DATE}T00:00:00Z`) - daysAgo * 86_400_000)
      .toISOString()
      .slice(0, 10);
    rows.push(`${forms[Math.floor(random() * forms.length)]};${date};${random() < 0.7 ? 'web' : 'phone'}`);
    const renewed = i % 997 === 0;
    if (renewed) rows.push(`${e164};${SAMPLE_REFERENCE_DATE};web`); // a renewal: counted once
    if (renewed || daysAgo < 3 * 365) registered.push(e164);
    if (i % 4999 === 0) rows.push(`not a number;${date};web`);
  }
  const free = Array.from({ length: 5 }, (_, i) => fictionalNumber(i * 2 + 1));
  return { csv: `${rows.join('\n')}\n`, registered, free };
}

if (import.meta.main) {
  const out = process.argv[2] ?? '.quietlist/sample/registry.csv';
  const count = Number(process.argv[3] ?? 30_000);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, generateSampleRegistry(count).csv);
  process.stdout.write(`wrote ${count} synthetic registrations to ${out}\n`);
}
