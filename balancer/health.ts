import { type IncomingMessage, request } from 'node:http';
import type { Target } from './target.ts';

/**
 * Active health checks: `GET /health` (or the configured path) on every target each interval, on a fresh connection
 * (so a dead process shows up as ECONNREFUSED, not as a stale pooled socket). 2xx passes;
 * anything else, an error or the timeout fails (a user's app
 * audited without a health route passes below 500). At most one probe per target is in flight.
 *
 * Initial state: every target starts *up* (like nginx) and the first round of probes runs
 * immediately at start(); a target that is dead at start is ejected by the first refused
 * request (with a GET/HEAD retry elsewhere) or marked down after two failed probes.
 */
export class HealthChecker {
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight: boolean[];

  private readonly targets: readonly Target[];
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly path: string;
  private readonly passBelow: number;

  constructor(
    targets: readonly Target[],
    intervalMs: number,
    timeoutMs: number,
    path = '/health',
    passBelow = 300,
  ) {
    this.targets = targets;
    this.intervalMs = intervalMs;
    this.timeoutMs = timeoutMs;
    this.path = path;
    this.passBelow = passBelow;
    this.inFlight = targets.map(() => false);
  }

  get running(): boolean {
    return this.timer !== null;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.probeAll(), this.intervalMs);
    this.timer.unref();
    this.probeAll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  probeAll(): void {
    for (const target of this.targets) {
      if (!this.inFlight[target.index]) this.probe(target);
    }
  }

  private probe(target: Target): void {
    this.inFlight[target.index] = true;
    let settled = false;
    let cancelDeadline = () => {};
    const finish = (ok: boolean) => {
      if (settled) return;
      settled = true;
      cancelDeadline();
      this.inFlight[target.index] = false;
      // A result that arrives after stop() must not flip state on a closed balancer.
      if (!this.timer) return;
      if (ok) target.checkPassed();
      else target.checkFailed();
    };
    const req = request(
      {
        host: target.host,
        port: target.port,
        path: this.path,
        method: 'GET',
        agent: false,
        headers: { 'user-agent': 'authscale-balancer-health' },
      },
      (res: IncomingMessage) => {
        target.learnNodeId(res.headers['x-node-id']);
        const status = res.statusCode ?? 0;
        res.resume();
        res.once('end', () => finish(status >= 200 && status < this.passBelow));
        res.once('error', () => finish(false));
      },
    );
    req.once('error', () => finish(false));
    cancelDeadline = probeDeadline(this.timeoutMs, () => {
      req.destroy();
      finish(false);
    });
    req.end();
  }
}

/**
 * The probe's timeout, judged fairly on a starved balancer; returns its cancel. Node runs due
 * timers before it reads sockets, so after the balancer itself was not scheduled for a while, a
 * plain timeout would fail an answer that is already waiting in the socket: the verdict waits for
 * the poll phase (`setImmediate`), where an answer read meanwhile has cancelled it. And when the
 * deadline fired late by more than a quarter of the timeout, the balancer cannot tell how long the
 * target really had (its request may have gone out only now): the probe gets one more full
 * timeout. A balancer that runs on time judges exactly as before.
 */
function probeDeadline(timeoutMs: number, fail: () => void): () => void {
  let cancelled = false;
  let extended = false;
  let timer: NodeJS.Timeout;
  const arm = () => {
    const due = performance.now() + timeoutMs;
    timer = setTimeout(() => {
      const late = performance.now() - due;
      setImmediate(() => {
        if (cancelled) return;
        if (!extended && late > timeoutMs / 4) {
          extended = true;
          return arm();
        }
        fail();
      });
    }, timeoutMs).unref();
  };
  arm();
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}
