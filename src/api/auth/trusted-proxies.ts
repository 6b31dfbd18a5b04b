/**
 * `serve --trust-proxy`: the client address behind a load balancer on Node, for the failed-
 * authentication limiter. X-Forwarded-For is believed only as far as trusted proxies wrote it:
 * - a list of addresses / CIDR ranges: when the socket's peer is in it, walk X-Forwarded-For from
 *   the right (the nearest hop first), skipping trusted addresses; the first untrusted one is the
 *   client. A peer outside the list is the client, whatever the header says.
 * - a hop count N: the peer and the N-1 nearest entries are proxies; the client is the Nth entry from
 *   the right (for a server that can only be reached through exactly N proxies).
 * Entries to the left of the client were written by the client itself and are never read. Every
 * address is canonicalised (ip-address.ts), so one client spelt several ways has one budget; an entry
 * that is no address at all was passed on by a trusted proxy, which is then taken as the client (its
 * spellings cannot buy new budgets). Node only (node:net's BlockList); the worker uses
 * CF-Connecting-IP and never imports this file.
 */
import { BlockList, isIP } from 'node:net';
import { QuietlistError } from '../../core/errors.ts';
import type { AddressResolver } from './failed-attempts.ts';
import { canonicalAddress } from './ip-address.ts';

/** The entries of X-Forwarded-For, canonical; undefined for one that is not an address. */
function hops(forwardedFor: string | undefined): (string | undefined)[] {
  return (forwardedFor ?? '')
    .split(',')
    .filter((entry) => entry.trim() !== '')
    .map(canonicalAddress);
}

/** The socket's peer, canonical ("::ffff:10.0.0.1", an IPv4 peer on a dual-stack socket, → "10.0.0.1"). */
function peerAddress(peer: string): string {
  return canonicalAddress(peer) ?? peer.trim();
}

function invalid(text: string): QuietlistError {
  return new QuietlistError(
    'INVALID_ARGUMENT',
    `--trust-proxy: "${text}" is not a hop count (1-10) or a list of IP addresses / CIDR ranges`,
  );
}

/** Parses `--trust-proxy N` or `--trust-proxy 10.0.0.0/8,fd00::/8,192.0.2.7`. */
export function parseTrustProxy(text: string): AddressResolver {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const count = Number(trimmed);
    if (count < 1 || count > 10) throw invalid(trimmed);
    return (peer, forwardedFor) => {
      const chain = [...hops(forwardedFor), peerAddress(peer)];
      // Not an address: the nearest proxy to its right passed it on, and stands for the client.
      for (let i = Math.max(0, chain.length - 1 - count); ; i++) {
        const entry = chain[i];
        if (entry !== undefined) return entry;
      }
    };
  }
  const trusted = new BlockList();
  for (const entry of trimmed.split(',').map((part) => part.trim())) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = Number(prefix);
    if (family === 0 || extra !== undefined) throw invalid(entry);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) trusted.addAddress(address, type);
    else if (/^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128))
      trusted.addSubnet(address, bits, type);
    else throw invalid(entry);
  }
  const isTrusted = (address: string) => {
    const family = isIP(address);
    return family !== 0 && trusted.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
  return (peer, forwardedFor) => {
    let nearestTrusted = peerAddress(peer);
    if (!isTrusted(nearestTrusted)) return nearestTrusted;
    const chain = hops(forwardedFor);
    for (let i = chain.length - 1; i >= 0; i--) {
      const entry = chain[i];
      // Not an address: the trusted proxy that passed it on stands for the client, so that varying
      // the garbage cannot buy new budgets.
      if (entry === undefined) return nearestTrusted;
      if (!isTrusted(entry)) return entry;
      nearestTrusted = entry;
    }
    return nearestTrusted;
  };
}
