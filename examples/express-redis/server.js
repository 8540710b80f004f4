// The express-memory app with one change: sessions live in Redis (connect-redis), shared by every
// replica. Any replica can serve any user, and logout deletes the session for all of them.
import { createHash, timingSafeEqual } from 'node:crypto';
import { RedisStore } from 'connect-redis';
import express from 'express';
import session from 'express-session';
import { createClient } from 'redis';

const NAME = 'express-redis';
const USERS = new Set(['alice', 'bob', 'carol']);

/** Secrets and the store address have no default: a missing one stops the app with one line. */
function requiredEnv(name) {
  const value = process.env[name];
  if (value) return value;
  process.stderr.write(`${NAME}: ${name} is not set (no default on purpose); export it and start again\n`);
  process.exit(1);
}

const secret = requiredEnv('SESSION_SECRET');
const passwordDigest = sha256(requiredEnv('DEMO_PASSWORD'));
const redisUrl = requiredEnv('REDIS_URL');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

function sha256(text) {
  return createHash('sha256').update(String(text)).digest();
}

/** Constant-time: compares fixed-length digests, never the raw strings. */
function passwordMatches(candidate) {
  return typeof candidate === 'string' && timingSafeEqual(sha256(candidate), passwordDigest);
}

// No offline queue: while Redis is down a command fails at once (→ 503) instead of waiting.
const redis = createClient({
  url: redisUrl,
  disableOfflineQueue: true,
  socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
});
let lastRedisError = '';
redis.on('error', (error) => {
  // One line per distinct problem, not one per reconnect attempt.
  if (error.message === lastRedisError) return;
  lastRedisError = error.message;
  process.stderr.write(`${NAME}: redis: ${error.message}\n`);
});
redis.on('ready', () => {
  lastRedisError = '';
});

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '4kb' }));
app.use(
  session({
    name: 'sid',
    secret,
    resave: false,
    saveUninitialized: false,
    store: new RedisStore({ client: redis, prefix: 'example-sess:' }),
    cookie: { httpOnly: true, sameSite: 'lax', maxAge: 30 * 60 * 1000 },
  }),
);

app.get('/health', (_req, res) => {
  if (!redis.isReady) return res.status(503).json({ status: 'session store unavailable' });
  res.json({ status: 'ok' });
});

app.post('/login', (req, res, next) => {
  const { username, password } = req.body ?? {};
  if (!USERS.has(username) || !passwordMatches(password)) {
    return res.status(401).json({ error: 'invalid username or password' });
  }
  // A new session id at login: an id planted before login is worthless afterwards.
  req.session.regenerate((error) => {
    if (error) return next(error);
    req.session.user = username;
    res.json({ user: username });
  });
});

app.get('/api/me', (req, res) => {
  if (!req.session.user) return res.status(401).json({ error: 'not logged in' });
  res.json({ user: req.session.user });
});

app.post('/logout', (req, res, next) => {
  req.session.destroy((error) => {
    if (error) return next(error);
    res.clearCookie('sid').status(204).end();
  });
});

// JSON errors, never Express's HTML page with a stack trace; a store failure is a 503.
app.use((error, _req, res, _next) => {
  if (error.status >= 400 && error.status < 500)
    return res.status(error.status).json({ error: error.message });
  res.status(503).json({ error: 'session store unavailable' });
});

const server = app.listen(port, host, (error) => {
  if (error) {
    process.stderr.write(`${NAME}: cannot listen on ${host}:${port}: ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${NAME} listening on http://${host}:${port}\n`);
});
// Not awaited: the app answers 503 until Redis is reachable, and reconnects on its own.
redis.connect().catch(() => {});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    redis.destroy();
  });
}
