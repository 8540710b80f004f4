import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../lib/free-port.ts';
import { waitFor } from '../lib/wait-for.ts';
import { type LocalRedis, replicaInSync, requireRedisBinary, send, startLocalRedis } from './redis-local.ts';

/**
 * A Redis Cluster the launcher owns: 3 primaries + 3 replicas (redis-server in cluster mode on
 * free loopback ports, each with its own cluster bus port and nodes.conf in a temp dir), created
 * with `redis-cli --cluster create … --cluster-replicas 1 --cluster-yes`.
 * - `cluster-node-timeout 1000`: a dead primary is replaced by its replica within a few seconds;
 * - `cluster-require-full-coverage no`: while one shard has no primary, the other shards keep
 *   serving (the default would stop the whole cluster), so a failure touches only that shard.
 * A killed primary is started again with its own nodes.conf: it rejoins, sees the newer epoch of
 * its promoted replica and becomes its replica — the cluster protocol does here what Sentinel
 * needs the launcher's help for.
 */
export const CLUSTER_NODE_TIMEOUT_MS = 1000;

export interface ClusterShard {
  primary: { host: string; port: number };
  replicas: { host: string; port: number }[];
  /** Inclusive slot ranges. */
  slots: [number, number][];
}

export interface RedisClusterTopology {
  readonly nodes: { host: string; port: number }[];
  /** Current shards, as the cluster itself reports them (CLUSTER NODES). */
  shards(): Promise<ClusterShard[]>;
  /** SIGKILLs the current primary of shard `index` (by slot order); resolves to that shard. */
  killPrimary(index: number): Promise<ClusterShard>;
  /**
   * Resolves to the shard once another node serves `killed`'s slots. Only then may the killed
   * primary start again: back earlier, with no data and no newer replica to defer to, it would
   * take its slots back empty and its replica would copy the empty dataset.
   */
  waitForPromotion(killed: ClusterShard, timeoutMs: number): Promise<ClusterShard>;
  /** Starts every stopped instance again (a killed primary rejoins as a replica). */
  restartStopped(): Promise<void>;
  pids(): number[];
  close(): Promise<void>;
}

function redisCliPath(serverPath: string): string {
  return join(serverPath, '..', 'redis-cli');
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} exited ${code}: ${output.slice(-800)}`)),
    );
  });
}

/** One CLUSTER NODES line: `<id> <ip:port@bus> <flags> <primary-id> … <slot> <slot>…`. */
export function parseClusterNodes(text: string): ClusterShard[] {
  const lines = text
    .trim()
    .split('\n')
    .map((line) => line.trim().split(' '));
  const address = (field: string) => {
    const [host = '', port = ''] = field.split('@')[0]!.split(':');
    return { host, port: Number(port) };
  };
  const live = lines.filter(([, , flags]) => !/fail(?!\?)|noaddr|handshake/.test(flags ?? ''));
  const shards = live
    .filter(([, , flags]) => flags!.includes('master'))
    .map((fields) => ({
      id: fields[0]!,
      shard: {
        primary: address(fields[1]!),
        replicas: [] as { host: string; port: number }[],
        slots: fields
          .slice(8)
          .filter((slot) => /^\d+(-\d+)?$/.test(slot))
          .map((slot) => {
            const [from, to = from] = slot.split('-').map(Number);
            return [from!, to!] as [number, number];
          }),
      },
    }))
    .filter(({ shard }) => shard.slots.length > 0);
  for (const fields of live) {
    if (!fields[2]!.includes('slave')) continue;
    shards.find(({ id }) => id === fields[3])?.shard.replicas.push(address(fields[1]!));
  }
  return shards.map(({ shard }) => shard).sort((a, b) => a.slots[0]![0] - b.slots[0]![0]);
}

async function clusterNodes(port: number): Promise<string> {
  const client = new Redis(port, '127.0.0.1', {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return String(await client.call('CLUSTER', 'NODES'));
  } finally {
    client.disconnect();
  }
}

async function clusterReady(instances: LocalRedis[]): Promise<boolean> {
  for (const instance of instances) {
    const text = await clusterNodes(instance.port).catch(() => '');
    const shards = parseClusterNodes(text);
    if (shards.length !== 3 || shards.some((s) => s.replicas.length !== 1)) return false;
    const covered = shards.reduce((n, s) => n + s.slots.reduce((m, [a, b]) => m + b - a + 1, 0), 0);
    if (covered !== 16_384) return false;
  }
  // Every replica done with its first sync: a replica that never synced refuses to fail over
  // (its data counts as too old), so a primary killed before that would never be replaced.
  const replicas = parseClusterNodes(await clusterNodes(instances[0]!.port).catch(() => '')).flatMap(
    (shard) => shard.replicas,
  );
  const synced = await Promise.all(replicas.map((replica) => replicaInSync(replica.port)));
  return replicas.length === 3 && synced.every(Boolean);
}

/** One cluster node's redis-server flags: its nodes.conf and bus port, all in `dir`. */
async function clusterNodeArgs(dir: string, index: number): Promise<string[]> {
  const busPort = await freePort();
  return [
    ...['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${index + 1}.conf`)],
    ...['--cluster-node-timeout', String(CLUSTER_NODE_TIMEOUT_MS), '--cluster-port', String(busPort)],
    ...['--cluster-require-full-coverage', 'no', '--dir', dir],
  ];
}

