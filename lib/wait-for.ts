export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Named in the timeout's message. */
  what?: string;
  /**
   * Checked before each poll: an error ends the wait at once with it (a process that exited while
   * it was awaited). An error thrown by `check` is only remembered and retried until the deadline.
   */
  abort?: () => Error | undefined;
}

/** Polls `check` until it returns a truthy value or the deadline passes. No fixed sleeps. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 10_000, intervalMs = 25, what = 'condition', abort }: WaitForOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const aborted = abort?.();
    if (aborted) throw aborted;
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
