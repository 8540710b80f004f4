import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import { RedisStore } from 'connect-redis';
import Fastify from 'fastify';
import { createClient } from 'redis';
import { announce, demoPasswordMatches, peerEnv } from './env.ts';

declare module 'fastify' {
  interface Session {
    user?: string;
  }
}

/**
 * Peer: Fastify + @fastify/session + connect-redis (node-redis, the client connect-redis documents),
 * with the plugin's defaults (signed `sessionId` cookie, rolling: true, saveUninitialized: true).
 * PEER_ONE_COMMAND=1 sets rolling: false, so an unmodified session costs one GET like authscale's.
 */
const env = peerEnv({ redis: true, secret: true });
const client = createClient({ url: env.redisUrl });
await client.connect();
const app = Fastify();
await app.register(fastifyCookie);
await app.register(fastifySession, {
  secret: env.secret,
  store: new RedisStore({ client }),
  cookie: { secure: false, httpOnly: true, sameSite: 'lax' },
  ...(process.env.PEER_ONE_COMMAND === '1' && { rolling: false, saveUninitialized: false }),
});

app.post('/auth/login', async (request, reply) => {
  const body = request.body as { username?: unknown; password?: unknown } | undefined;
  if (!demoPasswordMatches(body?.username, body?.password))
    return reply.code(401).send({ code: 'ERR_INVALID_CREDENTIALS' });
  await request.session.regenerate();
  request.session.user = body.username;
  return { user: body.username };
});

app.get('/api/me', async (request, reply) => {
  const user = request.session.user;
  if (user === undefined) return reply.code(401).send({ code: 'ERR_NO_CREDENTIALS' });
  return { user };
});

await app.listen({ host: '127.0.0.1', port: env.port });
announce('fastify-session', env.port);
