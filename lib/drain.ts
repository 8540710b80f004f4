import type { Server } from 'node:http';

/**
 * Resolves once `server` has no open connections left. Call with (or after) close(): new
 * connections are refused by then, so the count only goes down.
 * - Fastify's `close()` (and `server.close()` callers that do not wait for the callback) resolve
 *   while requests that were in flight are still being answered; exiting right then cuts them off.
 * - `close()` ends only the connections idle at that moment. A keep-alive connection whose request
 *   was in flight becomes idle once answered, and would then stay open until its keep-alive timeout
 *   (72 s under Fastify, whose close() waits for it): each poll ends the ones that went idle since.
 */
export async function drained(server: Server, pollMs = 25): Promise<void> {
  for (;;) {
    server.closeIdleConnections();
    const open = await new Promise<number>((resolve) =>
      server.getConnections((error, count) => resolve(error ? 0 : count)),
    );
    if (open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
