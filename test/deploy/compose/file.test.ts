import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBalancerConfig } from '../../../balancer/config.ts';
import { parseNodeConfig } from '../../../nodes/config.ts';
import {
  commandText,
  dependsOn,
  envNamesRead,
  execArgv,
  healthcheckText,
  interpolate,
  nodeServices,
  parseUrls,
  ROOT,
  readCompose,
  readSources,
  serviceEnv,
  withSecretFiles,
} from '../../helpers/compose.ts';

/** docker-compose.yml checked against package.json, the config parsers and the routes in the code. */

const compose = readCompose();
const services = compose.services;
const nodes = nodeServices(compose);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

const secretsDir = mkdtempSync(join(tmpdir(), 'authscale-compose-file-'));
afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));
/** A node's compose environment with its secret files stood in for locally. */
const nodeEnv = (name: string, vars: Record<string, string> = {}) =>
  withSecretFiles(serviceEnv(services[name]!, vars), secretsDir);
const appServices = Object.keys(services).filter((name) => services[name]!.image === 'authscale:local');

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
  it('has the secrets init, redis, three app nodes, a balancer and the scenarios runner', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['secrets', 'redis', 'node1', 'node2', 'node3', 'balancer', 'scenarios']),
    );
    expect(nodes).toEqual(['node1', 'node2', 'node3']);
  });

  it('starts Node itself, exec form, on entry files that exist: no npm or sh in between (defect 3)', () => {
    const entries = new Set<string>();
    for (const name of appServices) {
      let argv = execArgv(services[name]!);
      // Long-running servers catch stop signals before the app loads (defect 2: exit 143 while starting).
      const server = argv.includes('nodes/main.ts') || argv.includes('balancer/main.ts');
      if (server) {
        expect(argv.slice(0, 3), name).toEqual(['node', '--import', './lib/stop-signals.ts']);
        argv = ['node', ...argv.slice(3)];
      }
      // Node strips the types itself: no loader (tsx is a devDependency, pruned from the image).
      expect(argv[0], name).toBe('node');
      expect(argv.join(' '), name).not.toMatch(/\b(npm|npx|sh|bash|tsx)\b/);
      entries.add(argv[1]!);
      expect(existsSync(join(ROOT, argv[1]!)), argv[1]).toBe(true);
      expect(services[name]!.init, `${name}: tini forwards signals`).toBe(
        name === 'secrets' ? undefined : true,
      );
    }
    expect([...entries].sort()).toEqual([
      'balancer/main.ts',
      'docker/init-secrets.ts',
      'nodes/main.ts',
      'scenarios/cli.ts',
    ]);
    // The image keeps production dependencies only, and needs no TypeScript loader among them.
    expect(pkg.dependencies).not.toHaveProperty('tsx');
  });

  it('builds every app service from the one image', () => {
    for (const name of [...nodes, 'secrets', 'balancer', 'scenarios']) {
      expect(services[name]!.build, name).toBe('.');
      expect(services[name]!.image, name).toBe('authscale:local');
    }
  });

  it('names only existing services in depends_on, and nodes wait for a healthy redis', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dep of dependsOn(service)) expect(Object.keys(services), `${name} → ${dep}`).toContain(dep);
    }
    for (const name of nodes) {
      const deps = services[name]!.depends_on as Record<string, { condition?: string }>;
      expect(deps.redis?.condition).toBe('service_healthy');
      expect(deps.secrets?.condition).toBe('service_completed_successfully');
    }
    expect(dependsOn(services.balancer!).sort()).toEqual([...nodes].sort());
    expect(dependsOn(services.scenarios!)).toContain('balancer');
  });

  it('restarts crashed nodes (the admin crash route relies on it) but never the one-shot runner', () => {
    for (const name of [...nodes, 'redis', 'balancer'])
      expect(services[name]!.restart, name).toBe('unless-stopped');
    expect(services.scenarios!.restart).toBe('no');
    expect(services.secrets!.restart).toBe('no');
  });
});

