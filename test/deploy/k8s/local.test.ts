import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../lib/free-port.ts';
import { type RedisServer, redisServerPath, startRedisServer } from '../../../lib/redis-server.ts';
import { stopChild } from '../../../lib/stop-child.ts';
import { waitFor } from '../../../lib/wait-for.ts';
import { nodeConfigReadsFile } from '../../helpers/k8s-local.ts';
import { find, renderAll, TEST_SECRETS } from '../../helpers/k8s-manifests.ts';
import { type Container, containerEnv, podOf, replicasOf, secretData } from '../../helpers/k8s-objects.ts';

/**
 * The `redis` overlay's pods started on loopback as real processes, each with the command and the
 * environment its container gets (secrets as files, NODE_ID = pod name); only host names become
 * 127.0.0.1 with free ports. Then the probes are asked what a kubelet would ask. No cluster.
 */

const objects = renderAll().overlays.redis;
const nodeSet = find(objects, 'StatefulSet', 'node')!;
const nodeContainer = podOf(nodeSet).spec.containers[0]!;
const balancerContainer = podOf(find(objects, 'Deployment', 'balancer')!).spec.containers[0]!;
const podNames = Array.from({ length: replicasOf(nodeSet) }, (_, i) => `node-${i}`);

const scratch = mkdtempSync(join(tmpdir(), 'authscale-k8s-local-'));
let redis: RedisServer | undefined;
/** `host:port` as the manifests write it → loopback port here. */
const ports = new Map<string, number>();
const procs: { name: string; child: ChildProcess; output: () => string }[] = [];

function localEnv(container: Container, podName: string, own: string): Record<string, string> {
  const env = containerEnv(container, objects, podName);
  const mapped = Object.fromEntries(
    Object.entries(env).map(([key, value]) => [
      key,
      value.replace(/\/\/([a-z0-9.-]+):(\d+)/g, (all, host: string, port: string) => {
        const local = ports.get(`${host}:${port}`);
        return local === undefined ? all : `//127.0.0.1:${local}`;
      }),
    ]),
  );
  // Secret files: the mounted Secret's keys, written where this test can put them.
  const secret = secretData(find(objects, 'Secret', 'authscale-secrets')!);
  for (const name of Object.keys(mapped).filter((key) => key.endsWith('_FILE'))) {
    const file = join(scratch, `${podName}-${name}`);
    writeFileSync(file, secret[mapped[name]!.split('/').at(-1)!]!);
    mapped[name] = file;
    // Until the node reads *_FILE itself (being added on another branch), hand it the value.
    if (!nodeConfigReadsFile) mapped[name.replace(/_FILE$/, '')] = secret[env[name]!.split('/').at(-1)!]!;
  }
  return { ...mapped, HOST: '127.0.0.1', PORT: String(ports.get(own)) };
}

function start(name: string, command: string[], env: Record<string, string>) {
  const [bin, ...args] = command;
  expect(bin).toBe('node');
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', HOME: scratch, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  procs.push({ name, child, output: () => output });
}

async function get(port: number, path: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2000) });
}

const nodePort = (pod: string) => ports.get(`${pod}.node:3001`)!;
const balancerPort = () => ports.get('balancer:8080')!;

describe.skipIf(redisServerPath() === undefined)('the redis overlay, its pods run as local processes', () => {
  beforeAll(async () => {
    redis = await startRedisServer();
    ports.set('redis:6379', redis.port);
    for (const pod of podNames) ports.set(`${pod}.node:3001`, await freePort());
    ports.set('balancer:8080', await freePort());
    for (const pod of podNames) {
      start(pod, nodeContainer.command!, localEnv(nodeContainer, pod, `${pod}.node:3001`));
    }
    start('balancer', balancerContainer.command!, localEnv(balancerContainer, 'balancer-x', 'balancer:8080'));
    for (const proc of procs) {
      const port = proc.name === 'balancer' ? balancerPort() : nodePort(proc.name);
      await waitFor(
        async () => {
          if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited: ${proc.output()}`);
          return (await get(port, proc.name === 'balancer' ? '/__lb/stats' : '/health')).ok;
        },
        // Three cold starts at once: on a loaded 2-core machine that can take most of a minute.
        { timeoutMs: 100_000, intervalMs: 200, what: `${proc.name} ready` },
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n--- ${proc.name} ---\n${proc.output()}`);
      });
    }
  }, 240_000);

  afterAll(async () => {
    await Promise.all(procs.map((proc) => stopChild(proc.child)));
    await redis?.stop(true);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('answers every probe the kubelet would send, 200', async () => {
    for (const pod of podNames) {
      for (const probe of [
        nodeContainer.readinessProbe,
        nodeContainer.livenessProbe,
        nodeContainer.startupProbe,
      ]) {
        const response = await get(nodePort(pod), probe!.httpGet!.path);
        expect(response.status, `${pod} ${probe!.httpGet!.path}`).toBe(200);
      }
    }
    for (const probe of [balancerContainer.readinessProbe, balancerContainer.livenessProbe]) {
      expect((await get(balancerPort(), probe!.httpGet!.path)).status).toBe(200);
    }
  });

  it('balances over every node pod, each named after its pod, sharing sessions through Redis', async () => {
    await waitFor(
      async () => {
        const stats = (await (await get(balancerPort(), '/__lb/stats')).json()) as {
          targets: { up: boolean }[];
        };
        return stats.targets.length === podNames.length && stats.targets.every((t) => t.up);
      },
      { timeoutMs: 20_000, what: 'every target up' },
    );
    const login = await fetch(`http://127.0.0.1:${balancerPort()}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'alice-pw' }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { mode: string }).mode).toBe('redis');
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const seen = new Set<string>();
    for (let i = 0; i < podNames.length * 2; i++) {
      const me = await fetch(`http://127.0.0.1:${balancerPort()}/api/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      seen.add(me.headers.get('x-node-id')!);
    }
    expect([...seen].sort()).toEqual(podNames);
  });

  it('turns the crash route on with the mounted admin token, straight at a node pod', async () => {
    const wrong = await fetch(`http://127.0.0.1:${nodePort('node-2')}/__admin/crash`, {
      method: 'POST',
      headers: { 'x-admin-token': `${TEST_SECRETS.ADMIN_TOKEN}x` },
    });
    expect(wrong.status).toBe(403);
  });

  it('drains and exits 0 on SIGTERM, as a pod being deleted', async () => {
    const proc = procs.find((p) => p.name === 'node-0')!;
    const exited = new Promise<number | null>((resolve) => proc.child.once('exit', (code) => resolve(code)));
    proc.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
