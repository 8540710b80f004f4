import { openLoop } from '../../scenarios/client/open-loop.ts';
import { spreadOf } from '../../scenarios/core/spread.ts';
import { groupCpuMicros } from '../app/tree-cpu.ts';
import type { AuditContext } from '../context.ts';
import type { AuditLoadResult } from '../types.ts';
import { loggedInUsers } from './sessions.ts';

async function treesCpu(pgids: readonly number[]): Promise<number> {
  const values = await Promise.all(pgids.map((pgid) => groupCpuMicros(pgid)));
  return values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
}

/**
 * The protected request at a fixed offered rate (open loop, latency from each request's due time)
 * in several rounds, through the balancer. CPU µs per request is the replicas' process-tree CPU
 * (/proc, any language) over the requests of the round: a cost that depends little on contention.
 * Rounds on a shared machine vary: every figure is median with min–max.
 */
export async function measureLoad(
  context: AuditContext,
  pgids: readonly number[] | undefined,
): Promise<AuditLoadResult> {
  const rounds = context.quick ? 3 : 5;
  const phaseSeconds = context.quick ? 2 : 5;
  const offeredRate = context.quick ? 100 : 200;
  const connections = 4;
  const users = await loggedInUsers(context, connections);
  const url = new URL(context.balancerUrl);
  const headers = users.map((user) => user.credential().headers);
  const rps: number[] = [];
  const p50: number[] = [];
  const p99: number[] = [];
  const cpu: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let requests = 0;
  for (let round = 0; round < rounds; round++) {
    const before = pgids ? await treesCpu(pgids) : 0;
    const result = await openLoop({
      url: url.origin,
      path: context.profile.verification.pollUrl,
      headers,
      connections,
      rate: offeredRate,
      durationSeconds: phaseSeconds,
    });
    if (pgids) {
      const used = (await treesCpu(pgids)) - before;
      cpu.push(used / Math.max(1, result.requests));
    }
    rps.push(result.achieved);
    p50.push(result.latencyMs.p50);
    p99.push(result.latencyMs.p99);
    errors += result.errors;
    non2xx += result.non2xx;
    requests += result.requests;
  }
  return {
    offeredRate,
    rounds,
    phaseSeconds,
    connections,
    requestsPerSecond: spreadOf(rps),
    latencyMs: { p50: spreadOf(p50, 2), p99: spreadOf(p99, 2) },
    cpuMicrosPerRequest: pgids ? spreadOf(cpu, 0) : null,
    errors,
    non2xx,
    requests,
  };
}
