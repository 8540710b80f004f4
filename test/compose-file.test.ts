import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBalancerConfig } from '../balancer/config.ts';
import { parseNodeConfig } from '../nodes/config.ts';
import {
  commandText,
  dependsOn,
  envNamesRead,
  healthcheckText,
  interpolate,
  nodeServices,
  parseUrls,
  ROOT,
  readCompose,
  readSources,
  serviceEnv,
} from './helpers/compose.ts';

/** docker-compose.yml checked against package.json, the config parsers and the routes in the code. */

const compose = readCompose();
const services = compose.services;
const nodes = nodeServices(compose);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

/** The compose text `${NAME:-fallback}` (built up so it is not mistaken for a template literal). */
const composeDefault = (name: string, fallback: string) => `$\{${name}:-${fallback}}`;

function publishedPorts(name: string): { published: number; target: number }[] {
  return (services[name]!.ports ?? []).map((port) => {
    if (typeof port === 'object') return { published: Number(port.published), target: port.target };
    const parts = interpolate(port).split(':').map(Number);
    return { published: parts.at(-2)!, target: parts.at(-1)! };
  });
}

function healthUrl(name: string): URL {
  const match = /https?:\/\/[^'"\s)]+/.exec(healthcheckText(services[name]!));
  if (!match) throw new Error(`${name}: no http URL in its healthcheck`);
  return new URL(match[0]);
}

describe('docker-compose.yml: topology', () => {
  it('has redis, three app nodes, a balancer and the scenarios runner', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['redis', 'node1', 'node2', 'node3', 'balancer', 'scenarios']),
    );
    expect(nodes).toEqual(['node1', 'node2', 'node3']);
  });

  it('runs only npm scripts that exist in package.json', () => {
    const used = new Set<string>();
    for (const service of Object.values(services)) {
      for (const match of commandText(service).matchAll(/\bnpm run ([\w:-]+)/g)) used.add(match[1]!);
    }
    expect([...used].sort()).toEqual(['balancer', 'demo', 'node']);
    for (const script of used) expect(pkg.scripts, script).toHaveProperty(script);
  });

  it('builds every app service from the one image, whose scripts run with a production dependency', () => {
    for (const name of [...nodes, 'balancer', 'scenarios']) {
      expect(services[name]!.build, name).toBe('.');
      expect(services[name]!.image, name).toBe('authscale:local');
    }
    // `npm ci --omit=dev` in the image keeps only dependencies: the runner must be one of them.
    for (const script of ['node', 'balancer', 'demo']) {
      const runner = pkg.scripts[script]!.split(' ')[0]!;
      expect(pkg.dependencies, `${script} runs ${runner}`).toHaveProperty(runner);
    }
  });

  it('names only existing services in depends_on, and nodes wait for a healthy redis', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dep of dependsOn(service)) expect(Object.keys(services), `${name} → ${dep}`).toContain(dep);
    }
    for (const name of nodes) expect(dependsOn(services[name]!)).toContain('redis');
    expect(dependsOn(services.balancer!).sort()).toEqual([...nodes].sort());
    expect(dependsOn(services.scenarios!)).toContain('balancer');
  });

  it('restarts crashed nodes (the admin crash route relies on it) but never the one-shot runner', () => {
    for (const name of [...nodes, 'redis', 'balancer'])
      expect(services[name]!.restart, name).toBe('unless-stopped');
    expect(services.scenarios!.restart).toBe('no');
  });
});

