import { EventEmitter } from 'node:events';
import { STRATEGY_NAMES, type StrategyName } from '../balancer/config.ts';
import { RUN_MODES, type RunMode } from '../cluster/run-modes.ts';
import type { ErrorCode } from '../lib/error-codes.ts';
import type { Lang } from '../lib/i18n/index.ts';
import type { Reply } from '../scenarios/client/http.ts';
import { FailoverWatch } from './failover-watch.ts';
import { type Applying, type ClassroomRedis, type LiveCluster, redisOf, type Setup } from './live-cluster.ts';
import { type NodeStatus, nodeStatus, type RoutingView } from './node-status.ts';
import type { ReplicationView } from './replication.ts';
import type { StudentsView } from './students.ts';
import { NO_RESPONSE, type NodeCounts, type Outcome, Tally } from './tally.ts';
import { BackgroundTraffic, MAX_RATE } from './traffic.ts';

/**
 * Everything the page shows, kept in one place: the live cluster, the background traffic, the
 * counts, and the once-a-second tick. `state` (GET /api/state and the `state` event) describes
 * the set-up and each node's totals; `tick` adds the last second's rates and the live figures.
 * Emits 'state' whenever the set-up part changes and 'tick' each second.
 */
export type { NodeStatus } from './node-status.ts';

export interface NodeView extends NodeCounts {
  id: string;
  up: boolean;
  status: NodeStatus;
}

export interface ClassroomState {
  mode: Setup['mode'];
  strategy: Setup['strategy'];
  nodes: NodeView[];
  store: { kind: string; up: boolean };
  /** The store topology asked for (the Redis modes run it; `store.kind` is what runs). */
  redis: ClassroomRedis;
  /** Sentinel only: primary, replica, sentinels and the last "stop the primary"; else null. */
  replication: ReplicationView | null;
  balancerUrl: string;
  lang: Lang;
  applying: Applying | null;
  lastError: { code: ErrorCode; message: string } | null;
  traffic: { rate: number; max: number };
  modes: readonly RunMode[];
  strategies: readonly StrategyName[];
  generation: number;
  unrouted: NodeCounts;
  credential: { kind: 'cookie' | 'bearer'; bytes: number } | null;
  /** (N-1)/N for memory + round-robin over the nodes up, 0 where every node knows every user. */
  expectedFailureRate: number | null;
  /** Requests per connection before each virtual user re-opens it; null: kept open. */
  reconnectEvery: number | null;
  /** The students' own phones: counted apart from the virtual users. */
  students: StudentsView;
  /** Where students join (`--lan`), for the projector's QR code; null without it. */
  join: { url: string } | null;
}

/** What the students' side adds to the state (empty when nobody serves /join). */
export interface StudentsSource {
  view: () => StudentsView;
  joinUrl: string | null;
}

const NO_STUDENTS: StudentsSource = {
  view: () => ({
    joined: 0,
    active: 0,
    requests: 0,
    ok: 0,
    failed: 0,
    logins: 0,
    byNode: {},
    list: [],
    callout: null,
  }),
  joinUrl: null,
};

/** The virtual users' connections and how the first requests on new ones fared. */
export interface ConnectionsView {
  open: number;
  /** Connections opened since the current cluster or balancer took over. */
  opened: number;
  firstRequests: number;
  firstMissed: number;
  expectedFirstMiss: number;
}

/** A node's totals plus the last second's rates. */
export interface TickNode extends NodeView {
  okRate: number;
  failedRate: number;
}

/** The once-a-second `tick` event: the last second's rates and the live figures. */
export interface ClassroomTick {
  /** ISO 8601. */
  at: string;
  generation: number;
  nodes: TickNode[];
  unrouted: NodeCounts;
  window: ReturnType<Tally['window']>;
  expectedFailureRate: number | null;
  storeOpsPerRequest: number | null;
  logins: number;
  credential: ClassroomState['credential'];
  trafficRate: number;
  skipped: number;
  connections: ConnectionsView;
  /** The students' phones (same as in the state), each second. */
  students: StudentsView;
  /** Same as in the state, read again each second. */
  replication: ReplicationView | null;
}

/** What the Monitor emits (typed, so the page's view of both events is the server's). */
export interface MonitorEvents {
  state: [ClassroomState];
  tick: [ClassroomTick];
}

/**
 * What theory says the failure rate of GET /api/me should be (derived from the set-up).
 * Per connection (memory): 0 while connections are kept. Re-opened every k requests (the login
 * counts, k ≥ 2): only a connection's first request can miss, with probability m = (N-1)/N, and a
 * miss costs a login on that connection — so per connection m failures among k - m requests.
 */
