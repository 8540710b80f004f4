/**
 * The report shape (contract: ../shared/design.md, "report.json"). Scenarios return these typed
 * results and never print; reports/ renders them (terminal table, Markdown, HTML).
 *
 * Conventions the renderers rely on:
 * - every figure derived from a setting (a TTL) rather than observed carries `measured: false`;
 * - contention-bound figures (req/s, latency, CPU µs/req) are `Spread`s over interleaved rounds;
 *   two of them are ranked only when `clearDifference(a, b)` (scenarios/spread.ts) is true;
 * - failure scenarios count every request (access, refresh and login) in their totals, and their
 *   timeline buckets sum to the same totals, per kind.
 */

import type { StrategyName } from '../balancer/config.ts';
import type { BalancerKind } from '../cluster/external-balancers/kinds.ts';
import type { RunMode } from '../cluster/run-modes.ts';
import type { BalancersResult } from './balancers.ts';
import type { KeepaliveResult } from './keepalive.ts';

import type { CapacityResult, LifetimesResult } from './types-capacity.ts';

export type { RunMode } from '../cluster/run-modes.ts';
export type * from './types-capacity.ts';
export type Strategy = StrategyName;
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
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** A scenario that could not run (no redis-server, --target cannot kill things…) says why. */
export interface Skipped {
  skipped: true;
  reason: string;
}

export interface ReloginResult {
  users: number;
  requests: number;
  failures: number;
  failureRate: number;
  /** (N-1)/N for memory + round-robin, else 0. */
  expectedRate: number;
  /** Requests served per node id. */
  servedBy: Record<string, number>;
}

/**
 * A contention-bound figure measured in several interleaved rounds: median with min–max, and the
 * value of each round in the order the rounds ran.
 */
export interface Spread {
  median: number;
  min: number;
  max: number;
  values: number[];
}

