import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../scenarios/cli/args.ts';
import { parseUrls, ROOT, readSources } from '../../helpers/compose.ts';
import type { K8sObject } from '../../helpers/k8s-kustomize.ts';
import { find, OVERLAYS, type Overlay, renderAll, TEST_SECRETS } from '../../helpers/k8s-manifests.ts';
import { containerEnv, expand, podOf, reach, replicasOf } from '../../helpers/k8s-objects.ts';

/** The scenarios Job (k8s/jobs/scenarios) run against each overlay: what it would execute and reach. */

const { overlays, jobs } = renderAll();
const job = find(jobs.scenarios, 'Job', 'scenarios')!;
const pod = podOf(job).spec;
const runner = pod.containers[0]!;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const scenarioSource = readSources(['scenarios', 'lib']);

/** Read by the scenarios CLI on another branch now (node URLs for the crash route); accepted by name. */
const PENDING_SCENARIO_NAMES = ['TARGET_NODES'];

/** Names the CLI reads from its environment (`env.NAME`, `env['NAME']` or a quoted 'NAME'). */
const readByScenarios = (name: string) =>
  new RegExp(`\\benv\\.${name}\\b|\\benv\\[\\s*['"]${name}['"]|['"]${name}['"]`).test(scenarioSource);

/** The Job as it runs beside `overlay`: its ConfigMap and Secret come from the overlay. */
function runIn(overlay: Overlay) {
  const objects: K8sObject[] = [...overlays[overlay], ...jobs.scenarios];
  const env = containerEnv(runner, objects, 'scenarios-x7k2p');
  const command = expand(runner.command!, env);
  return { objects, env, command };
}

describe('the scenarios Job', () => {
  it('runs `npm run demo` without npm, one try, no API token', () => {
    const [tsx, entry, verb] = pkg.scripts.demo!.split(' ');
    expect(tsx).toBe('tsx');
    expect(runner.command!.slice(0, 3)).toEqual(['node', entry, verb]);
    expect((job.spec as { backoffLimit: number }).backoffLimit).toBe(0);
    expect((pod as { restartPolicy?: string }).restartPolicy).toBe('Never');
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it('keeps the report on a volume that the reports reader mounts too', () => {
    const volume = pod.volumes!.find((v) => v.persistentVolumeClaim)!;
    const claim = volume.persistentVolumeClaim!.claimName;
    expect(find(jobs.scenarios, 'PersistentVolumeClaim', claim)).toBeDefined();
    const reader = podOf(find(jobs['reports-reader'], 'Pod', 'reports-reader')!).spec;
    expect(reader.volumes!.map((v) => v.persistentVolumeClaim?.claimName)).toContain(claim);
    const mount = runner.volumeMounts!.find((m) => m.name === volume.name)!;
    const out = runIn('redis').command;
    expect(out[out.indexOf('--out') + 1]).toBe(`${mount.mountPath}/scenarios-x7k2p`);
    expect(out).toContain('--json'); // the report is in the log as well
  });
});

describe.each(OVERLAYS)('the scenarios Job against overlay %s', (overlay: Overlay) => {
  const { objects, env, command } = runIn(overlay);
  const settings = (find(objects, 'ConfigMap', 'scenario-target')?.data ?? {}) as Record<string, string>;

  it('sets only variables the scenarios CLI reads or its command uses', () => {
    const text = runner.command!.join(' ');
    for (const name of Object.keys(env)) {
      const used =
        text.includes(`$(${name})`) || readByScenarios(name) || PENDING_SCENARIO_NAMES.includes(name);
      expect(used, name).toBe(true);
    }
  });

  it('is a demo command the CLI accepts, aimed at the overlay entry point', () => {
    const parsed = parseCommand(command.slice(command.indexOf('scenarios/cli.ts') + 1));
    expect(parsed.kind).toBe('demo');
    if (parsed.kind !== 'demo') return;
    expect(parsed.flags.json).toBe(true);
    expect(parsed.flags.strategy).toBe(settings.SCENARIO_STRATEGY);
    const target = new URL(parsed.flags.target!);
    if (find(objects, 'Ingress', 'authscale')) {
      // Through ingress-nginx: its controller Service in its own namespace, on port 80.
      expect(target.hostname).toBe('ingress-nginx-controller.ingress-nginx.svc.cluster.local');
      expect(target.port).toBe('');
    } else {
      expect(parsed.flags.target).toBe('http://balancer:8080');
      expect(reach(objects, target.hostname, Number(target.port)).length).toBeGreaterThan(0);
    }
  });

  it('crashes nodes at the pods themselves, never through the balancer', () => {
    const nodes = find(objects, 'StatefulSet', 'node')!;
    const urls = parseUrls(env.TARGET_NODES!);
    expect(urls).toHaveLength(replicasOf(nodes));
    for (const { host, port } of urls) expect(reach(objects, host, port), host).toEqual([3001]);
    expect(env.ADMIN_TOKEN).toBe(TEST_SECRETS.ADMIN_TOKEN);
    expect(env.AUTH_SECRET).toBe(TEST_SECRETS.AUTH_SECRET);
  });

  it('pauses the Redis the nodes use, or none when the mode has no store', () => {
    const redis = find(objects, 'StatefulSet', 'redis');
    if (!redis) {
      expect(env.REDIS_URL).toBe('');
      return;
    }
    const [url] = parseUrls(env.REDIS_URL!.replace(/^redis:/, 'http:'));
    expect(reach(objects, url!.host, url!.port)).toEqual([6379]);
  });
});
