/** URLs and storage locations as messages may quote them. Runtime-neutral. */

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/**
 * The location as it may appear in logs and messages: URL user info ("key:secret@"), query strings
 * and fragments (where presigned signatures live) are removed.
 */
export function describeLocation(location: string): string {
  const trimmed = location.trim();
  const match = SCHEME.exec(trimmed);
  if (!match) return trimmed;
  const rest = trimmed.slice(match[0].length).replace(/[?#].*$/, '');
  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? '' : rest.slice(slash);
  const at = authority.lastIndexOf('@');
  return `${match[0]}${at === -1 ? authority : authority.slice(at + 1)}${path}`;
}
