/** `quietlist build`: the nightly job (see README "Operations"). */
import { defineCommand } from 'citty';
import type { HashMode } from '../../builder/build-hashing.ts';
import { formatFromName, type InputFormat } from '../../builder/input-record.ts';
import { openInput } from '../../builder/input-source.ts';
import { readRegistry } from '../../builder/read-registry.ts';
import { isoDateOf } from '../../builder/registration-validity.ts';
import { runBuild } from '../../builder/run-build.ts';
import { loadHashKey, loadOprfKey, loadSigningKeyPair } from '../../config/key-material.ts';
import { QuietlistError } from '../../core/errors.ts';
import { DEFAULT_REGION, isRegionCode } from '../../core/phone.ts';
import { publicKeyFingerprint } from '../../core/signing.ts';
import { createOprfBackend } from '../../oprf/backend.ts';
import { runGuarded } from '../exit-codes.ts';
import { createProgress } from '../progress.ts';
import { RejectReport } from '../reject-report.ts';
import { storeArgs, storeFromArgs } from '../store-args.ts';
import { parseNumberArg } from './parse-number-arg.ts';

export const buildCommand = defineCommand({
  meta: { name: 'build', description: 'Build signed Bloom filters from a registry export and publish them' },
  args: {
    input: {
      type: 'positional',
      description: 'Registry export: CSV, NDJSON or one number per line; .gz; - for stdin',
      required: true,
    },
    ...storeArgs,
    keys: { type: 'string', description: 'Directory of keygen files', default: '.quietlist/keys' },
    'signing-key': { type: 'string', description: 'Ed25519 secret key file (or $QUIETLIST_SIGNING_KEY)' },
    'hash-key': { type: 'string', description: 'Hash key file (or $QUIETLIST_HASH_KEY)' },
    mode: {
      type: 'enum',
      options: ['open', 'secret', 'oprf'],
      default: 'open',
      description:
        'open: publish the hash key, clients check locally; secret: only the worker can check; oprf: local checks, each needing one blinded evaluation by the worker',
    },
    'oprf-key': { type: 'string', description: 'OPRF key file, oprf mode (or $QUIETLIST_OPRF_KEY)' },
    'oprf-state': {
      type: 'string',
      default: '.quietlist/oprf-state',
      description: 'Private directory of the incremental oprf state (never the published bucket)',
    },
    'full-rebuild': {
      type: 'boolean',
      description: 'oprf mode: evaluate every number again (required after a key rotation)',
    },
    format: {
      type: 'enum',
      options: ['csv', 'ndjson', 'text'],
      description: 'Input format (default: from the file name, else sniffed)',
    },
    column: {
      type: 'string',
      description: 'Phone column: header name or 1-based position (CSV, NDJSON field)',
    },
    'date-column': {
      type: 'string',
      description: 'Registration-date column; rows older than the validity period are dropped',
    },
    header: {
      type: 'enum',
      options: ['auto', 'yes', 'no'],
      default: 'auto',
      description: 'Whether the CSV has a header row',
    },
    region: { type: 'string', default: DEFAULT_REGION, description: 'Region for numbers in national format' },
    'validity-years': { type: 'string', default: '3', description: 'Registration validity period in years' },
    'reference-date': {
      type: 'string',
      description: 'YYYY-MM-DD the validity is judged at (default today, UTC)',
    },
    'fp-rate': { type: 'string', default: '1e-6', description: 'Target false-positive rate' },
    'shard-max-bytes': {
      type: 'string',
      default: String(16 * 1024 * 1024),
      description: 'Largest shard file',
    },
    keep: { type: 'string', default: '7', description: 'Epochs kept by retention' },
    'retention-grace': {
      type: 'string',
      default: '600',
      description: "Seconds an epoch is kept after it was superseded (at least the servers' --pointer-ttl)",
    },
    'max-reject-rate': {
      type: 'string',
      default: '0.01',
      description: 'Refuse to publish above this share of rejected rows',
    },
    'max-shrink': {
      type: 'string',
      default: '0.1',
      description: 'Refuse to publish if entries fall by more than this share',
    },
    rejects: { type: 'string', description: 'Write the reject report (CSV, values masked) to this file' },
    'temp-dir': {
      type: 'string',
      description: 'Directory for the temporary digest file (default: the OS temp dir)',
    },
    'dry-run': { type: 'boolean', description: 'Build and verify, publish nothing' },
    json: { type: 'boolean', description: 'Print the summary as JSON' },
  },
  run: ({ args }) =>
    runGuarded(async () => {
      const region = args.region.toUpperCase();
      if (!isRegionCode(region))
        throw new QuietlistError('INVALID_ARGUMENT', `--region ${args.region} is not a known region code`);
      const referenceDate = args['reference-date'] ?? new Date().toISOString().slice(0, 10);
      if (isoDateOf(referenceDate) !== referenceDate)
        throw new QuietlistError('INVALID_ARGUMENT', '--reference-date must be YYYY-MM-DD');
      const store = storeFromArgs(args);
      const keySources = {
        keysDirectory: args.keys,
        signingKeyFile: args['signing-key'],
        hashKeyFile: args['hash-key'],
        oprfKeyFile: args['oprf-key'],
      };
      const mode = args.mode as HashMode;
      const signingKeys = loadSigningKeyPair(keySources);
      const hashKey = mode === 'oprf' ? undefined : loadHashKey(keySources);
      const oprf =
        mode === 'oprf'
          ? {
              backend: await createOprfBackend({ prefer: 'fast' }),
              secretKey: loadOprfKey(keySources),
              stateDirectory: args['oprf-state'],
              fullRebuild: args['full-rebuild'] ?? false,
            }
          : undefined;
      const report = new RejectReport(args.rejects);
      const progress = createProgress('build');
      const started = performance.now();
      const format = (args.format as InputFormat | undefined) ?? formatFromName(args.input);
      const rows = readRegistry(
        openInput(args.input),
        {
          format,
          column: args.column,
          dateColumn: args['date-column'],
          header: args.header as 'auto' | 'yes' | 'no',
        },
        region,
      );
      const result = await runBuild({
        rows,
        region,
        mode,
        hashKey,
        oprf,
        signingKeys,
        falsePositiveRate: parseNumberArg(args['fp-rate'], '--fp-rate', { min: 1e-12, max: 0.49 }),
        validity: args['date-column']
          ? {
              years: parseNumberArg(args['validity-years'], '--validity-years', { min: 0.01, max: 100 }),
              referenceDate,
            }
          : undefined,
        shardMaxBytes: parseNumberArg(args['shard-max-bytes'], '--shard-max-bytes', {
          min: 1024,
          max: 2 ** 29,
          integer: true,
        }),
        tempDirectory: args['temp-dir'],
        store,
        dryRun: args['dry-run'] ?? false,
        keepEpochs: parseNumberArg(args.keep, '--keep', { min: 1, max: 10_000, integer: true }),
        retention: {
          supersededGraceMs:
            parseNumberArg(args['retention-grace'], '--retention-grace', { min: 0, max: 30 * 86_400 }) * 1000,
        },
        maxRejectRate: parseNumberArg(args['max-reject-rate'], '--max-reject-rate', { min: 0, max: 1 }),
        maxShrink: parseNumberArg(args['max-shrink'], '--max-shrink', { min: 0, max: 1 }),
        now: new Date(),
        onReject: (row) => report.add(row),
        onProgress: (counts) =>
          progress.update(`${counts.rows.toLocaleString('en')} rows, ${counts.rejected} rejected`),
      }).finally(async () => {
        progress.done();
        await report.close();
      });
      const seconds = (performance.now() - started) / 1000;
      const { manifest } = result.signed;
      const summary = {
        epoch: manifest.epoch,
        published: result.published,
        store: store.description,
        mode: manifest.mode,
        counts: result.counts,
        rejectReasons: Object.fromEntries(report.byReason),
        shards: manifest.shards.length,
        bytes: result.totalBytes,
        falsePositiveRate: manifest.filter.falsePositiveRate,
        manifestSha256: result.manifestSha256,
        signingKeyFingerprint: publicKeyFingerprint(signingKeys.publicKey),
        retention: result.retention,
        oprf: result.oprf,
        seconds: Number(seconds.toFixed(2)),
      };
      if (args.json) {
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        return;
      }
      const c = result.counts;
      const lines = [
        `${result.published ? 'published' : 'built (dry run, not published)'} epoch ${manifest.epoch} to ${store.description}`,
        `  rows ${c.rows}  accepted ${c.accepted}  rejected ${c.rejected}  expired ${c.expired}  duplicates ${c.duplicates}  entries ${c.entries}`,
        ...[...report.byReason].map(([reason, count]) => `  ${count} × ${reason}`),
        `  ${manifest.shards.length} shard(s), ${(result.totalBytes / 1e6).toFixed(2)} MB, target ε ${manifest.filter.falsePositiveRate}, mode ${manifest.mode}`,
        ...(result.oprf
          ? [
              `  oprf (${result.oprf.backend}): ${result.oprf.evaluated} evaluated, ${result.oprf.reused} reused from the private state${result.oprf.stateEntries === undefined ? '' : `, state now ${result.oprf.stateEntries} entries`}`,
            ]
          : []),
        `  manifest sha256 ${result.manifestSha256}`,
        `  signing key ${summary.signingKeyFingerprint}`,
        ...(result.retention && result.retention.deleted.length > 0
          ? [`  retention removed ${result.retention.deleted.join(', ')}`]
          : []),
        ...(result.retention && result.retention.unpublishedDeleted.length > 0
          ? [`  retention removed never-published ${result.retention.unpublishedDeleted.join(', ')}`]
          : []),
        ...(result.retention && result.retention.deferred.length > 0
          ? [
              `  retention keeps ${result.retention.deferred.join(', ')} until the grace period after supersession ends`,
            ]
          : []),
        `  ${seconds.toFixed(1)} s, ${Math.round(c.rows / Math.max(seconds, 1e-3)).toLocaleString('en')} rows/s`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }),
});
