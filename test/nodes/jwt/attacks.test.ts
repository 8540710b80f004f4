import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveKeyBytes } from '../../../nodes/auth/jwt/keys.ts';
import {
  buildJwtNode,
  buildJwtTestApp,
  login,
  me,
  refresh,
  START_MS,
  TEST_SECRET,
} from '../../helpers/jwt-app.ts';

/**
 * The JWT attack corpus (docs/scenarios-reference.md, `attacks`): every forged, damaged or misused token must get a 401 with a
 * specific code — never a 200, never a 500. Tokens signed "with the real key" are forged with the
 * node's own derived access key, so only the check under test stands between them and a 200; the
 * positive control proves the forging helper itself makes tokens the node accepts.
 */
const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const hmac = (key: Uint8Array | Buffer, input: string) =>
  createHmac('sha256', key).update(input).digest('base64url');

const ACCESS_KEY = deriveKeyBytes(TEST_SECRET).access;
const NOW_S = Math.floor(START_MS / 1000);

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    iss: 'authscale',
    aud: 'authscale-api',
    sub: 'alice',
    iat: NOW_S,
    exp: NOW_S + 900,
    jti: 'forged-jti-1',
  };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete base[name];
    else base[name] = value;
  }
  return base;
}

/** A compact JWS signed by hand with HMAC-SHA256 over whatever header/payload we like. */
function forge(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: Uint8Array | Buffer = ACCESS_KEY,
): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${hmac(key, input)}`;
}

const HS = { alg: 'HS256', typ: 'at+jwt' };

// Once against the strategy alone (cache off) and once against the real node (cache on).
const targets: [string, () => Promise<FastifyInstance>][] = [
  ['strategy app, no cache', async () => (await buildJwtTestApp({ config: { jwtCacheSize: 0 } })).app],
  ['buildNode, cache on', () => buildJwtNode()],
];

describe.each(targets)('JWT attack corpus (%s)', (_target, build) => {
  const t = {} as { app: FastifyInstance };
  let genuine: string;
  let genuineRefresh: string;

  beforeAll(async () => {
    t.app = await build();
    ({ accessToken: genuine, refreshToken: genuineRefresh } = await login(t.app));
  });
  afterAll(async () => {
    await t.app.close();
  });

  async function expect401(token: string, code: string) {
    const response = await me(t.app, token);
    expect(response.json(), token.slice(0, 80)).toEqual({ code, message: expect.any(String) });
    expect(response.statusCode).toBe(401);
  }

  it('positive controls: a genuine token and a hand-forged token with the real key are accepted', async () => {
    expect((await me(t.app, genuine)).json()).toMatchObject({ user: 'alice' });
    const forged = await me(t.app, forge(HS, claims()));
    expect(forged.statusCode).toBe(200);
    expect(forged.json()).toMatchObject({ user: 'alice' });
  });

  it.each(['none', 'None', 'nOnE', 'NONE'])('alg %s (unsigned) → ERR_TOKEN_INVALID', async (alg) => {
    const unsigned = `${b64({ alg, typ: 'at+jwt' })}.${b64(claims())}`;
    await expect401(`${unsigned}.`, 'ERR_TOKEN_INVALID');
    await expect401(unsigned, 'ERR_TOKEN_INVALID');
    // alg none with a made-up signature still is not an allowed algorithm.
    await expect401(`${unsigned}.${hmac(ACCESS_KEY, unsigned)}`, 'ERR_TOKEN_INVALID');
  });

  it('signature stripped (h.p. and h.p) → ERR_TOKEN_INVALID', async () => {
    const [header, payload] = genuine.split('.');
    await expect401(`${header}.${payload}.`, 'ERR_TOKEN_INVALID');
    await expect401(`${header}.${payload}`, 'ERR_TOKEN_INVALID');
  });

  it('truncated signature → ERR_TOKEN_INVALID', async () => {
    await expect401(genuine.slice(0, -5), 'ERR_TOKEN_INVALID');
    await expect401(genuine.slice(0, -1), 'ERR_TOKEN_INVALID');
  });

  it('tampered payload with the original signature → ERR_TOKEN_INVALID', async () => {
    const [header, payload, signature] = genuine.split('.') as [string, string, string];
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = b64({ ...decoded, sub: 'bob' });
    await expect401(`${header}.${tampered}.${signature}`, 'ERR_TOKEN_INVALID');
  });

  it('wrong secret and empty secret → ERR_TOKEN_INVALID', async () => {
    await expect401(forge(HS, claims(), randomBytes(32)), 'ERR_TOKEN_INVALID');
    await expect401(forge(HS, claims(), Buffer.from(TEST_SECRET)), 'ERR_TOKEN_INVALID'); // raw, not derived
    await expect401(forge(HS, claims(), Buffer.alloc(0)), 'ERR_TOKEN_INVALID');
    await expect401(
      forge(HS, claims(), deriveKeyBytes('another-secret-of-32-bytes-or-more!!').access),
      'ERR_TOKEN_INVALID',
    );
  });

  it('expired → ERR_TOKEN_EXPIRED (exp passed, and iat older than the max age)', async () => {
    await expect401(forge(HS, claims({ iat: NOW_S - 1000, exp: NOW_S - 100 })), 'ERR_TOKEN_EXPIRED');
    // A long exp does not help: the max token age (= access TTL) is enforced from iat.
    await expect401(forge(HS, claims({ iat: NOW_S - 3600, exp: NOW_S + 3600 })), 'ERR_TOKEN_EXPIRED');
  });

  it.each([
    ['missing exp', claims({ exp: undefined })],
    ['missing iat', claims({ iat: undefined })],
    ['missing jti', claims({ jti: undefined })],
    ['missing sub', claims({ sub: undefined })],
    ['missing iss', claims({ iss: undefined })],
    ['missing aud', claims({ aud: undefined })],
    ['nbf in the future', claims({ nbf: NOW_S + 3600 })],
    ['iat in the future', claims({ iat: NOW_S + 3600, exp: NOW_S + 4000 })],
    ['wrong iss', claims({ iss: 'evil' })],
    ['wrong aud', claims({ aud: 'authscale-refresh' })],
    ['exp not a number', claims({ exp: 'tomorrow' })],
    ['sub not a string', claims({ sub: 42 })],
    ['empty sub', claims({ sub: '' })],
  ])('%s → ERR_TOKEN_INVALID', async (_name, payload) => {
    await expect401(forge(HS, payload), 'ERR_TOKEN_INVALID');
  });

  it.each([
    ['alg switched to RS256 (HMAC with the secret: key confusion)', { alg: 'RS256', typ: 'at+jwt' }],
    ['alg HS512', { alg: 'HS512', typ: 'at+jwt' }],
    ['missing typ', { alg: 'HS256' }],
    ['typ JWT', { alg: 'HS256', typ: 'JWT' }],
    ['typ of a refresh token', { alg: 'HS256', typ: 'rt+jwt' }],
    ['unknown crit header', { alg: 'HS256', typ: 'at+jwt', crit: ['x-unknown'], 'x-unknown': true }],
    ['crit with b64:false', { alg: 'HS256', typ: 'at+jwt', crit: ['b64'], b64: false }],
  ])('%s → ERR_TOKEN_INVALID', async (_name, header) => {
    await expect401(forge(header, claims()), 'ERR_TOKEN_INVALID');
  });

  it('alg RS256 with the raw secret as HMAC key → ERR_TOKEN_INVALID', async () => {
    await expect401(
      forge({ alg: 'RS256', typ: 'at+jwt' }, claims(), Buffer.from(TEST_SECRET)),
      'ERR_TOKEN_INVALID',
    );
  });

  it('embedded jwk header (attacker key) → ERR_TOKEN_INVALID', async () => {
    const attackerKey = randomBytes(32);
    const octJwk = { kty: 'oct', k: attackerKey.toString('base64url') };
    await expect401(forge({ ...HS, jwk: octJwk }, claims(), attackerKey), 'ERR_TOKEN_INVALID');

    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const rsaSigned = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', jwk: await exportJWK(publicKey) })
      .sign(privateKey);
    await expect401(rsaSigned, 'ERR_TOKEN_INVALID');
    // RS256 "signed" by HMAC with the attacker's public key bytes (the classic confusion).
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    await expect401(forge({ alg: 'RS256', typ: 'at+jwt' }, claims(), Buffer.from(pem)), 'ERR_TOKEN_INVALID');
  });

  it('oversized token (validly signed) → ERR_TOKEN_INVALID before parsing', async () => {
    const big = forge(HS, claims({ pad: 'x'.repeat(5000) }));
    expect(big.length).toBeGreaterThan(4096);
    await expect401(big, 'ERR_TOKEN_INVALID');
    const huge = 'a'.repeat(12_000);
    await expect401(huge, 'ERR_TOKEN_INVALID');
  });

  it.each([
    'garbage',
    'a.b.c',
    '..',
    '...',
    'a.b.c.d.e',
    `${b64('not json')}.${b64('also not json')}.${b64('sig')}`,
    `${b64([1, 2])}.${b64(claims())}.${b64('sig')}`,
    `${b64('null')}.${b64('null')}.AAAA`,
    '€uro.ünïcode.tøken',
    'eyJ.eyJ.eyJ',
    `${b64(HS)}.${b64(claims())}.!!!`,
    '%00%00',
  ])('garbage %s → ERR_TOKEN_INVALID', async (garbage) => {
    await expect401(garbage, 'ERR_TOKEN_INVALID');
  });

  it('header-level mistakes: no header → ERR_NO_CREDENTIALS, malformed scheme → ERR_TOKEN_INVALID', async () => {
    const none = await me(t.app, undefined);
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('ERR_NO_CREDENTIALS');
    for (const header of [
      'Bearer',
      'Bearer ',
      `Basic ${genuine}`,
      genuine,
      `Bearer  ${genuine}`,
      `Token ${genuine}`,
    ]) {
      const response = await me(t.app, undefined, header);
      expect(response.json().code, header.slice(0, 20)).toBe('ERR_TOKEN_INVALID');
      expect(response.statusCode).toBe(401);
    }
    // The scheme is case-insensitive (RFC 7235): this one is accepted.
    expect((await me(t.app, undefined, `bearer ${genuine}`)).statusCode).toBe(200);
  });

  it('refresh token used as access token → ERR_TOKEN_INVALID', async () => {
    await expect401(genuineRefresh, 'ERR_TOKEN_INVALID');
  });

  it('access token used as refresh token (rt cookie) → ERR_TOKEN_INVALID', async () => {
    const response = await refresh(t.app, genuine);
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('ERR_TOKEN_INVALID');
  });

  it('garbage and forged refresh cookies → 401, never 500', async () => {
    const refreshKey = deriveKeyBytes(TEST_SECRET).refresh;
    const rtClaims = { ...claims({ aud: 'authscale-refresh' }), fam: 'f1', exp: NOW_S + 3600 };
    const control = await refresh(t.app, forge({ alg: 'HS256', typ: 'rt+jwt' }, rtClaims, refreshKey));
    expect(control.statusCode).toBe(200); // stateless refresh accepts a correctly signed rt
    for (const cookie of [
      'garbage',
      'x'.repeat(5000),
      forge({ alg: 'HS256', typ: 'rt+jwt' }, rtClaims, ACCESS_KEY), // right typ, access key
      forge({ alg: 'none', typ: 'rt+jwt' }, rtClaims, refreshKey),
      forge({ alg: 'HS256', typ: 'rt+jwt' }, { ...rtClaims, fam: undefined }, refreshKey),
    ]) {
      const response = await refresh(t.app, cookie);
      expect(response.json().code).toBe('ERR_TOKEN_INVALID');
      expect(response.statusCode).toBe(401);
    }
    const missing = await refresh(t.app, undefined);
    expect(missing.json().code).toBe('ERR_NO_CREDENTIALS');
    const expired = forge({ alg: 'HS256', typ: 'rt+jwt' }, { ...rtClaims, exp: NOW_S - 10 }, refreshKey);
    expect((await refresh(t.app, expired)).json().code).toBe('ERR_TOKEN_EXPIRED');
  });
});
