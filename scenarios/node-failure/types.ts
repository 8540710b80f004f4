import type { AnswerTimes, FaultTimes, RequestsByKind, TimelinePoint } from '../core/figures.ts';

/**
 * A node dies mid-run. Totals count every request of every kind; they equal the timeline's sums.
 * - sessionsLost: users whose credential was refused with a 401 after the kill (their session
 *   lived only on the dead node), i.e. users sent back to the login page;
 * - reloginsForced: the logins those users then made (a user may be forced more than once);
 * - secondsUntilClean: from the kill (or the partition) to the last failed request (0 when nothing
 *   failed);
 * - secondsToRecover (partition only): from the heal to the last failed request.
 */
export interface NodeFailureResult {
  sessionsBefore: number;
  sessionsLost: number;
  reloginsForced: number;
  failedRequests: number;
  totalRequests: number;
  byKind: RequestsByKind;
  secondsUntilClean: number;
  secondsToRecover?: number;
  fault: FaultTimes;
  /** Answer times of the requests in flight while the fault lasted (ok or not), ms. */
  faultAnswerMs?: AnswerTimes;
  /** How long the failed requests took to fail, ms. */
  failedAnswerMs?: AnswerTimes;
  /**
   * Our balancer's health checks as /__lb/stats showed them (polled every 50 ms, launched clusters
   * only): ms from the fault until the node was out of rotation, and (partition) from the heal
   * until it was back in.
   */
  balancerHealth?: { ejectedAfterMs?: number; backAfterHealMs?: number };
  /** Bucket width in seconds. */
  bucketSeconds: number;
  timeline: TimelinePoint[];
}