describe('docker-compose.yml: environment matches the code', () => {
  it('sets on the nodes only variables the node code reads, and they parse', () => {
    const read = envNamesRead(['nodes', 'lib']);
    expect(read.has('AUTH_MODE')).toBe(true); // the scan itself works
    for (const name of nodes) {
      const env = serviceEnv(services[name]!);
      for (const key of Object.keys(env)) expect(read, `${name}: ${key}`).toContain(key);
      for (const mode of ['memory', 'redis', 'jwt']) {
        const config = parseNodeConfig(nodeEnv(name, { AUTH_MODE: mode }));
        expect(config.authMode).toBe(mode);
        expect(config.host).toBe('0.0.0.0');
      }
    }
  });

  it('gives the nodes distinct ids and one shared AUTH_MODE, secrets and Redis', () => {
    const envs = nodes.map((name) => serviceEnv(services[name]!));
    expect(envs.map((env) => env.NODE_ID)).toEqual(['node-1', 'node-2', 'node-3']);
    for (const key of ['AUTH_MODE', 'AUTH_SECRET_FILE', 'ADMIN_TOKEN_FILE', 'REDIS_URL']) {
      expect(new Set(envs.map((env) => env[key])).size, key).toBe(1);
    }
    const raw = services.node1!.environment as Record<string, string>;
    expect(raw.AUTH_MODE).toBe(composeDefault('AUTH_MODE', 'memory'));
    const config = parseNodeConfig(nodeEnv('node1'));
    expect(Buffer.byteLength(config.authSecret)).toBeGreaterThanOrEqual(32);
    expect(config.adminToken).toBeDefined();
  });

  it('has no secret value anywhere: the secrets service generates them into a volume (docs/security.md)', () => {
    const deployFiles = ['docker-compose.yml', 'docker-compose.sentinel.yml', 'Dockerfile', '.dockerignore'];
    for (const file of deployFiles) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(text, file).not.toMatch(/^\s*-?\s*(AUTH_SECRET|ADMIN_TOKEN)\s*[:=]/m);
      expect(text, file).not.toMatch(/demo-only-secret|demo-admin-token|change-me/);
    }
    for (const [name, service] of Object.entries(services)) {
      const env = serviceEnv(service);
      expect(env.AUTH_SECRET, name).toBeUndefined();
      expect(env.ADMIN_TOKEN, name).toBeUndefined();
      // Whoever is told where a secret file is also mounts the volume holding it, read-only.
      const paths = [env.AUTH_SECRET_FILE, env.ADMIN_TOKEN_FILE].filter((p) => p !== undefined);
      for (const path of paths) {
        expect(path, name).toMatch(/^\/run\/authscale\//);
        expect(service.volumes, name).toContain('secrets:/run/authscale:ro');
        expect(dependsOn(service).includes('secrets') || dependsOn(service).includes('balancer'), name).toBe(
          true,
        );
      }
    }
    expect(compose.volumes).toHaveProperty('secrets');
    expect(services.secrets!.volumes).toEqual(['secrets:/run/authscale']);
    expect(execArgv(services.secrets!).at(-1)).toBe('/run/authscale');
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
      const cli = readSources(['scenarios']);
      for (const key of Object.keys(serviceEnv(services.scenarios!))) {
        // envSecret('ADMIN_TOKEN') reads ADMIN_TOKEN_FILE too.
        const secretFile = key.endsWith('_FILE') && cli.includes(`envSecret('${key.slice(0, -5)}')`);
        expect(read.has(key) || secretFile, key).toBe(true);
      }
    },
  );

  it('keeps the crash route off the balancer: no ADMIN_PASSTHROUGH (defect 4)', () => {
    expect(serviceEnv(services.balancer!)).not.toHaveProperty('ADMIN_PASSTHROUGH');
  });

  it('gives the scenarios runner the nodes’ secrets, Redis and the node URLs for crashing directly', () => {
    const runner = serviceEnv(services.scenarios!);
    const node = serviceEnv(services.node1!);
    expect(runner.ADMIN_TOKEN_FILE).toBe(node.ADMIN_TOKEN_FILE);
    expect(runner.AUTH_SECRET_FILE).toBe(node.AUTH_SECRET_FILE);
    expect(runner.REDIS_URL).toBe(node.REDIS_URL);
    expect(runner.TARGET_NODES).toBe(serviceEnv(services.balancer!).TARGETS);
  });

  it('runs the suite as HOST_UID:HOST_GID, reading the 0440 secrets through group node (defect 1)', () => {
    expect(services.scenarios!.user).toBe(
      `${composeDefault('HOST_UID', '1000')}:${composeDefault('HOST_GID', '1000')}`,
    );
    expect(interpolate(services.scenarios!.user!, { HOST_UID: '0', HOST_GID: '0' })).toBe('0:0');
    expect(services.scenarios!.group_add).toEqual(['1000']);
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

  it('publishes the balancer on 127.0.0.1:8080 unless BALANCER_BIND says otherwise (defect 4)', () => {
    const port = Number(serviceEnv(services.balancer!).PORT);
    expect(publishedPorts('balancer')).toEqual([{ published: 8080, target: port }]);
    const [spec] = services.balancer!.ports as string[];
    expect(interpolate(spec!)).toBe(`127.0.0.1:8080:${port}`);
    expect(interpolate(spec!, { BALANCER_BIND: '0.0.0.0', BALANCER_HOST_PORT: '9000' })).toBe(
      `0.0.0.0:9000:${port}`,
    );
    const url = healthUrl('balancer');
    expect(Number(url.port)).toBe(port);
    expect(readSources(['balancer'])).toContain(`'${url.pathname}'`);
    // Only the balancer is reachable from the host: the nodes are behind it, as in the local cluster.
    for (const name of [...nodes, 'redis']) expect(services[name]!.ports, name).toBeUndefined();
  });

  it('runs the suite against the balancer service with flags the CLI knows, writing to ./reports', () => {
    const command = execArgv(services.scenarios!).join(' ');
    const target = /--target (\S+)/.exec(command)?.[1];
    expect(target).toBeDefined();
    const [host] = parseUrls(target!);
    expect(host!.host).toBe('balancer');
    expect(host!.port).toBe(Number(serviceEnv(services.balancer!).PORT));
    // The CLI's default report directory is /app/reports/<timestamp> in the image.
    expect(command).not.toMatch(/--out\b/);
    expect(services.scenarios!.volumes).toContain(
      `${composeDefault('REPORTS_DIR', './reports')}:/app/reports`,
    );
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

describe('docs/docker.md documents the compose files', () => {
  const section = readFileSync(join(ROOT, 'docs', 'docker.md'), 'utf8');

  it('has a table row for every variable the compose files take from the shell', () => {
    const names = new Set<string>();
    for (const file of ['docker-compose.yml', 'docker-compose.sentinel.yml']) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const match of text.matchAll(/(?<!\$)\$\{([A-Z][A-Z0-9_]*)/g)) names.add(match[1]!);
    }
    expect(names.size).toBeGreaterThan(5);
    for (const name of names) expect(section, name).toMatch(new RegExp(`^\\| [^|]*\`${name}\``, 'm'));
  });

  it('names every variable the compose files set themselves', () => {
    const fixed = new Set<string>();
    for (const file of ['docker-compose.yml', 'docker-compose.sentinel.yml']) {
      const compose = readCompose(file);
      for (const service of Object.values(compose.services)) {
        for (const key of Object.keys(serviceEnv(service))) fixed.add(key);
      }
    }
    for (const name of fixed) expect(section, name).toContain(`\`${name}\``);
  });
});
