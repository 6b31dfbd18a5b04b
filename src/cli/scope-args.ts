/**
 * `--channel` and `--sector` (check, scrub): the scope a check answers for, in an epoch whose register
 * declares channels or sectors (Spain's Lista Robinson: docs/REGISTERS.md). Without them a check
 * answers for any channel and any sector: a number opted out of anything is listed, the safe default.
 * Given for an epoch without scopes, they are refused rather than silently ignored.
 */
import type { Manifest } from '../core/epoch/manifest.ts';
import { epochRules } from '../core/registers/epoch-rules.ts';
import { parseScopeQuery, type ScopeQuery } from '../core/scopes/scope-labels.ts';

export const scopeArgs = {
  channel: {
    type: 'string',
    valueHint: 'code',
    description:
      'Scoped registers (es-robinson): the channel you will use (call, sms, email, post); default any: a number opted out of any channel is listed',
  },
  sector: {
    type: 'string',
    valueHint: 'code',
    description:
      'Scoped registers: the advertising sector of the campaign (energy, telecoms…); default any: a number opted out of any sector is listed',
  },
} as const;

/** The scope checked, or undefined for an epoch without scopes (refusing --channel/--sector there). */
export function scopeFromArgs(
  manifest: Manifest,
  args: { channel?: string; sector?: string },
): ScopeQuery | undefined {
  const rules = epochRules(manifest);
  const query = parseScopeQuery(rules.scopes, args, `${rules.name} (${rules.id})`);
  return rules.scopes ? query : undefined;
}
