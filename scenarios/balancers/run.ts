import { BALANCER_KINDS, type BalancerKind } from '../../cluster/external-balancers/kinds.ts';
import { type Balancer, BalancerUnavailableError } from '../../cluster/start-cluster.ts';
import type { ScenarioContext, ScenarioOptions } from '../core/context.ts';
import type { Skipped } from '../core/types.ts';
import { measureRelogin } from '../relogin/run.ts';
import { BALANCER_STRATEGIES, type BalancerLine, type BalancersResult } from './types.ts';

export { BALANCER_STRATEGIES, type BalancerLine, type BalancersResult } from './types.ts';

/**
 * balancers — "does the 67 % also happen behind nginx?" The run's own nodes, fronted in turn by
 * authscale's balancer, a real HAProxy and a real nginx, each round-robin and then cookie-sticky;
 * the same relogin measurement through every front. The figures should agree with each other and
 * with theory within sampling noise: the failures come from where the sessions live, not from
 * which software balances.
 */

export const BALANCERS_NEED_LAUNCHER =
  'needs the embedded launcher: it puts HAProxy and nginx in front of the nodes, which --target cannot do';

/**
 * Sampling noise of a failure rate: three standard errors of a binomial share, plus a little for
 * the requests a round-robin balancer's health checks and neighbours shift between nodes.
 */
export function agreementTolerance(expectedRate: number, requests: number): number {
  if (requests <= 0) return 1;
  return 3 * Math.sqrt((expectedRate * (1 - expectedRate)) / requests) + 0.02;
}

/** Every measured line within tolerance of its expected rate. */
export function linesAgree(lines: BalancerLine[]): boolean {
  return lines
    .filter((line) => line.skipped === undefined)
    .every(
      (line) =>
        Math.abs(line.failureRate - line.expectedRate) <=
        agreementTolerance(line.expectedRate, line.requests),
    );
}

function skippedLine(
  balancer: BalancerKind,
  strategy: BalancerLine['strategy'],
  reason: string,
): BalancerLine {
  return {
    balancer,
    strategy,
    users: 0,
    requests: 0,
    failures: 0,
    failureRate: 0,
    expectedRate: 0,
    servedBy: {},
    skipped: reason,
  };
}

async function measureBehind(
  ctx: ScenarioContext,
  kind: BalancerKind,
  strategy: BalancerLine['strategy'],
  options: Pick<ScenarioOptions, 'users' | 'requests' | 'clientAddresses'> & { userOffset: number },
): Promise<BalancerLine> {
  const indexes = Array.from({ length: ctx.nodes }, (_, i) => i);
  let front: Balancer;
  try {
    front = await ctx.cluster!.startBalancer(indexes, strategy, undefined, undefined, kind);
  } catch (error) {
    if (error instanceof BalancerUnavailableError) return skippedLine(kind, strategy, error.reason);
    throw error;
  }
  try {
    const target = { ...ctx, url: front.url, strategy };
    const { cpuMicros: _cpu, loginFailures, ...measured } = await measureRelogin(target, options);
    if (loginFailures > 0)
      throw new Error(`balancers: ${loginFailures} logins failed behind ${kind} (${strategy})`);
    return { balancer: kind, strategy, ...measured };
  } finally {
    await front.close();
  }
}

export async function run(
  ctx: ScenarioContext,
  options: ScenarioOptions,
): Promise<BalancersResult | Skipped> {
  if (!ctx.cluster) return { skipped: true, reason: BALANCERS_NEED_LAUNCHER };
  const users = Math.min(options.users, options.quick ? 8 : 20);
  const requests = options.quick ? 12 : 20;
  const lines: BalancerLine[] = [];
  // Fronts one at a time over the same nodes, fresh users for each (no session carries over).
  let userOffset = 1200;
  for (const kind of BALANCER_KINDS) {
    for (const strategy of BALANCER_STRATEGIES) {
      lines.push(
        await measureBehind(ctx, kind, strategy, {
          users,
          requests,
          userOffset,
          ...(options.clientAddresses && { clientAddresses: options.clientAddresses }),
        }),
      );
      userOffset += users;
    }
  }
  return { nodes: ctx.nodes, lines };
}
