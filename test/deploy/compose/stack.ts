import { spawn } from 'node:child_process';
import { ROOT } from '../../helpers/compose.ts';

/**
 * Driving a compose project from the e2e test: Compose v2 (`docker compose`) or v1
 * (`docker-compose` 1.29), whichever docker/compose-test.sh picked. Every command is timed.
 */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export function run(
  command: string[],
  options: { env?: Record<string, string>; timeoutMs?: number; input?: string } = {},
): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, ms: Date.now() - started });
    });
    child.stdin.end(options.input ?? '');
  });
}

export function must(result: Run, what: string): Run {
  if (result.code !== 0) {
    throw new Error(
      `${what} exited ${result.code}\n${result.stderr.slice(-3000)}\n${result.stdout.slice(-2000)}`,
    );
  }
  return result;
}

export class Stack {
  readonly files: string[];
  env: Record<string, string>;

  readonly project: string;

  constructor(project: string, files: string[], env: Record<string, string>) {
    this.project = project;
    this.files = files;
    this.env = env;
  }

  /**
   * The compose command line for `args`. The scenarios profile is named for `run` and `down` only:
   * with it, `up` would start the suite too (and Compose v1 wants it for `run` of a profiled service).
   */
  argv(args: string[]): string[] {
    const base = (process.env.AUTHSCALE_COMPOSE_CMD ?? 'docker-compose').split(' ');
    const profile = args[0] === 'run' || args[0] === 'down' ? ['--profile', 'scenarios'] : [];
    return [...base, '-p', this.project, ...this.files.flatMap((file) => ['-f', file]), ...profile, ...args];
  }

  compose(args: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Run> {
    return run(this.argv(args), { ...options, env: { ...this.env, ...options.env } });
  }

  /** The container id of `service` (first replica). */
  async id(service: string): Promise<string> {
    const result = must(await this.compose(['ps', '-q', service]), `ps ${service}`);
    const id = result.stdout.trim().split('\n')[0];
    if (!id) throw new Error(`${service}: no container`);
    return id;
  }

  async inspect<T>(service: string, format: string): Promise<T> {
    const id = await this.id(service);
    const result = must(await run(['docker', 'inspect', '--format', `{{json ${format}}}`, id]), 'inspect');
    return JSON.parse(result.stdout) as T;
  }

  /** `node -e SCRIPT` inside a running service container (its network, its mounts). */
  async nodeEval(service: string, script: string, timeoutMs = 30_000): Promise<Run> {
    return run(['docker', 'exec', await this.id(service), 'node', '-e', script], { timeoutMs });
  }
}
