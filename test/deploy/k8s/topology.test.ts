import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AuthMode, parseNodeConfig } from '../../../nodes/config.ts';
import { parseUrls } from '../../helpers/compose.ts';
import type { K8sObject } from '../../helpers/k8s-kustomize.ts';
import {
  find,
  findGenerated,
  K8S,
  OVERLAYS,
  type Overlay,
  renderAll,
  TEST_SECRETS,
} from '../../helpers/k8s-manifests.ts';
import {
  configMapData,
  containerEnv,
  isWorkload,
  podOf,
  reach,
  replicasOf,
  selects,
  serviceSpec,
  serviceTargets,
} from '../../helpers/k8s-objects.ts';

/** What each overlay is meant to show (docs/kubernetes.md), checked on the rendered objects. */

interface Topology {
  mode: AuthMode;
  store: 'none' | 'single' | 'sentinel';
  /** How clients reach the nodes: our balancer, a plain Service, or ingress-nginx. */
  entry: 'balancer' | 'service' | 'ingress';
  affinity?: 'ClientIP';
}

const TOPOLOGY: Record<Overlay, Topology> = {
  memory: { mode: 'memory', store: 'none', entry: 'balancer' },
  redis: { mode: 'redis', store: 'single', entry: 'balancer' },
  jwt: { mode: 'jwt', store: 'none', entry: 'balancer' },
  'jwt-redis': { mode: 'jwt', store: 'single', entry: 'balancer' },
  'service-roundrobin': { mode: 'memory', store: 'none', entry: 'service' },
  'client-ip': { mode: 'memory', store: 'none', entry: 'service', affinity: 'ClientIP' },
  'sticky-ingress': { mode: 'memory', store: 'none', entry: 'ingress' },
  sentinel: { mode: 'redis', store: 'sentinel', entry: 'balancer' },
};

const { overlays } = renderAll();

const nodeSettings = (objects: K8sObject[]) =>
  configMapData(findGenerated(objects, 'ConfigMap', 'node-settings')!);
const nodePodLabels = (objects: K8sObject[]) => podOf(find(objects, 'StatefulSet', 'node')!).labels;

