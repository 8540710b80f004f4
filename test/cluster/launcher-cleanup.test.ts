import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, livePids, spawnedPids } from '../../cluster/processes.ts';
import { withCluster } from '../../cluster/start-cluster.ts';
import { redisServerPath } from '../../lib/redis-server.ts';
import { waitFor } from '../../lib/wait-for.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const hasRedis = redisServerPath() !== undefined;

/** Direct children of `pid`, from /proc (Linux). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

async function allDead(pids: number[]): Promise<boolean> {
  // A SIGKILLed child is reaped asynchronously; poll briefly.
  await waitFor(() => pids.every((pid) => !isAlive(pid)), {
    timeoutMs: 5000,
    what: 'children to exit',
  }).catch(() => undefined);
  return pids.every((pid) => !isAlive(pid));
}

describe('launcher leaves no process behind', () => {
  let cli: ChildProcess | undefined;
  afterEach(() => {
    if (cli?.pid && isAlive(cli.pid)) cli.kill('SIGKILL');
  });

  it('a node that fails at start: clear error, every started process killed', async () => {
    const from = spawnedPids.length;
    await expect(
      // A too-short AUTH_SECRET makes every node exit at once with a config error.
      withCluster({ mode: 'memory', nodes: 2, env: { AUTH_SECRET: 'short' } }, async () => 'unreachable'),
    ).rejects.toThrow(/AUTH_SECRET/);
    const started = spawnedPids.slice(from);
    expect(started.length).toBeGreaterThanOrEqual(2);
    expect(await allDead(started)).toBe(true);
    expect(livePids()).toEqual([]);
  });

  it.skipIf(!hasRedis)('an error thrown mid-run tears down nodes, balancer and redis', async () => {
    let pids: number[] = [];
    await expect(
      withCluster({ mode: 'redis', nodes: 2, redisUrl: '' }, async (cluster) => {
        pids = cluster.pids();
        throw new Error('boom in the middle of a scenario');
      }),
    ).rejects.toThrow('boom');
    expect(pids.length).toBe(4); // 2 nodes + balancer + redis-server
    expect(await allDead(pids)).toBe(true);
  });

  it('SIGTERM to `npm run cluster` kills its whole cluster', async () => {
    cli = spawn(
      process.execPath,
      ['--import', 'tsx', 'scenarios/cli.ts', 'cluster', '--mode', 'memory', '--nodes', '2'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    cli.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    cli.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    await waitFor(() => output.includes('curl'), { timeoutMs: 45_000, what: 'the cluster banner' });
    expect(output).toMatch(/balancer\s+http:\/\/127\.0\.0\.1:\d+/);
    const children = childrenOf(cli.pid!);
    expect(children.length).toBeGreaterThanOrEqual(3); // 2 nodes + balancer (+ the esbuild service)
    const exited = new Promise<number | null>((done) => cli!.once('exit', (code) => done(code)));
    cli.kill('SIGTERM');
    expect(await exited).not.toBeNull();
    expect(await allDead(children)).toBe(true);
  });
});
