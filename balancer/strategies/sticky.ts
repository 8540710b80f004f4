import type { IncomingMessage } from 'node:http';
import type { LbResponse } from '../response.ts';
import type { Target } from '../target.ts';
import { AFFINITY_COOKIE } from '../target.ts';
import { nextUp, RoundRobin } from './round-robin.ts';
import type { Strategy } from './strategy.ts';

/**
 * Cookie affinity: the balancer issues `lb=<target id>`; requests carrying it go to that target
 * while it is up. A client without the cookie, or pinned to a down target, gets the next
 * round-robin target and a new cookie — re-pinning is exactly what loses in-memory sessions.
 */
export class Sticky implements Strategy {
  private readonly rr: RoundRobin;
  private readonly byId = new Map<string, Target>();

  private readonly targets: readonly Target[];

  constructor(targets: readonly Target[]) {
    this.targets = targets;
    this.rr = new RoundRobin(targets);
    for (const target of targets) this.byId.set(target.id, target);
  }

  pick(req: IncomingMessage, res: LbResponse): Target | null {
    const id = readAffinity(req.headers.cookie);
    if (id !== undefined) {
      const pinned = this.byId.get(id);
      if (pinned?.up) return pinned;
    }
    const target = this.rr.pick();
    if (target) res.lbSetCookie = target.affinityCookie;
    return target;
  }

  retry(res: LbResponse, failed: Target): Target | null {
    const target = nextUp(this.targets, failed.index + 1, failed);
    if (target) res.lbSetCookie = target.affinityCookie;
    return target;
  }
}

const PREFIX = `${AFFINITY_COOKIE}=`;

/** Finds the `lb` value in a Cookie header without parsing the other cookies. */
export function readAffinity(header: string | undefined): string | undefined {
  if (!header) return undefined;
  let from = 0;
  for (;;) {
    const at = header.indexOf(PREFIX, from);
    if (at === -1) return undefined;
    // Must start a cookie-pair: at the beginning or after "; " (not e.g. "xlb=").
    if (at === 0 || header.charCodeAt(at - 1) === 32 || header.charCodeAt(at - 1) === 59) {
      const start = at + PREFIX.length;
      const end = header.indexOf(';', start);
      return (end === -1 ? header.slice(start) : header.slice(start, end)).trim();
    }
    from = at + PREFIX.length;
  }
}
