import { readdir, readFile } from 'node:fs/promises';
import { request } from 'undici';
import { CLOCK_TICKS_PER_SECOND, parseProcStat } from './proc-stat.ts';

/**
 * Process CPU time of a node, in microseconds. Preferred source: the node's own /metrics
 * (prom-client reads process.cpuUsage(), microsecond resolution); fallback: /proc/<pid>/stat
 * (clock ticks, usually 10 ms), which needs no HTTP but is coarse.
 */
export function parseCpuSeconds(metrics: string): number | undefined {
  const total = /^process_cpu_seconds_total(?:\{[^}]*\})? ([0-9.eE+-]+)$/m.exec(metrics);
  if (total) return Number(total[1]);
  const user = /^process_cpu_user_seconds_total(?:\{[^}]*\})? ([0-9.eE+-]+)$/m.exec(metrics);
  const system = /^process_cpu_system_seconds_total(?:\{[^}]*\})? ([0-9.eE+-]+)$/m.exec(metrics);
  if (user && system) return Number(user[1]) + Number(system[1]);
  return undefined;
}

/** CPU µs of the node behind `url` plus its node id (x-node-id), via GET /metrics. */
export async function scrapeCpuMicros(url: string): Promise<{ nodeId: string; micros: number } | undefined> {
  try {
    const response = await request(`${url}/metrics`, { headersTimeout: 3000, bodyTimeout: 3000 });
    const text = await response.body.text();
    if (response.statusCode !== 200) return undefined;
    const seconds = parseCpuSeconds(text);
    if (seconds === undefined) return undefined;
    const nodeId = response.headers['x-node-id'];
    return { nodeId: typeof nodeId === 'string' ? nodeId : url, micros: Math.round(seconds * 1e6) };
  } catch {
    return undefined;
  }
}

/** utime + stime of a local process from /proc (Linux only). */
export async function procCpuMicros(pid: number): Promise<number | undefined> {
  try {
    const stat = parseProcStat(await readFile(`/proc/${pid}/stat`, 'utf8'));
    return stat && Math.round((stat.ticks * 1e6) / CLOCK_TICKS_PER_SECOND);
  } catch {
    return undefined;
  }
}

/**
 * CPU µs of a local process from the scheduler's own accounting (/proc/<pid>/task/<tid>/schedstat,
 * nanoseconds, summed over its threads), which resolves the short phases of a benchmark that 10 ms
 * clock ticks cannot. Falls back to procCpuMicros where schedstat is missing.
 */
export async function procTaskCpuMicros(pid: number): Promise<number | undefined> {
  try {
    const tasks = await readdir(`/proc/${pid}/task`);
    let nanos = 0;
    for (const task of tasks) {
      const stat = await readFile(`/proc/${pid}/task/${task}/schedstat`, 'utf8').catch(() => undefined);
      if (stat === undefined) continue; // a thread that ended between readdir and read
      nanos += Number(stat.split(' ')[0]);
    }
    return Number.isFinite(nanos) && nanos > 0 ? Math.round(nanos / 1000) : procCpuMicros(pid);
  } catch {
    return procCpuMicros(pid);
  }
}

/** Sum over the nodes present in both samples of (after − before). */
export function cpuDelta(before: Record<string, number>, after: Record<string, number>): number {
  let total = 0;
  for (const [id, value] of Object.entries(after)) {
    const start = before[id];
    if (start !== undefined && value >= start) total += value - start;
  }
  return total;
}
