/** Which partitions of a partitioned epoch (docs/FORMAT.md §1.4) a pull installs. */
import type { Manifest } from '../../core/epoch/manifest.ts';
import { QuietlistError } from '../../core/errors.ts';
import { parsePartitionList } from '../../core/partitions/partition-rule.ts';
import type { PullOptions } from './pull-options.ts';

/**
 * The partitions to pull, or undefined for every shard (an unpartitioned epoch, or every partition):
 * those asked for (default all), within what the source lets this caller download. Asking for one
 * outside the subscription is refused, naming it: silently leaving it out would make its numbers
 * unanswerable later, without saying why now.
 */
export async function partitionSelection(
  manifest: Manifest,
  options: PullOptions,
): Promise<string[] | undefined> {
  const rule = manifest.register?.partition;
  if (!rule) {
    if (options.partitions) {
      throw new QuietlistError(
        'INVALID_ARGUMENT',
        `--partitions: epoch ${manifest.epoch} is not partitioned (it is downloaded whole)`,
      );
    }
    return undefined;
  }
  const asked = options.partitions
    ? parsePartitionList(options.partitions.join(','), rule, rule.name)
    : undefined;
  const entitled = options.source.entitlement ? await options.source.entitlement() : null;
  if (entitled === null) return asked;
  if (!asked) return [...entitled].sort();
  const outside = asked.filter((id) => !entitled.includes(id));
  if (outside.length > 0) {
    throw new QuietlistError(
      'INVALID_ARGUMENT',
      `${rule.name} ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not in your subscription (${entitled.join(', ') || 'none'})`,
    );
  }
  return asked;
}
