import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileCacheEnv } from '../../cluster/compile-cache.ts';
import { ROOT } from '../../cluster/entrypoints.ts';
import { waitFor } from '../../lib/wait-for.ts';
import { startFloor } from '../../scenarios/load/floor/start-floor.ts';

/** The environment a running process was started with (Linux /proc). */
function environOf(pid: number): Record<string, string> {
  const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  return Object.fromEntries(
    entries.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

/** Every file below `dir` (none when it does not exist). */
function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

const USER_SETTINGS = ['NODE_COMPILE_CACHE', 'NODE_DISABLE_COMPILE_CACHE'] as const;
const saved = Object.fromEntries(USER_SETTINGS.map((name) => [name, process.env[name]]));

function restoreUserSettings(): void {
  for (const name of USER_SETTINGS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
}

describe('compileCacheEnv', () => {
  it("gives the launcher's folder when the user set nothing", () => {
    expect(compileCacheEnv('/cache', {})).toEqual({ NODE_COMPILE_CACHE: '/cache' });
    expect(compileCacheEnv(undefined, {})).toEqual({});
  });

  it("hands on the user's own folder or their NODE_DISABLE_COMPILE_CACHE instead", () => {
    expect(compileCacheEnv('/cache', { NODE_COMPILE_CACHE: '/mine' })).toEqual({
      NODE_COMPILE_CACHE: '/mine',
    });
    expect(compileCacheEnv('/cache', { NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual({
      NODE_DISABLE_COMPILE_CACHE: '1',
    });
    expect(compileCacheEnv(undefined, { NODE_COMPILE_CACHE: '/mine' })).toEqual({
      NODE_COMPILE_CACHE: '/mine',
    });
  });
});

describe('the launched processes and the compile cache', () => {
  afterEach(restoreUserSettings);

  it('a floor and its balancer get a cache in the bundle folder, and write it once listening', async () => {
    for (const name of USER_SETTINGS) delete process.env[name];
    const floor = await startFloor('none', 1);
    try {
      const dirs = floor.pids.map((pid) => environOf(pid).NODE_COMPILE_CACHE);
      const cache = join(ROOT, 'node_modules', '.cache', 'authscale', `bundle-${process.pid}-`);
      for (const dir of dirs) expect(dir?.startsWith(cache) && dir.endsWith('/compile-cache')).toBe(true);
      expect(new Set(dirs).size).toBe(1);
      // Both are up, so both have flushed: the cache holds their bundles' code (and their modules').
      await waitFor(() => filesIn(dirs[0]!).length >= 2, { timeoutMs: 5000, what: 'the compile cache' });
    } finally {
      await floor.close();
    }
  });

  it("a user's NODE_COMPILE_CACHE is the folder the processes use", async () => {
    const mine = mkdtempSync(join(tmpdir(), 'authscale-user-cache-'));
    process.env.NODE_COMPILE_CACHE = mine;
    try {
      const floor = await startFloor('none', 1);
      try {
        for (const pid of floor.pids) expect(environOf(pid).NODE_COMPILE_CACHE).toBe(mine);
        await waitFor(() => filesIn(mine).length >= 2, { timeoutMs: 5000, what: "the user's compile cache" });
      } finally {
        await floor.close();
      }
    } finally {
      rmSync(mine, { recursive: true, force: true });
    }
  });

  it("a user's NODE_DISABLE_COMPILE_CACHE reaches the processes, with no folder of ours", async () => {
    process.env.NODE_DISABLE_COMPILE_CACHE = '1';
    const floor = await startFloor('none', 1);
    try {
      for (const pid of floor.pids) {
        const env = environOf(pid);
        expect(env.NODE_DISABLE_COMPILE_CACHE).toBe('1');
        expect(env.NODE_COMPILE_CACHE).toBeUndefined();
      }
    } finally {
      await floor.close();
    }
  });
});
