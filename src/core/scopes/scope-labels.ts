/**
 * Scopes: what a registration covers and what a check asks about, as labels (docs/FORMAT.md §1.3).
 * A register may split opt-outs by channel (call, sms, email, post) and by advertising sector
 * (energy, telecoms…): Spain's Lista Robinson does. A registration is a set of channels times a set of
 * sectors, either of which may be "all"; a check names a channel and a sector, either of which may be
 * "any" (the company does not say). The number is listed for the check when the two overlap.
 *
 * Labels make that one filter lookup per label, four per reading whatever the register declares:
 *
 *   a registration enters  T_c × T_s   with T = {"*"} for all, else its codes and "?"
 *   a check looks up       Q_c × Q_s   with Q = {code, "*"} for a code, {"?", "*"} for any
 *
 * "*" means every code, "?" some code: T and Q meet exactly when the registration and the check
 * overlap in that dimension. A dimension the register does not declare is always "*". A label is the
 * two parts joined by "/" (`call/energy`, `call/?`). So a number opted out of everything is one entry
 * (all channels, all sectors), listed for every check.
 */
import { QuietlistError } from '../errors.ts';
import type { RegisterScopes } from '../registers/profile.ts';
import {
  ALL_SPELLINGS,
  CELL_SEPARATORS,
  foldSpelling,
  type SpelledChoice,
  spellingsOf,
} from './scope-spellings.ts';

export const ALL = '*';
export const SOME = '?';

/** What a check asks about: a channel and a sector code, or null for any. */
export interface ScopeQuery {
  channel: string | null;
  sector: string | null;
}

/** What one registration covers: codes of each dimension, or every code. */
export interface RegistrationScope {
  channels: readonly string[] | 'all';
  sectors: readonly string[] | 'all';
}

export const ANY_SCOPE: ScopeQuery = Object.freeze({ channel: null, sector: null });
export const EVERY_SCOPE: RegistrationScope = Object.freeze({ channels: 'all', sectors: 'all' });

function entryParts(declared: readonly { code: string }[], chosen: readonly string[] | 'all'): string[] {
  // Every declared code named is "all": one entry instead of one per code.
  if (declared.length === 0 || chosen === 'all' || declared.every((d) => chosen.includes(d.code)))
    return [ALL];
  return [...[...new Set(chosen)].sort(), SOME];
}

function queryParts(declared: readonly { code: string }[], code: string | null): string[] {
  if (declared.length === 0) return [ALL];
  return code === null ? [SOME, ALL] : [code, ALL];
}

/** The labels a registration enters (T_c × T_s), in a fixed order. */
export function entryLabels(scopes: RegisterScopes, registration: RegistrationScope): string[] {
  const channels = entryParts(scopes.channels, registration.channels);
  const sectors = entryParts(scopes.sectors, registration.sectors);
  return channels.flatMap((channel) => sectors.map((sector) => `${channel}/${sector}`));
}

/** The labels a check looks up (Q_c × Q_s): listed when any of them is in the filter. */
export function queryLabels(scopes: RegisterScopes, query: ScopeQuery): string[] {
  const channels = queryParts(scopes.channels, query.channel);
  const sectors = queryParts(scopes.sectors, query.sector);
  return channels.flatMap((channel) => sectors.map((sector) => `${channel}/${sector}`));
}

/**
 * A check's scope from what a user typed (`--channel call --sector energy`, the API's `scope`): each a
 * declared code, or absent / "any" for any. Throws INVALID_ARGUMENT naming the codes there are (never
 * repeating what was given: the API's messages hold nothing of a request).
 */
export function parseScopeQuery(
  scopes: RegisterScopes | undefined,
  given: { channel?: string | null; sector?: string | null },
  registerName = 'this register',
): ScopeQuery {
  const pick = (kind: 'channel' | 'sector', declared: readonly { code: string }[], value?: string | null) => {
    if (value === undefined || value === null) return null;
    const code = value.trim().toLowerCase();
    if (code === '' || code === 'any') return null;
    if (declared.some((choice) => choice.code === code)) return code;
    const known = declared.map((choice) => choice.code);
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      known.length === 0
        ? `${registerName} does not answer per ${kind}: leave the ${kind} out`
        : `that ${kind} is not one of ${registerName}'s: ${known.join(', ')} (or any)`,
    );
  };
  return {
    channel: pick('channel', scopes?.channels ?? [], given.channel),
    sector: pick('sector', scopes?.sectors ?? [], given.sector),
  };
}

/** The scope a check was made for, in words: "channel call, sector energy", "any channel, sector energy". */
export function describeScope(query: ScopeQuery): string {
  if (query.channel === null && query.sector === null) return 'any channel and any sector';
  return `${query.channel === null ? 'any channel' : `channel ${query.channel}`}, ${query.sector === null ? 'any sector' : `sector ${query.sector}`}`;
}

/**
 * One dimension of a registration from an export's cell: empty (or absent) is all; otherwise values
 * separated by `|`, `,` or `;`, each a declared code or one of its aliases, compared whole after folding
 * (scope-spellings.ts: `Teléfono`, `LLAMADAS` and `Telefono` are all `call` in es-robinson). "all",
 * "*", "any" and "all" in the pages' languages (`todos`) also mean all. Returns the first unknown
 * value instead when there is one, as written but trimmed (the builder rejects the row, naming its
 * line).
 */
export function parseScopeCell(
  declared: readonly SpelledChoice[],
  cell: string | undefined,
): readonly string[] | 'all' | { unknown: string } {
  if (cell === undefined) return 'all';
  const values = cell
    .split(CELL_SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const folded = values.map(foldSpelling);
  if (folded.length === 0 || folded.some((value) => ALL_SPELLINGS.has(value))) return 'all';
  const spellings = spellingsOf(declared);
  const codes: string[] = [];
  for (const [i, value] of folded.entries()) {
    const code = spellings.byFolded.get(value);
    if (code === undefined) return { unknown: values[i]! };
    codes.push(code);
  }
  return codes;
}
