import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, readCompose, sourceFiles } from './helpers/compose.ts';

/** The Dockerfile and .dockerignore, checked as files (there is no Docker engine to build them here). */

interface Instruction {
  op: string;
  args: string;
}

function instructions(text: string): Instruction[] {
  return text
    .replace(/\\\n/g, ' ') // continuation lines
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [op, ...rest] = line.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(' ') };
    });
}

const dockerfile = instructions(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};
const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { include: string[] };

/** FROM images with `${ARG}` replaced by the ARG defaults declared before them. */
function stages(): { image: string; name?: string; body: Instruction[] }[] {
  const args = new Map<string, string>();
  const out: { image: string; name?: string; body: Instruction[] }[] = [];
  for (const ins of dockerfile) {
    if (ins.op === 'ARG' && out.length === 0) {
      const [name, value] = ins.args.split('=');
      if (value !== undefined) args.set(name!, value);
    } else if (ins.op === 'FROM') {
      const [image, as, name] = ins.args.split(/\s+/);
      const resolved = image!.replace(/\$\{?(\w+)\}?/g, (_, arg: string) => args.get(arg) ?? '');
      out.push({ image: resolved, ...(as?.toUpperCase() === 'AS' && { name: name! }), body: [] });
    } else {
      out.at(-1)?.body.push(ins);
    }
  }
  return out;
}

describe('Dockerfile', () => {
  const all = stages();
  const runtime = all.at(-1)!;

  it('is multi-stage on an official Node ≥ 20 image', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const stage of all) {
      const major = /^node:(\d+)/.exec(stage.image)?.[1];
      expect(major, stage.image).toBeDefined();
      expect(Number(major)).toBeGreaterThanOrEqual(20);
    }
    const engines = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }
    ).engines.node;
    expect(engines).toBe('>=20');
  });

  it('installs with npm ci from the lockfile, and typechecks in the build stage', () => {
    const build = all[0]!;
    const runs = (stage: typeof build) => stage.body.filter((i) => i.op === 'RUN').map((i) => i.args);
    expect(runs(build).some((cmd) => /\bnpm ci\b/.test(cmd))).toBe(true);
    expect(runs(build).some((cmd) => /\bnpm run typecheck\b/.test(cmd))).toBe(true);
    expect(pkg.scripts).toHaveProperty('typecheck');
    expect(runs(runtime).some((cmd) => /\bnpm ci\b.*--omit=dev/.test(cmd))).toBe(true);
    expect(existsSync(join(ROOT, 'package-lock.json'))).toBe(true);
    // tsx runs the TypeScript at runtime, so it must survive --omit=dev.
    expect(pkg.dependencies).toHaveProperty('tsx');
  });

  it('copies every source directory the code needs at runtime (all of tsconfig include but tests)', () => {
    const copied = runtime.body
      .filter((i) => i.op === 'COPY')
      .map((i) => i.args.split(/\s+/).filter((part) => !part.startsWith('--')))
      .map((parts) => parts.at(-1)!.replace(/^\.\//, ''));
    const needed = tsconfig.include.filter((entry) => entry !== 'test' && !entry.endsWith('.ts'));
    for (const dir of needed) {
      expect(existsSync(join(ROOT, dir)), dir).toBe(true);
      expect(copied, dir).toContain(dir);
    }
  });

  it('needs no devDependency at runtime (the runtime stage installs with --omit=dev)', () => {
    const runtimeDirs = tsconfig.include.filter((entry) => entry !== 'test' && !entry.endsWith('.ts'));
    const specifiers = new Set<string>();
    for (const file of runtimeDirs.flatMap(sourceFiles)) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      // Value imports only: `import type` is erased by tsx and needs nothing installed.
      for (const match of text.matchAll(
        /^\s*(?:import(?!\s+type\b)[^'"]*?from\s*|import\s*|export[^'"]*?from\s*)['"]([^'"]+)['"]/gm,
      )) {
        specifiers.add(match[1]!);
      }
      for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specifiers.add(match[1]!);
    }
    const packages = [...specifiers]
      .filter((spec) => !spec.startsWith('.') && !spec.startsWith('node:'))
      .map((spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!));
    expect(packages.length).toBeGreaterThan(0);
    // What `npm ci --omit=dev` installs: lockfile entries not marked dev (direct or transitive).
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    for (const name of new Set(packages)) {
      const entry = lock.packages[`node_modules/${name}`];
      expect(entry, `runtime import of ${name}`).toBeDefined();
      expect(entry?.dev, `runtime import of ${name} is a devDependency`).not.toBe(true);
    }
  });

  it('runs as a non-root user', () => {
    const users = runtime.body.filter((i) => i.op === 'USER').map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    // USER comes before the command it protects.
    const ops = runtime.body.map((i) => i.op);
    const userAt = ops.lastIndexOf('USER');
    const cmdAt = ops.lastIndexOf('CMD');
    expect(cmdAt).toBeGreaterThan(-1);
    expect(userAt).toBeLessThan(cmdAt);
  });

  it("health-checks /health with Node's fetch (the slim image has no curl)", () => {
    const check = runtime.body.find((i) => i.op === 'HEALTHCHECK');
    expect(check?.args).toMatch(/fetch\(/);
    expect(check?.args).toMatch(/'\/health'/);
    expect(check?.args).not.toMatch(/\bcurl\b|\bwget\b/);
  });

  it('lets tini (compose `init: true`) deliver SIGTERM past npm to the Node process', () => {
    const env = runtime.body.filter((i) => i.op === 'ENV').map((i) => i.args);
    expect(env.some((line) => /\bTINI_KILL_PROCESS_GROUP=1\b/.test(line))).toBe(true);
    const compose = readCompose();
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.image === 'authscale:local') expect(service.init, name).toBe(true);
    }
  });

  it('starts a node by default via an npm script that exists', () => {
    const cmd = runtime.body.filter((i) => i.op === 'CMD').at(-1)!;
    const script = /"npm",\s*"run",\s*"([\w:-]+)"/.exec(cmd.args)?.[1];
    expect(script).toBe('node');
    expect(pkg.scripts).toHaveProperty(script!);
  });
});

describe('.dockerignore', () => {
  it('keeps host artefacts out of the build context', () => {
    for (const entry of ['node_modules', '.git', 'reports']) expect(ignore, entry).toContain(entry);
  });

  it('does not exclude anything the build needs', () => {
    const needed = ['package.json', 'package-lock.json', 'tsconfig.json', ...tsconfig.include];
    for (const path of needed) {
      for (const pattern of ignore) {
        const bare = pattern.replace(/^\*\*\//, '').replace(/\/$/, '');
        expect(path === bare || path.startsWith(`${bare}/`), `${pattern} excludes ${path}`).toBe(false);
      }
    }
  });
});
