import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { announce, peerEnv } from './env.ts';

/**
 * The floor: a bare Fastify route. FLOOR=redis does one Redis GET of a small value per request
 * (ioredis with its defaults) and answers it; FLOOR=none answers at once. What any session store
 * behind HTTP costs at least, measured on the same machine in the same run.
 */
const withRedis = process.env.FLOOR === 'redis';
const env = peerEnv({ redis: withRedis, secret: false });
const app = Fastify();
const redis = withRedis ? new Redis(env.redisUrl) : undefined;
const KEY = 'floor:value';

if (redis) {
  await redis.set(KEY, JSON.stringify({ user: 'alice' }));
  app.get('/api/me', async () => ({ user: await redis.get(KEY) }));
} else {
  app.get('/api/me', async () => ({ user: 'alice' }));
}

await app.listen({ host: '127.0.0.1', port: env.port });
announce(`floor (${withRedis ? 'redis GET' : 'no redis'})`, env.port);
