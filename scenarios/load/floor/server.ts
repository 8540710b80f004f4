import Fastify from 'fastify';
import { flushCompileCache } from '../../../lib/flush-compile-cache.ts';

/**
 * The floor: a bare Fastify route, the least any auth mode behind HTTP can cost. FLOOR=redis does
 * one Redis GET of a small value per request (ioredis with its defaults) and answers it; FLOOR=none
 * answers at once. Started by the demo's load phase (start-floor.ts, behind the
 * same balancer as the nodes) and by `npm run bench -- peers`. GET /health answers with x-node-id,
 * as a node does, so our balancer takes it as a target.
 * Env: PORT (required), FLOOR (none | redis), REDIS_URL (for redis), NODE_ID.
 */
const port = Number(process.env.PORT);
const withRedis = process.env.FLOOR === 'redis';
if (!Number.isInteger(port) || port <= 0 || port > 65_535 || (withRedis && !process.env.REDIS_URL)) {
  process.stderr.write('the floor needs PORT (a TCP port) and, with FLOOR=redis, REDIS_URL\n');
  process.exit(2);
}
const nodeId = process.env.NODE_ID ?? 'floor';
const app = Fastify();
// ioredis only when it is used: loading it costs a floor without Redis ~45 ms of CPU at start.
const redis = withRedis ? new (await import('ioredis')).Redis(process.env.REDIS_URL!) : undefined;
const KEY = 'floor:value';

if (redis) {
  await redis.set(KEY, 'alice');
  app.get('/api/me', async () => ({ user: await redis.get(KEY) }));
} else {
  app.get('/api/me', async () => ({ user: 'alice' }));
}
app.get('/health', async (_request, reply) => {
  reply.header('x-node-id', nodeId);
  return { status: 'ok', node: nodeId };
});

await app.listen({ host: '127.0.0.1', port });
process.stdout.write(
  `floor (${withRedis ? 'one Redis GET' : 'no Redis'}) listening on http://127.0.0.1:${port}\n`,
);
flushCompileCache();
