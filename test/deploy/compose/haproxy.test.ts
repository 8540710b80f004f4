import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../lib/free-port.ts';
import { stopChild } from '../../../lib/stop-child.ts';
import { waitFor } from '../../../lib/wait-for.ts';
import { ROOT, readCompose } from '../../helpers/compose.ts';

/**
 * docker-compose.haproxy.yml (docs/docker.md): HAProxy replaces the `balancer` service on the same port.
 * Its docker/haproxy.cfg is checked by HAProxy itself for every STRATEGY, then run for real on this
 * machine with the node names pointed at local upstreams. The compose test runs it in Docker.
 */

const base = readCompose();
const override = readCompose('docker-compose.haproxy.yml');
const cfgText = readFileSync(join(ROOT, 'docker', 'haproxy.cfg'), 'utf8');
const haproxyBin =
  spawnSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' }).stdout.trim() || undefined;
const dir = mkdtempSync(join(tmpdir(), 'authscale-haproxy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(strategy: string, file = join(ROOT, 'docker', 'haproxy.cfg')) {
  return spawnSync(haproxyBin!, ['-c', '-f', file], {
    env: { ...process.env, STRATEGY: strategy },
    encoding: 'utf8',
  });
}

describe('docker-compose.haproxy.yml', () => {
  it('replaces only the balancer: same service, same published port, HAProxy image built from docker/', () => {
    expect(Object.keys(override.services)).toEqual(['balancer']);
    const balancer = override.services.balancer! as Record<string, unknown>;
    expect(balancer.image).toBe('authscale-haproxy:local');
    expect(balancer.build).toEqual({ context: './docker', dockerfile: 'haproxy.Dockerfile' });
    expect(balancer.ports).toBeUndefined(); // the base file's 127.0.0.1-only mapping stays
    expect(String((base.services.balancer as { ports: string[] }).ports)).toMatch(
      /^\$\{BALANCER_BIND:-127\.0\.0\.1\}:/,
    );
    // Soft stop (finish what is in flight), HAProxy itself as the process.
    expect(balancer.stop_signal).toBe('SIGUSR1');
    expect(balancer.entrypoint).toEqual(['haproxy', '-db', '-f', '/usr/local/etc/haproxy/haproxy.cfg']);
    const dockerfile = readFileSync(join(ROOT, 'docker', 'haproxy.Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM \$\{HAPROXY_IMAGE\}$/m);
    expect(dockerfile).toMatch(/^COPY haproxy\.cfg \/usr\/local\/etc\/haproxy\/haproxy\.cfg$/m);
  });

  it('lists the base nodes as servers, checked on /health every second (fall 2, rise 2)', () => {
    const servers = [...cfgText.matchAll(/^\s*server (\S+) (\S+):3001 cookie (\S+)$/gm)];
    expect(servers.map((m) => m[2])).toEqual(['node1', 'node2', 'node3']);
    for (const name of ['node1', 'node2', 'node3']) expect(base.services).toHaveProperty(name);
    expect(cfgText).toMatch(/^\s*option httpchk GET \/health$/m);
    expect(cfgText).toMatch(/^\s*default-server check inter 1s fall 2 rise 2 /m);
  });
});

describe.skipIf(haproxyBin === undefined)('docker/haproxy.cfg, by HAProxy itself', () => {
  it('accepts every STRATEGY and refuses any other', () => {
    for (const strategy of ['round-robin', 'sticky', 'ip-hash', 'connection']) {
      const result = check(strategy);
      expect(result.status, `${strategy}: ${result.stderr}`).toBe(0);
    }
    const bad = check('random');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/STRATEGY must be one of round-robin, sticky, ip-hash, connection/);
  });

  const upstreams: Server[] = [];
  let haproxy: ChildProcess | undefined;
  afterEach(async () => {
    if (haproxy) await stopChild(haproxy);
    haproxy = undefined;
    for (const server of upstreams.splice(0)) server.close();
  });

  /** The compose config with node1..3 on local upstreams and the frontend on a free port. */
  async function runLocally(strategy: string): Promise<string> {
    const ports: number[] = [];
    for (const id of ['node-1', 'node-2', 'node-3']) {
      const port = await freePort();
      const server = createServer((_req, res) => {
        res.setHeader('x-node-id', id);
        res.end('{}');
      });
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      upstreams.push(server);
      ports.push(port);
    }
    const front = await freePort();
    const text = cfgText
      .replace(/^\s*bind :8080$/m, `  bind 127.0.0.1:${front}`)
      .replace(/ resolvers docker init-addr last,libc,none$/m, '')
      .replace(/node(\d):3001/g, (_m, n: string) => `127.0.0.1:${ports[Number(n) - 1]}`);
    const file = join(dir, `${strategy}.cfg`);
    writeFileSync(file, text);
    haproxy = spawn(haproxyBin!, ['-db', '-f', file], {
      env: { ...process.env, STRATEGY: strategy },
      stdio: 'ignore',
    });
    const url = `http://127.0.0.1:${front}`;
    await waitFor(async () => (await fetch(`${url}/health`).catch(() => undefined))?.ok === true, {
      timeoutMs: 20_000,
      what: 'HAProxy',
    });
    return url;
  }

  const nodesOf = async (url: string, cookie?: string) => {
    const nodes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${url}/api/me`, { headers: cookie ? { cookie } : {} });
      nodes.push(response.headers.get('x-node-id') ?? '');
    }
    return nodes;
  };

  it('round-robin spreads requests over the three nodes and refuses /__admin in any spelling', async () => {
    const url = await runLocally('round-robin');
    expect(new Set(await nodesOf(url)).size).toBe(3);
    for (const path of ['/__admin/crash', '//__admin//crash', '/%5F_admin/crash', '/%255f_admin/crash']) {
      const response = await fetch(`${url}${path}`, { method: 'POST' });
      expect(response.status, path).toBe(403);
    }
  });

  it('sticky pins a client to one node with its `lb` cookie', async () => {
    const url = await runLocally('sticky');
    const first = await fetch(`${url}/auth/login`, { method: 'POST', body: '{}' });
    const cookie = first.headers.getSetCookie().find((line) => line.startsWith('lb='));
    expect(cookie).toMatch(/^lb=node-\d; path=\/; HttpOnly; SameSite=Lax/);
    const nodes = await nodesOf(url, cookie!.split(';')[0]);
    expect(new Set(nodes)).toEqual(new Set([first.headers.get('x-node-id')]));
  });
});