/** Waits until another node serves the first slot of the `killed` shard; that shard as it is now. */
async function waitForShardPromotion(
  shards: () => Promise<ClusterShard[]>,
  killed: ClusterShard,
  timeoutMs: number,
): Promise<ClusterShard> {
  const first = killed.slots[0]![0];
  let promoted: ClusterShard | undefined;
  await waitFor(
    async () => {
      const now = await shards().catch(() => []);
      promoted = now.find((s) => s.slots.some(([a, b]) => first >= a && first <= b));
      return promoted !== undefined && promoted.primary.port !== killed.primary.port;
    },
    {
      timeoutMs,
      what: `a replica to take over the slots of ${killed.primary.host}:${killed.primary.port}`,
    },
  );
  return promoted!;
}

/**
 * Starts the stopped nodes again. Each comes back from its nodes.conf as a replica of its promoted
 * replica, and may not be promoted itself before its first sync is done (see rejoinAsReplica in
 * redis-local.ts).
 */
async function restartStopped(instances: LocalRedis[], argsOf: Map<LocalRedis, string[]>): Promise<void> {
  const stopped = instances.filter((instance) => instance.pids().length === 0);
  await Promise.all(
    stopped.map(async (instance) => {
      await instance.start([...argsOf.get(instance)!, '--cluster-replica-no-failover', 'yes']);
      await waitFor(() => replicaInSync(instance.port), {
        timeoutMs: 30_000,
        what: `the restarted cluster node on port ${instance.port} to finish its first sync`,
      });
      await send(instance.port, 'CONFIG SET cluster-replica-no-failover no');
    }),
  );
}

export async function startRedisCluster(): Promise<RedisClusterTopology> {
  const binary = requireRedisBinary();
  const dir = await mkdtemp(join(tmpdir(), 'authscale-redis-cluster-'));
  const instances: LocalRedis[] = [];
  const argsOf = new Map<LocalRedis, string[]>();
  const close = async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 6; i++) {
      const args = await clusterNodeArgs(dir, i);
      const instance = await startLocalRedis(`redis-cluster-${i + 1}`, args);
      instances.push(instance);
      argsOf.set(instance, args);
    }
    const addresses = instances.map((instance) => `127.0.0.1:${instance.port}`);
    await run(redisCliPath(binary), [
      '--cluster',
      'create',
      ...addresses,
      '--cluster-replicas',
      '1',
      '--cluster-yes',
    ]);
    await waitFor(() => clusterReady(instances), {
      timeoutMs: 30_000,
      what: 'the Redis Cluster to agree on 3 primaries, 3 replicas and every slot',
    });
  } catch (error) {
    await close();
    throw error;
  }
  const shards = async (): Promise<ClusterShard[]> => {
    for (const instance of instances.filter((i) => i.pids().length > 0)) {
      const text = await clusterNodes(instance.port).catch(() => undefined);
      if (text) return parseClusterNodes(text);
    }
    throw new Error('no Redis Cluster node answers CLUSTER NODES');
  };
  return {
    nodes: instances.map((instance) => ({ host: '127.0.0.1', port: instance.port })),
    shards,
    killPrimary: async (index) => {
      const shard = (await shards())[index];
      if (!shard) throw new Error(`the Redis Cluster has no shard ${index}`);
      await instances.find((instance) => instance.port === shard.primary.port)?.stop(true);
      return shard;
    },
    waitForPromotion: (killed, timeoutMs) => waitForShardPromotion(shards, killed, timeoutMs),
    restartStopped: () => restartStopped(instances, argsOf),
    pids: () => instances.flatMap((instance) => instance.pids()),
    close,
  };
}
