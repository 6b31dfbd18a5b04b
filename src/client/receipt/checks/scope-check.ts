/** What the receipt says of the scope and partitions it was checked for, against the epoch's register. */
import type { Manifest } from '../../../core/epoch/manifest.ts';
import type { ScrubReceipt } from '../../../core/receipt/receipt.ts';
import type { AddCheck } from './receipt-check.ts';

/**
 * Scopes and partitions (docs/FORMAT.md §13.6 step 6a): the receipt names them exactly when the epoch has
 * them, with codes the epoch's register declares and partitions it lists or could list.
 */
export function checkScope(receipt: ScrubReceipt, manifest: Manifest, add: AddCheck): void {
  const scopes = manifest.register?.scopes;
  const problems: string[] = [];
  if ((receipt.scope === undefined) !== (scopes === undefined))
    problems.push(
      scopes ? 'the epoch declares scopes but the receipt names none' : 'the epoch declares no scopes',
    );
  if (receipt.scope && scopes) {
    const { channel, sector } = receipt.scope;
    if (channel !== null && !scopes.channels.some((choice) => choice.code === channel))
      problems.push(`channel ${channel} is not the register's`);
    if (sector !== null && !scopes.sectors.some((choice) => choice.code === sector))
      problems.push(`sector ${sector} is not the register's`);
  }
  const rule = manifest.register?.partition;
  if ((receipt.partitions === undefined) !== (rule === undefined))
    problems.push(
      rule ? 'the epoch is partitioned but the receipt names no partitions' : 'the epoch is not partitioned',
    );
  if (receipt.partitions && rule && receipt.partitions.some((id) => id.length !== rule.digits))
    problems.push(`a partition is not ${rule.digits} digits`);
  // The first of `lists` is the embedded epoch: what it names, it names as the receipt does.
  const first = receipt.lists?.[0];
  if (
    first?.scope &&
    (first.scope.channel !== receipt.scope?.channel || first.scope.sector !== receipt.scope?.sector)
  )
    problems.push("the first of lists names another scope than the receipt's");
  if (first?.partitions && first.partitions.join(' ') !== receipt.partitions?.join(' '))
    problems.push("the first of lists names other partitions than the receipt's");
  // Nothing to say of an epoch without either, unless the receipt names them anyway.
  if (!scopes && !rule && problems.length === 0) return;
  const what = [
    receipt.scope
      ? `checked for ${receipt.scope.channel ?? 'any channel'} / ${receipt.scope.sector ?? 'any sector'}`
      : '',
    receipt.partitions ? `${rule?.name ?? 'partition'}s ${receipt.partitions.join(' ') || 'none'}` : '',
  ].filter(Boolean);
  add(
    'scope and partitions',
    problems.length === 0 ? 'verified' : 'failed',
    problems.join('; ') || what.join('; '),
  );
}
