import autocannon from 'autocannon';
import { cpuDelta } from '../../cluster/node-cpu.ts';
import { createAgent, demoUser, loginWithRetry, mapLimit, VirtualUser } from '../client/http.ts';
import { openLoop } from '../client/open-loop.ts';
import type { ScenarioContext, ScenarioOptions } from '../core/context.ts';
import { spreadOf } from '../core/spread.ts';
import type { LatencyFigures, LoadResult, LoadRound, Skipped } from '../core/types.ts';

/**
 * load — what each mode costs under load, through the balancer, on GET /api/me. Every connection
 * is a distinct logged-in user (its own cookie jar or bearer token). Each round has two timed
 * phases of `phaseSeconds`:
 * - fixed offered rate (open loop, see open-loop.ts): coordinated-omission-corrected p50/p90/p99;
 * - max rate: autocannon, as fast as the cluster answers.
 * Node CPU µs per request (sum of the nodes' process CPU deltas, balancer excluded), Redis commands
 * per request (INFO commandstats delta, health-check PINGs excluded) and bytes on the wire are
 * measured over the max-rate phase.
 *
 * req/s, latency and CPU µs/req depend on what else the machine does, so they are measured in
 * several rounds; the demo interleaves the rounds of all modes (A B C D A B C D …, see
 * load-rounds.ts) and reports median with min–max (spreadOf). `run` alone (npm run scenario -- load)
 * runs its rounds back to back.
 */
export interface PreparedLoad {
  connections: number;
  phaseSeconds: number;
  rate: number;
  headers: Record<string, string>[];
}

export interface MeasuredRound extends LoadRound {
  sentBytes: number;
  receivedBytes: number;
}

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

export function loadSkip(ctx: ScenarioContext): Skipped | undefined {
  if (ctx.mode === 'memory' && ctx.strategy === 'round-robin' && ctx.nodes > 1) {
    return {
      skipped: true,
      reason:
        'memory + round-robin fails (N-1)/N of requests (see relogin); measure memory load with --strategy sticky',
    };
  }
  return undefined;
}

/** Logs the load users in and warms the cluster up (not measured). */
export async function prepareLoad(
  ctx: Pick<ScenarioContext, 'url'>,
  options: ScenarioOptions,
): Promise<PreparedLoad> {
  const connections = Math.max(1, Math.min(options.users, options.quick ? 10 : 32));
  const phaseSeconds = Math.max(1, options.durationSeconds);
  const rate = options.rate ?? (options.quick ? 150 : 300);
  const agent = createAgent(8);
  const users = Array.from(
    { length: connections },
    (_, i) => new VirtualUser(demoUser(2000 + i), ctx.url, agent),
  );
  try {
    const logins = await mapLimit(users, 4, (user) => loginWithRetry(user));
    const failed = logins.filter((reply) => reply.status !== 200);
    if (failed.length > 0)
      throw new Error(`load: ${failed.length} logins failed (first: ${failed[0]!.status})`);
  } finally {
    await agent.close();
  }
  const headers = users.map(credentialHeaders);
  // Warm-up: fresh node and balancer processes run cold (JIT, connection pools, token caches);
  // without it the first round's latency reflects start-up, not the mode.
  let warm = 0;
  await runAutocannon({
    url: `${ctx.url}/api/me`,
    connections,
    duration: 1,
    setupClient: (client) => client.setHeaders(headers[warm++ % headers.length]!),
  });
  return { connections, phaseSeconds, rate, headers };
}

/** The max-rate phase with the node CPU and store commands it cost (counters read around it). */
async function maxRatePhase(ctx: ScenarioContext, prepared: PreparedLoad) {
  const { connections, phaseSeconds, headers } = prepared;
  let sentBytes = 0;
  let next = 0;
  const cpuBefore = await ctx.cpuMicros();
  const opsBefore = await ctx.storeCommandCount();
  const max = await runAutocannon({
    url: `${ctx.url}/api/me`,
    connections,
    duration: phaseSeconds,
    setupClient: (client) => {
      client.setHeaders(headers[next++ % headers.length]!);
      // The exact request bytes this connection writes (autocannon prebuilds them).
      sentBytes = (client as unknown as { getRequestBuffer(): Buffer }).getRequestBuffer().length;
    },
  });
  const cpuMicros = cpuDelta(cpuBefore, await ctx.cpuMicros());
  const storeOps = Math.max(0, (await ctx.storeCommandCount()) - opsBefore);
  return { max, sentBytes, cpuMicros, storeOps };
}

