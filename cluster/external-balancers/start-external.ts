import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { waitFor } from '../../lib/wait-for.ts';
import { type ManagedProcess, spawnManaged, tail } from '../processes.ts';
import type { Balancer } from '../types.ts';
import { haproxyConfig } from './haproxy-config.ts';
import { type BalancerKind, BalancerUnavailableError, type ExternalBalancerConfig } from './kinds.ts';
import { nginxConfig } from './nginx-config.ts';

type ExternalKind = Exclude<BalancerKind, 'builtin'>;

const INSTALL: Record<ExternalKind, string> = {
  haproxy: 'apt-get install -y haproxy (or brew install haproxy)',
  nginx: 'apt-get install -y nginx-light (or brew install nginx)',
};
const START_TIMEOUT_MS = 20_000;

/** Found once per process: the launcher asks before and while starting each balancer. */
const binaries = new Map<ExternalKind, string | undefined>();

export function binaryPath(kind: ExternalKind): string | undefined {
  if (!binaries.has(kind)) {
    const found = spawnSync('sh', ['-c', `command -v ${kind} || ls /usr/sbin/${kind} 2>/dev/null`], {
      encoding: 'utf8',
    });
    binaries.set(kind, found.stdout.trim().split('\n')[0] || undefined);
  }
  return binaries.get(kind);
}

/** Why `kind` cannot front a cluster with `strategy` here, or undefined when it can. */
export function whyUnavailable(kind: ExternalKind, strategy: string): string | undefined {
  if (!binaryPath(kind)) return `${kind} is not on PATH; install it: ${INSTALL[kind]}`;
  if (kind === 'nginx' && strategy === 'connection') {
    return 'nginx balances per connection only with its stream module, which this nginx does not load';
  }
  return undefined;
}

function writeConfig(kind: ExternalKind, dir: string, config: ExternalBalancerConfig): string[] {
  if (kind === 'haproxy') {
    writeFileSync(join(dir, 'haproxy.cfg'), haproxyConfig(config));
    return ['-db', '-f', join(dir, 'haproxy.cfg')];
  }
  // Workers run as an unprivileged user when nginx starts as root: let them write their temp files.
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(join(dir, 'tmp', sub), { recursive: true });
    chmodSync(join(dir, 'tmp', sub), 0o777);
  }
  writeFileSync(join(dir, 'nginx.conf'), nginxConfig(config));
  return ['-c', join(dir, 'nginx.conf'), '-p', dir, '-g', 'daemon off;'];
}

async function answers(url: string, path: string, passBelow: number): Promise<boolean> {
  try {
    const response = await request(`${url}${path}`, { headersTimeout: 1000, bodyTimeout: 1000 });
    await response.body.dump();
    return response.statusCode >= 200 && response.statusCode < passBelow;
  } catch {
    return false;
  }
}

/**
 * Starts HAProxy or nginx in the foreground on `config.port` with a generated configuration in a
 * private directory, waits until it answers its health path through a node, and returns it as a Balancer
 * (stopping it removes the directory). Throws BalancerUnavailableError when it cannot run here.
 */
export async function startExternalBalancer(
  kind: ExternalKind,
  config: Omit<ExternalBalancerConfig, 'dir'>,
  own: (proc: ManagedProcess) => void,
): Promise<Balancer> {
  const reason = whyUnavailable(kind, config.strategy);
  if (reason) throw new BalancerUnavailableError(reason);
  const dir = mkdtempSync(join(tmpdir(), `authscale-${kind}-`));
  chmodSync(dir, 0o755);
  const full = { ...config, dir };
  const args = writeConfig(kind, dir, full);
  const proc = spawnManaged(kind, binaryPath(kind)!, args, { cwd: dir });
  own(proc);
  const url = `http://127.0.0.1:${config.port}`;
  const close = async () => {
    await proc.stop(1500);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const state = await waitFor(
      async () =>
        proc.exited
          ? 'exited'
          : (await answers(url, config.healthPath ?? '/health', config.healthPassBelow ?? 300)) && 'ready',
      {
        timeoutMs: START_TIMEOUT_MS,
        what: `${kind} on ${url}`,
      },
    );
    if (state === 'exited') throw new Error(`${kind} exited during start${tail(proc)}`);
  } catch (error) {
    await close();
    throw error;
  }
  return { url, process: proc, close };
}
