import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseBalancerConfig } from '../../balancer/config.ts';
import { ConfigError } from '../../lib/errors.ts';
import { freePort } from '../../lib/free-port.ts';
import { waitFor } from '../../lib/wait-for.ts';
import { send, startUpstreams } from '../helpers/balancer.ts';

function configError(env: Record<string, string>): ConfigError {
  try {
    parseBalancerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseBalancerConfig', () => {
  it('applies the documented defaults', () => {
    expect(parseBalancerConfig({ TARGETS: 'http://127.0.0.1:3001, http://127.0.0.1:3002/' })).toEqual({
      host: '127.0.0.1',
      port: 8080,
      targets: ['http://127.0.0.1:3001', 'http://127.0.0.1:3002'],
      strategy: 'round-robin',
      healthIntervalMs: 1000,
      proxyTimeoutMs: 30_000,
      trustProxy: [],
      headersTimeoutMs: 10_000,
      bodyTimeoutMs: 10_000,
      maxConnectionsPerClient: 256,
      keepAliveTimeoutMs: 65_000,
      adminPassthrough: false,
      maxEventClients: 64,
    });
    expect(
      parseBalancerConfig({
        TARGETS: 'http://node-1:3001',
        PORT: '9000',
        HOST: '0.0.0.0',
        STRATEGY: 'ip-hash',
        HEALTH_INTERVAL: '250ms',
        PROXY_TIMEOUT: '5s',
        KEEP_ALIVE_TIMEOUT: '2m',
      }),
    ).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      strategy: 'ip-hash',
      healthIntervalMs: 250,
      proxyTimeoutMs: 5000,
      keepAliveTimeoutMs: 120_000,
    });
  });

  it('names the bad variable', () => {
    expect(configError({}).variable).toBe('TARGETS');
    expect(configError({ TARGETS: ' , ' }).variable).toBe('TARGETS');
    expect(configError({ TARGETS: 'not a url' }).variable).toBe('TARGETS');
    expect(configError({ TARGETS: 'https://x:1' }).variable).toBe('TARGETS');
    expect(configError({ TARGETS: 'http://x:1/api' }).variable).toBe('TARGETS');
    expect(configError({ TARGETS: 'http://x:1,http://x:1' }).variable).toBe('TARGETS');
    expect(configError({ TARGETS: 'http://x:1', PORT: '70000' }).variable).toBe('PORT');
    expect(configError({ TARGETS: 'http://x:1', STRATEGY: 'random' }).variable).toBe('STRATEGY');
    expect(configError({ TARGETS: 'http://x:1', HEALTH_INTERVAL: 'soon' }).variable).toBe('HEALTH_INTERVAL');
    expect(configError({ TARGETS: 'http://x:1', HEALTH_INTERVAL: '10ms' }).variable).toBe('HEALTH_INTERVAL');
    expect(configError({ TARGETS: 'http://x:1', PROXY_TIMEOUT: '0' }).variable).toBe('PROXY_TIMEOUT');
    expect(configError({ TARGETS: 'http://x:1', KEEP_ALIVE_TIMEOUT: 'long' }).variable).toBe(
      'KEEP_ALIVE_TIMEOUT',
    );
  });
});

function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'balancer/main.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('balancer/main.ts', () => {
  it('stops with one line naming the variable', async () => {
    const run = runMain({ TARGETS: 'http://127.0.0.1:1', STRATEGY: 'random', PORT: '0' });
    try {
      expect(await run.exited).toBe(1);
      expect(run.err().trim().split('\n')).toEqual([
        'config error: STRATEGY: expected one of round-robin | sticky | ip-hash | connection, got "random"',
      ]);
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('listens, proxies, prints its URL and exits 0 on SIGTERM', async () => {
    const upstreams = await startUpstreams(1);
    const port = await freePort();
    const run = runMain({ TARGETS: upstreams[0]!.url, PORT: String(port), HOST: '127.0.0.1' });
    try {
      await waitFor(() => run.out().includes(`http://127.0.0.1:${port}`), {
        // A cold tsx start on a loaded shared machine (the launcher allows 45 s too).
        timeoutMs: 45_000,
        what: 'listening',
      });
      const reply = await send(`http://127.0.0.1:${port}/`);
      expect(reply.headers['x-node-id']).toBe('node-1');
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    } finally {
      run.child.kill('SIGKILL');
      await upstreams[0]!.kill();
    }
  });
});
