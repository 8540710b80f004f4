// ⚠ DELIBERATELY INSECURE — a target for `authscale audit`, never a model to copy.
//
// The same API as ../jwt-stateless, but the JWT check is written by hand and trusts the token's
// own header to say how it should be checked: a token whose header says `"alg": "none"` is
// accepted without any signature (CVE-2015-9235 and many since; RFC 8725 §2.1, §3.1). Anyone can
// then log in as anyone. The audit's `alg-none` forgery must be reported as accepted.
// The fix is ../jwt-stateless: a library that verifies with an allow-list of algorithms.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const NAME = 'jwt-vulnerable';
const USERS = new Set(['alice', 'bob', 'carol']);
const TTL_SECONDS = 15 * 60;
const MAX_BODY = 4096;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Secrets have no default: a missing one stops the app with one line naming it. */
function requiredEnv(name) {
  const value = process.env[name];
  if (value) return value;
  fail(`${name} is not set (no default on purpose); export it and start again`);
}

function fail(message) {
  process.stderr.write(`${NAME}: ${message}\n`);
  process.exit(1);
}

const secret = requiredEnv('JWT_SECRET');
const passwordDigest = sha256(requiredEnv('DEMO_PASSWORD'));
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
// An app that accepts forged tokens must never be reachable from another machine.
if (!LOOPBACK.has(host))
  fail(`refusing HOST=${host}: this deliberately insecure app listens on loopback only`);

function sha256(text) {
  return createHash('sha256').update(String(text)).digest();
}

function passwordMatches(candidate) {
  return typeof candidate === 'string' && timingSafeEqual(sha256(candidate), passwordDigest);
}

const base64url = (value) => Buffer.from(value).toString('base64url');
const hmac = (data) => createHmac('sha256', secret).update(data).digest();

function sign(claims) {
  const head = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  return `${head}.${hmac(head).toString('base64url')}`;
}

/** Hand-rolled verification. INSECURE ON PURPOSE: see the comment at the top of the file. */
function verify(token) {
  const [head, body, signature = ''] = token.split('.');
  const header = JSON.parse(Buffer.from(head, 'base64url').toString());
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
  // THE BUG: the token chooses its own algorithm, and "none" means "do not check".
  if (String(header.alg).toLowerCase() !== 'none') {
    if (header.alg !== 'HS256') throw new Error('unsupported alg');
    const given = Buffer.from(signature, 'base64url');
    const expected = hmac(`${head}.${body}`);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new Error('bad signature');
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) throw new Error('expired');
  return claims;
}

function send(res, status, body, headers = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text && { 'content-type': 'application/json' }), ...headers });
  res.end(text);
}

async function readJson(req) {
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return 'expected application/json';
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > MAX_BODY) return 'body too large';
  }
  try {
    return { value: JSON.parse(text) };
  } catch {
    return 'malformed JSON body';
  }
}

async function login(req, res) {
  const body = await readJson(req);
  if (typeof body === 'string') return send(res, 400, { error: body });
  const { username, password } = body.value ?? {};
  if (!USERS.has(username) || !passwordMatches(password)) {
    return send(res, 401, { error: 'invalid username or password' });
  }
  const now = Math.floor(Date.now() / 1000);
  const accessToken = sign({ sub: username, jti: randomUUID(), iat: now, exp: now + TTL_SECONDS });
  send(res, 200, { user: username, auth: { accessToken, tokenType: 'Bearer', expiresIn: TTL_SECONDS } });
}

function me(req, res) {
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!token) return send(res, 401, { error: 'missing bearer token' }, { 'www-authenticate': 'Bearer' });
  try {
    send(res, 200, { user: verify(token).sub });
  } catch {
    send(
      res,
      401,
      { error: 'invalid or expired token' },
      { 'www-authenticate': 'Bearer error="invalid_token"' },
    );
  }
}

const routes = {
  'GET /health': (_req, res) => send(res, 200, { status: 'ok' }),
  'POST /login': login,
  'GET /api/me': me,
  'POST /logout': (_req, res) => send(res, 204),
};

const server = createServer((req, res) => {
  const route = routes[`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`];
  if (!route) return send(res, 404, { error: 'not found' });
  Promise.resolve(route(req, res)).catch(() => {
    if (!res.headersSent) send(res, 500, { error: 'internal error' });
  });
});
server.on('error', (error) => fail(`cannot listen on ${host}:${port}: ${error.message}`));
server.listen(port, host, () => {
  process.stderr.write(`${NAME}: WARNING: deliberately insecure (accepts "alg": "none" tokens); demo only\n`);
  process.stdout.write(`${NAME} listening on http://${host}:${port}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
