import type { NetworkFigures } from '../../cluster/shaped-network.ts';
import type { FaultKind } from '../../cluster/types.ts';
import type { ClientAddresses } from '../client/source-addresses.ts';
/**
 * The report shape (report.json). Scenarios return typed results and never print; report/ renders
 * them (terminal table, Markdown, HTML). Each scenario's result type lives in its own folder
 * (`<name>/types.ts`) and is re-exported here, so readers import every shape from one place.
 *
 * Conventions the renderers rely on:
 * - every figure derived from a setting (a TTL) rather than observed carries `measured: false`;
 * - contention-bound figures (req/s, latency, CPU µs/req) are `Spread`s over interleaved rounds;
 *   two of them are ranked only when `clearDifference(a, b)` (core/spread.ts) is true;
 * - failure scenarios count every request (access, refresh and login) in their totals, and their
 *   timeline buckets sum to the same totals, per kind.
 */

import type { BalancerKind } from '../../cluster/external-balancers/kinds.ts';
import type { RunMode } from '../../cluster/run-modes.ts';
import type { AttacksResult } from '../attacks/types.ts';
import type { BalancersResult } from '../balancers/types.ts';
import type { CapacityResult } from '../capacity/types.ts';
import type { ThresholdResult } from '../ci/result.ts';
import type { KeepaliveResult } from '../keepalive/types.ts';
import type { LatencyResult } from '../latency/types.ts';
import type { LifetimesResult } from '../lifetimes/types.ts';
import type { LoadFloor, LoadResult } from '../load/types.ts';
import type { NodeFailureResult } from '../node-failure/types.ts';
import type { ReloginResult } from '../relogin/types.ts';
import type { RevocationResult } from '../revocation/types.ts';
import type { ScaleResult } from '../scale/types.ts';
import type { StoreFailureResult } from '../store-failure/types.ts';
import type { TokenSizeResult } from '../token-size/types.ts';
import type { Skipped, Strategy } from './figures.ts';

export type { RunMode } from '../../cluster/run-modes.ts';
export type * from '../attacks/types.ts';
export { ATTACK_IDS } from '../attacks/types.ts';
export type * from '../balancers/types.ts';
export type * from '../capacity/types.ts';
export type * from '../keepalive/types.ts';
export type * from '../latency/types.ts';
export type * from '../lifetimes/types.ts';
export type * from '../load/types.ts';
export type * from '../node-failure/types.ts';
export type * from '../relogin/types.ts';
export type * from '../revocation/types.ts';
export type * from '../scale/types.ts';
export type * from '../store-failure/types.ts';
export type * from '../token-size/types.ts';
export type * from './figures.ts';
export { isSkipped } from './figures.ts';

export const SCENARIO_NAMES = [
  'relogin',
  'load',
  'token-size',
  'revocation',
  'node-failure',
  'store-failure',
  'attacks',
  'scale',
  'capacity',
  'lifetimes',
  'keepalive',
  'balancers',
  'latency',
] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface ScenarioResults {
  relogin?: ReloginResult | Skipped;
  load?: LoadResult | Skipped;
  'token-size'?: TokenSizeResult | Skipped;
  revocation?: RevocationResult | Skipped;
  'node-failure'?: NodeFailureResult | Skipped;
  'store-failure'?: StoreFailureResult | Skipped;
  attacks?: AttacksResult | Skipped;
  scale?: ScaleResult | Skipped;
  capacity?: CapacityResult | Skipped;
  lifetimes?: LifetimesResult | Skipped;
  keepalive?: KeepaliveResult | Skipped;
  balancers?: BalancersResult | Skipped;
  latency?: LatencyResult | Skipped;
}

/** One cluster configuration run (a row of the comparison table). */
export interface RunResult {
  /** The demo run name: memory | redis | jwt (stateless) | jwt-redis (rotation + denylist). */
  mode: RunMode;
  strategy: Strategy;
  nodes: number;
  /** Set when the whole run was skipped (e.g. redis or jwt-redis without redis-server). */
  skipped?: string;
  /** The store behind this run: none, a single redis-server, a Sentinel topology or REDIS_URL. */
  store?: 'none' | 'single' | 'sentinel' | 'cluster' | 'external';
  /** `--network shaped`: the links of this run's cluster, configured and measured. */
  network?: NetworkFigures;
  /** The balancer in front: ours (`builtin`) or a real HAProxy / nginx; absent under --target. */
  balancer?: BalancerKind;
  /** A fact about this run worth showing beside it (e.g. "jwt runs stateless: no Redis"). */
  note?: string;
  scenarios: ScenarioResults;
  durationMs: number;
}