describe.each(OVERLAYS)('overlay %s', (overlay: Overlay) => {
  const objects = overlays[overlay];
  const topology = TOPOLOGY[overlay];
  const settings = nodeSettings(objects);

  it('runs three nodes in its auth mode', () => {
    expect(settings.AUTH_MODE).toBe(topology.mode);
    expect(replicasOf(find(objects, 'StatefulSet', 'node')!)).toBe(3);
  });

  it('has the store it needs and nothing more', () => {
    const redis = find(objects, 'StatefulSet', 'redis');
    const sentinels = find(objects, 'StatefulSet', 'redis-sentinel');
    if (topology.store === 'none') {
      expect(redis).toBeUndefined();
      expect(sentinels).toBeUndefined();
      expect(settings.REDIS_URL ?? '').toBe('');
      expect(settings.REDIS_SENTINELS).toBeUndefined();
      return;
    }
    expect(redis).toBeDefined();
    if (topology.store === 'single') {
      const [url] = parseUrls(settings.REDIS_URL!.replace(/^redis:/, 'http:'));
      expect(reach(objects, url!.host, url!.port)).toEqual([6379]);
      expect(sentinels).toBeUndefined();
      return;
    }
    // Sentinel: a primary and a replica, three sentinels, and the nodes ask the sentinels.
    expect(replicasOf(redis!)).toBe(2);
    expect(replicasOf(sentinels!)).toBe(3);
    expect(settings.REDIS_URL).toBe('');
    const config = parseNodeConfig({ ...settings, AUTH_SECRET: TEST_SECRETS.AUTH_SECRET });
    expect(config.redisSentinels).toHaveLength(3);
    for (const { host, port } of config.redisSentinels!)
      expect(reach(objects, host, port), host).toEqual([26379]);
    const script = configMapData(findGenerated(objects, 'ConfigMap', 'redis-scripts')!);
    expect(script['start-sentinel.sh']).toContain(`sentinel monitor ${config.redisMasterName} `);
    expect(script['start-redis.sh']).toContain(`get-master-addr-by-name ${config.redisMasterName}`);
  });

  it('starts Redis and the sentinels reachable from other pods (no protected mode)', () => {
    // `command` bypasses the image entrypoint that would turn protected mode off by itself.
    const scriptMap = findGenerated(objects, 'ConfigMap', 'redis-scripts');
    const scripts = scriptMap ? configMapData(scriptMap) : {};
    for (const workload of objects.filter(isWorkload)) {
      for (const c of podOf(workload).spec.containers.filter((c) => c.image.startsWith('redis:'))) {
        const script = /\/scripts\/([\w.-]+)/.exec(c.command!.join(' '))?.[1];
        const text = script ? scripts[script]! : c.command!.join(' ');
        expect(text, `${workload.metadata.name}/${c.name}`).toMatch(
          /protected-mode"? no|--protected-mode no/,
        );
      }
    }
  });

  it('routes every Service to pods that listen on its target port', () => {
    for (const service of objects.filter((o) => o.kind === 'Service')) {
      for (const { port } of serviceSpec(service).ports) {
        expect(
          serviceTargets(objects, service, port).length,
          `${service.metadata.name}:${port}`,
        ).toBeGreaterThan(0);
      }
    }
  });

  it('is reached as the overlay says: our balancer, a plain Service or ingress-nginx', () => {
    const balancer = find(objects, 'Service', 'balancer')!;
    const spec = serviceSpec(balancer);
    const deployment = find(objects, 'Deployment', 'balancer');
    expect(spec.sessionAffinity).toBe(topology.affinity);
    if (topology.entry === 'balancer') {
      expect(deployment).toBeDefined();
      expect(selects(spec.selector, podOf(deployment!).labels)).toBe(true);
      expect(serviceTargets(objects, balancer, 8080)).toEqual([8080]);
      return;
    }
    // No balancer of ours: the Service of the same name and port selects the node pods.
    expect(deployment).toBeUndefined();
    expect(selects(spec.selector, nodePodLabels(objects))).toBe(true);
    expect(serviceTargets(objects, balancer, 8080)).toEqual([3001]);
  });

  it.runIf(topology.entry === 'ingress')(
    'pins clients with an ingress-nginx cookie and never publishes /__admin',
    () => {
      const ingress = find(objects, 'Ingress', 'authscale')!;
      const annotations = ingress.metadata.annotations as Record<string, string>;
      expect(annotations['nginx.ingress.kubernetes.io/affinity']).toBe('cookie');
      expect(annotations['nginx.ingress.kubernetes.io/session-cookie-name']).toMatch(/^\w+$/);
      const spec = ingress.spec as {
        ingressClassName: string;
        rules: {
          http: {
            paths: {
              path: string;
              pathType: string;
              backend: { service: { name: string; port: { number: number } } };
            }[];
          };
        }[];
      };
      expect(spec.ingressClassName).toBe('nginx');
      for (const { path, backend } of spec.rules.flatMap((rule) => rule.http.paths)) {
        expect('/__admin/crash'.startsWith(path), path).toBe(false);
        const service = find(objects, 'Service', backend.service.name)!;
        expect(serviceTargets(objects, service, backend.service.port.number)).toEqual([3001]);
      }
    },
  );

  it('locks every pod down: non-root, read-only root, no token, no privilege, bounded resources', () => {
    for (const workload of objects.filter(isWorkload)) {
      const { spec } = podOf(workload);
      const where = `${workload.kind}/${workload.metadata.name}`;
      expect(spec.automountServiceAccountToken, where).toBe(false);
      expect(spec.enableServiceLinks, where).toBe(false);
      expect(spec.securityContext?.runAsNonRoot, where).toBe(true);
      for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
        expect(c.securityContext?.readOnlyRootFilesystem, `${where}/${c.name}`).toBe(true);
        expect(c.securityContext?.allowPrivilegeEscalation, `${where}/${c.name}`).toBe(false);
        expect(c.securityContext?.capabilities?.drop, `${where}/${c.name}`).toEqual(['ALL']);
        for (const bound of ['requests', 'limits'] as const) {
          expect(Object.keys(c.resources?.[bound] ?? {}).sort(), `${where}/${c.name} ${bound}`).toEqual([
            'cpu',
            'memory',
          ]);
        }
        expect(c.readinessProbe ?? c.livenessProbe, `${where}/${c.name} has probes`).toBeDefined();
      }
    }
  });

  it('keeps the secrets in the one generated Secret, mounted as files for the nodes', () => {
    const node = containerEnv(
      podOf(find(objects, 'StatefulSet', 'node')!).spec.containers[0]!,
      objects,
      'node-0',
    );
    expect(node.AUTH_SECRET).toBeUndefined();
    expect(node.ADMIN_TOKEN).toBeUndefined();
    expect(node.AUTH_SECRET_FILE).toMatch(/^\/run\/secrets\//);
    expect(objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name)).toEqual([
      'authscale-secrets',
    ]);
  });
});

describe('the sentinel start scripts', () => {
  it('are named consistently with the objects that run them', () => {
    const dir = join(K8S, 'overlays', 'sentinel');
    for (const file of ['start-redis.sh', 'start-sentinel.sh']) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text).toContain('"redis-sentinel-$i.redis-sentinel"');
      expect(text).toMatch(/for i in 0 1 2;/); // the three sentinels
      expect(text).toContain('redis-0.redis'); // the first primary
      const syntax = spawnSync('sh', ['-n', join(dir, file)], { encoding: 'utf8' });
      expect(syntax.status, `${file}: ${syntax.stderr}`).toBe(0);
    }
  });
});
