/**
 * The API's configuration, parsed once with zod from plain string settings: Workers vars and secrets
 * on Cloudflare, CLI flags and the environment module on Node. Every problem is reported at once.
 * Nothing else in src/api reads bindings or the environment.
 */
import { z } from 'zod';
import { HASH_KEY_BYTES } from '../core/digest/keyed-hash.ts';
import { fromBase64 } from '../core/encoding/base64.ts';
import {
  parsePublicKey,
  publicKeyFingerprint,
  type SigningKeyPair,
  signingKeyPairFromSecret,
} from '../core/epoch/signing.ts';
import { QuietlistError } from '../core/errors.ts';
import {
  certifiedKey,
  parseTimestampKeyCertificate,
  type TimestampKey,
  type TimestampKeyCertificate,
} from '../core/receipt/timestamp-key.ts';
import type { ShardLookupSetting } from './shards/choose-lookup.ts';

export interface RateLimitSettings {
  /** Requests per subscriber per period (Node token bucket; on Workers the binding's own setting). */
  requests: number;
  periodSeconds: number;
}

export interface ApiConfig {
  /** The operator's Ed25519 public key: manifests not signed by it are never served or used. */
  publicKey: Uint8Array;
  /** The HMAC key for `secret`-mode epochs (a Workers secret); unused for `open` epochs. */
  hashKey?: Uint8Array;
  /** The OPRF secret key for `oprf`-mode epochs (a Workers secret): POST /v1/oprf/evaluate. */
  oprfKey?: Uint8Array;
  /**
   * OPRF key rotation without downtime: the previous OPRF key, still evaluated for clients that name
   * its key id (they pulled an epoch built with it) until `oprfOverlapUntil` (ms since the epoch).
   */
  oprfPreviousKey?: Uint8Array;
  oprfOverlapUntil?: number;
  /**
   * The operator's timestamp key (a Workers secret) and the signing key's certificate of it, optional:
   * with them the server countersigns receipt hashes (POST /v1/receipts); without them that route
   * answers 503 TIMESTAMPS_DISABLED. The server never holds the signing key: a QUIETLIST_SIGNING_KEY
   * left from before the timestamp key is not read (core/receipt/timestamp-key.ts).
   */
  timestampKey?: TimestampKey;
  /** Whether manifests and filter files may be downloaded without an API key. */
  publicDownloads: boolean;
  /** How long `latest.json` is trusted before it is read again. */
  pointerTtlMs: number;
  /** How long a subscriber record is cached: revocation takes effect within this delay. */
  subscriberCacheMs: number;
  /** Memory bound for verified filter shards held across requests. */
  shardCacheBytes: number;
  /**
   * Where a Worker's checks look shards up (src/api/shards/choose-lookup.ts): in the isolate's cache,
   * in shard-resident Durable Objects, or `auto` (the cache while the epoch fits it). Node: the cache.
   */
  shardLookup: ShardLookupSetting;
  /**
   * How long a shard-resident Durable Object stays in memory after its last lookup (Workers), rather
   * than hibernating after 10 idle seconds and waking from its copy: 0 lets it hibernate (no idle
   * duration billed). worker/shard-object.ts.
   */
  shardResidencyMs: number;
  maxBodyBytes: number;
  rateLimit: RateLimitSettings;
  /** Failed authentications allowed per client address per minute (Node; on Workers the binding's limit). */
  authFailuresPerMinute: number;
  /** Where the status page links for human-readable API docs. */
  docsUrl: string;
  /**
   * The public base URL, for /openapi.json's `servers` (behind a proxy or a CDN the request's own
   * origin may be an internal one). Default: the origin each request came to.
   */
  publicUrl?: string;
  /**
   * The 32-byte list seed (a Workers secret): the hash and OPRF keys of every list other than
   * `default` derive from it (core/lists/list-keys.ts). Without it, only the default list is served.
   */
  listSeed?: Uint8Array;
  /**
   * The additions key (a Workers secret, Ed25519): signs live additions batches (docs/FORMAT.md §14).
   * Without it, POST …/additions answers 503 ADDITIONS_DISABLED; reading additions works regardless.
   */
  additionsKey?: SigningKeyPair;
  /** Entries posted within this many ms go out in one batch; each POST is answered once published. */
  additionsCoalesceMs: number;
  /** How long the server's view of a list's additions is used before the store is asked again. */
  additionsRefreshMs: number;
}

