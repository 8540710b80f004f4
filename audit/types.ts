import type { StrategyName } from '../balancer/config.ts';
import type { BalancerKind } from '../cluster/external-balancers/kinds.ts';
import type { ThresholdResult } from '../scenarios/ci/result.ts';
import type { Report } from '../scenarios/core/types.ts';

export interface Spread {
  median: number;
  min: number;
  max: number;
  values: number[];
}

export interface ReloginResult {
  requests: number;
  failed: number;
  failureRate: number;
  /** (N-1)/N: the failure rate if every replica kept its own sessions. */
  expectedIfPerReplica: number;
  byReplica: Record<string, { ok: number; failed: number }>;
  verdict: 'per-replica-state' | 'shared-or-client-side';
  users: number;
  /** Each session replayed on every replica directly after the polls: known by all, or by one only. */
  direct: { sessions: number; knownByAllReplicas: number; knownByOneReplica: number };
}

export interface CredentialResult {
  kind: 'cookie' | 'header';
  names: string[];
  /** Bytes of the credential on every request (`Cookie: …` or the header lines). */
  bytes: number;
  attributes: { httpOnly: boolean; secure: boolean; sameSite: string | null; maxAgeSeconds: number | null };
  jwt?: { header: Record<string, unknown>; claims: Record<string, unknown>; lifetimeSeconds: number | null };
  /** The credential itself carries the user's data (signed cookie session, JWT): nothing to look up server-side. */
  clientSideSession: boolean;
  /** What the credential decodes to, when it decodes (`jwt`, `json`, `signed-json`). */
  decodedAs?: string;
  /** Estimated entropy of an opaque session id (alphabet × length). */
  opaqueIdBits?: number;
  opaqueIdLength?: number;
}

export interface ReplayWindow {
  windowSeconds: number;
  /** Seconds from the event (logout, or the copy) to the last replay the app accepted. */
  copyWorksSeconds: number;
  stillWorkingAtEnd: boolean;
  measured: true;
  replays: number;
  /** Status of the logout request itself (logout only). */
  logoutStatus?: number;
  /** Replicas that answered the login and the logout (logout only): under per-replica state they may differ. */
  loginServedBy?: string;
  logoutServedBy?: string;
}

export interface ForgeryResult {
  id: string;
  name: string;
  tries: number;
  accepted: boolean;
  /** Status of the accepted try, else of the last one; null when not tried. */
  status: number | null;
  /** Why it was not tried (e.g. the signing key is unknown). */
  skipped?: string;
}

export interface TimelineBucket {
  t: number;
  ok: number;
  failed: number;
}

export interface ReplicaFailureResult {
  killed: string;
  /** Seconds into the run when the replica's process group got SIGKILL. */
  killedAtSeconds: number;
  users: number;
  sessionsLost: number;
  /** Requests after the kill that got no answer or a 5xx (the balancer had to notice first). */
  failedRequests: number;
  /** Requests after the kill answered as logged out. */
  loggedOutAfterKill: number;
  requests: number;
  bucketSeconds: number;
  timeline: TimelineBucket[];
}

export interface AuditLoadResult {
  offeredRate: number;
  rounds: number;
  phaseSeconds: number;
  connections: number;
  requestsPerSecond: Spread;
  latencyMs: { p50: Spread; p99: Spread };
  /** CPU µs per request summed over the replicas' process trees; null when the replicas are not ours. */
  cpuMicrosPerRequest: Spread | null;
  errors: number;
  non2xx: number;
  requests: number;
}

export interface Skipped {
  skipped: true;
  reason: string;
}

export interface AuditFindings {
  relogin: ReloginResult;
  credential: CredentialResult;
  logout: ReplayWindow | Skipped;
  theft: ReplayWindow;
  forgeries: ForgeryResult[];
  replicaFailure?: ReplicaFailureResult | Skipped;
  load?: AuditLoadResult | Skipped;
}

export interface ReplicaEvent {
  replica: string;
  /** Seconds into the audit. */
  atSeconds: number;
  code: number | null;
  signal: string | null;
  /** Its last output lines. */
  output: string;
}

export interface AuditReport {
  kind: 'audit';
  /** CI thresholds checked against this report (`forgeries.accepted == 0` by default). */
  thresholds?: ThresholdResult[];
  app: {
    profile: string;
    started: 'command' | 'targets';
    command?: string | string[];
    authentication: string;
    loginRequestUrl: string;
    sessionManagement: string;
    pollUrl: string;
    logoutUrl: string | null;
    users: number;
  };
  replicas: number;
  strategy: StrategyName;
  balancer: BalancerKind;
  quick: boolean;
  /** Replicas that exited on their own during the audit. */
  replicaExits: ReplicaEvent[];
  /** Replicas the user runs (`app.targets`): no kill, no CPU figures. */
  notes: string[];
  audit: AuditFindings;
  startedAt: string;
  durationSeconds: number;
  machine: Report['machine'];
}
