import { Agent } from 'undici';
import { demoUser, loginWithRetry, VirtualUser } from '../scenarios/client/http.ts';
import type { LiveCluster, Step } from './live-cluster.ts';
import {
  acceptsWrite,
  type FailoverView,
  namedPrimary,
  type ReplicationView,
  readTopology,
} from './replication.ts';

/** Longest the watch waits for a promotion or a working session before it says "failed". */
export const FAILOVER_WATCH_MS = 30_000;
const POLL_MS = 50;
/** Outside the background traffic's users (user0001…): its session is the probe's alone. */
const PROBE_USER = demoUser(9998);

/**
 * "Stop the primary" and what the classroom sees of it (Sentinel only). Before the kill a probe
 * user logs in through the balancer; then the primary is SIGKILLed and two clocks run from that
 * moment: until a sentinel names another primary AND that one accepts a write, and until the
 * probe's session (written before the kill) answers GET /api/me with 200 again through the nodes.
 * Both are measured on this machine, polling every 50 ms (so ±50 ms). Then the killed server is
 * started again as a replica of the new primary (the launcher's safe restart).
 */
export class FailoverWatch {
  private known = new Set<number>();
  private sentinelKey = '';
  private topology: Omit<ReplicationView, 'failover'> | null = null;
  private failover: FailoverView | null = null;

  private readonly live: LiveCluster;
  /** Virtual users' requests answered 401 ERR_SESSION_UNKNOWN so far. */
  private readonly sessionMisses: () => number;
  private readonly changed: () => void;

  constructor(live: LiveCluster, sessionMisses: () => number, changed: () => void) {
    this.live = live;
    this.sessionMisses = sessionMisses;
    this.changed = changed;
  }

  /** The last reading, or null when the running store is not a Sentinel topology. */
  view(): ReplicationView | null {
    if (this.live.cluster.store !== 'sentinel' || !this.topology) return null;
    return { ...this.topology, failover: this.failover };
  }

  /** Reads the topology again (each tick). A new cluster forgets the old ports and failover. */
  async refresh(): Promise<void> {
    const sentinels = this.sentinelPorts();
    const key = sentinels.join(',');
    if (key !== this.sentinelKey) {
      this.sentinelKey = key;
      this.known = new Set();
      this.failover = null;
      this.topology = null;
    }
    if (sentinels.length === 0) return;
    this.topology = await readTopology(sentinels, this.known);
  }

  /** The whole lesson action: kill, measure, rejoin. Runs as the one applying change. */
  async stopPrimary(setStep: (step: Step) => void): Promise<void> {
    const agent = new Agent({ connections: 1 });
    try {
      await this.measure(new VirtualUser(PROBE_USER, this.live.balancerUrl, agent), setStep);
    } finally {
      await agent.close().catch(() => undefined);
    }
  }

  private async measure(probe: VirtualUser, setStep: (step: Step) => void): Promise<void> {
    const sentinels = this.sentinelPorts();
    const loggedIn = (await loginWithRetry(probe, 10_000)).status === 200;
    const stoppedPort = (await namedPrimary(sentinels)) ?? null;
    const missesBefore = this.sessionMisses();
    const failover: FailoverView = {
      phase: 'waiting',
      stoppedPort,
      stoppedAt: Date.now(),
      promotedPort: null,
      writableAfterMs: null,
      sessionAfterMs: null,
      sessionKept: null,
      sessionUnknown: 0,
    };
    this.failover = failover;
    this.changed();
    await this.live.cluster.stopRedis();
    await Promise.all([
      this.clockWrites(failover, sentinels),
      loggedIn ? this.clockSession(failover, probe) : Promise.resolve(),
    ]);
    failover.sessionUnknown = this.sessionMisses() - missesBefore;
    failover.phase = failover.writableAfterMs === null ? 'failed' : 'promoted';
    this.changed();
    if (failover.phase === 'failed') return;
    setStep('rejoining-replica');
    await this.live.cluster.startRedis();
    failover.sessionUnknown = this.sessionMisses() - missesBefore;
    failover.phase = 'rejoined';
    await this.refresh().catch(() => undefined);
  }

  /** Until a sentinel names another primary and that primary answers a write with OK. */
  private async clockWrites(failover: FailoverView, sentinels: number[]): Promise<void> {
    const deadline = failover.stoppedAt + FAILOVER_WATCH_MS;
    while (Date.now() < deadline) {
      const named = await namedPrimary(sentinels);
      if (named !== undefined && named !== failover.stoppedPort && (await acceptsWrite(named))) {
        failover.writableAfterMs = Date.now() - failover.stoppedAt;
        failover.promotedPort = named;
        this.changed();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Until the probe's session answers 200 (kept) or 401 (lost with the primary). */
  private async clockSession(failover: FailoverView, probe: VirtualUser): Promise<void> {
    const deadline = failover.stoppedAt + FAILOVER_WATCH_MS;
    while (Date.now() < deadline) {
      const reply = await probe.me();
      if (reply.status === 200 || reply.status === 401) {
        failover.sessionKept = reply.status === 200;
        if (reply.status === 200) failover.sessionAfterMs = Date.now() - failover.stoppedAt;
        this.changed();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private sentinelPorts(): number[] {
    return (this.live.cluster.sentinels ?? []).map((s) => s.port);
  }
}
