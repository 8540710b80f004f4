/**
 * What the projector calls a node: "up" only when the balancer routes to it, "starting" while its
 * process runs but the balancer has not (yet) taken it in, "down" when the process is gone.
 *
 * The balancer's view is a poll of `/__lb/stats`; a poll that *started* before the node's last
 * kill or restart says nothing about the new process (the balancer may not even have noticed the
 * kill yet), so it never makes the node "up".
 */
export type NodeStatus = 'up' | 'starting' | 'down';

export interface RoutingView {
  /** Per target index: does the balancer route to it. */
  up: readonly boolean[];
  /** When the poll that produced `up` was sent (ms since the epoch); 0 before the first poll. */
  polledAt: number;
}

export function nodeStatus(
  running: boolean,
  index: number,
  routing: RoutingView,
  changedAt: number,
): NodeStatus {
  if (!running) return 'down';
  const fresh = routing.polledAt > changedAt;
  return fresh && routing.up[index] === true ? 'up' : 'starting';
}
