import { request } from 'undici';
import { waitFor } from '../lib/wait-for.ts';
import { type Entry, entryCommand, ROOT } from './entrypoints.ts';
import { exitedDuring, type ManagedProcess, spawnManaged } from './processes.ts';

// Start-up takes a second or two on an idle machine, but on a shared 2-core machine with a load
// average of 30-40 (seen while several agents build and test at once) a node needed more than
// 45 s. A process that exits during start-up is reported at once, so a long deadline only
// delays the report of a process that hangs.
const START_TIMEOUT_MS = 120_000;
/** Env names of the node/balancer contract: never inherited from our own environment. */
const CONTRACT_ENV = [
  'NODE_ID',
  'HOST',
  'PORT',
  'AUTH_MODE',
  'AUTH_SECRET',
  'AUTH_SECRET_FILE',
  'ALLOW_DEMO_SECRET',
  'REDIS_URL',
  'REDIS_SENTINELS',
  'REDIS_MASTER_NAME',
  'ACCESS_TOKEN_TTL',
  'REFRESH_TOKEN_TTL',
  'SESSION_IDLE_TTL',
  'SESSION_ABSOLUTE_TTL',
  'COOKIE_SECURE',
  'ADMIN_TOKEN',
  'ADMIN_TOKEN_FILE',
  'TRUST_PROXY',
  'JWT_CACHE_SIZE',
  'SCRYPT_COST',
  'LOGIN_RATE_LIMIT',
  'LOGIN_ADDRESS_RATE_LIMIT',
  'LOGIN_HASH_CONCURRENCY',
  'TARGETS',
  'STRATEGY',
  'HEALTH_INTERVAL',
  'PROXY_TIMEOUT',
  'TRUST_PROXY',
  'HEADERS_TIMEOUT',
  'BODY_TIMEOUT',
  'MAX_CONNECTIONS_PER_CLIENT',
  'ADMIN_PASSTHROUGH',
  'MAX_EVENT_CLIENTS',
];

async function getOk(url: string): Promise<boolean> {
  try {
    const response = await request(url, { headersTimeout: 1000, bodyTimeout: 1000 });
    await response.body.dump();
    return response.statusCode === 200;
  } catch {
    return false;
  }
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONTRACT_ENV) delete env[name];
  return { ...env, ...extra };
}

export interface StartedProcess {
  proc: ManagedProcess;
  port: number;
}

/**
 * Spawns a node or the balancer on `port` and waits for `readyPath`. When `movable`, a port taken
 * in the meantime (free-port races) is retried on a new one (`nextPort`).
 */
export async function startProcess(
  name: string,
  entry: Entry,
  env: Record<string, string>,
  readyPath: string,
  port: number,
  nextPort: (() => Promise<number>) | undefined,
  own: (proc: ManagedProcess) => void,
  host = '127.0.0.1',
): Promise<StartedProcess> {
  for (let attempt = 1; ; attempt++) {
    const command = await entryCommand(entry);
    const proc = spawnManaged(name, command.command, command.args, {
      cwd: ROOT,
      env: childEnv({ ...command.env, ...env, HOST: host, PORT: String(port) }),
    });
    own(proc);
    try {
      const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      await pollUntil(() => getOk(`${origin}${readyPath}`), proc, `${name} on ${origin}`);
      return { proc, port };
    } catch (error) {
      await proc.kill();
      const portTaken = proc.output().includes('EADDRINUSE');
      if (!portTaken || !nextPort || attempt >= 3) throw error;
      port = await nextPort();
    }
  }
}

/**
 * Polls /__lb/stats until every target is up *and* has answered a health probe (its nodeId is
 * known): targets start "up" before any probe, then go down while the nodes boot and need two
 * good probes to come back.
 */
export async function waitAllUp(url: string, proc: ManagedProcess, what: string): Promise<void> {
  await pollUntil(
    async () => {
      const response = await request(`${url}/__lb/stats`, { headersTimeout: 1000, bodyTimeout: 1000 });
      const stats = (await response.body.json()) as { targets?: { up?: boolean; nodeId?: string | null }[] };
      return (
        response.statusCode === 200 &&
        (stats.targets ?? []).every((target) => target.up === true && typeof target.nodeId === 'string')
      );
    },
    proc,
    what,
  );
}

/**
 * Polls `check` every 50 ms until it is true; fails at once when `proc` exits (with its last output
 * lines, e.g. a node's one-line config error) and after START_TIMEOUT_MS otherwise.
 */
async function pollUntil(check: () => Promise<boolean>, proc: ManagedProcess, what: string): Promise<void> {
  await waitFor(check, {
    timeoutMs: START_TIMEOUT_MS,
    intervalMs: 50,
    what,
    abort: () => exitedDuring(proc, 'start'),
  });
}
