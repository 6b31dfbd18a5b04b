/**
 * GET /: the status page (status-template.ts), in the language page-language.ts chooses from the
 * register and the browser (`?lang=` links switch it). It says what the service is and leads to the
 * scrub page first, the technical details below. Without a served epoch it still answers, with the
 * API's error status and the problem in the person's words.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../api/app-env.ts';
import type { AppServices } from '../../api/app-services.ts';
import { toApiError } from '../../api/errors/error-mapping.ts';
import { signingChain } from '../../api/routes/status.ts';
import { toBase64 } from '../../core/encoding/base64.ts';
import { PAGE_STRINGS } from '../shared/strings/index.ts';
import { pageLanguage } from './page-language.ts';
import { statusPageHtml } from './status-template.ts';

export function registerStatusPageRoute(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  app.get('/', async (c) => {
    c.header('Cache-Control', 'public, max-age=30');
    c.header('Vary', 'Accept-Language');
    const base = {
      origin: new URL(c.req.url).origin,
      docsUrl: services.config.docsUrl,
      publicKey: toBase64(services.epochs.signingKey),
      fingerprint: services.epochs.signingKeyFingerprint,
    };
    try {
      const epoch = await services.epochs.current();
      c.get('audit').epoch = epoch.manifest.epoch;
      const refused = services.epochs.freshness.refused;
      return c.html(
        statusPageHtml({
          ...base,
          ...pageLanguage(c, epoch),
          // The key as the served epoch was verified (a rotation followed), as GET /v1/signing-key says.
          publicKey: toBase64(services.epochs.signingKey),
          fingerprint: services.epochs.signingKeyFingerprint,
          epoch,
          chain: signingChain(services, epoch),
          ...(refused ? { refused: { code: refused.code, at: refused.at } } : {}),
        }),
      );
    } catch (error) {
      const apiError = toApiError(error);
      c.get('audit').errorCode = apiError.code;
      c.header('Cache-Control', 'no-store');
      const choice = pageLanguage(c, null);
      const problem = PAGE_STRINGS[choice.language].apiErrors[apiError.code];
      return c.html(
        statusPageHtml({ ...base, ...choice, epoch: null, chain: null, problem }),
        apiError.status,
      );
    }
  });
}
