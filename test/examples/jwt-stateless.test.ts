import { afterEach, describe, expect, it } from 'vitest';
import {
  algNoneToken,
  signHs256,
  stripSignature,
  tamperPayload,
  wrongKeyToken,
} from '../../scenarios/client/forge.ts';
import { jsonPost, randomSecret, spawnExample, startExample, stopExamples } from './example-process.ts';

const COMMAND = ['node', 'server.js'];
const secrets = { JWT_SECRET: randomSecret(), DEMO_PASSWORD: randomSecret() };
const ISSUER = 'jwt-stateless-example';

afterEach(stopExamples);

async function loginToken(url: string): Promise<string> {
  const response = await jsonPost(`${url}/login`, { username: 'alice', password: secrets.DEMO_PASSWORD });
  expect(response.status).toBe(200);
  const body = (await response.json()) as {
    auth: { accessToken: string; tokenType: string; expiresIn: number };
  };
  expect(body.auth).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
  return body.auth.accessToken;
}

const me = (url: string, token: string) =>
  fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } });

/** Signed with the app's real key and claims, `exp` chosen by the test. */
function realKeyToken(expOffsetSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'alice', iss: ISSUER, aud: ISSUER, iat: now - 1000, exp: now + expOffsetSeconds };
  return signHs256(claims, new TextEncoder().encode(secrets.JWT_SECRET), { typ: 'JWT' });
}

describe('examples/jwt-stateless', () => {
  it.each(['JWT_SECRET', 'DEMO_PASSWORD'])('refuses to start without %s', async (name) => {
    const run = spawnExample('jwt-stateless', COMMAND, { ...secrets, [name]: '' });
    expect(await run.exited).toBe(1);
    expect(run.err().trim().split('\n')).toEqual([expect.stringContaining(`${name} is not set`)]);
  });

  it('refuses a JWT_SECRET shorter than 32 characters', async () => {
    const run = spawnExample('jwt-stateless', COMMAND, { ...secrets, JWT_SECRET: 'short' });
    expect(await run.exited).toBe(1);
    expect(run.err()).toMatch(/JWT_SECRET must be at least 32 characters/);
  });

  it('a token from process A works on process B; logout does not revoke the copy', async () => {
    const [a, b] = await Promise.all([
      startExample('jwt-stateless', COMMAND, secrets),
      startExample('jwt-stateless', COMMAND, secrets),
    ]);
    const token = await loginToken(a.url);
    expect(await (await me(b.url, token)).json()).toEqual({ user: 'alice' });
    const logout = await fetch(`${a.url}/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(logout.status).toBe(204);
    expect((await me(a.url, token)).status).toBe(200);
    expect((await me(b.url, token)).status).toBe(200);
  });

  it('rejects forged tokens (alg none, stripped, tampered, wrong key) and an expired real one', async () => {
    const app = await startExample('jwt-stateless', COMMAND, secrets);
    const token = await loginToken(app.url);
    expect((await me(app.url, await realKeyToken(600))).status).toBe(200); // the control: well made
    const forged = [
      algNoneToken('alice'),
      stripSignature(token),
      tamperPayload(token, 'bob'),
      await wrongKeyToken('alice'),
      await realKeyToken(-60),
    ];
    for (const bad of forged) {
      const response = await me(app.url, bad);
      expect(response.status, bad).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect((await me(app.url, token)).status).toBe(200);
  });
});
