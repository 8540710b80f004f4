import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/**
 * /metrics for one app. Own Registry per app (tests build many apps in one process). The hot path
 * increments pre-bound children cached in Maps, so a request costs one Map lookup per counter
 * instead of prom-client's label hashing.
 */
export interface NodeMetrics {
  readonly registry: Registry;
  countRequest(route: string, status: number): void;
  countAuthFailure(reason: string): void;
  countStoreOp(op: string): void;
  /** 1 while the store circuit breaker is open (store calls fail fast). */
  setStoreCircuitOpen(open: boolean): void;
}

type Child = { inc(value?: number): void };

function boundCache<T extends string>(counter: Counter<T>): (key: string, ...values: string[]) => Child {
  const children = new Map<string, Child>();
  return (key, ...values) => {
    let child = children.get(key);
    if (child === undefined) {
      child = counter.labels(...values);
      children.set(key, child);
    }
    return child;
  };
}

export function createNodeMetrics(liveCount: () => Promise<number>): NodeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'authscale_http_requests_total',
    help: 'HTTP requests by route and status code',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });
  const authFailures = new Counter({
    name: 'authscale_auth_failures_total',
    help: 'Authentication failures by reason code (ERR_SESSION_UNKNOWN, ERR_TOKEN_EXPIRED, ...)',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const storeOps = new Counter({
    name: 'authscale_store_operations_total',
    help: 'Session/token store operations by operation',
    labelNames: ['op'] as const,
    registers: [registry],
  });
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
  const request = boundCache(requests);
  const failure = boundCache(authFailures);
  const storeOp = boundCache(storeOps);
  return {
    registry,
    countRequest: (route, status) => request(`${status} ${route}`, route, String(status)).inc(),
    countAuthFailure: (reason) => failure(reason, reason).inc(),
    countStoreOp: (op) => storeOp(op, op).inc(),
    setStoreCircuitOpen: (open) => circuit.set(open ? 1 : 0),
  };
}
