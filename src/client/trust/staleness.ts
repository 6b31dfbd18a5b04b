/** The freshness rule: a list older than the legal rescrub period (30 days in France and the US) is stale. */
export const DEFAULT_MAX_AGE_DAYS = 30;
const DAY_MS = 86_400_000;

export function epochAgeDays(createdAt: string, now: Date): number {
  return (now.getTime() - Date.parse(createdAt)) / DAY_MS;
}

/** A warning line when the epoch is older than `maxAgeDays`, else undefined. */
export function staleEpochWarning(
  epoch: { epoch: string; createdAt: string },
  now: Date,
  maxAgeDays: number = DEFAULT_MAX_AGE_DAYS,
): string | undefined {
  const age = epochAgeDays(epoch.createdAt, now);
  if (age <= maxAgeDays) return undefined;
  return (
    `epoch ${epoch.epoch} is ${Math.floor(age)} days old (created ${epoch.createdAt}), older than ` +
    `${maxAgeDays} days: pull a newer one before calling`
  );
}
