/**
 * The strict command-line layer against the real command tree (src/cli/main.ts), in process: every
 * rule, and every leaf command found by walking the tree, so a command or option added later is
 * covered without a list here. test/integration/cli/strict-options.test.ts runs the real CLI.
 */
import { describe, expect, it } from 'vitest';
import { mainCommand } from '../../../src/cli/main.ts';
import { checkCommandLine, editDistance, nearest, shown } from '../../../src/cli/strict-args.ts';
import { QuietlistError } from '../../../src/core/errors.ts';

type Args = Record<string, { type?: string; required?: boolean; default?: unknown; variadic?: boolean }>;
interface Leaf {
  path: string[];
  args: Args;
}

async function resolve<T>(value: unknown): Promise<T> {
  return (typeof value === 'function' ? await value() : await value) as T;
}

async function leaves(command: unknown = mainCommand, path: string[] = []): Promise<Leaf[]> {
  const def = await resolve<{ args?: unknown; subCommands?: unknown }>(command);
  const subCommands = await resolve<Record<string, unknown> | undefined>(def.subCommands);
  if (!subCommands) return [{ path, args: (await resolve<Args | undefined>(def.args)) ?? {} }];
  const found: Leaf[] = [];
  for (const [name, sub] of Object.entries(subCommands)) found.push(...(await leaves(sub, [...path, name])));
  return found;
}

/** The message of the refusal, or undefined when the line is accepted. */
async function refusal(line: string[]): Promise<string | undefined> {
  try {
    await checkCommandLine(mainCommand, line);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(QuietlistError);
    expect((error as QuietlistError).code).toBe('INVALID_ARGUMENT');
    return (error as Error).message;
  }
}

/** The smallest valid line of a leaf: its required positionals and options. */
function minimal(leaf: Leaf): string[] {
  const line = [...leaf.path];
  for (const [name, def] of Object.entries(leaf.args)) {
    if (def.type === 'positional' && def.required !== false && def.default === undefined) line.push('x.csv');
    else if (def.type !== 'positional' && def.required && def.default === undefined)
      line.push(`--${name}`, 'v');
  }
  return line;
}

const all = await leaves();

describe('every command of the tree', () => {
  it('finds the commands (the walk itself works)', () => {
    const names = all.map((leaf) => leaf.path.join(' '));
    expect(names).toEqual(expect.arrayContaining(['build', 'check', 'keys add', 'receipt verify', 'serve']));
  });

  it.each(all.map((leaf) => [leaf.path.join(' '), leaf] as const))(
    '%s: accepts its minimal line',
    async (_, leaf) => {
      expect(await refusal(minimal(leaf))).toBeUndefined();
    },
  );

  it.each(all.map((leaf) => [leaf.path.join(' '), leaf] as const))(
    '%s: refuses each declared option misspelt, naming the option meant',
    async (_, leaf) => {
      for (const [name, def] of Object.entries(leaf.args)) {
        if (def.type === 'positional' || name.length < 4) continue;
        const typo = `${name.slice(0, -2)}${name.at(-1)}${name.at(-2)}`; // last two letters swapped
        if (leaf.args[typo]) continue;
        const message = await refusal([...minimal(leaf), `--${typo}`, 'value']);
        expect(message).toContain(`unknown option --${typo}`);
        expect(message).toContain(`--${name}`);
      }
    },
  );

  it.each(all.map((leaf) => [leaf.path.join(' '), leaf] as const))(
    '%s: refuses a positional it does not take, and a value given to a flag',
    async (_, leaf) => {
      const positionals = Object.values(leaf.args).filter((def) => def.type === 'positional');
      if (!positionals.some((def) => def.variadic)) {
        expect(await refusal([...minimal(leaf), 'stray'])).toMatch(/unexpected \d\w\w argument/);
      }
      const flag = Object.entries(leaf.args).find(([, def]) => def.type === 'boolean');
      if (flag) expect(await refusal([...minimal(leaf), `--${flag[0]}=yes`])).toContain('takes no value');
    },
  );
});

describe('the cases of issue 17', () => {
  it('build --date-colum: unknown, the nearest named', async () => {
    expect(await refusal(['build', 'export.csv', '--date-colum', 'registered'])).toBe(
      'build: unknown option --date-colum: did you mean --date-column?',
    );
  });

  it('check --onlinee URL NUMBER: unknown, so nothing is checked', async () => {
    expect(await refusal(['check', '--onlinee', 'https://dnc.example', '0199000000'])).toBe(
      'check: unknown option --onlinee: did you mean --online?',
    );
  });

  it('build --regster: unknown, with the nearest known option', async () => {
    expect(await refusal(['build', '--regster', 'us-dnc', 'export.csv'])).toBe(
      'build: unknown option --regster: did you mean --register?',
    );
  });

  it('check --online with its URL forgotten does not swallow a number, and echoes none', async () => {
    const message = await refusal(['check', '--online', '0199000000', '0199000001']);
    expect(message).toContain('--online takes a URL');
    expect(message).not.toMatch(/\d{4}/);
    expect(await refusal(['check', '0199000000', '--online'])).toBe('check: --online needs a value');
    expect(await refusal(['check', '--online', '--json', '0199000000'])).toContain('--online needs a value');
    expect(await refusal(['check', '--online=https://dnc.example', '0199000000'])).toBeUndefined();
  });
});

