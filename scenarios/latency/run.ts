import { runModeOptions } from '../../cluster/run-modes.ts';
import { type Cluster, StoreUnavailableError, startCluster } from '../../cluster/start-cluster.ts';
import { spread } from '../../lib/stats/spread.ts';
import { openLoop } from '../client/open-loop.ts';
import type { ScenarioContext, ScenarioOptions } from '../core/context.ts';
import type { Skipped } from '../core/types.ts';
import { type PreparedLoad, prepareLoad } from '../load/run.ts';
import { STORE_ROUND_TRIPS } from '../load/store-latency.ts';
import type { LatencyPoint, LatencyResult } from './types.ts';

/** Store RTTs swept, ms: the same machine, a store in the same rack, one across a data centre. */
export const SWEEP_RTTS_MS = [0, 0.5, 2] as const;

/**
 * latency — what the session store's round trip costs each request. One private one-node cluster
 * of the run's mode per store RTT (a latency relay on the node↔store link, see
 * cluster/latency-relay.ts; the client link has a relay with 0 ms, so every point has the same
 * hops), then fixed-rate GET /api/me on each in interleaved rounds (A B C A B C …). The figure is
 * the latency each point adds over the first, paired round by round, against the theory: the
 * store round trips a request waits for × the RTT measured on the link.
 */
export async function run(ctx: ScenarioContext, options: ScenarioOptions): Promise<LatencyResult | Skipped> {
  if (ctx.target)
    return { skipped: true, reason: 'latency launches clusters of its own, which --target cannot do' };
  if (ctx.run !== 'redis' && ctx.run !== 'jwt-redis') {
    return { skipped: true, reason: 'no store on the request path: nothing to sweep' };
  }
  const roundTrips = STORE_ROUND_TRIPS[ctx.run];
  const clusters: Cluster[] = [];
  try {
    for (const storeRttMs of SWEEP_RTTS_MS) {
      clusters.push(
        await startCluster({
          ...runModeOptions(ctx.run),
          nodes: 1,
          redisUrl: '',
          network: { storeRttMs, clientRttMs: 0 },
        }),
      );
    }
  } catch (error) {
    await Promise.all(clusters.map((cluster) => cluster.close()));
    if (error instanceof StoreUnavailableError) return { skipped: true, reason: error.reason };
    throw error;
  }
  try {
    return await sweep(clusters, options, roundTrips);
  } finally {
    await Promise.all(clusters.map((cluster) => cluster.close()));
  }
}

async function sweep(
  clusters: Cluster[],
  options: ScenarioOptions,
  roundTrips: number,
): Promise<LatencyResult> {
  const prepared: PreparedLoad[] = [];
  for (const cluster of clusters) prepared.push(await prepareLoad({ url: cluster.url }, options));
  const rounds = Math.max(1, options.loadRounds ?? (options.quick ? 2 : 3));
  const p50s: number[][] = clusters.map(() => []);
  const p99s: number[][] = clusters.map(() => []);
  const failed = clusters.map(() => 0);
  for (let round = 0; round < rounds; round++) {
    for (const [i, cluster] of clusters.entries()) {
      const load = prepared[i]!;
      const fixed = await openLoop({
        url: cluster.url,
        path: '/api/me',
        headers: load.headers,
        connections: load.connections,
        rate: load.rate,
        durationSeconds: load.phaseSeconds,
      });
      p50s[i]!.push(fixed.latencyMs.p50);
      p99s[i]!.push(fixed.latencyMs.p99);
      failed[i]! += fixed.errors + fixed.non2xx;
    }
  }
  const rttOf = (cluster: Cluster) => cluster.network.links?.store?.measuredRttMs ?? 0;
  const baseRtt = rttOf(clusters[0]!);
  const points: LatencyPoint[] = clusters.map((cluster, i) => ({
    storeRttMs: SWEEP_RTTS_MS[i]!,
    measuredRttMs: rttOf(cluster),
    p50: spreadOf(p50s[i]!),
    p99: spreadOf(p99s[i]!),
    addedP50: spreadOf(p50s[i]!.map((v, r) => v - p50s[0]![r]!)),
    addedP99: spreadOf(p99s[i]!.map((v, r) => v - p99s[0]![r]!)),
    failed: failed[i]!,
    theoryAddedMs: Math.round(roundTrips * (rttOf(cluster) - baseRtt) * 100) / 100,
  }));
  return {
    roundTrips,
    rate: prepared[0]!.rate,
    phaseSeconds: prepared[0]!.phaseSeconds,
    rounds,
    points,
  };
}

function spreadOf(values: number[]) {
  const result = spread(values, 2);
  if (!result) throw new Error('latency: no rounds were measured');
  return result;
}
