import type { Dispatcher } from 'undici';
import type { AuthMode } from '../../nodes/config.ts';
import { demoUser, VirtualUser } from './http.ts';

/**
 * A stream of fresh logins sent back to back while the store fails over, then the check: is every
 * login the cluster ACKNOWLEDGED (200) still valid afterwards? Redis replicates asynchronously, so
 * a session written just before the primary dies may never reach the replica that takes over;
 * such a login was answered 200 and is unknown afterwards. Session modes check with GET /api/me
 * (401 ERR_SESSION_UNKNOWN), jwt checks its refresh family with POST /auth/refresh.
 */
export interface LoginStreamCheck {
  /** Logins answered 200 while the stream ran. */
  acknowledged: number;
  /** Of those, the ones whose session (or refresh family) the store no longer knows. */
  lost: number;
  /** For each lost login: ms from its acknowledgement to the fault (negative: acknowledged after). */
  lostBeforeFaultMs: number[];
  /** Logins refused (503, 0, …) while the stream ran: never acknowledged, so never "lost". */
  refused: number;
  /** How long each login acknowledged before the fault took (ms): what durability costs. */
  loginMsBeforeFault: number[];
}

interface Acknowledged {
  user: VirtualUser;
  at: number;
  ms: number;
}

export class LoginStream {
  private readonly acknowledged: Acknowledged[] = [];
  private refused = 0;
  private running = false;
  private lanes: Promise<void>[] = [];
  private next = 0;

  private readonly url: string;
  private readonly agent: Dispatcher;
  /** First demo-user index; the stream uses fresh users from there (kept apart from others). */
  private readonly firstUser: number;
  private readonly maxLogins: number;

  constructor(url: string, agent: Dispatcher, firstUser: number, maxLogins = 2000) {
    this.url = url;
    this.agent = agent;
    this.firstUser = firstUser;
    this.maxLogins = maxLogins;
  }

  /** Starts `lanes` loops, each logging in one new user after another. */
  start(lanes: number): void {
    this.running = true;
    this.lanes = Array.from({ length: lanes }, () => this.lane());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.lanes);
  }

  /** Checks every acknowledged login; `faultAt` is the Date.now() of the kill. */
  async check(mode: AuthMode, faultAt: number): Promise<LoginStreamCheck> {
    const lost: number[] = [];
    for (const { user, at } of this.acknowledged) {
      const reply = mode === 'jwt' ? await user.refresh() : await user.me();
      // 401 is "the store does not know this credential"; 503/0 would be an unfinished recovery.
      if (reply.status === 401) lost.push(faultAt - at);
    }
    return {
      acknowledged: this.acknowledged.length,
      lost: lost.length,
      lostBeforeFaultMs: lost.sort((a, b) => a - b),
      refused: this.refused,
      loginMsBeforeFault: this.acknowledged.filter((a) => a.at < faultAt).map((a) => a.ms),
    };
  }

  private async lane(): Promise<void> {
    while (this.running && this.next < this.maxLogins) {
      const user = new VirtualUser(demoUser(this.firstUser + this.next++), this.url, this.agent);
      const sentAt = performance.now();
      const reply = await user.login();
      const ms = performance.now() - sentAt;
      if (reply.status === 200) this.acknowledged.push({ user, at: Date.now(), ms });
      else {
        this.refused++;
        // A refused login is usually a store that is not there yet: do not spin on it.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }
}
