import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { LbResponse } from '../response.ts';
import type { Target } from '../target.ts';
import { nextUp, RoundRobin } from './round-robin.ts';
import type { Strategy } from './strategy.ts';

const kTarget = Symbol('connectionTarget');
type PinnedSocket = Socket & { [kTarget]?: Target };

/**
 * One target per client TCP connection, as an L4 balancer or a Kubernetes Service (kube-proxy)
 * does: a new connection gets the next up target in rotation and keeps it for every request it
 * carries. Keep-alive clients therefore stay on one node — in-memory sessions "work" — until the
 * connection is re-opened (idle timeout, connection limit, restarted pod) or its node dies; then
 * the connection's next request moves to another node.
 */
export class ConnectionAffinity implements Strategy {
  private readonly rr: RoundRobin;

  private readonly targets: readonly Target[];

  constructor(targets: readonly Target[]) {
    this.targets = targets;
    this.rr = new RoundRobin(targets);
  }

  pick(req: IncomingMessage): Target | null {
    const socket = req.socket as PinnedSocket;
    const pinned = socket[kTarget];
    if (pinned?.up) return pinned;
    const target = this.rr.pick();
    if (target) socket[kTarget] = target;
    return target;
  }

  retry(res: LbResponse, failed: Target): Target | null {
    const target = nextUp(this.targets, failed.index + 1, failed);
    const socket = res.req.socket as PinnedSocket | null;
    if (target && socket) socket[kTarget] = target;
    return target;
  }
}
