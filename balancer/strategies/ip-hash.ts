import type { IncomingMessage } from 'node:http';
import type { LbResponse } from '../response.ts';
import type { Target } from '../target.ts';
import { nextUp } from './round-robin.ts';
import type { Strategy } from './strategy.ts';

/**
 * Client address hash (the TCP peer, not X-Forwarded-For, which a client could forge). A down
 * target falls through to the next up one. Caveat: every client behind one NAT/proxy shares an
 * address and so lands on one target.
 */
export class IpHash implements Strategy {
  private readonly targets: readonly Target[];

  constructor(targets: readonly Target[]) {
    this.targets = targets;
  }

  pick(req: IncomingMessage): Target | null {
    const address = req.socket.remoteAddress ?? '';
    return nextUp(this.targets, fnv1a(address) % this.targets.length);
  }

  retry(_res: LbResponse, failed: Target): Target | null {
    return nextUp(this.targets, failed.index + 1, failed);
  }
}

/** 32-bit FNV-1a: cheap, no allocation, well spread for short strings such as IP addresses. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
