import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT } from './compose.ts';
import { type K8sObject, kustomizeBuild } from './k8s-kustomize.ts';

/** Rendering k8s/ for tests: a private copy with a made-up secrets file, every kustomization built. */

export const K8S = join(ROOT, 'k8s');
/** The overlays docs/kubernetes.md documents (the tests check the directory holds exactly these). */
export const OVERLAYS = [
  'memory',
  'redis',
  'jwt',
  'jwt-redis',
  'service-roundrobin',
  'client-ip',
  'sticky-ingress',
  'sentinel',
] as const;
export type Overlay = (typeof OVERLAYS)[number];
export const JOBS = ['scenarios', 'reports-reader'] as const;

/**
 * What the user's `k8s/base/secrets.env` holds: random per test run, of the shape the documented
 * one-liner makes (the node refuses written-down or weak secrets).
 */
export const TEST_SECRETS = {
  AUTH_SECRET: randomBytes(32).toString('base64'),
  ADMIN_TOKEN: randomBytes(16).toString('hex'),
};

export function overlayDirs(): string[] {
  return readdirSync(join(K8S, 'overlays'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** A copy of k8s/ with base/secrets.env written as the documented one-liner would (removed by `done`). */
export function stageK8s(): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'authscale-k8s-'));
  cpSync(K8S, join(dir, 'k8s'), { recursive: true });
  const lines = Object.entries(TEST_SECRETS).map(([key, value]) => `${key}=${value}\n`);
  writeFileSync(join(dir, 'k8s', 'base', 'secrets.env'), lines.join(''));
  return { dir: join(dir, 'k8s'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Rendered {
  overlays: Record<Overlay, K8sObject[]>;
  jobs: Record<(typeof JOBS)[number], K8sObject[]>;
}

export function renderAll(): Rendered {
  const staged = stageK8s();
  try {
    const overlays = Object.fromEntries(
      OVERLAYS.map((name) => [name, kustomizeBuild(join(staged.dir, 'overlays', name))]),
    ) as Rendered['overlays'];
    const jobs = Object.fromEntries(
      JOBS.map((name) => [name, kustomizeBuild(join(staged.dir, 'jobs', name))]),
    ) as Rendered['jobs'];
    return { overlays, jobs };
  } finally {
    staged.done();
  }
}

/** `kubectl kustomize` when a kubectl whose kustomize is v5 or newer is on PATH, else why not. */
export function realKustomize(): { build: (dir: string) => K8sObject[] } | { missing: string } {
  const version = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8', timeout: 30_000 });
  if (version.error || version.status !== 0) return { missing: 'no kubectl on PATH' };
  const major = Number(/Kustomize Version: v(\d+)/.exec(version.stdout)?.[1]);
  if (!(major >= 5)) return { missing: `kubectl's kustomize is older than v5 (${version.stdout.trim()})` };
  return {
    build: (dir) => {
      const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 60_000 });
      if (run.status !== 0) throw new Error(`kubectl kustomize ${dir}: ${run.stderr || run.error}`);
      return parseAllDocuments(run.stdout)
        .map((doc) => doc.toJS() as K8sObject | null)
        .filter((doc): doc is K8sObject => doc !== null);
    },
  };
}

export const objectId = (object: K8sObject) =>
  `${object.kind}/${object.metadata.namespace ?? '-'}/${object.metadata.name}`;

export function find(objects: K8sObject[], kind: string, name: string): K8sObject | undefined {
  return objects.find((object) => object.kind === kind && object.metadata.name === name);
}

/** The generated object whose name is `base` plus kustomize's hash suffix (or exactly `base`). */
export function findGenerated(objects: K8sObject[], kind: string, base: string): K8sObject | undefined {
  return objects.find(
    (object) =>
      object.kind === kind &&
      (object.metadata.name === base || new RegExp(`^${base}-[a-z0-9]{10}$`).test(object.metadata.name)),
  );
}
