import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/**
 * A small kustomize: exactly the subset k8s/ uses, so the manifests can be rendered in tests on
 * any machine (no npm package implements kustomize; Debian's kubectl 1.20 carries kustomize v2,
 * which predates `patches` and generator `options`). Supported: `resources` (files and
 * directories), `patches` (strategic merge, from `path` or inline `patch`, targeted by the patch's
 * own kind and name, including `$patch: delete`), `configMapGenerator` / `secretGenerator`
 * (`literals`, `envs`, `files`; `behavior` create | merge | replace; `options.disableNameSuffixHash`),
 * `images`, `namespace`. Name hashes and reference rewriting follow kustomize's rules, and
 * test/deploy/k8s/render.test.ts compares every overlay with the real `kubectl kustomize` where one
 * (kustomize ≥ v5) is installed. Anything else throws, rather than rendering something wrong.
 */

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Item {
  object: K8sObject;
  /** The name before a hash suffix: references in other objects use it. */
  originalName: string;
  /** Generated ConfigMaps/Secrets get a content-hash suffix unless their options say not to. */
  hashed: boolean;
}

interface GeneratorArgs {
  name: string;
  behavior?: 'create' | 'merge' | 'replace';
  literals?: string[];
  envs?: string[];
  files?: string[];
  options?: { disableNameSuffixHash?: boolean };
  type?: string;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  patches?: { path?: string; patch?: string }[];
  configMapGenerator?: GeneratorArgs[];
  secretGenerator?: GeneratorArgs[];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
}

