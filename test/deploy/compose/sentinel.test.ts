import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../lib/free-port.ts';
import { type RedisServer, redisServerPath, startRedisServer } from '../../../lib/redis-server.ts';
import { waitFor } from '../../../lib/wait-for.ts';
import { parseNodeConfig } from '../../../nodes/config.ts';
import { createRedisClient } from '../../../nodes/redis-client.ts';
import {
  commandText,
  envNamesRead,
  healthcheckText,
  nodeServices,
  readCompose,
  serviceEnv,
  withSecretFiles,
} from '../../helpers/compose.ts';

/**
 * docker-compose.sentinel.yml: checked against the base file and the node config, and its generated
 * sentinel.conf run for real (redis-server --sentinel) with the hostnames mapped to loopback.
 */

const base = readCompose();
const override = readCompose('docker-compose.sentinel.yml');
const merged = new Set([...Object.keys(base.services), ...Object.keys(override.services)]);
const sentinels = Object.keys(override.services).filter((name) =>
  /--sentinel\b/.test(commandText(override.services[name]!)),
);

/** The sentinel.conf the sentinel services write from their heredoc before starting. */
function sentinelConf(): string {
  const command = commandText(override.services[sentinels[0]!]!);
  const match = /<<CONF\n([\s\S]*?)\nCONF/.exec(command);
  if (!match) throw new Error('no <<CONF heredoc in the sentinel command');
  return match[1]!;
}

const secretsDir = mkdtempSync(join(tmpdir(), 'authscale-sentinel-secrets-'));
afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));

/** The node environment as Compose merges it: base service env, then the override's keys. */
function nodeEnv(name: string, vars: Record<string, string> = {}): Record<string, string> {
  return { ...serviceEnv(base.services[name]!, vars), ...serviceEnv(override.services[name]!, vars) };
}

/** depends_on of `name` as Compose merges the two files (maps merge key by key). */
function mergedDeps(name: string): Record<string, { condition?: string }> {
  const deps = (service?: { depends_on?: unknown }) =>
    (service?.depends_on ?? {}) as Record<string, { condition?: string }>;
  return { ...deps(base.services[name]), ...deps(override.services[name]) };
}

describe('docker-compose.sentinel.yml against the base file and the code', () => {
  const monitor = /^sentinel monitor (\S+) (\S+) (\d+) (\d+)$/m.exec(sentinelConf());

  it('adds a replica of the primary and three sentinels that monitor it', () => {
    expect(sentinels).toHaveLength(3);
    expect(monitor).not.toBeNull();
    const [, , host, port, quorum] = monitor!;
    expect(merged).toContain(host);
    expect(Number(port)).toBe(6379);
    expect(Number(quorum)).toBeGreaterThan(sentinels.length / 2);
    expect(commandText(override.services['redis-replica']!)).toContain(`--replicaof ${host} ${port}`);
    // A primary restarted empty before the failover would wipe its replica: no auto-restart here.
    expect(override.services.redis!.restart).toBe('no');
  });

  it('has every Redis server announce its service name, so a failover hands out a name (defect 5)', () => {
    expect(sentinelConf()).toMatch(/^sentinel resolve-hostnames yes$/m);
    expect(sentinelConf()).toMatch(/^sentinel announce-hostnames yes$/m);
    for (const name of ['redis', 'redis-replica']) {
      expect(commandText(override.services[name]!), name).toContain(`--replica-announce-ip ${name}`);
    }
  });

  it('points every node at those sentinels and that master name, with variables the node reads', () => {
    const read = envNamesRead(['nodes', 'lib']);
    for (const name of nodeServices(base)) {
      const env = nodeEnv(name, { AUTH_MODE: 'redis' });
      for (const key of Object.keys(env)) expect(read, `${name}: ${key}`).toContain(key);
      const config = parseNodeConfig(withSecretFiles(env, secretsDir));
      expect(config.redisUrl).toBeUndefined();
      expect(config.redisMasterName).toBe(monitor![1]);
      expect(config.redisSentinels?.map((s) => s.host).sort()).toEqual([...sentinels].sort());
      for (const s of config.redisSentinels!) expect(s.port).toBe(26379);
    }
    expect(sentinelConf()).toMatch(/^port 26379$/m);
  });

  it('starts nodes and sentinels only once the replica is healthy: never without a failover target (defect 5)', () => {
    for (const name of [...nodeServices(base), ...sentinels]) {
      expect(mergedDeps(name)['redis-replica']?.condition, name).toBe('service_healthy');
    }
    for (const name of nodeServices(base)) {
      expect(mergedDeps(name).secrets?.condition, name).toBe('service_completed_successfully');
    }
    // Healthy means in sync with the primary (or promoted), not merely answering PING.
    expect(healthcheckText(override.services['redis-replica']!)).toMatch(/master_link_status:up/);
    expect(healthcheckText(override.services['redis-replica']!)).toMatch(/role:master/);
  });

  it('only overrides services that exist, and depends only on services that exist', () => {
    for (const [name, service] of Object.entries(override.services)) {
      const deps = Array.isArray(service.depends_on)
        ? service.depends_on
        : Object.keys(service.depends_on ?? {});
      for (const dep of deps) expect(merged, `${name} → ${dep}`).toContain(dep);
    }
  });
});

