export interface ReloginResult {
  users: number;
  requests: number;
  failures: number;
  failureRate: number;
  /** (N-1)/N for memory + round-robin, else 0. */
  expectedRate: number;
  /** Requests served per node id. */
  servedBy: Record<string, number>;
  /** Users per node that answered their login (with ip-hash: the node their address hashes to). */
  usersByNode?: Record<string, number>;
  /** Distinct client source addresses the users connected from (1: all from one address). */
  clientAddresses?: number;
}
