import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

/** Reading docker-compose files the way Docker Compose does (merge keys, `${VAR:-default}`). */

export const ROOT = join(import.meta.dirname, '..', '..');

export interface ComposeService {
  image?: string;
  build?: string | { context: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | { target: number; published?: string | number })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: (string | { source?: string; target: string })[];
  profiles?: string[];
  restart?: string;
  init?: boolean;
  user?: string;
  group_add?: (string | number)[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export function readCompose(file = 'docker-compose.yml'): ComposeFile {
  return parse(readFileSync(join(ROOT, file), 'utf8'), { merge: true }) as ComposeFile;
}

/**
 * Compose interpolation: `${VAR}`, `${VAR:-default}` (default when unset or empty), `${VAR-default}`
 * (default when unset), `$VAR`, and `$$` for a literal `$` left for the container's shell.
 */
export function interpolate(value: string, vars: Record<string, string | undefined> = {}): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced: string | undefined, op: string | undefined, fallback: string | undefined, bare) => {
      if (match === '$$') return '$';
      const name = braced ?? bare;
      const current = vars[name];
      if (op === ':-') return current === undefined || current === '' ? (fallback ?? '') : current;
      if (op === '-') return current === undefined ? (fallback ?? '') : current;
      return current ?? '';
    },
  );
}

/** A service's environment as resolved strings (list or map form), interpolated with `vars`. */
export function serviceEnv(
  service: ComposeService,
  vars: Record<string, string | undefined> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  const raw = service.environment ?? {};
  const entries = Array.isArray(raw)
    ? raw.map((item) => {
        const at = item.indexOf('=');
        return [item.slice(0, at), item.slice(at + 1)] as const;
      })
    : Object.entries(raw).map(([key, value]) => [key, value === null ? '' : String(value)] as const);
  for (const [key, value] of entries) env[key] = interpolate(value, vars);
  return env;
}

/** The command as one string (exec form joined with spaces), interpolated. */
export function commandText(service: ComposeService, vars: Record<string, string | undefined> = {}): string {
  const command = service.command ?? '';
  return interpolate(Array.isArray(command) ? command.join(' ') : command, vars);
}

export function healthcheckText(service: ComposeService): string {
  const test = service.healthcheck?.test ?? '';
  return Array.isArray(test) ? test.join(' ') : test;
}

export function dependsOn(service: ComposeService): string[] {
  const deps = service.depends_on ?? [];
  return Array.isArray(deps) ? deps : Object.keys(deps);
}

/** What the container runs: entrypoint then command, both exec form (`[]` when a part is absent). */
export function execArgv(service: ComposeService): string[] {
  const part = (value: string | string[] | undefined) =>
    value === undefined ? [] : Array.isArray(value) ? value : [value];
  return [...part(service.entrypoint), ...part(service.command)];
}

/** Services that run the app node (`nodes/main.ts`). */
export function nodeServices(compose: ComposeFile): string[] {
  return Object.keys(compose.services).filter((name) =>
    execArgv(compose.services[name]!).includes('nodes/main.ts'),
  );
}

/**
 * A node's compose environment made parseable on this machine: the secret files it names (inside
 * the secrets volume) replaced by files with random values in `dir`.
 */
export function withSecretFiles(env: Record<string, string>, dir: string): Record<string, string> {
  const out = { ...env };
  for (const key of ['AUTH_SECRET_FILE', 'ADMIN_TOKEN_FILE']) {
    if (out[key] === undefined) continue;
    const file = join(dir, key.toLowerCase());
    // Once per dir: every service of one stack shares the same secrets, as with the volume.
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'));
    out[key] = file;
  }
  return out;
}

/** Every non-test .ts file under `dir` (relative to the repo), recursively. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(relative(ROOT, full));
    }
  };
  walk(join(ROOT, dir));
  return out;
}

export function readSources(dirs: string[]): string {
  return dirs
    .flatMap(sourceFiles)
    .map((file) => readFileSync(join(ROOT, file), 'utf8'))
    .join('\n');
}

/**
 * Environment variable names the code reads, found in the source rather than copied into the test:
 * `readX(env, 'NAME' …)` helpers, `env.NAME`, `env['NAME']` and `process.env.NAME`.
 */
export function envNamesRead(dirs: string[]): Set<string> {
  const text = readSources(dirs);
  const names = new Set<string>();
  const patterns = [
    /\(\s*env\s*,\s*['"]([A-Z][A-Z0-9_]*)['"]/g,
    /\benv\.([A-Z][A-Z0-9_]*)\b/g,
    /\benv\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) names.add(match[1]!);
  // readSecret(env, 'NAME', …) also reads NAME_FILE (the Docker/Kubernetes secrets convention).
  for (const match of text.matchAll(/\breadSecret\(\s*env\s*,\s*['"]([A-Z][A-Z0-9_]*)['"]/g)) {
    names.add(`${match[1]}_FILE`);
  }
  return names;
}

/** `http://node1:3001` → { host: 'node1', port: 3001 } for each comma-separated URL. */
export function parseUrls(text: string): { host: string; port: number }[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const url = new URL(item);
      const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
      return { host: url.hostname, port };
    });
}
