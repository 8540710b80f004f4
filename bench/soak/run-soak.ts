import { availableParallelism, loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { request } from 'undici';
import { type RunMode, runModeOptions } from '../../cluster/run-modes.ts';
import { type Cluster, startCluster } from '../../cluster/start-cluster.ts';
import { createAgent } from '../../scenarios/client/http.ts';
import { type Growth, growthOf, type Metric, type Verdict } from './growth.ts';
import { sampleProc } from './proc-sample.ts';
import { startTraffic, type TrafficCounts } from './traffic.ts';

export interface SoakOptions {
  mode: RunMode;
  /** Total run time, warm-up included. */
  durationMs: number;
  /** Requests per second offered to the balancer. */
  rate: number;
  nodes?: number;
  users?: number;
  /** Default: a quarter of the run, at most 60 s. */
  warmupMs?: number;
  /** Default: a hundredth of the run, between 0.5 and 5 s. */
  sampleIntervalMs?: number;
  /** Progress callback (the CLI prints it). */
  onProgress?: (elapsedMs: number) => void;
}

export interface Sample {
  /** ms since the traffic started. */
  t: number;
  rssBytes: number;
  fds: number;
  sockets: number;
  /** Node: V8 heap used (/metrics nodejs_heap_size_used_bytes); Redis: INFO used_memory. */
  heapBytes?: number;
}

export interface ProcessSeries {
  name: string;
  /** 'nodes-total': the sum of every node's descriptors and sockets (not a process of its own). */
  kind: 'node' | 'balancer' | 'redis' | 'nodes-total';
  pid: number;
  samples: Sample[];
  growth: Growth[];
  /** The process exited during the run (itself a finding). */
  gone: boolean;
}

export interface SoakReport {
  mode: RunMode;
  strategy: string;
  nodes: number;
  rate: number;
  durationMs: number;
  warmupMs: number;
  sampleIntervalMs: number;
  traffic: TrafficCounts;
  processes: ProcessSeries[];
  /** 'growing' when any process keeps growing beyond its threshold. */
  verdict: Verdict;
  loadBefore: number[];
  loadAfter: number[];
  cores: number;
  startedAt: string;
}

interface Tracked {
  name: string;
  kind: ProcessSeries['kind'];
  pid: number;
  heap?: () => Promise<number | undefined>;
  samples: Sample[];
  gone: boolean;
}

async function nodeHeap(url: string): Promise<number | undefined> {
  try {
    const response = await request(`${url}/metrics`, { headersTimeout: 2000, bodyTimeout: 2000 });
    const text = await response.body.text();
    const match = /^nodejs_heap_size_used_bytes (\S+)/m.exec(text);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function sampleAll(tracked: Tracked[], t: number): Promise<void> {
  await Promise.all(
    tracked.map(async (proc) => {
      if (proc.gone) return;
      const [os, heap] = await Promise.all([sampleProc(proc.pid), proc.heap?.()]);
      if (os === undefined) {
        proc.gone = true;
        return;
      }
      proc.samples.push({ t, ...os, ...(heap !== undefined && { heapBytes: heap }) });
    }),
  );
}

const METRICS: Metric[] = ['rssBytes', 'heapBytes', 'fds', 'sockets'];

function analyse(proc: Tracked, warmupMs: number, metrics = METRICS): ProcessSeries {
  const after = proc.samples.filter((sample) => sample.t >= warmupMs);
  const growth = metrics.flatMap((metric) => {
    const points = after
      .filter((sample) => sample[metric] !== undefined)
      .map((sample) => ({ t: sample.t, y: sample[metric]! }));
    if (points.length === 0) return [];
    const result = growthOf(metric, points);
    const perNodeConnections = proc.kind === 'node' && (metric === 'fds' || metric === 'sockets');
    return [perNodeConnections ? { ...result, informational: true } : result];
  });
  return { name: proc.name, kind: proc.kind, pid: proc.pid, samples: proc.samples, growth, gone: proc.gone };
}

/** Every node's descriptors and sockets added up per sampling moment (all nodes sampled at once). */
function nodesTotal(tracked: Tracked[]): Tracked {
  const nodes = tracked.filter((proc) => proc.kind === 'node');
  const byTime = new Map<number, Sample & { count: number }>();
  for (const proc of nodes) {
    for (const sample of proc.samples) {
      const sum = byTime.get(sample.t) ?? { t: sample.t, rssBytes: 0, fds: 0, sockets: 0, count: 0 };
      sum.rssBytes += sample.rssBytes;
      sum.fds += sample.fds;
      sum.sockets += sample.sockets;
      sum.count++;
      byTime.set(sample.t, sum);
    }
  }
  const samples = [...byTime.values()]
    .filter((sum) => sum.count === nodes.length)
    .map(({ count: _count, ...sample }) => sample);
  return { name: 'nodes (sum)', kind: 'nodes-total', pid: 0, samples, gone: false };
}

function overall(processes: ProcessSeries[]): Verdict {
  const verdicts = processes.flatMap((proc) =>
    proc.growth.filter((g) => !g.informational).map((g) => g.verdict),
  );
  if (processes.some((proc) => proc.gone) || verdicts.includes('growing')) return 'growing';
  return verdicts.includes('too-short') ? 'too-short' : 'ok';
}

/** The processes the soak samples: the nodes (heap from /metrics), the balancer, Redis (used_memory). */
function trackedProcesses(cluster: Cluster, nodes: number, redis: Redis | undefined): Tracked[] {
  return cluster.pids().map((pid, i): Tracked => {
    if (i < nodes) {
      const url = cluster.nodeUrls[i]!;
      return {
        name: cluster.nodeIds[i]!,
        kind: 'node',
        pid,
        heap: () => nodeHeap(url),
        samples: [],
        gone: false,
      };
    }
    if (i === nodes) return { name: 'balancer', kind: 'balancer', pid, samples: [], gone: false };
    const heap = async () => {
      const info = await redis?.info('memory').catch(() => undefined);
      const match = info ? /^used_memory:(\d+)/m.exec(info) : null;
      return match ? Number(match[1]) : undefined;
    };
    return { name: 'redis', kind: 'redis', pid, heap, samples: [], gone: false };
  });
}

/** Samples every process each `sampleIntervalMs` (on a fixed grid) until the soak's duration is over. */
async function sampleUntil(
  tracked: Tracked[],
  options: SoakOptions,
  sampleIntervalMs: number,
): Promise<void> {
  const start = performance.now();
  for (;;) {
    const elapsed = performance.now() - start;
    await sampleAll(tracked, elapsed);
    options.onProgress?.(elapsed);
    if (elapsed >= options.durationMs) return;
    const next = start + (Math.floor(elapsed / sampleIntervalMs) + 1) * sampleIntervalMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
}

/**
 * `npm run soak`: a fixed request rate through an embedded cluster (nodes, balancer, Redis when the
 * mode has one) for a while, sampling every process's RSS, heap, open sockets and descriptors, and
 * the growth per minute after the warm-up. Returns data; the CLI prints it.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const nodes = options.nodes ?? 3;
  const warmupMs = options.warmupMs ?? Math.min(60_000, options.durationMs / 4);
  const sampleIntervalMs =
    options.sampleIntervalMs ?? Math.min(5000, Math.max(500, options.durationMs / 100));
  // Memory sessions live on one node: sticky routing keeps the soak on the path that works.
  const strategy = options.mode === 'memory' ? 'sticky' : 'round-robin';
  const loadBefore = loadavg();
  const startedAt = new Date().toISOString();
  const cluster = await startCluster({ ...runModeOptions(options.mode), nodes, strategy });
  const agent = createAgent(16);
  const redis = cluster.redisUrl ? new Redis(cluster.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', () => {});
  try {
    const tracked = trackedProcesses(cluster, nodes, redis);
    const stop = startTraffic(cluster.url, agent, {
      rate: options.rate,
      users: options.users ?? 20,
      refresh: options.mode === 'jwt' || options.mode === 'jwt-redis',
    });
    let traffic: TrafficCounts;
    try {
      await sampleUntil(tracked, options, sampleIntervalMs);
    } finally {
      traffic = await stop();
    }
    const processes = [
      ...tracked.map((proc) => analyse(proc, warmupMs)),
      analyse(nodesTotal(tracked), warmupMs, ['fds', 'sockets']),
    ];
    return {
      mode: options.mode,
      strategy,
      nodes,
      rate: options.rate,
      durationMs: options.durationMs,
      warmupMs,
      sampleIntervalMs,
      traffic,
      processes,
      verdict: overall(processes),
      loadBefore,
      loadAfter: loadavg(),
      cores: availableParallelism(),
      startedAt,
    };
  } finally {
    redis?.disconnect();
    await agent.close();
    await cluster.close();
  }
}
