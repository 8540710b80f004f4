import { type ChildProcess, spawn } from 'node:child_process';
import { stopChild } from '../lib/stop-child.ts';

/**
 * Every child process the launcher starts (nodes, balancers, redis-server, sentinels) is tracked
 * here, so nothing is ever left behind: on normal exit they are SIGKILLed synchronously, and on
 * SIGINT/SIGTERM/uncaught errors the handlers below kill them before the parent goes away.
 */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** True once the process has exited (for any reason). */
  readonly exited: boolean;
  /** Resolves when the process has exited. */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines it wrote (stdout and stderr), for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once (a crash); resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT (a hung process rather than a dead one). */
  pause(): void;
  resume(): void;
}

const live = new Set<ChildProcess>();
/** Children started as the leader of their own process group: signals go to the whole group. */
const groups = new WeakSet<ChildProcess>();

/** Sends `signal` to the child, or to its whole process group when it leads one. */
function signalChild(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (groups.has(child) && child.pid !== undefined) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // already gone
  }
}
/** Pids of recently spawned children, newest last (tests check a failed launch left none alive). */
export const spawnedPids: number[] = [];
const OUTPUT_LIMIT = 8 * 1024;

function killAllSync(): void {
  for (const child of live) {
    signalChild(child, 'SIGCONT');
    signalChild(child, 'SIGKILL');
  }
  live.clear();
}

let handlersInstalled = false;
let signalHandler: ((signal: NodeJS.Signals) => void) | undefined;

function onSignal(signal: NodeJS.Signals): void {
  killAllSync();
  // Only exit ourselves when nobody else listens for the signal (the CLI may add its own handler).
  if (process.listenerCount(signal) <= 1) process.exit(signal === 'SIGINT' ? 130 : 143);
}

function onFatal(error: unknown): void {
  killAllSync();
  process.stderr.write(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}

/**
 * Installed while at least one child lives, removed when none is left, so that a library user
 * (vitest, the CLI) keeps its default signal behaviour the rest of the time.
 */
function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  signalHandler = onSignal;
  process.on('SIGINT', signalHandler);
  process.on('SIGTERM', signalHandler);
  process.on('SIGHUP', signalHandler);
  // Vitest workers handle errors themselves; in the CLI an uncaught error must not orphan children.
  if (!process.env.VITEST) {
    process.on('uncaughtException', onFatal);
    process.on('unhandledRejection', onFatal);
  }
}

function removeHandlers(): void {
  if (!handlersInstalled || live.size > 0) return;
  handlersInstalled = false;
  if (signalHandler) {
    process.off('SIGINT', signalHandler);
    process.off('SIGTERM', signalHandler);
    process.off('SIGHUP', signalHandler);
  }
  process.off('uncaughtException', onFatal);
  process.off('unhandledRejection', onFatal);
}

process.once('exit', killAllSync);

/** Pids of the children still alive (tests check that a failed launch leaves none). */
export function livePids(): number[] {
  return [...live].map((child) => child.pid).filter((pid): pid is number => pid !== undefined);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Start the child as the leader of a new process group and signal the whole group: a user's app
   * started through `sh -c` or `npm start` runs as grandchildren that must stop with it.
   */
  group?: boolean;
  /** A pipe to the child's stdin (a control channel) instead of none. */
  stdin?: boolean;
}

/**
 * The child's stdout and stderr (the last OUTPUT_LIMIT characters), spawn errors included. The
 * pipes are always drained: a full pipe would block the child.
 */
function keepOutput(child: ChildProcess): { text: () => string } {
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('error', (error) => keep(Buffer.from(`spawn error: ${error.message}\n`)));
  return { text: () => output };
}

/** Counts the child among the live ones that the exit and fatal-error handlers stop. */
function track(child: ChildProcess, pid: number): void {
  live.add(child);
  spawnedPids.push(pid);
  if (spawnedPids.length > 1000) spawnedPids.shift();
  installHandlers();
}

/** SIGTERM (to the whole group for a group leader), SIGKILL after `graceMs`. */
async function stopGracefully(child: ChildProcess, exit: Promise<unknown>, graceMs: number): Promise<void> {
  if (!groups.has(child)) return stopChild(child, { graceMs });
  signalChild(child, 'SIGCONT');
  signalChild(child, 'SIGTERM');
  const timer = setTimeout(() => signalChild(child, 'SIGKILL'), graceMs);
  await exit;
  clearTimeout(timer);
  // The leader is gone; anything left in its group (a grandchild that ignored SIGTERM) goes too.
  signalChild(child, 'SIGKILL');
}

export function spawnManaged(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions = {},
): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    detached: options.group === true,
  });
  if (options.group === true) groups.add(child);
  if (child.pid === undefined) {
    throw new Error(`could not start ${name} (${command})`);
  }
  track(child, child.pid);

  const output = keepOutput(child);

  let exited = false;
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      // A group leader gone means the replica is gone: nothing it started may outlive it.
      if (groups.has(child)) signalChild(child, 'SIGKILL');
      exited = true;
      live.delete(child);
      removeHandlers();
      resolve({ code, signal });
    });
  });

  const stop = async (graceMs = 3000) => {
    if (!exited) await stopGracefully(child, exit, graceMs);
  };

  return {
    name,
    pid: child.pid,
    child,
    get exited() {
      return exited;
    },
    exit,
    output: output.text,
    stop,
    kill: async () => {
      if (exited) return;
      signalChild(child, 'SIGCONT');
      signalChild(child, 'SIGKILL');
      await exit;
    },
    pause: () => {
      if (!exited) signalChild(child, 'SIGSTOP');
    },
    resume: () => {
      if (!exited) signalChild(child, 'SIGCONT');
    },
  };
}

/** The last few lines of a process's output, indented, for an error message. */
/**
 * For waitFor's `abort` while `proc` starts: once it has exited, the error naming it with its last
 * output lines (a node's one-line config error, a floor's usage line).
 */
export function exitedDuring(proc: ManagedProcess, during: string): Error | undefined {
  return proc.exited ? new Error(`${proc.name} exited during ${during}${tail(proc)}`) : undefined;
}

export function tail(proc: ManagedProcess, lines = 8): string {
  const text = proc
    .output()
    .trim()
    .split('\n')
    .filter((line) => !line.includes('FSTDEP') && !line.includes('--trace-warnings'))
    .slice(-lines)
    .join('\n  ');
  return text ? `\n  ${text}` : '';
}
