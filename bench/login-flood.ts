import { loadavg } from 'node:os';
import { Pool } from 'undici';
import { percentile, spread } from '../lib/stats/index.ts';
import { issueAccessToken } from '../nodes/auth/jwt/access-token.ts';
import { importJwtKeys } from '../nodes/auth/jwt/keys.ts';

/**
 * "fresh-token /api/me p99 during a login flood ÷ idle" (docs/security.md, "Password hashing never starves token checks"). A never-seen access
 * token costs an HMAC check (WebCrypto, on libuv's thread pool), and so does every scrypt of a
 * login: an unbounded flood of logins used to queue token checks behind password hashes.
 *
 * Per node under test: probes send GET /api/me with a fresh token (minted here with the node's
 * secret, so the verified-token cache never hits) at a fixed rate, latency counted from each
 * probe's due time (open loop: a stall is not hidden by a waiting client). Idle and flood phases
 * alternate in rounds; the flood is `floodConcurrency` clients sending logins for distinct users
 * with wrong passwords, as in the review. The ratio is p99(flood) ÷ p99(idle) of the same round.
 */
export interface FloodOptions {
  /** Seconds per phase. */
  phaseSeconds: number;
  rounds: number;
  /** Fresh-token probes per second. */
  probeRate: number;
  floodConcurrency: number;
}

export interface FloodNode {
  name: string;
  url: string;
  secret: string;
}

export interface FloodRound {
  idleP99Ms: number;
  floodP99Ms: number;
  ratio: number;
  /** Login responses during the flood phase by status (401 wrong password, 503 ERR_LOGIN_BUSY). */
  loginStatuses: Record<string, number>;
  loginsPerSecond: number;
  probeErrors: number;
}

export interface FloodResult {
  name: string;
  rounds: FloodRound[];
  ratio: { median: number; min: number; max: number };
}

export interface FloodReport {
  options: FloodOptions;
  results: FloodResult[];
  loadBefore: number[];
  loadAfter: number[];
}

const ACCESS_TTL_S = 900;
/** A probe slower than this counts at this value (censored) so one phase cannot run for minutes. */
export const PROBE_TIMEOUT_MS = 10_000;
/** After a flood, wait until a fresh-token check answers this fast again before the next phase. */
const DRAINED_MS = 150;
/** Fresh tokens drain() may use per round (one per poll, a poll every 200 ms for at most 60 s). */
const DRAIN_TOKENS = 320;

/** p99 of one phase's probes; a phase where no probe answered has none and the bench stops. */
function p99Of(latencies: number[], phase: string): number {
  const p99 = percentile(latencies, 99);
  if (p99 === undefined) throw new Error(`login flood: no probe answered in the ${phase} phase`);
  return p99;
}

/** Median with min–max of the per-round ratios (at least one round). */
function ratioSpread(values: number[]): { median: number; min: number; max: number } {
  const result = spread(values);
  if (!result) throw new Error('login flood: no rounds were measured');
  return { median: result.median, min: result.min, max: result.max };
}

/** Mints fresh access tokens ahead of time (signing is not what is measured). */
async function freshTokens(secret: string, count: number): Promise<string[]> {
  const keys = await importJwtKeys(secret);
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    tokens.push(
      (
        await issueAccessToken(
          keys.access,
          `user${String((i % 9999) + 1).padStart(4, '0')}`,
          ACCESS_TTL_S,
          Date.now(),
        )
      ).token,
    );
  }
  return tokens;
}

/** Open-loop probes for `seconds`; returns latencies from due time and the error count. */
async function probe(
  pool: Pool,
  tokens: string[],
  rate: number,
  seconds: number,
): Promise<{ latencies: number[]; errors: number }> {
  const interval = 1000 / rate;
  const count = Math.floor(rate * seconds);
  const start = performance.now();
  const latencies: number[] = [];
  let errors = 0;
  const shots: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const token = tokens.pop();
    if (token === undefined) throw new Error('ran out of fresh tokens');
    shots.push(
      pool
        .request({
          method: 'GET',
          path: '/api/me',
          headers: { authorization: `Bearer ${token}` },
          // Covers time queued in the client too (a stalled node backs probes up).
          signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
        })
        .then(async (response) => {
          await response.body.dump();
          if (response.statusCode !== 200) errors++;
          latencies.push(performance.now() - due);
        })
        .catch(() => {
          errors++;
          latencies.push(PROBE_TIMEOUT_MS); // censored: at least this slow
        }),
    );
  }
  await Promise.all(shots);
  return { latencies, errors };
}

