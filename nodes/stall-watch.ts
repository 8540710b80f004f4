import type { Redis } from 'ioredis';

/** How often the watch looks at the client's reply queue. */
export const STALL_CHECK_INTERVAL_MS = 100;

/**
 * The node's command timeout, without a timer per command. ioredis' own `commandTimeout` arms and
 * clears a timer for every command (a few µs of CPU per request on the hot path). Every
 * STALL_CHECK_INTERVAL_MS the watch walks the client's reply queue, notes when it first saw each
 * waiting command, and rejects those waiting `timeoutMs` or more with ioredis' own "Command timed
 * out" error (the connection stays; late replies settle nothing, exactly as after ioredis'
 * timeout), then tells `onStall`. A stalled command fails between `timeoutMs` and `timeoutMs` +
 * one interval after it was sent, unless its reply is already waiting to be read.
 * Returns the function that stops the watch.
 */
export function watchForStalls(redis: Redis, timeoutMs: number, onStall: (error: Error) => void): () => void {
  // When the watch first saw each waiting command: each one gets its own timeout, as with ioredis'
  // per-command timer (a command queued behind a stalled one waits its full timeout too).
  const seen = new WeakMap<object, number>();
  const rejected = new WeakSet<object>();
  let judging = false;
  const overdue = (now: number) => {
    const queue = redis.commandQueue;
    const late: { command: { reject(error: Error): void } }[] = [];
    for (let i = 0; i < queue.length; i++) {
      const entry = queue.peekAt(i);
      if (!entry || rejected.has(entry)) continue;
      const first = seen.get(entry);
      if (first === undefined) seen.set(entry, now);
      else if (now - first >= timeoutMs) late.push(entry);
    }
    return late;
  };
  const timer = setInterval(() => {
    if (judging || overdue(performance.now()).length === 0) return;
    // Judged after the poll phase: when the process itself was starved (a busy machine, a long
    // synchronous task), timers run before the sockets are read, so a reply that arrived in time
    // would otherwise lose to the timeout. setImmediate runs after this turn's poll phase has read
    // every ready socket: a command still waiting then is stalled.
    judging = true;
    setImmediate(() => {
      judging = false;
      const late = overdue(performance.now());
      if (late.length === 0) return;
      const error = new Error('Command timed out');
      for (const entry of late) {
        rejected.add(entry); // its late reply, if any, settles nothing
        entry.command.reject(error);
      }
      onStall(error);
    });
  }, STALL_CHECK_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
