import { type Cluster, startCluster } from '../../cluster/start-cluster.ts';
import { createAgent, demoUser, mapLimit, VirtualUser } from '../client/http.ts';
import type { ScenarioContext, ScenarioOptions } from '../core/context.ts';
import type { ScalePoint, ScaleResult, Skipped } from '../core/types.ts';
import { measureRelogin } from '../relogin/run.ts';

/**
 * scale — N = 1…8 nodes behind round-robin: the relogin failure rate against (N-1)/N, and node CPU
 * µs per authenticated request (logins excluded), by N. It launches its own node set once (the
 * largest N) and puts a fresh balancer in front of the first N nodes for each point, so node
 * start-up is paid once.
 */
export const QUICK_SCALE_NODES = [1, 2, 4];
export const FULL_SCALE_NODES = [1, 2, 3, 4, 5, 6, 7, 8];

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Straight to each node (no balancer), a logged-in user and `requests` authenticated requests:
 * a fresh node runs its request path cold (JIT), which would otherwise make every added node look
 * expensive and CPU per request grow with N for the wrong reason.
 */
async function warmNodes(urls: string[], requests: number): Promise<void> {
  const agent = createAgent(8);
  try {
    await mapLimit(urls, 2, async (url, i) => {
      const user = new VirtualUser(demoUser(7000 + i), url, agent);
      if ((await user.login()).status !== 200) return;
      await mapLimit(
        Array.from({ length: requests }, (_, r) => r),
        4,
        () => user.me(),
      );
    });
  } finally {
    await agent.close();
  }
}

/** One point: a fresh round-robin balancer in front of the first `n` nodes, relogin measured. */
async function measurePoint(
  ctx: ScenarioContext,
  options: ScenarioOptions,
  cluster: Cluster,
  n: number,
): Promise<ScalePoint> {
  // A slow health-check period: the checks would otherwise show up in the CPU per request.
  const balancer = await cluster.startBalancer(
    Array.from({ length: n }, (_, i) => i),
    'round-robin',
    '5s',
  );
  const ids = new Set(cluster.nodeIds.slice(0, n));
  try {
    const measured = await measureRelogin(
      {
        url: balancer.url,
        mode: ctx.mode,
        strategy: 'round-robin',
        nodes: n,
        cpuMicros: async () =>
          Object.fromEntries(Object.entries(await cluster.cpuMicros()).filter(([id]) => ids.has(id))),
      },
      {
        users: options.users,
        requests: options.requests,
        userOffset: 8000 + n * 100,
        ...(options.clientAddresses && { clientAddresses: options.clientAddresses }),
      },
    );
    return {
      nodes: n,
      failureRate: round(measured.failureRate, 4),
      expectedRate: round(measured.expectedRate, 4),
      cpuMicrosPerRequest: measured.requests > 0 ? round(measured.cpuMicros / measured.requests) : 0,
    };
  } finally {
    await balancer.close();
  }
}

export async function run(ctx: ScenarioContext, options: ScenarioOptions): Promise<ScaleResult | Skipped> {
  if (ctx.target || !ctx.launch) {
    return { skipped: true, reason: 'scale launches 1…8 nodes of its own, which --target cannot do' };
  }
  const counts = [...new Set(options.scaleNodes ?? (options.quick ? QUICK_SCALE_NODES : FULL_SCALE_NODES))]
    .filter((n) => Number.isInteger(n) && n >= 1)
    .sort((a, b) => a - b);
  const largest = counts.at(-1) ?? 1;
  // Reuse the run's node set when it is big enough (the demo starts spare nodes for this).
  const own =
    ctx.cluster && ctx.cluster.nodeUrls.length >= largest
      ? undefined
      : await startCluster({
          ...ctx.launch,
          nodes: largest,
          spareNodes: 0,
          strategy: 'round-robin',
          balancer: false,
        });
  const cluster = own ?? ctx.cluster!;
  try {
    await warmNodes(cluster.nodeUrls.slice(0, largest), options.quick ? 200 : 500);
    const points: ScalePoint[] = [];
    for (const n of counts) {
      points.push(await measurePoint(ctx, options, cluster, n));
    }
    return { points };
  } finally {
    await own?.close();
  }
}
