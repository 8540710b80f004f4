// An ordinary Express app with express-session and its default MemoryStore: every process keeps
// its own sessions in its own memory. One process is fine; several behind a round-robin balancer
// are not (a session made by one replica is unknown to the others). Run the audit on it to see that.
import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import session from 'express-session';

const NAME = 'express-memory';
const USERS = new Set(['alice', 'bob', 'carol']);

/** Secrets have no default: a missing one stops the app with one line naming it. */
function requiredEnv(name) {
  const value = process.env[name];
  if (value) return value;
  process.stderr.write(`${NAME}: ${name} is not set (no default on purpose); export it and start again\n`);
  process.exit(1);
}

const secret = requiredEnv('SESSION_SECRET');
const passwordDigest = sha256(requiredEnv('DEMO_PASSWORD'));
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

function sha256(text) {
  return createHash('sha256').update(String(text)).digest();
}

/** Constant-time: compares fixed-length digests, never the raw strings. */
function passwordMatches(candidate) {
  return typeof candidate === 'string' && timingSafeEqual(sha256(candidate), passwordDigest);
}

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '4kb' }));
app.use(
  session({
    name: 'sid',
    secret,
    resave: false,
    saveUninitialized: false,
    // No `store`: express-session's MemoryStore, private to this process.
    cookie: { httpOnly: true, sameSite: 'lax', maxAge: 30 * 60 * 1000 },
  }),
);

app.get('/health', (_req, res) => res.json({ status: 'ok' }));

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

// JSON errors, never Express's HTML page with a stack trace.
app.use((error, _req, res, _next) => {
  const status = error.status >= 400 && error.status < 500 ? error.status : 500;
  res.status(status).json({ error: status === 500 ? 'internal error' : error.message });
});

const server = app.listen(port, host, (error) => {
  if (error) {
    process.stderr.write(`${NAME}: cannot listen on ${host}:${port}: ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${NAME} listening on http://${host}:${port}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
