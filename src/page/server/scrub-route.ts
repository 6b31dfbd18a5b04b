/**
 * GET /scrub: the page where a company cleans a call list in its own browser (docs/BROWSER.md). This
 * sends its HTML (scrub-template.ts), in the language page-language.ts chooses from the register and
 * the browser (the page switches on its own), with the operator's signing key and fingerprint the page verifies the list against. Its
 * script and Web Worker are static files under /assets/: served by Workers Static Assets on Cloudflare
 * and by `quietlist serve` from dist/web/assets on Node (scripts/build-browser.mjs builds them). The
 * Content-Security-Policy lets the page talk to this server only, and load no code from anywhere else.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../api/app-env.ts';
import type { AppServices } from '../../api/app-services.ts';
import { toBase64 } from '../../core/encoding/base64.ts';
import { currentEpochOrNull, pageLanguage } from './page-language.ts';
import { scrubPageHtml } from './scrub-template.ts';

export const SCRUB_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function registerScrubPageRoute(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  app.get('/scrub', async (c) => {
    const choice = pageLanguage(c, await currentEpochOrNull(services));
    c.set('contentSecurityPolicy', SCRUB_PAGE_CSP); // sent with the other headers by api/http/security-headers.ts
    c.header('Cache-Control', 'no-cache');
    c.header('Vary', 'Accept-Language');
    return c.html(
      scrubPageHtml({
        ...choice,
        publicKey: toBase64(services.epochs.signingKey),
        fingerprint: services.epochs.signingKeyFingerprint,
      }),
    );
  });
}