/** os.loadavg(): 1, 5 and 15 minute load averages. */
export type LoadAverage = [number, number, number];

export interface Report {
  startedAt: string;
  finishedAt: string;
  config: {
    modes: RunMode[];
    nodes: number;
    users: number;
    requests: number;
    /** Seconds per timed phase (load phases, failure runs); --quick: 2. */
    durationSeconds: number;
    quick: boolean;
    /** Interleaved load rounds per run (≥ 3 full, ≥ 2 --quick). */
    loadRounds: number;
    target?: string;
    scenarios: ScenarioName[];
    /** `--fault partition`: the failure scenarios cut links instead of stopping processes. */
    fault?: FaultKind;
  };
  /**
   * `--network`: loopback, or shaped with each link's configured and measured RTT; and where the
   * virtual users connect from (`--client-addresses`).
   */
  network?: NetworkFigures & { clientAddresses?: ClientAddresses };
  machine: {
    platform: string;
    arch: string;
    /** Same as cores (kept for older readers). */
    cpus: number;
    cores: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    loadavgBefore: LoadAverage;
    loadavgAfter: LoadAverage;
    /** Highest 1-minute load average sampled (every few seconds) during the run. */
    loadavgPeak1m: number;
    /**
     * Present when other work may have moved the contention-bound figures: other processes used
     * more than a tenth of the cores in the fault windows or the quiet rounds (`otherCores` and
     * `phase` say which, measured); where no phase was measured (a --target run, a system without
     * /proc), when the 1-minute load average exceeded the core count at some point of the run.
     */
    loadWarning?: LoadWarning;
    /** The authscale commit that measured (`git rev-parse HEAD`), "unknown" outside a git checkout. */
    commit?: string;
    /** Where the demo's wall time went: phases in ms from the start (they overlap, see docs/scenarios.md). */
    timings?: PhaseTiming[];
  };
  results: RunResult[];
  /**
   * The floor of the load phase, measured in the same interleaved rounds as the modes: node CPU µs
   * per request of a bare route on as many processes behind the same balancer, with no store
   * (`none`) and with one Redis GET per request (`redis`, when the run had a Redis).
   */
  loadFloor?: LoadFloor;
  /** CI thresholds (--threshold) checked against this report, each with what was measured. */
  thresholds?: ThresholdResult[];
}

/**
 * One phase of a demo: `clusters` (the runs' clusters starting), `side-by-side` (the scenarios that
 * may share the machine, beside the start-ups), `waits` (clock-bound scenarios still waiting on
 * token lifetimes once the rest of side-by-side is over; beside the fault windows), `fault-windows`
 * (node-failure and store-failure two groups at a time, then the load warm-ups), `quiet` (the
 * interleaved load rounds, alone), `close`.
 */
export interface LoadWarning {
  peak1m: number;
  cores: number;
  /** Average cores other processes used in `phase` (measured). */
  otherCores?: number;
  phase?: PhaseTiming['phase'];
}

export interface PhaseTiming {
  phase: 'clusters' | 'side-by-side' | 'waits' | 'fault-windows' | 'quiet' | 'close';
  startMs: number;
  endMs: number;
  /** Average cores the demo's own processes used in the phase (measured, Linux). */
  ownCores?: number;
  /** Average cores every other process on the machine used meanwhile (measured, Linux). */
  otherCores?: number;
}

/** Progress of runDemo (the CLI prints these, one plain line each, also when not a terminal). */
export type ProgressEvent =
  | { type: 'run-start'; mode: RunMode; strategy: Strategy; nodes: number }
  | { type: 'run-skipped'; mode: RunMode; strategy: Strategy; reason: string }
  | { type: 'scenario-start'; mode: RunMode; strategy: Strategy; scenario: ScenarioName }
  | {
      type: 'scenario-end';
      mode: RunMode;
      strategy: Strategy;
      scenario: ScenarioName;
      ms: number;
      skipped?: string;
    }
  | { type: 'run-end'; mode: RunMode; strategy: Strategy; ms: number }
  /** The headline figure, as soon as it is measured (the CLI prints it at once). */
  | {
      type: 'relogin-measured';
      mode: RunMode;
      strategy: Strategy;
      failures: number;
      requests: number;
      failureRate: number;
      expectedRate: number;
    }
  /** The interleaved load phase: one event per run per round (A B C D A B C D …). */
  | { type: 'load-round'; mode: RunMode; strategy: Strategy; round: number; rounds: number; ms: number };
