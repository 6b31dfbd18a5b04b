/**
 * What `quietlist build` says of a build: the summary `--json` prints, and the lines it prints
 * otherwise (counts, rejections, the numbering plan, scopes and partitions, geometry, keys, retention).
 */
import type { InputDescription } from '../../builder/input/record.ts';
import type { BuildReport } from '../../builder/run-build.ts';
import { fromBase64 } from '../../core/encoding/base64.ts';
import { publicKeyFingerprint } from '../../core/epoch/signing.ts';
import { DEFAULT_LIST } from '../../core/lists/list-name.ts';
import type { Jurisdiction } from '../../core/phone/numbering-plan.ts';
import type { RegisterProfile } from '../../core/registers/profile.ts';
import { describeValidity } from '../register-args.ts';
import type { RejectReport } from '../reject-report.ts';
import { describeInput } from './describe-input.ts';

/** A finished build and what it was asked. */
export interface BuildOutcome {
  list: string;
  storeDescription: string;
  profile: RegisterProfile;
  input: InputDescription;
  dateFormatLabel: string;
  /** Whether registration dates were looked for (false: the register never expires, or --no-expiry). */
  datesRead: boolean;
  report: RejectReport;
  jurisdiction: Jurisdiction | 'any';
  signingPublicKey: Uint8Array;
  /** `--signing-key`, when the key was read from its own file (it may go once the next key is announced). */
  signingKeyFile: string | undefined;
  result: BuildReport;
  seconds: number;
}

/** The summary `build --json` prints. */
export function buildSummary(outcome: BuildOutcome) {
  const { list, storeDescription, profile, input, dateFormatLabel, report, jurisdiction, result, seconds } =
    outcome;
  const { manifest } = result.signed;
  return {
    list,
    epoch: manifest.epoch,
    published: result.published,
    additions: result.additions,
    store: storeDescription,
    mode: manifest.mode,
    register: {
      id: profile.id,
      name: profile.name,
      rescrubDays: profile.rescrubDays,
      validity: describeValidity(profile),
    },
    input: { ...input, dateFormat: input.dateColumn ? dateFormatLabel : undefined },
    warnings: result.warnings,
    counts: result.counts,
    rejectReasons: Object.fromEntries(report.byReason),
    jurisdiction: jurisdiction === 'any' ? 'any' : [...jurisdiction.callingCodes].map((code) => `+${code}`),
    normalizationScheme: manifest.normalization.scheme,
    schemeChange: result.schemeChange,
    rejectCodes: Object.fromEntries(report.byCode),
    shards: manifest.shards.length,
    partitions: manifest.partitions?.length,
    bytes: result.totalBytes,
    geometry: result.geometry,
    deltaBytes: result.deltaBytes,
    falsePositiveRate: manifest.filter.falsePositiveRate,
    manifestSha256: result.manifestSha256,
    signingKeyFingerprint: publicKeyFingerprint(outcome.signingPublicKey),
    nextSigningKeyFingerprint: manifest.signing
      ? publicKeyFingerprint(fromBase64(manifest.signing.next, 'signing.next'))
      : undefined,
    pointerExpiresAt: result.pointerExpiresAt,
    retirementsRecorded: result.retirementsRecorded,
    retention: result.retention,
    oprf: result.oprf,
    seconds: Number(seconds.toFixed(2)),
  };
}

