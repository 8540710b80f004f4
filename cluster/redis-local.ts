import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../lib/free-port.ts';
import { redisServerArgs, redisServerPath } from '../lib/redis-server.ts';
import { waitFor } from '../lib/wait-for.ts';
import { exitedDuring, type ManagedProcess, spawnManaged, tail } from './processes.ts';

/**
 * redis-server processes the launcher owns (tracked in the process registry, so they die with
 * us): a single primary, or a Sentinel topology (primary, replica, three sentinels).
 */
export const REDIS_FIX =
  'install it (`sudo apt-get install -y redis-server`, `brew install redis`) or set REDIS_URL';

export function send(port: number, command: string, timeoutMs = 500): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let data = '';
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error('timeout'));
    });
    socket.once('error', reject);
    socket.once('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk) => {
      data += chunk.toString();
      // One RESP reply is enough for the commands used here (PING, INFO, SENTINEL …).
      if (isCompleteReply(data)) {
        socket.destroy();
        resolve(data);
      }
    });
  });
}

function isCompleteReply(data: string): boolean {
  if (data.startsWith('+') || data.startsWith('-') || data.startsWith(':')) return data.includes('\r\n');
  if (data.startsWith('$')) {
    const header = data.indexOf('\r\n');
    if (header === -1) return false;
    const length = Number(data.slice(1, header));
    return length < 0 || data.length >= header + 2 + length + 2;
  }
  // Arrays (SENTINEL replies): good enough to wait for a little settling of the buffer.
  return data.endsWith('\r\n') && data.length > 4;
}

/** A numeric field of a flat RESP field/value array reply (SENTINEL master …). */
function field(reply: string, name: string): number | undefined {
  const match = new RegExp(`${name}\\r\\n(?:\\$\\d+\\r\\n|:)(\\d+)\\r\\n`).exec(reply);
  return match ? Number(match[1]) : undefined;
}

export async function ping(port: number): Promise<boolean> {
  try {
    return (await send(port, 'PING')).startsWith('+PONG');
  } catch {
    return false;
  }
}

export interface LocalRedis {
  readonly port: number;
  readonly url: string;
  readonly process: ManagedProcess | undefined;
  /** SIGTERM (or SIGKILL when hard); no persistence, so every key is gone. */
  stop(hard?: boolean): Promise<void>;
  /** Starts again on the same port; `extraArgs` replaces the ones it was first started with. */
  start(extraArgs?: string[]): Promise<void>;
  pause(): void;
  resume(): void;
  pids(): number[];
}

export function requireRedisBinary(): string {
  const binary = redisServerPath();
  if (!binary) throw new Error(`redis-server not found on PATH: ${REDIS_FIX}`);
  return binary;
}

/** A redis-server on a free loopback port, persistence off (plus `extraArgs`, e.g. --replicaof). */
export async function startLocalRedis(name: string, extraArgs: string[] = []): Promise<LocalRedis> {
  const binary = requireRedisBinary();
  const port = await freePort();
  let proc: ManagedProcess | undefined;
  const start = async (args_: string[] = extraArgs) => {
    const args = redisServerArgs(port, args_);
    const started = spawnManaged(name, binary, args);
    proc = started;
    await waitFor(() => ping(port), {
      timeoutMs: 10_000,
      what: `${name} on port ${port}`,
      abort: () => exitedDuring(started, `start on port ${port}`),
    });
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get process() {
      return proc;
    },
    stop: async (hard = false) => {
      const current = proc;
      if (!current) return;
      await (hard ? current.kill() : current.stop());
    },
    start: async (args?: string[]) => {
      if (proc && !proc.exited) return;
      await start(args);
    },
    pause: () => proc?.pause(),
    resume: () => proc?.resume(),
    pids: () => (proc && !proc.exited ? [proc.pid] : []),
  };
}

export const SENTINEL_MASTER = 'authscale';

