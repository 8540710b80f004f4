import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../lib/free-port.ts';
import { type RedisServer, redisServerPath, startRedisServer } from '../../../lib/redis-server.ts';
import { stopChild } from '../../../lib/stop-child.ts';
import { waitFor } from '../../../lib/wait-for.ts';
import type { Report } from '../../../scenarios/core/types.ts';
import { nodeServices, ROOT, readCompose, serviceEnv, withSecretFiles } from '../../helpers/compose.ts';

/**
 * The topology of docker-compose.yml, started on loopback from the compose file's own environment
 * (resolved as `docker compose up` and `AUTH_MODE=jwt docker compose up` would): service hostnames
 * become 127.0.0.1 and free ports, everything else is passed through unchanged. No Docker engine.
 */

const compose = readCompose();
const nodes = nodeServices(compose);
const hasRedis = redisServerPath() !== undefined;
const hasCli = existsSync(join(ROOT, 'scenarios', 'cli.ts'));

interface Started {
  name: string;
  child: ChildProcess;
  /** stdout and stderr interleaved (for error messages). */
  output: () => string;
  stdout: () => string;
}

function start(name: string, entry: string, env: Record<string, string>, args: string[] = []): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    // Only what the container would get, plus what Node needs to run at all.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
    output = (output + chunk).slice(-20_000);
  });
  child.stderr?.on('data', (chunk) => {
    output = (output + chunk).slice(-20_000);
  });
  return { name, child, output: () => output, stdout: () => stdout };
}

async function stop(proc: Started): Promise<void> {
  await stopChild(proc.child);
}

async function waitHealthy(proc: Started, url: string): Promise<void> {
  await waitFor(
    async () => {
      if (proc.child.exitCode !== null) {
        throw new Error(`${proc.name} exited (${proc.child.exitCode}): ${proc.output()}`);
      }
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      return res.ok;
    },
    { timeoutMs: 30_000, intervalMs: 100, what: `${proc.name} at ${url}` },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- ${proc.name} output ---\n${proc.output()}`);
  });
}

interface Topology {
  balancerUrl: () => string;
  localEnv: (service: string) => Record<string, string>;
  procs: Started[];
  redisUrl: () => string;
}

/** Starts redis, node1..3 and the balancer from the compose environment resolved with `vars`. */
function useTopology(vars: Record<string, string>): Topology {
  let redis: RedisServer | undefined;
  const procs: Started[] = [];
  /** `service:port` as written in the compose file → loopback port here. */
  const ports = new Map<string, number>();
  let balancerUrl = '';
  // The secrets volume: files with random values, shared by every service of this topology.
  const secretsDir = mkdtempSync(join(tmpdir(), 'authscale-compose-secrets-'));

  /** Rewrites `//service:port` in a value to the loopback address standing in for that service. */
  const mapHosts = (value: string) =>
    value.replace(/\/\/([a-z0-9][a-z0-9-]*):(\d+)/g, (match, host: string, port: string) => {
      const local = ports.get(`${host}:${port}`);
      return local === undefined ? match : `//127.0.0.1:${local}`;
    });
  const localEnv = (service: string) => {
    const env = withSecretFiles(serviceEnv(compose.services[service]!, vars), secretsDir);
    const mapped = Object.fromEntries(Object.entries(env).map(([key, value]) => [key, mapHosts(value)]));
    const own = ports.get(`${service}:${env.PORT}`);
    if (own !== undefined) Object.assign(mapped, { HOST: '127.0.0.1', PORT: String(own) });
    return mapped;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    ports.set('redis:6379', redis.port);
    for (const name of [...nodes, 'balancer']) {
      ports.set(`${name}:${serviceEnv(compose.services[name]!).PORT}`, await freePort());
    }
    for (const name of nodes) {
      procs.push(start(name, 'nodes/main.ts', localEnv(name)));
    }
    await Promise.all(
      nodes.map((name, i) => waitHealthy(procs[i]!, `http://127.0.0.1:${localEnv(name).PORT}/health`)),
    );
    const balancer = start('balancer', 'balancer/main.ts', localEnv('balancer'));
    procs.push(balancer);
    balancerUrl = `http://127.0.0.1:${localEnv('balancer').PORT}`;
    await waitHealthy(balancer, `${balancerUrl}/__lb/stats`);
    // Ready when every target has passed a health check.
    await waitFor(
      async () => {
        const stats = (await (await fetch(`${balancerUrl}/__lb/stats`)).json()) as {
          targets: { up: boolean }[];
        };
        return stats.targets.length === nodes.length && stats.targets.every((t) => t.up);
      },
      { timeoutMs: 15_000, what: 'balancer sees every node up' },
    );
  });

  afterAll(async () => {
    await Promise.all(procs.map(stop));
    await redis?.stop(true);
    rmSync(secretsDir, { recursive: true, force: true });
  });

  return { balancerUrl: () => balancerUrl, localEnv, procs, redisUrl: () => redis!.url };
}

