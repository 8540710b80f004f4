import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { freePort } from './free-port.ts';
import { stopChild } from './stop-child.ts';
import { waitFor } from './wait-for.ts';

/**
 * A private `redis-server` child process on a free loopback port, persistence off. Used by tests
 * (which must never touch the machine's shared Redis) and by the scenario launcher.
 */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops the process (SIGKILL when `hard`); the port stays reserved for `start()`. */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port (empty: no persistence, so stopping loses every key). */
  start(): Promise<void>;
  /** SIGSTOP / SIGCONT: a hung store rather than a dead one. */
  pause(): void;
  resume(): void;
  readonly running: boolean;
}

export function redisServerPath(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = (found.stdout ?? '').trim();
  return found.status === 0 && path ? path : undefined;
}

function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/** Command line of a private, non-persistent redis-server on a loopback port. */
export function redisServerArgs(port: number, extraArgs: string[] = []): string[] {
  return [
    ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    ...['--protected-mode', 'no', '--daemonize', 'no', '--loglevel', 'warning'],
    // A replica otherwise writes the RDB it receives as dump.rdb into the caller's cwd. A file
    // name of its own: a shared tmpdir may hold another run's dump.rdb, which Redis would load.
    ...['--repl-diskless-load', 'on-empty-db', '--dir', tmpdir()],
    ...['--dbfilename', `authscale-${process.pid}-${port}.rdb`],
    ...extraArgs,
  ];
}

const live = new Set<ChildProcess>();
// Last line of defence: never leave a redis-server behind when the parent exits.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startRedisServer(
  options: { port?: number; extraArgs?: string[] } = {},
): Promise<RedisServer> {
  const binary = redisServerPath();
  if (!binary) throw new Error('redis-server not found on PATH (apt-get install -y redis-server)');
  const port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;

  const start = async () => {
    const args = redisServerArgs(port, options.extraArgs);
    const proc = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    live.add(proc);
    let exited = false;
    proc.once('exit', () => {
      exited = true;
      live.delete(proc);
    });
    await waitFor(() => pingOnce(port), {
      timeoutMs: 10_000,
      what: `redis-server on port ${port}`,
      abort: () => (exited ? new Error(`redis-server exited during start on port ${port}`) : undefined),
    });
  };

  const stop = async (hard = false) => {
    const proc = child;
    child = undefined;
    if (proc) await stopChild(proc, { signal: hard ? 'SIGKILL' : 'SIGTERM' });
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
    get running() {
      return child !== undefined;
    },
  };
}
