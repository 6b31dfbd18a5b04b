/**
 * No phone number in a URL. Numbers travel in POST bodies only: a URL is kept by every layer a request
 * crosses (Cloudflare's invocation logs and traces, a load balancer's access log, a proxy, the
 * browser's history), whatever this app's audit line holds. A request whose path or query holds
 * something that looks like a phone number answers 400 NUMBER_IN_URL, before routing, so the audit
 * line names no route and nothing of the path is logged (http/audit.ts).
 *
 * Looks like a phone number: after percent-decoding (and `+` read as a space), 6 digits or more, each
 * separated from the next by at most two of the separators people write numbers with (space . - ( ) +).
 * Tokens the API itself puts in URLs are set aside first: epoch ids (`20261128T020000Z-k3x9q2`), ISO
 * dates and times, and hex strings of 16 characters or more (hashes; a phone number has at most 15
 * digits). Shard file names hold 5 digits. Any Unicode decimal digit counts.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors/api-error.ts';

const SET_ASIDE = [
  // An epoch id (core/epoch/manifest.ts EPOCH_ID_PATTERN).
  /(?<![0-9A-Za-z])\d{8}T\d{6}Z(?:-[0-9a-z]{1,16})?(?![0-9A-Za-z])/g,
  // An ISO 8601 date, with or without a time, that no further digit continues (0199-01-01-23 is not one).
  /(?<!\d[\s.()+-]{0,2})\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?(?![\s.()+:-]{0,2}\d)/g,
  // A hash in hex.
  /(?<![0-9A-Za-z])[0-9a-f]{16,}(?![0-9A-Za-z])/gi,
];
const PHONE_LIKE = /\p{Nd}(?:[\s.()+-]{0,2}\p{Nd}){5,}/u;

function decoded(part: string): string {
  const spaced = part.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A stray '%': decode what can be decoded, keep the rest as typed.
    return spaced.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** Whether a URL's path or query holds something that looks like a phone number. */
export function urlHoldsNumber(url: URL | string): boolean {
  const { pathname, search } = typeof url === 'string' ? new URL(url) : url;
  // Segments and query parameters are judged one by one: a separator never joins two of them.
  return `${pathname}${search}`.split(/[/?&=;,]/).some((part) => {
    let text = decoded(part);
    for (const pattern of SET_ASIDE) text = text.replace(pattern, '_');
    return PHONE_LIKE.test(text);
  });
}

export function numberInUrlGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (urlHoldsNumber(c.req.url)) throw new ApiError('NUMBER_IN_URL');
    await next();
  };
}
