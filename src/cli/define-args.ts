/**
 * An option table kept in its own file, typed as citty types one written inline in `defineCommand`.
 * `as const` (enough for tables without an enum, such as store-args.ts) would make an enum's `options`
 * a readonly tuple, which citty's parsed-args type does not read: the option would parse as `never`.
 */
import type { ArgsDef } from 'citty';

export function defineArgs<const T extends ArgsDef>(args: T): T {
  return args;
}
