/**
 * The scrub page on Workers: GET /scrub rendered by the worker (with the operator key it publishes and
 * a policy that keeps the page's traffic on this server). Its script and Web Worker are Workers Static
 * Assets, which the test pool does not route: test/integration/browser/scrub-page-worker.test.ts runs
 * the page against this worker under `wrangler dev`.
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';

const seed = inject('workerSeed');
const origin = 'https://quietlist.example';

describe('scrub page on the worker', () => {
  it('renders /scrub in the browser’s language, with the published key and a same-origin-only policy', async () => {
    const english = await exports.default.fetch(
      new Request(`${origin}/scrub`, { headers: { 'Accept-Language': 'en-US,en;q=0.9' } }),
    );
    expect(english.status).toBe(200);
    expect(english.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const html = await english.text();
    expect(html).toContain(`data-public-key="${seed.publicKey}"`);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('src="/assets/scrub-page.js"');
    const french = await exports.default.fetch(
      new Request(`${origin}/scrub`, { headers: { 'Accept-Language': 'fr-CA,fr;q=0.9' } }),
    );
    expect(await french.text()).toContain('<html lang="fr">');
  });

  it('answers 405 with Allow to another method on /scrub and on a script path, 404 to a missing script', async () => {
    for (const path of ['/scrub', '/assets/scrub-worker.js']) {
      const wrong = await exports.default.fetch(new Request(`${origin}${path}`, { method: 'POST' }));
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('GET, HEAD');
      expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
    }
    // The pool has no static assets: a GET of a script reaching the worker is a 404, not a 405.
    const missing = await exports.default.fetch(new Request(`${origin}/assets/scrub-worker.js`));
    expect(missing.status).toBe(404);
  });
});