/** One measured round: the fixed-rate phase, then the max-rate phase with the cost counters. */
export async function loadRound(
  ctx: ScenarioContext,
  prepared: PreparedLoad,
  roundNumber: number,
  startedAtMs: number,
): Promise<MeasuredRound> {
  const fixed = await openLoop({
    url: ctx.url,
    path: '/api/me',
    headers: prepared.headers,
    connections: prepared.connections,
    rate: prepared.rate,
    durationSeconds: prepared.phaseSeconds,
  });
  const { max, sentBytes, cpuMicros, storeOps } = await maxRatePhase(ctx, prepared);
  const answered = max['1xx'] + max['2xx'] + max['3xx'] + max['4xx'] + max['5xx'];
  const perRequest = (value: number) => (answered > 0 ? value / answered : 0);
  const latency: LatencyFigures = {
    p50: max.latency.p50,
    p90: max.latency.p90,
    p99: max.latency.p99,
    max: max.latency.max,
  };
  return {
    round: roundNumber,
    startedAtMs: Math.round(startedAtMs),
    fixedRate: {
      offered: fixed.offered,
      achieved: fixed.achieved,
      latencyMs: fixed.latencyMs,
      errors: fixed.errors,
      non2xx: fixed.non2xx,
    },
    maxRate: {
      requestsPerSecond: round(answered / max.duration),
      latencyMs: latency,
      errors: max.errors,
      non2xx: max.non2xx,
    },
    cpuMicrosPerRequest: round(perRequest(cpuMicros)),
    storeOpsPerRequest: round(perRequest(storeOps), 2),
    sentBytes,
    // autocannon counts the bytes of 2xx responses only.
    receivedBytes: max['2xx'] > 0 ? round(max.throughput.total / max['2xx']) : 0,
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The rounds of one run as a LoadResult: medians in the plain fields, noise in `spread`. */
export function summarizeLoad(prepared: PreparedLoad, measured: MeasuredRound[]): LoadResult {
  const of = (pick: (r: MeasuredRound) => number, digits = 1) => spreadOf(measured.map(pick), digits);
  const latency = (pick: (r: LoadRound) => LatencyFigures): LatencyFigures => ({
    p50: of((r) => pick(r).p50, 2).median,
    p90: of((r) => pick(r).p90, 2).median,
    p99: of((r) => pick(r).p99, 2).median,
    max: Math.max(...measured.map((r) => pick(r).max)),
  });
  const rounds: LoadRound[] = measured.map(({ sentBytes: _s, receivedBytes: _r, ...rest }) => rest);
  const cpu = of((r) => r.cpuMicrosPerRequest);
  const rps = of((r) => r.maxRate.requestsPerSecond);
  return {
    connections: prepared.connections,
    phaseSeconds: prepared.phaseSeconds,
    fixedRate: {
      offered: prepared.rate,
      achieved: of((r) => r.fixedRate.achieved).median,
      latencyMs: latency((r) => r.fixedRate.latencyMs),
      errors: sum(measured.map((r) => r.fixedRate.errors)),
      non2xx: sum(measured.map((r) => r.fixedRate.non2xx)),
    },
    maxRate: {
      requestsPerSecond: rps.median,
      latencyMs: latency((r) => r.maxRate.latencyMs),
      errors: sum(measured.map((r) => r.maxRate.errors)),
      non2xx: sum(measured.map((r) => r.maxRate.non2xx)),
    },
    cpuMicrosPerRequest: cpu.median,
    storeOpsPerRequest: of((r) => r.storeOpsPerRequest, 2).median,
    bytesPerRequest: {
      sent: measured.at(-1)?.sentBytes ?? 0,
      received: of((r) => r.receivedBytes).median,
    },
    spread: {
      requestsPerSecond: rps,
      latencyMs: {
        p50: of((r) => r.fixedRate.latencyMs.p50, 2),
        p90: of((r) => r.fixedRate.latencyMs.p90, 2),
        p99: of((r) => r.fixedRate.latencyMs.p99, 2),
      },
      cpuMicrosPerRequest: cpu,
    },
    rounds,
  };
}

export async function run(ctx: ScenarioContext, options: ScenarioOptions): Promise<LoadResult | Skipped> {
  const skip = loadSkip(ctx);
  if (skip) return skip;
  const prepared = await prepareLoad(ctx, options);
  const begin = performance.now();
  const rounds: MeasuredRound[] = [];
  for (let i = 1; i <= Math.max(1, options.loadRounds ?? 1); i++) {
    rounds.push(await loadRound(ctx, prepared, i, performance.now() - begin));
  }
  return summarizeLoad(prepared, rounds);
}
