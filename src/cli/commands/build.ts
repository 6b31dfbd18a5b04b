/** `quietlist build`: the nightly job (see README "Operations"). */

import { join } from 'node:path';
import { defineCommand } from 'citty';
import { TooManyRejectsError } from '../../builder/build-guards.ts';
import { readRegistry } from '../../builder/input/read-registry.ts';
import type { InputDescription } from '../../builder/input/record.ts';
import { formatFromName, type InputFormat } from '../../builder/input/record.ts';
import { parseDateFormat } from '../../builder/input/registration-date.ts';
import { isoDateOf } from '../../builder/input/registration-validity.ts';
import { openInput } from '../../builder/input/source.ts';
import { runBuild } from '../../builder/run-build.ts';
import {
  loadAdditionsPublicKey,
  loadFormerPublicKeys,
  loadHashKey,
  loadListSeed,
  loadOprfKey,
  loadPublicKey,
  loadSigningKeyPair,
} from '../../config/key-material.ts';
import { QuietlistError } from '../../core/errors.ts';
import { listHashKey, listOprfKeyInfo } from '../../core/lists/list-keys.ts';
import { assertListName, DEFAULT_LIST } from '../../core/lists/list-name.ts';
import { registerRulesOf } from '../../core/registers/profile.ts';
import { isEncodingChoice, TEXT_ENCODINGS } from '../../core/text/encoding.ts';
import { createOprfBackend } from '../../oprf/backend.ts';
import { listStore } from '../../storage/list-store.ts';
import { chosenBuildMode } from '../build-mode.ts';
import { runGuarded } from '../exit-codes.ts';
import { createProgress } from '../progress.ts';
import { resolveRegister } from '../register-args.ts';
import { RejectReport } from '../reject-report.ts';
import { cleanUpOnSignal } from '../stop-on-signal.ts';
import { storeFromArgs } from '../store-args.ts';
import { buildArgs } from './build-args.ts';
import { parseJurisdiction, scopeColumnsOf } from './build-register-args.ts';
import { type BuildOutcome, buildSummary, buildSummaryLines } from './build-summary.ts';
import { parseNumberArg } from './parse-number-arg.ts';
import { warn } from './pull.ts';