export function expectedFailureRate(
  setup: Setup,
  nodesUp: number,
  storeUp: boolean,
  reconnectEvery: number | null = null,
): number | null {
  if (nodesUp === 0) return 1;
  if (setup.mode === 'memory') {
    const miss = (nodesUp - 1) / nodesUp;
    if (setup.strategy === 'round-robin') return miss;
    if (setup.strategy === 'sticky' || setup.strategy === 'ip-hash') return 0;
    if (setup.strategy === 'connection') return reconnectEvery === null ? 0 : miss / (reconnectEvery - miss);
    return null;
  }
  if (setup.mode === 'redis' && !storeUp) return 1;
  return 0;
}

/** The chance that a request on a new connection misses the user's session: (N-1)/N behind `connection`. */
export function expectedFirstMiss(setup: Setup, nodesUp: number): number {
  if (setup.mode !== 'memory' || nodesUp === 0) return 0;
  if (setup.strategy === 'round-robin' || setup.strategy === 'connection') return (nodesUp - 1) / nodesUp;
  return 0;
}

export class Monitor extends EventEmitter<MonitorEvents> {
  readonly tally = new Tally();
  readonly traffic: BackgroundTraffic;
  readonly failover: FailoverWatch;
  private timer: NodeJS.Timeout | undefined;
  private routing: RoutingView = { up: [], polledAt: 0 };
  private polling: Promise<void> | undefined;
  private credential: ClassroomState['credential'] = null;
  private lastSignature = '';
  private storeSamples: { commands: number; requests: number }[] = [];
  private meCount = 0;
  /** Users' connections established before the last reset (the figure counts from there). */
  private establishedBase = 0;

  private readonly live: LiveCluster;
  private readonly lang: Lang;
  private readonly students: StudentsSource;

  constructor(live: LiveCluster, lang: Lang, trafficRate: number, students: StudentsSource = NO_STUDENTS) {
    super();
    this.live = live;
    this.lang = lang;
    this.students = students;
    this.traffic = new BackgroundTraffic(
      live.balancerUrl,
      live.setup.mode,
      {
        me: (reply) => this.record('me', outcomeOfReply(reply)),
        login: (reply) => this.record('login', outcomeOfReply(reply)),
        credential: (kind, bytes) => {
          this.credential = { kind, bytes };
        },
        firstOnConnection: (reply) => this.tally.recordFirstOnConnection(reply.status === 401),
      },
      trafficRate,
    );
    this.failover = new FailoverWatch(
      live,
      () => this.tally.failuresWith('ERR_SESSION_UNKNOWN'),
      () => this.publishState(),
    );
    // A change (kill, restart, swap) is shown at once, then again when the balancer's view of it
    // is known: a node turns "up" only from a poll sent after it started.
    live.on('change', () => {
      this.publishState();
      void this.pollBalancer().then(() => this.publishState());
    });
    live.on('pause', () => this.traffic.pause());
    live.on('resume', () => this.traffic.resume());
    live.on('swapped', ({ freshNodes }: { freshNodes: boolean }) => {
      this.tally.reset();
      this.storeSamples = [];
      this.routing = { up: [], polledAt: 0 };
      if (freshNodes) {
        this.credential = null;
        this.traffic.resetUsers(live.setup.mode);
      }
      this.establishedBase = this.traffic.connections().established;
    });
  }

  /** Starts the traffic and the ticks; settles once the balancer's routing is known. */
  async start(): Promise<void> {
    this.traffic.start();
    this.timer ??= setInterval(() => void this.tick(), 1000);
    this.timer.unref();
    await this.pollBalancer();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.traffic.stop();
  }

  record(kind: 'me' | 'login', outcome: Outcome): void {
    if (kind === 'login') {
      this.tally.recordLogin(outcome.status === 200);
      return;
    }
    this.meCount++;
    this.tally.record(outcome);
  }

  setTrafficRate(rate: number): void {
    this.traffic.setRate(rate);
    this.publishState();
  }

  setReconnectEvery(every: number | null): void {
    this.traffic.setReconnectEvery(every ?? undefined);
    this.publishState();
  }

  /** Every virtual user's connection is re-opened at its next request. */
  reconnect(): void {
    this.traffic.reconnect();
  }

  /** The users' connections and how their first requests fared (for the per-connection lesson). */
  connections(): ConnectionsView {
    const counts = this.traffic.connections();
    const nodesUp = this.state().nodes.filter((node) => node.up).length;
    return {
      open: counts.open,
      opened: counts.established - this.establishedBase,
      firstRequests: this.tally.firstOnConnection.requests,
      firstMissed: this.tally.firstOnConnection.missed,
      expectedFirstMiss: expectedFirstMiss(this.live.setup, nodesUp),
    };
  }

