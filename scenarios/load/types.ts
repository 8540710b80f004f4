import type { LatencyFigures, Spread } from '../core/figures.ts';

/** One interleaved round of the load scenario for one run (raw figures). */
export interface LoadRound {
  /** 1-based round number; rounds of all modes alternate (A B C D A B C D …). */
  round: number;
  /** ms since the load phase began, when this round started (shows the interleaving). */
  startedAtMs: number;
  fixedRate: { offered: number; achieved: number; latencyMs: LatencyFigures; errors: number; non2xx: number };
  maxRate: { requestsPerSecond: number; latencyMs: LatencyFigures; errors: number; non2xx: number };
  cpuMicrosPerRequest: number;
  storeOpsPerRequest: number;
}

export interface LoadResult {
  connections: number;
  /** Seconds each timed phase (fixed rate, max rate) lasted in each round. */
  phaseSeconds: number;
  /**
   * Fixed offered rate (open loop) with coordinated-omission-corrected latency in ms. The plain
   * numbers are the medians over the rounds (kept for older readers); `spread` has median/min/max.
   */
  fixedRate: { offered: number; achieved: number; latencyMs: LatencyFigures; errors: number; non2xx: number };
  /** Max-rate run (autocannon); medians over the rounds, errors summed. */
  maxRate: { requestsPerSecond: number; latencyMs: LatencyFigures; errors: number; non2xx: number };
  /** Node CPU microseconds per request (median over rounds; see spread). */
  cpuMicrosPerRequest: number;
  /** Redis commands per request (INFO commandstats delta / requests); 0 without a store. Not contention-bound. */
  storeOpsPerRequest: number;
  bytesPerRequest: { sent: number; received: number };
  /** The contention-bound figures with their noise over the interleaved rounds. */
  spread: {
    /** Max-rate run. */
    requestsPerSecond: Spread;
    /** Fixed offered rate run (the latency that is comparable between modes). */
    latencyMs: { p50: Spread; p90: Spread; p99: Spread };
    cpuMicrosPerRequest: Spread;
  };
  rounds: LoadRound[];
}

/**
 * The floor of the demo's load phase (report.json `loadFloor`), measured in the same interleaved
 * rounds as the modes: node CPU µs per request of a bare route on as many processes behind the
 * same balancer, with no store (`none`) and with one Redis GET per request (`redis`, when the run
 * had a Redis).
 */
export interface LoadFloor {
  nodes: number;
  none?: Spread;
  redis?: Spread;
  /** Why a floor is missing (no Redis, it failed to start…). */
  skipped?: string;
}
