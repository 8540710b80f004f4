import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Pool } from 'undici';
import { freePort } from '../lib/free-port.ts';
import { type RedisServer, redisServerPath, startRedisServer } from '../lib/redis-server.ts';
import { median } from '../lib/stats/index.ts';
import { stopChild } from '../lib/stop-child.ts';
import { tsEntryArgs } from '../lib/ts-entry.ts';
import { waitFor } from '../lib/wait-for.ts';
import { type FloodReport, measureLoginFlood } from './login-flood.ts';
import { BenchUsageError } from './usage-error.ts';

/**
 * `npm run bench` — what auth costs per request AT THE NODE, per mode, in one run.
 *
 * Each configuration runs as its own node process (nodes/main.ts), so its CPU is its own. CPU
 * comes from the node's `process.cpuUsage()` as exposed by prom-client's
 * process_cpu_{user,system}_seconds_total in /metrics (µs precision), read before and after a fixed
 * number of requests. Each node serves both the no-auth route (/api/public, the baseline) and
 * /api/me, in alternating rounds, so the ratio compares like with like in the same process.
 * Redis commands per request come from INFO commandstats deltas (INFO/SCAN from the bench's own
 * probes and /metrics scrapes excluded).
 *
 * Then the "login flood" rows (bench/login-flood.ts): fresh-token /api/me p99 during a login flood
 * ÷ idle, with the node's default hash bound and without it (LOGIN_HASH_CONCURRENCY=0).
 *
 * Usage: npm run bench [-- --requests 3000 --rounds 6 --concurrency 16 --only redis|flood]
 * (BENCH_VERBOSE=1 prints every round.)
 */
// Random per run: nodes refuse a secret that is written in the repository (docs/security.md, "No public secrets").
const SECRET = randomBytes(32).toString('base64url');
const USERS = Array.from({ length: 20 }, (_, i) => `user${String(i + 1).padStart(4, '0')}`);
const IGNORED_COMMANDS = new Set(['info', 'scan', 'ping', 'client|setinfo', 'client', 'quit', 'select']);

interface BenchConfig {
  name: string;
  env: Record<string, string>;
  redis: boolean;
  credential: 'cookie' | 'bearer';
  /** Ratio target for /api/me vs /api/public, when the issue sets one. */
  target?: number;
}

const CONFIGS: BenchConfig[] = [
  { name: 'memory', env: { AUTH_MODE: 'memory' }, redis: false, credential: 'cookie', target: 1.4 },
  { name: 'redis', env: { AUTH_MODE: 'redis' }, redis: true, credential: 'cookie', target: 1.8 },
  { name: 'jwt (cache)', env: { AUTH_MODE: 'jwt' }, redis: false, credential: 'bearer', target: 1.4 },
  {
    name: 'jwt (no cache)',
    env: { AUTH_MODE: 'jwt', JWT_CACHE_SIZE: '0' },
    redis: false,
    credential: 'bearer',
  },
  { name: 'jwt+redis (cache)', env: { AUTH_MODE: 'jwt' }, redis: true, credential: 'bearer' },
];

interface Options {
  requests: number;
  rounds: number;
  concurrency: number;
  /** Only configurations whose name contains this text. */
  only?: string;
}

const USAGE = 'usage: npm run bench -- [--requests N] [--rounds N] [--concurrency N] [--only NAME]';

function parseArgs(args: string[]): Options {
  const options: Options = { requests: 3000, rounds: 6, concurrency: 16 };
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i]?.replace(/^--/, '');
    const text = args[i + 1];
    if (key === 'only' && text) {
      options.only = text;
      continue;
    }
    const value = Number(text);
    if (
      (key !== 'requests' && key !== 'rounds' && key !== 'concurrency') ||
      !Number.isInteger(value) ||
      value <= 0
    ) {
      throw new BenchUsageError(`${USAGE} (got ${args[i]})`);
    }
    options[key] = value;
  }
  return options;
}

interface RunningNode {
  url: string;
  pool: Pool;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startNode(
  config: Pick<BenchConfig, 'name' | 'env' | 'redis'>,
  redisUrl: string | undefined,
): Promise<RunningNode> {
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    AUTH_SECRET: SECRET,
    PORT: String(port),
    NODE_ID: `bench-${config.name.replace(/\W+/g, '-')}`,
    LOGIN_RATE_LIMIT: '0',
    SCRYPT_COST: '1024',
    ...config.env,
    ...(config.redis && redisUrl && { REDIS_URL: redisUrl }),
  };
  const child = spawn(process.execPath, tsEntryArgs('nodes/main.ts'), {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`node exited: ${output}`);
      return output.includes('listening on');
    },
    { timeoutMs: 30_000, what: `${config.name} node start` },
  );
  const url = `http://127.0.0.1:${port}`;
  const pool = new Pool(url, { connections: 8, pipelining: 1 });
  return {
    url,
    pool,
    child,
    async stop() {
      await pool.close();
      await stopChild(child, { graceMs: 5000 });
    },
  };
}

