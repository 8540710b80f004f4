import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cpuShare, machineBusyTicks, readCpuTicks, treeTicks } from '../../../scenarios/core/cpu-share.ts';

const onLinux = process.platform === 'linux';

/** Node code that burns `ms` of its own CPU time, then writes `done` (when given) and exits. */
const burn = (ms: number, done?: string) =>
  `const end = ${ms * 1000}; while (process.cpuUsage().user + process.cpuUsage().system < end);` +
  (done ? `require('node:fs').writeFileSync(${JSON.stringify(done)}, '');` : '');

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('cpu-share: the demo’s own CPU and other work’s, from /proc', () => {
  it('reads the machine’s busy ticks without idle and iowait', () => {
    const stat = 'cpu  100 5 50 9000 40 3 2 7 0 0\ncpu0 50 2 25 4500 20 1 1 3 0 0\n';
    expect(machineBusyTicks(stat)).toBe(100 + 5 + 50 + 3 + 2 + 7);
    expect(() => machineBusyTicks('intr 1 2 3\n')).toThrow(/no aggregate cpu line/);
  });

  it('sums a process and everything below it, and nothing else', () => {
    const processes = new Map([
      [1, { ppid: 0, ticks: 1000 }],
      [10, { ppid: 1, ticks: 5 }],
      [11, { ppid: 10, ticks: 7 }],
      [12, { ppid: 11, ticks: 11 }],
      [13, { ppid: 1, ticks: 300 }],
    ]);
    expect(treeTicks(processes, 10)).toBe(5 + 7 + 11);
    expect(treeTicks(processes, 12)).toBe(11);
    expect(treeTicks(processes, 99)).toBe(0);
  });

  it('turns two readings into average cores, own capped at the machine’s busy time, phases under 1 s left out', () => {
    const before = { busy: 1000, own: 400, atMs: 0 };
    expect(cpuShare(before, { busy: 1300, own: 500, atMs: 2000 })).toEqual({ ownCores: 0.5, otherCores: 1 });
    // Per-process sampling can put the tree a tick above the machine: other work is then 0.
    expect(cpuShare(before, { busy: 1100, own: 503, atMs: 1000 })).toEqual({ ownCores: 1, otherCores: 0 });
    expect(cpuShare(before, { busy: 1100, own: 500, atMs: 0 })).toBeUndefined();
    // 2 ticks in a 20 ms phase would read as a whole core: too short to tell.
    expect(cpuShare(before, { busy: 1002, own: 400, atMs: 20 })).toBeUndefined();
  });

  describe.runIf(onLinux)('on this machine', () => {
    let dir: string | undefined;
    afterEach(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
      dir = undefined;
    });

    it('counts a child it started as its own, also after the child ended', async () => {
      const before = readCpuTicks()!;
      const child = spawn(process.execPath, ['-e', burn(600)], { stdio: 'ignore' });
      const code = await new Promise((resolve) => child.on('exit', resolve));
      expect(code).toBe(0);
      const after = readCpuTicks()!;
      // 60 ticks burned by the child, now in this process's cutime; the machine's busy count is
      // sampled tick by tick, so it gets a few ticks of slack.
      expect(after.own - before.own).toBeGreaterThanOrEqual(58);
      expect(after.busy - before.busy).toBeGreaterThanOrEqual(52);
    });

    it('counts a process it did not start (an orphan, reparented) as other work', async () => {
      dir = await mkdtemp(join(tmpdir(), 'authscale-cpu-share-'));
      const done = join(dir, 'done');
      const before = readCpuTicks()!;
      // The shell starts the burner in the background and exits: the burner leaves this tree.
      const shell = spawn('sh', ['-c', `"${process.execPath}" -e "$BURN" &`], {
        stdio: 'ignore',
        env: { ...process.env, BURN: burn(600, done) },
      });
      await new Promise((resolve) => shell.on('exit', resolve));
      await until(() => existsSync(done), 'the orphan to burn its CPU');
      const after = readCpuTicks()!;
      // In ticks, not cores: the burn may take less than the shortest phase cpuShare accepts.
      const own = after.own - before.own;
      expect(after.busy - before.busy - own).toBeGreaterThanOrEqual(50);
      // This process only polled meanwhile: the orphan's 60 ticks are not in its tree.
      expect(own).toBeLessThan(20);
    });
  });
});
