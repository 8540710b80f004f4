import type { Cluster } from '../../cluster/start-cluster.ts';
import type { ScenarioContext, ScenarioOptions } from '../core/context.ts';
import { startPrivateNode } from '../core/private-node.ts';
import { spreadOf } from '../core/spread.ts';
import { isSkipped, type Skipped } from '../core/types.ts';
import { DEFAULT_TTLS, DERIVED_TTLS, derivedPoint, QUICK_TTLS } from './math.ts';
import { type MeasuredPoint, measurePoint } from './point.ts';
import type { LifetimesResult } from './types.ts';

/**
 * lifetimes — the seed's "too short means logging in all the time" (hence refresh tokens): what an
 * access-token lifetime costs in refresh traffic and store writes, and what it buys in exposure.
 * Each measured lifetime gets a private one-node cluster with that ACCESS_TOKEN_TTL (they run side
 * by side: the figures are counts and periods, not contention-bound), two kinds of client and a
 * thief replaying a token stolen at issuance. Longer lifetimes are scaled from the setting and the
 * measured ratios and say so (`measured: false`).
 */
export const LIFETIMES_SCRYPT_COST = 1024;

export interface LifetimesOptions extends ScenarioOptions {
  /** Override the measured lifetimes (tests). */
  lifetimes?: number[];
}

export async function run(
  ctx: ScenarioContext,
  options: LifetimesOptions,
): Promise<LifetimesResult | Skipped> {
  const runMode = ctx.run;
  if (runMode === 'memory' || runMode === 'redis') {
    return {
      skipped: true,
      reason: 'session modes have no access-token lifetime (sessions end by idle/absolute timeout)',
    };
  }
  if (ctx.target) {
    return { skipped: true, reason: 'lifetimes needs the embedded launcher (a node per ACCESS_TOKEN_TTL)' };
  }
  const ttls = options.lifetimes ?? (options.quick ? QUICK_TTLS : DEFAULT_TTLS);
  const settings = {
    // Small on purpose: the clients' timers must stay on time on a busy 2-core machine.
    usersPerClient: options.quick ? 5 : 6,
    requestIntervalMs: 500,
    pollMs: 100,
  };
  // A test passes '' to force a private redis-server over any REDIS_URL.
  const redisUrl = ctx.launch?.redisUrl;
  // Nodes start one after the other (start-up is the heaviest moment on a busy machine), then
  // every lifetime is measured at the same time: the figures are counts and periods.
  const clusters: Cluster[] = [];
  try {
    for (const ttlSeconds of ttls) {
      const env = { ACCESS_TOKEN_TTL: `${ttlSeconds}s`, SCRYPT_COST: String(LIFETIMES_SCRYPT_COST) };
      const cluster = await startPrivateNode(runMode, env, redisUrl);
      if (isSkipped(cluster)) return cluster;
      clusters.push(cluster);
    }
    const measured = await Promise.all(
      clusters.map((cluster, i) => measurePoint(cluster.nodeUrls[0]!, { ...settings, ttlSeconds: ttls[i]! })),
    );
    return combine(runMode, measured, settings.requestIntervalMs);
  } finally {
    await Promise.all(clusters.map((cluster) => cluster.close()));
  }
}

/** Measured points, then derived ones scaled by the run-wide measured ratios. */
export function combine(
  runMode: string,
  measured: MeasuredPoint[],
  requestIntervalMs: number,
): LifetimesResult {
  const refreshes = measured.reduce((sum, m) => sum + m.refreshes, 0);
  const writes = measured.reduce((sum, m) => sum + m.storeWrites, 0);
  const writesPerRefresh = refreshes > 0 ? writes / refreshes : 0;
  const beyond = spreadOf(
    measured.map((m) => m.point.exposureSeconds - m.point.accessTtlSeconds),
    2,
  ).median;
  const largest = Math.max(...measured.map((m) => m.point.accessTtlSeconds));
  const derived = DERIVED_TTLS.filter((ttl) => ttl > largest).map((ttl) =>
    derivedPoint(ttl, beyond, writesPerRefresh),
  );
  return {
    runMode,
    requestIntervalMs,
    points: [
      ...measured.map((m) => m.point).sort((a, b) => a.accessTtlSeconds - b.accessTtlSeconds),
      ...derived,
    ],
    writesPerRefresh,
    exposureBeyondLifetimeSeconds: beyond,
  };
}