const MIB = 1024 * 1024;

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => ['true', '1', 'yes'].includes(v));
const positiveInt = z.coerce.number().int().positive();
const key32 = (what: string) =>
  z.string().transform((text, ctx) => {
    try {
      const bytes = fromBase64(text, what);
      if (bytes.length === HASH_KEY_BYTES) return bytes;
    } catch {}
    ctx.addIssue({ code: 'custom', message: `${what} must be ${HASH_KEY_BYTES} bytes in base64` });
    return z.NEVER;
  });

export const apiSettingsSchema = z.object({
  QUIETLIST_PUBLIC_KEY: z.string().transform((text, ctx) => {
    try {
      return parsePublicKey(text);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'QUIETLIST_PUBLIC_KEY must be an Ed25519 public key (base64 or hex)',
      });
      return z.NEVER;
    }
  }),
  QUIETLIST_HASH_KEY: key32('QUIETLIST_HASH_KEY').optional(),
  QUIETLIST_OPRF_KEY: key32('QUIETLIST_OPRF_KEY').optional(),
  QUIETLIST_OPRF_KEY_PREVIOUS: key32('QUIETLIST_OPRF_KEY_PREVIOUS').optional(),
  OPRF_OVERLAP_UNTIL: z
    .string()
    .refine((text) => /^[0-9]{4}-[0-9]{2}-[0-9]{2}(T.*Z)?$/.test(text) && !Number.isNaN(Date.parse(text)), {
      message: 'OPRF_OVERLAP_UNTIL must be an ISO date (YYYY-MM-DD, UTC midnight) or UTC time',
    })
    .transform((text) => Date.parse(text))
    .optional(),
  QUIETLIST_TIMESTAMP_KEY: key32('QUIETLIST_TIMESTAMP_KEY').optional(),
  QUIETLIST_TIMESTAMP_CERT: z
    .string()
    .transform((text, ctx) => {
      try {
        return parseTimestampKeyCertificate(JSON.parse(text), 'QUIETLIST_TIMESTAMP_CERT');
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `QUIETLIST_TIMESTAMP_CERT must be the JSON of timestamp.cert (${(error as Error).message.slice(0, 120)})`,
        });
        return z.NEVER;
      }
    })
    .optional(),
  PUBLIC_DOWNLOADS: flag.default(true),
  POINTER_TTL_SECONDS: z.coerce.number().min(0).default(30),
  SUBSCRIBER_CACHE_SECONDS: z.coerce.number().min(0).max(3600).default(60),
  SHARD_CACHE_MB: positiveInt.default(64),
  SHARD_LOOKUP: z.enum(['auto', 'isolate', 'durable-objects']).default('auto'),
  SHARD_RESIDENCY_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  MAX_BODY_KB: positiveInt.max(10_240).default(128),
  RATE_LIMIT_REQUESTS: positiveInt.default(120),
  RATE_LIMIT_PERIOD_SECONDS: positiveInt.default(60),
  AUTH_FAILURES_PER_MINUTE: positiveInt.default(30),
  DOCS_URL: z.string().default('/openapi.json'),
  QUIETLIST_LIST_SEED: key32('QUIETLIST_LIST_SEED').optional(),
  QUIETLIST_ADDITIONS_KEY: key32('QUIETLIST_ADDITIONS_KEY')
    .transform((secret) => signingKeyPairFromSecret(secret))
    .optional(),
  ADDITIONS_COALESCE_MS: z.coerce.number().int().min(0).max(10_000).default(1_000),
  ADDITIONS_REFRESH_MS: z.coerce.number().int().min(0).max(30_000).default(1_000),
  PUBLIC_URL: z
    .string()
    .refine((text) => /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(text) && URL.canParse(text), {
      message: 'PUBLIC_URL must be an http(s) URL without query or fragment, e.g. https://dnc.example.org',
    })
    .transform((text) => text.replace(/\/+$/, ''))
    .optional(),
});

