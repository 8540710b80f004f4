import autocannon from 'autocannon';
import { cpuDelta } from '../cluster/node-cpu.ts';
import { createAgent, demoUser, mapLimit, VirtualUser } from './client/http.ts';
import { openLoop } from './client/open-loop.ts';
import type { ScenarioContext, ScenarioOptions } from './context.ts';
import type { LoadResult, Skipped } from './types.ts';

/**
 * load — what each mode costs under load, through the balancer, on GET /api/me. Every connection
 * is a distinct logged-in user (its own cookie jar or bearer token). Two runs:
 * - fixed offered rate (open loop, see open-loop.ts): coordinated-omission-corrected p50/p90/p99;
 * - max rate: autocannon, as fast as the cluster answers (req/s is noise on a shared machine:
 *   compare rows of one run only).
 * Costs that do not depend on contention are measured over the max-rate run: node CPU µs per
 * request (sum of the nodes' process CPU deltas, balancer excluded), Redis commands per request
 * (INFO commandstats delta, health-check PINGs excluded) and bytes on the wire per request.
 */
function credentialHeaders(user: VirtualUser): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', ...user.authHeaders() };
  const cookie = user.jar.header('/api/me');
  if (cookie) headers.cookie = cookie;
  return headers;
}

function runAutocannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export async function run(ctx: ScenarioContext, options: ScenarioOptions): Promise<LoadResult | Skipped> {
  if (ctx.mode === 'memory' && ctx.strategy === 'round-robin' && ctx.nodes > 1) {
    return {
      skipped: true,
      reason:
        'memory + round-robin fails (N-1)/N of requests (see relogin); measure memory load with --strategy sticky',
    };
  }
  const connections = Math.max(1, Math.min(options.users, options.quick ? 10 : 32));
  const duration = Math.max(1, options.durationSeconds);
  const rate = options.rate ?? (options.quick ? 150 : 300);
  // Each phase below runs this long: warm-up, fixed rate, max rate.

  const agent = createAgent(8);
  const users = Array.from(
    { length: connections },
    (_, i) => new VirtualUser(demoUser(2000 + i), ctx.url, agent),
  );
  try {
    const logins = await mapLimit(users, 4, (user) => user.login());
    const failed = logins.filter((reply) => reply.status !== 200);
    if (failed.length > 0)
      throw new Error(`load: ${failed.length} logins failed (first: ${failed[0]!.status})`);
  } finally {
    await agent.close();
  }
  const headers = users.map(credentialHeaders);

  // Warm-up, not measured: fresh node and balancer processes run cold (JIT, connection pools,
  // token caches); without it the first run's latency reflects start-up, not the mode.
  let warm = 0;
  await runAutocannon({
    url: `${ctx.url}/api/me`,
    connections,
    duration: options.quick ? 1 : 2,
    setupClient: (client) => client.setHeaders(headers[warm++ % headers.length]),
  });

  const fixed = await openLoop({
    url: ctx.url,
    path: '/api/me',
    headers,
    connections,
    rate,
    durationSeconds: duration,
  });

  let sentBytes = 0;
  let next = 0;
  const cpuBefore = await ctx.cpuMicros();
  const opsBefore = await ctx.storeCommandCount();
  const max = await runAutocannon({
    url: `${ctx.url}/api/me`,
    connections,
    duration,
    setupClient: (client) => {
      client.setHeaders(headers[next++ % headers.length]);
      // The exact request bytes this connection writes (autocannon prebuilds them).
      sentBytes = (client as unknown as { getRequestBuffer(): Buffer }).getRequestBuffer().length;
    },
  });
  const cpuAfter = await ctx.cpuMicros();
  const opsAfter = await ctx.storeCommandCount();
  const answered = max['1xx'] + max['2xx'] + max['3xx'] + max['4xx'] + max['5xx'];
  const perRequest = (value: number) => (answered > 0 ? value / answered : 0);

  return {
    connections,
    fixedRate: {
      offered: fixed.offered,
      achieved: fixed.achieved,
      latencyMs: fixed.latencyMs,
      errors: fixed.errors,
      non2xx: fixed.non2xx,
    },
    maxRate: {
      requestsPerSecond: round(answered / max.duration),
      latencyMs: { p50: max.latency.p50, p90: max.latency.p90, p99: max.latency.p99, max: max.latency.max },
      errors: max.errors,
      non2xx: max.non2xx,
    },
    cpuMicrosPerRequest: round(perRequest(cpuDelta(cpuBefore, cpuAfter))),
    storeOpsPerRequest: round(perRequest(Math.max(0, opsAfter - opsBefore)), 2),
    bytesPerRequest: {
      sent: sentBytes,
      // autocannon counts the bytes of 2xx responses only.
      received: max['2xx'] > 0 ? round(max.throughput.total / max['2xx']) : 0,
    },
  };
}
