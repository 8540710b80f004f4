import { parseDurationSeconds } from './duration.ts';
import { ConfigError } from './errors.ts';

/**
 * Small readers for environment settings. Each throws a ConfigError that names the variable
 * and what it expects, so `main` can print one line instead of a stack trace.
 */
export type Env = Record<string, string | undefined>;

export function readString(env: Env, name: string, fallback?: string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    if (fallback === undefined) throw new ConfigError(name, 'is required');
    return fallback;
  }
  return value;
}

export function readOptional(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function readChoice<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const value = readString(env, name, fallback);
  if (!(choices as readonly string[]).includes(value)) {
    throw new ConfigError(name, `expected one of ${choices.join(' | ')}, got "${value}"`);
  }
  return value as T;
}

export function readPort(env: Env, name: string, fallback: number): number {
  const text = readString(env, name, String(fallback));
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 0 || port > 65_535) {
    throw new ConfigError(name, `expected a port number 0-65535, got "${text}"`);
  }
  return port;
}

export function readDuration(env: Env, name: string, fallback: string): number {
  const text = readString(env, name, fallback);
  const seconds = parseDurationSeconds(text);
  if (seconds === undefined || seconds <= 0) {
    throw new ConfigError(
      name,
      `expected a duration like 30s, 15m, 1h, 7d or a number of seconds, got "${text}"`,
    );
  }
  return seconds;
}

export function readPositiveInt(env: Env, name: string, fallback: number): number {
  const text = readString(env, name, String(fallback));
  const value = Number(text);
  if (!/^\d+$/.test(text) || value <= 0) {
    throw new ConfigError(name, `expected a positive integer, got "${text}"`);
  }
  return value;
}

/** Runs a `main`, turning a ConfigError into one line on stderr and exit code 1. */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`config error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
