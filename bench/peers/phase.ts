import { procTaskCpuMicros } from '../../cluster/node-cpu.ts';
import type { RedisAdmin } from '../../cluster/redis-commands.ts';
import { openLoop } from '../../scenarios/client/open-loop.ts';
import type { Credentials } from './credentials.ts';
import type { RunningTarget } from './targets.ts';

/**
 * One measured phase of one target: GET /api/me at a fixed offered rate (open loop, latency from
 * each request's due time), with the server process's CPU (/proc) and the Redis commands (INFO
 * commandstats) counted over exactly that phase. Only one target is driven at a time, so every
 * command in the delta is its own.
 */
export interface PhaseLoad {
  rate: number;
  seconds: number;
  connections: number;
}

export interface PhaseResult {
  cpuMicrosPerRequest: number;
  p50Ms: number;
  p99Ms: number;
  redisCommandsPerRequest: number;
  requests: number;
  failed: number;
}

async function cpuOf(target: RunningTarget): Promise<number> {
  const micros = await procTaskCpuMicros(target.process.pid);
  if (micros === undefined) throw new Error(`${target.spec.name}: no CPU figures in /proc (process gone?)`);
  return micros;
}

export async function measurePhase(
  target: RunningTarget,
  credentials: Credentials,
  load: PhaseLoad,
  admin: RedisAdmin | undefined,
): Promise<PhaseResult> {
  const commandsBefore = admin ? await admin.commandCount() : 0;
  const cpuBefore = await cpuOf(target);
  const result = await openLoop({
    url: target.url,
    path: '/api/me',
    headers: credentials.headers,
    connections: load.connections,
    rate: load.rate,
    durationSeconds: load.seconds,
  });
  const cpuAfter = await cpuOf(target);
  const commandsAfter = admin ? await admin.commandCount() : 0;
  const requests = Math.max(1, result.requests);
  return {
    cpuMicrosPerRequest: (cpuAfter - cpuBefore) / requests,
    p50Ms: result.latencyMs.p50,
    p99Ms: result.latencyMs.p99,
    redisCommandsPerRequest: (commandsAfter - commandsBefore) / requests,
    requests: result.requests,
    failed: result.errors + result.non2xx,
  };
}
