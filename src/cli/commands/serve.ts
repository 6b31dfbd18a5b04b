/**
 * `quietlist serve`: the same Hono app as the Cloudflare worker, on Node (@hono/node-server), over any
 * store: a directory (file://) or S3 (AWS, R2's S3 API, MinIO). Quotas are counted in a SQLite
 * database in `--state-dir`, shared by every `serve` process of the host and kept across restarts;
 * with `--shared-quota`, by several hosts too, through blocks leased from the store (api/quota/leased.ts).
 * Rate limits stay per process (docs/API.md).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { defineCommand } from 'citty';
import { SqliteSequencer } from '../../api/additions/sqlite-sequencer.ts';
import { type AppDependencies, createApp } from '../../api/app.ts';
import { parseTrustProxy } from '../../api/auth/trusted-proxies.ts';
import { parseApiConfig } from '../../api/config.ts';
import { ObjectHighWater } from '../../api/epochs/high-water.ts';
import { DEFAULT_LEASE_BLOCK, LeasedQuotaCounter } from '../../api/quota/leased.ts';
import { SqliteQuotaCounter } from '../../api/quota/sqlite.ts';
import { readEnvironment } from '../../config/environment.ts';
import {
  loadAdditionsKeyPair,
  loadHashKey,
  loadListSeed,
  loadOprfKey,
  loadPublicKey,
  loadTimestampKey,
} from '../../config/key-material.ts';
import { toBase64 } from '../../core/encoding/base64.ts';
import { publicKeyFingerprint } from '../../core/epoch/signing.ts';
import { QuietlistError } from '../../core/errors.ts';
import { FileStore } from '../../storage/file-store.ts';
import { listStore } from '../../storage/list-store.ts';
import { runGuarded } from '../exit-codes.ts';
import { stateDirArgs, stateDirFromArgs } from '../state-dir-args.ts';
import { storeArgs, storeFromArgs } from '../store-args.ts';
import { withWebAssets } from '../web-assets.ts';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the API on `host:port` (port 0: any free port). Used by the command, the tests and the bench. */
export function startApiServer(
  deps: AppDependencies,
  options: { port: number; host: string },
): Promise<RunningServer> {
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: withWebAssets(app.fetch), port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}

/** Keys only some modes need (hash key: secret mode; OPRF key: oprf mode); a named file that cannot be read is an error. */
function optionalKey(load: () => Uint8Array, named: string | undefined): Uint8Array | undefined {
  try {
    return load();
  } catch (error) {
    if (named === undefined && error instanceof QuietlistError && error.code === 'INVALID_CONFIG')
      return undefined;
    throw error;
  }
}

/** `--shared-quota` (or $QUIETLIST_SHARED_QUOTA) and its block size; null: this host's quota only. */
function sharedQuotaFromArgs(args: {
  'shared-quota'?: boolean;
  'quota-block'?: string;
}): { block: number } | null {
  const fromEnvironment = readEnvironment().sharedQuota;
  if (fromEnvironment !== undefined && !/^(1|true|0|false)$/i.test(fromEnvironment))
    throw new QuietlistError('INVALID_CONFIG', '$QUIETLIST_SHARED_QUOTA must be 1, true, 0 or false');
  const enabled = args['shared-quota'] ?? /^(1|true)$/i.test(fromEnvironment ?? '');
  const text = args['quota-block'];
  const block = text === undefined ? DEFAULT_LEASE_BLOCK : Number(text);
  if (!Number.isSafeInteger(block) || block < 1)
    throw new QuietlistError('INVALID_ARGUMENT', '--quota-block must be a whole number of units, 1 or more');
  if (text !== undefined && !enabled)
    throw new QuietlistError('INVALID_ARGUMENT', '--quota-block needs --shared-quota');
  return enabled ? { block } : null;
}

