import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AuditError, type AuditLine } from '../errors.ts';
import { describeIssues } from './issues.ts';
import { envNames, fillEnv, unknownPlaceholders } from './placeholders.ts';
import { type Profile, profileSchema } from './schema.ts';

export interface LoadedProfile {
  /** Validated, with `{%env:…%}` resolved (holds secrets: never print or report it whole). */
  profile: Profile;
  /** As written in the file (placeholders unresolved): safe to summarise in a report. */
  written: Profile;
  file: string;
  /** Directory `app.cwd` is relative to. */
  baseDir: string;
}

/** Every string in `value` with its dotted path. */
function* strings(value: unknown, path: string[] = []): Generator<[string, string]> {
  if (typeof value === 'string') yield [path.join('.'), value];
  else if (Array.isArray(value))
    for (const [i, item] of value.entries()) yield* strings(item, [...path, String(i)]);
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) yield* strings(item, [...path, key]);
}

function mapStrings<T>(value: T, map: (text: string) => string): T {
  if (typeof value === 'string') return map(value) as T;
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)])) as T;
  return value;
}

function parseText(text: string, file: string): unknown {
  try {
    return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? '';
    throw new AuditError('profile-unreadable', { key: 'audit.error.unparsable', params: { file, reason } });
  }
}

/** Checks a parsed profile; every problem is an AuditError with exit code 2 naming the field's path. */
export function validateProfile(
  raw: unknown,
  env: NodeJS.ProcessEnv = process.env,
): { profile: Profile; written: Profile } {
  const result = profileSchema.safeParse(raw);
  if (!result.success) throw new AuditError('profile-invalid', describeIssues(result.error));
  const written = result.data;
  const problems: AuditLine[] = [];
  const missing = new Map<string, string>();
  for (const [path, text] of strings(written)) {
    for (const bad of unknownPlaceholders(text)) {
      problems.push({ key: 'audit.error.placeholder', params: { path, placeholder: bad } });
    }
    for (const name of envNames(text))
      if (env[name] === undefined && !missing.has(name)) missing.set(name, path);
  }
  if (problems.length > 0) throw new AuditError('profile-invalid', problems);
  if (missing.size > 0) {
    const lines = [...missing].map(([name, path]) => ({
      key: 'audit.error.env' as const,
      params: { path, name },
    }));
    throw new AuditError('env-missing', lines);
  }
  return { profile: mapStrings(written, (text) => fillEnv(text, env)), written };
}

/** Reads a YAML or JSON profile file and validates it once. */
export async function loadProfile(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LoadedProfile> {
  const full = resolve(file);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new AuditError('profile-unreadable', { key: 'audit.error.unreadable', params: { file, reason } });
  }
  return { ...validateProfile(parseText(text, full), env), file: full, baseDir: dirname(full) };
}
