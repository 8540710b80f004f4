import type { Dispatcher } from 'undici';
import { demoUser, type Reply, VirtualUser } from '../../scenarios/client/http.ts';

/** Steps of one user's cycle: log in, use the session/token, (jwt: refresh once), log out. */
const CYCLE = 20;
const REFRESH_AT = 10;

export interface TrafficCounts {
  sent: number;
  /** Ticks that found their user still waiting for the previous answer (the cluster fell behind). */
  skipped: number;
  /** By status, with the error code when the body has one (`401 ERR_SESSION_UNKNOWN`). */
  byStatus: Record<string, number>;
}

/** The request at `position` of a user's cycle: login → /api/me … → (refresh) → logout. */
function cycleStep(user: VirtualUser, position: number, refresh: boolean): Promise<Reply> {
  if (position === 0 || !user.loggedIn) return user.login();
  if (position === CYCLE - 1) {
    return user.logout().then((r) => {
      user.loggedIn = false;
      return r;
    });
  }
  return refresh && position === REFRESH_AT ? user.refresh() : user.me();
}

/** Error codes kept apart: a 503 ERR_NO_HEALTHY_UPSTREAM is not a 503 ERR_LOGIN_BUSY. */
function statusKey(reply: Reply): string {
  if (reply.status === 0) return 'network-error';
  return reply.code ? `${reply.status} ${reply.code}` : String(reply.status);
}

/**
 * A fixed request rate spread over `users` virtual users, each cycling login → /api/me … →
 * (refresh) → logout, so sessions, refresh families and tokens are created and ended all the time:
 * what a leak would pile up. Returns a stop function that resolves with the counts.
 */
export function startTraffic(
  baseUrl: string,
  agent: Dispatcher,
  options: { rate: number; users: number; refresh: boolean },
): () => Promise<TrafficCounts> {
  const users = Array.from(
    { length: options.users },
    (_, i) => new VirtualUser(demoUser(7000 + i), baseUrl, agent),
  );
  const steps = new Array<number>(users.length).fill(0);
  const busy = new Array<boolean>(users.length).fill(false);
  const counts: TrafficCounts = { sent: 0, skipped: 0, byStatus: {} };
  const inFlight = new Set<Promise<void>>();
  const interval = 1000 / options.rate;
  const start = performance.now();
  let tick = 0;
  let stopped = false;

  const step = async (index: number) => {
    const position = steps[index]! % CYCLE;
    steps[index]!++;
    const key = statusKey(await cycleStep(users[index]!, position, options.refresh));
    counts.byStatus[key] = (counts.byStatus[key] ?? 0) + 1;
  };

  const loop = async () => {
    while (!stopped) {
      const index = tick % users.length;
      tick++;
      if (busy[index]) {
        counts.skipped++;
      } else {
        busy[index] = true;
        counts.sent++;
        const running = step(index).finally(() => {
          busy[index] = false;
          inFlight.delete(running);
        });
        inFlight.add(running);
      }
      const wait = start + tick * interval - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  const looping = loop();

  return async () => {
    stopped = true;
    await looping;
    await Promise.allSettled([...inFlight]);
    return counts;
  };
}
