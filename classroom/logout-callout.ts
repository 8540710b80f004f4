/**
 * "11 students were just logged out (19 were not)": after a disruptive control (a kill, a mode or
 * strategy switch, Redis stopped) every student whose last answer was ✓ is *at risk*; each one's
 * first answer after the control decides: 401 → logged out, 2xx → not. Answers with no verdict
 * (a 5xx while the cluster swaps, no answer at all) wait for the next one. Students who do not
 * answer within SETTLE_MS are left out of both figures (`pending` says how many).
 */
export const SETTLE_MS = 20_000;

export interface CalloutView {
  action: string;
  at: number;
  loggedOut: number;
  kept: number;
  pending: number;
}

export class LogoutCallout {
  private action = '';
  private at = 0;
  private atRisk = new Set<string>();
  private loggedOut = new Set<string>();
  private kept = new Set<string>();

  /** A disruptive control starts now; `signedIn` are the students whose last answer was ✓. */
  begin(action: string, signedIn: Iterable<string>, now = Date.now()): void {
    this.action = action;
    this.at = now;
    this.atRisk = new Set(signedIn);
    this.loggedOut = new Set();
    this.kept = new Set();
  }

  /** A student's answer to GET /api/me, seen at `now`. */
  observe(id: string, status: number, now = Date.now()): void {
    if (!this.atRisk.has(id) || now < this.at || now - this.at > SETTLE_MS) return;
    if (this.loggedOut.has(id) || this.kept.has(id)) return;
    if (status === 401) this.loggedOut.add(id);
    else if (status >= 200 && status < 300) this.kept.add(id);
  }

  /** A student who left: out of every figure. */
  forget(id: string): void {
    this.atRisk.delete(id);
    this.loggedOut.delete(id);
    this.kept.delete(id);
  }

  view(): CalloutView | null {
    if (this.action === '') return null;
    const decided = this.loggedOut.size + this.kept.size;
    return {
      action: this.action,
      at: this.at,
      loggedOut: this.loggedOut.size,
      kept: this.kept.size,
      pending: this.atRisk.size - decided,
    };
  }
}
