import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/compose.ts';
import { type K8sObject, KustomizeError, kustomizeBuild } from '../../helpers/k8s-kustomize.ts';
import {
  JOBS,
  K8S,
  OVERLAYS,
  objectId,
  overlayDirs,
  realKustomize,
  renderAll,
  stageK8s,
} from '../../helpers/k8s-manifests.ts';

/** Every kustomization under k8s/ renders, and our renderer agrees with the real kustomize. */

const rendered = renderAll();
const all: [string, K8sObject[]][] = [
  ...Object.entries(rendered.overlays).map(
    ([name, objects]) => [`overlays/${name}`, objects] as [string, K8sObject[]],
  ),
  ...Object.entries(rendered.jobs).map(
    ([name, objects]) => [`jobs/${name}`, objects] as [string, K8sObject[]],
  ),
];

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A throw-away kustomization made of `files`. */
function kustomization(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'authscale-kustomize-'));
  scratch.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('k8s/: every kustomization renders', () => {
  it('has exactly the documented overlays', () => {
    expect(overlayDirs()).toEqual([...OVERLAYS].sort());
  });

  it.each(all)('%s renders into the authscale namespace, each object once', (_name, objects) => {
    expect(objects.length).toBeGreaterThan(0);
    const ids = objects.map(objectId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const object of objects) {
      if (object.kind === 'Namespace') expect(object.metadata.name).toBe('authscale');
      else expect(object.metadata.namespace, objectId(object)).toBe('authscale');
    }
  });

  it('fails with the file name when secrets.env was not made (the documented one-liner)', () => {
    // The repository itself has no secrets file: render straight from k8s/.
    expect(() => kustomizeBuild(join(K8S, 'overlays', 'memory'))).toThrow(/secrets\.env does not exist/);
  });

  it('keeps secrets.env out of git', () => {
    const check = spawnSync('git', ['check-ignore', '-q', 'k8s/base/secrets.env'], { cwd: ROOT });
    expect(check.status).toBe(0);
  });
});

describe('the kustomize subset renderer', () => {
  it('names generated objects with the hash kustomize v5 gives them', () => {
    // Names taken from `kubectl kustomize` (kustomize v5.5.0) for the same input.
    const dir = kustomization({
      'kustomization.yaml': [
        'configMapGenerator:',
        '  - name: x',
        '    literals: ["A=b"]',
        '  - name: y',
        '    literals: ["S=a&&b<c>"]',
        'secretGenerator:',
        '  - name: s',
        '    literals: ["K=v"]',
      ].join('\n'),
    });
    const names = kustomizeBuild(dir).map((object) => `${object.kind}/${object.metadata.name}`);
    expect(names.sort()).toEqual(['ConfigMap/x-b9t2424hkf', 'ConfigMap/y-b4tt2594gf', 'Secret/s-8gkfgg4d6d']);
  });

  it('refuses what it does not implement instead of rendering it wrong', () => {
    const unsupported = kustomization({ 'kustomization.yaml': 'commonLabels:\n  a: b\n' });
    expect(() => kustomizeBuild(unsupported)).toThrow(KustomizeError);
    expect(() => kustomizeBuild(unsupported)).toThrow(/commonLabels/);
    const noTarget = kustomization({
      'kustomization.yaml': 'resources: [cm.yaml]\npatches:\n  - path: p.yaml\n',
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n',
      'p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {k: w}\n',
    });
    expect(() => kustomizeBuild(noTarget)).toThrow(/matches 0 objects/);
  });

  it('merges lists by their merge key and replaces atomic ones, as a strategic merge patch does', () => {
    const dir = kustomization({
      'kustomization.yaml': 'resources: [d.yaml]\npatches:\n  - path: p.yaml\n',
      'd.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: d}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - {name: a, image: i, command: [x, y], env: [{name: E, value: "1"}]}',
      ].join('\n'),
      'p.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: d}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - {name: a, command: [z], env: [{name: F, value: "2"}]}',
      ].join('\n'),
    });
    const [deployment] = kustomizeBuild(dir) as [
      K8sObject & { spec: { template: { spec: { containers: Record<string, unknown>[] } } } },
    ];
    expect(deployment.spec.template.spec.containers).toEqual([
      {
        name: 'a',
        image: 'i',
        command: ['z'],
        env: [
          { name: 'F', value: '2' },
          { name: 'E', value: '1' },
        ],
      },
    ]);
  });
});

const real = realKustomize();

describe.skipIf('missing' in real)(
  'our renderer against the real `kubectl kustomize` (kustomize ≥ v5)',
  () => {
    const kustomizations = [
      ...OVERLAYS.map((name) => `overlays/${name}`),
      ...JOBS.map((name) => `jobs/${name}`),
    ];
    const staged = stageK8s();
    afterAll(() => staged.done());

    it.each(kustomizations)('%s: the same objects, field for field', (path) => {
      if ('missing' in real) throw new Error(real.missing);
      const ours = new Map(
        kustomizeBuild(join(staged.dir, path)).map((object) => [objectId(object), object]),
      );
      const theirs = new Map(real.build(join(staged.dir, path)).map((object) => [objectId(object), object]));
      expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
      for (const [id, object] of theirs) {
        // isDeepStrictEqual: list order matters (env order does to Kubernetes), key order does not.
        expect(isDeepStrictEqual(ours.get(id), object), id).toBe(true);
      }
    });
  },
);