export interface SentinelTopology {
  readonly primary: LocalRedis;
  readonly replica: LocalRedis;
  readonly sentinels: { host: string; port: number }[];
  readonly masterName: string;
  /** The port of whichever redis-server the sentinels currently call the primary. */
  currentPrimaryPort(): Promise<number | undefined>;
  /**
   * Resolves to the new primary's port once EVERY sentinel names a primary other than `port`
   * (the failover happened and all of them know it), or rejects after `timeoutMs`. A killed
   * primary has no persistence: started again as a primary it comes back EMPTY, and a sentinel
   * that still believes in it turns the promoted replica back into its replica, which then copies
   * the empty dataset — every session gone (measured: all 31 acknowledged logins of one kill).
   * So it must wait for this, and then start as a replica of the new primary (--replicaof).
   */
  waitForPromotion(port: number, timeoutMs: number): Promise<number>;
  /** Failover events the sentinels logged (+switch-master, +promoted-slave, …), oldest first. */
  events(): string[];
  pids(): number[];
  close(): Promise<void>;
}

/**
 * Primary + replica + three sentinels (quorum 2), tuned to fail over in a few seconds:
 * `down-after-milliseconds` 1000, `failover-timeout` 5000.
 */
export async function startSentinelTopology(): Promise<SentinelTopology> {
  const binary = requireRedisBinary();
  const dir = await mkdtemp(join(tmpdir(), 'authscale-sentinel-'));
  const sentinelProcs: ManagedProcess[] = [];
  let primary: LocalRedis | undefined;
  let replica: LocalRedis | undefined;
  let ports: number[] = [];
  const close = async () => {
    await Promise.all([...sentinelProcs.map((proc) => proc.stop()), primary?.stop(), replica?.stop()]);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    primary = await startLocalRedis('redis-primary');
    replica = await startLocalRedis('redis-replica', ['--replicaof', '127.0.0.1', String(primary.port)]);
    ports = await Promise.all([freePort(), freePort(), freePort()]);
    const primaryPort = primary.port;
    await Promise.all(
      ports.map(async (port, i) => {
        const file = join(dir, `sentinel-${i + 1}.conf`);
        // Sentinel rewrites its config file, so it must be a writable file of its own.
        await writeFile(file, sentinelConfig(port, dir, primaryPort));
        sentinelProcs.push(spawnManaged(`sentinel-${i + 1}`, binary, [file, '--sentinel']));
      }),
    );
    await waitForSentinels(ports, sentinelProcs, replica);
  } catch (error) {
    await close();
    throw error;
  }
  const p = primary;
  const r = replica;
  const currentPrimaryPort = async () => {
    for (const port of ports) {
      const named = await primaryNamedBy(port);
      if (named !== undefined) return named;
    }
    return undefined;
  };
  return {
    primary: p,
    replica: r,
    sentinels: ports.map((port) => ({ host: '127.0.0.1', port })),
    masterName: SENTINEL_MASTER,
    currentPrimaryPort,
    events: () => failoverEvents(sentinelProcs),
    waitForPromotion: (port, timeoutMs) => waitForSentinelPromotion(ports, port, timeoutMs),
    pids: () => [...p.pids(), ...r.pids(), ...sentinelProcs.filter((s) => !s.exited).map((s) => s.pid)],
    close,
  };
}

/** One sentinel's configuration: watch the primary with a quorum of 2, fail over in seconds. */
function sentinelConfig(port: number, dir: string, primaryPort: number): string {
  return [
    `port ${port}`,
    'bind 127.0.0.1',
    'protected-mode no',
    'daemonize no',
    'loglevel warning',
    `dir ${dir}`,
    `sentinel monitor ${SENTINEL_MASTER} 127.0.0.1 ${primaryPort} 2`,
    `sentinel down-after-milliseconds ${SENTINEL_MASTER} 1000`,
    `sentinel failover-timeout ${SENTINEL_MASTER} 5000`,
    `sentinel parallel-syncs ${SENTINEL_MASTER} 1`,
    '',
  ].join('\n');
}

