import { readFileSync } from 'node:fs';
import { type Env, readOptional } from '../../lib/env.ts';
import { ConfigError } from '../../lib/errors.ts';
import { publicOrWeakReason } from './known-values.ts';

export interface SecretSetting {
  value: string;
  /** The variable the value came from (`AUTH_SECRET` or `AUTH_SECRET_FILE`), for messages. */
  source: string;
}

export interface SecretRules {
  /** Minimum length in bytes (UTF-8). */
  minBytes: number;
  /** What to suggest when the value is missing or too short. */
  hint: string;
}

function readSecretFile(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(variable, `cannot read the file "${path}" (${reason})`);
  }
}

/**
 * A secret from `<NAME>_FILE` (the Docker/Kubernetes secrets convention; wins when set) or else
 * `<NAME>`; surrounding whitespace (a file's trailing newline) is trimmed. Undefined when neither
 * is set; too short is an error naming the variable the value came from.
 */
export function readSecret(env: Env, name: string, rules: SecretRules): SecretSetting | undefined {
  const fileVariable = `${name}_FILE`;
  const path = readOptional(env, fileVariable);
  const setting =
    path !== undefined
      ? { value: readSecretFile(fileVariable, path), source: fileVariable }
      : { value: readOptional(env, name)?.trim() ?? '', source: name };
  if (path === undefined && setting.value === '') return undefined;
  if (Buffer.byteLength(setting.value) < rules.minBytes) {
    const what = path !== undefined ? `the file "${path}" must hold` : 'must be';
    throw new ConfigError(setting.source, `${what} at least ${rules.minBytes} bytes (${rules.hint})`);
  }
  return setting;
}

/**
 * Refuses a publicly known or obviously weak secret. With the explicit demo flag the node runs
 * anyway and the returned warning is printed on every start.
 */
export function checkNotPublic(setting: SecretSetting, allowDemo: boolean): string | undefined {
  const reason = publicOrWeakReason(setting.value);
  if (reason === undefined) return undefined;
  if (!allowDemo) {
    throw new ConfigError(
      setting.source,
      `refused: ${reason}, so anyone can use it. Generate one (openssl rand -base64 32); ` +
        'ALLOW_DEMO_SECRET=1 starts anyway, for a throwaway demo only',
    );
  }
  return `${setting.source} is not secret (${reason}); running only because ALLOW_DEMO_SECRET=1`;
}