describe('docker-compose.yml: environment matches the code', () => {
  it('sets on the nodes only variables the node code reads, and they parse', () => {
    const read = envNamesRead(['nodes', 'lib']);
    expect(read.has('AUTH_SECRET')).toBe(true); // the scan itself works
    for (const name of nodes) {
      const env = serviceEnv(services[name]!);
      for (const key of Object.keys(env)) expect(read, `${name}: ${key}`).toContain(key);
      for (const mode of ['memory', 'redis', 'jwt']) {
        const config = parseNodeConfig(serviceEnv(services[name]!, { AUTH_MODE: mode }));
        expect(config.authMode).toBe(mode);
        expect(config.host).toBe('0.0.0.0');
      }
    }
  });

  it('gives the nodes distinct ids and one shared AUTH_MODE and AUTH_SECRET (a labelled demo default)', () => {
    const envs = nodes.map((name) => serviceEnv(services[name]!));
    expect(new Set(envs.map((env) => env.NODE_ID)).size).toBe(nodes.length);
    expect(envs.map((env) => env.NODE_ID)).toEqual(['node-1', 'node-2', 'node-3']);
    for (const key of ['AUTH_MODE', 'AUTH_SECRET', 'REDIS_URL', 'ADMIN_TOKEN']) {
      expect(new Set(envs.map((env) => env[key])).size, key).toBe(1);
    }
    const raw = services.node1!.environment as Record<string, string>;
    expect(raw.AUTH_MODE).toBe(composeDefault('AUTH_MODE', 'memory'));
    expect(raw.AUTH_SECRET).toMatch(/^\$\{AUTH_SECRET:-demo-[^}]*\}$/);
    expect(Buffer.byteLength(envs[0]!.AUTH_SECRET!)).toBeGreaterThanOrEqual(32);
    expect(serviceEnv(services.node1!, { AUTH_SECRET: 'x'.repeat(40) }).AUTH_SECRET).toBe('x'.repeat(40));
  });

  it('sets on the balancer only variables the balancer reads, with STRATEGY overridable', () => {
    const read = envNamesRead(['balancer', 'lib']);
    const env = serviceEnv(services.balancer!);
    for (const key of Object.keys(env)) expect(read, key).toContain(key);
    expect((services.balancer!.environment as Record<string, string>).STRATEGY).toBe(
      composeDefault('STRATEGY', 'round-robin'),
    );
    for (const strategy of ['round-robin', 'sticky', 'ip-hash']) {
      expect(parseBalancerConfig(serviceEnv(services.balancer!, { STRATEGY: strategy })).strategy).toBe(
        strategy,
      );
    }
  });

  it.skipIf(!existsSync(join(ROOT, 'scenarios', 'cli.ts')))(
    'sets on the scenarios runner only variables the CLI or its own command reads',
    () => {
      const read = envNamesRead(['scenarios', 'lib']);
      const command = commandText(services.scenarios!);
      for (const key of Object.keys(serviceEnv(services.scenarios!))) {
        const usedByCommand = command.includes(`\${${key}}`);
        expect(read.has(key) || usedByCommand, key).toBe(true);
      }
    },
  );

  it('lets an empty ADMIN_TOKEN turn the fault-injection route off', () => {
    expect(parseNodeConfig(serviceEnv(services.node1!)).adminToken).toBe('demo-admin-token-change-me');
    const off = serviceEnv(services.node1!, { ADMIN_TOKEN: '' });
    expect(off.ADMIN_TOKEN).toBe('');
    expect(parseNodeConfig(off).adminToken).toBeUndefined();
    expect(serviceEnv(services.scenarios!, { ADMIN_TOKEN: '' }).ADMIN_TOKEN).toBe('');
  });

  it('gives the scenarios runner the admin token the nodes check and the same Redis', () => {
    const runner = serviceEnv(services.scenarios!);
    const node = serviceEnv(services.node1!);
    expect(runner.ADMIN_TOKEN).toBe(node.ADMIN_TOKEN);
    expect(runner.REDIS_URL).toBe(node.REDIS_URL);
    expect(runner.AUTH_MODE).toBe(node.AUTH_MODE);
    expect(serviceEnv(services.scenarios!, { AUTH_MODE: 'jwt' }).AUTH_MODE).toBe('jwt');
  });
});

describe('docker-compose.yml: ports, hosts and routes agree', () => {
  it('points TARGETS at the node services on the port they listen on', () => {
    const targets = parseUrls(serviceEnv(services.balancer!).TARGETS!);
    expect(targets.map((t) => t.host)).toEqual(nodes);
    for (const target of targets) {
      expect(Object.keys(services)).toContain(target.host);
      expect(target.port).toBe(Number(serviceEnv(services[target.host]!).PORT));
    }
  });

  it('health-checks each node on its own PORT at a route the node serves', () => {
    const nodeSource = readSources(['nodes']);
    for (const name of nodes) {
      const url = healthUrl(name);
      expect(url.hostname).toBe('127.0.0.1');
      expect(Number(url.port)).toBe(Number(serviceEnv(services[name]!).PORT));
      const route = new RegExp(
        `(?:get|route|head)\\(\\s*['"]${url.pathname}['"]|url:\\s*['"]${url.pathname}['"]`,
      );
      expect(nodeSource, `route ${url.pathname} in nodes/`).toMatch(route);
    }
  });

  it('publishes the balancer on host port 8080, the port it listens on and is health-checked at', () => {
    const port = Number(serviceEnv(services.balancer!).PORT);
    expect(publishedPorts('balancer')).toEqual([{ published: 8080, target: port }]);
    const url = healthUrl('balancer');
    expect(Number(url.port)).toBe(port);
    expect(readSources(['balancer'])).toContain(`'${url.pathname}'`);
    // Only the balancer is reachable from the host: the nodes are behind it, as in the local cluster.
    for (const name of [...nodes, 'redis']) expect(services[name]!.ports, name).toBeUndefined();
  });

  it('runs the suite against the balancer service with flags the CLI knows, writing to ./reports', () => {
    const command = commandText(services.scenarios!, { AUTH_MODE: 'jwt' });
    const target = /--target (\S+)/.exec(command)?.[1];
    expect(target).toBeDefined();
    const [host] = parseUrls(target!);
    expect(host!.host).toBe('balancer');
    expect(host!.port).toBe(Number(serviceEnv(services.balancer!).PORT));
    const out = /--out (\S+)/.exec(command)?.[1];
    expect(out).toMatch(/^\/app\/reports\//);
    expect(services.scenarios!.volumes).toContain('./reports:/app/reports');
    expect(services.scenarios!.profiles).toEqual(['scenarios']);
    if (existsSync(join(ROOT, 'scenarios', 'cli.ts'))) {
      const cli = readSources(['scenarios']);
      for (const flag of command.matchAll(/--([a-z][\w-]*)/g)) expect(cli, `--${flag[1]}`).toContain(flag[1]);
    }
  });

  it('health-checks redis with redis-cli and keeps no persistence', () => {
    expect(healthcheckText(services.redis!)).toContain('redis-cli ping');
    expect(commandText(services.redis!)).toMatch(/--save\s+--appendonly no/);
  });
});
