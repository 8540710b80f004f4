// A stateless JWT API: login answers a signed access token (HS256, jose) in JSON, the client
// sends it as `Authorization: Bearer …`, and every replica verifies it with the shared key — no
// store at all. The price: logout cannot revoke a token; a copy works until its `exp`.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { jwtVerify, SignJWT } from 'jose';

const NAME = 'jwt-stateless';
const USERS = new Set(['alice', 'bob', 'carol']);
const ISSUER = 'jwt-stateless-example';
const MAX_BODY = 4096;

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
if (secret.length < 32) fail('JWT_SECRET must be at least 32 characters (HS256 needs a 256-bit key)');
const key = new TextEncoder().encode(secret);
const passwordDigest = sha256(requiredEnv('DEMO_PASSWORD'));
const ttlSeconds = Number(process.env.ACCESS_TTL_SECONDS ?? 15 * 60);
if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) fail('ACCESS_TTL_SECONDS must be a whole number ≥ 1');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

function sha256(text) {
  return createHash('sha256').update(String(text)).digest();
}

/** Constant-time: compares fixed-length digests, never the raw strings. */
function passwordMatches(candidate) {
  return typeof candidate === 'string' && timingSafeEqual(sha256(candidate), passwordDigest);
}

function send(res, status, body, headers = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text && { 'content-type': 'application/json' }), ...headers });
  res.end(text);
}

/** The JSON body, or a string naming what is wrong with it. */
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
  const accessToken = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(username)
    .setIssuer(ISSUER)
    .setAudience(ISSUER)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
  send(res, 200, { user: username, auth: { accessToken, tokenType: 'Bearer', expiresIn: ttlSeconds } });
}

async function me(req, res) {
  const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]*)$/.exec(req.headers.authorization ?? '')?.[1];
  const challenge = { 'www-authenticate': 'Bearer error="invalid_token"' };
  if (!token) return send(res, 401, { error: 'missing bearer token' }, { 'www-authenticate': 'Bearer' });
  try {
    // Only HS256, only our issuer and audience; jose checks exp and nbf.
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: ISSUER,
    });
    send(res, 200, { user: payload.sub });
  } catch {
    send(res, 401, { error: 'invalid or expired token' }, challenge);
  }
}

const routes = {
  'GET /health': (_req, res) => send(res, 200, { status: 'ok' }),
  'POST /login': login,
  'GET /api/me': me,
  // Nothing to delete on the server: the client forgets its token, copies stay valid until exp.
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
server.listen(port, host, () => process.stdout.write(`${NAME} listening on http://${host}:${port}\n`));

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
