import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../cluster/entrypoints.ts';
import { freePort } from '../../lib/free-port.ts';
import { stopChild } from '../../lib/stop-child.ts';
import { waitFor } from '../../lib/wait-for.ts';

/**
 * The package as a user gets it: `npm pack` (prepack bundles dist/), `npm install <tarball>` in an
 * empty folder, then `npx authscale …` there. The installed copy holds no TypeScript sources, so
 * every process it starts (nodes, balancer) must come from its prebuilt bundles.
 */
const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'authscale-package-'));
const app = join(work, 'app');
const children: ChildProcess[] = [];

async function npx(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run('npx', ['--no-install', 'authscale', ...args], {
      cwd: app,
      env: { ...process.env, NO_COLOR: '1', LANG: 'C', LC_ALL: '', ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/**
 * A copy of the work tree's sources (tracked and new files, never ignored ones) with the installed
 * node_modules linked in: `npm pack` builds dist/ there, so the tests leave the work tree as it was
 * and the package is built from the sources alone, never from a stale dist/.
 */
async function sourceCopy(): Promise<string> {
  const copy = join(work, 'source');
  const listed = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
  });
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (existsSync(join(ROOT, file))) cpSync(join(ROOT, file), join(copy, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

beforeAll(async () => {
  const packed = await run('npm', ['pack', '--silent', '--pack-destination', work], {
    cwd: await sourceCopy(),
  });
  const tarball = join(work, packed.stdout.trim().split('\n').at(-1)!);
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "empty", "private": true }\n');
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: app });
}, 300_000);

afterAll(async () => {
  await Promise.all(children.map((child) => stopChild(child)));
  rmSync(work, { recursive: true, force: true });
});

describe('npx authscale from the packed tarball', () => {
  it('ships built JS and the page assets, no TypeScript sources', () => {
    const installed = join(app, 'node_modules', 'authscale');
    for (const file of [
      'dist/authscale.mjs',
      'dist/node.mjs',
      'dist/balancer.mjs',
      'dist/floor.mjs',
      'classroom/page/index.html',
    ]) {
      expect(existsSync(join(installed, file)), file).toBe(true);
    }
    expect(existsSync(join(installed, 'nodes'))).toBe(false);
    expect(readdirSync(installed).filter((name) => name.endsWith('.ts'))).toEqual([]);
  });

  it('--help lists the commands, --version prints the version, a bad command exits 2', async () => {
    const help = await npx(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['demo', 'scenario', 'cluster', 'classroom', 'audit']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
    const version = await npx(['--version']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
    // Also run by path (not through the .bin link): the bundle must not mistake itself for one CLI.
    const direct = await run(process.execPath, [
      join(app, 'node_modules/authscale/dist/authscale.mjs'),
      '--version',
    ]);
    expect(direct.stdout.trim()).toBe(pkg.version);
    const bad = await npx(['nonsense']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown command "nonsense"/);
  });

  it('scenario relogin --quick starts real nodes from the package and writes reports under the cwd', async () => {
    // The nodes' compile cache goes to a folder of the launcher's in the temporary directory.
    const temporary = join(work, 'tmp');
    mkdirSync(temporary);
    const appeared = new Set<string>();
    const watcher = watch(temporary, (_event, name) => name && appeared.add(name));
    const result = await npx(['scenario', 'relogin', '--quick', '--modes', 'memory', '--nodes', '2'], {
      TMPDIR: temporary,
    }).finally(() => watcher.close());
    expect(result.code, result.stderr).toBe(0);
    const caches = (names: Iterable<string>) =>
      [...names].filter((name) => name.startsWith('authscale-compile-cache-'));
    expect(caches(appeared)).toHaveLength(1);
    expect(caches(readdirSync(temporary))).toEqual([]); // …and goes with it
    const [dir] = readdirSync(join(app, 'reports'));
    const report = JSON.parse(readFileSync(join(app, 'reports', dir!, 'report.json'), 'utf8'));
    const relogin = report.results[0].scenarios.relogin;
    // Two in-memory nodes behind round-robin: sessions of one node are unknown to the other.
    expect(relogin.requests).toBeGreaterThan(0);
    expect(relogin.expectedRate).toBe(0.5);
    expect(relogin.failureRate).toBeGreaterThan(0);
  });

  it('audit from the package: its help, and a bad profile is exit 2 naming the field', async () => {
    const help = await npx(['audit', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--profile FILE');
    const profile = join(work, 'bad-profile.yaml');
    writeFileSync(profile, 'app:\n  command: [node, server.js]\n  bogus: 1\n');
    const bad = await npx(['audit', '--profile', profile]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/app\.bogus/);
  });

  it('classroom serves its console page from the package and stops on SIGINT', async () => {
    const [port, balancerPort] = [await freePort(), await freePort()];
    const child = spawn(
      join(app, 'node_modules', '.bin', 'authscale'),
      [
        'classroom',
        '--mode',
        'jwt',
        '--nodes',
        '2',
        '--port',
        String(port),
        '--balancer-port',
        String(balancerPort),
      ],
      { cwd: app, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const page = await waitFor(
      async () => {
        const response = await fetch(`http://127.0.0.1:${port}/`);
        return response.ok ? response.text() : undefined;
      },
      { timeoutMs: 45_000, what: 'classroom console' },
    );
    expect(page).toMatch(/<html/i);
    expect((await fetch(`http://127.0.0.1:${balancerPort}/health`)).status).toBeLessThan(500);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
