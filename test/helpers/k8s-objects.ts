import type { K8sObject } from './k8s-kustomize.ts';

/** Typed views of the few rendered-object fields the contract tests read. */

export interface Probe {
  httpGet?: { path: string; port: number | string };
  tcpSocket?: { port: number | string };
  exec?: { command: string[] };
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath: string };
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

export interface PodSpec {
  automountServiceAccountToken?: boolean;
  enableServiceLinks?: boolean;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  containers: Container[];
  initContainers?: Container[];
  volumes?: {
    name: string;
    secret?: { secretName: string };
    configMap?: { name: string };
    persistentVolumeClaim?: { claimName: string };
  }[];
}

export interface ServiceSpec {
  clusterIP?: string;
  selector?: Record<string, string>;
  ports: { name?: string; port: number; targetPort?: number | string }[];
  sessionAffinity?: string;
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'Job', 'Pod']);

export const isWorkload = (object: K8sObject) => WORKLOADS.has(object.kind);

/** The pod template of a workload (a Pod is its own). */
export function podOf(object: K8sObject): { labels: Record<string, string>; spec: PodSpec } {
  if (object.kind === 'Pod') {
    return { labels: (object.metadata.labels ?? {}) as Record<string, string>, spec: object.spec as PodSpec };
  }
  const template = (
    object.spec as { template: { metadata?: { labels?: Record<string, string> }; spec: PodSpec } }
  ).template;
  return { labels: template.metadata?.labels ?? {}, spec: template.spec };
}

export function replicasOf(object: K8sObject): number {
  return (object.spec as { replicas?: number }).replicas ?? 1;
}

export function serviceSpec(object: K8sObject): ServiceSpec {
  return object.spec as ServiceSpec;
}

export function selects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

export function configMapData(object: K8sObject): Record<string, string> {
  return (object.data ?? {}) as Record<string, string>;
}

export function secretData(object: K8sObject): Record<string, string> {
  return Object.fromEntries(
    Object.entries((object.data ?? {}) as Record<string, string>).map(([key, value]) => [
      key,
      Buffer.from(value, 'base64').toString('utf8'),
    ]),
  );
}

/**
 * A container's environment as the kubelet builds it: envFrom first, then env (which wins);
 * `metadata.name` from the downward API becomes `podName`.
 */
export function containerEnv(
  container: Container,
  objects: K8sObject[],
  podName: string,
): Record<string, string> {
  const byName = (kind: string, name: string) => {
    const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
    if (!found) throw new Error(`${container.name} refers to a missing ${kind} ${name}`);
    return found;
  };
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, configMapData(byName('ConfigMap', source.configMapRef.name)));
    if (source.secretRef) Object.assign(env, secretData(byName('Secret', source.secretRef.name)));
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom;
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (from?.fieldRef?.fieldPath === 'metadata.name') env[variable.name] = podName;
    else if (from?.secretKeyRef) {
      const value = secretData(byName('Secret', from.secretKeyRef.name))[from.secretKeyRef.key];
      if (value === undefined) throw new Error(`${variable.name}: no key ${from.secretKeyRef.key}`);
      env[variable.name] = value;
    } else if (from?.configMapKeyRef) {
      const value = configMapData(byName('ConfigMap', from.configMapKeyRef.name))[from.configMapKeyRef.key];
      if (value === undefined) throw new Error(`${variable.name}: no key ${from.configMapKeyRef.key}`);
      env[variable.name] = value;
    } else throw new Error(`${variable.name}: unsupported value source`);
  }
  return env;
}

/** Kubernetes' `$(VAR)` expansion in command/args (an unknown variable is left as written). */
export function expand(words: string[], env: Record<string, string>): string[] {
  return words.map((word) =>
    word.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, name: string) => env[name] ?? all),
  );
}

/** The container port a probe or Service targetPort means (by name or number). */
export function resolvePort(container: Container, port: number | string): number | undefined {
  if (typeof port === 'number')
    return container.ports?.some((p) => p.containerPort === port) ? port : undefined;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

const workloads = (objects: K8sObject[]) => objects.filter(isWorkload);

/** The container port `service` sends `port` to, on the pods it selects ([] when it selects none). */
export function serviceTargets(objects: K8sObject[], service: K8sObject, port: number): number[] {
  const spec = serviceSpec(service);
  const entry = spec.ports.find((p) => p.port === port);
  if (!entry) return [];
  return workloads(objects)
    .filter((w) => selects(spec.selector, podOf(w).labels))
    .flatMap((w) => podOf(w).spec.containers.map((c) => resolvePort(c, entry.targetPort ?? entry.port)))
    .filter((p): p is number => p !== undefined);
}

/** `host:port` → the container port it reaches inside `objects` (Service name or `pod.service`). */
export function reach(objects: K8sObject[], host: string, port: number): number[] {
  const [first, governing] = host.split('.');
  const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === (governing ?? first));
  if (!service) return [];
  if (governing === undefined) return serviceTargets(objects, service, port);
  // A pod name through its StatefulSet's headless Service: name-<ordinal>.<service>.
  const set = workloads(objects).find(
    (w) => w.kind === 'StatefulSet' && (w.spec as { serviceName: string }).serviceName === governing,
  );
  const ordinal = Number(first!.slice((set?.metadata.name.length ?? 0) + 1));
  if (!set || !first!.startsWith(`${set.metadata.name}-`) || !(ordinal < replicasOf(set))) return [];
  return serviceTargets(objects, service, port);
}
