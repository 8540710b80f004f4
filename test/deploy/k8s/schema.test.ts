import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../helpers/k8s-kustomize.ts';
import { objectId, renderAll } from '../../helpers/k8s-manifests.ts';
import { unknownFields, validateObject } from '../../helpers/k8s-schema.ts';

/** Every rendered object against the Kubernetes schemas (npm kubernetes-models; no cluster, no network). */

const rendered = renderAll();
const sets: [string, K8sObject[]][] = [
  ...Object.entries(rendered.overlays).map(
    ([name, objects]) => [`overlays/${name}`, objects] as [string, K8sObject[]],
  ),
  ...Object.entries(rendered.jobs).map(
    ([name, objects]) => [`jobs/${name}`, objects] as [string, K8sObject[]],
  ),
];
/** Overlays share most objects: check each distinct one once. */
const distinct = [
  ...new Map(sets.flatMap(([, objects]) => objects).map((o) => [JSON.stringify(o), o])).values(),
];

describe('k8s/ objects against the Kubernetes schemas', () => {
  it.each(sets)('%s: every object is valid for its kind', async (_name, objects) => {
    for (const object of objects) expect(await validateObject(object), objectId(object)).toBeUndefined();
  });

  it('uses no field the Kubernetes API does not define; a wrong type or unknown field is caught', async () => {
    // One compile for everything (the TypeScript pass takes seconds): the rendered objects plus
    // one broken on purpose, which must be the only one with problems.
    const broken = structuredClone(distinct.find((o) => o.kind === 'StatefulSet')!) as K8sObject & {
      spec: Record<string, unknown> & { template: { spec: { containers: Record<string, unknown>[] } } };
    };
    broken.spec.replicas = 'three';
    delete broken.spec.selector;
    broken.spec.template.spec.containers[0]!.readinesProbe = { httpGet: { path: '/health' } };
    const problems = unknownFields([...distinct, broken]);
    const ours = problems.filter((problem) => problem.index !== distinct.length);
    expect(ours.map((problem) => `${objectId(distinct[problem.index]!)}: ${problem.message}`)).toEqual([]);
    const messages = problems.map((problem) => problem.message).join('\n');
    expect(messages).toMatch(/'"readinesProbe"' does not exist/);
    expect(messages).toMatch(/'string' is not assignable to type 'number'/);

    const invalid = await validateObject(broken);
    expect(invalid).toMatch(/replicas must be integer/);
    expect(invalid).toMatch(/required property selector/);
    expect(
      await validateObject({ apiVersion: 'example.com/v1', kind: 'Nope', metadata: { name: 'x' } }),
    ).toMatch(/no Kubernetes schema/);
  });
});