export type ApiSettings = z.input<typeof apiSettingsSchema>;

/** Empty strings count as unset (an unset Workers var or an empty environment variable). */
function dropEmpty(settings: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(settings).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  );
}

export function parseApiConfig(settings: Record<string, unknown>): ApiConfig {
  const parsed = apiSettingsSchema.safeParse(dropEmpty(settings));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new QuietlistError('INVALID_CONFIG', `invalid API configuration: ${problems.join('; ')}`);
  }
  const s = parsed.data;
  if (s.QUIETLIST_OPRF_KEY_PREVIOUS && s.OPRF_OVERLAP_UNTIL === undefined) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      'invalid API configuration: QUIETLIST_OPRF_KEY_PREVIOUS needs OPRF_OVERLAP_UNTIL, the date the overlap ends',
    );
  }
  return {
    publicKey: s.QUIETLIST_PUBLIC_KEY,
    hashKey: s.QUIETLIST_HASH_KEY,
    oprfKey: s.QUIETLIST_OPRF_KEY,
    timestampKey: timestampKeyOf(s.QUIETLIST_TIMESTAMP_KEY, s.QUIETLIST_TIMESTAMP_CERT),
    oprfPreviousKey: s.QUIETLIST_OPRF_KEY_PREVIOUS,
    oprfOverlapUntil: s.OPRF_OVERLAP_UNTIL,
    publicDownloads: s.PUBLIC_DOWNLOADS,
    pointerTtlMs: s.POINTER_TTL_SECONDS * 1000,
    subscriberCacheMs: s.SUBSCRIBER_CACHE_SECONDS * 1000,
    shardCacheBytes: s.SHARD_CACHE_MB * MIB,
    shardLookup: s.SHARD_LOOKUP,
    shardResidencyMs: s.SHARD_RESIDENCY_SECONDS * 1000,
    maxBodyBytes: s.MAX_BODY_KB * 1024,
    rateLimit: { requests: s.RATE_LIMIT_REQUESTS, periodSeconds: s.RATE_LIMIT_PERIOD_SECONDS },
    authFailuresPerMinute: s.AUTH_FAILURES_PER_MINUTE,
    docsUrl: s.DOCS_URL,
    publicUrl: s.PUBLIC_URL,
    listSeed: s.QUIETLIST_LIST_SEED,
    additionsKey: s.QUIETLIST_ADDITIONS_KEY,
    additionsCoalesceMs: s.ADDITIONS_COALESCE_MS,
    additionsRefreshMs: s.ADDITIONS_REFRESH_MS,
  };
}

/** Both or neither; the certificate must be of this very key (its signature is the verifier's to check). */
function timestampKeyOf(
  secret: Uint8Array | undefined,
  certificate: TimestampKeyCertificate | undefined,
): TimestampKey | undefined {
  if (secret === undefined && certificate === undefined) return undefined;
  if (secret === undefined || certificate === undefined) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      'invalid API configuration: QUIETLIST_TIMESTAMP_KEY and QUIETLIST_TIMESTAMP_CERT go together (timestamp.key and timestamp.cert from `quietlist keygen`)',
    );
  }
  const { publicKey } = signingKeyPairFromSecret(secret);
  if (publicKeyFingerprint(certifiedKey(certificate)) !== publicKeyFingerprint(publicKey)) {
    throw new QuietlistError(
      'INVALID_CONFIG',
      'invalid API configuration: QUIETLIST_TIMESTAMP_CERT certifies another key than QUIETLIST_TIMESTAMP_KEY: give the timestamp.cert written with that timestamp.key',
    );
  }
  return { secretKey: secret, publicKey, certificate };
}
