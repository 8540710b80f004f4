import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../lib/free-port.ts';
import { waitFor } from '../../../lib/wait-for.ts';
import { must, run, Stack } from './stack.ts';

/**
 * docker-compose.yml for real (run by docker/compose-test.sh, which provides the engine, the base
 * images and authscale:local). One project, brought up in each mode, then with the Sentinel
 * overlay; everything it made is removed in afterAll, also after a failure. Each check names the
 * issue-11 defect it guards against.
 */

const project = process.env.AUTHSCALE_COMPOSE_PROJECT ?? `authscale-ct-${process.pid}`;
const uid = process.getuid?.() ?? 0;
const gid = process.getgid?.() ?? 0;
const timings: [string, number][] = [];
const reportDirs: string[] = [];
let port = 0;
let stack: Stack;

function timed(label: string, ms: number): void {
  timings.push([label, ms]);
}

function newReportsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'authscale-ct-reports-'));
  reportDirs.push(dir);
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((entry) => join(dir, entry));
}

const base = () => `http://127.0.0.1:${port}`;

async function lbStats(): Promise<{ targets: { up: boolean; nodeId?: string }[] } | undefined> {
  const response = await fetch(`${base()}/__lb/stats`, { signal: AbortSignal.timeout(2000) });
  return response.ok ? ((await response.json()) as { targets: { up: boolean }[] }) : undefined;
}

async function login(username = 'alice'): Promise<{ status: number; cookie: string; mode?: string }> {
  const response = await fetch(`${base()}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `${username}-pw` }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { mode?: string };
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .join('; ');
  return { status: response.status, cookie, ...(body.mode !== undefined && { mode: body.mode }) };
}

async function me(cookie: string): Promise<{ status: number; code?: string; node?: string }> {
  const response = await fetch(`${base()}/api/me`, {
    headers: { cookie },
    signal: AbortSignal.timeout(5000),
  });
  const body = (await response.json().catch(() => ({}))) as { code?: string };
  return { status: response.status, ...body, node: response.headers.get('x-node-id') ?? '' };
}

/** `up -d` in `mode`, then wait until the balancer sees three healthy nodes answering in that mode. */
async function upInMode(mode: string, label: string): Promise<void> {
  stack.env.AUTH_MODE = mode;
  const up = must(await stack.compose(['up', '-d'], { timeoutMs: 300_000 }), `up -d (${mode})`);
  const started = Date.now();
  await waitFor(
    async () => {
      const stats = await lbStats();
      if (stats?.targets.filter((t) => t.up).length !== 3) return false;
      return (await login()).mode === mode;
    },
    { timeoutMs: 120_000, intervalMs: 250, what: `three healthy ${mode} nodes behind the balancer` },
  );
  timed(`${label}: up -d`, up.ms);
  timed(`${label}: balancer sees 3 healthy nodes after up`, Date.now() - started);
}

/** The suite as docs/docker.md documents it: `run --rm scenarios --quick`, as the invoking user. */
async function scenarios(flags: string[], env: Record<string, string>) {
  return stack.compose(['run', '--rm', '-T', 'scenarios', ...flags], { env, timeoutMs: 600_000 });
}

/** When the restarted node gets `docker stop` (see the defect-2 check). */
const STOP_INTO_RESTART_MS = 1000;

const crashScript = (node: string) => `
  const token = require('fs').readFileSync('/run/authscale/admin-token', 'utf8').trim();
  fetch('http://${node}:3001/__admin/crash', { method: 'POST', headers: { 'x-admin-token': token } })
    .then((r) => { console.log(r.status); }, (e) => { console.log('error ' + e.message); });`;

beforeAll(async () => {
  if (!process.env.AUTHSCALE_COMPOSE_CMD) throw new Error('run this through `npm run test:compose`');
  port = await freePort();
  stack = new Stack(project, ['docker-compose.yml'], {
    BALANCER_HOST_PORT: String(port),
    HOST_UID: String(uid),
    HOST_GID: String(gid),
    REPORTS_DIR: newReportsDir(),
  });
});

afterAll(async () => {
  const files = ['docker-compose.yml', 'docker-compose.sentinel.yml'];
  const all = new Stack(project, files, stack?.env ?? {});
  const down = await all.compose(['down', '-v', '--remove-orphans', '-t', '10'], { timeoutMs: 180_000 });
  const left = await run(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`]);
  const volumes = await run([
    'docker',
    'volume',
    'ls',
    '-q',
    '--filter',
    `label=com.docker.compose.project=${project}`,
  ]);
  for (const dir of reportDirs) rmSync(dir, { recursive: true, force: true });
  const width = Math.max(...timings.map(([label]) => label.length));
  process.stdout.write(
    `\ncompose test timings (measured; load average ${readLoad()}):\n` +
      `  base images ready: ${process.env.AUTHSCALE_BASE_IMAGES_SECONDS ?? '?'} s, image build: ${process.env.AUTHSCALE_BUILD_SECONDS ?? '?'} s\n` +
      timings.map(([label, ms]) => `  ${label.padEnd(width)}  ${(ms / 1000).toFixed(1)} s`).join('\n') +
      '\n',
  );
  expect(down.code, down.stderr).toBe(0);
  expect(left.stdout.trim(), 'containers left behind').toBe('');
  expect(volumes.stdout.trim(), 'volumes left behind').toBe('');
}, 240_000);

