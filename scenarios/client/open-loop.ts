import { Client } from 'undici';
import { percentiles } from '../../lib/stats/index.ts';
import type { LatencyFigures } from '../core/types.ts';

/**
 * A fixed-offered-rate ("open loop") load run with coordinated-omission-corrected latency, the way
 * wrk2 does it: request i is *due* at start + i/rate whatever happened before, and its latency is
 * measured from that due time, not from when a busy connection finally got to send it. A server
 * stall therefore shows up in every request that should have been sent during it.
 *
 * Why not autocannon's overallRate: it sends each connection's share in a burst at the start of
 * every second and corrects with `Math.ceil(1 / rate)` ms as the expected interval (1 ms whatever
 * the rate), which distorts rather than corrects the percentiles.
 */
export interface OpenLoopOptions {
  url: string;
  path: string;
  /** Per-connection request headers: connection i sends with headers[i % length]. */
  headers: Record<string, string>[];
  connections: number;
  rate: number;
  durationSeconds: number;
}

export interface OpenLoopResult {
  offered: number;
  achieved: number;
  latencyMs: LatencyFigures;
  errors: number;
  non2xx: number;
  requests: number;
  receivedBytes: number;
}

/**
 * p50/p90/p99/max of the latencies, nearest rank. With no completed request there is no latency:
 * the figures are 0 and `requests` (0) with `errors` say why, so a reader never sees a bare 0.
 */
export function latencyFigures(values: number[]): LatencyFigures {
  const [p50, p90, p99, max] = percentiles(values, [50, 90, 99, 100]);
  const round = (v: number | undefined) => (v === undefined ? 0 : Math.round(v * 100) / 100);
  return { p50: round(p50), p90: round(p90), p99: round(p99), max: round(max) };
}

/** What the answers (and failures) of an open-loop run add up to. */
interface Tally {
  latencies: number[];
  errors: number;
  non2xx: number;
  receivedBytes: number;
}

function keepAliveClients(options: OpenLoopOptions): Client[] {
  return Array.from(
    { length: options.connections },
    () =>
      new Client(options.url, {
        pipelining: 1,
        keepAliveTimeout: 10_000,
        keepAliveMaxTimeout: 10_000, // the client closes idle sockets, not the server (see http.ts)
        headersTimeout: 10_000,
        bodyTimeout: 10_000,
      }),
  );
}

/** Sends request `i`, due at `dueAt`: its latency counts from when it was due, not when it left. */
function fireRequest(options: OpenLoopOptions, clients: Client[], tally: Tally, i: number, dueAt: number) {
  const client = clients[i % clients.length]!;
  const headers = options.headers[i % options.headers.length] ?? {};
  return client.request({ method: 'GET', path: options.path, headers }).then(
    async (response) => {
      const body = await response.body.arrayBuffer();
      tally.latencies.push(performance.now() - dueAt);
      if (response.statusCode < 200 || response.statusCode >= 300) tally.non2xx++;
      tally.receivedBytes += body.byteLength;
    },
    () => {
      tally.latencies.push(performance.now() - dueAt);
      tally.errors++;
    },
  );
}

/** Calls `fire(i, dueAt)` for i = 0 … total-1 on the schedule start + i·interval. */
function schedule(
  start: number,
  total: number,
  intervalMs: number,
  fire: (i: number, dueAt: number) => void,
) {
  let sent = 0;
  return new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Send everything that is due (timers are coarse; several may be due at once).
      while (sent < total && start + sent * intervalMs <= now) {
        fire(sent, start + sent * intervalMs);
        sent++;
      }
      if (sent >= total) return resolve();
      setTimeout(tick, Math.max(0, start + sent * intervalMs - performance.now()));
    };
    tick();
  });
}

export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const clients = keepAliveClients(options);
  const total = Math.max(1, Math.round(options.rate * options.durationSeconds));
  const intervalMs = 1000 / options.rate;
  const tally: Tally = { latencies: [], errors: 0, non2xx: 0, receivedBytes: 0 };
  const pending: Promise<void>[] = [];
  const start = performance.now();
  try {
    await schedule(start, total, intervalMs, (i, dueAt) => {
      pending.push(fireRequest(options, clients, tally, i, dueAt));
    });
    await Promise.all(pending);
  } finally {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  }
  const { latencies, errors, non2xx, receivedBytes } = tally;
  const elapsedSeconds = (performance.now() - start) / 1000;
  return {
    offered: options.rate,
    achieved: Math.round((latencies.length / elapsedSeconds) * 10) / 10,
    latencyMs: latencyFigures(latencies),
    errors,
    non2xx,
    requests: latencies.length,
    receivedBytes,
  };
}
