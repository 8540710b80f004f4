import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cookieFrom, randomSecret, spawnExample, startExample, stopExamples } from './example-process.ts';

const COMMAND = ['sh', 'run.sh'];
const secrets = { FLASK_SECRET_KEY: randomSecret(), DEMO_PASSWORD: randomSecret() };
const tempDirs: string[] = [];

afterEach(stopExamples);
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** What a browser does: GET the form (cookie + hidden token), POST it back, follow nothing. */
async function login(url: string, email = 'alice@example.com', password = secrets.DEMO_PASSWORD) {
  const page = await fetch(`${url}/login`);
  const pageCookie = cookieFrom(page)!;
  const token = /name="csrf_token" value="([^"]+)"/.exec(await page.text())?.[1];
  expect(token).toBeTruthy();
  const response = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: pageCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf_token: token!, email, passwd: password }),
  });
  await response.text(); // read to the end, as a browser does
  return { response, cookie: cookieFrom(response), pageCookie };
}

async function dashboard(url: string, cookie: string): Promise<string> {
  const response = await fetch(`${url}/dashboard`, { headers: { cookie }, redirect: 'manual' });
  return response.status === 200 ? await response.text() : `redirect ${response.headers.get('location')}`;
}

describe('examples/flask-cookie', () => {
  it.each(['FLASK_SECRET_KEY', 'DEMO_PASSWORD'])('refuses to start without %s', async (name) => {
    const run = spawnExample('flask-cookie', COMMAND, { ...secrets, [name]: '' });
    expect(await run.exited).toBe(1);
    expect(run.err().trim().split('\n')).toEqual([expect.stringContaining(`${name} is not set`)]);
  });

  it('form login with the anti-CSRF token, a redirect, the dashboard on another replica', async () => {
    const [a, b] = await Promise.all([
      startExample('flask-cookie', COMMAND, secrets),
      startExample('flask-cookie', COMMAND, secrets),
    ]);
    expect((await login(a.url, 'alice@example.com', 'wrong')).response.status).toBe(401);
    const { response, cookie } = await login(a.url);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/\/dashboard$/);
    expect(cookie).toMatch(/^session=/);
    expect(await dashboard(a.url, cookie!)).toContain('Signed in as alice@example.com');
    expect(await dashboard(b.url, cookie!)).toContain('Signed in as alice@example.com');
  });

  it('refuses a login form without the token matching the session (400)', async () => {
    const app = await startExample('flask-cookie', COMMAND, secrets);
    const { pageCookie } = await login(app.url);
    const forms: { cookie: string; body: Record<string, string> }[] = [
      { cookie: pageCookie, body: { email: 'alice@example.com', passwd: secrets.DEMO_PASSWORD } },
      {
        cookie: '',
        body: { csrf_token: 'x'.repeat(43), email: 'alice@example.com', passwd: secrets.DEMO_PASSWORD },
      },
    ];
    for (const form of forms) {
      const response = await fetch(`${app.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form.body),
      });
      expect(response.status).toBe(400);
    }
  });

  it('after logout the browser is signed out, but a copy of the cookie still works', async () => {
    const app = await startExample('flask-cookie', COMMAND, secrets);
    const { cookie } = await login(app.url);
    const logout = await fetch(`${app.url}/logout`, { headers: { cookie: cookie! }, redirect: 'manual' });
    expect(logout.status).toBe(303);
    const cleared = logout.headers.getSetCookie()[0] ?? '';
    expect(cleared).toMatch(/^session=;.*Expires=Thu, 01 Jan 1970/i);
    expect(await dashboard(app.url, '')).toBe('redirect /login');
    expect(await dashboard(app.url, cookie!)).toContain('Signed in as alice@example.com');
  });

  it('run.sh skips a python3 on PATH without Flask and uses /usr/bin/python3', async (context) => {
    if (spawnSync('/usr/bin/python3', ['-c', 'import flask']).status !== 0) context.skip();
    const dir = mkdtempSync(join(tmpdir(), 'authscale-python-'));
    tempDirs.push(dir);
    writeFileSync(join(dir, 'python3'), '#!/bin/sh\nexit 1\n');
    chmodSync(join(dir, 'python3'), 0o755);
    const app = await startExample('flask-cookie', COMMAND, {
      ...secrets,
      PATH: `${dir}:${process.env.PATH ?? ''}`,
    });
    const { response } = await login(app.url);
    expect(response.status).toBe(303);
  });
});
