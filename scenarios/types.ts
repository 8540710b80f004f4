/**
 * The report shape (contract: ../shared/design.md, "report.json"). Scenarios return these typed
 * results and never print; reports/ renders them (terminal table, Markdown, HTML).
 */
import type { StrategyName } from '../balancer/config.ts';
import type { AuthMode } from '../nodes/config.ts';

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

export interface LatencyFigures {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  connections: number;
  /** Fixed offered rate run (req/s offered) with coordinated-omission-corrected latency in ms. */
  fixedRate: { offered: number; achieved: number; latencyMs: LatencyFigures; errors: number; non2xx: number };
  /** Max-rate run. */
  maxRate: { requestsPerSecond: number; latencyMs: LatencyFigures; errors: number; non2xx: number };
  /** Node CPU microseconds per request (sum over nodes of process.cpuUsage deltas / requests). */
  cpuMicrosPerRequest: number;
  /** Redis commands per request (INFO commandstats delta / requests); 0 without a store. */
  storeOpsPerRequest: number;
  bytesPerRequest: { sent: number; received: number };
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

export interface RevocationResult {
  /** Seconds the credential kept working after logout (0 = rejected at once; ttl = until expiry). */
  afterLogoutSeconds: number;
  /** Seconds a stolen (replayed from another client) credential works while the victim stays logged in. */
  stolenWorksSeconds: number;
  /** Short description of what stops the stolen credential (logout, expiry, rotation). */
  stoppedBy: string;
  refresh?: { rotated: boolean; reuseDetected: boolean; familyRevoked: boolean };
}

export interface TimelinePoint {
  /** Seconds since the scenario started. */
  t: number;
  ok: number;
  failed: number;
}

export interface NodeFailureResult {
  sessionsBefore: number;
  sessionsLost: number;
  reloginsForced: number;
  failedRequests: number;
  totalRequests: number;
  secondsUntilClean: number;
  timeline: TimelinePoint[];
}

export interface StoreFailureResult {
  failedRequests: number;
  totalRequests: number;
  secondsToRecover: number;
  sessionsLost: number;
  /** jwt: access requests that kept working while the store was down. */
  accessOkDuringOutage?: number;
  /** jwt: refresh requests that failed while the store was down. */
  refreshFailedDuringOutage?: number;
  sentinel?: boolean;
  timeline: TimelinePoint[];
}

export interface AttackCase {
  name: string;
  status: number;
  code?: string;
  rejected: boolean;
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
}

/** One cluster configuration run (a row of the comparison table). */
export interface RunResult {
  mode: AuthMode;
  strategy: Strategy;
  nodes: number;
  /** Set when the whole run was skipped (e.g. redis mode without redis-server). */
  skipped?: string;
  /** The store behind this run: none, a single redis-server, a Sentinel topology or REDIS_URL. */
  store?: 'none' | 'single' | 'sentinel' | 'external';
  /** A fact about this run worth showing beside it (e.g. "jwt runs stateless: no Redis"). */
  note?: string;
  scenarios: ScenarioResults;
  durationMs: number;
}

export interface Report {
  startedAt: string;
  finishedAt: string;
  config: {
    modes: AuthMode[];
    nodes: number;
    users: number;
    requests: number;
    durationSeconds: number;
    quick: boolean;
    target?: string;
    scenarios: ScenarioName[];
  };
  machine: {
    platform: string;
    arch: string;
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
  };
  results: RunResult[];
}

export function isSkipped(value: unknown): value is Skipped {
  return typeof value === 'object' && value !== null && (value as Skipped).skipped === true;
}