export interface LatencyFigures {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

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

export interface TokenSizeResult {
  /** What goes on the wire as the credential: cookie `sid=…` or `Authorization: Bearer …`. */
  credentialKind: 'cookie' | 'bearer';
  credentialBytes: number;
  requestHeaderBytes: number;
  /** credentialBytes × 1e6, in megabytes. */
  megabytesPerMillionRequests: number;
  /** Decoded JWT header+payload (jwt mode) so a class can see what is inside. */
  decoded?: { header: Record<string, unknown>; payload: Record<string, unknown> };
}

/** The node settings a credential window is bounded by. */
export type LifetimeSetting =
  | 'ACCESS_TOKEN_TTL'
  | 'REFRESH_TOKEN_TTL'
  | 'SESSION_IDLE_TTL'
  | 'SESSION_ABSOLUTE_TTL';

/**
 * What stopped a stolen credential (a stable id; the report's catalogue turns it into words):
 * - `logout`: the server deleted the session / revoked the family at the victim's logout;
 * - `denylist`: the access token's jti was denylisted at logout (jwt-redis);
 * - `access-expiry` / `refresh-expiry`: only the token's own `exp` (nothing on the server can);
 * - `idle-expiry`: the session's idle timeout on the server (nobody used the copy meanwhile);
 * - `absolute-expiry`: the session's absolute timeout (a thief who keeps using it keeps it alive
 *   until then, e.g. after a memory + round-robin logout that reached another node);
 * - `reuse-detection`: the victim's next refresh presented a rotated-away token, so the whole
 *   refresh family (the thief's copy included) was revoked (jwt-redis);
 * - `never-worked`: the copy was rejected from the first request;
 * - `not-stopped`: it still worked when the bounded observation ended (seconds is a lower bound).
 */
export type StopReason =
  | 'logout'
  | 'denylist'
  | 'access-expiry'
  | 'refresh-expiry'
  | 'idle-expiry'
  | 'absolute-expiry'
  | 'reuse-detection'
  | 'never-worked'
  | 'not-stopped';

/**
 * How long a stolen credential kept working. `seconds` is observed by replaying it every ~250 ms
 * until it fails (measured: true), on a cluster whose lifetimes are short (see
 * RevocationResult.settings). `production` is the same window under the node's default setting:
 * derived from the setting, never observed (measured: false); absent when the window does not
 * depend on a lifetime (stopped by logout, reuse detection).
 */
export interface CredentialWindow {
  seconds: number;
  /** false only when the window could not be observed and is taken from the setting instead. */
  measured: boolean;
  stoppedBy: StopReason;
  /** The 401 code that ended it (ERR_SESSION_UNKNOWN, ERR_TOKEN_EXPIRED, ERR_REFRESH_REUSED…). */
  code?: string;
  /** The short setting this run used that bounds the window, when one does. */
  runSetting?: { name: LifetimeSetting; seconds: number };
  /** The window at the production (default) setting: derived, not measured. */
  production?: { seconds: number; setting: LifetimeSetting; measured: false };
}

export interface LifetimeSettings {
  accessTokenTtl: number;
  refreshTokenTtl: number;
  sessionIdleTtl: number;
  sessionAbsoluteTtl: number;
}

export interface RevocationResult {
  /** Seconds the stolen copy kept working after the victim's logout (= afterLogout.seconds). */
  afterLogoutSeconds: number;
  /** Seconds a stolen copy works while the victim never logs out (= stolenAccess.seconds). */
  stolenWorksSeconds: number;
  /** English one-liner kept for older readers; renderers use the StopReason ids below. */
  stoppedBy: string;
  /** The stolen access credential (cookie or access token) replayed after the victim's logout. */
  afterLogout: CredentialWindow;
  /**
   * The stolen access credential while the victim stays logged in and never logs out: the longest
   * delay after the theft at which a first replay of the copy still works. Sessions: each delay is
   * tried on its own session (a replay renews the idle timeout), so this is the idle expiry;
   * tokens: the copy is replayed every ~250 ms until it expires.
   */
  stolenAccess: CredentialWindow;
  /**
   * jwt modes: the stolen refresh cookie used to mint new access tokens. jwt: until the refresh
   * token's own expiry; jwt-redis: until the victim's next refresh triggers reuse detection.
   */
  stolenRefresh?: CredentialWindow & {
    /** Access tokens the thief minted with it during the window. */
    accessTokensMinted: number;
    /** jwt-redis: seconds after the theft at which the victim refreshed (what ended it). */
    victimRefreshedAt?: number;
  };
  /**
   * The short lifetimes (seconds) this scenario's own cluster ran with (under --target: what the
   * target revealed, e.g. the access token's expiresIn; 0 when unknown).
   */
  settings: LifetimeSettings;
  /** The node defaults (seconds) the windows scale to. */
  productionSettings: LifetimeSettings;
  /** Seconds of clock tolerance the nodes allow past a token's exp (tokens work that much longer). */
  clockToleranceSeconds: number;
  refresh?: { rotated: boolean; reuseDetected: boolean; familyRevoked: boolean };
}

export interface KindCounts {
  ok: number;
  failed: number;
}

/** Requests of a failure scenario by what they were: access (GET /api/me), refresh, login. */
export interface RequestsByKind {
  access: KindCounts;
  refresh: KindCounts;
  login: KindCounts;
}

export interface TimelinePoint extends RequestsByKind {
  /** Seconds since the timeline started (bucket start). */
  t: number;
  /** access + refresh + login of this bucket. */
  ok: number;
  failed: number;
}

/**
 * When the fault happened, in seconds since the timeline start (the same clock as TimelinePoint.t).
 * `endedAt` is absent when the fault lasted past the end of the timeline (a killed node is only
 * restarted after the traffic).
 */
export interface FaultTimes {
  beganAt: number;
  endedAt?: number;
  /** node-failure: the SIGKILL instant (= beganAt). */
  killedAt?: number;
  /** store-failure: how the store failed (stop = process stopped and restarted empty, failover, pause). */
  kind?: 'kill' | 'stop' | 'failover' | 'pause';
}

/**
 * A node dies mid-run. Totals count every request of every kind; they equal the timeline's sums.
 * - sessionsLost: users whose credential was refused with a 401 after the kill (their session
 *   lived only on the dead node), i.e. users sent back to the login page;
 * - reloginsForced: the logins those users then made (a user may be forced more than once);
 * - secondsUntilClean: from the kill to the last failed request (0 when nothing failed).
 */
export interface NodeFailureResult {
  sessionsBefore: number;
  sessionsLost: number;
  reloginsForced: number;
  failedRequests: number;
  totalRequests: number;
  byKind: RequestsByKind;
  secondsUntilClean: number;
  fault: FaultTimes;
  /** Bucket width in seconds. */
  bucketSeconds: number;
  timeline: TimelinePoint[];
}

/**
 * The store fails mid-run. Totals count every request of every kind; they equal the timeline's sums.
 * - secondsToRecover ("recovered after"): from the fault's end (store back) to the last failed
 *   request; 0 when nothing failed after the end;
 * - failingSeconds: from the fault's begin to the last failed request (how long users saw errors);
 * - sessionsLost (redis): users whose session was gone after the fault (a 401 on an access request);
 * - refreshFamiliesLost (jwt-redis): users whose refresh was refused with a 401 after the fault
 *   (their rotation state was lost with the store); 0 sessions exist in jwt modes.
 */
export interface StoreFailureResult {
  failedRequests: number;
  totalRequests: number;
  byKind: RequestsByKind;
  secondsToRecover: number;
  failingSeconds: number;
  sessionsLost: number;
  refreshFamiliesLost?: number;
  /** jwt: access requests that kept working while the store was down. */
  accessOkDuringOutage?: number;
  /** jwt: refresh requests that failed while the store was down. */
  refreshFailedDuringOutage?: number;
  sentinel?: boolean;
  fault: FaultTimes;
  bucketSeconds: number;
  timeline: TimelinePoint[];
}

/** Stable ids of the attack cases (the report's catalogue says what each one tries). */
export const ATTACK_IDS = [
  // jwt modes
  'alg-none',
  'signature-stripped',
  'payload-tampered',
  'wrong-key',
  'alg-confusion',
  'garbage-token',
  'oversized-token',
  'refresh-as-access',
  'expired-token',
  'wrong-typ-aud',
  // session modes
  'random-sid',
  'unsigned-sid',
  'sid-signature-tampered',
  'sid-wrong-key',
  'empty-sid',
  'signed-unknown-sid',
  'session-fixation',
] as const;
export type AttackId = (typeof ATTACK_IDS)[number];

export interface AttackCase {
  id: AttackId;
  /** English label (JSON readers); renderers use `id`. */
  name: string;
  status: number;
  code?: string;
  rejected: boolean;
  /**
   * What `rejected` means for this case: `status-401` (every node answered 401) or
   * `id-not-adopted` (session fixation: the login succeeded with 200 but issued a new session id;
   * the planted one was not adopted).
   */
  rejectedMeans: 'status-401' | 'id-not-adopted';
}

export interface AttacksResult {
  tried: number;
  rejected: number;
  cases: AttackCase[];
}

export interface ScalePoint {
  nodes: number;
  failureRate: number;
  expectedRate: number;
  cpuMicrosPerRequest: number;
}

export interface ScaleResult {
  points: ScalePoint[];
}

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
  store?: 'none' | 'single' | 'sentinel' | 'external';
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
  };
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
    /** Present when the 1-minute load average exceeded the core count at some point of the run. */
    loadWarning?: { peak1m: number; cores: number };
  };
  results: RunResult[];
  /**
   * The floor of the load phase, measured in the same interleaved rounds as the modes: node CPU µs
   * per request of a bare route on as many processes behind the same balancer, with no store
   * (`none`) and with one Redis GET per request (`redis`, when the run had a Redis).
   */
  loadFloor?: LoadFloor;
}

export interface LoadFloor {
  nodes: number;
  none?: Spread;
  redis?: Spread;
  /** Why a floor is missing (no Redis, it failed to start…). */
  skipped?: string;
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
  /** The interleaved load phase: one event per run per round (A B C D A B C D …). */
  | { type: 'load-round'; mode: RunMode; strategy: Strategy; round: number; rounds: number; ms: number };

export function isSkipped(value: unknown): value is Skipped {
  return typeof value === 'object' && value !== null && (value as Skipped).skipped === true;
}