describe('rules', () => {
  it('--help anywhere is citty’s; options and values spelled as declared pass', async () => {
    expect(await refusal(['build', '--help'])).toBeUndefined();
    expect(
      await refusal(['build', 'a.csv', '--mode', 'secret', '--keep=3', '--dry-run', '--json']),
    ).toBeUndefined();
    expect(await refusal(['check', '01', '02', '03', '--json'])).toBeUndefined();
    expect(await refusal(['build', '-', '--store', 'file://s'])).toBeUndefined(); // "-" is stdin
  });

  it('--no-x: only for a declared flag; a declared no-x flag is itself', async () => {
    expect(await refusal(['scrub', 'in.csv', '--out', 'o.csv', '--no-timestamp'])).toBeUndefined();
    expect(await refusal(['build', 'a.csv', '--no-expiry'])).toBeUndefined();
    expect(await refusal(['build', 'a.csv', '--no-store'])).toBe(
      'build: --no-store: --store takes a value and cannot be negated',
    );
    expect(await refusal(['build', 'a.csv', '--no-expiry=yes'])).toContain('takes no value');
  });

  it('a repeated option is refused unless declared repeatable', async () => {
    expect(await refusal(['build', 'a.csv', '--store', 'file://a', '--store', 'file://b'])).toBe(
      'build: --store is given more than once',
    );
    expect(await refusal(['scrub', 'in.csv', '--out', 'o', '--timestamp', '--no-timestamp'])).toContain(
      'more than once',
    );
    expect(await refusal(['receipt', 'verify', 'r.json', '--output', 'a', '--output=b'])).toBeUndefined();
  });

  it('an option value that starts with "-" must be attached with =', async () => {
    expect(await refusal(['build', 'a.csv', '--fp-rate', '-1'])).toContain('write --fp-rate=VALUE');
    expect(await refusal(['build', 'a.csv', '--fp-rate=-1'])).toBeUndefined(); // the command judges the value
  });

  it('enum values are checked here, without echoing the value', async () => {
    const message = await refusal(['build', 'a.csv', '--mode', '0199000000']);
    expect(message).toBe('build: --mode takes one of: open, secret, oprf');
  });

  it('a flag followed by a value the command does not take names the flag', async () => {
    expect(await refusal(['build', 'a.csv', '--dry-run', 'yes'])).toBe(
      'build: unexpected 2nd argument: quietlist build takes INPUT only: --dry-run is a flag and takes no value',
    );
    expect(await refusal(['pull', '--from', 'file://s', 'extra'])).toContain(
      'quietlist pull takes no positional argument',
    );
  });

  it('missing required positionals and options', async () => {
    expect(await refusal(['build'])).toBe('build: missing INPUT (see quietlist build --help)');
    expect(await refusal(['scrub', 'in.csv'])).toBe('scrub: --out is required');
    expect(await refusal(['keys', 'revoke'])).toContain('missing ID');
  });

  it('commands: unknown ones and options before them', async () => {
    expect(await refusal(['bulid', 'a.csv'])).toBe('unknown command bulid: did you mean build?');
    expect(await refusal(['keys', 'lst'])).toBe('keys: unknown command lst: did you mean list?');
    expect(await refusal(['--json', 'check', '01'])).toContain('before the command');
    expect(await refusal(['keys', '--json', 'list'])).toContain('before the command');
  });

  it('camelCase and short spellings citty would accept are refused for the declared one', async () => {
    expect(await refusal(['build', 'a.csv', '--dateColumn', 'd'])).toBe(
      'build: unknown option --dateColumn: did you mean --date-column?',
    );
    expect(await refusal(['build', 'a.csv', '-v'])).toMatch(/^build: unknown option -v/);
  });

  it('--api-key VALUE is refused with the alternatives, where the command takes a key', async () => {
    for (const line of [
      ['check', '01', '--worker', 'https://dnc.example', '--api-key', 'ql_x_y'],
      ['pull', '--from', 'https://dnc.example', '--api-key=ql_x_y'],
      ['scrub', 'in.csv', '--out', 'o.csv', '--api-key', 'ql_x_y'],
    ]) {
      const message = await refusal(line);
      expect(message).toContain('--api-key is refused');
      expect(message).toContain('$QUIETLIST_API_KEY');
      expect(message).toContain('--api-key-file');
      expect(message).not.toContain('ql_x_y');
    }
    expect(await refusal(['build', 'a.csv', '--api-key', 'k'])).toMatch(/^build: unknown option --api-key/);
  });

  it('after --, everything is positional', async () => {
    expect(await refusal(['check', '--', '--not-an-option'])).toBeUndefined();
  });

  it('digits are never echoed', async () => {
    expect(await refusal(['0199000000'])).toMatch(/^unknown command #{10} /);
    expect(await refusal(['check', '--0199000000'])).toContain('--##########');
    expect(shown('+33199000000')).toBe('+###########');
  });
});

describe('nearest', () => {
  it('Damerau–Levenshtein: a transposition costs 1', () => {
    expect(editDistance('colmun', 'column')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('close names are suggested as a likely misspelling, far ones only as the nearest', () => {
    expect(nearest('stroe', ['store', 'keys'])).toEqual({ name: 'store', close: true });
    expect(nearest('date', ['date-column', 'keys'])).toEqual({ name: 'date-column', close: true });
    expect(nearest('register', ['region', 'rejects', 'keys'])?.close).toBe(false);
    expect(nearest('x', [])).toBeUndefined();
  });
});
