/**
 * Security headers, in one place for every response of the app (routes set none of their own):
 * - every response: `X-Content-Type-Options: nosniff` (a JSON error or a shard is never sniffed into
 *   a page) and `Referrer-Policy: no-referrer`;
 * - HTML pages (the status page, /scrub): a Content-Security-Policy, the one the page asked for with
 *   `c.set('contentSecurityPolicy', …)` or else PAGE_CSP (no script, no connection, inline styles
 *   only), both with `frame-ancestors 'none'`, and `X-Frame-Options: DENY` for browsers that predate
 *   frame-ancestors: no page of the operator can be framed (clickjacking).
 * The page scripts under /assets/ are static files served before the app, with the same nosniff and
 * their own policy (src/cli/web-assets.ts on Node, dist/web/_headers on Cloudflare).
 */
import type { MiddlewareHandler } from 'hono';

/** A page that runs no script: the status page. */
export const PAGE_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): MiddlewareHandler<{ Variables: { contentSecurityPolicy?: string } }> {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
    if (/^text\/html\b/i.test(headers.get('Content-Type') ?? '')) {
      headers.set('Content-Security-Policy', c.get('contentSecurityPolicy') ?? PAGE_CSP);
      headers.set('X-Frame-Options', 'DENY');
    }
  };
}