/**
 * Ready when every sentinel knows the other two and the replica (hello messages every ~2 s), and
 * the replica has finished its first sync: before that a WAIT-acknowledged write
 * (REDIS_WAIT_REPLICAS) cannot succeed and every login would be refused.
 */
async function waitForSentinels(ports: number[], sentinelProcs: ManagedProcess[], replica: LocalRedis) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const dead = sentinelProcs.find((proc) => proc.exited);
    if (dead) throw new Error(`${dead.name} exited during start${tail(dead)}`);
    const replies = await Promise.all(
      ports.map((port) => send(port, `SENTINEL master ${SENTINEL_MASTER}`).catch(() => '')),
    );
    const ready =
      replies.every(
        (reply) => field(reply, 'num-other-sentinels') === 2 && field(reply, 'num-slaves') === 1,
      ) && (await replicaInSync(replica.port));
    if (ready) return;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for three sentinels to discover each other and the replica${tail(sentinelProcs[0]!)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The primary's port as the sentinel on port `sentinel` names it; undefined when it does not answer. */
async function primaryNamedBy(sentinel: number): Promise<number | undefined> {
  try {
    const reply = await send(sentinel, `SENTINEL get-master-addr-by-name ${SENTINEL_MASTER}`);
    const match = /\$\d+\r\n([^\r]+)\r\n\$\d+\r\n(\d+)\r\n/.exec(reply);
    return match ? Number(match[2]) : undefined;
  } catch {
    return undefined;
  }
}

/** Failover events the sentinels logged (+switch-master, +promoted-slave, …), oldest first. */
function failoverEvents(sentinelProcs: ManagedProcess[]): string[] {
  return sentinelProcs.flatMap((proc) =>
    proc
      .output()
      .split('\n')
      .filter((line) =>
        /[+-](switch-master|promoted-slave|failover-end|sdown|odown|convert-to-slave|slave )/.test(line),
      )
      .map((line) => `${proc.name}: ${line.trim()}`),
  );
}

/** Waits until every sentinel names the same new primary in place of `port`; its port. */
async function waitForSentinelPromotion(ports: number[], port: number, timeoutMs: number): Promise<number> {
  let promoted: number | undefined;
  await waitFor(
    async () => {
      const named = await Promise.all(ports.map((sentinel) => primaryNamedBy(sentinel)));
      const agreed = named.every((p) => p !== undefined && p !== port && p === named[0]);
      promoted = agreed ? named[0] : undefined;
      return promoted !== undefined;
    },
    { timeoutMs, what: `the sentinels to promote a replica in place of port ${port}` },
  );
  return promoted!;
}

/** True once a replica has finished its initial synchronisation with its primary. */
export async function replicaInSync(port: number): Promise<boolean> {
  const info = await send(port, 'INFO replication').catch(() => '');
  return /master_link_status:up/.test(info) && /master_sync_in_progress:0/.test(info);
}

/**
 * Starts a stopped (empty, non-persistent) instance again as a replica of `primaryPort`, not
 * eligible for promotion until it holds the data: `noPromotion` are the start arguments that
 * forbid it (Sentinel: `--replica-priority 0`; Cluster: `--cluster-replica-no-failover yes`) and
 * `allowPromotion` the CONFIG SET that lifts it once the first sync is done. Measured why: on this
 * loaded machine a sentinel once judged the freshly promoted primary down a second later and
 * promoted the restarted replica mid-sync — empty — losing every session of the run.
 */
export async function rejoinAsReplica(
  instance: LocalRedis,
  primaryPort: number,
  options: { noPromotion: string[]; allowPromotion: string; timeoutMs: number },
): Promise<void> {
  await instance.start(['--replicaof', '127.0.0.1', String(primaryPort), ...options.noPromotion]);
  await waitFor(() => replicaInSync(instance.port), {
    timeoutMs: options.timeoutMs,
    what: `the restarted redis-server on port ${instance.port} to finish its first sync`,
  });
  const reply = await send(instance.port, options.allowPromotion);
  if (!reply.startsWith('+OK')) throw new Error(`${options.allowPromotion} answered ${reply.trim()}`);
}
