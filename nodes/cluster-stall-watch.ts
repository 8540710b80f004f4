import type { Cluster, Redis } from 'ioredis';
import { watchForStalls } from './stall-watch.ts';

/**
 * The command timeout of a Redis Cluster client: the stall watch (stall-watch.ts) on every shard
 * connection, as the client opens and drops them (`+node` / `-node`). Each shard connection has its
 * own reply queue in order, so a stalled shard fails its own commands and no other. Unlike ioredis'
 * per-command `commandTimeout`, a reply that reached a starved node in time is read before the
 * timeout is judged, and no timer is armed per command.
 */
export function watchClusterStalls(
  cluster: Cluster,
  timeoutMs: number,
  onStall: (error: Error) => void,
): () => void {
  const watches = new Map<Redis, () => void>();
  const add = (shard: Redis) => {
    if (!watches.has(shard)) watches.set(shard, watchForStalls(shard, timeoutMs, onStall));
  };
  const remove = (shard: Redis) => {
    watches.get(shard)?.();
    watches.delete(shard);
  };
  for (const shard of cluster.nodes('all')) add(shard);
  cluster.on('+node', add);
  cluster.on('-node', remove);
  return () => {
    cluster.off('+node', add);
    cluster.off('-node', remove);
    for (const stop of watches.values()) stop();
    watches.clear();
  };
}
