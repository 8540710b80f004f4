import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { RedisAdmin } from '../../cluster/redis-commands.ts';
import { type RedisServer, startRedisServer } from '../../lib/redis-server.ts';
import { openLoop } from '../../scenarios/client/open-loop.ts';
import { type Credentials, logIn } from './credentials.ts';
import { measureJwtVerify } from './jwt-verify.ts';
import type { PeersOptions } from './options.ts';
import { measurePhase, type PhaseResult } from './phase.ts';
import { checkTargets, type PeersReport, summarizeRow, summarizeVerify } from './summary.ts';
import { type RunningTarget, startTarget, TARGETS, type TargetSpec } from './targets.ts';

/**
 * The peers benchmark as an API: starts a private redis-server and every target, logs the load
 * users in, warms each target up, then runs the rounds interleaved (A B C …, then … C B A, see
 * roundOrder) so a burst of someone else's load hits every server alike, each measured phase
 * after a short unmeasured lead-in (LEAD_IN_SECONDS), and finally the
 * in-process JWT microbench. Returns
 * the data; never prints (progress goes to `onProgress`).
 */
interface Prepared {
  target: RunningTarget;
  credentials: Credentials;
  phases: PhaseResult[];
}

/**
 * Unmeasured requests before the first round: the JIT compiles the hot path. It may still tier up
 * later; each phase's lead-in (below) covers that.
 */
const WARM_UP_REQUESTS = 3000;

/**
 * Before each measured phase, this much unmeasured load at the phase's rate. In a full run a
 * server sits idle for nine other servers' phases (about 45 s) between two of its own, and comes
 * back with cold caches and a heap V8 has shrunk meanwhile: measured, both the floor and the node
 * then cost about a fifth more per request than with no pause, the node more in some rounds
 * (docs/benchmarks.md). A server answering 1000 req/s never pauses like that; the lead-in brings
 * each one back to its steady state first.
 */
const LEAD_IN_SECONDS = 1;

/** Unmeasured load on one target: the warm-up, and the lead-in before each measured phase. */
function unmeasured(target: RunningTarget, credentials: Credentials, options: PeersOptions, seconds: number) {
  return openLoop({
    url: target.url,
    path: '/api/me',
    headers: credentials.headers,
    connections: options.connections,
    rate: options.rate,
    durationSeconds: seconds,
  });
}

async function prepare(target: RunningTarget, options: PeersOptions): Promise<Prepared> {
  const credentials = await logIn(target, options.connections);
  const warmUp = options.warmUpSeconds ?? Math.min(5, Math.max(1, WARM_UP_REQUESTS / options.rate));
  await unmeasured(target, credentials, options, warmUp);
  return { target, credentials, phases: [] };
}

/**
 * The servers in TARGETS order in odd rounds and backwards in even ones (A B C, C B A, …): each
 * compared pair stands side by side in the list, so it is measured back to back, in both orders.
 */
export function roundOrder<T>(servers: T[], round: number): T[] {
  return round % 2 === 1 ? servers : [...servers].reverse();
}

export function selectTargets(only: string[] | undefined): TargetSpec[] {
  if (!only) return TARGETS;
  return TARGETS.filter((spec) => only.some((word) => spec.name.includes(word)));
}

export async function runPeers(
  options: PeersOptions,
  onProgress: (line: string) => void = () => {},
  specs: TargetSpec[] = selectTargets(options.only),
): Promise<PeersReport> {
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg();
  const secret = randomBytes(32).toString('base64url');
  let redis: RedisServer | undefined;
  let admin: RedisAdmin | undefined;
  const running: RunningTarget[] = [];
  try {
    redis = await startRedisServer();
    admin = new RedisAdmin(redis.url);
    for (const spec of specs) {
      onProgress(`starting ${spec.name}`);
      running.push(await startTarget(spec, redis.url, secret));
    }
    const prepared: Prepared[] = [];
    for (const target of running) prepared.push(await prepare(target, options));
    const leadIn = options.leadInSeconds ?? LEAD_IN_SECONDS;
    for (let round = 1; round <= options.rounds; round++) {
      for (const entry of roundOrder(prepared, round)) {
        if (leadIn > 0) await unmeasured(entry.target, entry.credentials, options, leadIn);
        const phase = await measurePhase(entry.target, entry.credentials, options, admin);
        entry.phases.push(phase);
        onProgress(
          `round ${round}/${options.rounds} ${entry.target.spec.name}: ${phase.cpuMicrosPerRequest.toFixed(1)} µs/req`,
        );
      }
    }
    const rows = prepared.map((p) => summarizeRow(p.target.spec, p.credentials.loggedIn, p.phases));
    onProgress('jwt verify microbench');
    const jwtVerify = summarizeVerify(await measureJwtVerify(secret, options.rounds, options.verifies));
    return {
      startedAt,
      options,
      cores: cpus().length,
      loadBefore,
      loadAfter: loadavg(),
      rows,
      jwtVerify,
      checks: checkTargets(rows),
    };
  } finally {
    await Promise.all(running.map((target) => target.process.stop()));
    await admin?.close();
    await redis?.stop(true);
  }
}
