/**
 * How a register's export may spell a channel or a sector (docs/REGISTERS.md, "Channels and sectors in
 * an export"): its code (`call`), or one of the choice's aliases, the register's own words (`llamadas`,
 * `Teléfono`, `correo postal`). A cell value is compared whole, never as a substring, after folding:
 * Unicode NFD with the combining marks removed (Excel and older CRMs drop accents: `Telefono`), lower
 * case, spaces around removed and runs of spaces inside made one (a no-break space is one).
 *
 * Aliases are read by the builder only: they are part of a register profile, never of the rules a
 * manifest signs (registerRulesOf in core/registers/profile.ts strips them, so clients deployed before
 * aliases existed still read every manifest). The builder is handed the profile's own scopes to read
 * an export with (run-build.ts: `exportScopes`), and signs the stripped rules.
 */

/** A channel or sector choice as spellings see it: its code and, in a profile, its aliases. */
export interface SpelledChoice {
  code: string;
  aliases?: readonly string[];
}

/** Every spelling of one dimension (channels or sectors): folded spelling → code. */
export interface DimensionSpellings {
  /** The declared codes, in order (for messages). */
  codes: readonly string[];
  byFolded: ReadonlyMap<string, string>;
  /** Whether any choice has an alias (a message then says they exist). */
  hasAliases: boolean;
}

/**
 * Values of a cell that mean every code of the dimension, folded: the English ones the format always
 * took, and "all" in each language the pages speak (a Spanish export writes `Todos`). No alias may be
 * one of them.
 */
export const ALL_SPELLINGS: ReadonlySet<string> = new Set([
  'all',
  '*',
  'any',
  'todos',
  'todas',
  'todo',
  'tous',
  'toutes',
  'tout',
  'tutti',
  'tutte',
  'tutto',
  'alle',
  'allemaal',
]);

/** Separators of a cell (`call|sms`, `call, sms`, `call;sms`): an alias holding one could never match. */
export const CELL_SEPARATORS = /[|,;]/;

const COMBINING_MARKS = /\p{M}/gu;
const SPACES = /\s+/g;
const PLAIN_ASCII = /^[a-z0-9-]*$/;

/** A value as spellings compare it: no accents, lower case, spaces trimmed and collapsed. */
export function foldSpelling(value: string): string {
  const trimmed = value.trim();
  // The common case, a code as written: nothing to fold.
  if (PLAIN_ASCII.test(trimmed)) return trimmed;
  return trimmed.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '').replace(SPACES, ' ').trim();
}

/**
 * The spellings of a dimension's choices: each code, and each alias folded. Profiles are checked
 * (`spellingConflicts`) before their choices get here; should two choices still claim one spelling,
 * the first keeps it.
 */
export function spellingsOfChoices(choices: readonly SpelledChoice[]): DimensionSpellings {
  const byFolded = new Map<string, string>();
  for (const choice of choices) byFolded.set(choice.code, choice.code);
  let hasAliases = false;
  for (const choice of choices)
    for (const alias of choice.aliases ?? []) {
      hasAliases = true;
      const folded = foldSpelling(alias);
      if (!byFolded.has(folded)) byFolded.set(folded, choice.code);
    }
  return { codes: choices.map((choice) => choice.code), byFolded, hasAliases };
}

/**
 * What is wrong with a dimension's aliases, one sentence each (empty when nothing): an alias that folds
 * to nothing, holds a cell separator, means "all", names another choice's code, or is claimed by two
 * choices. `kind` is "channel" or "sector".
 */
export function spellingConflicts(
  choices: readonly SpelledChoice[],
  kind: string,
): { index: number; alias: number; message: string }[] {
  const codes = new Set(choices.map((choice) => choice.code));
  const owner = new Map<string, string>();
  const problems: { index: number; alias: number; message: string }[] = [];
  const problemOf = (alias: string, code: string): string | undefined => {
    const folded = foldSpelling(alias);
    if (folded === '') return 'is empty';
    if (CELL_SEPARATORS.test(folded))
      return 'holds a cell separator (| , ;): a cell is split there, so it could never match';
    if (ALL_SPELLINGS.has(folded)) return 'means every code in a cell';
    if (codes.has(folded) && folded !== code) return `is the code of another ${kind}`;
    const claimed = owner.get(folded);
    if (claimed !== undefined && claimed !== code)
      return `is also an alias of ${claimed}: a cell would not say which`;
    owner.set(folded, code);
    return undefined;
  };
  for (const [index, choice] of choices.entries())
    for (const [at, alias] of (choice.aliases ?? []).entries()) {
      const problem = problemOf(alias, choice.code);
      if (problem !== undefined)
        problems.push({ index, alias: at, message: `${kind} alias "${alias}" of ${choice.code} ${problem}` });
    }
  return problems;
}

/** Spellings per choices array: built once, not per cell (a cell is read per row). */
const spellingTables = new WeakMap<readonly SpelledChoice[], DimensionSpellings>();

/** The spellings a dimension's choices are read with: their codes and their aliases. */
export function spellingsOf(choices: readonly SpelledChoice[]): DimensionSpellings {
  let spellings = spellingTables.get(choices);
  if (spellings === undefined) {
    spellings = spellingsOfChoices(choices);
    spellingTables.set(choices, spellings);
  }
  return spellings;
}
