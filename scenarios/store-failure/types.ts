import type { FaultTimes, RequestsByKind, TimelinePoint } from '../core/figures.ts';

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