async function credentials(node: RunningNode, config: BenchConfig): Promise<Record<string, string>[]> {
  const headers: Record<string, string>[] = [];
  for (const user of USERS) {
    const response = await node.pool.request({
      method: 'POST',
      path: '/auth/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user, password: `${user}-pw` }),
    });
    const body = (await response.body.json()) as { accessToken?: string };
    if (response.statusCode !== 200) throw new Error(`login ${user}: ${response.statusCode}`);
    if (config.credential === 'bearer') {
      headers.push({ authorization: `Bearer ${body.accessToken}` });
    } else {
      const setCookie = response.headers['set-cookie'];
      const sid = (Array.isArray(setCookie) ? setCookie : [setCookie]).find((c) => c?.startsWith('sid='));
      if (!sid) throw new Error(`login ${user}: no sid cookie`);
      headers.push({ cookie: sid.split(';')[0]! });
    }
  }
  return headers;
}

/** Sends `count` GETs with `concurrency` in flight; throws on any non-200. */
async function drive(
  pool: Pool,
  path: string,
  headers: Record<string, string>[],
  count: number,
  concurrency: number,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const response = await pool.request({
        method: 'GET',
        path,
        headers: headers[i % headers.length] ?? {},
      });
      await response.body.dump();
      if (response.statusCode !== 200) throw new Error(`GET ${path}: ${response.statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function cpuMicros(pool: Pool): Promise<number> {
  const response = await pool.request({ method: 'GET', path: '/metrics' });
  const text = await response.body.text();
  const read = (name: string) => {
    const match = new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(text);
    if (!match) throw new Error(`${name} missing from /metrics`);
    return Number(match[1]);
  };
  return (read('process_cpu_user_seconds_total') + read('process_cpu_system_seconds_total')) * 1e6;
}

async function redisCommands(probe: Redis | undefined): Promise<number> {
  if (!probe) return 0;
  const text = await probe.info('commandstats');
  let total = 0;
  for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    if (!IGNORED_COMMANDS.has(match[1]!)) total += Number(match[2]);
  }
  return total;
}

interface Row {
  name: string;
  publicUs: number;
  meUs: number;
  ratio: number;
  redisPerRequest: number | undefined;
  target: number | undefined;
}

/** Median over rounds; the options allow no fewer than one round, so none is a bug. */
const medianOfRounds = (values: number[]): number => {
  const middle = median(values);
  if (middle === undefined) throw new Error('bench: no rounds were measured');
  return middle;
};

/** CPU the node spends on one window of `count` requests, minus the cost of the /metrics reads. */
async function window(
  node: RunningNode,
  path: string,
  headers: Record<string, string>[],
  options: Options,
  scrapeCost: number,
): Promise<number> {
  const before = await cpuMicros(node.pool);
  await drive(node.pool, path, headers, options.requests, options.concurrency);
  return (await cpuMicros(node.pool)) - before - scrapeCost;
}

async function measure(
  config: BenchConfig,
  redisUrl: string | undefined,
  probe: Redis | undefined,
  options: Options,
): Promise<Row> {
  const node = await startNode(config, redisUrl);
  try {
    const auth = await credentials(node, config);
    // Warm-up: JIT, connection pool, caches.
    await drive(node.pool, '/api/public', [{}], options.requests, options.concurrency);
    await drive(node.pool, '/api/me', auth, options.requests, options.concurrency);
    // What two back-to-back /metrics reads cost, so it can be taken out of every window.
    const scrapes: number[] = [];
    for (let i = 0; i < 5; i++) scrapes.push(-(await cpuMicros(node.pool)) + (await cpuMicros(node.pool)));
    const scrapeCost = medianOfRounds(scrapes);
    // Alternate the order each round and take medians: the machine is shared, and a burst of
    // someone else's load should not decide the result.
    const publicUs: number[] = [];
    const meUs: number[] = [];
    const ratios: number[] = [];
    let commands = 0;
    for (let round = 0; round < options.rounds; round++) {
      const measurePublic = async () =>
        (await window(node, '/api/public', [{}], options, scrapeCost)) / options.requests;
      const measureMe = async () => {
        const before = await redisCommands(probe);
        const us = (await window(node, '/api/me', auth, options, scrapeCost)) / options.requests;
        commands += (await redisCommands(probe)) - before;
        return us;
      };
      let pub: number;
      let me: number;
      if (round % 2 === 0) {
        pub = await measurePublic();
        me = await measureMe();
      } else {
        me = await measureMe();
        pub = await measurePublic();
      }
      publicUs.push(pub);
      meUs.push(me);
      ratios.push(me / pub);
      if (process.env.BENCH_VERBOSE)
        process.stderr.write(`  round ${round}: public ${pub.toFixed(1)} µs, me ${me.toFixed(1)} µs\n`);
    }
    return {
      name: config.name,
      publicUs: medianOfRounds(publicUs),
      meUs: medianOfRounds(meUs),
      ratio: medianOfRounds(ratios),
      redisPerRequest: config.redis ? commands / (options.requests * options.rounds) : undefined,
      target: config.target,
    };
  } finally {
    await node.stop();
  }
}

function printTable(rows: Row[], options: Options): void {
  const header = ['config', 'public µs/req', '/api/me µs/req', 'ratio', 'redis cmds/req', 'target', 'result'];
  const lines = rows.map((row) => [
    row.name,
    row.publicUs.toFixed(1),
    row.meUs.toFixed(1),
    `${row.ratio.toFixed(2)}×`,
    row.redisPerRequest === undefined ? '-' : row.redisPerRequest.toFixed(2),
    row.target === undefined ? '-' : `≤ ${row.target}×`,
    row.target === undefined ? '-' : row.ratio <= row.target ? 'PASS' : 'MISS',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(
    `\nauth cost at the node: CPU per request from process.cpuUsage; ${options.rounds} rounds × ` +
      `${options.requests} requests per route, concurrency ${options.concurrency}; medians over rounds; ` +
      `ratio = /api/me ÷ /api/public on the same node\n\n`,
  );
  process.stdout.write(`${format(header)}\n${format(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const line of lines) process.stdout.write(`${format(line)}\n`);
}

/** Login-flood nodes: the real scrypt cost, no login limits (the flood must reach the hashing). */
const FLOOD_CONFIGS: Pick<BenchConfig, 'name' | 'env' | 'redis'>[] = [
  { name: 'jwt, default hash bound', env: { AUTH_MODE: 'jwt', SCRYPT_COST: '16384' }, redis: false },
  {
    name: 'jwt, unbounded (LOGIN_HASH_CONCURRENCY=0)',
    env: { AUTH_MODE: 'jwt', SCRYPT_COST: '16384', LOGIN_HASH_CONCURRENCY: '0' },
    redis: false,
  },
];
const FLOOD_TARGET = 2;

async function runLoginFlood(): Promise<FloodReport> {
  const nodes = await Promise.all(FLOOD_CONFIGS.map((config) => startNode(config, undefined)));
  try {
    return await measureLoginFlood(
      nodes.map((node, i) => ({ name: FLOOD_CONFIGS[i]!.name, url: node.url, secret: SECRET })),
      { phaseSeconds: 5, rounds: 3, probeRate: 40, floodConcurrency: 32 },
    );
  } finally {
    await Promise.all(nodes.map((node) => node.stop()));
  }
}

function printFlood(report: FloodReport): void {
  const { options } = report;
  const header = [
    'node',
    'idle p99 ms',
    'flood p99 ms',
    'ratio (min–max)',
    'logins/s',
    'login statuses',
    'target',
    'result',
  ];
  const ms = (values: number[]) => medianOfRounds(values).toFixed(1);
  const lines = report.results.map((result) => {
    const statuses: Record<string, number> = {};
    for (const round of result.rounds) {
      for (const [status, count] of Object.entries(round.loginStatuses))
        statuses[status] = (statuses[status] ?? 0) + count;
    }
    return [
      result.name,
      ms(result.rounds.map((r) => r.idleP99Ms)),
      ms(result.rounds.map((r) => r.floodP99Ms)),
      `${result.ratio.median.toFixed(2)}× (${result.ratio.min.toFixed(2)}–${result.ratio.max.toFixed(2)})`,
      ms(result.rounds.map((r) => r.loginsPerSecond)),
      Object.entries(statuses)
        .map(([status, count]) => `${status}: ${count}`)
        .join(', '),
      `≤ ${FLOOD_TARGET}×`,
      result.ratio.median <= FLOOD_TARGET ? 'PASS' : 'MISS',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
  process.stdout.write(
    `\nfresh-token /api/me p99 during a login flood ÷ idle (measured): ${options.rounds} interleaved rounds, ` +
      `${options.phaseSeconds} s per phase, ${options.probeRate} fresh tokens/s from their due time, flood = ` +
      `${options.floodConcurrency} clients sending wrong-password logins (scrypt N=16384); medians over rounds; ` +
      `load average before ${load(report.loadBefore)}, after ${load(report.loadAfter)}\n\n`,
  );
  process.stdout.write(`${format(header)}\n${format(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const line of lines) process.stdout.write(`${format(line)}\n`);
}

export async function run(args: string[]): Promise<void> {
  const options = parseArgs(args);
  let redis: RedisServer | undefined;
  let probe: Redis | undefined;
  if (redisServerPath()) {
    redis = await startRedisServer();
    probe = new Redis(redis.url);
  } else {
    process.stderr.write('redis-server not on PATH: Redis rows skipped\n');
  }
  const rows: Row[] = [];
  try {
    for (const config of CONFIGS) {
      if (config.redis && !redis) continue;
      if (options.only && !config.name.includes(options.only)) continue;
      process.stderr.write(`bench: ${config.name}…\n`);
      rows.push(await measure(config, redis?.url, probe, options));
    }
  } finally {
    probe?.disconnect();
    await redis?.stop(true);
  }
  if (rows.length > 0) printTable(rows, options);
  if (!options.only || 'login flood'.includes(options.only)) {
    process.stderr.write('bench: login flood…\n');
    printFlood(await runLoginFlood());
  }
}
