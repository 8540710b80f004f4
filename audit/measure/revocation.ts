import { type Credential, replay } from '../client/user.ts';
import { type AuditContext, replicaName } from '../context.ts';
import type { ReplayWindow, Skipped } from '../types.ts';
import { loggedInUsers } from './sessions.ts';

const TICK_MS = 1000;

/** Replays the copy on every replica directly; it "works" when any replica accepts it. */
async function worksSomewhere(context: AuditContext, credential: Credential): Promise<boolean> {
  const results = await Promise.all(
    context.replicas.map((replica) => replay(context, credential, replica.url)),
  );
  return results.some((result) => result.loggedIn);
}

/**
 * Replays a copied credential once a second from `since` until no replica accepts it or the window
 * ends. copyWorksSeconds is measured: the time from `since` to the last accepted replay.
 */
async function replayWindow(
  context: AuditContext,
  credential: Credential,
  since: number,
  windowSeconds: number,
) {
  const end = since + windowSeconds * 1000;
  let lastAccepted: number | undefined;
  let replays = 0;
  let works = true;
  for (let at = Date.now(); at <= end; at = Date.now()) {
    works = await worksSomewhere(context, credential);
    replays++;
    if (!works) break;
    lastAccepted = Date.now();
    const wait = Math.min(TICK_MS, end - Date.now());
    if (wait <= 0) break;
    await new Promise((done) => setTimeout(done, wait));
  }
  return {
    windowSeconds,
    // Still accepted at the last replay of the window: it worked for the whole window (at least).
    copyWorksSeconds: works
      ? windowSeconds
      : lastAccepted === undefined
        ? 0
        : Math.round(Math.min(windowSeconds, (lastAccepted - since) / 1000) * 10) / 10,
    stillWorkingAtEnd: works,
    measured: true as const,
    replays,
  };
}

/**
 * Logout and theft, measured side by side in one window (so a quick audit waits once):
 * - logout: a copy of the credential taken before logout, replayed after it (does logout revoke?);
 * - theft: a copy taken from a user who stays logged in (how long does a stolen credential work?).
 * The logout request goes through the balancer, as the user's would.
 */
export async function measureRevocation(
  context: AuditContext,
): Promise<{ logout: ReplayWindow | Skipped; theft: ReplayWindow }> {
  const windowSeconds = context.windowSeconds;
  const [leaving, staying] = await loggedInUsers(context, 2);
  const theftCopy = staying!.credential();
  const theft = replayWindow(context, theftCopy, Date.now(), windowSeconds);
  if (!context.profile.logout) {
    return { logout: { skipped: true, reason: 'no-logout' }, theft: await theft };
  }
  const copy = leaving!.credential();
  const home = replicaName(context, leaving!.loginUpstream);
  const answer = await leaving!.logout();
  const reached = replicaName(context, answer?.upstream);
  const logout = replayWindow(context, copy, Date.now(), windowSeconds);
  const [logoutResult, theftResult] = await Promise.all([logout, theft]);
  return {
    logout: {
      ...logoutResult,
      ...(answer && { logoutStatus: answer.status }),
      ...(home && { loginServedBy: home }),
      ...(reached && { logoutServedBy: reached }),
    },
    theft: theftResult,
  };
}
