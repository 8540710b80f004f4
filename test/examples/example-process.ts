import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../cluster/entrypoints.ts';
import { freePort } from '../../lib/free-port.ts';
import { stopChild } from '../../lib/stop-child.ts';
import { waitFor } from '../../lib/wait-for.ts';

/** One example app started as a real process, the way the audit starts a replica. */
export interface ExampleRun {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  out(): string;
  err(): string;
}

export interface ExampleApp extends ExampleRun {
  readonly url: string;
}

export const EXAMPLES_DIR = join(ROOT, 'examples');
const started: ChildProcess[] = [];

/** Spawns `command` in examples/<name>/ with only PATH and `env` (no inherited secrets). */
export function spawnExample(name: string, command: string[], env: Record<string, string>): ExampleRun {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: join(EXAMPLES_DIR, name),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

/** Starts the app on a free port and waits until GET /health answers 200. */
export async function startExample(
  name: string,
  command: string[],
  env: Record<string, string>,
): Promise<ExampleApp> {
  const port = await freePort();
  const run = spawnExample(name, command, { ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  let exitCode: number | null | undefined;
  void run.exited.then((code) => {
    exitCode = code;
  });
  await waitFor(
    async () => {
      if (exitCode !== undefined) throw new Error(`${name} exited with ${exitCode}: ${run.err().trim()}`);
      const response = await fetch(`${url}/health`);
      return response.status === 200;
    },
    { timeoutMs: 30_000, what: `${name} /health` },
  );
  return { ...run, url };
}

/** For afterEach: stops every process this file started, whatever the test's outcome. */
export async function stopExamples(): Promise<void> {
  await Promise.all(started.splice(0).map((child) => stopChild(child, { graceMs: 2000 })));
}

/** `name=value` of the first Set-Cookie of a response (what a browser would send back). */
export function cookieFrom(response: Response): string | undefined {
  return response.headers.getSetCookie()[0]?.split(';')[0];
}

/** A random secret per test run: nothing secret is written in the repository. */
export function randomSecret(): string {
  return crypto
    .getRandomValues(new Uint8Array(32))
    .reduce((hex, byte) => hex + byte.toString(16).padStart(2, '0'), '');
}

export function jsonPost(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}
