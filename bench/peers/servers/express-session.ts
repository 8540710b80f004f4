import { RedisStore } from 'connect-redis';
import express from 'express';
import session from 'express-session';
import { createClient } from 'redis';
import { announce, demoPasswordMatches, peerEnv } from './env.ts';

declare module 'express-session' {
  interface SessionData {
    user?: string;
  }
}

/**
 * Peer: Express + express-session + connect-redis, set up as connect-redis' README shows it
 * (resave: false, saveUninitialized: false; signed `connect.sid` cookie). With those, an unmodified
 * session costs a GET plus the store's touch (EXPIRE) per request; PEER_ONE_COMMAND=1 passes
 * connect-redis' disableTouch, so it costs one GET like authscale's.
 */
const env = peerEnv({ redis: true, secret: true });
const client = createClient({ url: env.redisUrl });
await client.connect();
const app = express();
app.disable('x-powered-by');
app.use(express.json());
app.use(
  session({
    store: new RedisStore({ client, disableTouch: process.env.PEER_ONE_COMMAND === '1' }),
    secret: env.secret,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: false },
  }),
);

app.post('/auth/login', (request, response, next) => {
  const { username, password } = (request.body ?? {}) as { username?: unknown; password?: unknown };
  if (!demoPasswordMatches(username, password)) {
    response.status(401).json({ code: 'ERR_INVALID_CREDENTIALS' });
    return;
  }
  request.session.regenerate((error) => {
    if (error) return next(error);
    request.session.user = username;
    response.json({ user: username });
  });
});

app.get('/api/me', (request, response) => {
  const user = request.session.user;
  if (user === undefined) {
    response.status(401).json({ code: 'ERR_NO_CREDENTIALS' });
    return;
  }
  response.json({ user });
});

app.listen(env.port, '127.0.0.1', () => announce('express-session', env.port));