/** The lines `build` prints. */
export function buildSummaryLines(outcome: BuildOutcome): string[] {
  const {
    list,
    storeDescription,
    profile,
    input,
    dateFormatLabel,
    datesRead,
    report,
    jurisdiction,
    result,
    seconds,
  } = outcome;
  const { manifest } = result.signed;
  const summary = buildSummary(outcome);
  const c = result.counts;
  const lines = [
    `${result.published ? 'published' : 'built (dry run, not published)'} epoch ${manifest.epoch}${list === DEFAULT_LIST ? '' : ` of list ${list}`} to ${storeDescription}`,
    ...(result.additions
      ? [
          `  live additions: ${result.additions.folded} folded in (up to #${result.additions.sequence}), ${result.additions.expired} expired and dropped`,
        ]
      : []),
    `  register ${profile.id} (${profile.name}): registrations ${profile.validity === 'never' ? 'never expire' : `expire after ${describeValidity(profile)}`}, ${profile.rescrubDays === null ? 'no rescrub window' : `subscribers must rescrub within ${profile.rescrubDays} days`}`,
    `  input ${describeInput(input, dateFormatLabel, datesRead)}`,
    `  rows ${c.rows}  accepted ${c.accepted}  rejected ${c.rejected}  expired ${c.expired}  duplicates ${c.duplicates}  entries ${c.entries}`,
    ...[...report.byReason].map(([reason, count]) => `  ${count} × ${reason}`),
    ...planLines(result, jurisdiction),
    ...result.warnings.map((warning) => `  WARNING: ${warning}`),
    `  ${manifest.shards.length} shard(s), ${(result.totalBytes / 1e6).toFixed(2)} MB, target ε ${manifest.filter.falsePositiveRate}, mode ${manifest.mode}`,
    ...scopeLines(result),
    result.geometry.kept
      ? `  shard geometry kept (since ${manifest.filter.geometrySince ?? 'each partition’s own epoch'}); deltas ${(result.deltaBytes / 1e6).toFixed(2)} MB for ${manifest.shards.filter((shard) => shard.delta).length} changed shard(s)`
      : `  new shard geometry: ${result.geometry.reason} (clients download ${manifest.partitions ? 'those shards' : 'every shard'} once)`,
    ...(result.oprf
      ? [
          `  oprf (${result.oprf.backend}): ${result.oprf.evaluated} evaluated, ${result.oprf.reused} reused from the private state${result.oprf.stateEntries === undefined ? '' : `, state now ${result.oprf.stateEntries} entries`}`,
        ]
      : []),
    `  manifest sha256 ${result.manifestSha256}`,
    `  signing key ${summary.signingKeyFingerprint}`,
    ...(summary.nextSigningKeyFingerprint
      ? [
          `  announces the next signing key ${summary.nextSigningKeyFingerprint}: build with it from now on (clients follow)`,
          ...(result.published && outcome.signingKeyFile
            ? [
                `  the old secret key ${outcome.signingKeyFile} is no longer needed (renewals sign with the new key): delete it now`,
              ]
            : []),
        ]
      : []),
    ...(result.pointerExpiresAt
      ? [`  latest.json expires ${result.pointerExpiresAt}: build or \`quietlist renew\` before`]
      : []),
    ...(result.retirementsRecorded
      ? [`  wrote ${result.retirementsRecorded} key retirement record(s): the old signing key is retired`]
      : []),
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
  return lines;
}

/** What scopes and partitions did to this build. */
function scopeLines(result: BuildReport): string[] {
  const { manifest } = result.signed;
  const lines: string[] = [];
  const scopes = manifest.register?.scopes;
  if (scopes) {
    lines.push(
      `  scopes: ${scopes.channels.length} channel(s), ${scopes.sectors.length} sector(s); ${result.counts.entries} scope entries for ${result.counts.accepted} registrations (docs/FORMAT.md §1.3)`,
    );
  }
  const rule = manifest.register?.partition;
  if (rule && manifest.partitions) {
    const sizes = manifest.partitions.map((partition) =>
      manifest.shards
        .filter((shard) => shard.partition === partition.id)
        .reduce((sum, shard) => sum + shard.bytes, 0),
    );
    const largest = sizes.length === 0 ? 0 : Math.max(...sizes);
    lines.push(
      `  partitioned by ${rule.name}: ${manifest.partitions.length} partition(s), the largest ${(largest / 1e6).toFixed(2)} MB; subscribers download theirs only`,
    );
  }
  return lines;
}

/** What the numbering plan did to this build: overseas keys, numbers outside assigned ranges, a re-keying. */
function planLines(result: BuildReport, jurisdiction: Jurisdiction | 'any'): string[] {
  const c = result.counts;
  const lines: string[] = [];
  if (jurisdiction !== 'any') {
    const codes = [...jurisdiction.callingCodes].map((code) => `+${code}`).join(' ');
    lines.push(
      `  plan ${codes}: ${c.otherPlanCodes} accepted in the ranges of another calling code than +${jurisdiction.homeCallingCode} (keyed under +${jurisdiction.homeCallingCode})`,
    );
  }
  if (c.ambiguous > 0)
    lines.push(
      `  ${c.ambiguous} value(s) with several readings (a "+", "00" or 0 lost?), entered under each: ${c.extraReadings} extra entries`,
    );
  if (c.unassigned > 0)
    lines.push(
      `  ${c.unassigned} accepted number(s) outside the ranges the metadata knows as assigned (kept; many means a bad export)`,
    );
  if (result.schemeChange)
    lines.push(
      `  normalisation scheme ${result.schemeChange.from} → ${result.schemeChange.to}: every number re-keyed from the export${result.oprf ? ' (oprf: numbers whose key changed were evaluated anew)' : ''}`,
    );
  return lines;
}
