/**
 * The app's shard lookups on Workers (src/api/shards/choose-lookup.ts): the SHARDS namespace of
 * ShardResident objects as a directory of stubs by name, for DurableObjectShardLookup.
 */
import type { ResidentShardDirectory, ResidentShardStub } from '../src/api/shards/durable-object-lookup.ts';
import type { ShardResident } from './shard-object.ts';

export function durableObjectShardDirectory(
  namespace: DurableObjectNamespace<ShardResident>,
): ResidentShardDirectory {
  return (name) => namespace.get(namespace.idFromName(name)) as unknown as ResidentShardStub;
}
