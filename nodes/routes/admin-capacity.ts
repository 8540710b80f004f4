import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteContext } from './context.ts';

/** One request seeds at most this many logins (the capacity scenario sends several). */
export const MAX_SEED_PER_REQUEST = 200_000;

const seedSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['count'],
    properties: { count: { type: 'integer', minimum: 1, maximum: MAX_SEED_PER_REQUEST } },
  },
} as const;

let forcedGc: (() => void) | undefined;

/**
 * The node was not started with --expose-gc (the launcher runs plain `node bundle.mjs`), so the
 * flag is switched on at run time and `gc` is taken from a fresh context, where V8 installs it.
 */
function collectGarbage(): void {
  if (!forcedGc) {
    setFlagsFromString('--expose-gc');
    forcedGc = runInNewContext('gc') as () => void;
  }
  // Twice: the first pass may only queue finalizers whose memory the second one frees.
  forcedGc();
  forcedGc();
}

/**
 * V8 spaces that hold compiled code and bytecode (code_*, trusted_*): they grow while the JIT warms
 * up, a one-off cost of running, not of holding sessions, so the per-session figure leaves them out.
 */
const CODE_SPACE = /^(code|trusted|shared_trusted)_/;

function dataBytes(spaces: Record<string, number>): number {
  let total = 0;
  for (const [name, used] of Object.entries(spaces)) if (!CODE_SPACE.test(name)) total += used;
  return total;
}

/**
 * Capacity probes for the `capacity` scenario, behind the admin token (a forced GC is expensive,
 * so nobody else may trigger it):
 * - `POST /__admin/heap`: full GC, then the V8 heap in use (bytes): all of it, without code, and by space;
 * - `POST /__admin/seed-sessions {count}`: stores `count` logins through the strategy's own store
 *   API (as login does, without HTTP and scrypt) to reach populations real logins cannot in seconds.
 */
export function capacityRoutes(
  app: FastifyInstance,
  { config, strategy }: RouteContext,
  requireAdmin: (request: FastifyRequest) => Promise<void>,
): void {
  app.post('/__admin/heap', { onRequest: requireAdmin }, async () => {
    collectGarbage();
    const heap = getHeapStatistics();
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size]));
    return {
      node: config.nodeId,
      heapUsedBytes: heap.used_heap_size,
      dataHeapBytes: dataBytes(spaces),
      externalBytes: heap.external_memory,
      spaces,
    };
  });

  app.post<{ Body: { count: number } }>(
    '/__admin/seed-sessions',
    { onRequest: requireAdmin, schema: seedSchema },
    async (request) => {
      const seeded = await strategy.seedLogins(request.body.count);
      return { node: config.nodeId, mode: config.authMode, seeded };
    },
  );
}
