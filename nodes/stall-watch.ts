import type { Redis } from 'ioredis';

/** How often the watch looks at the head of the client's reply queue. */
export const STALL_CHECK_INTERVAL_MS = 100;

/**
 * The node's command timeout, without a timer per command. ioredis' own `commandTimeout` arms and
 * clears a timer for every command (a few µs of CPU per request on the hot path); Redis answers
 * one connection's commands in order, so a stall is visible at the head of the client's reply queue
 * alone. Every STALL_CHECK_INTERVAL_MS the watch looks at that head: when the same command has been
 * waiting `timeoutMs` or more, every command still waiting is rejected at once with ioredis' own
 * "Command timed out" error (the connection stays; late replies settle nothing, exactly as after
 * ioredis' timeout) and `onStall` is told. A stalled command fails between `timeoutMs` and
 * `timeoutMs` + one interval after it was sent, unless its reply is already waiting to be read.
 * Returns the function that stops the watch.
 */
export function watchForStalls(redis: Redis, timeoutMs: number, onStall: (error: Error) => void): () => void {
  let head: unknown;
  let since = 0;
  let judging = false;
  const timer = setInterval(() => {
    const queue = redis.commandQueue;
    const front = queue.length > 0 ? queue.peekFront() : undefined;
    const now = performance.now();
    if (front !== head) {
      head = front;
      since = now;
      return;
    }
    if (front === undefined || now - since < timeoutMs || judging) return;
    // Judged after the poll phase: when the process itself was starved (a busy machine, a long
    // synchronous task), timers run before the sockets are read, so a reply that arrived in time
    // would otherwise lose to the timeout. setImmediate runs after this turn's poll phase has read
    // every ready socket: a head still waiting then is a stalled store.
    judging = true;
    setImmediate(() => {
      judging = false;
      if (queue.length === 0 || queue.peekFront() !== front) return;
      const error = new Error('Command timed out');
      for (let i = 0; i < queue.length; i++) queue.peekAt(i)?.command.reject(error);
      since = performance.now(); // at most once per timeout while the same head stays stuck
      onStall(error);
    });
  }, STALL_CHECK_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
