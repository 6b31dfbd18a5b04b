/**
 * One spelling per client address, so that the failed-authentication budget (failed-attempts.ts) is
 * counted per client and not per spelling: `010.000.000.001`, `10.0.0.1:5123`, `::ffff:10.0.0.1`,
 * `[::FFFF:a00:1]` are all 10.0.0.1; `2001:DB8:0:0::1`, `[2001:db8::1]:443`, `fe80::1%eth0` become
 * the RFC 5952 form (lower case, longest zero run compressed, zone dropped). IPv4 parts are read as
 * decimal (proxies write no octal). Runtime-neutral: WHATWG URL serialises IPv6 canonically.
 */

function ipv4(text: string): string | undefined {
  const parts = /^(\d{1,8})\.(\d{1,8})\.(\d{1,8})\.(\d{1,8})$/.exec(text)?.slice(1).map(Number);
  return parts?.every((part) => part <= 255) ? parts.join('.') : undefined;
}

/** The canonical spelling of an IPv4 or IPv6 address (a port, brackets or a zone allowed), else undefined. */
export function canonicalAddress(text: string): string | undefined {
  let address = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[^:]+:\d{1,5}$/.test(address)) address = address.slice(0, address.lastIndexOf(':')); // IPv4:port
  address = address.replace(/%[^%]*$/, ''); // an IPv6 zone (fe80::1%eth0) names the host's interface
  const four = ipv4(address);
  if (four) return four;
  if (!address.includes(':') || !/^[0-9a-f:.]+$/i.test(address)) return undefined;
  let host: string;
  try {
    host = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  // IPv4-mapped IPv6 (a dual-stack socket's IPv4 peer): the IPv4 address itself.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (!mapped) return host;
  const high = Number.parseInt(mapped[1]!, 16);
  const low = Number.parseInt(mapped[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}
