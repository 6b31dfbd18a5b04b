/** docs/PRIVACY.md quotes each plan's walk from the enumeration benchmark's record, never a stale figure. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planWalkTable, TABLE_END, TABLE_START } from '../../../bench/support/plan-walk-table.ts';
import recorded from '../../../src/core/privacy/enumeration-benchmark.json' with { type: 'json' };

describe('docs/PRIVACY.md', () => {
  it("holds the table of every plan's walk made from the recorded benchmark", () => {
    const page = readFileSync(new URL('../../../docs/PRIVACY.md', import.meta.url), 'utf8');
    const start = page.indexOf(TABLE_START);
    const end = page.indexOf(TABLE_END);
    expect(start, 'the table markers are missing').toBeGreaterThanOrEqual(0);
    expect(page.slice(start, end + TABLE_END.length)).toBe(planWalkTable(recorded));
  });
});
