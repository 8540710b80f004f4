import { request } from 'undici';
import { startProcess, waitAllUp } from '../../../cluster/child-process.ts';
import { entryCommand, ROOT } from '../../../cluster/entrypoints.ts';
import { procTaskCpuMicros } from '../../../cluster/node-cpu.ts';
import { exitedDuring, type ManagedProcess, spawnManaged } from '../../../cluster/processes.ts';
import { freePort } from '../../../lib/free-port.ts';
import { waitFor } from '../../../lib/wait-for.ts';

/**
 * A floor cluster for the demo's load phase: `nodes` floor processes (server.ts) behind our own
 * balancer, shaped like the mode clusters, so its CPU per request is comparable with theirs: what
 * the same traffic costs a bare route (`none`), or a bare route doing one Redis GET (`redis`).
 */
export type FloorKind = 'none' | 'redis';

export interface FloorCluster {
  readonly kind: FloorKind;
  readonly url: string;
  /** The floor processes and their balancer. */
  readonly pids: number[];
  /** CPU µs of the floor processes (balancer excluded, as for the nodes). */
  cpuMicros(): Promise<number>;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;

async function startFloorProcess(
  kind: FloorKind,
  index: number,
  redisUrl: string | undefined,
): Promise<{ proc: ManagedProcess; url: string }> {
  const port = await freePort();
  // The launcher's bundle (as for the nodes): under tsx each floor process costs ~0.3 s more CPU.
  const { command, args, env } = await entryCommand('floor');
  const proc = spawnManaged(`floor-${index + 1}`, command, args, {
    cwd: ROOT,
    env: {
      ...env,
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      FLOOR: kind,
      NODE_ID: `floor-${index + 1}`,
      ...(kind === 'redis' && redisUrl && { REDIS_URL: redisUrl }),
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      const response = await request(`${url}/health`);
      await response.body.dump();
      return response.statusCode === 200;
    },
    {
      timeoutMs: START_TIMEOUT_MS,
      intervalMs: 50,
      what: `floor-${index + 1}`,
      abort: () => exitedDuring(proc, 'start'),
    },
  );
  return { proc, url };
}

export async function startFloor(kind: FloorKind, nodes: number, redisUrl?: string): Promise<FloorCluster> {
  if (kind === 'redis' && !redisUrl) throw new Error('a Redis floor needs a Redis URL');
  const owned: ManagedProcess[] = [];
  const close = async () => {
    await Promise.all(owned.map((proc) => proc.stop()));
  };
  try {
    const floors: { proc: ManagedProcess; url: string }[] = [];
    // One after the other, as the launcher starts clusters: parallel starts miss deadlines on 2 cores.
    for (let i = 0; i < nodes; i++) {
      const floor = await startFloorProcess(kind, i, redisUrl);
      owned.push(floor.proc);
      floors.push(floor);
    }
    const env = {
      TARGETS: floors.map((f) => f.url).join(','),
      STRATEGY: 'round-robin',
      HEALTH_INTERVAL: '250ms',
    };
    const own = (proc: ManagedProcess) => owned.push(proc);
    const balancer = await startProcess(
      'floor-balancer',
      'balancer',
      env,
      '/__lb/stats',
      await freePort(),
      freePort,
      own,
    );
    const url = `http://127.0.0.1:${balancer.port}`;
    await waitAllUp(url, balancer.proc, 'the floor balancer');
    return {
      kind,
      url,
      pids: owned.map((proc) => proc.pid),
      async cpuMicros() {
        let total = 0;
        for (const floor of floors) total += (await procTaskCpuMicros(floor.proc.pid)) ?? 0;
        return total;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
