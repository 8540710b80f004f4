import { afterEach, describe, expect, it } from 'vitest';
import { algNoneToken, stripSignature, tamperPayload, wrongKeyToken } from '../../scenarios/client/forge.ts';
import { jsonPost, randomSecret, spawnExample, startExample, stopExamples } from './example-process.ts';

const COMMAND = ['node', 'server.js'];
const secrets = { JWT_SECRET: randomSecret(), DEMO_PASSWORD: randomSecret() };

afterEach(stopExamples);

const me = (url: string, token: string) =>
  fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${token}` } });

describe('examples/jwt-vulnerable (deliberately insecure)', () => {
  it.each(['JWT_SECRET', 'DEMO_PASSWORD'])('refuses to start without %s', async (name) => {
    const run = spawnExample('jwt-vulnerable', COMMAND, { ...secrets, [name]: '' });
    expect(await run.exited).toBe(1);
    expect(run.err().trim().split('\n')).toEqual([expect.stringContaining(`${name} is not set`)]);
  });

  it('refuses to listen anywhere but loopback', async () => {
    const run = spawnExample('jwt-vulnerable', COMMAND, { ...secrets, HOST: '0.0.0.0' });
    expect(await run.exited).toBe(1);
    expect(run.err()).toMatch(/refusing HOST=0\.0\.0\.0/);
  });

  it('accepts an alg-none token for any user: the flaw the audit must catch', async () => {
    const app = await startExample('jwt-vulnerable', COMMAND, secrets);
    expect(app.err()).toMatch(/deliberately insecure/);
    const response = await me(app.url, algNoneToken('bob'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: 'bob' });
  });

  it('otherwise works like a JWT API: login, the token works, other forgeries are refused', async () => {
    const app = await startExample('jwt-vulnerable', COMMAND, secrets);
    const login = await jsonPost(`${app.url}/login`, { username: 'alice', password: secrets.DEMO_PASSWORD });
    const token = ((await login.json()) as { auth: { accessToken: string } }).auth.accessToken;
    expect(await (await me(app.url, token)).json()).toEqual({ user: 'alice' });
    for (const bad of [stripSignature(token), tamperPayload(token, 'bob'), await wrongKeyToken('alice')]) {
      expect((await me(app.url, bad)).status, bad).toBe(401);
    }
    expect((await fetch(`${app.url}/logout`, { method: 'POST' })).status).toBe(204);
    expect((await me(app.url, token)).status).toBe(200);
  });
});
