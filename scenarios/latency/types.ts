import type { Spread } from '../core/figures.ts';

/** One store RTT of the latency sweep: a private one-node cluster whose store link has that RTT. */
export interface LatencyPoint {
  /** The RTT set on the node↔store relay, ms. */
  storeRttMs: number;
  /** Median RTT measured through the relay (Redis PING), ms. */
  measuredRttMs: number;
  /** Fixed-rate GET /api/me latency over the rounds, ms. */
  p50: Spread;
  p99: Spread;
  /** This point minus the first (lowest RTT) point, paired round by round, ms. */
  addedP50: Spread;
  addedP99: Spread;
  /** Requests that failed (no answer or not 2xx) over all rounds at this point. */
  failed: number;
  /** Theory: store round trips per request × (measured RTT − the first point's), ms. */
  theoryAddedMs: number;
}

export interface LatencyResult {
  /** Awaited store round trips per GET /api/me in this run mode (redis: GET; jwt-redis: EXISTS). */
  roundTrips: number;
  /** Offered rate of each fixed-rate phase, req/s. */
  rate: number;
  phaseSeconds: number;
  /** Interleaved rounds: every point once per round (A B C A B C …). */
  rounds: number;
  points: LatencyPoint[];
}
