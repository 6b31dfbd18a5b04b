/**
 * The scrub page's script and Web Worker on Node: `quietlist serve` answers GET /assets/<name>.js from
 * dist/web/assets (built by scripts/build-browser.mjs; shipped in the npm package), and hands every
 * other request to the API. On Cloudflare, Workers Static Assets serve the same directory.
 */
import { readFile } from 'node:fs/promises';
import { urlHoldsNumber } from '../api/http/number-in-url-guard.ts';

/** The same path from src/cli (a clone) and dist/cli (the installed package). */
const ASSETS_DIRECTORY = new URL('../../dist/web/assets/', import.meta.url);
const ASSET_PATH = /^\/assets\/([A-Za-z0-9-]+\.js)$/;
/** What the page's scripts may do: talk to this server only (the page itself sends the same policy). */
const SCRIPT_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";

/** The app's fetch; its other arguments (the Node request itself, for the raw-path guard) pass through. */
type Fetch = (request: Request, ...rest: never[]) => Response | Promise<Response>;

export function withWebAssets<F extends Fetch>(fetch: F, directory: URL = ASSETS_DIRECTORY): F {
  return (async (request: Request, ...rest: never[]) => {
    const url = new URL(request.url);
    const match = ASSET_PATH.exec(url.pathname);
    // A number in the URL is the app's to refuse (400 NUMBER_IN_URL), as on Cloudflare, where a path
    // that names no asset reaches the worker.
    if (!match || (request.method !== 'GET' && request.method !== 'HEAD') || urlHoldsNumber(url))
      return fetch(request, ...rest);
    let body: Buffer;
    try {
      body = await readFile(new URL(match[1]!, directory));
    } catch {
      return new Response(
        `${match[1]} is not built: run "npm run build:browser" (a clone), or reinstall the package\n`,
        { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } },
      );
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      headers: {
        'content-type': 'text/javascript; charset=utf-8',
        'content-length': String(body.length),
        'cache-control': 'no-cache',
        'content-security-policy': SCRIPT_CSP,
        'x-content-type-options': 'nosniff',
      },
    });
  }) as F;
}
