/**
 * GET /healthz (200 while an accepted epoch is served and latest.json is not refused; 503 with the
 * refusal while it is, the last trusted epoch still served: a monitor sees it), GET /readyz (200 when
 * no shard problem is known and nothing is refused: what a load balancer should probe) and GET /, a
 * small page for the public and auditors: what is being served, what its mode protects (the sentence of
 * the mode the epoch was built in, nothing the mode does not keep), and how to verify it.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { html } from 'hono/html';
import { fromBase64, toBase64 } from '../../core/encoding/base64.ts';
import type { Manifest } from '../../core/epoch/manifest.ts';
import { publicKeyFingerprint } from '../../core/epoch/signing.ts';
import { modePrivacyStatement } from '../../core/privacy/mode-privacy.ts';
import { epochRules } from '../../core/registers/epoch-rules.ts';
import type { AppEnv } from '../app-env.ts';
import type { AppServices } from '../app-services.ts';
import type { LoadedEpoch } from '../epochs/epoch-cache.ts';
import { toApiError } from '../errors/error-mapping.ts';
import { ANY_OPERATION_ERRORS, EPOCH_ERRORS, errorResponses, HEADERS } from '../openapi/responses.ts';
import { ErrorBody, HealthResponse, ReadyResponse } from '../openapi/schemas.ts';

const MAX_SHARD_LINKS = 32;

export function registerStatusRoutes(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      operationId: 'getHealth',
      summary: 'Health: an accepted epoch is served and latest.json is not refused',
      responses: {
        200: {
          description: 'Serving, nothing refused',
          headers: { 'Cache-Control': HEADERS.noStore },
          content: { 'application/json': { schema: HealthResponse } },
        },
        ...errorResponses(ANY_OPERATION_ERRORS),
        503: {
          description: `latest.json is refused while the last trusted epoch stays served (a Health body, \`status: refused\`, the reason in \`freshness\`), or no epoch can be served (an Error body: ${EPOCH_ERRORS.map((code) => `\`${code}\``).join(', ')})`,
          headers: { 'Cache-Control': HEADERS.noStore },
          content: { 'application/json': { schema: z.union([HealthResponse, ErrorBody]) } },
          'x-error-codes': [...EPOCH_ERRORS],
        },
      },
    }),
    async (c) => {
      const epoch = await services.epochs.current();
      c.get('audit').epoch = epoch.manifest.epoch;
      c.header('Cache-Control', 'no-store');
      const freshness = services.epochs.freshness;
      const refused = freshness.state !== 'ok';
      if (refused) c.get('audit').errorCode = 'EPOCH_REFUSED';
      const body = {
        status: refused ? ('refused' as const) : ('ok' as const),
        epoch: epoch.manifest.epoch,
        publishedAt: epoch.pointer?.publishedAt ?? null,
        expiresAt: epoch.pointer?.expiresAt ?? null,
        freshness,
        signing: signingChain(services, epoch),
      };
      return refused ? c.json(body, 503) : c.json(body, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/readyz',
      operationId: 'getReadiness',
      summary:
        'Readiness for a load balancer: no shard of the served epoch is known missing, nothing refused',
      responses: {
        200: {
          description: 'Ready',
          headers: { 'Cache-Control': HEADERS.noStore },
          content: { 'application/json': { schema: ReadyResponse } },
        },
        ...errorResponses(ANY_OPERATION_ERRORS),
        503: {
          description: `Not ready: a shard is missing or of the wrong size, or latest.json is refused (a Ready body, \`status\` unready or refused), or no epoch verified (an Error body: ${EPOCH_ERRORS.map((code) => `\`${code}\``).join(', ')})`,
          headers: { 'Cache-Control': HEADERS.noStore },
          content: { 'application/json': { schema: z.union([ReadyResponse, ErrorBody]) } },
          'x-error-codes': [...EPOCH_ERRORS],
        },
      },
    }),
    async (c) => {
      const epoch = await services.epochs.current();
      c.get('audit').epoch = epoch.manifest.epoch;
      c.header('Cache-Control', 'no-store');
      const readiness = await services.readiness.check(epoch.manifest);
      const freshness = services.epochs.freshness;
      const refused = freshness.state !== 'ok';
      const status = refused
        ? ('refused' as const)
        : readiness.ready
          ? ('ready' as const)
          : ('unready' as const);
      const body = {
        status,
        epoch: readiness.epoch,
        shards: readiness.shards,
        verified: readiness.verified,
        pending: readiness.pending,
        problems: readiness.problems,
        freshness,
      };
      if (status !== 'ready') c.get('audit').errorCode = refused ? 'EPOCH_REFUSED' : 'NOT_READY';
      return status === 'ready' ? c.json(body, 200) : c.json(body, 503);
    },
  );

  app.get('/', async (c) => {
    c.header('Cache-Control', 'public, max-age=30');
    try {
      const epoch = await services.epochs.current();
      c.get('audit').epoch = epoch.manifest.epoch;
      return c.html(page(services, new URL(c.req.url).origin, epoch));
    } catch (error) {
      const apiError = toApiError(error);
      c.get('audit').errorCode = apiError.code;
      c.header('Cache-Control', 'no-store');
      return c.html(page(services, new URL(c.req.url).origin, null, apiError.message), apiError.status);
    }
  });
}

function freshnessWarning(services: AppServices) {
  const { refused } = services.epochs.freshness;
  if (!refused) return '';
  const id = refused.code === 'ROLLBACK_REFUSED' ? 'rollback' : 'refused';
  return html`<p class="problem" id="${id}">latest.json${refused.epoch ? html` (epoch <code>${refused.epoch}</code>)` : ''} is refused (${refused.code}): ${refused.reason};
refused since ${refused.at}; this server keeps serving the epoch above.</p>`;
}

/** Which register the epoch is a list of, and the rules its subscribers must follow (core/registers/epoch-rules.ts). */
function registerLines(manifest: Manifest) {
  const rules = epochRules(manifest);
  const validity = rules.validity === 'never' ? 'never expire' : `last ${rules.validity.years} year(s)`;
  const window =
    rules.rescrubDays === null
      ? 'no legal rescrub window is set; pull at least monthly'
      : `call only from a list at most ${rules.rescrubDays} days old (quietlist refuses an older one)`;
  const scopes = rules.scopes;
  const partition = rules.partition;
  return html`<dt>Register</dt><dd id="register">${rules.name}${rules.id === 'custom' ? '' : html` (<code>${rules.id}</code>)`}</dd>
<dt>Rules</dt><dd id="register-rules">registrations ${validity}; ${window}</dd>
${
  scopes
    ? html`<dt>Scopes</dt><dd id="register-scopes">a registration may be limited to channels (${scopes.channels.map((c) => c.code).join(', ') || 'none'}) and sectors (${scopes.sectors.map((s) => s.code).join(', ') || 'none'}): check for yours (<code>--channel</code>, <code>--sector</code>)</dd>`
    : ''
}
${
  partition && manifest.partitions
    ? html`<dt>Partitions</dt><dd id="register-partitions">sold by ${partition.name}: ${manifest.partitions.length.toLocaleString('en-US')} ${partition.name}s listed; a subscriber downloads, and has evaluated, its own only</dd>`
    : ''
}`;
}

