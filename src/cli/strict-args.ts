/**
 * Strict command lines. citty parses options leniently: an unknown `--x` becomes a stray flag, its
 * value a stray positional, and `--json=yes` turns a flag on. A mistyped option then changes what is
 * checked or published (`check --onlinee URL 0199…` checks the cache and takes the URL for a number).
 * This walks the command tree from the declared args of each command (nothing per command here) and
 * refuses, before a command runs:
 * - an unknown option, naming the nearest declared one (Damerau–Levenshtein);
 * - `--no-x` unless x is a declared flag; a value given to a flag (`--json=yes`); an option repeated
 *   (unless its definition says `repeatable: true`);
 * - an option that takes a value with none (`--store` last, or followed by another option), an enum
 *   value outside its options, a `valueHint: 'url'` value that is not an http(s) URL (so a forgotten
 *   URL cannot swallow the next argument, a phone number);
 * - more positional arguments than declared (a positional with `variadic: true` takes the rest), a
 *   missing required positional or option; options before a subcommand; an unknown subcommand.
 * `--` ends the options. Messages name options and positions, never a value the user typed (it may be
 * a phone number); a token that is echoed has its digits masked.
 */
import type { ArgDef, CommandMeta } from 'citty';
import { QuietlistError } from '../core/errors.ts';

/** Properties an arg definition may add for this layer; citty ignores them. */
export interface StrictArgMarks {
  /** A positional that takes every remaining positional argument (`check NUMBER…`). */
  variadic?: boolean;
  /** An option that may be given several times (`receipt verify --output A --output B`). */
  repeatable?: boolean;
}

type AnyArg = ArgDef & StrictArgMarks & { alias?: string | string[] };
type Resolvable<T> = T | Promise<T> | (() => T | Promise<T>);

/** What this layer reads of a citty command (any CommandDef fits). */
interface CommandShape {
  meta?: unknown;
  args?: unknown;
  subCommands?: unknown;
}

/**
 * Options withdrawn for a reason the error should give, when the command declares their replacement.
 * A key on the command line is readable by every user of the machine (ps, /proc/PID/cmdline) and
 * lands in shell history.
 */
const WITHDRAWN: Record<string, { replacement: string; why: string }> = {
  'api-key': {
    replacement: 'api-key-file',
    why: 'a key on the command line shows in ps and shell history: set $QUIETLIST_API_KEY, or pass --api-key-file FILE (--api-key-file - reads it from stdin)',
  },
};

const lenient = new WeakSet<object>();

/** Marks a command that takes any arguments (a stand-in that only reports why it cannot run). */
export function acceptAnyArguments<T extends object>(command: T): T {
  lenient.add(command);
  return command;
}

async function resolve<T>(value: Resolvable<T> | undefined): Promise<T | undefined> {
  return typeof value === 'function' ? await (value as () => T | Promise<T>)() : await value;
}

/** `where` is the command path ("quietlist keys add"); the message names the command without the program. */
function refuse(where: string, message: string): never {
  const command = where.split(' ').slice(1).join(' ');
  throw new QuietlistError('INVALID_ARGUMENT', command ? `${command}: ${message}` : message);
}

