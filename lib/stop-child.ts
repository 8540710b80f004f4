import type { ChildProcess } from 'node:child_process';

/**
 * Stops a child process and resolves once it has exited: SIGCONT (a paused child cannot act on
 * SIGTERM), then `signal`, then SIGKILL if it is still alive after `graceMs`.
 */
export async function stopChild(
  child: ChildProcess,
  { signal = 'SIGTERM', graceMs = 3000 }: { signal?: NodeJS.Signals; graceMs?: number } = {},
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGCONT');
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
