/**
 * One check's scope against several lists (docs/API.md, "One check, several lists"): a call centre asks
 * "channel call, sector insurance" of Spain's Lista Robinson and of an advertiser's objection list in
 * one request. The rule, the same for the API, `check` and `scrub`:
 *
 * - each list answers for the dimensions (channel, sector) it declares: a code it declares is looked
 *   up (FORMAT.md §1.3), a code it does not is an error naming the list and the code, never a silent
 *   "not listed";
 * - a dimension a list does not declare is answered for every value of it: an unscoped list (an
 *   objection list: "never call me") answers whatever the scope, so a number it holds is listed for
 *   every channel and sector;
 * - a dimension asked of lists none of which declares it is refused, as for one list alone: the scope
 *   would change nothing, and whoever sent it believes it did.
 */
import { QuietlistError } from '../errors.ts';
import type { RegisterScopes } from '../registers/profile.ts';
import { parseScopeQuery, type ScopeQuery } from './scope-labels.ts';

/** A list as the rule sees it: its name, the scopes its epoch's register declares, the register's name. */
export interface ScopedList {
  list: string;
  scopes: RegisterScopes | undefined;
  /** How messages name the register: `Lista Robinson (es-robinson)`. */
  register: string;
}

export interface AskedScope {
  channel?: string | null;
  sector?: string | null;
}

const DIMENSIONS = [
  { kind: 'channel', plural: 'channels' },
  { kind: 'sector', plural: 'sectors' },
] as const;

/** A code echoed in an error only when it is letters and hyphens: it can then never spell a number. */
const ECHOABLE = /^[a-z][a-z-]{0,39}$/;

/**
 * The scope each list answers for, in order: a ScopeQuery for a list whose register declares scopes
 * (null where it does not declare the dimension, or where none was asked), undefined for a list
 * without scopes. Throws INVALID_ARGUMENT naming the list and the code when a scoped list does not
 * declare a code asked, or naming the dimension when no list declares it.
 */
export function scopesOfLists(lists: readonly ScopedList[], asked: AskedScope): (ScopeQuery | undefined)[] {
  const given = { channel: codeOf(asked.channel), sector: codeOf(asked.sector) };
  const declares = (list: ScopedList, plural: 'channels' | 'sectors') =>
    (list.scopes?.[plural].length ?? 0) > 0;
  for (const { kind, plural } of DIMENSIONS) {
    if (given[kind] === null || lists.some((list) => declares(list, plural))) continue;
    if (lists.length === 1) {
      // One list: the message the single-list check always gave.
      parseScopeQuery(lists[0]!.scopes, { [kind]: given[kind] }, lists[0]!.register);
    }
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `none of the lists ${lists.map((list) => list.list).join(', ')} answers per ${kind}: leave the ${kind} out`,
    );
  }
  return lists.map((list) => {
    if (!list.scopes) return undefined;
    const own = {
      channel: declares(list, 'channels') ? given.channel : null,
      sector: declares(list, 'sectors') ? given.sector : null,
    };
    try {
      return parseScopeQuery(list.scopes, own, list.register);
    } catch (error) {
      if (lists.length === 1) throw error;
      const kind = own.channel !== null && !known(list.scopes.channels, own.channel) ? 'channel' : 'sector';
      const code = own[kind]!;
      const codes = list.scopes[kind === 'channel' ? 'channels' : 'sectors'].map((choice) => choice.code);
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `list ${list.list}: ${ECHOABLE.test(code) ? `${kind} "${code}"` : `that ${kind}`} is not one of ${list.register}'s: ${codes.join(', ')} (or any)`,
      );
    }
  });
}

/** A code as typed, lower-cased; null for none, empty or "any". */
function codeOf(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const code = value.trim().toLowerCase();
  return code === '' || code === 'any' ? null : code;
}

function known(declared: readonly { code: string }[], code: string): boolean {
  return declared.some((choice) => choice.code === code);
}
