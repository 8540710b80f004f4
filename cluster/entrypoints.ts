import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { tsEntryArgs } from '../lib/ts-entry.ts';
import { compileCacheEnv } from './compile-cache.ts';

/**
 * How the launcher starts a node, the balancer or the demo's load floor. Running the sources loads
 * some hundred modules one by one (with the tsx loader, each through a hook thread: ~1.5 s of CPU
 * per process, so a 3-node cluster needed 4-7 s on a shared 2-core machine). So the first launch
 * bundles our own sources (node_modules stay external) with esbuild — a direct dependency, always
 * installed — into node_modules/.cache/authscale/bundle-<pid>-<random>/, and children run plain
 * `node bundle.mjs`. Any problem with that falls back to the sources (`node nodes/main.ts`, Node
 * stripping the types; tsx on a Node that cannot, see lib/ts-entry.ts); AUTHSCALE_BUNDLE=0 forces
 * the sources.
 *
 * The installed package (`npx authscale`) runs from prebuilt bundles in its dist/: this module is
 * then part of dist/authscale.mjs, with dist/node.mjs, dist/balancer.mjs and dist/floor.mjs beside it, and there
 * are no sources to bundle (nor could Node strip types inside node_modules).
 *
 * Children started from a bundle share a compile cache (compile-cache.ts): compile-cache/ in the
 * bundle's folder, or for the package a folder in the temporary directory; either belongs to this
 * process and goes with it, so stale caches never pile up.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '..');
/** The processes the launcher spawns: a node, the balancer, and the demo's load floor (load/floor/). */
const ENTRIES = {
  node: 'nodes/main.ts',
  balancer: 'balancer/main.ts',
  floor: 'scenarios/load/floor/server.ts',
} as const;
export type Entry = keyof typeof ENTRIES;

/**
 * How our sources are bundled, for the launcher's cache here and for the package's dist/
 * (bin/build-dist.ts) alike: ESM for Node 22, dependencies left to node_modules.
 */
export const BUNDLE_OPTIONS = {
  outExtension: { '.js': '.mjs' },
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node22',
} satisfies BuildOptions;

/** The bundles `npm pack` built (see bin/build-dist.ts), when this code runs from them. */
const PREBUILT: Record<Entry, string> | undefined = (() => {
  const files = {
    node: join(HERE, 'node.mjs'),
    balancer: join(HERE, 'balancer.mjs'),
    floor: join(HERE, 'floor.mjs'),
  };
  return Object.values(files).every((file) => existsSync(file)) ? files : undefined;
})();

/** True when running from the package's prebuilt dist/ (installed with npm), not from sources. */
export const FROM_PACKAGE = PREBUILT !== undefined;

export interface Command {
  command: string;
  args: string[];
  /** What the child's environment needs on top of its own: the compile cache (compile-cache.ts). */
  env: Record<string, string>;
}

interface Bundles {
  files: Record<Entry, string>;
  compileCache: string;
}

let bundled: Promise<Bundles | undefined> | undefined;

/** A folder name unique to this process: pid (for stale clean-up) + random (worker threads…). */
function processFolderName(prefix: string): string {
  return `${prefix}${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** `prefix<pid>-…` folders of processes that are gone (killed before their exit hook ran…). */
function removeStaleFolders(parent: string, prefix: string): void {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = entry.startsWith(prefix) ? Number(/^(\d+)-/.exec(entry.slice(prefix.length))?.[1]) : 0;
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(join(parent, entry), { recursive: true, force: true });
    }
  }
}

async function bundle(): Promise<Bundles | undefined> {
  if (process.env.AUTHSCALE_BUNDLE === '0') return undefined;
  // Inside node_modules so the bundle's bare imports (fastify, ioredis…) resolve as usual.
  const cache = join(ROOT, 'node_modules', '.cache', 'authscale');
  const outdir = join(cache, processFolderName('bundle-'));
  removeStaleFolders(cache, 'bundle-');
  try {
    const esbuild = await import('esbuild');
    mkdirSync(outdir, { recursive: true });
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    await esbuild.build({
      entryPoints: Object.fromEntries(
        Object.entries(ENTRIES).map(([entry, source]) => [entry, join(ROOT, source)]),
      ),
      outdir,
      ...BUNDLE_OPTIONS,
      logLevel: 'silent',
    });
    const files = Object.keys(ENTRIES).map((entry) => [entry, join(outdir, `${entry}.mjs`)]);
    return {
      files: Object.fromEntries(files) as Record<Entry, string>,
      compileCache: join(outdir, 'compile-cache'),
    };
  } catch {
    rmSync(outdir, { recursive: true, force: true });
    return undefined;
  }
}

const PACKAGE_CACHE_PREFIX = 'authscale-compile-cache-';
let packageCompileCache: string | undefined;

/** The package's compile cache: a folder of this process in the temporary directory (Node creates it). */
function packageCompileCacheDir(): string {
  if (packageCompileCache) return packageCompileCache;
  const dir = join(tmpdir(), processFolderName(PACKAGE_CACHE_PREFIX));
  removeStaleFolders(tmpdir(), PACKAGE_CACHE_PREFIX);
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  packageCompileCache = dir;
  return dir;
}

/** The command that runs `entry`: a prebuilt bundle when possible, else the TypeScript source. */
export async function entryCommand(entry: Entry): Promise<Command> {
  const command = process.execPath;
  if (PREBUILT) return { command, args: [PREBUILT[entry]], env: compileCacheEnv(packageCompileCacheDir()) };
  bundled ??= bundle();
  const bundles = await bundled;
  if (bundles) return { command, args: [bundles.files[entry]], env: compileCacheEnv(bundles.compileCache) };
  return { command, args: tsEntryArgs(ENTRIES[entry]), env: compileCacheEnv(undefined) };
}
