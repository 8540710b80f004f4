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