/** `scenarios/cli.ts ARGS --target <balancer> --json` with the scenarios service's environment. */
async function runCli(
  topology: Topology,
  args: string[],
): Promise<{ code: number | null; output: string; report?: Report }> {
  const env = topology.localEnv('scenarios');
  const out = mkdtempSync(join(tmpdir(), 'authscale-compose-report-'));
  try {
    const cli = start('scenarios', 'scenarios/cli.ts', { ...env, NO_COLOR: '1', CI: '1' }, [
      ...args,
      '--target',
      topology.balancerUrl(),
      '--out',
      out,
      '--json',
    ]);
    topology.procs.push(cli);
    const code = await new Promise<number | null>((resolve) => cli.child.once('exit', resolve));
    const written = existsSync(join(out, 'report.html'));
    const report = code === 0 ? (JSON.parse(cli.stdout()) as Report) : undefined;
    return { code, output: `${cli.output()}\nreport.html written: ${written}`, ...(report && { report }) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function reloginOf(report: Report | undefined) {
  const found = report?.results.map((run) => run.scenarios.relogin).find((r) => r && !('skipped' in r));
  return found && !('skipped' in found) ? found : undefined;
}

async function loginAs(url: string, username: string): Promise<Response> {
  return fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `${username}-pw` }),
  });
}

