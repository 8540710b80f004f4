import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBalancerConfig } from '../../../balancer/config.ts';
import { AUTH_MODES, parseNodeConfig } from '../../../nodes/config.ts';
import { envNamesRead, parseUrls, ROOT, readCompose, readSources } from '../../helpers/compose.ts';
import type { K8sObject } from '../../helpers/k8s-kustomize.ts';
import { nodeConfigReadsFile } from '../../helpers/k8s-local.ts';
import { find, OVERLAYS, type Overlay, renderAll, TEST_SECRETS } from '../../helpers/k8s-manifests.ts';
import {
  type Container,
  containerEnv,
  isWorkload,
  type Probe,
  podOf,
  replicasOf,
  resolvePort,
  secretData,
  serviceSpec,
} from '../../helpers/k8s-objects.ts';

/** The manifests checked against the code, as test/deploy/compose/*.test.ts check docker-compose.yml. */

const { overlays, jobs } = renderAll();
const compose = readCompose();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const nodeSource = readSources(['nodes']);
const balancerSource = readSources(['balancer']);

/**
 * Names docs/configuration.md gives the node that were added to nodes/ after the manifests (secrets from
 * files, trusted proxies). Until the code reads them they are accepted here by name only.
 */
const PENDING_NODE_NAMES = ['AUTH_SECRET_FILE', 'ADMIN_TOKEN_FILE', 'TRUST_PROXY'];

