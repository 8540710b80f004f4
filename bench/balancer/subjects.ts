import { fileURLToPath } from 'node:url';
import { startExternalBalancer, whyUnavailable } from '../../cluster/external-balancers/start-external.ts';
import { type ManagedProcess, spawnManaged } from '../../cluster/processes.ts';
import { freePort } from '../../lib/free-port.ts';
import { tsEntryArgs } from '../../lib/ts-entry.ts';
import { extractLegacyBalancer, LEGACY_ROW } from './legacy.ts';
import type { Subject } from './measure.ts';
import { HAPROXY_ROW, NGINX_ROW, OURS_ROW } from './print.ts';

const ROLES = fileURLToPath(new URL('./roles.ts', import.meta.url));
const BALANCER = fileURLToPath(new URL('../../balancer/main.ts', import.meta.url));
const GRACE_MS = 5000;

/** A bench child (upstream or reference forwarder) running roles.ts with BENCH_ROLE. */
export function spawnRole(role: string, env: Record<string, string>): ManagedProcess {
  return spawnManaged(`bench ${role}`, process.execPath, tsEntryArgs(ROLES), {
    env: { ...process.env, BENCH_ROLE: role, ...env },
  });
}

function processSubject(name: string, port: number, proc: ManagedProcess): Subject {
  return {
    name,
    url: `http://127.0.0.1:${port}/bench`,
    pid: proc.pid,
    stop: () => proc.stop(GRACE_MS),
    rounds: [],
  };
}

/**
 * Our balancer (or the legacy one from git history) as a round-robin proxy in front of `targets`;
 * `main` is the Node arguments that run its entry file.
 */
async function balancerSubject(name: string, main: string[], targets: string[], profileDir?: string) {
  const port = await freePort();
  const flags = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const env = { TARGETS: targets.join(','), PORT: String(port), HOST: '127.0.0.1', STRATEGY: 'round-robin' };
  const proc = spawnManaged(name, process.execPath, [...flags, ...main], {
    env: { ...process.env, ...env },
  });
  return processSubject(name, port, proc);
}

async function forwarderSubject(
  name: string,
  role: string,
  targets: string[],
  env: Record<string, string> = {},
) {
  const port = await freePort();
  const proc = spawnRole(role, { BENCH_PORT: String(port), BENCH_TARGETS: targets.join(','), ...env });
  return processSubject(name, port, proc);
}

/**
 * nginx (1 worker) or HAProxy (1 thread), round-robin with upstream keep-alive, from the same
 * configuration generator the launcher uses (cluster/external-balancers); skipped with the reason
 * on stderr when not installed.
 */
async function externalSubject(kind: 'nginx' | 'haproxy', name: string, upstreamPorts: number[]) {
  const reason = whyUnavailable(kind, 'round-robin');
  if (reason) {
    process.stderr.write(`${kind}: row skipped — ${reason}\n`);
    return undefined;
  }
  const port = await freePort();
  const balancer = await startExternalBalancer(
    kind,
    {
      port,
      nodes: upstreamPorts.map((p, i) => ({ id: `bench-${i + 1}`, port: p })),
      strategy: 'round-robin',
      // Checks are not what is measured: one a second is noise-free next to the load.
      healthIntervalMs: 1000,
      threads: 1,
      upstreamKeepalive: 256,
    },
    () => {},
  );
  return { name, url: `${balancer.url}/bench`, pid: balancer.process.pid, stop: balancer.close, rounds: [] };
}

export interface SubjectsOptions {
  targets: string[];
  upstreamPorts: number[];
  /** Row filter: substrings of row names; all rows when empty. */
  rows: string[];
  profileDir?: string;
}

/** Starts every wanted row; each is stopped by its `stop` (the direct row has nothing to stop). */
export async function startSubjects(options: SubjectsOptions, started: Subject[]): Promise<void> {
  const { targets } = options;
  const wanted = (name: string) => options.rows.length === 0 || options.rows.some((r) => name.includes(r));
  const add = async (name: string, start: () => Promise<Subject | undefined>) => {
    if (!wanted(name)) return;
    const subject = await start();
    if (subject) started.push(subject);
  };
  await add('direct (one upstream)', async () => ({
    name: 'direct (one upstream)',
    url: `${targets[0]}/bench`,
    rounds: [],
  }));
  await add(OURS_ROW, () => balancerSubject(OURS_ROW, tsEntryArgs(BALANCER), targets, options.profileDir));
  await add(LEGACY_ROW, async () => {
    const legacy = extractLegacyBalancer();
    // tsx: the old sources may use syntax Node cannot strip by itself (parameter properties).
    return legacy ? balancerSubject(LEGACY_ROW, ['--import', 'tsx', legacy], targets) : undefined;
  });
  await add('minimal undici forwarder (reference)', () =>
    forwarderSubject('minimal undici forwarder (reference)', 'undici-forwarder', targets),
  );
  for (const keepAlive of [false, true]) {
    const name = `bare http-proxy, ${keepAlive ? 'keep-alive agent' : 'no agent'}`;
    await add(name, () =>
      forwarderSubject(name, 'bare-proxy', targets, { BENCH_AGENT: keepAlive ? '1' : '0' }),
    );
  }
  const plain = 'plain node:http forwarder (no http-proxy)';
  await add(plain, () => forwarderSubject(plain, 'plain-forwarder', targets));
  await add(NGINX_ROW, () => externalSubject('nginx', NGINX_ROW, options.upstreamPorts));
  await add(HAPROXY_ROW, () => externalSubject('haproxy', HAPROXY_ROW, options.upstreamPorts));
}
