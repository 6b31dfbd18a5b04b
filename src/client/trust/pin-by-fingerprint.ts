/**
 * Pinning the operator's signing key by its fingerprint, as SSH pins a host key: `pull --public-key
 * <fingerprint>` (the 32 hex characters the status page shows). The key itself then comes from the key
 * the cache is already pinned to, or else from the worker's GET /v1/signing-key, and it is trusted only
 * if the fingerprint computed here from its bytes equals the one given. The server's answer needs no
 * trust: a server offering another key is refused before anything is downloaded.
 */
import { fromBase64 } from '../../core/encoding/base64.ts';
import { parsePublicKey, publicKeyFingerprint } from '../../core/epoch/signing.ts';
import { QuietlistError } from '../../core/errors.ts';
import { describeLocation } from '../../storage/open-store.ts';
import { CacheLayout, readCurrentPointer } from '../cache/cache-layout.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, requestWithRetry } from '../http/fetch-retry.ts';
import { httpFailure } from '../http/http-failure.ts';
import { workerEndpoint } from '../http/worker-post.ts';
import { isHttpLocation } from '../sources/open-source.ts';

export interface FingerprintPinOptions {
  /** Where `pull` reads from: a worker URL, or a store (which publishes no key). */
  from: string;
  cacheDirectory: string;
  retry?: RetryPolicy;
}

/** The signing key whose fingerprint is `fingerprint` (lowercase hex), or a refusal saying why. */
export async function keyForFingerprint(
  fingerprint: string,
  options: FingerprintPinOptions,
): Promise<Uint8Array> {
  const pinned = await readCurrentPointer(new CacheLayout(options.cacheDirectory)).catch(() => null);
  for (const key of pinned ? [pinned.publicKey, ...(pinned.formerKeys ?? [])] : []) {
    const bytes = fromBase64(key, 'cached public key');
    if (publicKeyFingerprint(bytes) === fingerprint) return bytes;
  }
  if (!isHttpLocation(options.from)) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      `--public-key ${fingerprint} is a key fingerprint, and a store publishes no key to compare it with: pass the key itself (base64 or hex, the status page's "Signing public key") or a file holding it`,
    );
  }
  const endpoint = workerEndpoint(options.from, '/v1/signing-key');
  const what = `GET ${describeLocation(endpoint)}`;
  const result = await requestWithRetry(
    endpoint,
    { headers: { accept: 'application/json' } },
    what,
    options.retry ?? DEFAULT_RETRY_POLICY,
  );
  if (result.status === 404) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      `${what}: this server publishes no signing key (HTTP 404), so a fingerprint cannot be checked: pass the key itself (base64 or hex) or a file holding it`,
    );
  }
  if (result.status !== 200) throw httpFailure(result, what);
  let offered: Uint8Array;
  try {
    const body = JSON.parse(new TextDecoder().decode(result.body)) as { publicKey?: unknown };
    offered = parsePublicKey(String(body.publicKey));
  } catch {
    throw new QuietlistError('SIGNATURE_INVALID', `${what}: the answer holds no Ed25519 public key`);
  }
  const offeredFingerprint = publicKeyFingerprint(offered);
  if (offeredFingerprint !== fingerprint) {
    throw new QuietlistError(
      'SIGNATURE_INVALID',
      `${describeLocation(options.from)} publishes signing key ${offeredFingerprint}, not the ${fingerprint} you pinned: refused, nothing installed (check the fingerprint with the operator)`,
    );
  }
  return offered;
}