const SUPPORTED_FIELDS = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'patches',
  'configMapGenerator',
  'secretGenerator',
  'images',
]);
const GENERATOR_FIELDS = new Set(['name', 'behavior', 'literals', 'envs', 'files', 'options', 'type']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume']);

export class KustomizeError extends Error {
  override name = 'KustomizeError';
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readKustomization(dir: string): Kustomization {
  const file = join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new KustomizeError(`${dir}: no kustomization.yaml`);
  const k = parse(readFileSync(file, 'utf8')) as Kustomization;
  for (const key of Object.keys(k)) {
    if (!SUPPORTED_FIELDS.has(key)) throw new KustomizeError(`${file}: field "${key}" is not supported`);
  }
  for (const gen of [...(k.configMapGenerator ?? []), ...(k.secretGenerator ?? [])]) {
    for (const key of Object.keys(gen)) {
      if (!GENERATOR_FIELDS.has(key)) throw new KustomizeError(`${file}: generator field "${key}"`);
    }
    for (const key of Object.keys(gen.options ?? {})) {
      if (key !== 'disableNameSuffixHash') throw new KustomizeError(`${file}: generator option "${key}"`);
    }
  }
  return k;
}

function parseDocuments(text: string, where: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new KustomizeError(`${where}: ${doc.errors[0]!.message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((doc): doc is K8sObject => doc !== null);
}

// --- generators ---------------------------------------------------------------------------------

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function splitPair(text: string, where: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new KustomizeError(`${where}: expected KEY=VALUE, got "${text}"`);
  const key = text.slice(0, at);
  if (!ENV_NAME.test(key)) throw new KustomizeError(`${where}: "${key}" is not a valid key`);
  return [key, text.slice(at + 1)];
}

/** An env file as kustomize reads it: KEY=VALUE lines; blank lines and # comments skipped. */
export function parseEnvFile(text: string, where: string): [string, string][] {
  return text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((line) => line.replace(/\r$/, '').replace(/^\s+/, ''))
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => splitPair(line, where));
}

function generatorData(dir: string, gen: GeneratorArgs): Record<string, string> {
  const data: Record<string, string> = {};
  for (const literal of gen.literals ?? []) {
    const [key, value] = splitPair(literal, `${gen.name} literal`);
    if (/^(['"]).*\1$/s.test(value))
      throw new KustomizeError(`${gen.name}: quoted literals are not supported`);
    data[key] = value;
  }
  for (const envFile of gen.envs ?? []) {
    const path = join(dir, envFile);
    if (!existsSync(path)) throw new KustomizeError(`${gen.name}: env file ${path} does not exist`);
    for (const [key, value] of parseEnvFile(readFileSync(path, 'utf8'), path)) data[key] = value;
  }
  for (const entry of gen.files ?? []) {
    const [key, file] = entry.includes('=') ? splitPair(entry, gen.name) : [basename(entry), entry];
    data[key] = readFileSync(join(dir, file), 'utf8');
  }
  return data;
}

function generate(dir: string, gen: GeneratorArgs, kind: 'ConfigMap' | 'Secret'): K8sObject {
  const data = generatorData(dir, gen);
  if (kind === 'ConfigMap') return { apiVersion: 'v1', kind, metadata: { name: gen.name }, data };
  const encoded = Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
  );
  return { apiVersion: 'v1', kind, metadata: { name: gen.name }, type: gen.type ?? 'Opaque', data: encoded };
}

function applyGenerators(dir: string, k: Kustomization, items: Item[]): void {
  const all = [
    ...(k.configMapGenerator ?? []).map((gen) => ({ gen, kind: 'ConfigMap' as const })),
    ...(k.secretGenerator ?? []).map((gen) => ({ gen, kind: 'Secret' as const })),
  ];
  for (const { gen, kind } of all) {
    const generated = generate(dir, gen, kind);
    const hashed = gen.options?.disableNameSuffixHash !== true;
    const behavior = gen.behavior ?? 'create';
    const existing = items.find((item) => item.object.kind === kind && item.originalName === gen.name);
    if (behavior === 'create') {
      if (existing) throw new KustomizeError(`${kind} ${gen.name} is generated twice`);
      items.push({ object: generated, originalName: gen.name, hashed });
      continue;
    }
    if (!existing) throw new KustomizeError(`${kind} ${gen.name}: behavior ${behavior} needs one to exist`);
    const data = generated.data as Record<string, string>;
    existing.object.data =
      behavior === 'merge' ? { ...(existing.object.data as Record<string, string>), ...data } : data;
    existing.hashed = hashed;
  }
}

// --- strategic merge patches ----------------------------------------------------------------------

/** Lists merged by a key (Kubernetes' patchMergeKey); every other list a patch touches must be atomic. */
function mergeKeyOf(path: string[], kind: string): string | undefined {
  const field = path.at(-1)!;
  if (field === 'containers' || field === 'initContainers' || field === 'env' || field === 'volumes') {
    return 'name';
  }
  if (field === 'volumeMounts') return 'mountPath';
  if (field === 'ports') return kind === 'Service' && path.length === 2 ? 'port' : 'containerPort';
  return undefined;
}
const ATOMIC_LISTS = new Set(['command', 'args', 'accessModes']);

function mergeLists(base: Json[], patch: Json[], path: string[], kind: string): Json[] {
  const key = mergeKeyOf(path, kind);
  if (key === undefined) {
    if (!ATOMIC_LISTS.has(path.at(-1)!)) {
      throw new KustomizeError(`patching the list ${path.join('.')} is not supported`);
    }
    return patch;
  }
  // As kustomize (kyaml) does: items new to the list come first, in the patch's order; items
  // that exist are merged where they are.
  const merged = [...base];
  const added: Json[] = [];
  for (const item of patch) {
    if (!isObject(item) || item[key] === undefined) {
      throw new KustomizeError(`${path.join('.')}: a patch item needs its merge key "${key}"`);
    }
    const at = merged.findIndex((candidate) => isObject(candidate) && candidate[key] === item[key]);
    if (at === -1) added.push(item);
    else merged[at] = mergeMaps(merged[at] as JsonObject, item, path, kind);
  }
  return [...added, ...merged];
}

function mergeMaps(base: JsonObject, patch: JsonObject, path: string[], kind: string): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) throw new KustomizeError(`directive ${key} inside ${path.join('.')}`);
    const current = out[key];
    if (value === null) delete out[key];
    else if (isObject(value) && isObject(current)) out[key] = mergeMaps(current, value, [...path, key], kind);
    else if (Array.isArray(value) && Array.isArray(current))
      out[key] = mergeLists(current, value, [...path, key], kind);
    else out[key] = value;
  }
  return out;
}

function applyPatch(items: Item[], patch: K8sObject, where: string): Item[] {
  const { $patch: directive, ...body } = patch as K8sObject & { $patch?: string };
  const matches = items.filter(
    (item) =>
      item.object.kind === patch.kind &&
      item.originalName === patch.metadata?.name &&
      (patch.metadata.namespace === undefined || patch.metadata.namespace === item.object.metadata.namespace),
  );
  if (matches.length !== 1) {
    throw new KustomizeError(
      `${where}: ${patch.kind} ${patch.metadata?.name} matches ${matches.length} objects`,
    );
  }
  const target = matches[0]!;
  if (directive === 'delete') return items.filter((item) => item !== target);
  if (directive !== undefined) throw new KustomizeError(`${where}: $patch: ${directive} is not supported`);
  target.object = mergeMaps(
    target.object as unknown as JsonObject,
    body as unknown as JsonObject,
    [],
    patch.kind,
  ) as unknown as K8sObject;
  return items;
}

// --- images, namespace, names ---------------------------------------------------------------------

function eachContainer(node: unknown, visit: (container: JsonObject) => void): void {
  if (Array.isArray(node)) for (const child of node) eachContainer(child, visit);
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
        for (const container of value) if (isObject(container)) visit(container);
      } else eachContainer(value, visit);
    }
  }
}

function applyImages(items: Item[], images: NonNullable<Kustomization['images']>): void {
  for (const item of items) {
    eachContainer(item.object, (container) => {
      const image = container.image;
      if (typeof image !== 'string') return;
      const match = /^(.*?)(?::([^:/@]+))?(?:@(.+))?$/.exec(image)!;
      const rule = images.find((entry) => entry.name === match[1]);
      if (!rule) return;
      if (rule.digest) throw new KustomizeError('images: digest is not supported');
      const tag = rule.newTag ?? match[2];
      container.image = `${rule.newName ?? match[1]}${tag ? `:${tag}` : ''}`;
    });
  }
}

function applyNamespace(items: Item[], namespace: string): void {
  for (const { object } of items) {
    if (object.kind === 'Namespace') {
      if (object.metadata.name !== namespace) {
        throw new KustomizeError(`renaming Namespace ${object.metadata.name} is not supported`);
      }
    } else if (!CLUSTER_SCOPED.has(object.kind)) {
      object.metadata.namespace = namespace;
    }
  }
}

/** Go's json.Marshal escapes <, > and & (and U+2028/9); kustomize hashes that encoding. */
function goJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  ).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * kustomize's name suffix: sha256 of {kind, name, data} (+ type for a Secret) as Go encodes it,
 * 10 hex digits with look-alikes replaced. Its hasher looks the name up with the path string
 * "metadata/name" as one field name, which finds nothing, so the name it hashes is always "".
 */
export function nameHash(object: K8sObject): string {
  const encoded =
    object.kind === 'ConfigMap'
      ? { kind: 'ConfigMap', name: '', data: object.data ?? '' }
      : { kind: 'Secret', type: object.type ?? '', name: '', data: object.data ?? '' };
  const hex = createHash('sha256').update(goJson(encoded)).digest('hex').slice(0, 10);
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return hex.replace(/[013ae]/g, (c) => swap[c]!);
}

/** Points every reference to a renamed ConfigMap/Secret (same namespace) at its new name. */
function rewriteReferences(node: unknown, renamed: Map<string, string>): void {
  if (Array.isArray(node)) for (const child of node) rewriteReferences(child, renamed);
  if (!isObject(node)) return;
  const refs: [string, 'ConfigMap' | 'Secret', string][] = [
    ['configMapRef', 'ConfigMap', 'name'],
    ['configMapKeyRef', 'ConfigMap', 'name'],
    ['configMap', 'ConfigMap', 'name'],
    ['secretRef', 'Secret', 'name'],
    ['secretKeyRef', 'Secret', 'name'],
    ['secret', 'Secret', 'secretName'],
  ];
  for (const [field, kind, nameField] of refs) {
    const ref = node[field];
    if (isObject(ref) && typeof ref[nameField] === 'string') {
      const next = renamed.get(`${kind}/${ref[nameField]}`);
      if (next) ref[nameField] = next;
    }
  }
  for (const value of Object.values(node)) rewriteReferences(value, renamed);
}

function finishNames(items: Item[]): void {
  const byNamespace = new Map<string, Map<string, string>>();
  for (const item of items) {
    if (!item.hashed) continue;
    const name = `${item.originalName}-${nameHash(item.object)}`;
    item.object.metadata.name = name;
    const ns = item.object.metadata.namespace ?? '';
    if (!byNamespace.has(ns)) byNamespace.set(ns, new Map());
    byNamespace.get(ns)!.set(`${item.object.kind}/${item.originalName}`, name);
  }
  for (const { object } of items) {
    const renamed = byNamespace.get(object.metadata.namespace ?? '');
    if (renamed) rewriteReferences(object, renamed);
  }
}

// --- build ------------------------------------------------------------------------------------------

function accumulate(dir: string): Item[] {
  const k = readKustomization(dir);
  let items: Item[] = [];
  for (const entry of k.resources ?? []) {
    const path = resolve(dir, entry);
    if (!existsSync(path)) throw new KustomizeError(`${dir}: resource ${entry} does not exist`);
    if (statSync(path).isDirectory()) items.push(...accumulate(path));
    else {
      for (const object of parseDocuments(readFileSync(path, 'utf8'), path)) {
        items.push({ object, originalName: object.metadata.name, hashed: false });
      }
    }
  }
  applyGenerators(dir, k, items);
  for (const [index, patch] of (k.patches ?? []).entries()) {
    const where = patch.path ? join(dir, patch.path) : `${dir} inline patch ${index + 1}`;
    const text = patch.path ? readFileSync(join(dir, patch.path), 'utf8') : patch.patch;
    if (text === undefined) throw new KustomizeError(`${where}: a patch needs path or patch`);
    for (const doc of parseDocuments(text, where)) items = applyPatch(items, doc, where);
  }
  if (k.namespace) applyNamespace(items, k.namespace);
  if (k.images) applyImages(items, k.images);
  const seen = new Set<string>();
  for (const { object, originalName } of items) {
    const id = `${object.kind}/${object.metadata.namespace ?? ''}/${originalName}`;
    if (seen.has(id)) throw new KustomizeError(`${dir}: ${id} is defined twice`);
    seen.add(id);
  }
  return items;
}

/** `kustomize build DIR`: the rendered objects (in no particular order). */
export function kustomizeBuild(dir: string): K8sObject[] {
  const items = accumulate(resolve(dir));
  finishNames(items);
  return items.map((item) => item.object);
}
