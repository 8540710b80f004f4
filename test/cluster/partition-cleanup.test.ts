import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { redisServerPath } from '../../lib/redis-server.ts';
import { waitFor } from '../../lib/wait-for.ts';

/**
 * A shaped run with `--fault partition` leaves nothing behind: no network namespace, link, qdisc
 * or firewall rule (the relays need none, and none may appear), and no process — after a normal
 * end and after Ctrl-C in the middle. Processes are found by a marker in their environment, which
 * every process the run starts inherits.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MARK = 'AUTHSCALE_TEST_RUN_MARK';

function tool(command: string, args: string[]): string[] | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter(Boolean);
  } catch {
    return undefined;
  }
}

/**
 * Namespaces, links, qdiscs and firewall rules as the kernel lists them. Docker's own (other work
 * on this machine may start containers meanwhile) are left out: no run of ours creates them.
 */
function networkState(): Record<string, string[]> {
  return {
    netns: tool('ip', ['netns', 'list']) ?? [],
    links: (tool('ip', ['-o', 'link', 'show']) ?? []).map((l) => l.replace(/^\d+: /, '').split(/\s/)[0]!),
    qdiscs: tool('tc', ['qdisc', 'show']) ?? [],
    rules: tool('iptables', ['-S']) ?? [],
  };
}

function added(before: Record<string, string[]>, after: Record<string, string[]>): string[] {
  const notDocker = (line: string) => !/docker|DOCKER|veth|br-[0-9a-f]/.test(line);
  return Object.entries(after).flatMap(([kind, lines]) =>
    lines
      .filter((line) => notDocker(line) && !before[kind]!.includes(line))
      .map((line) => `${kind}: ${line}`),
  );
}

/** Pids of every process whose environment carries this run's marker. */
function markedPids(mark: string): number[] {
  const needle = `${MARK}=${mark}`;
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const env = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      return env.includes(needle) ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

const canSee = process.platform === 'linux' && tool('ip', ['netns', 'list']) !== undefined;

describe.skipIf(!redisServerPath() || !canSee)('a shaped + partition run cleans up after itself', () => {
  const dirs: string[] = [];
  let cli: ChildProcess | undefined;
  afterEach(() => {
    if (cli?.exitCode === null) cli.kill('SIGKILL');
  });
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  const start = async (scenario: string, mark: string) => {
    const out = await mkdtemp(join(tmpdir(), 'authscale-partition-'));
    dirs.push(out);
    const args = ['scenario', scenario, '--modes', 'redis', '--quick', '--users', '6', '--out', out];
    args.push('--network', 'shaped', '--store-rtt', '1ms', '--jitter', '0.2ms', '--fault', 'partition');
    cli = spawn(process.execPath, ['--import', 'tsx', 'scenarios/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: '1', NO_COLOR: '1', REDIS_URL: '', [MARK]: mark },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    cli.stdout?.on('data', (chunk) => (output += chunk));
    cli.stderr?.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((done) => cli!.once('exit', (code) => done(code)));
    return { out, exited, output: () => output };
  };

  const nothingLeft = async (mark: string, before: Record<string, string[]>) => {
    await waitFor(() => markedPids(mark).length === 0, {
      timeoutMs: 15_000,
      what: `every process of the run to exit (left: ${markedPids(mark).map(commandOf).join(' | ')})`,
    });
    expect(added(before, networkState())).toEqual([]);
  };

  it('after a normal end: the report names the fault, nothing is left', async () => {
    const before = networkState();
    const mark = randomBytes(8).toString('hex');
    const run = await start('store-failure', mark);
    expect(await run.exited, run.output()).toBe(0);
    const report = JSON.parse(await readFile(join(run.out, 'report.json'), 'utf8'));
    expect(report.config.fault).toBe('partition');
    expect(report.results[0].scenarios['store-failure'].fault.kind).toBe('partition');
    expect(report.network.links.store.configuredJitterMs).toBe(0.2);
    await nothingLeft(mark, before);
  }, 240_000);

  it('after SIGINT in the middle (relays, nodes, balancer and Redis running): nothing is left', async () => {
    const before = networkState();
    const mark = randomBytes(8).toString('hex');
    const run = await start('node-failure', mark);
    // Every relay up (store, one per node, client) and the cluster behind them.
    await waitFor(
      () => markedPids(mark).filter((pid) => commandOf(pid).includes('relay-main.ts')).length >= 5,
      { timeoutMs: 120_000, what: `the relays to run\n${run.output()}` },
    );
    const running = markedPids(mark).length;
    expect(running).toBeGreaterThanOrEqual(1 + 5 + 3 + 1 + 1); // cli, relays, nodes, balancer, redis
    cli!.kill('SIGINT');
    expect(await run.exited).not.toBeNull();
    await nothingLeft(mark, before);
  }, 240_000);
});
