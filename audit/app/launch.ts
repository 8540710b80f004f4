import { createConnection } from 'node:net';
import { resolve } from 'node:path';
import { request } from 'undici';
import { type ManagedProcess, spawnManaged, tail } from '../../cluster/processes.ts';
import { freePort } from '../../lib/free-port.ts';
import type { Replica } from '../context.ts';
import { AuditError } from '../errors.ts';
import type { LoadedProfile } from '../profile/load-profile.ts';
import { groupPids } from './tree-cpu.ts';

export interface StartedReplica extends Replica {
  proc: ManagedProcess;
}

export interface LaunchOptions {
  replicas: number;
  /** How long a replica may take to get ready. */
  readyTimeoutMs: number;
}

/** Ready when GET `path` answers with a status below 500, or (no path) when the port accepts a connection. */
async function isReady(port: number, path: string | undefined): Promise<boolean> {
  if (path === undefined) {
    return new Promise((done) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
      socket.setTimeout(1000, () => {
        socket.destroy();
        done(false);
      });
    });
  }
  try {
    const answer = await request(`http://127.0.0.1:${port}${path}`, {
      headersTimeout: 2000,
      bodyTimeout: 2000,
    });
    await answer.body.dump();
    return answer.statusCode < 500;
  } catch {
    return false;
  }
}

function spawnReplica(loaded: LoadedProfile, name: string, port: number): ManagedProcess {
  const app = loaded.profile.app;
  const cwd = resolve(loaded.baseDir, app.cwd ?? '.');
  const env = { ...process.env, ...app.env, [app.portEnv ?? 'PORT']: String(port) };
  const command = app.command!;
  const [file, ...args] = typeof command === 'string' ? ['sh', '-c', command] : command;
  return spawnManaged(name, file!, args, { cwd, env, group: true });
}

async function waitReady(
  proc: ManagedProcess,
  port: number,
  path: string | undefined,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exited) {
      const { code, signal } = await proc.exit;
      throw new AuditError('app-exited', {
        key: 'audit.error.exited',
        params: { replica: proc.name, how: signal ?? `code ${code}`, output: tail(proc) || ' (none)' },
      });
    }
    if (await isReady(port, path)) return;
    if (Date.now() > deadline) {
      const params = {
        replica: proc.name,
        seconds: Math.round(timeoutMs / 1000),
        path: path ?? '',
        port,
        output: tail(proc) || ' (none)',
      };
      const key = path ? 'audit.error.not-ready-http' : 'audit.error.not-ready-tcp';
      throw new AuditError('app-not-ready', { key, params });
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * Starts N replicas of the user's app, each as its own process group on a free port, and waits
 * until all are ready. On any failure every replica started so far is stopped before the error
 * is thrown, so nothing is ever left running.
 */
export async function launchReplicas(
  loaded: LoadedProfile,
  options: LaunchOptions,
): Promise<StartedReplica[]> {
  const started: StartedReplica[] = [];
  try {
    for (let i = 1; i <= options.replicas; i++) {
      const port = await freePort();
      const name = `replica-${i}`;
      const proc = spawnReplica(loaded, name, port);
      started.push({ name, url: `http://127.0.0.1:${port}`, address: `127.0.0.1:${port}`, proc });
    }
    await Promise.all(
      started.map((replica) =>
        waitReady(
          replica.proc,
          Number(new URL(replica.url).port),
          loaded.profile.app.ready,
          options.readyTimeoutMs,
        ),
      ),
    );
    return started;
  } catch (error) {
    await stopReplicas(started);
    throw error;
  }
}

/**
 * Stops every replica's whole process group (SIGTERM, SIGKILL after 3 s) and waits until no
 * process of the group is left, grandchildren of `sh -c` included.
 */
export async function stopReplicas(replicas: readonly StartedReplica[]): Promise<void> {
  await Promise.all(
    replicas.map(async (replica) => {
      await replica.proc.stop(3000);
      const deadline = Date.now() + 3000;
      while ((await groupPids(replica.proc.pid)).length > 0 && Date.now() < deadline) {
        try {
          process.kill(-replica.proc.pid, 'SIGKILL');
        } catch {
          // the group emptied meanwhile
        }
        await new Promise((done) => setTimeout(done, 50));
      }
    }),
  );
}

/** Replicas the user already runs (`app.targets`): addressed, never started or stopped. */
export function givenReplicas(targets: readonly string[]): Replica[] {
  return targets.map((target, i) => {
    const url = new URL(target);
    const port = url.port || '80';
    return { name: `replica-${i + 1}`, url: url.origin, address: `${url.hostname}:${port}` };
  });
}