const scratch = mkdtempSync(join(tmpdir(), 'authscale-k8s-contract-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function container(objects: K8sObject[], kind: string, name: string): Container {
  const workload = find(objects, kind, name);
  if (!workload) throw new Error(`no ${kind} ${name}`);
  return podOf(workload).spec.containers[0]!;
}

/** The node's environment with each *_FILE variable swapped for the mounted Secret's value. */
function nodeEnvWithSecretsRead(objects: K8sObject[]): Record<string, string> {
  const node = find(objects, 'StatefulSet', 'node')!;
  const env = containerEnv(container(objects, 'StatefulSet', 'node'), objects, 'node-0');
  const { spec } = podOf(node);
  for (const name of Object.keys(env).filter((key) => key.endsWith('_FILE'))) {
    const path = env[name]!;
    const mount = spec.containers[0]!.volumeMounts?.find((m) => path.startsWith(`${m.mountPath}/`));
    const volume = spec.volumes?.find((v) => v.name === mount?.name);
    expect(volume?.secret, `${name} points into a mounted Secret`).toBeDefined();
    expect(mount?.readOnly, `${name}: read-only mount`).toBe(true);
    const secret = find(objects, 'Secret', volume!.secret!.secretName)!;
    const value = secretData(secret)[path.slice(mount!.mountPath.length + 1)];
    expect(value, `${name}: the file exists in the Secret`).toBeDefined();
    delete env[name];
    env[name.replace(/_FILE$/, '')] = value!;
  }
  return env;
}

function probePath(probe: Probe | undefined): string | undefined {
  return probe?.httpGet?.path;
}

/** A route the source registers (`app.get('/health'` and the like, or a quoted path constant). */
const registers = (source: string, path: string) =>
  new RegExp(`(?:get|post|route|head)\\(\\s*['"]${path}['"]|['"]${path}['"]`).test(source);

describe.each(OVERLAYS)('overlay %s: the nodes', (overlay: Overlay) => {
  const objects = overlays[overlay];
  const nodeContainer = container(objects, 'StatefulSet', 'node');

  it('sets only variables the node code reads', () => {
    const read = envNamesRead(['nodes', 'lib']);
    expect(read.has('AUTH_MODE')).toBe(true); // the scan itself works
    const env = containerEnv(nodeContainer, objects, 'node-0');
    for (const name of Object.keys(env)) {
      expect(read.has(name) || PENDING_NODE_NAMES.includes(name), name).toBe(true);
    }
  });

  it('parses: a mode the code accepts, listening on all interfaces, the secrets from the mounted files', () => {
    const env = nodeEnvWithSecretsRead(objects);
    const config = parseNodeConfig(env);
    expect(AUTH_MODES).toContain(config.authMode);
    expect(config.host).toBe('0.0.0.0');
    expect(config.nodeId).toBe('node-0');
    expect(config.authSecret).toBe(TEST_SECRETS.AUTH_SECRET);
    expect(config.adminToken).toBe(TEST_SECRETS.ADMIN_TOKEN);
    expect(config.port).toBe(resolvePort(nodeContainer, 'http'));
    // Trusted proxies: the pod network, as a CIDR.
    expect(env.TRUST_PROXY).toMatch(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/);
  });

  it.skipIf(!nodeConfigReadsFile)(
    'starts from exactly the pod environment (AUTH_SECRET_FILE read by the node)',
    () => {
      const env = containerEnv(nodeContainer, objects, 'node-1');
      const secret = secretData(find(objects, 'Secret', 'authscale-secrets')!);
      for (const name of ['AUTH_SECRET_FILE', 'ADMIN_TOKEN_FILE']) {
        const copy = join(scratch, `${overlay}-${name}`);
        writeFileSync(copy, secret[env[name]!.split('/').at(-1)!]!);
        env[name] = copy;
      }
      const config = parseNodeConfig(env);
      expect(config.authSecret).toBe(TEST_SECRETS.AUTH_SECRET);
      expect(config.adminToken).toBe(TEST_SECRETS.ADMIN_TOKEN);
    },
  );

  it('probes routes the node serves, on the port it listens on; liveness never depends on the store', () => {
    const port = Number(containerEnv(nodeContainer, objects, 'node-0').PORT);
    expect(probePath(nodeContainer.readinessProbe)).toBe('/health');
    expect(probePath(nodeContainer.livenessProbe)).not.toBe('/health');
    for (const probe of [
      nodeContainer.readinessProbe,
      nodeContainer.livenessProbe,
      nodeContainer.startupProbe,
    ]) {
      const path = probePath(probe);
      expect(path).toBeDefined();
      expect(registers(nodeSource, path!), `route ${path} in nodes/`).toBe(true);
      expect(resolvePort(nodeContainer, probe!.httpGet!.port)).toBe(port);
    }
  });
});

describe.each(OVERLAYS)('overlay %s: the balancer', (overlay: Overlay) => {
  const objects = overlays[overlay];
  const deployment = find(objects, 'Deployment', 'balancer');

  it.skipIf(!deployment)(
    'sets only what the balancer reads, and it parses with TARGETS = every node pod',
    () => {
      const balancer = container(objects, 'Deployment', 'balancer');
      const env = containerEnv(balancer, objects, 'balancer-x');
      const read = envNamesRead(['balancer', 'lib']);
      for (const name of Object.keys(env)) expect(read, name).toContain(name);
      // Never opens the nodes' fault-injection routes to whoever reaches the balancer.
      expect(env.ADMIN_PASSTHROUGH).toBeUndefined();
      // The parser itself rejects a strategy the balancer does not know.
      const config = parseBalancerConfig(env);
      expect(config.strategy).toBe(env.STRATEGY);
      expect(config.port).toBe(resolvePort(balancer, 'http'));
      const nodes = find(objects, 'StatefulSet', 'node')!;
      const governing = (nodes.spec as { serviceName: string }).serviceName;
      const nodePort = resolvePort(podOf(nodes).spec.containers[0]!, 'http');
      expect(parseUrls(env.TARGETS!)).toEqual(
        Array.from({ length: replicasOf(nodes) }, (_, i) => ({
          host: `node-${i}.${governing}`,
          port: nodePort,
        })),
      );
      expect(serviceSpec(find(objects, 'Service', governing)!).clusterIP).toBe('None');
    },
  );

  it.skipIf(!deployment)('probes /__lb/stats on its own port', () => {
    const balancer = container(objects, 'Deployment', 'balancer');
    for (const probe of [balancer.readinessProbe, balancer.livenessProbe, balancer.startupProbe]) {
      expect(probePath(probe)).toBe('/__lb/stats');
      expect(balancerSource).toContain("'/__lb/stats'");
      expect(resolvePort(balancer, probe!.httpGet!.port)).toBe(8080);
    }
  });
});

describe('the commands and the image', () => {
  const redisOverlay = overlays.redis;

  it.each([
    ['node', 'StatefulSet', 'node'],
    ['balancer', 'Deployment', 'balancer'],
  ])('runs what `npm run %s` runs, without npm (one process that gets SIGTERM)', (script, kind, name) => {
    const [runner, ...words] = pkg.scripts[script]!.split(' ');
    expect(runner).toBe('tsx');
    // The image has no tsx: Node strips the types itself.
    expect(container(redisOverlay, kind, name).command).toEqual(['node', ...words]);
  });

  it('uses the image docker-compose.yml builds, and the Redis major version it runs', () => {
    const appImage = compose.services.node1!.image!;
    // The Redis variant (alpine, bookworm) may differ; the major version must not.
    const redisMajor = (image: string) => /^redis:(\d+)\b/.exec(image)?.[1];
    const composeRedis = redisMajor(compose.services.redis!.image!);
    expect(composeRedis).toBeDefined();
    for (const [overlay, objects] of Object.entries({ ...overlays, ...jobs })) {
      for (const object of objects.filter(isWorkload)) {
        for (const c of podOf(object).spec.containers) {
          const where = `${overlay} ${object.metadata.name}/${c.name}`;
          if (c.image.startsWith('redis:')) expect(redisMajor(c.image), where).toBe(composeRedis);
          else expect(c.image, where).toBe(appImage);
        }
      }
    }
    expect(appImage).toBe('authscale:local');
  });

  it('runs the app as the Dockerfile user (node, uid 1000) and Redis as the image user (999)', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(podOf(find(redisOverlay, 'StatefulSet', 'node')!).spec.securityContext?.runAsUser).toBe(1000);
    expect(podOf(find(redisOverlay, 'StatefulSet', 'redis')!).spec.securityContext?.runAsUser).toBe(999);
  });
});