function formatRate(rate: number): string {
  const short = rate < 0.001 ? rate.toExponential() : String(rate);
  return `${short} (1 in ${Math.round(1 / rate).toLocaleString('en-US')})`;
}

function page(services: AppServices, origin: string, epoch: LoadedEpoch | null, problem?: string) {
  const fingerprint = services.epochs.signingKeyFingerprint;
  const publicKey = toBase64(services.epochs.signingKey);
  const chain = epoch ? signingChain(services, epoch) : null;
  // `pull --public-key` takes the key, or its fingerprint (then the key comes from GET /v1/signing-key
  // and is pinned only if its fingerprint matches: client/trust/pin-by-fingerprint.ts).
  const signingKey = html`<dt>Signing key fingerprint</dt><dd id="fingerprint"><code>${fingerprint}</code></dd>
<dt>Signing public key (base64)</dt><dd><code id="public-key" class="copy">${publicKey}</code><br>
<code id="pull-command" class="copy">npx quietlist pull --from ${origin} --public-key ${publicKey}</code><br>
or, with the fingerprint you were given by the operator: <code id="pull-fingerprint-command" class="copy">npx quietlist pull --from ${origin} --public-key ${fingerprint}</code></dd>
${chain && chain.configured !== chain.current ? html`<dt>Key chain</dt><dd id="key-chain">configured <code>${chain.configured}</code>, followed to <code>${chain.current}</code> through signed announcements</dd>` : ''}
${chain?.next ? html`<dt>Next signing key (announced)</dt><dd id="next-key"><code>${chain.next}</code>: later epochs are signed by it; clients follow</dd>` : ''}`;
  const m = epoch?.manifest;
  const shardLinks = m ? m.shards.slice(0, MAX_SHARD_LINKS) : [];
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>quietlist — do-not-call registry filters</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}code{font-size:.9em}.problem{color:#a00;font-weight:600}
.copy{user-select:all;background:#f3f3f3;padding:0 .2em}
</style>
</head>
<body>
<h1>quietlist</h1>
<p>This service publishes the do-not-call registry as signed Bloom filters: companies check their
call lists against them, and can verify every file against the operator's signing key. What the
filters reveal depends on the mode the epoch was built in.</p>
${
  m && epoch
    ? html`<h2>Current epoch</h2>
<dl id="status">
${registerLines(m)}
<dt>Epoch</dt><dd id="epoch"><code>${m.epoch}</code></dd>
<dt>Built</dt><dd id="built"><time datetime="${m.createdAt}">${m.createdAt}</time></dd>
${
  epoch.pointer
    ? html`<dt>Published</dt><dd><time datetime="${epoch.pointer.publishedAt}">${epoch.pointer.publishedAt}</time></dd>
<dt>Pointer expires</dt><dd id="expires"><time datetime="${epoch.pointer.expiresAt}">${epoch.pointer.expiresAt}</time> (signed; the operator renews it with every build)</dd>`
    : ''
}
<dt>Numbers listed</dt><dd id="entries">${m.counts.entries.toLocaleString('en-US')}</dd>
<dt>Target false-positive rate (ε)</dt><dd id="epsilon">${formatRate(m.filter.falsePositiveRate)}</dd>
<dt>Mode</dt><dd id="mode">${m.mode}</dd>
<dt>What this mode protects</dt><dd id="mode-privacy">${modePrivacyStatement(m.mode, m.normalization.defaultRegion)}</dd>
<dt>Shards</dt><dd>${m.shards.length}</dd>
<dt>Manifest SHA-256</dt><dd><code>${epoch.manifestSha256}</code></dd>
${signingKey}
</dl>
${freshnessWarning(services)}`
    : html`<p class="problem" id="problem">Unavailable: ${problem ?? 'no epoch'}</p>
<dl>${signingKey}</dl>`
}
<h2>Links</h2>
<ul id="links">
<li><a href="/scrub" id="scrub-link">Clean a call list in your browser</a> (<span lang="fr">nettoyer un fichier d’appels</span>): the file stays on your computer</li>
<li><a href="${services.config.docsUrl}">API documentation</a> · <a href="/openapi.json">OpenAPI document</a></li>
<li><a href="/v1/manifest">Latest signed manifest</a></li>
${m ? html`<li><a href="/v1/epochs/${m.epoch}/manifest">This epoch's manifest</a></li>` : ''}
${m?.partitions ? '' : shardLinks.map((s) => html`<li><a href="/v1/epochs/${m!.epoch}/${s.path}">${s.path}</a> (${s.bytes.toLocaleString('en-US')} bytes, SHA-256 <code>${s.sha256}</code>)</li>`)}
${m && !m.partitions && m.shards.length > MAX_SHARD_LINKS ? html`<li>… ${m.shards.length - MAX_SHARD_LINKS} more shards: see the manifest</li>` : ''}
<li><a href="/healthz">Health</a></li>
</ul>
</body>
</html>`;
}

/**
 * The signing keys as this server sees them, for /healthz and the status page: the configured key,
 * the key the served epoch is signed by (a successor followed along the chain), and the successor the
 * served epoch announces. A monitor compares these with the operator's own record of its keys: an
 * announcement the operator did not make means the signing key is compromised (docs/OPERATIONS.md).
 */
function signingChain(services: AppServices, epoch: LoadedEpoch) {
  const next = epoch.manifest.signing?.next;
  return {
    configured: publicKeyFingerprint(services.config.publicKey),
    current: services.epochs.signingKeyFingerprint,
    next: next === undefined ? null : publicKeyFingerprint(fromBase64(next, 'signing.next')),
  };
}
