import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/**
 * /metrics for one app. Own Registry per app (tests build many apps in one process).
 *
 * The per-request counters are plain numbers in a Map, copied into prom-client's Counters only
 * when /metrics is scraped (their `collect`). A prom-client child from `counter.labels()` still
 * hashes and validates its label object on every `inc()`; a request here costs one Map lookup per
 * counter instead. Keys are bounded: routes (the matched pattern or "unmatched") × statuses,
 * reason codes and store operation names are all fixed sets.
 */
export interface NodeMetrics {
  readonly registry: Registry;
  countRequest(route: string, status: number): void;
  countAuthFailure(reason: string): void;
  countStoreOp(op: string): void;
  /** 1 while the store circuit breaker is open (store calls fail fast). */
  setStoreCircuitOpen(open: boolean): void;
}

interface Tally<T extends string> {
  labels: Record<T, string>;
  value: number;
}

/** A Counter fed from a Map of tallies at scrape time; returns the Map the hot path bumps. */
function tallyCounter<T extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly T[],
): Map<string, Tally<T>> {
  const tallies = new Map<string, Tally<T>>();
  new Counter<T>({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const { labels, value } of tallies.values()) this.inc(labels as never, value);
    },
  });
  return tallies;
}

function bump<T extends string>(
  tallies: Map<string, Tally<T>>,
  key: string,
  labels: () => Record<T, string>,
): void {
  const tally = tallies.get(key);
  if (tally !== undefined) tally.value++;
  else tallies.set(key, { labels: labels(), value: 1 });
}

/**
 * countRequest over route → status → tally: the route strings are Fastify's own (the same string
 * every request), so no key string is built per request. New tallies also go into `requests`, the
 * Map the scrape reads.
 */
function requestCounter(
  requests: Map<string, Tally<'route' | 'status'>>,
): (route: string, status: number) => void {
  const byRoute = new Map<string, Map<number, Tally<'route' | 'status'>>>();
  return (route, status) => {
    let byStatus = byRoute.get(route);
    if (byStatus === undefined) {
      byStatus = new Map();
      byRoute.set(route, byStatus);
    }
    const tally = byStatus.get(status);
    if (tally !== undefined) {
      tally.value++;
      return;
    }
    const fresh = { labels: { route, status: String(status) }, value: 1 };
    byStatus.set(status, fresh);
    requests.set(`${status} ${route}`, fresh);
  };
}

/**
 * How often the event-loop-lag histogram (nodejs_eventloop_lag_*) samples. prom-client's default,
 * 10 ms, is a timer that wakes the process 100 times a second, idle or not: measured 2.6–4.1 ms
 * of CPU per second (0.2 without it), 3–4 µs per request at 1000 req/s. At 100 ms: 0.8 ms per
 * second, the same metrics; a stall of 100 ms or more is always seen, a shorter one with a chance
 * of its length over 100 ms (docs/benchmarks.md).
 */
export const EVENT_LOOP_SAMPLE_MS = 100;

export function createNodeMetrics(liveCount: () => Promise<number>): NodeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  const requests = tallyCounter(
    registry,
    'authscale_http_requests_total',
    'HTTP requests by route and status code',
    ['route', 'status'],
  );
  const authFailures = tallyCounter(
    registry,
    'authscale_auth_failures_total',
    'Authentication failures by reason code (ERR_SESSION_UNKNOWN, ERR_TOKEN_EXPIRED, ...)',
    ['reason'],
  );
  const storeOps = tallyCounter(
    registry,
    'authscale_store_operations_total',
    'Session/token store operations by operation',
    ['op'],
  );
  new Gauge({
    name: 'authscale_live_sessions',
    help: 'Live sessions (memory/redis) or cached verified tokens (jwt) on this node',
    registers: [registry],
    async collect() {
      try {
        this.set(await liveCount());
      } catch {
        // Store down: leave the last value rather than failing the whole scrape.
      }
    },
  });
  const circuit = new Gauge({
    name: 'authscale_store_circuit_open',
    help: '1 while the store circuit breaker is open: store calls fail at once until a probe succeeds',
    registers: [registry],
  });
  const countRequest = requestCounter(requests);
  return {
    registry,
    countRequest,
    countAuthFailure: (reason) => bump(authFailures, reason, () => ({ reason })),
    countStoreOp: (op) => bump(storeOps, op, () => ({ op })),
    setStoreCircuitOpen: (open) => circuit.set(open ? 1 : 0),
  };
}