function readLoad(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

describe('docker compose, memory mode', () => {
  it('comes up healthy, published on 127.0.0.1 only (defect 4)', async () => {
    await upInMode('memory', 'memory');
    const balancerPorts = await stack.inspect<Record<string, { HostIp: string; HostPort: string }[]>>(
      'balancer',
      '.NetworkSettings.Ports',
    );
    expect(balancerPorts['8080/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: String(port) }]);
    for (const service of ['node1', 'redis']) {
      const ports = await stack.inspect<Record<string, unknown[] | null>>(service, '.NetworkSettings.Ports');
      for (const bindings of Object.values(ports)) expect(bindings ?? [], service).toEqual([]);
    }
  });

  it('runs Node itself as the container process: no npm, no sh (defect 3)', async () => {
    for (const service of ['node1', 'balancer']) {
      const top = must(await run(['docker', 'top', await stack.id(service), '-o', 'pid,ppid,args']), 'top');
      const rows = top.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line)!.slice(1));
      const argsOf = new Map(rows.map(([pid, , args]) => [pid!, args!]));
      // tini (docker-init) → node, which strips the types itself: no loader, no esbuild service.
      // (Node names its main thread "MainThread", so `comm` would not say node: the full command
      // line does.)
      const node = rows.filter(([, , args]) =>
        /^node --import \.\/lib\/stop-signals\.ts \w+\/main\.ts/.test(args!),
      );
      expect(node, `${service}: ${top.stdout}`).toHaveLength(1);
      expect(argsOf.get(node[0]![1]!), `${service}: parent of node`).toMatch(/^\/sbin\/docker-init -- node /);
      for (const [, , args] of rows) expect(args, service).toMatch(/^(\/sbin\/docker-init|node) /);
      expect(top.stdout, service).not.toMatch(/\bnpm\b|\bsh -c\b/);
    }
  });

  it('uses generated secrets: files in the volume, no secret in any environment (docs/security.md)', async () => {
    const check = await stack.nodeEval(
      'node1',
      `const fs = require('fs');
       for (const f of ['auth-secret', 'admin-token']) {
         const p = '/run/authscale/' + f; const s = fs.statSync(p);
         console.log(f, (s.mode & 0o777).toString(8), fs.readFileSync(p, 'utf8').trim().length);
       }`,
    );
    expect(must(check, 'stat secrets').stdout.trim().split('\n')).toEqual([
      'auth-secret 440 43',
      'admin-token 440 43',
    ]);
    for (const service of ['node1', 'node2', 'node3', 'balancer']) {
      const env = await stack.inspect<string[]>(service, '.Config.Env');
      for (const entry of env) expect(entry, service).not.toMatch(/^(AUTH_SECRET|ADMIN_TOKEN)=/);
    }
  });

  it('fails (N-1)/N = 6 of 9 requests under round-robin, through the published port', async () => {
    const session = await login();
    expect(session.status).toBe(200);
    const replies = [];
    for (let i = 0; i < 9; i++) replies.push(await me(session.cookie));
    const failed = replies.filter((reply) => reply.status !== 200);
    expect(failed.length).toBe(6);
    for (const reply of failed) expect(reply).toMatchObject({ status: 401, code: 'ERR_SESSION_UNKNOWN' });
    expect(new Set(replies.map((reply) => reply.node)).size).toBe(3);
  });

  it('keeps the crash route off the balancer, even with the right token (defect 4)', async () => {
    for (const path of ['/__admin/crash', '//__admin//crash', '/%5F_admin/crash']) {
      const result = must(
        await stack.nodeEval('node1', crashScript('balancer').replace(':3001/__admin/crash', `:8080${path}`)),
        path,
      );
      expect(result.stdout.trim(), path).not.toBe('202');
    }
    const stats = await lbStats();
    expect(stats?.targets.every((t) => t.up)).toBe(true);
  });

  it('runs the suite as the invoking user: exit 0, report owned by them (defects 1, 2)', async () => {
    const dir = newReportsDir();
    const result = await scenarios(['--quick'], { REPORTS_DIR: dir });
    timed('memory: scenarios --quick', result.ms);
    expect(result.code, result.stderr.slice(-3000)).toBe(0);
    const reports = filesUnder(dir).filter((file) => file.endsWith('report.json'));
    expect(reports).toHaveLength(1);
    for (const file of filesUnder(dir)) expect(statSync(file).uid, file).toBe(uid);
  });

  it('refuses an unwritable report directory before the suite starts (defect 1)', async () => {
    const dir = newReportsDir();
    chmodSync(dir, 0o755); // owned by the invoking user; uid 12345 may not write
    const result = await scenarios(['--quick'], { REPORTS_DIR: dir, HOST_UID: '12345', HOST_GID: '12345' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not writable for uid 12345/);
    expect(filesUnder(dir)).toEqual([]);
    timed('memory: refused unwritable reports (exit 1)', result.ms);
  });

  it('returns the suite’s exit status from the documented command (defect 2)', async () => {
    const result = await scenarios(['--no-such-flag'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no-such-flag/);
  });

  it('stops a node gracefully: SIGTERM reaches Node, the request in flight finishes, exit 0 (defect 3)', async () => {
    // A login whose body arrives 2 s late, sent from node1 straight to node3, is in flight while
    // node3 gets `docker stop`.
    const client = spawn('docker', [
      'exec',
      await stack.id('node1'),
      'node',
      '-e',
      `const body = JSON.stringify({ username: 'alice', password: 'alice-pw' });
       const s = require('net').connect(3001, 'node3', () => {
         s.write('POST /auth/login HTTP/1.1\\r\\nHost: node3\\r\\nContent-Type: application/json\\r\\n' +
           'Content-Length: ' + body.length + '\\r\\nConnection: close\\r\\n\\r\\n' + body.slice(0, 5));
         console.log('READY');
         setTimeout(() => s.end(body.slice(5)), 2000);
       });
       let out = ''; s.on('data', (d) => { out += d; });
       s.on('close', () => console.log('STATUS ' + (out.split(' ')[1] || 'none')));
       s.on('error', (e) => console.log('ERROR ' + e.code));`,
    ]);
    let output = '';
    client.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    const exited = new Promise((resolve) => client.once('close', resolve));
    await waitFor(() => output.includes('READY'), { timeoutMs: 20_000, what: 'the slow request to start' });
    const node3 = await stack.id('node3');
    const stop = must(await run(['docker', 'stop', '-t', '20', node3]), 'docker stop node3');
    await exited;
    expect(output).toMatch(/STATUS 200/);
    expect(await stack.inspect<number>('node3', '.State.ExitCode')).toBe(0);
    expect(stop.ms).toBeLessThan(15_000);
    timed('node3: docker stop with a request in flight', stop.ms);
  });
});

describe('docker compose + docker-compose.haproxy.yml (docs/docker.md: a real balancer)', () => {
  let haproxy: Stack;
  const nodesSeen = async (requests: number) => {
    const seen = new Set<string>();
    for (let i = 0; i < requests; i++) {
      const response = await fetch(`${base()}/health`, { signal: AbortSignal.timeout(2000) });
      seen.add(response.headers.get('x-node-id') ?? '');
    }
    return seen;
  };
  /** `up -d` with STRATEGY, then wait until HAProxy answers from all three nodes. */
  const upWith = async (strategy: string) => {
    haproxy.env.STRATEGY = strategy;
    const up = must(
      await haproxy.compose(['up', '-d'], { timeoutMs: 300_000 }),
      `up -d (haproxy ${strategy})`,
    );
    const started = Date.now();
    await waitFor(async () => (await nodesSeen(3).catch(() => new Set())).size === 3, {
      timeoutMs: 120_000,
      intervalMs: 250,
      what: `HAProxy (${strategy}) answering from three nodes`,
    });
    timed(`haproxy ${strategy}: up -d`, up.ms);
    timed(`haproxy ${strategy}: answering from 3 nodes after up`, Date.now() - started);
  };

  beforeAll(async () => {
    haproxy = new Stack(project, ['docker-compose.yml', 'docker-compose.haproxy.yml'], {
      ...stack.env,
      AUTH_MODE: 'memory',
    });
    const build = must(await haproxy.compose(['build', 'balancer'], { timeoutMs: 300_000 }), 'build haproxy');
    timed('haproxy: image build', build.ms);
  });

  it('round-robin behind HAProxy also fails about (N-1)/N of memory-session requests', async () => {
    await upWith('round-robin');
    const top = must(await run(['docker', 'top', await haproxy.id('balancer'), '-o', 'pid,args']), 'top');
    expect(top.stdout).toMatch(/haproxy -db -f \/usr\/local\/etc\/haproxy\/haproxy\.cfg/);
    const session = await login();
    expect(session.status).toBe(200);
    const replies = [];
    for (let i = 0; i < 9; i++) replies.push(await me(session.cookie));
    const failed = replies.filter((reply) => reply.status !== 200);
    expect(failed.length).toBeGreaterThanOrEqual(5);
    expect(failed.length).toBeLessThanOrEqual(7);
    for (const reply of failed) expect(reply).toMatchObject({ status: 401, code: 'ERR_SESSION_UNKNOWN' });
    expect(new Set(replies.map((reply) => reply.node)).size).toBe(3);
  });

  it('refuses the crash route through HAProxy too, in any spelling (defect 4)', async () => {
    for (const path of ['/__admin/crash', '//__admin//crash', '/%5F_admin/crash', '/%255f_admin/crash']) {
      const result = must(
        await haproxy.nodeEval(
          'node1',
          crashScript('balancer').replace(':3001/__admin/crash', `:8080${path}`),
        ),
        path,
      );
      expect(result.stdout.trim(), path).toBe('403');
    }
  });

  it('sticky behind HAProxy (its `lb` cookie): 0 failures, one node', async () => {
    await upWith('sticky');
    const session = await login();
    expect(session.status).toBe(200);
    expect(session.cookie).toMatch(/(^|; )lb=node-\d/);
    const replies = [];
    for (let i = 0; i < 9; i++) replies.push(await me(session.cookie));
    expect(replies.filter((reply) => reply.status !== 200)).toEqual([]);
    expect(new Set(replies.map((reply) => reply.node)).size).toBe(1);
  });

  it('stops HAProxy gracefully (SIGUSR1 soft stop): exit 0', async () => {
    const stop = must(await haproxy.compose(['stop', '-t', '20', 'balancer'], { timeoutMs: 60_000 }), 'stop');
    timed('haproxy: stop', stop.ms);
    expect(await haproxy.inspect<number>('balancer', '.State.ExitCode')).toBe(0);
  });
});

describe('docker compose, redis mode', () => {
  it('comes up in redis mode and passes the suite', async () => {
    await upInMode('redis', 'redis');
    const dir = newReportsDir();
    const result = await scenarios(['--quick'], { REPORTS_DIR: dir });
    timed('redis: scenarios --quick', result.ms);
    expect(result.code, result.stderr.slice(-3000)).toBe(0);
    for (const file of filesUnder(dir)) expect(statSync(file).uid, file).toBe(uid);
    const report = filesUnder(dir).find((file) => file.endsWith('report.json'));
    expect(report).toBeDefined();
  });

  it('restarts a node that crashed through its admin route', async () => {
    const before = await stack.inspect<number>('node2', '.RestartCount');
    const crashed = Date.now();
    const result = must(await stack.nodeEval('node1', crashScript('node2')), 'crash node2');
    expect(result.stdout.trim()).toBe('202');
    await waitFor(async () => (await stack.inspect<number>('node2', '.RestartCount')) > before, {
      timeoutMs: 30_000,
      intervalMs: 100,
      what: 'node2 to be restarted',
    });
    timed('node2: crash → restarted by Docker', Date.now() - crashed);
    await waitFor(async () => (await stack.inspect<string>('node2', '.State.Health.Status')) === 'healthy', {
      timeoutMs: 60_000,
      intervalMs: 250,
      what: 'node2 healthy again',
    });
    timed('node2: crash → healthy again', Date.now() - crashed);
  });
});

describe('docker compose: stopped while restarting (defect 2)', () => {
  it('a node stopped just after Docker restarted it (crash route) exits 0, not 143', async () => {
    // `docker inspect` on the id directly (a compose call costs seconds): stop as early as we can.
    const id = await stack.id('node2');
    const state = async () =>
      JSON.parse(must(await run(['docker', 'inspect', '--format', '{{json .}}', id]), 'inspect').stdout) as {
        RestartCount: number;
        State: { Running: boolean; Restarting: boolean; StartedAt: string; ExitCode: number };
      };
    const before = (await state()).RestartCount;
    must(await stack.nodeEval('node1', crashScript('node2')), 'crash node2');
    let restarted = await state();
    await waitFor(
      async () => {
        restarted = await state();
        // While Docker waits to restart it, the container is "Running" and "Restarting", with
        // the crash's exit code: a stop then only cancels the restart.
        return restarted.RestartCount > before && restarted.State.Running && !restarted.State.Restarting;
      },
      { timeoutMs: 30_000, intervalMs: 20, what: 'node2 to be restarted' },
    );
    // One second into the restart: long before the node listens (seconds here), well after
    // Node's own boot (~0.1–0.2 s), the only part no JavaScript can cover (measured in docs/docker.md).
    const startedAt = Date.parse(restarted.State.StartedAt);
    await waitFor(() => Date.now() >= startedAt + STOP_INTO_RESTART_MS, {
      intervalMs: 5,
      what: 'the stop moment',
    });
    const stop = must(await run(['docker', 'stop', '-t', '20', id]), 'docker stop node2');
    timed(
      `node2: stopped ${Date.now() - stop.ms - startedAt} ms into its restart; docker stop took`,
      stop.ms,
    );
    expect((await state()).State.ExitCode).toBe(0);
    must(await stack.compose(['start', 'node2']), 'start node2');
  });
});

describe('docker compose, jwt mode', () => {
  it('comes up in jwt mode and passes the suite', async () => {
    await upInMode('jwt', 'jwt');
    const dir = newReportsDir();
    const result = await scenarios(['--quick'], { REPORTS_DIR: dir });
    timed('jwt: scenarios --quick', result.ms);
    expect(result.code, result.stderr.slice(-3000)).toBe(0);
    for (const file of filesUnder(dir)) expect(statSync(file).uid, file).toBe(uid);
  });

  it('shuts everything down gracefully: every Node process exits 0', async () => {
    const stop = must(await stack.compose(['stop', '-t', '20'], { timeoutMs: 120_000 }), 'stop');
    timed('stop (whole stack)', stop.ms);
    for (const service of ['node1', 'node2', 'node3', 'balancer', 'redis']) {
      expect(await stack.inspect<number>(service, '.State.ExitCode'), service).toBe(0);
    }
    const down = must(await stack.compose(['down', '-v', '-t', '20'], { timeoutMs: 120_000 }), 'down');
    timed('down -v', down.ms);
  });
});

describe('docker compose + docker-compose.sentinel.yml', () => {
  it('fails over to the replica when the primary stops, and the session survives (defect 5)', async () => {
    stack = new Stack(project, ['docker-compose.yml', 'docker-compose.sentinel.yml'], stack.env);
    await upInMode('redis', 'sentinel');
    const replication = must(
      await run(['docker', 'exec', await stack.id('redis-replica'), 'redis-cli', 'info', 'replication']),
      'replica info',
    );
    expect(replication.stdout).toMatch(/master_link_status:up/);
    const session = await login();
    expect((await me(session.cookie)).status).toBe(200);
    const stopped = Date.now();
    must(await stack.compose(['stop', '-t', '5', 'redis']), 'stop redis');
    const sentinelMaster = async () =>
      (
        await run([
          'docker',
          'exec',
          await stack.id('sentinel1'),
          'redis-cli',
          '-p',
          '26379',
          'sentinel',
          'get-master-addr-by-name',
          'authscale',
        ])
      ).stdout;
    await waitFor(async () => /redis-replica/.test(await sentinelMaster()), {
      timeoutMs: 60_000,
      intervalMs: 250,
      what: 'the sentinels to promote redis-replica',
    });
    timed('sentinel: primary stopped → replica promoted', Date.now() - stopped);
    const failures: number[] = [];
    await waitFor(
      async () => {
        const reply = await me(session.cookie).catch(() => ({ status: 0 }));
        if (reply.status !== 200) failures.push(reply.status);
        return reply.status === 200;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'the session to work again after the failover' },
    );
    timed('sentinel: primary stopped → the same session works again', Date.now() - stopped);
    expect(failures.every((status) => status === 503 || status === 0)).toBe(true);
  });
});