/**
 * `concurrency` clients sending wrong-password logins for distinct users until `stop` resolves.
 * Statuses by code; "error" = requests aborted when the phase ended (still in the node's queue).
 */
async function flood(pool: Pool, concurrency: number, stop: Promise<void>): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  let stopped = false;
  void stop.then(() => {
    stopped = true;
  });
  let next = 0;
  const worker = async () => {
    while (!stopped) {
      const user = `user${String((next++ % 9999) + 1).padStart(4, '0')}`;
      try {
        const response = await pool.request({
          method: 'POST',
          path: '/auth/login',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: user, password: 'wrong-password' }),
        });
        await response.body.dump();
        statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
      } catch {
        statuses.error = (statuses.error ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

/**
 * Waits (≤ 60 s) until the node's queued hashes are done: a fresh-token check (which needs the
 * thread pool, unlike a no-auth route) answers fast again. Otherwise an unbounded node keeps hashing
 * aborted logins on every pool thread and spoils the next node's idle phase.
 */
async function drain(pool: Pool, tokens: string[]): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    const token = tokens.pop();
    if (token === undefined) return;
    const started = performance.now();
    const response = await pool.request({
      method: 'GET',
      path: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });
    await response.body.dump();
    if (performance.now() - started < DRAINED_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function measureRound(node: FloodNode, options: FloodOptions, tokens: string[]): Promise<FloodRound> {
  const probes = new Pool(node.url, { connections: 64 });
  const floodPool = new Pool(node.url, { connections: options.floodConcurrency });
  try {
    const idle = await probe(probes, tokens, options.probeRate, options.phaseSeconds);
    let endFlood!: () => void;
    const stop = new Promise<void>((resolve) => {
      endFlood = resolve;
    });
    const flooding = flood(floodPool, options.floodConcurrency, stop);
    // Let the flood fill the queue before probing.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    const busy = await probe(probes, tokens, options.probeRate, options.phaseSeconds);
    endFlood();
    // Abort logins still in flight: the phase is over (the node finishes their hashes anyway).
    await floodPool.destroy();
    const loginStatuses = await flooding;
    const seconds = (performance.now() - started + 500) / 1000;
    await drain(probes, tokens);
    // Answered logins only: "error" counts the ones aborted when the phase ended.
    const logins = Object.entries(loginStatuses)
      .filter(([status]) => status !== 'error')
      .reduce((sum, [, count]) => sum + count, 0);
    const idleP99Ms = p99Of(idle.latencies, 'idle');
    const floodP99Ms = p99Of(busy.latencies, 'flood');
    return {
      idleP99Ms,
      floodP99Ms,
      ratio: floodP99Ms / idleP99Ms,
      loginStatuses,
      loginsPerSecond: logins / seconds,
      probeErrors: idle.errors + busy.errors,
    };
  } finally {
    await Promise.all([probes.close(), floodPool.destroy()]);
  }
}

/** Measures every node in interleaved rounds (A B A B …) so machine noise hits them alike. */
export async function measureLoginFlood(nodes: FloodNode[], options: FloodOptions): Promise<FloodReport> {
  const loadBefore = loadavg();
  const perRound = Math.ceil(options.probeRate * options.phaseSeconds) * 2 + DRAIN_TOKENS;
  const tokens = new Map<string, string[]>();
  for (const node of nodes) tokens.set(node.name, await freshTokens(node.secret, perRound * options.rounds));
  const rounds = new Map<string, FloodRound[]>(nodes.map((node) => [node.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const node of nodes)
      rounds.get(node.name)!.push(await measureRound(node, options, tokens.get(node.name)!));
  }
  return {
    options,
    loadBefore,
    loadAfter: loadavg(),
    results: nodes.map((node) => {
      const measured = rounds.get(node.name)!;
      return { name: node.name, rounds: measured, ratio: ratioSpread(measured.map((r) => r.ratio)) };
    }),
  };
}