export const buildCommand = defineCommand({
  meta: { name: 'build', description: 'Build signed Bloom filters from a registry export and publish them' },
  args: buildArgs,
  run: ({ args }) =>
    runGuarded(async () => {
      // Stopped by a signal, the build removes its temporary files first (the process ends with it).
      cleanUpOnSignal('build');
      if (args['validity-years'] !== undefined)
        parseNumberArg(args['validity-years'], '--validity-years', { min: 0.01, max: 100 });
      const profile = resolveRegister(args);
      const region = profile.region as 'FR';
      const referenceDate = args['reference-date'] ?? new Date().toISOString().slice(0, 10);
      if (isoDateOf(referenceDate) !== referenceDate)
        throw new QuietlistError('INVALID_ARGUMENT', '--reference-date must be YYYY-MM-DD');
      if (!isEncodingChoice(args.encoding.toLowerCase()))
        throw new QuietlistError(
          'INVALID_ARGUMENT',
          `--encoding ${args.encoding} is not one of auto, ${TEXT_ENCODINGS.join(', ')}`,
        );
      const encoding = args.encoding.toLowerCase() as 'auto';
      const dateFormat = parseDateFormat(args['date-format'] ?? profile.dateFormat);
      // citty reads --no-expiry as expiry=false.
      const askedNoExpiry = args['no-expiry'] === true || (args as { expiry?: boolean }).expiry === false;
      if (askedNoExpiry && args['date-column'] !== undefined)
        throw new QuietlistError('INVALID_ARGUMENT', '--no-expiry and --date-column contradict each other');
      // A register whose registrations never expire needs no dates: none are read, none are warned about.
      const noExpiry = askedNoExpiry || profile.validity === 'never';
      if (profile.validity === 'never' && args['date-column'] !== undefined)
        warn(
          `--date-column ${args['date-column']} is not read: registrations of ${profile.id === 'custom' ? 'this list' : profile.id} never expire${profile.id === 'custom' ? ' (pass --validity-years N to drop older ones)' : ''}`,
        );
      const list = args.list === undefined ? DEFAULT_LIST : assertListName(args.list, '--list');
      const derived = list !== DEFAULT_LIST;
      if (derived && (args['hash-key'] !== undefined || args['oprf-key'] !== undefined)) {
        throw new QuietlistError(
          'INVALID_ARGUMENT',
          '--hash-key and --oprf-key are for the default list: the keys of --list derive from the list seed (servers derive the same)',
        );
      }
      // citty reads --no-live as live=false. A partitioned register's lists take no live additions
      // (an addition is a digest: nothing says which partition it belongs to).
      const live = args.live ?? (derived && registerRulesOf(profile).partition === undefined);
      const store = listStore(storeFromArgs(args), list);
      const scopeColumns = scopeColumnsOf(profile, args);
      const keySources = {
        keysDirectory: args.keys,
        signingKeyFile: args['signing-key'],
        hashKeyFile: args['hash-key'],
        oprfKeyFile: args['oprf-key'],
        listSeedFile: args['list-seed'],
      };
      const mode = chosenBuildMode(args.mode, region);
      const signingKeys = loadSigningKeyPair(keySources);
      const seed = derived ? loadListSeed(keySources) : undefined;
      const hashKey = mode === 'oprf' ? undefined : seed ? listHashKey(seed, list) : loadHashKey(keySources);
      const backend = mode === 'oprf' ? await createOprfBackend({ prefer: 'fast' }) : undefined;
      const oprf = backend
        ? {
            backend,
            secretKey: seed
              ? backend.deriveKeyPair(seed, listOprfKeyInfo(seed, list)).secretKey
              : loadOprfKey(keySources),
            // Each list's private state beside the default list's (each is keyed by its own OPRF key).
            stateDirectory: derived ? join(args['oprf-state'], 'lists', list) : args['oprf-state'],
            fullRebuild: args['full-rebuild'] ?? false,
          }
        : undefined;
      const additionsKey = live
        ? loadAdditionsPublicKey({
            keysDirectory: args.keys,
            additionsPublicKey: args['additions-public-key'],
          })
        : undefined;
      const report = new RejectReport(args.rejects);
      const progress = createProgress('build');
      const started = performance.now();
      const format = (args.format as InputFormat | undefined) ?? formatFromName(args.input);
      const input: InputDescription = {};
      const rows = readRegistry(
        openInput(args.input),
        {
          format,
          encoding,
          column: args.column,
          dateColumn: args['date-column'],
          noDateColumn: noExpiry,
          header: args.header as 'auto' | 'yes' | 'no',
          ...(scopeColumns ? { scopeColumns } : {}),
        },
        region,
        input,
      );
      const jurisdiction =
        profile.jurisdiction === 'plan'
          ? parseJurisdiction(args.jurisdiction ?? 'plan', region)
          : parseJurisdiction(profile.jurisdiction.join(','), region);
      const result = await runBuild({
        rows,
        list,
        additionsKey,
        region,
        jurisdiction,
        mode,
        hashKey,
        oprf,
        signingKeys,
        announceNextKey: args['announce-next-key']
          ? loadPublicKey({ publicKey: args['announce-next-key'] })
          : undefined,
        formerPublicKeys: loadFormerPublicKeys(args.keys),
        pointerLifetimeDays: parseNumberArg(args['pointer-expiry'], '--pointer-expiry', {
          min: 0.01,
          max: 366,
        }),
        falsePositiveRate: parseNumberArg(args['fp-rate'], '--fp-rate', { min: 1e-12, max: 0.49 }),
        register: registerRulesOf(profile),
        // The export is read with the profile's channels and sectors, aliases included; never signed.
        ...(profile.scopes ? { exportScopes: profile.scopes } : {}),
        validity:
          noExpiry || profile.validity === 'never'
            ? undefined
            : { years: profile.validity.years, referenceDate },
        dateFormat,
        maxBadDateRate: parseNumberArg(args['max-bad-date-rate'], '--max-bad-date-rate', { min: 0, max: 1 }),
        allowEmpty: args['allow-empty'] ?? false,
        shardMaxBytes: parseNumberArg(args['shard-max-bytes'], '--shard-max-bytes', {
          min: 1024,
          max: 2 ** 29,
          integer: true,
        }),
        newGeometry: args['new-geometry'] ?? false,
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
      })
        .catch((error: unknown) => {
          // A refused export: say why, row by row, where the error alone would leave the operator guessing.
          if (error instanceof TooManyRejectsError)
            throw new QuietlistError('DATA_REJECTED', `${error.message}: ${report.summary()}`);
          throw error;
        })
        .finally(async () => {
          progress.done();
          await report.close();
        });
      const seconds = (performance.now() - started) / 1000;
      const outcome: BuildOutcome = {
        list,
        storeDescription: store.description,
        profile,
        input,
        dateFormatLabel: dateFormat.label,
        datesRead: !noExpiry,
        report,
        jurisdiction,
        signingPublicKey: signingKeys.publicKey,
        signingKeyFile: args['signing-key'],
        result,
        seconds,
      };
      if (args.json) {
        process.stdout.write(`${JSON.stringify(buildSummary(outcome), null, 2)}\n`);
        return;
      }
      const lines = buildSummaryLines(outcome);
      process.stdout.write(`${lines.join('\n')}\n`);
    }),
});
