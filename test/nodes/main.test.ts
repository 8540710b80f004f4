import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../lib/free-port.ts';
import { waitFor } from '../../lib/wait-for.ts';
import { TEST_SECRET } from '../helpers/node.ts';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'nodes/main.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('nodes/main.ts as a process', () => {
  it('a bad variable → exit 1 with one stderr line naming it, no stack trace', async () => {
    const run = startMain({ AUTH_SECRET: TEST_SECRET, AUTH_MODE: 'sessions' });
    expect(await run.exited).toBe(1);
    const lines = run.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('AUTH_MODE');
    expect(run.err()).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('a missing AUTH_SECRET → exit 1 naming AUTH_SECRET', async () => {
    const run = startMain({});
    expect(await run.exited).toBe(1);
    expect(run.err().trim().split('\n')).toEqual([expect.stringContaining('AUTH_SECRET')]);
  });

  it('a public secret → exit 1 naming the variable; ALLOW_DEMO_SECRET=1 starts with a loud warning', async () => {
    const publicSecret = 'x'.repeat(40); // obviously weak: one character
    const refused = startMain({ AUTH_SECRET: publicSecret });
    expect(await refused.exited).toBe(1);
    expect(refused.err().trim().split('\n')).toEqual([expect.stringMatching(/AUTH_SECRET: refused/)]);

    const port = await freePort();
    const demo = startMain({ AUTH_SECRET: publicSecret, ALLOW_DEMO_SECRET: '1', PORT: String(port) });
    await waitFor(() => demo.out().includes('listening on'), { timeoutMs: 30_000, what: 'node start' });
    expect(demo.err()).toMatch(/WARNING: AUTH_SECRET is not secret/);
    demo.child.kill('SIGTERM');
    expect(await demo.exited).toBe(0);
  });

  it('starts, serves /health over HTTP, exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const run = startMain({ AUTH_SECRET: TEST_SECRET, PORT: String(port), NODE_ID: 'node-proc' });
    await waitFor(() => run.out().includes('listening on'), { timeoutMs: 30_000, what: 'node start' });
    expect(run.out()).toContain(`http://127.0.0.1:${port}`);
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-node-id')).toBe('node-proc');
    expect(await response.json()).toMatchObject({ status: 'ok', node: 'node-proc' });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('POST /__admin/crash with ADMIN_TOKEN answers 202, then the process exits 1', async () => {
    const port = await freePort();
    const token = 'crash-token-0123456789';
    const run = startMain({ AUTH_SECRET: TEST_SECRET, PORT: String(port), ADMIN_TOKEN: token });
    await waitFor(() => run.out().includes('listening on'), { timeoutMs: 30_000, what: 'node start' });
    const denied = await fetch(`http://127.0.0.1:${port}/__admin/crash`, { method: 'POST' });
    expect(denied.status).toBe(403);
    const response = await fetch(`http://127.0.0.1:${port}/__admin/crash`, {
      method: 'POST',
      headers: { 'x-admin-token': token },
    });
    expect(response.status).toBe(202);
    expect(await run.exited).toBe(1);
  });
});
