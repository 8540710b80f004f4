import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ManagedProcess } from '../../cluster/processes.ts';
import { freePort } from '../../lib/free-port.ts';
import { waitFor } from '../../lib/wait-for.ts';
import { LEGACY_ROW, removeLegacyBalancer } from './legacy.ts';
import { combine, load, measure, type Subject } from './measure.ts';
import { type BalancerBenchOptions, parseBalancerOptions } from './options.ts';
import { NGINX_ROW, OURS_ROW, tableText, targetsText } from './print.ts';
import { profileText } from './profile.ts';
import { spawnRole, startSubjects } from './subjects.ts';

/**
 * `npm run bench -- balancer [--duration 20s] [--rounds 5] [--connections 50] [--warmup 3s]
 *   [--rows balancer,nginx] [--profile]`
 *
 * Same three upstreams, same autocannon load (keep-alive connections, warm-up first), one row at a
 * time, in interleaved rounds (`--duration` is split over them) so load from elsewhere on a shared
 * machine hits every row alike; each figure is the median over the rounds, with min–max. Rows:
 * direct to one upstream; this balancer (round-robin, undici pools); the balancer as it was on
 * http-proxy (from git history); a minimal undici forwarder; a bare http-proxy without and with a
 * keep-alive agent; a plain node:http forwarder; nginx (1 worker) and HAProxy (1 thread) with the
 * launcher's own configuration, when installed. Prints req/s, p50, p99, proxy CPU per request, the
 * ratios to nginx, the targets and the load average before and after (absolute figures depend on
 * what else the machine runs: compare ratios inside one run). See docs/balancer.md, "Benchmarks".
 *
 * Upstreams are minimal node:http servers (roles.ts), each its own process: the point is the
 * proxy's own cost, which a heavier upstream would hide. `--profile` runs the balancer with
 * `--cpu-prof` and prints where its CPU time goes.
 */
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('error', () => resolve(false));
    req.once('timeout', () => req.destroy());
    req.end();
  });
}

/** Cold tsx starts of nine processes at once on a busy shared machine can take a minute. */
const ready = (url: string) =>
  waitFor(() => answers(url), { timeoutMs: 120_000, intervalMs: 100, what: url });

const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function measureRounds(subjects: Subject[], options: BalancerBenchOptions, targets: string[]) {
  const perRound = options.duration / options.rounds;
  process.stderr.write(
    `balancer bench: ${options.connections} keep-alive connections, ${options.rounds} interleaved rounds × ` +
      `${perRound}s per row (after a ${options.warmup}s warm-up each), upstreams ${targets.join(' ')}\n`,
  );
  if (options.warmup > 0) {
    for (const subject of subjects) {
      process.stderr.write(`  warm-up: ${subject.name}\n`);
      await load(subject.url, options.connections, options.warmup);
    }
  }
  for (let round = 1; round <= options.rounds; round++) {
    for (const subject of subjects) {
      process.stderr.write(`  round ${round}/${options.rounds}: ${subject.name}\n`);
      subject.rounds.push(await measure(subject, options.connections, perRound));
    }
  }
}

function report(subjects: Subject[], loadBefore: string, profileDir: string | undefined): void {
  const rows = subjects.map(combine);
  const nginx = rows.find((r) => r.name === NGINX_ROW);
  process.stdout.write(
    `\n${cpus().length} cores; load average (1/5/15 min) before ${loadBefore}, after ${loadAverage()} — ` +
      'the machine is shared: compare ratios inside this run, not absolute req/s\n\n',
  );
  process.stdout.write(tableText(rows, nginx));
  process.stdout.write(
    targetsText(
      rows.find((r) => r.name === OURS_ROW),
      nginx,
      rows.find((r) => r.name === LEGACY_ROW),
    ),
  );
  if (profileDir) process.stdout.write(profileText(profileDir));
}

export async function run(args: string[]): Promise<void> {
  const options = parseBalancerOptions(args);
  const upstreamPorts = await Promise.all([0, 1, 2].map(() => freePort()));
  const targets = upstreamPorts.map((p) => `http://127.0.0.1:${p}`);
  const upstreams: ManagedProcess[] = [];
  const subjects: Subject[] = [];
  const profileDir = options.profile ? mkdtempSync(join(tmpdir(), 'authscale-prof-')) : undefined;
  let loadBefore = '';
  try {
    upstreamPorts.forEach((port, i) => {
      upstreams.push(spawnRole('upstream', { BENCH_PORT: String(port), BENCH_NODE_ID: `bench-${i + 1}` }));
    });
    await Promise.all(targets.map((t) => ready(`${t}/bench`)));
    await startSubjects({ targets, upstreamPorts, rows: options.rows, profileDir }, subjects);
    await Promise.all(subjects.map((s) => ready(s.url)));
    loadBefore = loadAverage();
    await measureRounds(subjects, options, targets);
  } finally {
    await Promise.all([...subjects.map((s) => s.stop?.()), ...upstreams.map((u) => u.stop(5000))]);
    removeLegacyBalancer();
  }
  report(subjects, loadBefore, profileDir);
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
}