export const serveCommand = defineCommand({
  meta: { name: 'serve', description: 'Serve the HTTP API (downloads, checks) on Node over any store' },
  args: {
    ...storeArgs,
    ...stateDirArgs,
    port: { type: 'string', description: 'TCP port', default: '8787' },
    host: {
      type: 'string',
      description: 'Address to listen on (0.0.0.0 behind a load balancer)',
      default: '127.0.0.1',
    },
    'public-key': {
      type: 'string',
      description: 'Pinned Ed25519 public key, or a file holding it; or $QUIETLIST_PUBLIC_KEY',
    },
    keys: {
      type: 'string',
      description:
        'Directory from `quietlist keygen` (signing.pub, hash.key, oprf.key, timestamp.key and timestamp.cert; never signing.key)',
    },
    'hash-key': {
      type: 'string',
      description: 'Hash key file, needed for secret-mode epochs; or $QUIETLIST_HASH_KEY',
    },
    'oprf-key': {
      type: 'string',
      description: 'OPRF key file, needed for oprf-mode epochs; or $QUIETLIST_OPRF_KEY',
    },
    'oprf-previous-key': {
      type: 'string',
      description:
        'OPRF key rotation: the previous OPRF key file, evaluated for clients still on its epoch until --oprf-overlap-until',
    },
    'oprf-overlap-until': {
      type: 'string',
      description: 'End of the OPRF rotation overlap: YYYY-MM-DD (UTC) or a UTC time',
    },
    'timestamp-key': {
      type: 'string',
      description:
        'Timestamp key file (timestamp.cert beside it): the server then countersigns receipt hashes (POST /v1/receipts); or $QUIETLIST_TIMESTAMP_KEY with $QUIETLIST_TIMESTAMP_CERT, or --keys. The signing key is never needed',
    },
    'list-seed': {
      type: 'string',
      description:
        'The list seed file: the keys of every list but the default one derive from it; or $QUIETLIST_LIST_SEED, or list-seed.key in --keys',
    },
    'additions-key': {
      type: 'string',
      description:
        'The additions key file (Ed25519): signs live additions (POST …/additions); or $QUIETLIST_ADDITIONS_KEY, or additions.key in --keys',
    },
    'additions-coalesce-ms': {
      type: 'string',
      description: 'Additions posted within this many ms go out in one signed batch (default 1000)',
    },
    'private-downloads': {
      type: 'boolean',
      description: 'Require an API key with the download scope for manifests and filters',
    },
    'pointer-ttl': { type: 'string', description: 'Seconds between reads of latest.json (default 30)' },
    'subscriber-cache': {
      type: 'string',
      description: 'Seconds a subscriber record is cached; revocation delay (default 60)',
    },
    'shard-cache-mb': { type: 'string', description: 'Memory for verified filter shards, MiB (default 64)' },
    'rate-limit': {
      type: 'string',
      description: 'Requests per minute per subscriber, per instance (default 120)',
    },
    'auth-failures': {
      type: 'string',
      description:
        'Failed authentications per minute per client address before 429, per instance (default 30)',
    },
    'shared-quota': {
      type: 'boolean',
      description:
        'Several hosts: lease quota blocks from the shared store (state/quota/) so the quota holds across hosts; or $QUIETLIST_SHARED_QUOTA=1',
    },
    'quota-block': {
      type: 'string',
      description: `With --shared-quota: units leased at a time (default ${DEFAULT_LEASE_BLOCK}); at most one block per host goes unused a day`,
    },
    'trust-proxy': {
      type: 'string',
      description:
        'Behind load balancers: the proxies whose X-Forwarded-For is believed for the failed-authentication limit, as a list of addresses/CIDR ranges (10.0.0.0/8,fd00::/8) or a hop count N; default: the socket peer',
    },
    'docs-url': { type: 'string', description: 'Where the status page links for API docs' },
    'public-url': {
      type: 'string',
      description:
        "The public base URL (https://…) for /openapi.json's servers; default: / (relative to where the document was read)",
    },
  },
  run: ({ args }) =>
    runGuarded(async () => {
      const port = Number(args.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        throw new QuietlistError('INVALID_ARGUMENT', '--port must be a TCP port number');
      }
      const behindProxies =
        args['trust-proxy'] === undefined ? undefined : parseTrustProxy(args['trust-proxy']);
      const hashKey = optionalKey(
        () => loadHashKey({ hashKeyFile: args['hash-key'], keysDirectory: args.keys }),
        args['hash-key'],
      );
      const oprfKey = optionalKey(
        () => loadOprfKey({ oprfKeyFile: args['oprf-key'], keysDirectory: args.keys }),
        args['oprf-key'],
      );
      const listSeed = optionalKey(
        () => loadListSeed({ listSeedFile: args['list-seed'], keysDirectory: args.keys }),
        args['list-seed'],
      );
      const additionsKey = optionalKey(
        () =>
          loadAdditionsKeyPair({ additionsKeyFile: args['additions-key'], keysDirectory: args.keys })
            .secretKey,
        args['additions-key'],
      );
      // Its own key, certified by the signing key: a server that countersigns never holds the signing key.
      const timestampKey = loadTimestampKey({
        timestampKeyFile: args['timestamp-key'],
        keysDirectory: args.keys,
      });
      const oprfPreviousKey =
        args['oprf-previous-key'] === undefined
          ? undefined
          : loadOprfKey({ oprfKeyFile: args['oprf-previous-key'] });
      const config = parseApiConfig({
        QUIETLIST_PUBLIC_KEY: toBase64(
          loadPublicKey({ publicKey: args['public-key'], keysDirectory: args.keys }),
        ),
        QUIETLIST_HASH_KEY: hashKey ? toBase64(hashKey) : undefined,
        QUIETLIST_OPRF_KEY: oprfKey ? toBase64(oprfKey) : undefined,
        QUIETLIST_TIMESTAMP_KEY: timestampKey ? toBase64(timestampKey.secretKey) : undefined,
        QUIETLIST_TIMESTAMP_CERT: timestampKey?.certificate,
        QUIETLIST_OPRF_KEY_PREVIOUS: oprfPreviousKey ? toBase64(oprfPreviousKey) : undefined,
        OPRF_OVERLAP_UNTIL: args['oprf-overlap-until'],
        PUBLIC_DOWNLOADS: args['private-downloads'] ? 'false' : 'true',
        POINTER_TTL_SECONDS: args['pointer-ttl'],
        SUBSCRIBER_CACHE_SECONDS: args['subscriber-cache'],
        SHARD_CACHE_MB: args['shard-cache-mb'],
        RATE_LIMIT_REQUESTS: args['rate-limit'],
        RATE_LIMIT_PERIOD_SECONDS: args['rate-limit'] === undefined ? undefined : '60',
        AUTH_FAILURES_PER_MINUTE: args['auth-failures'],
        DOCS_URL: args['docs-url'],
        PUBLIC_URL: args['public-url'],
        QUIETLIST_LIST_SEED: listSeed ? toBase64(listSeed) : undefined,
        QUIETLIST_ADDITIONS_KEY: additionsKey ? toBase64(additionsKey) : undefined,
        ADDITIONS_COALESCE_MS: args['additions-coalesce-ms'],
      });
      const store = storeFromArgs(args);
      const stateDir = stateDirFromArgs(args);
      const database = new SqliteQuotaCounter(stateDir);
      const shared = sharedQuotaFromArgs(args);
      const quotas = shared ? new LeasedQuotaCounter(database, store, { block: shared.block }) : database;
      // The trust state beside the quota database (the newest epoch served, the signing key in force, the
      // keys retired), one per list: a restart still refuses an older latest.json and a retired key.
      const stateStore = new FileStore(stateDir);
      const highWater = (list: string) => new ObjectHighWater(listStore(stateStore, list), 'high-water.json');
      const additions = config.additionsKey
        ? new SqliteSequencer({
            stateDirectory: stateDir,
            store,
            key: config.additionsKey,
            coalesceMs: config.additionsCoalesceMs,
          })
        : undefined;
      const server = await startApiServer(
        { store, config, quotas, highWater, behindProxies, additions },
        { port, host: args.host },
      );
      process.stderr.write(
        `quietlist API on ${server.url} serving ${store.description}\n` +
          `  quotas and the trust state (newest epoch served, signing keys retired) kept in ${stateDir} (shared by this host's serve processes)\n` +
          (additions
            ? `  live additions numbered in ${stateDir}/additions.sqlite and published to ${store.description}\n`
            : '  no additions key: POST …/additions answers 503 ADDITIONS_DISABLED\n') +
          (shared
            ? `  quota shared by every host: blocks of ${shared.block} leased from ${store.description}/state/quota/\n`
            : '') +
          (config.timestampKey
            ? `  countersigns receipt hashes with timestamp key ${publicKeyFingerprint(config.timestampKey.publicKey)} (certified by signing key ${config.timestampKey.certificate.signature.keyFingerprint})\n`
            : '  does not countersign receipts: no timestamp key (keygen writes timestamp.key and timestamp.cert)\n') +
          `  try: curl ${server.url}/readyz\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(() => {
            database.close();
            additions?.close();
            resolve();
          });
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    }),
});
