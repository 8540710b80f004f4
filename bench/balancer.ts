import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, get, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import httpProxy from 'http-proxy';
import { Pool } from 'undici';
import { freePort } from '../lib/free-port.ts';
import { stopChild } from '../lib/stop-child.ts';
import { waitFor } from '../lib/wait-for.ts';

/**
 * `npm run bench -- balancer [--duration 20] [--rounds 5] [--connections 50] [--warmup 3]
 *   [--rows balancer,nginx] [--profile]`
 *
 * Same three upstreams, same autocannon load (keep-alive connections, warm-up first), one row at a
 * time, in interleaved rounds (`--duration` is split over them) so load from elsewhere on a shared
 * machine hits every row alike; each figure is the median over the rounds, with min–max. Rows:
 * direct to one upstream; this balancer (round-robin, undici pools); a minimal undici forwarder
 * (the floor for a Node forwarder on undici); a bare http-proxy without and with a keep-alive agent
 * (the keep-alive one is what the balancer used to be built on); a plain node:http forwarder;
 * nginx (1 worker) and HAProxy (1 thread), both round-robin with upstream keep-alive, when on PATH.
 * Prints req/s, p50, p99, proxy CPU per request, the ratios to nginx, the targets and the load
 * average before and after (absolute figures depend on what else the machine runs: compare ratios
 * inside one run).
 *
 * Upstreams are minimal node:http servers (GET /bench → small JSON + x-node-id), each its own
 * process: the point is the proxy's own cost, which a heavier upstream would hide, and the numbers
 * do not depend on the app node. Every proxy runs in its own process, like in production.
 * `--profile` runs the balancer with `--cpu-prof` and prints where its CPU time goes.
 */
const SELF = fileURLToPath(import.meta.url);
const NGINX_ROW = 'nginx (1 worker, upstream keep-alive)';
const HAPROXY_ROW = 'HAProxy (1 thread, http-reuse always)';
const OURS_ROW = 'authscale balancer (round-robin, undici)';
/** The balancer as it was on http-proxy (issue 12's 193 µs), run from git history for comparison. */
const LEGACY_COMMIT = '5de2d7a';
const LEGACY_ROW = `authscale balancer before (http-proxy, ${LEGACY_COMMIT})`;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/**
 * Issue 12's targets: CPU per request ≤ 0.6 × the http-proxy balancer's 193 µs (also checked
 * against that balancer measured in the same run), throughput and p99 against nginx.
 */
const TARGETS = { cpuUsPerReq: 0.6 * 193, rpsVsNginx: 0.4, p99VsNginx: 2.5 } as const;

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU time of the proxy process(es) per request: contention-independent cost. */
  cpuUsPerReq?: number;
}

/** A row combined over rounds: medians, with each metric's min and max. */
interface Combined extends Row {
  rounds: number;
  spread: Record<'rps' | 'p99' | 'cpu', [number, number] | undefined>;
}

interface Options {
  duration: number;
  connections: number;
  warmup: number;
  /** Rows are measured in interleaved rounds so load from elsewhere hits every row alike. */
  rounds: number;
  profile: boolean;
  /** Row filter (`--rows balancer,nginx`): substrings of row names; all rows when empty. */
  rows: string[];
}

function parseArgs(args: string[]): Options {
  // `--rows a,b` takes a value; a missing one means all rows.
  const value = (flag: string, fallback: number) => {
    const at = args.indexOf(flag);
    const parsed = at === -1 ? Number.NaN : Number(args[at + 1]);
    return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
  };
  return {
    duration: value('--duration', 20),
    connections: value('--connections', 50),
    warmup: value('--warmup', 3),
    rounds: value('--rounds', 5),
    profile: args.includes('--profile'),
    rows: (args[args.indexOf('--rows') + 1] ?? '')
      .split(',')
      .filter((r) => args.includes('--rows') && r !== ''),
  };
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function spawnChild(command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function spawnRole(role: string, env: Record<string, string>, nodeFlags: string[] = []): ChildProcess {
  return spawnChild(process.execPath, [...nodeFlags, '--import', 'tsx', SELF], { BENCH_ROLE: role, ...env });
}

function ok(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('error', () => resolve(false));
    req.once('timeout', () => req.destroy());
  });
}