describe.skipIf(redisServerPath() === undefined)('the generated sentinel.conf, run for real', () => {
  const dir = mkdtempSync(join(tmpdir(), 'authscale-sentinel-'));
  const children: ChildProcess[] = [];
  const servers: RedisServer[] = [];
  const clients: Redis[] = [];

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.stop(true)));
    rmSync(dir, { recursive: true, force: true });
  });

  it('elects the replica when the primary dies, and a node client follows it', async () => {
    const primary = await startRedisServer();
    servers.push(primary);
    const replica = await startRedisServer({ extraArgs: ['--replicaof', '127.0.0.1', String(primary.port)] });
    servers.push(replica);
    const name = /^sentinel monitor (\S+)/m.exec(sentinelConf())![1]!;
    const ports: number[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      ports.push(port);
      // The compose file's config, with the service hostname and ports mapped to loopback.
      const conf = sentinelConf()
        .replace(/^port 26379$/m, `port ${port}\nbind 127.0.0.1\nprotected-mode no`)
        .replace(/^(sentinel monitor \S+) redis 6379/m, `$1 127.0.0.1 ${primary.port}`);
      const file = join(dir, `sentinel-${i}.conf`);
      writeFileSync(file, `${conf}\n`);
      children.push(spawn(redisServerPath()!, [file, '--sentinel'], { stdio: 'ignore' }));
    }
    const sentinel = new Redis({
      port: ports[0]!,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 1,
    });
    clients.push(sentinel);
    const masterPort = async () => {
      const addr = (await sentinel.call('SENTINEL', 'get-master-addr-by-name', name)) as
        | [string, string]
        | null;
      return addr ? Number(addr[1]) : undefined;
    };
    // All three sentinels know each other and the replica before we break anything.
    await waitFor(
      async () => {
        const info = (await sentinel.call('SENTINEL', 'master', name)) as string[];
        const field = (key: string) => Number(info[info.indexOf(key) + 1]);
        return field('num-other-sentinels') === 2 && field('num-slaves') === 1;
      },
      { timeoutMs: 20_000, intervalMs: 200, what: 'sentinels discover each other and the replica' },
    );
    expect(await masterPort()).toBe(primary.port);

    const node = createRedisClient({
      redisSentinels: ports.map((port) => ({ host: '127.0.0.1', port })),
      redisMasterName: name,
    });
    clients.push(node);
    node.on('error', () => {});
    await waitFor(() => node.status === 'ready', { timeoutMs: 10_000, what: 'node client ready' });
    expect(await node.set('probe', '1')).toBe('OK'); // the client found the primary via the sentinels
    // Replication is asynchronous: write on our own connection and WAIT until the replica has it
    // before killing the primary (the node client's command timeout is far shorter than WAIT's).
    const direct = new Redis({ port: primary.port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
    clients.push(direct);
    await direct.set('before', '1');
    expect(await direct.call('WAIT', '1', '5000')).toBe(1);
    direct.disconnect();

    await primary.stop(true);
    await waitFor(async () => (await masterPort()) === replica.port, {
      timeoutMs: 30_000,
      intervalMs: 250,
      what: 'failover to the replica',
    });
    // The node's client asks the sentinels again and writes to the promoted replica.
    await waitFor(async () => (await node.set('after', '1').catch(() => undefined)) === 'OK', {
      timeoutMs: 20_000,
      intervalMs: 250,
      what: 'node client writes after failover',
    });
    expect(await node.get('before')).toBe('1'); // replicated before the primary died
  });
});
