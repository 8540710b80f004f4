import type { AnswerTimes, FaultTimes, RequestsByKind, TimelinePoint } from '../core/figures.ts';

/**
 * The store fails mid-run. Totals count every request of every kind; they equal the timeline's sums.
 * - secondsToRecover ("recovered after"): from the fault's end (store back) to the last failed
 *   request; 0 when nothing failed after the end;
 * - failingSeconds: from the fault's begin to the last failed request (how long users saw errors);
 * - sessionsLost (redis): users whose session was gone after the fault (a 401 on an access request);
 * - refreshFamiliesLost (jwt-redis): users whose refresh was refused with a 401 after the fault
 *   (their rotation state was lost with the store); 0 sessions exist in jwt modes.
 */
/** Redis Cluster store-failure: the shard whose primary was killed and whom it touched. */
export interface ShardImpact {
  /** The killed primary (host:port) and the slots it served. */
  primary: string;
  slots: [number, number][];
  users: number;
  /** Users whose session (jwt: refresh family) lives in that shard. */
  usersInShard: number;
  /** Users with a failed request between the kill and the end of the outage, in / outside it. */
  touchedInShard: number;
  touchedOutsideShard: number;
  /**
   * What the failed requests of users outside the shard answered, e.g. { "503 ERR_STORE_UNAVAILABLE": 2 }
   * (status, then the code when there is one; 0 = no answer): what leaked, when anything did.
   */
  outsideFailures: Record<string, number>;
}

/**
 * A failover only: fresh logins sent back to back across the kill, and how many of those the
 * cluster acknowledged (200) were unknown afterwards. Redis replicates asynchronously, so without
 * WAIT a write acknowledged just before the primary dies can be missing on the promoted replica:
 * a measured count, never a promise of 0.
 */
export interface FailoverLoss {
  acknowledgedLogins: number;
  lostLogins: number;
  /** For each lost login, ms from its acknowledgement to the kill. */
  lostBeforeKillMs: number[];
  /** Logins refused while the stream ran (never acknowledged). */
  refusedLogins: number;
  /** REDIS_WAIT_REPLICAS of the nodes (0: asynchronous replication); undefined when unknown. */
  waitReplicas?: number;
  waitTimeoutMs?: number;
}

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
  failover?: FailoverLoss;
  /** Redis Cluster: the shard that failed and whom it touched. */
  shard?: ShardImpact;
  fault: FaultTimes;
  /**
   * How long the requests in flight while the fault lasted took to be answered (ok or not): a stopped
   * store fails fast, a partitioned one makes the first requests wait for the command timeout.
   */
  faultAnswerMs?: AnswerTimes;
  /** How long the failed requests took to fail (from the fault's begin to the end of the run). */
  failedAnswerMs?: AnswerTimes;
  /**
   * The nodes' circuit breaker as /metrics showed it (polled every 50 ms, launched clusters only):
   * ms from the fault's begin until one opened, and from the store's return (restart, heal) until
   * it closed again.
   */
  breaker?: { openedAfterMs?: number; closedAfterBackMs?: number };
  bucketSeconds: number;
  timeline: TimelinePoint[];
}
