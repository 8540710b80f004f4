import { type AuditUser, replay } from '../client/user.ts';
import type { AuditContext } from '../context.ts';
import { replicaName } from '../context.ts';
import type { ReloginResult } from '../types.ts';
import { inBatches, loggedInUsers } from './sessions.ts';

/** How many replicas accept each session when asked directly (not through the balancer). */
async function knownBy(context: AuditContext, users: AuditUser[]): Promise<ReloginResult['direct']> {
  const counts = await inBatches(users, 4, async (user) => {
    const credential = user.credential();
    const results = await Promise.all(
      context.replicas.map((replica) => replay(context, credential, replica.url)),
    );
    return results.filter((result) => result.loggedIn).length;
  });
  return {
    sessions: users.length,
    knownByAllReplicas: counts.filter((count) => count === context.replicas.length).length,
    knownByOneReplica: counts.filter((count) => count === 1).length,
  };
}

/**
 * Users log in through the balancer, then repeat the protected request. If each replica keeps its
 * own sessions, a request lands on a replica that knows the session 1 time in N under round-robin:
 * the failure rate tends to (N-1)/N. Shared state (a store) or state carried by the client
 * (a signed cookie, a JWT) fails 0 times.
 */
export async function measureRelogin(context: AuditContext): Promise<ReloginResult> {
  const sessions = context.quick ? 12 : 30;
  const polls = context.quick ? 9 : 20;
  const users = await loggedInUsers(context, sessions);
  const byReplica: ReloginResult['byReplica'] = Object.fromEntries(
    context.replicas.map((replica) => [replica.name, { ok: 0, failed: 0 }]),
  );
  let failed = 0;
  await inBatches(users, 4, async (user) => {
    for (let i = 0; i < polls; i++) {
      const result = await user.poll();
      const name = replicaName(context, result.upstream) ?? 'unknown';
      byReplica[name] ??= { ok: 0, failed: 0 };
      if (result.loggedIn) byReplica[name].ok++;
      else {
        byReplica[name].failed++;
        failed++;
      }
    }
  });
  const direct = await knownBy(context, users);
  const requests = sessions * polls;
  const n = context.replicas.length;
  const expectedIfPerReplica = Math.round(((n - 1) / n) * 1000) / 1000;
  const failureRate = Math.round((failed / requests) * 1000) / 1000;
  // Half the per-replica expectation separates the two cases with a wide margin (N ≥ 2). Asked
  // directly, a per-replica session is known by one replica only, whatever the balancer does:
  // affinity (sticky, ip-hash) hides the failures, not the state.
  const perReplica =
    n > 1 && (failureRate >= expectedIfPerReplica / 2 || direct.knownByOneReplica > sessions / 2);
  return {
    requests,
    failed,
    failureRate,
    expectedIfPerReplica,
    byReplica,
    verdict: perReplica ? 'per-replica-state' : 'shared-or-client-side',
    users: sessions,
    direct,
  };
}
