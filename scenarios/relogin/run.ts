import { cpuDelta } from '../../cluster/node-cpu.ts';
import type { AuthMode } from '../../nodes/config.ts';
import { demoUser, mapLimit, VirtualUser } from '../client/http.ts';
import { UserAgents } from '../client/source-addresses.ts';
import type { ScenarioContext, ScenarioOptions } from '../core/context.ts';
import type { ReloginResult, Strategy } from '../core/types.ts';

/**
 * relogin — the seed's scalability claim. V virtual users, each with its own cookie jar, log in
 * once and make R authenticated requests through the balancer. A failure is a 401 after a
 * successful login: with per-node memory sessions behind round-robin, a request lands on the node
 * that issued the session only 1 time in N, so the expected failure rate is (N-1)/N; sticky
 * sessions, a shared store or stateless tokens bring it to 0.
 */
export function expectedFailureRate(mode: AuthMode, strategy: Strategy, nodes: number): number {
  return mode === 'memory' && strategy === 'round-robin' ? (nodes - 1) / nodes : 0;
}

/** Users log in and query in parallel lanes, so requests interleave at the balancer as real traffic does. */
const LANES = 8;

export interface ReloginRun extends ReloginResult {
  /** Node CPU µs spent during the authenticated requests only (logins excluded). */
  cpuMicros: number;
  loginFailures: number;
}

export async function measureRelogin(
  ctx: Pick<ScenarioContext, 'url' | 'mode' | 'strategy' | 'nodes' | 'cpuMicros'>,
  options: Pick<ScenarioOptions, 'users' | 'requests' | 'clientAddresses'> & { userOffset?: number },
): Promise<ReloginRun> {
  const agents = new UserAgents(options.clientAddresses ?? 'one', LANES * 2);
  try {
    const offset = options.userOffset ?? 0;
    const users = Array.from(
      { length: options.users },
      (_, i) => new VirtualUser(demoUser(offset + i), ctx.url, agents.for(i)),
    );
    const logins = await mapLimit(users, LANES, (user) => user.login());
    const loginFailures = logins.filter((reply) => reply.status !== 200).length;
    // Where each user's session began: with ip-hash, the node its address hashes to.
    const usersByNode: Record<string, number> = {};
    for (const reply of logins) {
      if (reply.status === 200 && reply.nodeId)
        usersByNode[reply.nodeId] = (usersByNode[reply.nodeId] ?? 0) + 1;
    }
    const active = users.filter((user) => user.loggedIn);

    const servedBy: Record<string, number> = {};
    let requests = 0;
    let failures = 0;
    const before = await ctx.cpuMicros();
    await mapLimit(active, LANES, async (user) => {
      for (let r = 0; r < options.requests; r++) {
        const reply = await user.me();
        requests++;
        if (reply.nodeId) servedBy[reply.nodeId] = (servedBy[reply.nodeId] ?? 0) + 1;
        if (reply.status === 401) failures++;
      }
    });
    const after = await ctx.cpuMicros();
    return {
      users: options.users,
      requests,
      failures,
      failureRate: requests > 0 ? failures / requests : 0,
      expectedRate: expectedFailureRate(ctx.mode, ctx.strategy, ctx.nodes),
      servedBy,
      usersByNode,
      clientAddresses: agents.addressCount,
      cpuMicros: cpuDelta(before, after),
      loginFailures,
    };
  } finally {
    await agents.close();
  }
}

export async function run(ctx: ScenarioContext, options: ScenarioOptions): Promise<ReloginResult> {
  const { cpuMicros: _cpu, loginFailures, ...result } = await measureRelogin(ctx, options);
  if (loginFailures === options.users) {
    throw new Error(
      `relogin: every login failed (${loginFailures}/${options.users}); is ${ctx.url} healthy?`,
    );
  }
  return result;
}