describe.skipIf(!hasRedis)('docker-compose.yml topology, started locally (AUTH_MODE=jwt)', () => {
  const topo = useTopology({ AUTH_MODE: 'jwt' });
  const { localEnv, procs } = topo;

  it('maps every compose hostname it uses to a local stand-in', () => {
    expect(localEnv('balancer').TARGETS).not.toMatch(/node\d/);
    expect(localEnv('node1').REDIS_URL).toBe(topo.redisUrl());
    expect(localEnv('scenarios').REDIS_URL).toBe(topo.redisUrl());
    expect(localEnv('node1').AUTH_MODE).toBe('jwt');
  });

  it('logs in and serves /api/me through the balancer from every node', async () => {
    const login = await loginAs(topo.balancerUrl(), 'alice');
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    expect(accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const servedBy = new Set<string>();
    for (let i = 0; i < nodes.length * 2; i++) {
      const me = await fetch(`${topo.balancerUrl()}/api/me`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { user: string }).user).toBe('alice');
      servedBy.add(me.headers.get('x-node-id') ?? '');
    }
    // The compose defaults give each node its NODE_ID and round-robin spreads requests over all.
    expect([...servedBy].sort()).toEqual(['node-1', 'node-2', 'node-3']);
  });

  it('enables the admin fault-injection route with the generated ADMIN_TOKEN, and only with it', async () => {
    const res = await fetch(`http://127.0.0.1:${localEnv('node1').PORT}/__admin/crash`, {
      method: 'POST',
      headers: { 'x-admin-token': 'wrong-token-wrong-token' },
    });
    expect(res.status).toBe(403);
    expect(procs[0]!.child.exitCode).toBeNull();
  });

  it.skipIf(!hasCli)('runs the relogin scenario through --target: nobody is sent back to login', async () => {
    const { code, output, report } = await runCli(topo, ['scenario', 'relogin']);
    expect(code, output).toBe(0);
    expect(report?.config.target).toBe(topo.balancerUrl());
    const relogin = reloginOf(report);
    expect(relogin, output).toBeDefined();
    expect(relogin!.requests).toBeGreaterThan(0);
    // jwt: every node verifies every token.
    expect(relogin!.failures).toBe(0);
    expect(relogin!.expectedRate).toBe(0);
  });

  it('survives a node crashed through the admin route (what compose then restarts)', async () => {
    const node3 = procs[2]!;
    const exited = new Promise<number | null>((resolve) => node3.child.once('exit', resolve));
    const res = await fetch(`http://127.0.0.1:${localEnv('node3').PORT}/__admin/crash`, {
      method: 'POST',
      headers: { 'x-admin-token': readFileSync(localEnv('node3').ADMIN_TOKEN_FILE!, 'utf8') },
    });
    expect(res.status).toBe(202);
    expect(await exited).not.toBe(0); // non-zero: `restart: unless-stopped` brings it back
    const login = await loginAs(topo.balancerUrl(), 'bob');
    const { accessToken } = (await login.json()) as { accessToken: string };
    // Once the balancer has ejected node3, every request succeeds on the other two.
    await waitFor(
      async () => {
        for (let i = 0; i < 4; i++) {
          const me = await fetch(`${topo.balancerUrl()}/api/me`, {
            headers: { authorization: `Bearer ${accessToken}` },
          });
          if (me.status !== 200) return false;
        }
        return true;
      },
      { timeoutMs: 10_000, intervalMs: 200, what: 'requests succeed without node3' },
    );
  });
});

describe.skipIf(!hasRedis)(
  'docker-compose.yml topology, started locally (defaults: memory, round-robin)',
  () => {
    const topo = useTopology({});

    it('resolves to the defaults a plain `docker compose up` gets', () => {
      expect(topo.localEnv('node1').AUTH_MODE).toBe('memory');
      expect(topo.localEnv('balancer').STRATEGY).toBe('round-robin');
    });

    it('serves a session only from the node that created it: the seed note’s scaling problem', async () => {
      const login = await loginAs(topo.balancerUrl(), 'carol');
      expect(login.status).toBe(200);
      const home = login.headers.get('x-node-id');
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const outcomes: { status: number; node: string | null; code?: string }[] = [];
      for (let i = 0; i < nodes.length * 2; i++) {
        const me = await fetch(`${topo.balancerUrl()}/api/me`, { headers: { cookie } });
        const body = (await me.json()) as { code?: string };
        outcomes.push({
          status: me.status,
          node: me.headers.get('x-node-id'),
          ...(body.code && { code: body.code }),
        });
      }
      const ok = outcomes.filter((o) => o.status === 200);
      const failed = outcomes.filter((o) => o.status !== 200);
      expect(ok.length).toBeGreaterThan(0);
      expect(failed.length).toBeGreaterThan(0);
      for (const o of ok) expect(o.node).toBe(home);
      for (const o of failed) expect(o).toMatchObject({ status: 401, code: 'ERR_SESSION_UNKNOWN' });
    });

    it.skipIf(!hasCli)(
      'runs the relogin scenario through --target: about (N-1)/N requests fail',
      async () => {
        const { code, output, report } = await runCli(topo, ['scenario', 'relogin']);
        expect(code, output).toBe(0);
        const relogin = reloginOf(report);
        expect(relogin, output).toBeDefined();
        expect(relogin!.expectedRate).toBeCloseTo(2 / 3, 2);
        expect(Math.abs(relogin!.failureRate - 2 / 3)).toBeLessThan(0.15);
      },
    );
  },
);
