import { send } from '../cluster/redis-local.ts';

/**
 * The replicated store as the sentinels and the redis-servers themselves describe it (the lesson
 * step "…which must itself be replicated", Sentinel topology): which port the sentinels name as
 * primary, what each redis-server says its role is (INFO replication), which sentinels answer.
 * Read over plain RESP on loopback with short timeouts: a dead instance is "down", never a hang.
 */
export type InstanceRole = 'primary' | 'replica' | 'down';

export interface ReplicationView {
  /** The port the sentinels name as primary now (null while none answers). */
  primaryPort: number | null;
  /** Every redis-server seen in this topology, by port, with the role it reports. */
  instances: { port: number; role: InstanceRole }[];
  sentinels: { port: number; up: boolean }[];
  /** The last "stop the primary" and what was measured; null before the first. */
  failover: FailoverView | null;
}

export interface FailoverView {
  /** waiting: killed, no new primary yet; promoted: measured; rejoined: the old one is a replica again. */
  phase: 'waiting' | 'promoted' | 'rejoined' | 'failed';
  stoppedPort: number | null;
  /** ms since the epoch, taken just before the kill. */
  stoppedAt: number;
  promotedPort: number | null;
  /** Measured: from the kill until the new primary answered a write (SET) with OK. */
  writableAfterMs: number | null;
  /** Measured: from the kill until a session logged in before it answered GET /api/me 200 again. */
  sessionAfterMs: number | null;
  /** That session after the promotion: still known (true) or lost (false; replication is asynchronous). */
  sessionKept: boolean | null;
  /**
   * The console's own users' GET /api/me answered 401 ERR_SESSION_UNKNOWN since the kill: each
   * sends a virtual user back to log in (0: everyone stayed logged in).
   */
  sessionUnknown: number;
}

const MASTER = 'authscale';
const PROBE_TIMEOUT_MS = 300;

/** The port one sentinel names as primary, or undefined when it does not answer. */
export async function primaryNamedBy(sentinel: number): Promise<number | undefined> {
  const reply = await send(sentinel, `SENTINEL get-master-addr-by-name ${MASTER}`, PROBE_TIMEOUT_MS).catch(
    () => '',
  );
  const match = /\$\d+\r\n[^\r]+\r\n\$\d+\r\n(\d+)\r\n/.exec(reply);
  return match ? Number(match[1]) : undefined;
}

/** The first answer of any sentinel. */
export async function namedPrimary(sentinels: number[]): Promise<number | undefined> {
  for (const port of sentinels) {
    const named = await primaryNamedBy(port);
    if (named !== undefined) return named;
  }
  return undefined;
}

/** A redis-server's own role, and the replicas a primary lists (`slaveN:ip=…,port=…`). */
async function roleOf(port: number): Promise<{ role: InstanceRole; replicas: number[] }> {
  const info = await send(port, 'INFO replication', PROBE_TIMEOUT_MS).catch(() => '');
  if (/role:master/.test(info)) {
    const replicas = [...info.matchAll(/slave\d+:[^\r\n]*port=(\d+)/g)].map((m) => Number(m[1]));
    return { role: 'primary', replicas };
  }
  return { role: /role:slave/.test(info) ? 'replica' : 'down', replicas: [] };
}

/** True once `port` accepts a write: a promoted replica answers OK, a replica -READONLY. */
export async function acceptsWrite(port: number): Promise<boolean> {
  const reply = await send(port, 'SET authscale:failover-probe 1 PX 10000', PROBE_TIMEOUT_MS).catch(() => '');
  return reply.startsWith('+OK');
}

/**
 * Reads the topology. `known` collects every redis-server port seen so far (a killed primary no
 * longer lists itself anywhere, but it is still part of the picture, as "down").
 */
export async function readTopology(
  sentinels: number[],
  known: Set<number>,
): Promise<Omit<ReplicationView, 'failover'>> {
  const [sentinelsUp, primaryPort] = await Promise.all([
    Promise.all(sentinels.map(async (port) => ({ port, up: (await primaryNamedBy(port)) !== undefined }))),
    namedPrimary(sentinels),
  ]);
  if (primaryPort !== undefined) known.add(primaryPort);
  const roles = await Promise.all([...known].map(async (port) => ({ port, ...(await roleOf(port)) })));
  for (const replica of roles.flatMap((r) => r.replicas)) {
    if (!known.has(replica)) {
      known.add(replica);
      roles.push({ port: replica, ...(await roleOf(replica)) });
    }
  }
  return {
    primaryPort: primaryPort ?? null,
    instances: roles.map(({ port, role }) => ({ port, role })).sort((a, b) => a.port - b.port),
    sentinels: sentinelsUp,
  };
}