async function ready(url: string): Promise<void> {
  // Cold tsx starts of nine processes at once on a busy shared machine can take a minute.
  await waitFor(() => ok(url), { timeoutMs: 120_000, intervalMs: 100, what: url });
}

async function load(url: string, options: Options, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections: options.connections, duration: seconds, pipelining: 1 });
}

/** utime+stime in µs of a process and its direct children (nginx workers), from /proc; 0 elsewhere. */
function cpuMicros(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const read = (p: string) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10_000; // clock ticks of 10 ms
    } catch {
      return 0;
    }
  };
  let children: string[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {}
  return read(String(pid)) + children.reduce((sum, c) => sum + read(c), 0);
}

async function measure(
  name: string,
  url: string,
  options: Options,
  seconds: number,
  pid?: number,
): Promise<Row> {
  const cpuBefore = cpuMicros(pid);
  const result = await load(url, options, seconds);
  const cpu = cpuMicros(pid) - cpuBefore;
  return {
    cpuUsPerReq: pid !== undefined && result.requests.total > 0 ? cpu / result.requests.total : undefined,
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

function nginxPath(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : undefined;
}

function nginxConfig(dir: string, port: number, upstreamPorts: number[]): string {
  const servers = upstreamPorts.map((p) => `    server 127.0.0.1:${p};`).join('\n');
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream nodes {
${servers}
    keepalive 256;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://nodes;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`;
}

/**
 * Extracts the http-proxy balancer (and the lib/ it imports) from git history into a directory
 * inside the repository (so its imports resolve to our node_modules); undefined without git.
 */
function extractLegacyBalancer(): string | undefined {
  const dir = join(ROOT, '.bench-legacy');
  rmSync(dir, { recursive: true, force: true });
  const archive = spawnSync(
    'sh',
    [
      '-c',
      `mkdir -p "${dir}" && git -C "${ROOT}" archive ${LEGACY_COMMIT} balancer lib | tar -x -C "${dir}"`,
    ],
    { encoding: 'utf8' },
  );
  if (archive.status === 0) return join(dir, 'balancer', 'main.ts');
  rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`legacy balancer: git archive ${LEGACY_COMMIT} failed, row skipped\n`);
  return undefined;
}

function haproxyPath(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : undefined;
}

function haproxyConfig(port: number, upstreamPorts: number[]): string {
  const servers = upstreamPorts.map((p, i) => `  server s${i + 1} 127.0.0.1:${p}`).join('\n');
  return `global
  nbthread 1
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
  option http-keep-alive
  option forwardfor
  http-reuse always
frontend fe
  bind 127.0.0.1:${port}
  default_backend nodes
backend nodes
  balance roundrobin
${servers}
`;
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function range(spread: [number, number] | undefined, digits = 0): string {
  return spread ? ` (${fmt(spread[0], digits)}–${fmt(spread[1], digits)})` : '';
}

function printTable(rows: Combined[], nginx: Row | undefined): void {
  const header = [
    'target',
    'req/s (min–max)',
    'p50 ms',
    'p99 ms (min–max)',
    'errors',
    'non-2xx',
    'proxy CPU µs/req (min–max)',
    '× nginx req/s',
    '× nginx p99',
  ];
  const lines = rows.map((r) => [
    r.name,
    fmt(r.rps) + range(r.spread.rps),
    fmt(r.p50, 1),
    fmt(r.p99, 1) + range(r.spread.p99, 1),
    String(r.errors),
    String(r.non2xx),
    r.cpuUsPerReq === undefined ? '-' : fmt(r.cpuUsPerReq) + range(r.spread.cpu),
    nginx ? fmt(r.rps / nginx.rps, 2) : '-',
    nginx ? fmt(r.p99 / Math.max(nginx.p99, 0.001), 2) : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const render = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(`${render(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
  for (const line of lines) process.stdout.write(`${render(line)}\n`);
}

/** Issue 12's targets for this balancer, each with the measured figure and pass/miss. */
function printTargets(
  ours: Combined | undefined,
  nginx: Combined | undefined,
  before: Combined | undefined,
): void {
  if (!ours) return;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const lines: string[] = [];
  if (ours.cpuUsPerReq !== undefined) {
    lines.push(
      `proxy CPU ${fmt(ours.cpuUsPerReq)} µs/request (target ≤ ${fmt(TARGETS.cpuUsPerReq)}): ${verdict(ours.cpuUsPerReq <= TARGETS.cpuUsPerReq)}`,
    );
  }
  if (ours.cpuUsPerReq !== undefined && before?.cpuUsPerReq !== undefined) {
    const ratio = ours.cpuUsPerReq / before.cpuUsPerReq;
    lines.push(
      `proxy CPU ${fmt(ratio, 2)}× the http-proxy balancer in this run (target ≤ 0.60): ${verdict(ratio <= 0.6)}`,
    );
  }
  if (nginx) {
    const rps = ours.rps / nginx.rps;
    const p99 = ours.p99 / Math.max(nginx.p99, 0.001);
    lines.push(
      `throughput ${fmt(rps, 2)}× nginx (target ≥ ${TARGETS.rpsVsNginx}): ${verdict(rps >= TARGETS.rpsVsNginx)}`,
    );
    lines.push(
      `p99 ${fmt(p99, 2)}× nginx (target ≤ ${TARGETS.p99VsNginx}): ${verdict(p99 <= TARGETS.p99VsNginx)}`,
    );
  }
  process.stdout.write(`\nbalancer targets (issue 12, medians of ${ours.rounds} interleaved rounds):\n`);
  for (const line of lines) process.stdout.write(`  ${line}\n`);
}

function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** Sums self time per function from a V8 .cpuprofile and prints the top entries. */
function printProfile(dir: string): void {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) {
    process.stdout.write('no .cpuprofile written\n');
    return;
  }
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    total += dt;
    const { functionName, url, lineNumber } = node.callFrame;
    const short = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/authscale\//, '');
    const key = `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const area = url.includes('node_modules/http-proxy')
      ? 'http-proxy'
      : url.includes('/balancer/')
        ? 'balancer/'
        : url.startsWith('node:')
          ? 'node core (JS)'
          : url === ''
            ? `(${functionName})`
            : 'other';
    byArea.set(area, (byArea.get(area) ?? 0) + dt);
  });
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${fmt((100 * v) / total, 1).padStart(5)}%  ${k}`)
      .join('\n');
  process.stdout.write(`\nbalancer CPU profile (self time, ${fmt(total / 1000)} ms sampled)\nby area:\n`);
  process.stdout.write(`${top(byArea, 8)}\ntop functions:\n${top(self, 20)}\n`);
}

interface Subject {
  name: string;
  url: string;
  /** Process whose CPU time is charged to the row (proxy rows only). */
  pid?: number;
  child?: ChildProcess;
  rounds: Row[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function spreadOf(values: number[]): [number, number] | undefined {
  return values.length > 1 ? [Math.min(...values), Math.max(...values)] : undefined;
}

/** Median over rounds of req/s, latency percentiles and CPU per request; errors summed. */
function combine(subject: Subject): Combined {
  const rounds = subject.rounds;
  const rps = rounds.map((r) => r.rps);
  const p99 = rounds.map((r) => r.p99);
  const cpu = rounds.map((r) => r.cpuUsPerReq).filter((v): v is number => v !== undefined);
  return {
    name: subject.name,
    rounds: rounds.length,
    rps: median(rps),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(p99),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
    cpuUsPerReq: cpu.length ? median(cpu) : undefined,
    spread: { rps: spreadOf(rps), p99: spreadOf(p99), cpu: spreadOf(cpu) },
  };
}

export async function run(args: string[]): Promise<void> {
  const options = parseArgs(args);
  const upstreamPorts = await Promise.all([0, 1, 2].map(() => freePort()));
  const targets = upstreamPorts.map((p) => `http://127.0.0.1:${p}`);
  const upstreams = upstreamPorts.map((port, i) =>
    spawnRole('upstream', { BENCH_PORT: String(port), BENCH_NODE_ID: `bench-${i + 1}` }),
  );
  let loadBefore = '';
  const profileDir = options.profile ? mkdtempSync(join(tmpdir(), 'authscale-prof-')) : undefined;
  const nginxDir = mkdtempSync(join(tmpdir(), 'authscale-nginx-'));
  chmodSync(nginxDir, 0o755);
  const subjects: Subject[] = [];
  const wanted = (name: string) => options.rows.length === 0 || options.rows.some((r) => name.includes(r));
  const add = async (name: string, start: (port: number) => ChildProcess) => {
    if (!wanted(name)) return;
    const port = await freePort();
    const child = start(port);
    subjects.push({ name, url: `http://127.0.0.1:${port}/bench`, pid: child.pid, child, rounds: [] });
  };
  try {
    await Promise.all(targets.map((t) => ready(`${t}/bench`)));
    if (wanted('direct'))
      subjects.push({ name: 'direct (one upstream)', url: `${targets[0]}/bench`, rounds: [] });
    await add(OURS_ROW, (port) =>
      spawnChild(
        process.execPath,
        [
          ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
          '--import',
          'tsx',
          fileURLToPath(new URL('../balancer/main.ts', import.meta.url)),
        ],
        { TARGETS: targets.join(','), PORT: String(port), HOST: '127.0.0.1', STRATEGY: 'round-robin' },
      ),
    );
    const legacy = wanted(LEGACY_ROW) ? extractLegacyBalancer() : undefined;
    if (legacy) {
      await add(LEGACY_ROW, (port) =>
        spawnChild(process.execPath, ['--import', 'tsx', legacy], {
          TARGETS: targets.join(','),
          PORT: String(port),
          HOST: '127.0.0.1',
          STRATEGY: 'round-robin',
        }),
      );
    }
    await add('minimal undici forwarder (reference)', (port) =>
      spawnRole('undici-forwarder', { BENCH_PORT: String(port), BENCH_TARGETS: targets.join(',') }),
    );
    for (const agent of ['0', '1']) {
      await add(`bare http-proxy, ${agent === '1' ? 'keep-alive agent' : 'no agent'}`, (port) =>
        spawnRole('bare-proxy', {
          BENCH_PORT: String(port),
          BENCH_TARGETS: targets.join(','),
          BENCH_AGENT: agent,
        }),
      );
    }
    await add('plain node:http forwarder (no http-proxy)', (port) =>
      spawnRole('plain-forwarder', { BENCH_PORT: String(port), BENCH_TARGETS: targets.join(',') }),
    );
    const nginx = nginxPath();
    if (nginx) {
      await add(NGINX_ROW, (port) => {
        writeFileSync(join(nginxDir, 'nginx.conf'), nginxConfig(nginxDir, port, upstreamPorts));
        return spawnChild(nginx, ['-c', join(nginxDir, 'nginx.conf'), '-p', nginxDir, '-g', 'daemon off;']);
      });
    } else {
      process.stderr.write('nginx: not on PATH, row skipped (apt-get install -y nginx-light to compare)\n');
    }
    const haproxy = haproxyPath();
    if (haproxy) {
      await add(HAPROXY_ROW, (port) => {
        writeFileSync(join(nginxDir, 'haproxy.cfg'), haproxyConfig(port, upstreamPorts));
        return spawnChild(haproxy, ['-f', join(nginxDir, 'haproxy.cfg'), '-db']);
      });
    } else {
      process.stderr.write('haproxy: not on PATH, row skipped (apt-get install -y haproxy to compare)\n');
    }
    await Promise.all(subjects.map((s) => ready(s.url)));
    const perRound = options.duration / options.rounds;
    loadBefore = loadAverage();
    process.stderr.write(
      `balancer bench: ${options.connections} keep-alive connections, ${options.rounds} interleaved rounds × ` +
        `${perRound}s per row (after a ${options.warmup}s warm-up each), upstreams ${targets.join(' ')}\n`,
    );
    for (const subject of subjects) {
      process.stderr.write(`  warm-up: ${subject.name}\n`);
      await load(subject.url, options, options.warmup);
    }
    for (let round = 1; round <= options.rounds; round++) {
      for (const subject of subjects) {
        process.stderr.write(`  round ${round}/${options.rounds}: ${subject.name}\n`);
        subject.rounds.push(await measure(subject.name, subject.url, options, perRound, subject.pid));
      }
    }
  } finally {
    await Promise.all([
      ...subjects.map((s) => (s.child ? stopChild(s.child, { graceMs: 5000 }) : undefined)),
      ...upstreams.map((child) => stopChild(child, { graceMs: 5000 })),
    ]);
    rmSync(nginxDir, { recursive: true, force: true });
    rmSync(join(ROOT, '.bench-legacy'), { recursive: true, force: true });
  }
  const loadAfter = loadAverage();
  const rows = subjects.map(combine);
  const nginxRow = rows.find((r) => r.name === NGINX_ROW);
  process.stdout.write(
    `\n${cpus().length} cores; load average (1/5/15 min) before ${loadBefore}, after ${loadAfter} — ` +
      'the machine is shared: compare ratios inside this run, not absolute req/s\n\n',
  );
  printTable(rows, nginxRow);
  printTargets(
    rows.find((r) => r.name === OURS_ROW),
    nginxRow,
    rows.find((r) => r.name === LEGACY_ROW),
  );
  if (profileDir) {
    printProfile(profileDir);
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/** Child roles of this script (spawned by run()). */
function startUpstream(): void {
  const id = process.env.BENCH_NODE_ID ?? 'bench';
  const body = Buffer.from(JSON.stringify({ ok: true, node: id }));
  createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': body.length,
      'x-node-id': id,
    });
    res.end(body);
  }).listen(Number(process.env.BENCH_PORT), '127.0.0.1');
}

/** The common way http-proxy gets used: per-request options, optionally a keep-alive agent. */
function startBareProxy(): void {
  const targets = (process.env.BENCH_TARGETS ?? '').split(',');
  const agent = process.env.BENCH_AGENT === '1' ? new Agent({ keepAlive: true, maxSockets: 256 }) : undefined;
  const proxy = httpProxy.createProxyServer(agent ? { agent } : {});
  proxy.on('error', (_error, _req, res) => {
    if ('writeHead' in res && !res.headersSent) res.writeHead(502);
    res.end();
  });
  let next = 0;
  createServer((req, res) => {
    const target = targets[next]!;
    next = (next + 1) % targets.length;
    proxy.web(req, res, { target });
  }).listen(Number(process.env.BENCH_PORT), '127.0.0.1');
}

/**
 * Reference only: the least a Node forwarder can do (keep-alive agent, raw header copy, pipe, no
 * error handling beyond 502) — shows how much of the cost is http-proxy and how much Node's http.
 */
function startPlainForwarder(): void {
  const targets = (process.env.BENCH_TARGETS ?? '').split(',').map((t) => {
    const url = new URL(t);
    return {
      host: url.hostname,
      port: Number(url.port),
      agent: new Agent({ keepAlive: true, maxSockets: 256 }),
    };
  });
  let next = 0;
  createServer((req, res) => {
    const target = targets[next]!;
    next = (next + 1) % targets.length;
    const upstream = request(
      { ...target, method: req.method, path: req.url, headers: req.headers, setHost: false },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.rawHeaders);
        upstreamRes.pipe(res);
      },
    );
    upstream.once('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  }).listen(Number(process.env.BENCH_PORT), '127.0.0.1');
}

/**
 * Reference only: the least a forwarder on undici does (a Pool per target, `pool.request`, body
 * piped, headers copied; GET only, no error handling beyond 502) — the floor the balancer's own undici path is compared with.
 */
function startUndiciForwarder(): void {
  const pools = (process.env.BENCH_TARGETS ?? '')
    .split(',')
    .map((t) => new Pool(t, { connections: 256, pipelining: 1, keepAliveTimeout: 4000 }));
  let next = 0;
  createServer(async (req, res) => {
    const pool = pools[next]!;
    next = (next + 1) % pools.length;
    try {
      const headers: Record<string, string | string[] | undefined> = {
        ...req.headers,
        'x-forwarded-for': req.socket.remoteAddress ?? '',
      };
      delete headers.connection;
      delete headers['keep-alive'];
      const upstream = await pool.request({ path: req.url!, method: req.method as 'GET', headers });
      const answer = upstream.headers;
      delete answer.connection;
      delete answer['keep-alive'];
      delete answer['transfer-encoding'];
      res.writeHead(upstream.statusCode, answer);
      upstream.body.pipe(res);
    } catch {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    }
  }).listen(Number(process.env.BENCH_PORT), '127.0.0.1');
}

if (process.env.BENCH_ROLE === 'upstream') startUpstream();
if (process.env.BENCH_ROLE === 'undici-forwarder') startUndiciForwarder();
if (process.env.BENCH_ROLE === 'plain-forwarder') startPlainForwarder();
if (process.env.BENCH_ROLE === 'bare-proxy') startBareProxy();