/** A typed token as it may be shown: with 6 digits or more, digits masked (it may be a phone number). */
export function shown(token: string): string {
  const masked = (token.match(/\d/g)?.length ?? 0) >= 6 ? token.replace(/\d/g, '#') : token;
  return masked.length > 40 ? `${masked.slice(0, 37)}...` : masked;
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The known name nearest to `typed`, and whether it is near enough to be a likely misspelling. */
export function nearest(typed: string, known: string[]): { name: string; close: boolean } | undefined {
  let best: { name: string; distance: number } | undefined;
  const lower = typed.toLowerCase();
  for (const name of known) {
    const distance = Math.min(
      editDistance(lower, name),
      // A prefix of a known name (`--date` for `--date-format`) counts as close.
      name.startsWith(lower) && lower.length >= 3 ? 1 : Number.POSITIVE_INFINITY,
    );
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best) return undefined;
  return { name: best.name, close: best.distance <= Math.max(2, Math.floor(best.name.length / 3)) };
}

function suggestion(typed: string, known: string[], prefix: string, help: string): string {
  const found = nearest(typed, known);
  if (!found) return ` (${help} lists what it takes)`;
  return found.close
    ? `: did you mean ${prefix}${found.name}?`
    : ` (the nearest is ${prefix}${found.name}; ${help} lists every one)`;
}

function ordinal(n: number): string {
  return `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
}

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\/[^/\s]/i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a whole command line against the command tree; throws QuietlistError('INVALID_ARGUMENT')
 * with one line naming the problem. Reads nothing but the command definitions.
 */
export async function checkCommandLine(root: CommandShape, rawArgs: string[]): Promise<void> {
  let command = root;
  let path = (await resolve(root.meta as Resolvable<CommandMeta>))?.name ?? 'quietlist';
  let tokens = rawArgs;
  // citty answers --help / -h anywhere with the usage, before any command runs.
  if (rawArgs.some((token) => token === '--help' || token === '-h')) return;
  for (;;) {
    if (lenient.has(command)) return;
    const subCommands = await resolve(command.subCommands as Resolvable<Record<string, unknown>>);
    if (!subCommands || Object.keys(subCommands).length === 0) break;
    const index = tokens.findIndex((token) => !token.startsWith('-') || token === '--');
    const before = index === -1 ? tokens : tokens.slice(0, index);
    const misplaced = before[0];
    if (misplaced !== undefined) {
      refuse(
        path,
        `${shown(misplaced)} before the command: options go after it (${path} <command> --help lists them)`,
      );
    }
    const name = index === -1 ? undefined : tokens[index];
    if (name === undefined || name === '--') return; // citty says which commands there are
    const names = Object.keys(subCommands);
    if (!names.includes(name)) {
      refuse(path, `unknown command ${shown(name)}${suggestion(name, names, '', `${path} --help`)}`);
    }
    command = (await resolve(subCommands[name] as Resolvable<CommandShape>)) ?? {};
    path = `${path} ${name}`;
    tokens = tokens.slice(index + 1);
  }
  checkArguments(path, (await resolve(command.args as Resolvable<Record<string, AnyArg>>)) ?? {}, tokens);
}

function checkArguments(path: string, args: Record<string, AnyArg>, tokens: string[]): void {
  const help = `${path} --help`;
  const options = Object.entries(args).filter(([, def]) => def.type !== 'positional');
  const byName = new Map<string, [string, AnyArg]>();
  for (const [name, def] of options) {
    byName.set(name, [name, def]);
    for (const alias of [def.alias ?? []].flat()) byName.set(alias, [name, def]);
  }
  const knownOptions = [...byName.keys()];
  const given = new Map<string, number>();
  const positionals: { index: number; afterFlag?: string }[] = [];
  let optionsEnded = false;
  let previousFlag: string | undefined;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (optionsEnded || token === '-' || !token.startsWith('-')) {
      positionals.push({ index: i, afterFlag: previousFlag });
      previousFlag = undefined;
      continue;
    }
    previousFlag = undefined;
    if (token === '--') {
      optionsEnded = true;
      continue;
    }
    const long = token.startsWith('--');
    const body = token.slice(long ? 2 : 1);
    const equals = body.indexOf('=');
    const typed = equals === -1 ? body : body.slice(0, equals);
    const inline = equals === -1 ? undefined : body.slice(equals + 1);
    const spelled = `${long ? '--' : '-'}${typed}`;
    let entry = long || typed.length === 1 ? byName.get(typed) : undefined;
    let negated = false;
    if (!entry && long && typed.startsWith('no-')) {
      const target = byName.get(typed.slice(3));
      if (target?.[1].type === 'boolean') {
        entry = target;
        negated = true;
      } else if (target) {
        refuse(path, `${shown(spelled)}: --${target[0]} takes a value and cannot be negated`);
      }
    }
    if (!entry) {
      const withdrawn = WITHDRAWN[typed];
      if (withdrawn && byName.has(withdrawn.replacement))
        refuse(path, `--${typed} is refused: ${withdrawn.why}`);
      refuse(path, `unknown option ${shown(spelled)}${suggestion(typed, knownOptions, '--', help)}`);
    }
    const [name, def] = entry;
    const count = (given.get(name) ?? 0) + 1;
    given.set(name, count);
    if (count > 1 && !def.repeatable) refuse(path, `--${name} is given more than once`);

    if (def.type === 'boolean') {
      if (inline !== undefined) {
        refuse(path, `${negated ? '--no-' : '--'}${name} is a flag and takes no value (drop "=…")`);
      }
      previousFlag = negated ? `--no-${name}` : `--${name}`;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = tokens[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) {
        refuse(
          path,
          next === undefined
            ? `--${name} needs a value`
            : `--${name} needs a value, and the argument after it is an option (write --${name}=VALUE for a value that starts with "-")`,
        );
      }
      value = next;
      i++;
    }
    if (def.type === 'enum' && def.options && !def.options.includes(value)) {
      refuse(path, `--${name} takes one of: ${def.options.join(', ')}`);
    }
    if (def.valueHint === 'url' && !isHttpUrl(value)) {
      refuse(
        path,
        `--${name} takes a URL (http://… or https://…), and the value after it is not one${inline === undefined ? ': did you forget it?' : ''}`,
      );
    }
  }

  const declared = Object.entries(args).filter(([, def]) => def.type === 'positional');
  const variadic = declared.some(([, def]) => def.variadic);
  if (!variadic && positionals.length > declared.length) {
    const extra = positionals[declared.length]!;
    const takes =
      declared.length === 0
        ? 'takes no positional argument'
        : `takes ${declared.map(([name]) => name.toUpperCase()).join(' ')} only`;
    const hint = extra.afterFlag
      ? `: ${extra.afterFlag} is a flag and takes no value`
      : ' (a value without its option?)';
    refuse(path, `unexpected ${ordinal(declared.length + 1)} argument: ${path} ${takes}${hint}`);
  }
  declared.forEach(([name, def], index) => {
    const required = def.required !== false && def.default === undefined;
    if (required && positionals.length <= index) refuse(path, `missing ${name.toUpperCase()} (see ${help})`);
  });
  for (const [name, def] of options) {
    if (def.required && def.default === undefined && !given.has(name)) refuse(path, `--${name} is required`);
  }
}

/** Every value of a repeatable option (`--output a --output b`, `--output=a`), in order. */
export function repeated(rawArgs: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i]!;
    if (arg === `--${name}` && rawArgs[i + 1] !== undefined) values.push(rawArgs[++i]!);
    else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
  }
  return values;
}
