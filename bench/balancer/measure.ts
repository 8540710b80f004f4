import autocannon from 'autocannon';
import { median, spread } from '../../lib/stats/index.ts';
import { processTreeCpuMicros } from './cpu.ts';

/** One row measured in one round. */
export interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU time of the proxy process(es) per request: contention-independent cost. */
  cpuUsPerReq?: number;
}

/** A row combined over rounds: medians, with each metric's min and max (from two rounds on). */
export interface Combined extends Row {
  rounds: number;
  spread: Record<'rps' | 'p99' | 'cpu', [number, number] | undefined>;
}

/** What is measured: a URL and, for proxy rows, the process whose CPU time is charged to it. */
export interface Subject {
  name: string;
  url: string;
  pid?: number;
  stop?: () => Promise<void>;
  rounds: Row[];
}

export function load(url: string, connections: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration: seconds, pipelining: 1 });
}

export async function measure(subject: Subject, connections: number, seconds: number): Promise<Row> {
  const cpuBefore = subject.pid === undefined ? undefined : await processTreeCpuMicros(subject.pid);
  const result = await load(subject.url, connections, seconds);
  const cpuAfter = subject.pid === undefined ? undefined : await processTreeCpuMicros(subject.pid);
  const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  return {
    cpuUsPerReq: cpu !== undefined && result.requests.total > 0 ? cpu / result.requests.total : undefined,
    name: subject.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** min–max of a figure measured in two rounds or more (one round has no range to show). */
function range(values: number[]): [number, number] | undefined {
  const s = values.length > 1 ? spread(values) : undefined;
  return s ? [s.min, s.max] : undefined;
}

/** Median over rounds of req/s, latency percentiles and CPU per request; errors summed. */
export function combine(subject: Subject): Combined {
  const rounds = subject.rounds;
  const middle = (values: number[]) => {
    const value = median(values);
    // --rounds is at least 1, so every subject has measured rounds by now.
    if (value === undefined) throw new Error(`balancer bench: ${subject.name} has no measured round`);
    return value;
  };
  const rps = rounds.map((r) => r.rps);
  const p99 = rounds.map((r) => r.p99);
  const cpu = rounds.map((r) => r.cpuUsPerReq).filter((v): v is number => v !== undefined);
  return {
    name: subject.name,
    rounds: rounds.length,
    rps: middle(rps),
    p50: middle(rounds.map((r) => r.p50)),
    p99: middle(p99),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
    cpuUsPerReq: median(cpu),
    spread: { rps: range(rps), p99: range(p99), cpu: range(cpu) },
  };
}
