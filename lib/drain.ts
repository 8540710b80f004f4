import type { Server } from 'node:http';

/**
 * Resolves once `server` has no open connections left. Fastify's `close()` (and `server.close()`
 * callers that do not wait for the callback) resolve while requests that were in flight are still
 * being answered; exiting the process right then cuts them off. Call after close(): new connections
 * are refused by then, so the count only goes down.
 */
export async function drained(server: Server, pollMs = 25): Promise<void> {
  for (;;) {
    const open = await new Promise<number>((resolve) =>
      server.getConnections((error, count) => resolve(error ? 0 : count)),
    );
    if (open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