  state(): ClassroomState {
    const live = this.live;
    const setup = live.setup;
    const nodes = live.cluster.nodeIds.map((id, index): NodeView => {
      const status = nodeStatus(live.nodeRunning(index), index, this.routing, live.changedAt(index));
      return { id, up: status === 'up', status, ...this.tally.countsOf(id) };
    });
    const storeKind = live.cluster.store;
    const nodesUp = nodes.filter((n) => n.up).length;
    return {
      mode: setup.mode,
      strategy: setup.strategy,
      nodes,
      store: { kind: storeKind, up: storeKind !== 'none' && live.storeUp },
      redis: redisOf(setup),
      replication: this.failover.view(),
      balancerUrl: live.balancerUrl,
      lang: this.lang,
      applying: live.applying ?? null,
      lastError: live.lastError ?? null,
      traffic: { rate: this.traffic.rate, max: MAX_RATE },
      modes: RUN_MODES,
      strategies: STRATEGY_NAMES,
      generation: live.generation,
      unrouted: this.tally.unroutedCounts,
      credential: this.credential,
      expectedFailureRate: expectedFailureRate(
        setup,
        nodesUp,
        live.storeUp,
        this.traffic.reconnectEvery ?? null,
      ),
      reconnectEvery: this.traffic.reconnectEvery ?? null,
      students: this.students.view(),
      join: this.students.joinUrl === null ? null : { url: this.students.joinUrl },
    };
  }

  /** Sends `state` when anything but the counters changed since the last one. */
  publishState(): void {
    const state = this.state();
    const { nodes, unrouted: _unrouted, credential: _credential, students: _students, ...rest } = state;
    const signature = JSON.stringify({ ...rest, nodes: nodes.map((n) => [n.id, n.status]) });
    if (signature === this.lastSignature) return;
    this.lastSignature = signature;
    this.emit('state', state);
  }

  private async tick(): Promise<void> {
    await Promise.all([this.pollBalancer(), this.failover.refresh().catch(() => undefined)]);
    const second = this.tally.rotate();
    const window = this.tally.window();
    const state = this.state();
    const nodes = state.nodes.map((node) => {
      const last = second.byNode.get(node.id) ?? { ok: 0, failed: 0 };
      return { ...node, okRate: last.ok, failedRate: last.failed };
    });
    this.publishState();
    this.emit('tick', {
      at: new Date().toISOString(),
      generation: state.generation,
      nodes,
      unrouted: state.unrouted,
      window,
      expectedFailureRate: state.expectedFailureRate,
      storeOpsPerRequest: await this.storeOpsPerRequest(),
      logins: this.tally.logins,
      credential: state.credential,
      trafficRate: this.traffic.rate,
      skipped: this.traffic.skipped,
      connections: this.connections(),
      students: state.students,
      replication: state.replication,
    });
  }

  /** Which targets the balancer routes to (one poll in flight at a time; callers share it). */
  private pollBalancer(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    const sentAt = Date.now();
    const generation = this.live.generation;
    try {
      const response = await fetch(`${this.live.balancerUrl}/__lb/stats`, {
        signal: AbortSignal.timeout(800),
      });
      const stats = (await response.json()) as { targets?: { up?: boolean }[] };
      if (generation !== this.live.generation) return;
      this.routing = { up: (stats.targets ?? []).map((t) => t.up === true), polledAt: sentAt };
    } catch {
      // The balancer is being swapped: keep the last view (older than the swap, so not "up").
    }
  }

  /** Redis commands per authenticated request over the last five seconds; null without a store. */
  private async storeOpsPerRequest(): Promise<number | null> {
    const cluster = this.live.cluster;
    if (cluster.store === 'none' || !this.live.storeUp) return null;
    let commands: number;
    try {
      commands = await Promise.race([
        cluster.redisCommandCount(),
        new Promise<number>((_, reject) => setTimeout(() => reject(new Error('timeout')), 500)),
      ]);
    } catch {
      return null;
    }
    this.storeSamples.push({ commands, requests: this.meCount });
    if (this.storeSamples.length > 6) this.storeSamples.shift();
    const first = this.storeSamples[0]!;
    const last = this.storeSamples.at(-1)!;
    const requests = last.requests - first.requests;
    return requests > 0 ? (last.commands - first.commands) / requests : null;
  }
}

function outcomeOfReply(reply: Reply): Outcome {
  return {
    nodeId: reply.nodeId,
    status: reply.status,
    code: reply.code ?? (reply.error ? NO_RESPONSE : undefined),
  };
}
