import type { StartedReplica } from '../app/launch.ts';
import { replay } from '../client/user.ts';
import type { AuditContext } from '../context.ts';
import type { ReplicaFailureResult, TimelineBucket } from '../types.ts';
import { loggedInUsers } from './sessions.ts';

const BUCKET_SECONDS = 0.5;

/** Which replicas accept each user's credential right now (asked directly, not through the balancer). */
async function acceptedBy(
  context: AuditContext,
  users: Awaited<ReturnType<typeof loggedInUsers>>,
  replicas: readonly { url: string }[],
) {
  return Promise.all(
    users.map(async (user) => {
      const results = await Promise.all(
        replicas.map((replica) => replay(context, user.credential(), replica.url)),
      );
      return results.some((result) => result.loggedIn);
    }),
  );
}

/**
 * One replica dies mid-run (SIGKILL to its whole process group, like a crashed container): users
 * keep polling through the balancer. sessionsLost counts users whose credential worked before and
 * works on no surviving replica after; failedRequests the answers lost while the balancer noticed.
 */
export async function measureReplicaFailure(
  context: AuditContext,
  replicas: readonly StartedReplica[],
): Promise<ReplicaFailureResult> {
  const users = await loggedInUsers(context, context.quick ? 9 : 24);
  const victim = replicas[replicas.length > 1 ? 1 : 0]!;
  const before = await acceptedBy(context, users, context.replicas);
  const durationMs = context.quick ? 4000 : 10_000;
  const killAtMs = durationMs / 3;
  const start = Date.now();
  const buckets: TimelineBucket[] = [];
  let failedRequests = 0;
  let loggedOutAfterKill = 0;
  let requests = 0;
  let killedAt = -1;
  const kill = (async () => {
    await new Promise((done) => setTimeout(done, killAtMs));
    killedAt = Date.now();
    await victim.proc.kill();
  })();
  await Promise.all(
    users.map(async (user) => {
      while (Date.now() - start < durationMs) {
        const result = await user.poll();
        const t = (Date.now() - start) / 1000;
        const index = Math.floor(t / BUCKET_SECONDS);
        for (let i = buckets.length; i <= index; i++)
          buckets.push({ t: i * BUCKET_SECONDS, ok: 0, failed: 0 });
        requests++;
        if (result.loggedIn) buckets[index]!.ok++;
        else buckets[index]!.failed++;
        if (killedAt > 0 && !result.loggedIn) {
          if (result.status === 0 || result.status >= 500) failedRequests++;
          else loggedOutAfterKill++;
        }
        await new Promise((done) => setTimeout(done, 50));
      }
    }),
  );
  await kill;
  const survivors = context.replicas.filter((replica) => replica.name !== victim.name);
  const after = await acceptedBy(context, users, survivors);
  const sessionsLost = before.filter((worked, i) => worked && !after[i]).length;
  return {
    killed: victim.name,
    killedAtSeconds: Math.round(((killedAt - start) / 1000) * 100) / 100,
    users: users.length,
    sessionsLost,
    failedRequests,
    loggedOutAfterKill,
    requests,
    bucketSeconds: BUCKET_SECONDS,
    timeline: buckets,
  };
}
